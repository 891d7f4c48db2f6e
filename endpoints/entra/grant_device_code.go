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
	// "pending".
	t := h.deviceClientTenant(req)
	return &prepared{tenant: t, issue: func(cl authenticated) error { return h.pollDevice(c, req, code, t, cl) }}, nil
}

// pollDevice answers a poll. Once the user has decided, the tokens are
// issued in the tenant the user signed in to: only when that is another
// tenant than the one the client authenticated in is the client
// authenticated there again.
func (h *Handler) pollDevice(c echo.Context, req *tokenRequest, code string, authTenant *idp.TenantView, cl authenticated) error {
	d, err := h.IDP.Devices.PollDeviceCode(code, req.client.ClientID, req.tenant)
	if err != nil {
		return err
	}
	ref, err := h.IDP.Directory.ResolveTenant(req.site, d.TenantID) // in the poll's cloud only
	if err != nil {
		return err
	}
	t := ref.Tenant
	client, acr := cl.app, cl.acr
	if t.ID != authTenant.ID {
		if client, acr, err = h.IDP.Clients.AuthenticateClient(t, req.client); err != nil {
			return err
		}
	}
	ug := req.userGrant(t, client, acr, *d.SignIn)
	ug.Scope, ug.Resource = d.Scope, d.Resource
	toks, err := h.IDP.Grants.IssueUserTokens(ug)
	if err != nil {
		return err
	}
	return h.writeUserTokens(c, req.v1, toks)
}

// deviceClientTenant is where the polling client is registered: the
// path's tenant, or on an alias the first tenant of the cloud that has it.
func (h *Handler) deviceClientTenant(req *tokenRequest) *idp.TenantView {
	if req.tenant.Tenant != nil {
		return req.tenant.Tenant
	}
	if t, ok := h.IDP.Directory.TenantWithApp(req.site.Cloud.Name, req.client.ClientID); ok {
		return t
	}
	return &idp.TenantView{Tenant: &idp.Tenant{ID: req.tenant.Segment}}
}
