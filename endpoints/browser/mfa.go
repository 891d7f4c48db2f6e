package browser

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// PageMFA is where the second-factor page posts.
const PageMFA = "mfa"

// mfaStep asks for the second factor when the sign-in needs one (the
// user's require_mfa, or a claims request asking for it): at once for an
// auto-approve user named by login_hint, on the code page otherwise;
// prompt=none cannot show a page (AADSTS50076). It returns the sign-in to
// go on with, or nil when a page or an error answered.
func (h *Handler) mfaStep(c echo.Context, f *authFlow, in *idp.TenantSignIn) (*idp.TenantSignIn, error) {
	if !idp.NeedsMFA(in.SignIn, f.req.Claims) {
		return in, nil
	}
	switch {
	case f.req.Prompt == idp.PromptNone:
		return nil, h.redirectError(f, idp.ErrMFARequired.New(f.resourceNamed()), "")
	case in.User.AutoApprove && hintMatches(f.req.LoginHint, in.User):
		up := idp.TenantSignIn{Tenant: in.Tenant, SignIn: idp.SteppedUp(in.SignIn)}
		h.rememberSignIn(c, up)
		return &up, nil
	}
	code, err := h.IDP.Sessions.BeginMFA(sessionValue(c), *in)
	if err != nil {
		return nil, h.pageError(err)
	}
	return nil, h.showMFA(c, f, in, code, nil)
}

func (h *Handler) showMFA(c echo.Context, f *authFlow, in *idp.TenantSignIn, code string, problem *Problem) error {
	return renderMFA(c, MFAPage{AppName: f.app.DisplayName, Username: in.User.UserPrincipalName,
		Action: f.action(PageMFA), Hidden: append(f.hidden(), Field{"account", in.User.ObjectID}),
		TestCode: code, Problem: problem})
}

// MFAPost checks the code typed on the second-factor page: right, the
// flow goes on with a sign-in whose amr has mfa; wrong, the page again
// with the problem; too many wrong or expired, Entra's error page
// (AADSTS500121).
func (h *Handler) MFAPost(c echo.Context) error {
	f, form, err := h.resumeFlow(c)
	if err != nil {
		return err
	}
	in := h.sessionAccount(c, f, form.Get("account"))
	if in == nil || in.DidMFA() {
		return h.proceed(c, f, in, false) // the session ended meanwhile, or a second submit
	}
	up, pending, err := h.IDP.Sessions.CompleteMFA(sessionValue(c), *in, form.Get("otc"))
	switch {
	case err == nil:
		in.SignIn = up
		return h.proceed(c, f, in, false)
	case pending != "":
		web.Note(c).AADSTS = idp.CodeOf(err)
		return h.showMFA(c, f, in, pending, problemOf(err, mfaProblem))
	}
	return h.pageError(err)
}

// mfaProblem is the second-factor page's wording for a wrong code.
func mfaProblem(int) string {
	return "You didn't enter the expected verification code. Please try again."
}

// resourceNamed is the resource an authorize request asks for, as the
// 50076 text names it: v1 resource=, else the first prefixed scope's
// resource, else Microsoft Graph.
func (f *authFlow) resourceNamed() string {
	if f.req.V1 && f.req.Resource != "" {
		return f.req.Resource
	}
	for _, s := range strings.Fields(f.req.Scope) {
		if i := strings.LastIndex(s, "/"); i > 0 {
			return s[:i]
		}
	}
	return idp.GraphAppID
}

// MFAPage asks for the second factor: a code, which mockidp shows on the
// page itself (TestCode) since no phone receives it.
type MFAPage struct {
	Title, AppName, Username string
	Action                   string
	Hidden                   []Field
	TestCode                 string
	Problem                  *Problem
}

func renderMFA(c echo.Context, p MFAPage) error {
	p.Title = "Verify your identity"
	return renderPage(c, http.StatusOK, "mfa", p)
}
