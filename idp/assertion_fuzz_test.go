package idp_test

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
)

// fuzzNow is the frozen clock of the assertion fuzzer.
var fuzzNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// FuzzClientAssertion feeds arbitrary client_assertion strings to
// AuthenticateClient for the default daemon app. Every input either
// authenticates the daemon by certificate or fails with an *idp.Error a
// client can be shown (400 or 401); none panics or fails as a server error.
func FuzzClientAssertion(f *testing.F) {
	keys, err := idp.KeyringFromPEM(fixtures.SigningPEMs())
	if err != nil {
		f.Fatal(err)
	}
	p, err := idp.New(idp.Options{Clock: idp.NewFixedClock(fuzzNow), Keys: keys, Seed: idp.DefaultSeed()})
	if err != nil {
		f.Fatal(err)
	}
	site := idp.NewSite(clouds.Public, "https://localhost:8443")
	ref, err := p.Directory.ResolveTenant(site, idp.DefaultTenantID)
	if err != nil {
		f.Fatal(err)
	}
	tokenURL := site.URL("/" + idp.DefaultTenantID + "/oauth2/v2.0/token")
	for _, s := range assertionSeeds(f, tokenURL) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, assertion string) {
		app, acr, err := p.Clients.AuthenticateClient(ref.Tenant, idp.ClientCredential{
			ClientID: idp.DefaultDaemonClientID, Assertion: assertion, AssertionType: idp.AssertionTypeJWTBearer,
			Audiences: []string{tokenURL, site.V2Issuer(idp.DefaultTenantID)},
		})
		if err == nil {
			if app == nil || app.ClientID != idp.DefaultDaemonClientID || acr != idp.ClientAuthCertificate {
				t.Fatalf("accepted %q as app %v with appidacr %q", assertion, app, acr)
			}
			return
		}
		var e *idp.Error
		if !errors.As(err, &e) {
			t.Fatalf("%q: error %T %v is not an *idp.Error", assertion, err, err)
		}
		if e.Status != http.StatusBadRequest && e.Status != http.StatusUnauthorized || e.Code == "" || e.AADSTS == 0 {
			t.Fatalf("%q: error %+v is not a client error", assertion, e)
		}
	})
}

// assertionSeeds are valid assertions in each key-reference form and near
// misses: every branch of verifyAssertion has a seed that reaches it.
func assertionSeeds(t testing.TB, aud string) []string {
	block, _ := pem.Decode([]byte(idp.DaemonCertificatePEM()))
	key, err := idp.ParsePrivateKeyPEM(idp.DaemonCredentialPEM)
	if block == nil || err != nil {
		t.Fatalf("daemon credential: %v", err)
	}
	s1, s256 := sha1.Sum(block.Bytes), sha256.Sum256(block.Bytes)
	x5t := base64.RawURLEncoding.EncodeToString(s1[:])
	claims := func(mod func(jwt.MapClaims)) jwt.MapClaims {
		c := jwt.MapClaims{"aud": aud, "iss": idp.DefaultDaemonClientID, "sub": idp.DefaultDaemonClientID,
			"jti": "j", "nbf": fuzzNow.Unix(), "exp": fuzzNow.Add(10 * time.Minute).Unix()}
		if mod != nil {
			mod(c)
		}
		return c
	}
	sign := func(m jwt.SigningMethod, header map[string]any, c jwt.MapClaims) string {
		tok := jwt.NewWithClaims(m, c)
		for k, v := range header {
			tok.Header[k] = v
		}
		var signKey any = key
		if m == jwt.SigningMethodNone {
			signKey = jwt.UnsafeAllowNoneSignatureType
		} else if m == jwt.SigningMethodHS256 {
			signKey = []byte("secret")
		}
		s, err := tok.SignedString(signKey)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	valid := sign(jwt.SigningMethodRS256, map[string]any{"x5t": x5t}, claims(nil))
	parts := strings.Split(valid, ".")
	return []string{
		valid,
		sign(jwt.SigningMethodPS256, map[string]any{"x5t#S256": base64.RawURLEncoding.EncodeToString(s256[:])}, claims(nil)),
		sign(jwt.SigningMethodRS256, map[string]any{"kid": strings.ToUpper(hex.EncodeToString(s1[:]))}, claims(nil)),
		sign(jwt.SigningMethodRS256, map[string]any{"x5t": base64.StdEncoding.EncodeToString(s1[:])},
			claims(func(c jwt.MapClaims) { c["exp"] = float64(fuzzNow.Unix()) + 600.5; c["aud"] = []string{"x", aud} })),
		sign(jwt.SigningMethodRS256, map[string]any{"x5t": x5t}, claims(func(c jwt.MapClaims) { delete(c, "jti") })),
		sign(jwt.SigningMethodRS256, map[string]any{"x5t": x5t}, claims(func(c jwt.MapClaims) { c["iss"] = "other" })),
		sign(jwt.SigningMethodRS256, map[string]any{"x5t": x5t}, claims(func(c jwt.MapClaims) { c["aud"] = "https://elsewhere/" })),
		sign(jwt.SigningMethodRS256, map[string]any{"x5t": x5t}, claims(func(c jwt.MapClaims) { c["exp"] = fuzzNow.Add(-time.Hour).Unix() })),
		sign(jwt.SigningMethodRS256, map[string]any{"x5t": x5t}, claims(func(c jwt.MapClaims) { c["aud"] = 7; c["exp"] = "soon" })),
		sign(jwt.SigningMethodRS256, nil, claims(nil)),
		sign(jwt.SigningMethodHS256, map[string]any{"x5t": x5t}, claims(nil)),
		sign(jwt.SigningMethodNone, map[string]any{"x5t": x5t}, claims(nil)),
		parts[0] + "." + parts[1] + ".",
		parts[0] + "." + parts[1] + "." + parts[2] + "x",
		parts[0] + "." + parts[1],
		parts[0] + "==." + parts[1] + "." + parts[2],
		base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"RS256","x5t":7}`)) + ".e30.",
		base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"RS256","kid":"`+strings.Repeat("A", 43)+`"}`)) + ".e30.",
		"", ".", "..", "a.b.c", "e30.e30.e30", "not a jwt",
	}
}
