package browser

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// Pages of a flow post to /{tenant}/login and /{tenant}/consent.
const (
	PageLogin   = "login"
	PageConsent = "consent"
)

func (h *Handler) showSignIn(c echo.Context, f *authFlow, username string, problem *Problem) error {
	p := SignInPage{AppName: f.app.DisplayName, Action: f.action(PageLogin), Hidden: f.hidden(), Username: username,
		Problem: problem}
	if f.hinted != nil {
		p.Domain = f.req.DomainHint
		if f.hinted.ID == f.req.DomainHint {
			p.Domain = f.hinted.DefaultDomain()
		}
	}
	return renderSignIn(c, http.StatusOK, p)
}

func (h *Handler) showPicker(c echo.Context, f *authFlow, accounts []idp.TenantSignIn) error {
	p := PickerPage{AppName: f.app.DisplayName, Action: f.action(PageLogin), Hidden: f.hidden()}
	for _, a := range accounts {
		p.Accounts = append(p.Accounts, AccountChoice{ID: a.User.ObjectID, Name: a.User.DisplayName, UPN: a.User.UserPrincipalName})
	}
	return renderPicker(c, p)
}

func (h *Handler) showConsent(c echo.Context, f *authFlow, in *idp.TenantSignIn, app *idp.AppView, items []idp.ConsentItem, admin bool) error {
	return renderConsent(c, ConsentPage{AppName: app.DisplayName, Username: in.User.UserPrincipalName, Unverified: true,
		Admin: admin, Items: consentItems(items), Action: f.action(PageConsent),
		Hidden: append(f.hidden(), Field{"account", in.User.ObjectID})})
}

// consentItems are idp's consent items as the consent page lists them.
func consentItems(items []idp.ConsentItem) []ConsentItem {
	out := make([]ConsentItem, 0, len(items))
	for _, it := range items {
		out = append(out, ConsentItem{Scope: it.Scope, Description: it.Description, ResourceName: it.ResourceName})
	}
	return out
}

// resumeFlow rebuilds a flow from a page's hidden fields.
func (h *Handler) resumeFlow(c echo.Context) (*authFlow, url.Values, error) {
	form, err := requestParams(c.Request())
	if err != nil {
		return nil, nil, h.pageError(err)
	}
	params, err := url.ParseQuery(form.Get("ctx"))
	kind := form.Get("flow")
	if err != nil || (kind != FlowV1 && kind != FlowV2 && kind != FlowAdminV2 && kind != FlowAdminLegacy) {
		return nil, nil, h.pageError(idp.ErrMalformedRequest.New())
	}
	f, err := h.startFlow(c, kind, params)
	return f, form, err
}

// LoginPost handles the sign-in form and the account picker.
func (h *Handler) LoginPost(c echo.Context) error {
	f, form, err := h.resumeFlow(c)
	if err != nil {
		return err
	}
	switch {
	case form.Get("other") != "":
		return h.showSignIn(c, f, "", nil)
	case form.Get("account") != "":
		if in := h.sessionAccount(c, f, form.Get("account")); in != nil {
			return h.proceed(c, f, in, false)
		}
		return h.showSignIn(c, f, "", nil)
	}
	username := form.Get("login")
	if err := h.refuseForeignUser(f, username, form.Get("passwd")); err != nil {
		return err
	}
	t, err := h.signInTenant(f, username)
	if err == nil {
		var u *idp.User
		if u, err = h.IDP.Directory.AuthenticateUser(t, username, form.Get("passwd")); err == nil {
			in := idp.TenantSignIn{Tenant: t, SignIn: h.IDP.Directory.NewSignIn(u)}
			h.rememberSignIn(c, in)
			return h.proceed(c, f, &in, false)
		}
	}
	web.Note(c).AADSTS = idp.CodeOf(err)
	return h.showSignIn(c, f, username, problemOf(err, signInProblem))
}

// signInTenant is the tenant whose user is signing in: the path's, or on
// an alias the one owning the username's domain.
func (h *Handler) signInTenant(f *authFlow, username string) (*idp.TenantView, error) {
	if f.ref.Tenant != nil {
		return f.ref.Tenant, nil
	}
	t, err := h.IDP.Directory.TenantOfUser(f.site, username)
	if err != nil || !f.fitsTenant(t) {
		return nil, idp.ErrUserNotFound.New(username, f.ref.Segment)
	}
	return t, nil
}

// signInProblem is the sign-in page's wording for a failed attempt, on
// the authorize flow's pages and the device-login page alike.
func signInProblem(code int) string {
	switch code {
	case 50126:
		return "Your account or password is incorrect. If you don't remember your password, reset it now."
	case 50057:
		return "Your account has been locked. Contact your support person to unlock it, then try again."
	default:
		return "This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin."
	}
}

// sessionAccount finds the picked account among the browser's sessions.
func (h *Handler) sessionAccount(c echo.Context, f *authFlow, id string) *idp.TenantSignIn {
	for _, a := range h.sessionAccounts(c, f) {
		if hintMatches(id, a.User) {
			return &a
		}
	}
	return nil
}

// ConsentPost handles the consent page's Accept and Cancel.
func (h *Handler) ConsentPost(c echo.Context) error {
	f, form, err := h.resumeFlow(c)
	if err != nil {
		return err
	}
	in := h.sessionAccount(c, f, form.Get("account"))
	if in == nil {
		return h.proceed(c, f, nil, false) // the session ended meanwhile
	}
	if form.Get("accept") != "yes" {
		if form.Get("need_admin") != "" {
			return h.redirectError(f, idp.ErrAdminApprovalNeeded.New(), "cancel")
		}
		if f.admin() {
			return h.adminConsentDeclined(c, f)
		}
		return h.redirectError(f, idp.ErrConsentDeclined.New(), "cancel")
	}
	if f.admin() {
		return h.adminConsentStep(c, f, in, true)
	}
	app, set, err := h.userApp(f, in)
	if err != nil {
		return err
	}
	if f.req.Prompt == idp.PromptAdminConsent && !idp.ConsentAdmin(in.User) {
		return h.showNeedAdmin(c, f, in, app)
	}
	items := h.IDP.Consent.ConsentNeeded(in.Tenant, app, set, in.User, true)
	if err := h.grantUserConsent(in, app, items, f.req.Prompt == idp.PromptAdminConsent); err != nil {
		return err
	}
	return h.proceed(c, f, in, true)
}
