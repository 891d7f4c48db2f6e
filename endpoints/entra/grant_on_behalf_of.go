package entra

import (
	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
)

// requestedTokenUseOBO is the requested_token_use of on-behalf-of.
const requestedTokenUseOBO = "on_behalf_of"

// onBehalfOf is the jwt-bearer grant with requested_token_use=on_behalf_of:
// a middle-tier API (a confidential client) trades the user's token it
// received for a token to a downstream API with the user's delegated
// scopes, subject to the API app's consent.
func (h *Handler) onBehalfOf(c echo.Context, req *tokenRequest) (*prepared, error) {
	assertion := req.form.Get("assertion")
	switch {
	case req.form.Get("requested_token_use") != requestedTokenUseOBO:
		return nil, idp.ErrMissingParameter.New("requested_token_use")
	case assertion == "":
		return nil, idp.ErrMissingParameter.New("assertion")
	}
	t, in, err := h.IDP.Grants.VerifyUserAssertion(req.site, req.tenant.Tenant, req.client.ClientID, assertion)
	if err != nil {
		return nil, err
	}
	return &prepared{tenant: t, issue: func(cl authenticated) error { return h.issueOnBehalfOf(c, req, t, in, cl) }}, nil
}

func (h *Handler) issueOnBehalfOf(c echo.Context, req *tokenRequest, t *idp.TenantView, in idp.SignIn, cl authenticated) error {
	client, acr := cl.app, cl.acr
	ug := req.userGrant(t, client, acr, in)
	ug.Scope, ug.Resource = req.form.Get("scope"), req.form.Get("resource")
	toks, err := h.IDP.Grants.IssueUserTokens(ug)
	if err != nil {
		return err
	}
	return h.writeUserTokens(c, req.v1, toks)
}
