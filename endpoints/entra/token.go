package entra

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

// grant is one grant_type, as dex's grants are. prepare checks the
// grant's own material in Entra's order and finds the tenant the client
// must be registered in; the pipeline then authenticates the client
// there when clientAuth says so; issue mints and writes the answer.
type grant struct {
	clientAuth bool
	prepare    func(c echo.Context, req *tokenRequest) (*prepared, error)
}

// prepared is a grant ready to issue once its client is known.
type prepared struct {
	tenant *idp.TenantView
	issue  func(client authenticated) error
}

// authenticated is the client the pipeline authenticated and how
// (idp.ClientAuth…, the token's acr/appidacr).
type authenticated struct {
	app *idp.AppView
	acr string
}

func (h *Handler) grantTable() map[string]grant {
	device := grant{clientAuth: true, prepare: h.deviceCodeGrant}
	return map[string]grant{
		idp.GrantClientCredentials: {clientAuth: true, prepare: h.clientCredentials},
		idp.GrantPassword:          {clientAuth: true, prepare: h.password},
		idp.GrantDeviceCode:        device,
		idp.GrantDeviceCodeShort:   device,
		idp.GrantAuthorizationCode: {clientAuth: true, prepare: h.authorizationCode},
		idp.GrantRefreshToken:      {clientAuth: true, prepare: h.refreshToken},
		idp.GrantJWTBearer:         {clientAuth: true, prepare: h.onBehalfOf},
	}
}

// Token is the one pipeline of /oauth2/v2.0/token and (v1) /oauth2/token:
// parse the form, resolve the tenant, pick the grant, let it prepare,
// authenticate the client, and let the grant issue.
func (h *Handler) Token(v1 bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Request().Header.Get(echo.HeaderOrigin) != "" {
			// A browser's cross-origin call (a single-page app) may read
			// the answer, errors included.
			c.Response().Header().Set(echo.HeaderAccessControlAllowOrigin, "*")
		}
		req, g, err := h.tokenRequest(c, v1)
		if err != nil {
			return err
		}
		p, err := g.prepare(c, req)
		if err != nil {
			return err
		}
		var client authenticated
		if g.clientAuth {
			if client.app, client.acr, err = h.IDP.Clients.AuthenticateClient(p.tenant, req.client); err != nil {
				return err
			}
		}
		return p.issue(client)
	}
}

// tokenRequest parses the form, resolves the tenant and picks the grant.
func (h *Handler) tokenRequest(c echo.Context, v1 bool) (*tokenRequest, grant, error) {
	form, err := web.ParseForm(c.Request())
	if err != nil {
		return nil, grant{}, err
	}
	name := form.Get("grant_type")
	n := web.Note(c)
	n.Grant = name
	if name == "" {
		return nil, grant{}, idp.ErrMissingParameter.New("grant_type")
	}
	ref, err := h.resolveTenant(c)
	if err != nil {
		return nil, grant{}, err
	}
	g, ok := h.grants[name]
	if !ok {
		return nil, grant{}, idp.ErrUnsupportedGrant.New(name)
	}
	req := &tokenRequest{site: web.Site(c), tenant: ref, form: form, v1: v1}
	req.client = clientCredential(c.Request(), form, req)
	n.Client, n.User = req.client.ClientID, form.Get("username")
	n.Scope = strings.TrimSpace(form.Get("scope") + " " + form.Get("resource"))
	return req, g, nil
}

// NotPost answers a GET (or other non-POST) on the token and devicecode
// endpoints as Entra does.
func NotPost(c echo.Context) error {
	return idp.ErrPostOnly.New(c.Request().Method)
}

// CORSPreflight lets single-page apps redeem codes from the browser, which
// is why Entra's token endpoint answers OPTIONS.
func CORSPreflight(c echo.Context) error {
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
