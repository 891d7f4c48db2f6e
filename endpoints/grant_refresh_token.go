package endpoints

import (
	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
)

// refreshToken redeems a refresh token for any resource the user
// consented to (Entra's refresh tokens are multi-resource), returning a
// new refresh token when offline_access is asked for; the old one stays
// valid until its own expiry, as on Entra. A single-page app's refresh
// token must come cross-origin and lives a fixed 24 hours.
func (s *Server) refreshToken(c echo.Context, req *tokenRequest) error {
	rt := req.form.Get("refresh_token")
	if rt == "" {
		return idp.ErrMissingParameter.New("refresh_token")
	}
	g, err := s.idp.RedeemRefreshToken(rt, req.client.ClientID)
	if err != nil {
		return err
	}
	if err := idp.CheckOrigin(g.SPA, c.Request().Header.Get(echo.HeaderOrigin)); err != nil {
		return err
	}
	t, err := s.grantTenant(req, g.TenantID)
	if err != nil {
		return err
	}
	if t.ID != g.TenantID {
		return idp.ErrRefreshTokenInvalid.New()
	}
	req.client.SPA = g.SPA
	client, acr, err := s.idp.AuthenticateClient(t, req.client)
	if err != nil {
		return err
	}
	ut, in, err := s.idp.RefreshSignIn(g)
	if err != nil {
		return err
	}
	scope, resource := req.form.Get("scope"), req.form.Get("resource")
	if !req.form.Has("scope") && resource == "" {
		scope, resource = g.Scope, g.Resource
	}
	ug := req.userGrant(ut, client, acr, in)
	ug.Scope, ug.Resource, ug.SPA, ug.SPASince = scope, resource, g.SPA, g.SPASince
	toks, err := s.idp.IssueUserTokens(ug)
	if err != nil {
		return err
	}
	return s.writeUserTokens(c, req.v1, toks)
}
