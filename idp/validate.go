package idp

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/mockidp/mockidp/clouds"
)

// One bearer-token validator serves every protected resource mockidp
// emulates (Azure Resource Manager, the Graph-like API). It decides
// whether a token is good; how a rejection reads on the wire is each
// resource's business, so failures come back as a TokenProblem.

// TokenProblem is why a resource rejects an access token.
type TokenProblem int

// The ways an access token fails validation at a resource, in the order
// they are checked.
const (
	TokenEmpty        TokenProblem = iota + 1 // no Authorization header, or an empty token
	TokenNotBearer                            // an Authorization header that is not "Bearer <token>"
	TokenMalformed                            // not a JWT with JSON header and claims
	TokenBadSignature                         // not RS256 by a key the cloud publishes
	TokenBadIssuer                            // issuer not the one of the token's tenant in this cloud
	TokenBadAudience                          // issued for another resource
	TokenExpired                              // past exp beyond the leeway
	TokenNotYetValid                          // before nbf beyond the leeway
)

// TokenError is a failed access-token validation. Claims holds the
// decoded claims once the token parsed (from TokenBadSignature on), so a
// resource can name the audience or expiry in its message; Now is the
// mock clock's time of the check.
type TokenError struct {
	Problem TokenProblem
	Claims  *AccessClaims
	Now     time.Time
}

func (e *TokenError) Error() string { return "access token rejected: " + e.Problem.String() }

// String names the problem for logs and test failures.
func (p TokenProblem) String() string {
	names := []string{"?", "empty", "not bearer", "malformed", "bad signature", "bad issuer", "bad audience", "expired", "not yet valid"}
	if int(p) < len(names) {
		return names[p]
	}
	return "?"
}

// resourceClockSkew is the leeway resources allow on exp and nbf.
const resourceClockSkew = 5 * time.Minute

// TokenCheck is what a resource accepts.
type TokenCheck struct {
	Cloud *clouds.Cloud
	// Audiences are the aud values the resource accepts; compared as
	// resource identifiers (case and trailing slash do not matter).
	Audiences []string
	// IssuerBaseOK accepts issuer base URLs (scheme and host) besides the
	// cloud's own issuer hosts: mockidp's issuers follow the URL the client
	// used (the Site policy). Nil accepts only the cloud's real issuers;
	// AnyIssuerBase accepts any base the token is rooted at.
	IssuerBaseOK func(base string) bool
}

// AnyIssuerBase is an IssuerBaseOK for resources that trust every base
// URL mockidp may have issued from, including listeners they never saw
// (managed-identity tokens are rooted at the cloud's listener).
func AnyIssuerBase(string) bool { return true }

// ValidToken is an access token a resource accepted.
type ValidToken struct {
	Claims *AccessClaims
	Tenant *TenantView
	// Directory is the snapshot the token was checked against; the
	// resource answers from it too.
	Directory Directory
}

// ValidateBearer checks an Authorization header: "Bearer <token>", then
// the token as ValidateAccessToken does.
func (p *Provider) ValidateBearer(authorization string, chk TokenCheck) (*ValidToken, *TokenError) {
	auth := strings.TrimSpace(authorization)
	if auth == "" {
		return nil, &TokenError{Problem: TokenEmpty, Now: p.clock.Now()}
	}
	scheme, raw, _ := strings.Cut(auth, " ")
	if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(raw) == "" {
		return nil, &TokenError{Problem: TokenNotBearer, Now: p.clock.Now()}
	}
	return p.ValidateAccessToken(strings.TrimSpace(raw), chk)
}

// ValidateAccessToken checks an access token exactly as a resource would:
// RS256 signature by a key the cloud publishes, issuer of the token's
// tenant (which must exist in the cloud) under the Site policy, audience,
// and lifetime on the mock clock.
func (p *Provider) ValidateAccessToken(token string, chk TokenCheck) (*ValidToken, *TokenError) {
	now := p.clock.Now()
	fail := func(pr TokenProblem, c *AccessClaims) (*ValidToken, *TokenError) {
		return nil, &TokenError{Problem: pr, Claims: c, Now: now}
	}
	if token == "" {
		return fail(TokenEmpty, nil)
	}
	var h jwtHeader
	var c AccessClaims
	if DecodeUnverifiedJWT(token, &h, &c) != nil {
		return fail(TokenMalformed, nil)
	}
	if h.Alg != "RS256" || !p.signatureValid(chk.Cloud.Name, h.Kid, strings.Split(token, ".")) {
		return fail(TokenBadSignature, &c)
	}
	dir := p.Directory()
	tenant, ok := dir.TenantByID(c.Tid)
	if !ok || tenant.Cloud != chk.Cloud || !issuerValid(c, chk) {
		return fail(TokenBadIssuer, &c)
	}
	if !slices.ContainsFunc(chk.Audiences, func(a string) bool { return resourceKey(a) == resourceKey(c.Aud) }) {
		return fail(TokenBadAudience, &c)
	}
	if now.After(time.Unix(c.Exp, 0).Add(resourceClockSkew)) {
		return fail(TokenExpired, &c)
	}
	if now.Add(resourceClockSkew).Before(time.Unix(c.Nbf, 0)) {
		return fail(TokenNotYetValid, &c)
	}
	return &ValidToken{Claims: &c, Tenant: tenant, Directory: dir}, nil
}

// SignatureValid reports whether token is RS256-signed by the key its
// kid names among those the cloud publishes now.
func (p *Provider) SignatureValid(cloud, token string) bool {
	var h jwtHeader
	if DecodeUnverifiedJWT(token, &h, nil) != nil || h.Alg != "RS256" {
		return false
	}
	return p.signatureValid(cloud, h.Kid, strings.Split(strings.TrimSpace(token), "."))
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
// its version, either the cloud's real issuer or the one the Site policy
// gives a base URL the check accepts.
func issuerValid(c AccessClaims, chk TokenCheck) bool {
	if !IsGUID(c.Tid) {
		return false
	}
	v := c.TokenVersion()
	if c.Iss == NewSite(chk.Cloud, "https://"+chk.Cloud.LoginHost).Issuer(v, c.Tid) {
		return true
	}
	suffix := "/" + c.Tid + "/"
	if v == 2 {
		suffix = "/" + c.Tid + "/v2.0"
	}
	base, ok := strings.CutSuffix(c.Iss, suffix)
	if !ok || chk.IssuerBaseOK == nil {
		return false
	}
	u, err := url.Parse(base)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return false
	}
	return NewSite(chk.Cloud, base).Issuer(v, c.Tid) == c.Iss && chk.IssuerBaseOK(base)
}

// CAERevokedMessage is how resources word a CAE rejection of a token
// issued before the user's sessions were revoked.
const CAERevokedMessage = "Continuous access evaluation resulted in claims challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp"

// RevokedAt returns the user's TokensValidFrom when a token of this
// tenant (issued at iat plus Entra's five-minute backdating) predates it:
// a CAE resource rejects such tokens of CAE-capable clients.
func (t *TenantView) RevokedAt(c *AccessClaims) (time.Time, bool) {
	if t == nil || c.Oid == "" {
		return time.Time{}, false
	}
	u, ok := t.User(c.Oid)
	if !ok || u.TokensValidFrom.IsZero() {
		return time.Time{}, false
	}
	return u.TokensValidFrom, c.issuedBefore(u.TokensValidFrom)
}

// issuedBefore reports whether the token was issued before a revocation
// event at t.
func (c *AccessClaims) issuedBefore(t time.Time) bool {
	issued := time.Unix(c.Iat, 0).Add(issueSkew)
	if c.Nbf > c.Iat {
		issued = time.Unix(c.Nbf, 0) // a challenge answered with nbf: that is the token's start
	}
	// iat has whole seconds: a token from the second of the revocation
	// is given the benefit of the doubt, so a client that fetches a new
	// token right after a challenge is not challenged again.
	return issued.Before(t.Truncate(time.Second))
}

// CAECapable reports whether the token's client declared cp1.
func (c *AccessClaims) CAECapable() bool {
	return declaresCP1(c.XmsCC)
}
