// Package workload is mockidp's Kubernetes-style service-account issuer:
// the token endpoint that mints what AKS writes to
// AZURE_FEDERATED_TOKEN_FILE, its OpenID configuration and its keys, so
// workload-identity federation runs end to end.
package workload

import (
	"encoding/json"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// Handler serves the workload issuer.
type Handler struct{ IDP *idp.Provider }

// defaultServiceAccount is the account the default seed's federated
// credentials trust (idp.DefaultWorkloadSubject).
const defaultServiceAccount = "workload"

// Token mints a Kubernetes-style projected service-account token
// from mockidp's own issuer.
func (h *Handler) Token(c echo.Context) error {
	var req controlapi.ServiceAccountRequest
	ct, _, _ := mime.ParseMediaType(c.Request().Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		r := http.MaxBytesReader(nil, c.Request().Body, web.MaxFormBytes)
		if err := json.NewDecoder(r).Decode(&req); err != nil {
			return controlErr("The body is not a JSON object: " + err.Error())
		}
	case "application/x-www-form-urlencoded", "":
		form, err := c.FormParams()
		if err != nil {
			return controlErr("The body is not a form.")
		}
		req.Namespace, req.ServiceAccount, req.Audience = form.Get("namespace"), form.Get("service_account"), form.Get("audience")
		if v := form.Get("lifetime_seconds"); v != "" {
			if req.LifetimeSeconds, err = strconv.Atoi(v); err != nil {
				return controlErr("lifetime_seconds must be a whole number.")
			}
		}
	default:
		return controlErr("Send application/json or application/x-www-form-urlencoded.")
	}
	if req.ServiceAccount == "" {
		req.ServiceAccount = defaultServiceAccount
	}
	if req.LifetimeSeconds < 0 || req.LifetimeSeconds > 7*24*3600 {
		return controlErr("lifetime_seconds must be between 0 and 604800.")
	}
	tok, err := h.IDP.Tokens.MintServiceAccountToken(idp.ServiceAccountRequest{Site: web.Site(c), Namespace: req.Namespace,
		ServiceAccount: req.ServiceAccount, Audience: req.Audience, Lifetime: time.Duration(req.LifetimeSeconds) * time.Second})
	if err != nil {
		if _, ok := err.(*idp.Error); ok {
			return err
		}
		return controlErr(err.Error())
	}
	return web.WriteJSON(c, http.StatusOK, controlapi.ServiceAccountToken{Token: tok.Token, Issuer: tok.Issuer, Subject: tok.Subject,
		Audience: tok.Audience, ExpiresOn: tok.ExpiresOn.Unix()})
}

// Discovery is the issuer's OpenID configuration, as a
// Kubernetes API server publishes it.
func (h *Handler) Discovery(c echo.Context) error {
	iss := idp.WorkloadIssuer(web.Site(c))
	return web.WriteJSON(c, http.StatusOK, map[string]any{
		"issuer": iss, "jwks_uri": iss + "/openid/v1/jwks",
		"response_types_supported": []string{"id_token"}, "subject_types_supported": []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
	})
}

// Keys are the issuer's keys: the public cloud's signing keys.
func (h *Handler) Keys(c echo.Context) error {
	return web.WriteJSON(c, http.StatusOK, h.IDP.Keys().KeySet(idp.NewSite(clouds.Public, web.Site(c).BaseURL), false))
}

// controlErr is the service-account token endpoint's 400: it lives under
// the control API's prefix and answers in its one error shape.
func controlErr(msg string) error {
	return &controlError{controlapi.Error{Status: http.StatusBadRequest, Code: controlapi.ErrInvalidRequest, Detail: msg}}
}

// controlError renders the control API's error body.
type controlError struct{ body controlapi.Error }

func (e *controlError) Error() string { return e.body.Error() }

func (e *controlError) Render(c echo.Context) error { return web.WriteJSON(c, e.body.Status, e.body) }
