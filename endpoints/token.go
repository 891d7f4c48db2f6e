package endpoints

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// tokenRequest is a token-endpoint call after the common steps of the
// pipeline: form parsed, tenant resolved, client credential collected.
type tokenRequest struct {
	site   idp.Site
	tenant idp.TenantRef
	form   url.Values
	client idp.ClientCredential
	v1     bool
}

// grantFunc handles one grant type and writes the answer.
type grantFunc func(c echo.Context, req *tokenRequest) error

func (s *Server) grantTable() map[string]grantFunc {
	return map[string]grantFunc{
		idp.GrantClientCredentials: s.clientCredentials,
		idp.GrantPassword:          s.password,
		idp.GrantDeviceCode:        s.deviceCodeGrant,
		idp.GrantDeviceCodeShort:   s.deviceCodeGrant,
		idp.GrantAuthorizationCode: s.authorizationCode,
		idp.GrantRefreshToken:      s.refreshToken,
		idp.GrantJWTBearer:         s.onBehalfOf,
	}
}

// token is the one pipeline of /oauth2/v2.0/token and /oauth2/token:
// parse the form, resolve the tenant, collect the client credential, and
// dispatch on grant_type.
func (s *Server) token(v1 bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Request().Header.Get(echo.HeaderOrigin) != "" {
			// A browser's cross-origin call (a single-page app) may read
			// the answer, errors included.
			c.Response().Header().Set(echo.HeaderAccessControlAllowOrigin, "*")
		}
		form, err := web.ParseForm(c.Request())
		if err != nil {
			return err
		}
		grant := form.Get("grant_type")
		web.Note(c).Grant = grant
		if grant == "" {
			return idp.ErrMissingParameter.New("grant_type")
		}
		ref, err := s.resolveTenant(c)
		if err != nil {
			return err
		}
		handle, ok := s.grants[grant]
		if !ok {
			return idp.ErrUnsupportedGrant.New(grant)
		}
		req := &tokenRequest{site: web.Site(c), tenant: ref, form: form, v1: v1}
		req.client = clientCredential(c.Request(), form, req)
		web.Note(c).Client = req.client.ClientID
		web.Note(c).User = form.Get("username")
		web.Note(c).Scope = strings.TrimSpace(form.Get("scope") + " " + form.Get("resource"))
		return handle(c, req)
	}
}

// tokenNotPost answers a GET (or other non-POST) on the token endpoint as Entra does.
func tokenNotPost(c echo.Context) error {
	return idp.ErrPostOnly.New(c.Request().Method)
}

// corsPreflight lets single-page apps redeem codes from the browser, which
// is why Entra's token endpoint answers OPTIONS.
func corsPreflight(c echo.Context) error {
	h := c.Response().Header()
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Allow-Methods", "POST, OPTIONS")
	h.Set("Access-Control-Allow-Headers", "*")
	h.Set("Access-Control-Max-Age", "86400")
	return c.NoContent(http.StatusNoContent)
}

// clientCredential takes client_id and the secret from the body or from
// HTTP Basic (whose parts are form-encoded, RFC 6749 §2.3.1), and lists the
// token-endpoint URLs an assertion may name as its audience.
func clientCredential(r *http.Request, form url.Values, req *tokenRequest) idp.ClientCredential {
	cred := idp.ClientCredential{
		ClientID:      form.Get("client_id"),
		Secret:        form.Get("client_secret"),
		Assertion:     form.Get("client_assertion"),
		AssertionType: form.Get("client_assertion_type"),
	}
	if id, secret, ok := web.BasicAuth(r); ok {
		if cred.ClientID == "" {
			cred.ClientID = id
		}
		if cred.Secret == "" {
			cred.Secret = secret
		}
	}
	if cred.Assertion != "" {
		cred.Audiences = assertionAudiences(req)
	}
	return cred
}

// assertionAudiences: the v1 and v2 token URLs under every name of the
// tenant, and the v2 issuer.
func assertionAudiences(req *tokenRequest) []string {
	names := []string{req.tenant.Segment}
	if t := req.tenant.Tenant; t != nil {
		names = append(names, t.ID)
		names = append(names, t.Domains...)
	}
	var auds []string
	for _, n := range names {
		auds = append(auds, req.site.URL("/"+n+"/oauth2/v2.0/token"), req.site.URL("/"+n+"/oauth2/token"))
	}
	if id := req.tenant.TenantID(); id != "" {
		auds = append(auds, req.site.V2Issuer(id))
	}
	return auds
}

// userGrant fills what every user-flow grant passes to IssueUserTokens
// from the token request itself; the grant adds scope, resource and nonce.
func (req *tokenRequest) userGrant(t *idp.TenantView, client *idp.AppView, acr string, in idp.SignIn) idp.UserGrant {
	return idp.UserGrant{Site: req.site, Tenant: t, Client: client, ClientAuth: acr, SignIn: in, V1: req.v1,
		ClientInfo: req.form.Get("client_info") == "1", Claims: req.form.Get("claims")}
}
