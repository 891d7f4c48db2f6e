package mockidpclient

import (
	"context"
	"net/http"

	"github.com/mockidp/mockidp/controlapi"
)

// ApproveDeviceCode approves a pending device code, named by the user code
// the client showed, as user (a UPN or object ID of the device's tenant):
// what a person does on the device-login page. The polling client then
// gets the user's tokens.
func (c *Client) ApproveDeviceCode(ctx context.Context, userCode, user string) error {
	return c.decideDeviceCode(ctx, userCode, user, false)
}

// DenyDeviceCode declines a pending device code as user; the polling
// client then gets authorization_declined.
func (c *Client) DenyDeviceCode(ctx context.Context, userCode, user string) error {
	return c.decideDeviceCode(ctx, userCode, user, true)
}

func (c *Client) decideDeviceCode(ctx context.Context, userCode, user string, deny bool) error {
	in := controlapi.DeviceDecision{UserCode: userCode, User: user, Deny: deny}
	return c.do(ctx, http.MethodPost, controlapi.DeviceCodePath, in, nil)
}
