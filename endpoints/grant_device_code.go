package endpoints

import (
	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
)

// deviceCodeGrant redeems a device code: both grant_type spellings, the
// code in device_code (RFC 8628, msal-go) or code (ADAL, MSAL Python also
// sends it there). Until the user decides it answers
// authorization_pending; see idp.PollDeviceCode for every outcome.
func (s *Server) deviceCodeGrant(c echo.Context, req *tokenRequest) error {
	code := req.form.Get("device_code")
	if code == "" {
		code = req.form.Get("code")
	}
	if req.client.ClientID == "" {
		return idp.ErrMissingParameter.New("client_id")
	}
	if code == "" {
		return idp.ErrMissingParameter.New("device_code")
	}
	// The client proves itself before every poll, as on Entra: a
	// confidential client without its secret never gets to hear "pending".
	if _, _, err := s.idp.AuthenticateClient(s.deviceClientTenant(req), req.client); err != nil {
		return err
	}
	d, err := s.idp.PollDeviceCode(code, req.client.ClientID, req.tenant)
	if err != nil {
		return err
	}
	ref, err := s.idp.ResolveTenant(req.site, d.TenantID) // in the poll's cloud only
	if err != nil {
		return err
	}
	t := ref.Tenant
	client, acr, err := s.idp.AuthenticateClient(t, req.client)
	if err != nil {
		return err
	}
	ug := req.userGrant(t, client, acr, *d.SignIn)
	ug.Scope, ug.Resource = d.Scope, d.Resource
	toks, err := s.idp.IssueUserTokens(ug)
	if err != nil {
		return err
	}
	return s.writeUserTokens(c, req.v1, toks)
}

// deviceClientTenant is where the polling client is registered: the
// path's tenant, or on an alias the first tenant of the cloud that has it.
func (s *Server) deviceClientTenant(req *tokenRequest) *idp.TenantView {
	if req.tenant.Tenant != nil {
		return req.tenant.Tenant
	}
	if t, ok := s.idp.TenantWithApp(req.site.Cloud.Name, req.client.ClientID); ok {
		return t
	}
	return &idp.TenantView{Tenant: &idp.Tenant{ID: req.tenant.Segment}}
}
