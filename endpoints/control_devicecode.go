package endpoints

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// deviceDecision is the body of POST /_mockidp/devicecode/approve.
type deviceDecision struct {
	UserCode string `json:"user_code"`
	// User is a UPN or object ID of the tenant the device named.
	User string `json:"user"`
	Deny bool   `json:"deny"`
}

// approveDeviceCode decides a pending user code as a user, as a person on
// the device-login page would, so a test can finish the flow from the
// client's prompt callback without a browser.
func (s *Server) approveDeviceCode(c echo.Context) error {
	var in deviceDecision
	if err := readJSON(c, &in); err != nil {
		return err
	}
	if in.UserCode == "" || in.User == "" {
		return badRequest("invalid_request", errors.New(`"user_code" and "user" are required`))
	}
	decide := s.idp.ApproveDeviceCode
	if in.Deny {
		decide = s.idp.DeclineDeviceCode
	}
	if err := decide(in.UserCode, in.User); err != nil {
		var e *idp.Error
		if errors.As(err, &e) && e.Status < 500 {
			return badRequest(e.Code, e)
		}
		return err
	}
	state := "approved"
	if in.Deny {
		state = "declined"
	}
	return web.WriteJSON(c, http.StatusOK, map[string]string{"user_code": idp.NormalizeUserCode(in.UserCode), "state": state})
}
