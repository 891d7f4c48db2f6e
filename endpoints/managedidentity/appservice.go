package managedidentity

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// App Service (2019-08-01) and Azure ML (the 2017-09-01 protocol) answer
// from the same kind of host, in the same shapes.
const (
	appServiceAPIVersion = "2019-08-01"
	azureMLAPIVersion    = "2017-09-01"
	kestrelServer        = "Kestrel"
)

// appServiceToken is the App Service answer: expires_on a string of epoch
// seconds and no expires_in.
type appServiceToken struct {
	AccessToken string `json:"access_token"`
	ExpiresOn   string `json:"expires_on"`
	Resource    string `json:"resource"`
	TokenType   string `json:"token_type"`
	ClientID    string `json:"client_id"`
}

// appServiceErr is App Service's error body with its correlation header.
// Its 500 carries statusCode as a string, as App Service sends it.
func (h *Handler) appServiceErr(status int, msg string) *miError {
	corr := idp.NewGUID(h.IDP.Rand())
	var code any = status
	if status >= 500 {
		code = strconv.Itoa(status)
	}
	return &miError{status: status, msg: msg, header: map[string]string{"X-CORRELATION-ID": corr},
		body: struct {
			StatusCode    any    `json:"statusCode"`
			Message       string `json:"message"`
			CorrelationID string `json:"correlationId"`
		}{code, msg, corr}}
}

const (
	msgNoIdentity = "Unable to load the proper Managed Identity."
	msgAADFailed  = "An unexpected error occured while fetching the AAD Token." // sic
)

// appServiceTokenRequest answers GET {IDENTITY_ENDPOINT} with the
// X-IDENTITY-HEADER secret.
func (h *Handler) appServiceTokenRequest(c echo.Context) error {
	q := c.QueryParams()
	if !secretMatches(c.Request().Header.Get("X-IDENTITY-HEADER"), h.identityHeader()) {
		return h.appServiceErr(http.StatusUnauthorized, "The X-IDENTITY-HEADER header is missing or does not match IDENTITY_HEADER.")
	}
	if v := q.Get("api-version"); v != appServiceAPIVersion {
		return h.appServiceErr(http.StatusBadRequest, "The api-version '"+v+"' is not supported. Supported version is '"+appServiceAPIVersion+"'.")
	}
	sel := idp.IdentitySelector{ClientID: q.Get("client_id"), ObjectID: web.FirstNonEmpty(q.Get("principal_id"), q.Get("object_id")),
		ResourceID: q.Get("mi_res_id")}
	return h.appServiceMint(c, idp.ComputeAppService, sel, q.Get("resource"))
}

// azureMLTokenRequest answers GET {MSI_ENDPOINT} with the secret header;
// only a client ID selects a user-assigned identity.
func (h *Handler) azureMLTokenRequest(c echo.Context) error {
	q := c.QueryParams()
	if !secretMatches(c.Request().Header.Get("secret"), h.msiSecret()) {
		return h.appServiceErr(http.StatusUnauthorized, "The secret header is missing or does not match MSI_SECRET.")
	}
	if v := q.Get("api-version"); v != azureMLAPIVersion {
		return h.appServiceErr(http.StatusBadRequest, "The api-version '"+v+"' is not supported. Supported version is '"+azureMLAPIVersion+"'.")
	}
	return h.appServiceMint(c, idp.ComputeAzureML, idp.IdentitySelector{ClientID: q.Get("clientid")}, q.Get("resource"))
}

func (h *Handler) appServiceMint(c echo.Context, kind string, sel idp.IdentitySelector, resource string) error {
	if resource == "" {
		return h.appServiceErr(http.StatusBadRequest, "Required query variable 'resource' is missing.")
	}
	cv, ok := h.compute(c, kind)
	if !ok {
		return h.appServiceErr(http.StatusBadRequest, msgNoIdentity)
	}
	id, err := cv.SelectIdentity(sel)
	if err != nil {
		return h.appServiceErr(http.StatusBadRequest, msgNoIdentity)
	}
	tok, err := h.mintMI(c, idp.ManagedIdentityTokenSpec{Site: h.miSite(cv), Compute: cv,
		Identity: id, Resource: resource})
	var aerr *idp.Error
	switch {
	case errors.As(err, &aerr) && aerr.Status < 500:
		return h.appServiceErr(http.StatusInternalServerError, msgAADFailed)
	case err != nil:
		return err
	}
	return web.WriteJSON(c, http.StatusOK, appServiceToken{AccessToken: tok.Token, ExpiresOn: epoch(tok.ExpiresOn.Unix()),
		Resource: resource, TokenType: idp.TokenTypeBearer, ClientID: id.ClientID})
}

func (h *Handler) identityHeader() string {
	return web.FirstNonEmpty(h.Options.IdentityHeader, controlapi.DefaultIdentityHeader)
}

func (h *Handler) msiSecret() string {
	return web.FirstNonEmpty(h.Options.MSISecret, controlapi.DefaultMSISecret)
}

// secretMatches compares a presented secret in constant time.
func secretMatches(got, want string) bool {
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}
