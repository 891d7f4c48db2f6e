package controlapi

// Malformed body kinds.
const (
	// BodyMalformed replaces the answer with an HTML page, as a proxy or a
	// captive portal in front of the service would.
	BodyMalformed = "malformed"
	// BodyTruncated sends the first half of the real answer.
	BodyTruncated = "truncated"
)

// Token faults: the answer is the real one, with its access token signed
// again after the change.
const (
	TokenExpired       = "expired"        // exp in the past
	TokenNotYetValid   = "not-yet-valid"  // nbf an hour ahead
	TokenWrongAudience = "wrong-audience" // aud of no resource
	TokenWrongIssuer   = "wrong-issuer"   // iss of no Entra instance
	TokenUnknownKid    = "unknown-kid"    // signed by a key the JWKS does not publish
	TokenMissingScope  = "missing-scope"  // scp without the resource scopes, roles empty
)

// TokenFaults lists the token faults.
var TokenFaults = []string{TokenExpired, TokenNotYetValid, TokenWrongAudience, TokenWrongIssuer, TokenUnknownKid, TokenMissingScope}

// Action is what a firing scenario does. Delay combines with any other
// field; of Error, Status, Drop, Body and Token at most one is set.
type Action struct {
	// Error answers with an Entra error of any shape.
	Error *ErrorAction `json:"error,omitempty"`
	// Status answers with that HTTP status in Entra's shape (429 throttled,
	// 500 server error, 503 unavailable, …) and RetryAfter seconds in a
	// Retry-After header when positive.
	Status     int `json:"status,omitempty"`
	RetryAfter int `json:"retry_after,omitempty"`
	// Delay holds the answer back (real time; the request's context ends
	// it early).
	Delay Duration `json:"delay,omitempty"`
	// Drop closes the connection without an answer.
	Drop bool `json:"drop,omitempty"`
	// Body is BodyMalformed or BodyTruncated.
	Body string `json:"body,omitempty"`
	// Token is one of TokenFaults.
	Token string `json:"token,omitempty"`
}

// ErrorAction is an Entra error answer: AADSTS number, OAuth error code,
// HTTP status and the optional suberror and claims challenge. Empty fields
// take the catalogue entry of the AADSTS number when mockidp knows it, and
// 400 invalid_request otherwise. On Azure Resource Manager (match.endpoint
// "arm") it is ARM's {"error":{"code","message"}} with Code, Message and
// Status; AADSTS, Suberror and Claims do not apply there.
type ErrorAction struct {
	AADSTS   int    `json:"aadsts"`
	Code     string `json:"code,omitempty"`
	Status   int    `json:"status,omitempty"`
	Message  string `json:"message,omitempty"`
	Suberror string `json:"suberror,omitempty"`
	Claims   string `json:"claims,omitempty"`
}
