package endpoints

import (
	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// adminConsent is /{tenant}/v2.0/adminconsent (scope required) and the
// legacy /{tenant}/adminconsent (every configured permission). A signed-in
// user of the tenant with an admin role (User.Roles) accepts for everyone
// and so brings a multi-tenant app into the tenant; other users get the
// "Need admin approval" page.
func (s *Server) adminConsent(kind string) echo.HandlerFunc {
	return func(c echo.Context) error {
		params, err := requestParams(c.Request())
		if err != nil {
			return s.pageError(err)
		}
		if kind == flowAdminV2 && params.Get("scope") == "" {
			return s.pageError(idp.ErrMissingParameter.New("scope"))
		}
		f, err := s.startFlow(c, kind, params)
		if err != nil {
			return err
		}
		return s.proceed(c, f, nil, false)
	}
}

// adminConsentStep shows the tenant-wide consent page, or records the
// consent once accepted (or at once for an auto-approve user), and sends
// the admin back to the app.
func (s *Server) adminConsentStep(c echo.Context, f *authFlow, in *idp.TenantSignIn, consented bool) error {
	t := in.Tenant
	app, err := s.consentApp(f, in)
	if err != nil {
		return err
	}
	if !idp.ConsentAdmin(in.User) {
		return s.showNeedAdmin(c, f, in, app)
	}
	scope := ""
	if f.kind == flowAdminV2 {
		scope = f.req.Scope
	}
	set, err := s.idp.AdminConsentScopes(t, app, scope)
	if err != nil {
		return s.redirectError(f, err, "")
	}
	items := s.idp.ConsentNeeded(t, app, set, nil, true)
	auto := in.User.AutoApprove && hintMatches(f.req.LoginHint, in.User)
	if !consented && !auto {
		return s.showConsent(c, f, in, app, items, true)
	}
	if err := s.idp.GrantAdminConsent(t, app, set, items); err != nil {
		return err
	}
	if f.kind == flowAdminLegacy {
		return respond(c, f.req.RedirectURI, idp.ModeQuery, []Field{{"tenant", t.ID}, {"state", f.req.State},
			{"admin_consent", "True"}})
	}
	return respond(c, f.req.RedirectURI, idp.ModeQuery, []Field{{"admin_consent", "True"}, {"tenant", t.ID},
		{"scope", idp.GrantedScopeString(items)}, {"state", f.req.State}})
}

// adminConsentDeclined answers Cancel on the admin consent page in the
// shape of each endpoint.
func (s *Server) adminConsentDeclined(c echo.Context, f *authFlow) error {
	web.Note(c).AADSTS = idp.ErrAdminConsentCanceled.AADSTS
	if f.kind == flowAdminLegacy {
		return respond(c, f.req.RedirectURI, idp.ModeQuery, []Field{{"error", "permission_denied"},
			{"error_description", "The admin canceled the request"}, {"state", f.req.State}})
	}
	return s.redirectError(f, idp.ErrAdminConsentCanceled.New(), "cancel")
}
