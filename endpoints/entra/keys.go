package entra

import (
	"encoding/base64"
	"math/big"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// jwk is one signing key as Entra publishes it, fields in Entra's order.
// v1 key sets carry no issuer or cloud_instance_name.
type jwk struct {
	Kty               string   `json:"kty"`
	Use               string   `json:"use"`
	Kid               string   `json:"kid"`
	X5t               string   `json:"x5t"`
	N                 string   `json:"n"`
	E                 string   `json:"e"`
	X5c               []string `json:"x5c"`
	CloudInstanceName string   `json:"cloud_instance_name,omitempty"`
	Issuer            string   `json:"issuer,omitempty"`
}

type jwks struct {
	Keys []jwk `json:"keys"`
}

// KeySet renders the cloud's published keys; each cloud signs with its
// own, so a token of one cloud never verifies against another's JWKS.
func KeySet(p *idp.Provider, st idp.Site, v2 bool) jwks {
	set := jwks{Keys: []jwk{}}
	for _, k := range p.Keys().Published(st.Cloud.Name) {
		j := jwk{Kty: "RSA", Use: "sig", Kid: k.ID, X5t: k.ID,
			N:   base64.RawURLEncoding.EncodeToString(k.Key.N.Bytes()),
			E:   base64.RawURLEncoding.EncodeToString(big.NewInt(int64(k.Key.E)).Bytes()),
			X5c: []string{base64.StdEncoding.EncodeToString(k.Cert.Raw)}}
		if v2 {
			j.CloudInstanceName = st.Cloud.InstanceName
			j.Issuer = st.V2Issuer("{tenantid}")
		}
		set.Keys = append(set.Keys, j)
	}
	return set
}

// KeysV2 is the v2 key set.
func (h *Handler) KeysV2(c echo.Context) error {
	if _, err := h.resolveTenant(c); err != nil {
		return err
	}
	return web.WriteJSON(c, http.StatusOK, KeySet(h.IDP, web.Site(c), true))
}

// KeysV1 is the v1 key set.
func (h *Handler) KeysV1(c echo.Context) error {
	if _, err := h.resolveTenant(c); err != nil {
		return err
	}
	return web.WriteJSON(c, http.StatusOK, KeySet(h.IDP, web.Site(c), false))
}
