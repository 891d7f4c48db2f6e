package managedidentity

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// Service Fabric's endpoint is HTTPS: it is served on the TLS listeners,
// whose certificate thumbprint clients pin (IDENTITY_SERVER_THUMBPRINT).
const (
	serviceFabricAPIVersion = "2019-07-01-preview"
)

// serviceFabricToken carries expires_on as a JSON number, as documented.
type serviceFabricToken struct {
	TokenType   string `json:"token_type"`
	AccessToken string `json:"access_token"`
	ExpiresOn   int64  `json:"expires_on"`
	Resource    string `json:"resource"`
}

// serviceFabricErr is Service Fabric's error envelope.
func (h *Handler) serviceFabricErr(status int, code, msg string) *miError {
	type inner struct {
		CorrelationID string `json:"correlationId"`
		Code          string `json:"code"`
		Message       string `json:"message"`
	}
	return &miError{status: status, msg: msg, body: struct {
		Error inner `json:"error"`
	}{inner{idp.NewGUID(h.IDP.Rand()), code, msg}}}
}

// serviceFabricTokenRequest answers GET {IDENTITY_ENDPOINT} with the
// Secret header for the application's identity; Service Fabric has no
// user-assigned selection (the app manifest decides).
func (h *Handler) serviceFabricTokenRequest(c echo.Context) error {
	q := c.QueryParams()
	secret := c.Request().Header.Get("Secret")
	switch {
	case secret == "":
		return h.serviceFabricErr(http.StatusUnauthorized, "SecretHeaderNotFound", "Secret is not found in the request headers.")
	case !secretMatches(secret, h.identityHeader()):
		return h.serviceFabricErr(http.StatusUnauthorized, "SecretHeaderInvalid", "The secret in the request headers does not match.")
	case q.Get("api-version") != serviceFabricAPIVersion:
		return h.serviceFabricErr(http.StatusBadRequest, "InvalidApiVersion",
			"The api-version '"+q.Get("api-version")+"' is not supported. Supported version is '"+serviceFabricAPIVersion+"'.")
	case q.Get("resource") == "":
		return h.serviceFabricErr(http.StatusBadRequest, "ArgumentNullOrEmpty", "The parameter 'resource' should not be null or empty string.")
	}
	cv, ok := h.compute(c, idp.ComputeServiceFabric)
	var id *idp.AppView
	if ok {
		id, _ = cv.SelectIdentity(idp.IdentitySelector{})
	}
	if id == nil {
		return h.serviceFabricErr(http.StatusNotFound, "ManagedIdentityNotFound", "Managed Identity not found for the application.")
	}
	tok, err := h.mintMI(c, idp.ManagedIdentityTokenSpec{Site: h.miSite(cv), Compute: cv,
		Identity: id, Resource: q.Get("resource")})
	if err != nil {
		return err
	}
	return web.WriteJSON(c, http.StatusOK, serviceFabricToken{TokenType: idp.TokenTypeBearer, AccessToken: tok.Token,
		ExpiresOn: tok.ExpiresOn.Unix(), Resource: q.Get("resource")})
}
