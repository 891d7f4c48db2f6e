package idp

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/mockidp/mockidp/clouds"
)

// TokenProblem is why a resource rejects an access token.
type TokenProblem int

// The ways an access token fails validation at a resource.
const (
	TokenEmpty TokenProblem = iota + 1
	TokenMalformed
	TokenBadSignature
	TokenBadIssuer
	TokenBadAudience
	TokenExpired
	TokenNotYetValid
)

// TokenError is a failed access-token validation.
type TokenError struct {
	Problem TokenProblem
	Detail  string
}

func (e *TokenError) Error() string { return e.Detail }

// resourceClockSkew is the leeway resources allow on exp and nbf.
const resourceClockSkew = 5 * time.Minute

// TokenCheck is what a resource accepts.
type TokenCheck struct {
	Cloud     *clouds.Cloud
	Audiences []string
	// IssuerBaseOK accepts issuer base URLs (scheme and host) besides the
	// cloud's own issuer hosts: mockidp's issuers follow the URL the client
	// used.
	IssuerBaseOK func(base string) bool
}

// ValidateAccessToken checks an access token exactly as a resource would:
// RS256 signature by a key the cloud publishes, issuer of the token's
// tenant, audience, and lifetime on the mock clock.
func (p *Provider) ValidateAccessToken(token string, chk TokenCheck) (*AccessClaims, error) {
	if token == "" {
		return nil, &TokenError{TokenEmpty, "Access token is empty."}
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, &TokenError{TokenMalformed, "CompactToken parsing failed with error code: 80049217"}
	}
	var h jwtHeader
	var c AccessClaims
	if !decodeSegment(parts[0], &h) || !decodeSegment(parts[1], &c) {
		return nil, &TokenError{TokenMalformed, "CompactToken parsing failed with error code: 80049217"}
	}
	if h.Alg != "RS256" || !p.signatureValid(chk.Cloud.Name, h.Kid, parts) {
		return nil, &TokenError{TokenBadSignature, "Access token validation failure."}
	}
	if !issuerValid(c, chk) {
		return nil, &TokenError{TokenBadIssuer, "Access token validation failure. Invalid issuer."}
	}
	if !slices.ContainsFunc(chk.Audiences, func(a string) bool { return resourceKey(a) == resourceKey(c.Aud) }) {
		return nil, &TokenError{TokenBadAudience, "Access token validation failure. Invalid audience."}
	}
	now := p.clock.Now()
	if now.After(time.Unix(c.Exp, 0).Add(resourceClockSkew)) {
		return nil, &TokenError{TokenExpired, "Lifetime validation failed, the token is expired."}
	}
	if now.Add(resourceClockSkew).Before(time.Unix(c.Nbf, 0)) {
		return nil, &TokenError{TokenNotYetValid, "Access token has expired or is not yet valid."}
	}
	return &c, nil
}

func decodeSegment(seg string, v any) bool {
	raw, err := base64.RawURLEncoding.DecodeString(seg)
	return err == nil && json.Unmarshal(raw, v) == nil
}

func (p *Provider) signatureValid(cloud, kid string, parts []string) bool {
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return false
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	for _, k := range p.keys.Published(cloud) {
		if k.ID == kid {
			return rsa.VerifyPKCS1v15(&k.Key.PublicKey, crypto.SHA256, sum[:], sig) == nil
		}
	}
	return false
}

// issuerValid: the token's iss must be the issuer of its own tenant, for
// its version, rooted at a real issuer host of the cloud or at a base URL
// mockidp issues from.
func issuerValid(c AccessClaims, chk TokenCheck) bool {
	if !IsGUID(c.Tid) {
		return false
	}
	suffix := "/" + c.Tid + "/"
	if c.TokenVersion() == 2 {
		suffix = "/" + c.Tid + "/v2.0"
	}
	base, ok := strings.CutSuffix(c.Iss, suffix)
	if !ok {
		return false
	}
	real := NewSite(chk.Cloud, "https://"+chk.Cloud.LoginHost)
	if c.Iss == real.Issuer(c.TokenVersion(), c.Tid) {
		return true
	}
	return chk.IssuerBaseOK != nil && chk.IssuerBaseOK(base)
}

// RevokedAt returns the user's TokensValidFrom when a token (issued at
// iat plus Entra's five-minute backdating) predates it: a CAE resource
// rejects such tokens of CAE-capable clients.
func (p *Provider) RevokedAt(c *AccessClaims) (time.Time, bool) {
	t, ok := p.TenantByID(c.Tid)
	if !ok || c.Oid == "" {
		return time.Time{}, false
	}
	u, ok := t.User(c.Oid)
	if !ok || u.TokensValidFrom.IsZero() {
		return time.Time{}, false
	}
	issued := time.Unix(c.Iat, 0).Add(issueSkew)
	if c.Nbf > c.Iat {
		issued = time.Unix(c.Nbf, 0) // a challenge answered with nbf: that is the token's start
	}
	// iat has whole seconds: a token from the second of the revocation
	// is given the benefit of the doubt, so a client that fetches a new
	// token right after a challenge is not challenged again.
	return u.TokensValidFrom, issued.Before(u.TokensValidFrom.Truncate(time.Second))
}

// CAECapable reports whether the token's client declared cp1.
func (c *AccessClaims) CAECapable() bool {
	return slices.ContainsFunc(c.XmsCC, func(v string) bool { return strings.EqualFold(v, "cp1") })
}
