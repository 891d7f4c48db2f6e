package idp

import (
	"encoding/base64"
	"math/big"
)

// JWK is one signing key as Entra publishes it, fields in Entra's order.
// v1 key sets carry no issuer or cloud_instance_name.
type JWK struct {
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

// JWKSet is a key-set document.
type JWKSet struct {
	Keys []JWK `json:"keys"`
}

// KeySet is the site's cloud's published keys as a JWKS document; each
// cloud signs with its own, so a token of one cloud never verifies against
// another's JWKS. Entra's discovery keys and mockidp's workload issuer
// both publish it.
func (k *Keyring) KeySet(st Site, v2 bool) JWKSet {
	set := JWKSet{Keys: []JWK{}}
	for _, key := range k.Published(st.Cloud.Name) {
		j := JWK{Kty: "RSA", Use: "sig", Kid: key.ID, X5t: key.ID,
			N:   base64.RawURLEncoding.EncodeToString(key.Key.N.Bytes()),
			E:   base64.RawURLEncoding.EncodeToString(big.NewInt(int64(key.Key.E)).Bytes()),
			X5c: []string{base64.StdEncoding.EncodeToString(key.Cert.Raw)}}
		if v2 {
			j.CloudInstanceName = st.Cloud.InstanceName
			j.Issuer = st.V2Issuer("{tenantid}")
		}
		set.Keys = append(set.Keys, j)
	}
	return set
}
