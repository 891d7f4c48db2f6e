package entra

import (
	"errors"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
)

// password is the resource-owner password grant (ROPC). Entra refuses it
// on /common and /consumers; /organizations and tenants work.
func (h *Handler) password(c echo.Context, req *tokenRequest) (*prepared, error) {
	t, err := h.userFlowTenant(req)
	if err != nil {
		return nil, err
	}
	return &prepared{tenant: t, issue: func(cl authenticated) error { return h.signInWithPassword(c, req, t, cl) }}, nil
}

func (h *Handler) signInWithPassword(c echo.Context, req *tokenRequest, t *idp.TenantView, cl authenticated) error {
	client, acr := cl.app, cl.acr
	username := req.form.Get("username")
	if username == "" {
		return idp.ErrMissingParameter.New("username")
	}
	if _, federated := t.FederationOf(req.site, username); federated {
		// The password belongs to the federation's identity provider, which
		// clients must ask over WS-Trust; Entra's own ROPC refuses it.
		return idp.ErrBadPassword.New()
	}
	user, err := h.IDP.Directory.AuthenticateUser(t, username, req.form.Get("password"))
	if err != nil {
		return err
	}
	ug := req.userGrant(t, client, acr, h.IDP.Directory.NewSignIn(user))
	ug.Scope, ug.Resource = req.form.Get("scope"), req.form.Get("resource")
	toks, err := h.IDP.Grants.IssueUserTokens(ug)
	if err != nil {
		return ropcError(err)
	}
	return h.writeUserTokens(c, req.v1, toks)
}

// userFlowTenant is the tenant a user flow runs in. On /organizations the
// user's domain names it; /common and /consumers are refused as Entra
// refuses ROPC there.
func (h *Handler) userFlowTenant(req *tokenRequest) (*idp.TenantView, error) {
	if t := req.tenant.Tenant; t != nil {
		return t, nil
	}
	if req.tenant.Alias == idp.TenantOrganizations {
		if t, err := h.IDP.Directory.TenantOfUser(req.site, req.form.Get("username")); err == nil {
			return t, nil
		}
	}
	return nil, idp.ErrGrantOnCommon.New()
}

// ropcError: Entra answers MFA demands on the password grant with
// invalid_grant rather than interaction_required, as nothing can interact.
func ropcError(err error) error {
	var e *idp.Error
	if errors.As(err, &e) && e.AADSTS == idp.ErrMFARequired.AADSTS {
		c := *e
		c.Code = "invalid_grant"
		return &c
	}
	return err
}
