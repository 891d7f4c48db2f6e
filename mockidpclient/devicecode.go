package mockidpclient

import (
	"context"
	"net/http"
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
	in := struct {
		UserCode string `json:"user_code"`
		User     string `json:"user"`
		Deny     bool   `json:"deny,omitempty"`
	}{userCode, user, deny}
	return c.do(ctx, http.MethodPost, "/devicecode/approve", in, nil)
}
