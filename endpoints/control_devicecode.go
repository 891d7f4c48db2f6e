package endpoints

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
)

// deviceDecision is the body of POST /_mockidp/devicecode/approve.
type deviceDecision struct {
	UserCode string `json:"user_code"`
	// User is a UPN or object ID of the tenant the device named.
	User string `json:"user"`
	Deny bool   `json:"deny"`
}

// controlError is how mockidp's own API reports bad input: a status and a
// plain JSON body, not an Entra error, since no Entra client reads it.
type controlError struct {
	Status  int    `json:"-"`
	Code    string `json:"error"`
	Message string `json:"message"`
}

func (e *controlError) Error() string { return e.Code + ": " + e.Message }

// Render writes the error as JSON.
func (e *controlError) Render(c echo.Context) error { return writeJSON(c, e.Status, e) }

var _ RenderableError = (*controlError)(nil)

func badControlInput(msg string) *controlError {
	return &controlError{Status: http.StatusBadRequest, Code: "bad_request", Message: msg}
}

// maxControlBytes bounds a control-API body.
const maxControlBytes = 64 << 10

// approveDeviceCode decides a pending user code as a user, as a person on
// the device-login page would, so a test can finish the flow from the
// client's prompt callback without a browser.
func (s *Server) approveDeviceCode(c echo.Context) error {
	var in deviceDecision
	if err := readControlJSON(c.Request(), &in); err != nil {
		return err
	}
	if in.UserCode == "" || in.User == "" {
		return badControlInput(`"user_code" and "user" are required`)
	}
	decide := s.idp.ApproveDeviceCode
	if in.Deny {
		decide = s.idp.DeclineDeviceCode
	}
	if err := decide(in.UserCode, in.User); err != nil {
		var e *idp.Error
		if errors.As(err, &e) && e.Status < 500 {
			return &controlError{Status: http.StatusBadRequest, Code: e.Code, Message: e.Error()}
		}
		return err
	}
	state := "approved"
	if in.Deny {
		state = "declined"
	}
	return writeJSON(c, http.StatusOK, map[string]string{"user_code": idp.NormalizeUserCode(in.UserCode), "state": state})
}

// readControlJSON decodes one JSON object, refusing unknown fields so a
// typo in a test fails loudly.
func readControlJSON(r *http.Request, v any) error {
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "application/json" {
		return badControlInput("Content-Type must be application/json")
	}
	dec := json.NewDecoder(io.LimitReader(r.Body, maxControlBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badControlInput("invalid JSON body: " + err.Error())
	}
	if _, err := dec.Token(); err != io.EOF {
		return badControlInput("invalid JSON body: more than one value")
	}
	return nil
}
