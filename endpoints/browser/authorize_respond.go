package browser

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/aad"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// answer issues what response_type asks for and sends it to the app.
func (h *Handler) answer(c echo.Context, f *authFlow, in *idp.TenantSignIn, app *idp.AppView, set idp.ScopeSet) error {
	r := f.req
	var fields []Field
	var code, accessToken string
	if r.Wants(idp.ResponseCode) {
		var err error
		code, err = h.IDP.Grants.IssueAuthCode(idp.AuthCodeGrant{Cloud: f.site.Cloud.Name, TenantID: in.Tenant.ID,
			ClientID: app.ClientID, RedirectURI: r.RedirectURI, Challenge: r.CodeChallenge,
			ChallengeMethod: r.CodeChallengeMethod, Nonce: r.Nonce, Scope: r.Scope, Resource: r.Resource, V1: r.V1,
			Claims: r.Claims, SPA: app.IsSPARedirect(r.RedirectURI), Account: idp.AccountOf(in.Tenant, in.SignIn)})
		if err != nil {
			return h.redirectError(f, err, "")
		}
		fields = append(fields, Field{"code", code})
	}
	if r.Wants(idp.ResponseToken) {
		toks, err := h.IDP.Grants.IssueUserTokens(idp.UserGrant{Site: f.site, Tenant: in.Tenant, Client: app,
			ClientAuth: idp.ClientAuthNone, SignIn: in.SignIn, Scope: r.Scope, Resource: r.Resource, V1: r.V1,
			Claims: r.Claims})
		if err != nil {
			return h.redirectError(f, err, "")
		}
		accessToken = toks.Access.Token
		fields = append(fields, Field{"access_token", accessToken}, Field{"token_type", idp.TokenTypeBearer},
			Field{"expires_in", strconv.FormatInt(toks.Access.ExpiresIn(), 10)}, Field{"scope", toks.Scope})
	}
	if r.Wants(idp.ResponseIDToken) {
		version := 2
		if r.V1 {
			version = 1
		}
		tok, err := h.IDP.Tokens.MintIDToken(idp.IDTokenSpec{Site: f.site, Tenant: in.Tenant, Client: app, SignIn: in.SignIn,
			Version: version, Nonce: r.Nonce, Code: code, AccessToken: accessToken, Email: set.Has("email")})
		if err != nil {
			return err
		}
		fields = append(fields, Field{"id_token", tok})
	}
	if r.ClientInfo {
		fields = append(fields, Field{"client_info", idp.ClientInfo(in.User.ObjectID, in.Tenant.ID)})
	}
	if r.State != "" {
		fields = append(fields, Field{"state", r.State})
	}
	fields = append(fields, Field{"session_state", in.SessionID})
	return respond(c, r.RedirectURI, r.Mode(), fields)
}

// respond sends fields to the app's redirect URI in the response mode.
func respond(c echo.Context, redirectURI, mode string, fields []Field) error {
	switch mode {
	case idp.ModeFormPost:
		return renderFormPost(c, FormPostPage{Action: redirectURI, Fields: fields})
	case idp.ModeFragment:
		return redirectTo(c, strings.SplitN(redirectURI, "#", 2)[0]+"#"+encodeFields(fields))
	default:
		sep := "?"
		if strings.Contains(redirectURI, "?") {
			sep = "&"
		}
		return redirectTo(c, redirectURI+sep+encodeFields(fields))
	}
}

func redirectTo(c echo.Context, location string) error {
	h := c.Response().Header()
	h.Set("Cache-Control", "no-store, no-cache")
	h.Set("Pragma", "no-cache")
	return c.Redirect(http.StatusFound, location)
}

// encodeFields form-encodes fields in their order (url.Values would sort
// them).
func encodeFields(fields []Field) string {
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(f.Name))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(f.Value))
	}
	return b.String()
}

// authRedirectError is an authorize failure sent back to the app's
// (already trusted) redirect URI.
type authRedirectError struct {
	e       *idp.Error
	h       *Handler
	f       *authFlow
	subcode string
}

// redirectError wraps err to be sent to the flow's redirect URI; errors
// that are not Entra errors stay internal failures.
func (h *Handler) redirectError(f *authFlow, err error, subcode string) error {
	e, ok := err.(*idp.Error)
	if !ok {
		return err
	}
	return &authRedirectError{e: e, h: h, f: f, subcode: subcode}
}

func (e *authRedirectError) Error() string { return e.e.Error() }

// Unwrap exposes the Entra error.
func (e *authRedirectError) Unwrap() error { return e.e }

// Render sends error, error_description, error_uri, state and
// error_subcode the way the request's response mode asks.
func (e *authRedirectError) Render(c echo.Context) error {
	web.Note(c).AADSTS = e.e.AADSTS
	st := web.Site(c)
	fields := []Field{{"error", e.e.Code}, {"error_description", e.h.AAD.Description(c, e.e)},
		{"error_uri", aad.ErrorURI(st, e.e.AADSTS)}}
	if e.subcode != "" {
		fields = append(fields, Field{"error_subcode", e.subcode})
	}
	if e.f.admin() {
		fields = append(fields, Field{"admin_consent", "True"}) // Entra keeps it on errors too
	}
	if e.f.req.State != "" {
		fields = append(fields, Field{"state", e.f.req.State})
	}
	mode := e.f.req.Mode()
	if mode != idp.ModeFormPost && mode != idp.ModeFragment {
		mode = idp.ModeQuery
	}
	return respond(c, e.f.req.RedirectURI, mode, fields)
}

// authPageError is an authorize failure shown on mockidp's error page:
// the redirect URI is unknown or untrusted, so nothing is sent there.
type authPageError struct {
	e *idp.Error
	h *Handler
}

func (e *authPageError) Error() string { return e.e.Error() }

// Unwrap exposes the Entra error.
func (e *authPageError) Unwrap() error { return e.e }

func (h *Handler) pageError(err error) error {
	e, ok := err.(*idp.Error)
	if !ok {
		return err
	}
	return &authPageError{e: e, h: h}
}

// Render shows the error page.
func (e *authPageError) Render(c echo.Context) error {
	web.Note(c).AADSTS = e.e.AADSTS
	trace := web.Trace(c)
	corr := web.Correlation(c)
	return renderErrorPage(c, e.e.Status, ErrorPage{Code: e.e.AADSTS, Message: e.e.Message, TraceID: trace,
		CorrelationID: corr, Timestamp: e.h.IDP.Clock().Now().UTC().Format("2006-01-02T15:04:05.000Z")})
}
