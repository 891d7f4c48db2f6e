package idp

import (
	"crypto/rsa"
	"encoding/base64"
	"net/url"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/mockidp/mockidp/clouds"
)

// ResourceCaller is who a validated resource access token names.
type ResourceCaller struct {
	Claims *AccessClaims
	Tenant *TenantView
	// ObjectID is the oid: a user's or service principal's object ID.
	ObjectID string
	// Client is how ARM names the caller in messages: the UPN of a user,
	// the application ID of an app.
	Client string
}

// armClockSkew is the tolerance ARM's token validation allows on exp and
// nbf.
const armClockSkew = 5 * time.Minute

// ValidateARMToken checks an Authorization header as Azure Resource
// Manager of cloud c does: a bearer JWT signed with the cloud's keys, for
// one of the cloud's ARM audiences, issued to a tenant of that cloud under
// the Site issuer policy, and within its lifetime.
func (p *Provider) ValidateARMToken(c *clouds.Cloud, authorization string) (*ResourceCaller, *ARMError) {
	if strings.TrimSpace(authorization) == "" {
		return nil, ARMMissingAuthorization()
	}
	scheme, raw, ok := strings.Cut(strings.TrimSpace(authorization), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(raw) == "" {
		return nil, ARMMalformedAuthorization()
	}
	claims, ok := p.verifyJWT(c, strings.TrimSpace(raw))
	if !ok {
		return nil, ARMInvalidToken()
	}
	if allowed := armAudiences(c); !containsFold(allowed, claims.Aud) {
		return nil, ARMWrongAudience(claims.Aud, allowed)
	}
	tenant, ok := p.TenantByID(claims.Tid)
	if !ok || tenant.Cloud != c || !issuerAllowed(c, claims) {
		return nil, ARMInvalidToken()
	}
	now := p.clock.Now()
	if exp := time.Unix(claims.Exp, 0); !now.Before(exp.Add(armClockSkew)) {
		return nil, ARMExpiredToken(exp, now)
	}
	if nbf := time.Unix(claims.Nbf, 0); now.Add(armClockSkew).Before(nbf) {
		return nil, ARMTokenNotYetValid(nbf, now)
	}
	return &ResourceCaller{Claims: claims, Tenant: tenant, ObjectID: claims.Oid, Client: callerName(claims)}, nil
}

// verifyJWT checks the RS256 signature against the cloud's published keys
// and decodes the claims.
func (p *Provider) verifyJWT(c *clouds.Cloud, raw string) (*AccessClaims, bool) {
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		return nil, false
	}
	var h struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}
	if !decodeSegment(parts[0], &h) || h.Alg != "RS256" {
		return nil, false
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return nil, false
	}
	var key *rsa.PublicKey
	for _, k := range p.keys.Published(c.Name) {
		if k.ID == h.Kid {
			key = &k.Key.PublicKey
		}
	}
	if key == nil || jwt.SigningMethodRS256.Verify(parts[0]+"."+parts[1], sig, key) != nil {
		return nil, false
	}
	var claims AccessClaims
	if !decodeSegment(parts[1], &claims) || claims.Oid == "" || claims.Tid == "" {
		return nil, false
	}
	return &claims, true
}

// armAudiences are the cloud's ARM audiences with and without their
// trailing slash, in the order ARM lists them.
func armAudiences(c *clouds.Cloud) []string {
	var out []string
	for _, a := range c.ARMAudiences {
		trimmed := strings.TrimRight(a, "/")
		out = append(out, trimmed+"/", trimmed)
	}
	return out
}

// issuerAllowed applies the Site issuer policy: the token's issuer is the
// one mockidp gives tokens of its version and tenant, either at the
// cloud's real login host or rooted at the base URL it names.
func issuerAllowed(c *clouds.Cloud, claims *AccessClaims) bool {
	u, err := url.Parse(claims.Iss)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return false
	}
	v, tid := claims.TokenVersion(), claims.Tid
	real := NewSite(c, "https://"+c.LoginHost).Issuer(v, tid)
	rooted := NewSite(c, u.Scheme+"://"+u.Host).Issuer(v, tid)
	return claims.Iss == real || claims.Iss == rooted
}

// callerName is the user's UPN, or the app's client ID.
func callerName(c *AccessClaims) string {
	switch {
	case c.Upn != "":
		return c.Upn
	case c.UniqueName != "" && c.Idtyp != "app":
		return c.UniqueName
	case c.AppID != "":
		return c.AppID
	}
	return c.Azp
}
