package entra

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// appTokenV2 is the v2 app-only answer: numbers as JSON numbers, no scope.
type appTokenV2 struct {
	TokenType    string `json:"token_type"`
	ExpiresIn    int64  `json:"expires_in"`
	ExtExpiresIn int64  `json:"ext_expires_in"`
	AccessToken  string `json:"access_token"`
}

// appTokenV1 is the v1 app-only answer: every number a string, plus
// expires_on, not_before and resource.
type appTokenV1 struct {
	TokenType    string `json:"token_type"`
	ExpiresIn    string `json:"expires_in"`
	ExtExpiresIn string `json:"ext_expires_in"`
	ExpiresOn    string `json:"expires_on"`
	NotBefore    string `json:"not_before"`
	Resource     string `json:"resource"`
	AccessToken  string `json:"access_token"`
}

// clientCredentials is the app-only grant: the tenant and the resource
// are checked before the pipeline authenticates the client, as Entra
// orders its errors.
func (h *Handler) clientCredentials(c echo.Context, req *tokenRequest) (*prepared, error) {
	t, resource, err := idp.ClientCredentialsResource(req.tenant, req.v1, req.form.Get("scope"), req.form.Get("resource"))
	if err != nil {
		return nil, err
	}
	return &prepared{tenant: t, issue: func(cl authenticated) error { return h.issueAppToken(c, req, t, resource, cl) }}, nil
}

func (h *Handler) issueAppToken(c echo.Context, req *tokenRequest, t *idp.TenantView, resource string, cl authenticated) error {
	tok, err := h.IDP.Grants.ClientCredentials(idp.ClientCredentialsRequest{
		Site: req.site, Tenant: t, Client: cl.app, ClientAuth: cl.acr, Resource: resource, Claims: req.form.Get("claims"),
	})
	if err != nil {
		return err
	}
	h.recordToken(c, tok.Token)
	if !req.v1 {
		return web.WriteJSON(c, http.StatusOK, appTokenV2{idp.TokenTypeBearer, tok.ExpiresIn(), tok.ExpiresIn(), tok.Token})
	}
	in := strconv.FormatInt(tok.ExpiresIn(), 10)
	return web.WriteJSON(c, http.StatusOK, appTokenV1{
		TokenType: idp.TokenTypeBearer, ExpiresIn: in, ExtExpiresIn: in,
		ExpiresOn: strconv.FormatInt(tok.ExpiresOn.Unix(), 10), NotBefore: strconv.FormatInt(tok.NotBefore.Unix(), 10),
		Resource: req.form.Get("resource"), AccessToken: tok.Token,
	})
}
