package browser

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
)

// sessionCookie is mockidp's browser session, named after Entra's.
const sessionCookie = "ESTSAUTH"

// proceed moves a flow on: pick who is signed in (session, auto-approve or
// a page), then consent (auto, or a page), then answer the app. in is the
// sign-in a page just produced; consented says the consent page was
// accepted.
func (h *Handler) proceed(c echo.Context, f *authFlow, in *idp.TenantSignIn, consented bool) error {
	if in == nil {
		picked, err := h.pickSignIn(c, f)
		if err != nil || picked == nil {
			return err // a page was shown, or the request failed
		}
		in = picked
	}
	in, err := h.mfaStep(c, f, in)
	if err != nil || in == nil {
		return err // the second-factor page was shown, or the request failed
	}
	if f.admin() {
		return h.adminConsentStep(c, f, in, consented)
	}
	return h.consentStep(c, f, in, consented)
}

// pickSignIn decides who answers the request without a page when it can:
// an auto-approve user named by login_hint, or the one fitting session
// account. Otherwise it shows the sign-in page or the account picker and
// returns nil. A domain_hint (without login_hint) narrows the session
// accounts to its tenant's, as login_hint narrows them to one user: with
// none of them signed in, the sign-in page comes straight up.
func (h *Handler) pickSignIn(c echo.Context, f *authFlow) (*idp.TenantSignIn, error) {
	prompt, hint := f.req.Prompt, f.req.LoginHint
	accounts := h.sessionAccounts(c, f)
	var matching []idp.TenantSignIn
	for _, a := range accounts {
		if hint == "" && f.hinted == nil || hintMatches(hint, a.User) || f.hinted != nil && a.Tenant.ID == f.hinted.ID {
			matching = append(matching, a)
		}
	}
	if f.hinted != nil {
		accounts = matching
	}
	if prompt == idp.PromptNone {
		switch len(matching) {
		case 0:
			return nil, h.redirectError(f, idp.ErrLoginRequired.New(), "")
		case 1:
			return &matching[0], nil
		default:
			return nil, h.redirectError(f, idp.ErrSelectAccount.New(), "")
		}
	}
	if auto := h.autoApproveSignIn(c, f, matching); auto != nil {
		return auto, nil
	}
	switch {
	case prompt == idp.PromptLogin:
		return nil, h.showSignIn(c, f, hint, nil)
	case prompt == idp.PromptSelectAccount && len(accounts) > 0:
		return nil, h.showPicker(c, f, accounts)
	case len(matching) == 1:
		return &matching[0], nil
	case len(matching) > 1 || hint == "" && len(accounts) > 1:
		return nil, h.showPicker(c, f, accounts)
	}
	return nil, h.showSignIn(c, f, hint, nil)
}

// autoApproveSignIn is headless mode: a login_hint naming a user with
// auto_approve signs them in (reusing their session unless prompt=login).
func (h *Handler) autoApproveSignIn(c echo.Context, f *authFlow, matching []idp.TenantSignIn) *idp.TenantSignIn {
	if f.req.LoginHint == "" {
		return nil
	}
	t, u := h.findHintUser(f)
	if u == nil || !u.AutoApprove || u.Disabled {
		return nil
	}
	if len(matching) == 1 && f.req.Prompt != idp.PromptLogin {
		return &matching[0]
	}
	in := idp.TenantSignIn{Tenant: t, SignIn: h.IDP.Directory.NewSignIn(u)}
	h.rememberSignIn(c, in)
	return &in
}

// findHintUser finds the user login_hint names in the tenants the
// request may use.
func (h *Handler) findHintUser(f *authFlow) (*idp.TenantView, *idp.User) {
	t := f.ref.Tenant
	if t == nil {
		var err error
		if t, err = h.IDP.Directory.TenantOfUser(f.site, f.req.LoginHint); err != nil || !f.fitsTenant(t) {
			return nil, nil
		}
	}
	if u, ok := t.User(f.req.LoginHint); ok {
		return t, u
	}
	return nil, nil
}

// sessionAccounts are the browser's signed-in accounts that may answer
// on the flow's tenant segment.
func (h *Handler) sessionAccounts(c echo.Context, f *authFlow) []idp.TenantSignIn {
	ck, err := c.Cookie(sessionCookie)
	if err != nil {
		return nil
	}
	var out []idp.TenantSignIn
	for _, a := range h.IDP.Sessions.SessionSignIns(ck.Value, f.site.Cloud.Name) {
		if f.fitsTenant(a.Tenant) {
			out = append(out, a)
		}
	}
	return out
}

// rememberSignIn adds a sign-in to the browser's session cookie.
func (h *Handler) rememberSignIn(c echo.Context, in idp.TenantSignIn) {
	value, err := h.IDP.Sessions.RememberSignIn(sessionValue(c), in.Tenant, in.SignIn)
	if err != nil { // the sign-in stands; only single sign-on is lost
		h.AAD.Log.Warn("session not stored", "err", err)
		return
	}
	c.Set(ctxSession, value)
	c.SetCookie(sessionCookieOf(c, value, 0))
}

// ctxSession holds a session cookie value set during this request, which
// the request itself does not carry yet.
const ctxSession = "mockidp.browser.session"

// sessionValue is the browser's session cookie: the one this request set,
// else the one it carried.
func sessionValue(c echo.Context) string {
	if v, ok := c.Get(ctxSession).(string); ok {
		return v
	}
	if ck, err := c.Cookie(sessionCookie); err == nil {
		return ck.Value
	}
	return ""
}

// sessionCookieOf builds the session cookie; maxAge -1 deletes it.
func sessionCookieOf(c echo.Context, value string, maxAge int) *http.Cookie {
	secure := c.Request().TLS != nil
	same := http.SameSiteLaxMode
	if secure {
		same = http.SameSiteNoneMode
	}
	return &http.Cookie{Name: sessionCookie, Value: value, Path: "/", HttpOnly: true, Secure: secure,
		SameSite: same, MaxAge: maxAge}
}

// consentStep asks for consent when the user has not given it (or when
// prompt=consent asks again), then answers the app.
func (h *Handler) consentStep(c echo.Context, f *authFlow, in *idp.TenantSignIn, consented bool) error {
	app, set, err := h.userApp(f, in)
	if err != nil {
		return err
	}
	admin := f.req.Prompt == idp.PromptAdminConsent
	if admin && !consented && !idp.ConsentAdmin(in.User) {
		return h.showNeedAdmin(c, f, in, app)
	}
	force := (f.req.Prompt == idp.PromptConsent || admin) && !consented
	items := h.IDP.Consent.ConsentNeeded(in.Tenant, app, set, in.User, force)
	if len(items) > 0 && !consented {
		switch {
		case f.req.Prompt == idp.PromptNone:
			return h.redirectError(f, idp.ErrConsentRequiredSilent.New(app.ClientID, app.DisplayName), "")
		case in.User.AutoApprove && hintMatches(f.req.LoginHint, in.User):
			if err := h.grantUserConsent(in, app, items, admin); err != nil {
				return err
			}
		default:
			return h.showConsent(c, f, in, app, items, admin)
		}
	}
	return h.answer(c, f, in, app, set)
}

// userApp is the app and scopes of the request in the signed-in user's
// tenant, which on /common may differ from the one the app was found in
// (multitenant.go). Its errors are ready to render.
func (h *Handler) userApp(f *authFlow, in *idp.TenantSignIn) (*idp.AppView, idp.ScopeSet, error) {
	app, err := h.consentApp(f, in)
	if err != nil {
		return nil, idp.ScopeSet{}, err
	}
	set, err := h.IDP.Sessions.CheckAuthRequest(in.Tenant, app, f.req)
	if err == nil {
		// In the user's tenant, as Entra checks it once it knows who signs
		// in (on /common the app's grants there decide).
		err = idp.CheckRequestedResources(in.Tenant, app, set)
	}
	if err != nil {
		return nil, idp.ScopeSet{}, h.redirectError(f, err, "")
	}
	return app, set, nil
}

func (h *Handler) grantUserConsent(in *idp.TenantSignIn, app *idp.AppView, items []idp.ConsentItem, admin bool) error {
	user := in.User.ObjectID
	if admin {
		user = ""
	}
	return h.IDP.Consent.GrantConsentItems(in.Tenant.ID, app.ClientID, user, items)
}
