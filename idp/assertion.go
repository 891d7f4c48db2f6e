package idp

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Entra tolerates a few minutes of clock difference on assertions.
const assertionSkew = 5 * time.Minute

// assertionAlgs are the algorithms Entra accepts on client assertions:
// RSA only (msal-go signs with PS256, older clients RS256).
var assertionAlgs = []string{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"}

// assertionHeader is the part of a client assertion's header that names
// the key.
type assertionHeader struct {
	Alg       string `json:"alg"`
	X5t       string `json:"x5t"`
	X5tS256   string `json:"x5t#S256"`
	Kid       string `json:"kid"`
	thumbprnt string
}

// assertionClaims accepts float exp/iat (MSAL Python sends them).
type assertionClaims struct {
	jwt.RegisteredClaims
}

// verifyAssertion checks a certificate client assertion as Entra does, in
// Entra's order: shape, algorithm, key, signature, then claims.
func (p *Clients) verifyAssertion(t *TenantView, app *AppView, cred ClientCredential) error {
	if cred.AssertionType != AssertionTypeJWTBearer {
		return ErrMissingParameter.New("client_assertion_type")
	}
	h, err := parseAssertionHeader(cred.Assertion)
	if err != nil {
		return ErrAssertionMalformed.New().Wrap(err)
	}
	if !contains(assertionAlgs, h.Alg) {
		return ErrAssertionAlgorithm.New(h.Alg)
	}
	if h.X5t == "" && h.X5tS256 == "" && h.Kid == "" {
		return ErrAssertionNoKeyID.New()
	}
	cert := findCert(app, h)
	if cert == nil {
		return ErrAssertionSignature.New("The key was not found.", h.thumbprnt, app.ClientID)
	}
	if !p.clock.Now().Before(cert.Expires) {
		return ErrAssertionSignature.New("The key used is expired.", h.thumbprnt, app.ClientID)
	}
	var claims assertionClaims
	_, err = jwt.ParseWithClaims(cred.Assertion, &claims, func(*jwt.Token) (any, error) { return cert.PublicKey, nil },
		jwt.WithValidMethods(assertionAlgs), jwt.WithoutClaimsValidation())
	if err != nil {
		if errors.Is(err, jwt.ErrTokenMalformed) {
			return ErrAssertionMalformed.New().Wrap(err)
		}
		return ErrAssertionSignature.New("Signature validation failed.", h.thumbprnt, app.ClientID).Wrap(err)
	}
	return p.checkAssertionClaims(app, &claims.RegisteredClaims, cred.Audiences)
}

func (p *Clients) checkAssertionClaims(app *AppView, c *jwt.RegisteredClaims, audiences []string) error {
	switch {
	case len(c.Audience) == 0:
		return ErrAssertionMissingField.New("aud")
	case c.Issuer == "":
		return ErrAssertionMissingField.New("iss")
	case c.Subject == "":
		return ErrAssertionMissingField.New("sub")
	case c.ExpiresAt == nil:
		return ErrAssertionMissingField.New("exp")
	case c.ID == "":
		return ErrAssertionMissingField.New("jti")
	}
	if !strings.EqualFold(c.Issuer, app.ClientID) || !strings.EqualFold(c.Subject, app.ClientID) {
		return ErrAssertionClientMismatch.New()
	}
	if !anyAudienceAllowed(c.Audience, audiences) {
		return ErrAssertionAudience.New()
	}
	now := p.clock.Now()
	nbf := c.ExpiresAt.Add(-time.Hour)
	if c.NotBefore != nil {
		nbf = c.NotBefore.Time
	} else if c.IssuedAt != nil {
		nbf = c.IssuedAt.Time
	}
	if now.After(c.ExpiresAt.Add(assertionSkew)) || now.Add(assertionSkew).Before(nbf) {
		return ErrAssertionTimeRange.New(isoTime(now), isoTime(nbf), isoTime(c.ExpiresAt.Time))
	}
	return nil
}

func anyAudienceAllowed(auds []string, allowed []string) bool {
	for _, a := range auds {
		if audienceAllowed(a, allowed) {
			return true
		}
	}
	return false
}

func isoTime(t time.Time) string { return t.UTC().Format("01/02/2006 15:04:05") }

func parseAssertionHeader(token string) (*assertionHeader, error) {
	head, _, ok := strings.Cut(token, ".")
	if !ok {
		return nil, errors.New("not a JWT")
	}
	raw, err := decodeBase64Lenient(head)
	if err != nil {
		return nil, err
	}
	var h assertionHeader
	if err := json.Unmarshal(raw, &h); err != nil {
		return nil, err
	}
	return &h, nil
}

// findCert matches the assertion's key reference against the app's
// certificates: x5t#S256 and x5t in any base64 flavour, or kid as a hex or
// base64 thumbprint.
func findCert(app *AppView, h *assertionHeader) *ParsedCert {
	refs := []struct {
		value string
		sha1  bool
	}{{h.X5tS256, false}, {h.X5t, true}, {h.Kid, true}, {h.Kid, false}}
	for _, ref := range refs {
		if ref.value == "" {
			continue
		}
		want := decodeThumbprint(ref.value)
		if h.thumbprnt == "" {
			h.thumbprnt = strings.ToUpper(hex.EncodeToString(want))
		}
		for _, c := range app.Certs {
			have := c.SHA256[:]
			if ref.sha1 {
				have = c.SHA1[:]
			}
			if len(want) > 0 && bytes.Equal(want, have) {
				return c
			}
		}
	}
	return nil
}

// decodeThumbprint accepts hex, standard or URL base64, padded or not.
func decodeThumbprint(s string) []byte {
	if b, err := hex.DecodeString(s); err == nil && (len(b) == 20 || len(b) == 32) {
		return b
	}
	b, _ := decodeBase64Lenient(s)
	return b
}

func decodeBase64Lenient(s string) ([]byte, error) {
	s = strings.TrimRight(s, "=")
	s = strings.NewReplacer("+", "-", "/", "_").Replace(s)
	return base64.RawURLEncoding.DecodeString(s)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
