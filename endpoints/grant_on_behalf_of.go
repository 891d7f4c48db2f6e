package endpoints

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
func (s *Server) onBehalfOf(c echo.Context, req *tokenRequest) error {
	assertion := req.form.Get("assertion")
	switch {
	case req.form.Get("requested_token_use") != requestedTokenUseOBO:
		return idp.ErrMissingParameter.New("requested_token_use")
	case assertion == "":
		return idp.ErrMissingParameter.New("assertion")
	}
	t, in, err := s.idp.VerifyUserAssertion(req.site, req.tenant.Tenant, req.client.ClientID, assertion)
	if err != nil {
		return err
	}
	client, acr, err := s.idp.AuthenticateClient(t, req.client)
	if err != nil {
		return err
	}
	ug := req.userGrant(t, client, acr, in)
	ug.Scope, ug.Resource = req.form.Get("scope"), req.form.Get("resource")
	toks, err := s.idp.IssueUserTokens(ug)
	if err != nil {
		return err
	}
	return s.writeUserTokens(c, req.v1, toks)
}
