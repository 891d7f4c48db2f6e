package managedidentity

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// imdsServer is the Server header of Azure's Instance Metadata Service.
const imdsServer = "IMDS/150.870.65.1854"

// IMDS paths, fixed in every client.
const ()

// imdsToken is IMDS's token answer: every field a string, keys in
// alphabetical order.
type imdsToken struct {
	AccessToken  string `json:"access_token"`
	ClientID     string `json:"client_id"`
	ExpiresIn    string `json:"expires_in"`
	ExpiresOn    string `json:"expires_on"`
	ExtExpiresIn string `json:"ext_expires_in"`
	NotBefore    string `json:"not_before"`
	Resource     string `json:"resource"`
	TokenType    string `json:"token_type"`
	// Arc echoes a user-assigned selector, which msal-go checks.
	ObjectID string `json:"object_id,omitempty"`
	MSIResID string `json:"msi_res_id,omitempty"`
}

// imdsErr is IMDS's own error body: OAuth-style error and description.
func imdsErr(status int, code, desc string) *miError {
	return &miError{status: status, msg: desc,
		body: struct {
			Error       string `json:"error"`
			Description string `json:"error_description"`
		}{code, desc}}
}

var (
	errIMDSMetadata   = imdsErr(http.StatusBadRequest, "invalid_request", "Required metadata header not specified")
	errIMDSForwarded  = imdsErr(http.StatusBadRequest, "invalid_request", "Request contains X-Forwarded-For header")
	errIMDSNoIdentity = imdsErr(http.StatusBadRequest, "invalid_request", "Identity not found")
	errIMDSAmbiguous  = imdsErr(http.StatusBadRequest, "invalid_request",
		"Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in the token request")
)

func errIMDSMissing(param string) *miError {
	return imdsErr(http.StatusBadRequest, "invalid_request", "Required query variable '"+param+"' is missing")
}

// imdsGuard applies IMDS's request checks in its order: the SSRF guard
// (X-Forwarded-For), then the Metadata header. The DefaultAzureCredential
// probe (no header, no query) gets the metadata-header 400 it expects.
func imdsGuard(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Header.Get("X-Forwarded-For") != "" {
			return errIMDSForwarded
		}
		if !strings.EqualFold(r.Header.Get("Metadata"), "true") {
			return errIMDSMetadata
		}
		return next(c)
	}
}

// imdsTokenRequest answers GET /metadata/identity/oauth2/token for the
// listener's VM.
func (h *Handler) imdsTokenRequest(c echo.Context) error {
	q := c.QueryParams()
	if q.Get("api-version") == "" {
		return errIMDSMissing("api-version")
	}
	if q.Get("resource") == "" {
		return errIMDSMissing("resource")
	}
	sel := idp.IdentitySelector{ClientID: q.Get("client_id"), ObjectID: q.Get("object_id"),
		ResourceID: web.FirstNonEmpty(q.Get("msi_res_id"), q.Get("mi_res_id"))}
	body, err := h.imdsMint(c, idp.ComputeVM, sel, q.Get("resource"))
	if err != nil {
		return err
	}
	return web.WriteJSON(c, http.StatusOK, body)
}

// imdsMint selects the identity and mints its token in IMDS's shape; Arc
// uses it too.
func (h *Handler) imdsMint(c echo.Context, kind string, sel idp.IdentitySelector, resource string) (*imdsToken, error) {
	cv, ok := h.compute(c, kind)
	if !ok {
		return nil, errIMDSNoIdentity
	}
	id, err := cv.SelectIdentity(sel)
	switch {
	case errors.Is(err, idp.ErrIdentityAmbiguous):
		return nil, errIMDSAmbiguous
	case err != nil:
		return nil, errIMDSNoIdentity
	}
	key := imdsCacheKey(cv, id, resource)
	if cached, ok := h.cache.get(key, resource, h.IDP.Clock().Now()); ok {
		return cached, nil
	}
	tok, err := h.mintMI(c, idp.ManagedIdentityTokenSpec{Site: h.miSite(cv), Compute: cv,
		Identity: id, Resource: resource})
	if err != nil {
		return nil, err // AADSTS500011 and friends: IMDS passes Entra's body through
	}
	in := epoch(tok.ExpiresIn())
	body := imdsToken{AccessToken: tok.Token, ClientID: id.ClientID, ExpiresIn: in,
		ExpiresOn: epoch(tok.ExpiresOn.Unix()), ExtExpiresIn: in, NotBefore: epoch(tok.NotBefore.Unix()),
		Resource: resource, TokenType: idp.TokenTypeBearer}
	h.cache.put(key, body, tok.ExpiresOn)
	return &body, nil
}
