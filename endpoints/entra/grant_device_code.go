package entra

import (
	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
)

// deviceCodeGrant redeems a device code: both grant_type spellings, the
// code in device_code (RFC 8628, msal-go) or code (ADAL, MSAL Python also
// sends it there). Until the user decides it answers
// authorization_pending; see idp.PollDeviceCode for every outcome.
func (h *Handler) deviceCodeGrant(c echo.Context, req *tokenRequest) (*prepared, error) {
	code := req.form.Get("device_code")
	if code == "" {
		code = req.form.Get("code")
	}
	if req.client.ClientID == "" {
		return nil, idp.ErrMissingParameter.New("client_id")
	}
	if code == "" {
		return nil, idp.ErrMissingParameter.New("device_code")
	}
	// The pipeline authenticates the client before every poll, as Entra
	// does: a confidential client without its secret never gets to hear
	// "pending". It does so once, in the tenant the tokens will be issued
	// in: the one the user approved in, once they have.
	t, err := h.deviceClientTenant(req, code)
	if err != nil {
		return nil, err
	}
	return &prepared{tenant: t, issue: func(cl authenticated) error { return h.pollDevice(c, req, code, t, cl) }}, nil
}

// pollDevice answers a poll; once the user has approved, with tokens
// issued in the tenant they approved in, where the client authenticated.
func (h *Handler) pollDevice(c echo.Context, req *tokenRequest, code string, t *idp.TenantView, cl authenticated) error {
	d, err := h.IDP.Devices.PollDeviceCode(idp.DevicePoll{Code: code, ClientID: req.client.ClientID,
		Tenant: req.tenant, ClientTenant: t.ID})
	if err != nil {
		return err
	}
	ug := req.userGrant(t, cl.app, cl.acr, *d.SignIn)
	ug.Scope, ug.Resource = d.Scope, d.Resource
	toks, err := h.IDP.Grants.IssueUserTokens(ug)
	if err != nil {
		return err
	}
	return h.writeUserTokens(c, req.v1, toks)
}

// deviceClientTenant is where the polling client authenticates: the
// tenant the code was approved in (found in the poll's cloud only); before
// that the path's tenant, or on an alias the first tenant of the cloud
// that has the client.
func (h *Handler) deviceClientTenant(req *tokenRequest, code string) (*idp.TenantView, error) {
	if id, ok := h.IDP.Devices.ApprovedTenant(code, req.client.ClientID); ok {
		ref, err := h.IDP.Directory.ResolveTenant(req.site, id)
		return ref.Tenant, err
	}
	if req.tenant.Tenant != nil {
		return req.tenant.Tenant, nil
	}
	if t, ok := h.IDP.Directory.TenantWithApp(req.site.Cloud.Name, req.client.ClientID); ok {
		return t, nil
	}
	return &idp.TenantView{Tenant: &idp.Tenant{ID: req.tenant.Segment}}, nil
}
