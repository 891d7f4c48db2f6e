package managedidentity

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// cloudShellToken is Cloud Shell's v1-style answer with string numbers.
type cloudShellToken struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	ExpiresIn    string `json:"expires_in"`
	ExpiresOn    string `json:"expires_on"`
	NotBefore    string `json:"not_before"`
	Resource     string `json:"resource"`
	TokenType    string `json:"token_type"`
}

// cloudShellErr is Cloud Shell's error envelope.
func cloudShellErr(status int, code, msg string) *miError {
	type inner struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	return &miError{status: status, msg: msg, body: struct {
		Error inner `json:"error"`
	}{inner{code, msg}}}
}

// cloudShellTokenRequest answers POST {MSI_ENDPOINT} (form resource=…,
// Metadata: true) with the signed-in user's token, or the compute's
// managed identity's when no user is signed in.
func (h *Handler) cloudShellTokenRequest(c echo.Context) error {
	if !strings.EqualFold(c.Request().Header.Get("Metadata"), "true") {
		return cloudShellErr(http.StatusBadRequest, "BadRequest", "Required metadata header not specified")
	}
	form, err := web.ParseForm(c.Request())
	if err != nil {
		return cloudShellErr(http.StatusBadRequest, "BadRequest", "The request body must be application/x-www-form-urlencoded.")
	}
	resource := form.Get("resource")
	if resource == "" {
		return cloudShellErr(http.StatusBadRequest, "BadRequest", "Required form variable 'resource' is missing")
	}
	cv, ok := h.compute(c, idp.ComputeCloudShell)
	if !ok {
		return cloudShellErr(http.StatusNotFound, "NotFound", "No Cloud Shell is configured in mockidp's seed.")
	}
	var tok *idp.IssuedToken
	if cv.User != "" {
		if tok, err = h.IDP.Tokens.MintCloudShellToken(h.miSite(cv), cv, resource); err == nil {
			h.recordMIToken(c, h.miSite(cv), tok)
		}
	} else {
		var id *idp.AppView
		if id, err = cv.SelectIdentity(idp.IdentitySelector{}); err != nil {
			return cloudShellErr(http.StatusBadRequest, "BadRequest", "Identity not found")
		}
		tok, err = h.mintMI(c, idp.ManagedIdentityTokenSpec{Site: h.miSite(cv), Compute: cv, Identity: id, Resource: resource})
	}
	var aerr *idp.Error
	switch {
	case errors.As(err, &aerr) && aerr.AADSTS == idp.ErrResourceNotFound.AADSTS:
		return cloudShellErr(http.StatusBadRequest, "AudienceNotSupported", "Audience "+resource+" is not a supported MSI token audience.")
	case err != nil:
		return err
	}
	return web.WriteJSON(c, http.StatusOK, cloudShellToken{AccessToken: tok.Token, ExpiresIn: epoch(tok.ExpiresIn()),
		ExpiresOn: epoch(tok.ExpiresOn.Unix()), NotBefore: epoch(tok.NotBefore.Unix()), Resource: resource,
		TokenType: idp.TokenTypeBearer})
}
