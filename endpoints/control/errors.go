package control

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/scenarios"
)

// maxBodyBytes bounds a control request body (a seed can be large).
const maxBodyBytes = 8 << 20

// apiError is a control-API failure; it renders itself.
type apiError struct{ body controlapi.Error }

func (e *apiError) Error() string { return e.body.Error() }

// Render writes the error in the control API's one shape.
func (e *apiError) Render(c echo.Context) error { return web.WriteJSON(c, e.body.Status, e.body) }

var _ web.RenderableError = (*apiError)(nil)

func fail(status int, code, detail string) error {
	return &apiError{controlapi.Error{Status: status, Code: code, Detail: detail}}
}

func badRequest(code string, err error) error { return fail(http.StatusBadRequest, code, err.Error()) }

// domainFailure is the answer to an operation the directory refused: 404
// when nothing matched what it named, 409 when it was already so, 400
// with code otherwise.
func domainFailure(code string, err error) error {
	switch {
	case errors.Is(err, idp.ErrNoMatch):
		return fail(http.StatusNotFound, controlapi.ErrNotFound, err.Error())
	case errors.Is(err, idp.ErrNoChange):
		return fail(http.StatusConflict, controlapi.ErrNoChange, err.Error())
	}
	return badRequest(code, err)
}

// oauthFailure passes on the OAuth code of a request idp refused (an
// unknown user code is bad_verification_code), as a 400.
func oauthFailure(err error) error {
	var e *idp.Error
	if errors.As(err, &e) && e.Status < http.StatusInternalServerError {
		return fail(http.StatusBadRequest, e.Code, e.Message)
	}
	return err
}

// Shape writes the control API's failures that are not apiErrors: a
// router's 404 and 405, and internal failures, whose Go error stays in
// the log.
type Shape struct{}

var _ web.Shape = Shape{}

// Error writes err in the control API's shape.
func (Shape) Error(c echo.Context, err error) error {
	var he *echo.HTTPError
	switch {
	case errors.As(err, &he) && he.Code == http.StatusNotFound:
		err = notFound(c)
	case errors.As(err, &he) && he.Code == http.StatusMethodNotAllowed:
		err = methodNotAllowed(c)
	}
	var ae *apiError
	if errors.As(oauthFailure(err), &ae) {
		return ae.Render(c)
	}
	return web.WriteJSON(c, http.StatusInternalServerError, controlapi.Error{Code: controlapi.ErrServerError,
		Detail: "mockidp failed to answer; its log says why"})
}

// ScenarioError is never asked for: scenarios do not fire on the control
// API. It answers in the control API's shape all the same.
func (s Shape) ScenarioError(c echo.Context, ea *scenarios.ErrorAction) error {
	return s.ScenarioStatus(c, ea.Status, 0)
}

// ScenarioStatus: see ScenarioError.
func (Shape) ScenarioStatus(c echo.Context, status, _ int) error {
	return web.WriteJSON(c, status, controlapi.Error{Code: controlapi.ErrServerError, Detail: http.StatusText(status)})
}

// notFound answers a path under the prefix that is no route.
func notFound(c echo.Context) error {
	return fail(http.StatusNotFound, controlapi.ErrNotFound,
		fmt.Sprintf("%s is not a control API path; %s lists them", c.Request().URL.Path, controlapi.OpenAPIPath))
}

// methodNotAllowed answers a method a control path does not take.
func methodNotAllowed(c echo.Context) error {
	return fail(http.StatusMethodNotAllowed, controlapi.ErrMethodNotAllowed,
		fmt.Sprintf("%s does not take %s; %s lists what it takes", c.Request().URL.Path, c.Request().Method, controlapi.OpenAPIPath))
}

// readBody reads at most maxBodyBytes; a larger body is refused whole,
// never truncated into something that happens to parse.
func readBody(c echo.Context) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(c.Request().Body, maxBodyBytes+1))
	if err != nil {
		return nil, badRequest(controlapi.ErrUnreadableBody, err)
	}
	if len(b) > maxBodyBytes {
		return nil, badRequest(controlapi.ErrBodyTooLarge, fmt.Errorf("the body exceeds %d bytes", maxBodyBytes))
	}
	return b, nil
}

// readJSON decodes the body strictly: unknown fields and trailing data are
// errors that name what is wrong.
func readJSON(c echo.Context, v any) error {
	b, err := readBody(c)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return badRequest(controlapi.ErrInvalidJSON, errors.New("the body is empty; send a JSON document"))
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return badRequest(controlapi.ErrInvalidJSON, err)
	}
	if d.More() {
		return badRequest(controlapi.ErrInvalidJSON, errors.New("data after the JSON document"))
	}
	return nil
}

// Fail is a control-API error answer with status, code (a
// controlapi.Err… code) and detail, for middleware in front of the area.
func Fail(status int, code, detail string) error { return fail(status, code, detail) }

// Failure is the control-API error err carries, if it is one: for an
// area that shows the same refusal in another form (the web console's
// pages).
func Failure(err error) (controlapi.Error, bool) {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.body, true
	}
	return controlapi.Error{}, false
}
