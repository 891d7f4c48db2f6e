package control

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// approveDeviceCode decides a pending user code as a user, as a person on
// the device-login page would, so a test can finish the flow from the
// client's prompt callback without a browser.
func (h *Handler) approveDeviceCode(c echo.Context) error {
	var in controlapi.DeviceDecision
	if err := readJSON(c, &in); err != nil {
		return err
	}
	if in.UserCode == "" || in.User == "" {
		return badRequest(controlapi.ErrInvalidRequest, errors.New(`"user_code" and "user" are required`))
	}
	decide, state := h.IDP.Devices.ApproveDeviceCode, "approved"
	if in.Deny {
		decide, state = h.IDP.Devices.DeclineDeviceCode, "declined"
	}
	if err := decide(in.UserCode, in.User); err != nil {
		return oauthFailure(err)
	}
	return web.WriteJSON(c, http.StatusOK, controlapi.DeviceDecided{UserCode: idp.NormalizeUserCode(in.UserCode), State: state})
}
