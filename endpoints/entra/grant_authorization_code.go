package entra

import (
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
)

// authorizationCode redeems a code from /authorize. The client
// authenticates first (confidential clients must, public ones and codes
// of single-page-application redirect URIs need not);
// then the code is checked and spent: replay 54005, expiry 70008,
// redirect_uri 700009/500112, PKCE 501481; a single-page app's code
// only cross-origin with PKCE (9002327, 9002325), others never
// cross-origin (9002326).
func (h *Handler) authorizationCode(c echo.Context, req *tokenRequest) (*prepared, error) {
	code := req.form.Get("code")
	if code == "" {
		return nil, idp.ErrMissingParameter.New("code")
	}
	t, err := h.grantTenant(req, h.IDP.Grants.AuthCodeTenant(code))
	if err != nil {
		return nil, err
	}
	req.client.SPA = h.IDP.Grants.AuthCodeForSPA(code)
	return &prepared{tenant: t, issue: func(cl authenticated) error { return h.redeemCode(c, req, code, t, cl) }}, nil
}

func (h *Handler) redeemCode(c echo.Context, req *tokenRequest, code string, t *idp.TenantView, cl authenticated) error {
	client, acr := cl.app, cl.acr
	g, err := h.IDP.Grants.RedeemAuthCode(idp.CodeRedemption{Code: code, ClientID: client.ClientID, TenantID: t.ID,
		RedirectURI: req.form.Get("redirect_uri"), Verifier: req.form.Get("code_verifier"),
		Origin: c.Request().Header.Get(echo.HeaderOrigin)})
	if err != nil {
		return err
	}
	ut, in, err := h.IDP.Sessions.SignInOf(g.Account)
	if err != nil {
		return err
	}
	scope, resource := g.Scope, g.Resource
	if req.form.Has("scope") {
		scope = req.form.Get("scope")
		if strings.TrimSpace(scope) == "" && !req.v1 {
			return idp.ErrCodeScopeEmpty.New()
		}
	}
	if r := req.form.Get("resource"); r != "" {
		resource = r
	}
	ug := req.userGrant(ut, client, acr, in)
	ug.Scope, ug.Resource, ug.Nonce, ug.SPA = scope, resource, g.Nonce, g.SPA
	if ug.Claims == "" {
		ug.Claims = g.Claims // the authorize request's claims travel with the code
	}
	toks, err := h.IDP.Grants.IssueUserTokens(ug)
	if err != nil {
		return err
	}
	return h.writeUserTokens(c, req.v1, toks)
}

// grantTenant is the tenant of a grant that carries its own (code,
// refresh token, assertion): the path's, or on an alias the grant's.
func (h *Handler) grantTenant(req *tokenRequest, grantTenantID string) (*idp.TenantView, error) {
	if t := req.tenant.Tenant; t != nil {
		return t, nil
	}
	if t, ok := h.IDP.Directory.TenantByID(grantTenantID); ok && t.Cloud == req.site.Cloud {
		return t, nil
	}
	return nil, idp.ErrCodeInvalid.New()
}
