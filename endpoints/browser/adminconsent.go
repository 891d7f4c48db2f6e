package browser

import (
	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// AdminConsent is /{tenant}/v2.0/adminconsent (scope required) and the
// legacy /{tenant}/adminconsent (every configured permission). A signed-in
// user of the tenant with an admin role (User.Roles) accepts for everyone
// and so brings a multi-tenant app into the tenant; other users get the
// "Need admin approval" page.
func (h *Handler) AdminConsent(kind string) echo.HandlerFunc {
	return func(c echo.Context) error {
		params, err := entryParams(c.Request())
		if err != nil {
			return h.pageError(err)
		}
		if kind == FlowAdminV2 && params.Get("scope") == "" {
			return h.pageError(idp.ErrMissingParameter.New("scope"))
		}
		f, err := h.startFlow(c, kind, params)
		if err != nil {
			return err
		}
		return h.proceed(c, f, nil, false)
	}
}

// adminConsentStep shows the tenant-wide consent page, or records the
// consent once accepted (or at once for an auto-approve user), and sends
// the admin back to the app.
func (h *Handler) adminConsentStep(c echo.Context, f *authFlow, in *idp.TenantSignIn, consented bool) error {
	t := in.Tenant
	app, err := h.consentApp(f, in)
	if err != nil {
		return err
	}
	if !idp.ConsentAdmin(in.User) {
		return h.showNeedAdmin(c, f, in, app)
	}
	scope := ""
	if f.kind == FlowAdminV2 {
		scope = f.req.Scope
	}
	set, err := h.IDP.AdminConsentScopes(t, app, scope)
	if err != nil {
		return h.redirectError(f, err, "")
	}
	items := h.IDP.ConsentNeeded(t, app, set, nil, true)
	auto := in.User.AutoApprove && hintMatches(f.req.LoginHint, in.User)
	if !consented && !auto {
		return h.showConsent(c, f, in, app, items, true)
	}
	if err := h.IDP.GrantAdminConsent(t, app, set, items); err != nil {
		return err
	}
	if f.kind == FlowAdminLegacy {
		return respond(c, f.req.RedirectURI, idp.ModeQuery, []Field{{"tenant", t.ID}, {"state", f.req.State},
			{"admin_consent", "True"}})
	}
	return respond(c, f.req.RedirectURI, idp.ModeQuery, []Field{{"admin_consent", "True"}, {"tenant", t.ID},
		{"scope", idp.GrantedScopeString(items)}, {"state", f.req.State}})
}

// adminConsentDeclined answers Cancel on the admin consent page in the
// shape of each endpoint.
func (h *Handler) adminConsentDeclined(c echo.Context, f *authFlow) error {
	web.Note(c).AADSTS = idp.ErrAdminConsentCanceled.AADSTS
	if f.kind == FlowAdminLegacy {
		return respond(c, f.req.RedirectURI, idp.ModeQuery, []Field{{"error", "permission_denied"},
			{"error_description", "The admin canceled the request"}, {"state", f.req.State}})
	}
	return h.redirectError(f, idp.ErrAdminConsentCanceled.New(), "cancel")
}
