package idp

import (
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"strings"

	"github.com/golang-jwt/jwt/v5"
	"github.com/mockidp/mockidp/clouds"
)

// WorkloadIssuerPath is where mockidp's own Kubernetes-style
// service-account issuer lives under any of its base URLs: its tokens'
// iss is {base}/_mockidp/workload-identity.
const WorkloadIssuerPath = "/_mockidp/workload-identity"

// federatedClaims are the claims Entra matches a federated credential on.
type federatedClaims struct {
	jwt.RegisteredClaims
}

// isFederatedAssertion: an assertion whose iss is not the client's own ID
// comes from an external issuer (workload identity federation).
func isFederatedAssertion(assertion, clientID string) bool {
	_, payload, ok := strings.Cut(assertion, ".")
	if !ok {
		return false
	}
	payload, _, _ = strings.Cut(payload, ".")
	raw, err := decodeBase64Lenient(payload)
	if err != nil {
		return false
	}
	var c struct {
		Iss string `json:"iss"`
	}
	return json.Unmarshal(raw, &c) == nil && c.Iss != "" && !strings.EqualFold(c.Iss, clientID)
}

// verifyFederatedAssertion checks an external token against the app's (or
// identity's) federated credentials, in Entra's order: a credential for
// the issuer (AADSTS700211), the issuer's signature, the time range
// (AADSTS700024), then subject and audience (AADSTS70021).
func (p *Clients) verifyFederatedAssertion(t *TenantView, app *AppView, cred ClientCredential) error {
	if cred.AssertionType != AssertionTypeJWTBearer {
		return ErrMissingParameter.New("client_assertion_type")
	}
	var unverified federatedClaims
	if _, _, err := jwt.NewParser().ParseUnverified(cred.Assertion, &unverified); err != nil {
		return ErrAssertionMalformed.New().Wrap(err)
	}
	iss := unverified.Issuer
	fics := matchingIssuer(app.FederatedCredentials, iss)
	keys := p.issuerKeys(iss)
	if len(fics) == 0 || keys == nil {
		return ErrFederatedIssuer.New(iss)
	}
	var c federatedClaims
	_, err := jwt.ParseWithClaims(cred.Assertion, &c, func(tok *jwt.Token) (any, error) {
		kid, _ := tok.Header["kid"].(string)
		if k, ok := keys[kid]; ok {
			return k, nil
		}
		if len(keys) == 1 && kid == "" {
			for _, k := range keys {
				return k, nil
			}
		}
		return nil, fmt.Errorf("issuer %s has no key %q", iss, kid)
	}, jwt.WithValidMethods(assertionAlgs), jwt.WithoutClaimsValidation())
	if err != nil {
		return ErrAssertionMalformed.New().Wrap(err)
	}
	now := p.clock.Now()
	if c.ExpiresAt == nil || now.After(c.ExpiresAt.Add(assertionSkew)) ||
		(c.NotBefore != nil && now.Add(assertionSkew).Before(c.NotBefore.Time)) {
		exp, nbf := now, now
		if c.ExpiresAt != nil {
			exp = c.ExpiresAt.Time
		}
		if c.NotBefore != nil {
			nbf = c.NotBefore.Time
		} else if c.IssuedAt != nil {
			nbf = c.IssuedAt.Time
		}
		return ErrAssertionTimeRange.New(isoTime(now), isoTime(nbf), isoTime(exp))
	}
	for _, f := range fics {
		if f.Subject == c.Subject && audienceMatches(f, t.Cloud, c.Audience) {
			return nil
		}
	}
	return ErrFederatedNoMatch.New(iss, c.Subject, strings.Join(c.Audience, ","))
}

func matchingIssuer(fics []FederatedCredential, iss string) []FederatedCredential {
	var out []FederatedCredential
	for _, f := range fics {
		if f.Issuer == iss || f.Issuer == IssuerSelf && IsWorkloadIssuer(iss) {
			out = append(out, f)
		}
	}
	return out
}

func audienceMatches(f FederatedCredential, c *clouds.Cloud, auds []string) bool {
	want := f.Audiences
	if len(want) == 0 {
		want = []string{c.FederationAudience}
	}
	for _, a := range auds {
		for _, w := range want {
			if a == w {
				return true
			}
		}
	}
	return false
}

// IsWorkloadIssuer reports whether iss is mockidp's own service-account
// issuer under some base URL.
func IsWorkloadIssuer(iss string) bool {
	u, err := url.Parse(iss)
	return err == nil && u.Host != "" && strings.TrimRight(u.Path, "/") == WorkloadIssuerPath
}

// issuerKeys are the verification keys of a trusted issuer by kid, nil if
// mockidp does not know the issuer.
func (p *Clients) issuerKeys(iss string) map[string]*rsa.PublicKey {
	if IsWorkloadIssuer(iss) {
		keys := map[string]*rsa.PublicKey{}
		for _, k := range p.keys.Published(clouds.Public.Name) {
			keys[k.ID] = &k.Key.PublicKey
		}
		return keys
	}
	return p.dir.Load().issuers[iss]
}

// parseTrustedIssuers decodes the seed's inline JWKS documents.
func parseTrustedIssuers(list []TrustedIssuer) (map[string]map[string]*rsa.PublicKey, error) {
	out := map[string]map[string]*rsa.PublicKey{}
	var errs []error
	for i, ti := range list {
		keys, err := ParseJWKS(ti.JWKS)
		if err == nil && ti.Issuer == "" {
			err = errors.New("issuer is required")
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("trusted issuer %d (%s): %w", i, ti.Issuer, err))
			continue
		}
		out[ti.Issuer] = keys
	}
	return out, errors.Join(errs...)
}

// ParseJWKS reads the RSA signing keys of a JWKS document by kid.
func ParseJWKS(data []byte) (map[string]*rsa.PublicKey, error) {
	var set struct {
		Keys []struct {
			Kty string `json:"kty"`
			Kid string `json:"kid"`
			N   string `json:"n"`
			E   string `json:"e"`
		} `json:"keys"`
	}
	if err := json.Unmarshal(data, &set); err != nil {
		return nil, fmt.Errorf("jwks: %w", err)
	}
	keys := map[string]*rsa.PublicKey{}
	for i, k := range set.Keys {
		if k.Kty != "RSA" {
			continue
		}
		n, err1 := base64.RawURLEncoding.DecodeString(strings.TrimRight(k.N, "="))
		e, err2 := base64.RawURLEncoding.DecodeString(strings.TrimRight(k.E, "="))
		if err1 != nil || err2 != nil || len(n) < 128 || len(e) == 0 || len(e) > 4 {
			return nil, fmt.Errorf("jwks: key %d: bad n or e", i)
		}
		keys[k.Kid] = &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
	}
	if len(keys) == 0 {
		return nil, errors.New("jwks: no RSA keys")
	}
	return keys, nil
}
