package entra

import (
	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
)

// refreshToken redeems a refresh token for any resource the user
// consented to (Entra's refresh tokens are multi-resource), returning a
// new refresh token when offline_access is asked for; the old one stays
// valid until its own expiry, as on Entra. A single-page app's refresh
// token must come cross-origin and lives a fixed 24 hours.
func (h *Handler) refreshToken(c echo.Context, req *tokenRequest) (*prepared, error) {
	rt := req.form.Get("refresh_token")
	if rt == "" {
		return nil, idp.ErrMissingParameter.New("refresh_token")
	}
	g, err := h.IDP.Grants.RedeemRefreshToken(rt, req.client.ClientID)
	if err != nil {
		return nil, err
	}
	if err := idp.CheckOrigin(g.SPA, c.Request().Header.Get(echo.HeaderOrigin)); err != nil {
		return nil, err
	}
	t, err := h.grantTenant(req, g.TenantID)
	if err != nil {
		return nil, err
	}
	if t.ID != g.TenantID {
		return nil, idp.ErrRefreshTokenInvalid.New()
	}
	req.client.SPA = g.SPA
	return &prepared{tenant: t, issue: func(cl authenticated) error { return h.refresh(c, req, g, cl) }}, nil
}

func (h *Handler) refresh(c echo.Context, req *tokenRequest, g idp.RefreshGrant, cl authenticated) error {
	client, acr := cl.app, cl.acr
	ut, in, err := h.IDP.Grants.RefreshSignIn(g)
	if err != nil {
		return err
	}
	scope, resource := req.form.Get("scope"), req.form.Get("resource")
	if !req.form.Has("scope") && resource == "" {
		scope, resource = g.Scope, g.Resource
	}
	ug := req.userGrant(ut, client, acr, in)
	ug.Scope, ug.Resource, ug.SPA, ug.SPASince = scope, resource, g.SPA, g.SPASince
	toks, err := h.IDP.Grants.IssueUserTokens(ug)
	if err != nil {
		return err
	}
	return h.writeUserTokens(c, req.v1, toks)
}
