package controlapi

import "fmt"

// Error is the control API's one error answer: 400, 404 or 409 with
// {"error": code, "detail": what is wrong}. Code is one of ErrorCodes.
type Error struct {
	Status int    `json:"-"`
	Code   string `json:"error"`
	Detail string `json:"detail"`
}

func (e *Error) Error() string { return fmt.Sprintf("mockidp %d %s: %s", e.Status, e.Code, e.Detail) }

// Error codes of the control API.
const (
	ErrUnreadableBody     = "unreadable_body"
	ErrBodyTooLarge       = "body_too_large"
	ErrInvalidJSON        = "invalid_json"
	ErrInvalidRequest     = "invalid_request"
	ErrInvalidScenario    = "invalid_scenario"
	ErrUnknownScenario    = "unknown_scenario"
	ErrInvalidPreset      = "invalid_preset"
	ErrUnknownOperation   = "unknown_operation"
	ErrMissingParameter   = "missing_parameter"
	ErrStateChangeFailed  = "state_change_failed"
	ErrInvalidClock       = "invalid_clock"
	ErrInvalidSeed        = "invalid_seed"
	ErrInvalidFilter      = "invalid_filter"
	ErrNoSuchSubscription = "no_such_subscription"
	ErrNotFound           = "not_found"
	ErrNoChange           = "no_change"
	ErrMethodNotAllowed   = "method_not_allowed"
	// The guard in front of the control API: a stranger without the
	// token, a page of another origin, a body that is not JSON.
	ErrForbidden            = "forbidden"
	ErrCrossOrigin          = "cross_origin"
	ErrUnsupportedMediaType = "unsupported_media_type"
	// ErrServerError is mockidp failing; its log says why.
	ErrServerError = "server_error"
)

// ErrorCodes lists every error code the control API answers with; the
// device-code approval also passes on the OAuth code of a refused decision
// (such as expired_token).
var ErrorCodes = []string{ErrUnreadableBody, ErrBodyTooLarge, ErrInvalidJSON, ErrInvalidRequest,
	ErrInvalidScenario, ErrUnknownScenario, ErrInvalidPreset, ErrUnknownOperation, ErrMissingParameter,
	ErrStateChangeFailed, ErrInvalidClock, ErrInvalidSeed, ErrInvalidFilter, ErrNoSuchSubscription,
	ErrNotFound, ErrNoChange, ErrMethodNotAllowed, ErrForbidden, ErrCrossOrigin, ErrUnsupportedMediaType, ErrServerError}
