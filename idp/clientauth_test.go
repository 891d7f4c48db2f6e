package idp_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
)

var authNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

const (
	authTokenURL      = "https://login.microsoftonline.com/" + idp.DefaultTenantID + "/oauth2/v2.0/token"
	authExpiredSecret = "expired-secret-value"
	authExpiringNow   = "expiring-now-secret"
	authFutureSecret  = "future-expiry-secret"
	authDisabledApp   = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
)

type authCert struct {
	key  crypto.Signer
	cert *idp.ParsedCert
}

func loadAuthCert(t testing.TB, pemBytes []byte) authCert {
	t.Helper()
	key, err := idp.ParsePrivateKeyPEM(pemBytes)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := idp.ParseCertificatePEM(pemBytes)
	if err != nil {
		t.Fatal(err)
	}
	return authCert{key, cert}
}

// expiredAuthCert is a certificate over key that expired before authNow.
func expiredAuthCert(t testing.TB, key crypto.Signer) authCert {
	t.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "expired"},
		NotBefore: authNow.AddDate(-2, 0, 0), NotAfter: authNow.Add(-time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	return loadAuthCert(t, append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), mustKeyPEM(t, key)...))
}

func mustKeyPEM(t testing.TB, key crypto.Signer) []byte {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

// newAuthProvider is a provider at authNow whose default daemon also has an
// expired secret, a secret expiring exactly now, one expiring later and an
// expired certificate, next to a disabled app.
func newAuthProvider(t testing.TB, expired authCert) (*idp.Provider, *idp.TenantView) {
	t.Helper()
	keys, err := idp.KeyringFromPEM(fixtures.SigningPEMs())
	if err != nil {
		t.Fatal(err)
	}
	seed := idp.DefaultSeed()
	for i := range seed.Tenants {
		tn := &seed.Tenants[i]
		if tn.ID != idp.DefaultTenantID {
			continue
		}
		for j := range tn.Applications {
			a := &tn.Applications[j]
			if a.ClientID != idp.DefaultDaemonClientID {
				continue
			}
			a.Secrets = append(a.Secrets,
				idp.Secret{ID: "old", Value: authExpiredSecret, Expires: authNow.Add(-time.Second)},
				idp.Secret{ID: "now", Value: authExpiringNow, Expires: authNow},
				idp.Secret{ID: "later", Value: authFutureSecret, Expires: authNow.Add(time.Hour)})
			a.Certificates = append(a.Certificates, idp.Certificate{ID: "expired",
				PEM: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: expired.cert.Raw}))})
		}
		tn.Applications = append(tn.Applications, idp.Application{ClientID: authDisabledApp, DisplayName: "disabled",
			Disabled: true, Secrets: []idp.Secret{{Value: "disabled-secret"}}})
	}
	p, err := idp.New(idp.Options{Clock: idp.NewFixedClock(authNow), Keys: keys, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := p.Directory.ResolveTenant(idp.NewSite(clouds.Public, "https://login.microsoftonline.com"), idp.DefaultTenantID)
	if err != nil {
		t.Fatal(err)
	}
	return p, ref.Tenant
}

func TestAuthenticateClientSecret(t *testing.T) {
	unregistered := loadAuthCert(t, fixtures.SigningPEM("rotated"))
	p, tenant := newAuthProvider(t, expiredAuthCert(t, unregistered.key))
	tests := []struct {
		name     string
		cred     idp.ClientCredential
		wantCode int
		wantAcr  string
	}{
		{"right secret", idp.ClientCredential{ClientID: idp.DefaultDaemonClientID, Secret: idp.DefaultDaemonSecret}, 0, idp.ClientAuthSecret},
		{"client ID in upper case", idp.ClientCredential{ClientID: strings.ToUpper(idp.DefaultDaemonClientID), Secret: idp.DefaultDaemonSecret}, 0, idp.ClientAuthSecret},
		{"secret expiring later", idp.ClientCredential{ClientID: idp.DefaultDaemonClientID, Secret: authFutureSecret}, 0, idp.ClientAuthSecret},
		{"wrong secret", idp.ClientCredential{ClientID: idp.DefaultDaemonClientID, Secret: "wrong"}, 7000215, ""},
		{"secret ID instead of value", idp.ClientCredential{ClientID: idp.DefaultDaemonClientID, Secret: "daemon-secret"}, 7000215, ""},
		{"secret prefix", idp.ClientCredential{ClientID: idp.DefaultDaemonClientID, Secret: idp.DefaultDaemonSecret[:5]}, 7000215, ""},
		{"secret of another app", idp.ClientCredential{ClientID: idp.DefaultDaemonClientID, Secret: idp.DefaultAPISecret}, 7000215, ""},
		{"expired secret", idp.ClientCredential{ClientID: idp.DefaultDaemonClientID, Secret: authExpiredSecret}, 7000222, ""},
		{"secret expiring exactly now", idp.ClientCredential{ClientID: idp.DefaultDaemonClientID, Secret: authExpiringNow}, 7000222, ""},
		{"no credential", idp.ClientCredential{ClientID: idp.DefaultDaemonClientID}, 7000218, ""},
		{"no client ID", idp.ClientCredential{Secret: idp.DefaultDaemonSecret}, 900144, ""},
		{"unknown client", idp.ClientCredential{ClientID: "11111111-2222-4333-8444-555555555555", Secret: "x"}, 700016, ""},
		{"first-party resource is no client", idp.ClientCredential{ClientID: idp.GraphAppID, Secret: "x"}, 700016, ""},
		{"disabled app", idp.ClientCredential{ClientID: authDisabledApp, Secret: "disabled-secret"}, 7000112, ""},
		{"public client with a secret", idp.ClientCredential{ClientID: idp.DefaultCLIClientID, Secret: "x"}, 700025, ""},
		{"public client with an assertion", idp.ClientCredential{ClientID: idp.DefaultCLIClientID, Assertion: "a.b.c",
			AssertionType: idp.AssertionTypeJWTBearer}, 700025, ""},
		{"public client without credential", idp.ClientCredential{ClientID: idp.DefaultCLIClientID}, 0, idp.ClientAuthNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, acr, err := p.Clients.AuthenticateClient(tenant, tt.cred)
			if got := idp.CodeOf(err); got != tt.wantCode {
				t.Fatalf("code = %d (%v), want %d", got, err, tt.wantCode)
			}
			if tt.wantCode != 0 {
				if app != nil {
					t.Errorf("app = %v on error", app.ClientID)
				}
				return
			}
			if acr != tt.wantAcr || app == nil || !strings.EqualFold(app.ClientID, tt.cred.ClientID) {
				t.Errorf("app %v, acr %q; want %s, %q", app, acr, tt.cred.ClientID, tt.wantAcr)
			}
		})
	}
}

func TestAuthenticateClientAssertion(t *testing.T) {
	daemon := loadAuthCert(t, idp.DaemonCredentialPEM)
	unregistered := loadAuthCert(t, fixtures.SigningPEM("rotated"))
	expired := expiredAuthCert(t, unregistered.key)
	p, tenant := newAuthProvider(t, expired)
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}

	sha256Std := func(c authCert) string { return base64.StdEncoding.EncodeToString(c.cert.SHA256[:]) }
	sha256URL := func(c authCert) string { return base64.RawURLEncoding.EncodeToString(c.cert.SHA256[:]) }
	sha1URL := func(c authCert) string { return base64.RawURLEncoding.EncodeToString(c.cert.SHA1[:]) }
	claims := func(edit func(jwt.MapClaims)) jwt.MapClaims {
		c := jwt.MapClaims{"aud": authTokenURL, "iss": idp.DefaultDaemonClientID, "sub": idp.DefaultDaemonClientID,
			"jti": "4f3e2d1c-0b9a-4877-8665-544332211000", "nbf": authNow.Unix(), "iat": authNow.Unix(),
			"exp": authNow.Add(10 * time.Minute).Unix()}
		if edit != nil {
			edit(c)
		}
		return c
	}
	sign := func(m jwt.SigningMethod, key any, header map[string]any, c jwt.MapClaims) string {
		tok := jwt.NewWithClaims(m, c)
		for k, v := range header {
			tok.Header[k] = v
		}
		s, err := tok.SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	pss := func(edit func(jwt.MapClaims)) string {
		return sign(jwt.SigningMethodPS256, daemon.key, map[string]any{"x5t#S256": sha256Std(daemon)}, claims(edit))
	}
	at := func(d time.Duration) int64 { return authNow.Add(d).Unix() }

	tests := []struct {
		name      string
		assertion string
		typ       string // AssertionTypeJWTBearer when empty
		wantCode  int
	}{
		// Accepted.
		{"msal-go PS256 x5t#S256 std base64 padded", pss(nil), "", 0},
		{"PS256 x5t#S256 base64url", sign(jwt.SigningMethodPS256, daemon.key, map[string]any{"x5t#S256": sha256URL(daemon)}, claims(nil)), "", 0},
		{"RS256 x5t base64url", sign(jwt.SigningMethodRS256, daemon.key, map[string]any{"x5t": sha1URL(daemon)}, claims(nil)), "", 0},
		{"RS512 x5t", sign(jwt.SigningMethodRS512, daemon.key, map[string]any{"x5t": sha1URL(daemon)}, claims(nil)), "", 0},
		{"kid as hex SHA-1", sign(jwt.SigningMethodRS256, daemon.key, map[string]any{"kid": strings.ToUpper(hex.EncodeToString(daemon.cert.SHA1[:]))}, claims(nil)), "", 0},
		{"float times (MSAL Python)", pss(func(c jwt.MapClaims) {
			now := float64(authNow.Unix()) + 0.25
			c["nbf"], c["iat"], c["exp"] = now, now, now+600.5
		}), "", 0},
		{"aud as an array", pss(func(c jwt.MapClaims) { c["aud"] = []string{"https://elsewhere.example", authTokenURL} }), "", 0},
		{"aud with other case and trailing slash", pss(func(c jwt.MapClaims) { c["aud"] = strings.ToUpper(authTokenURL) + "/" }), "", 0},
		{"iss and sub in upper case", pss(func(c jwt.MapClaims) {
			c["iss"], c["sub"] = strings.ToUpper(idp.DefaultDaemonClientID), strings.ToUpper(idp.DefaultDaemonClientID)
		}), "", 0},
		{"no nbf or iat", pss(func(c jwt.MapClaims) { delete(c, "nbf"); delete(c, "iat") }), "", 0},
		{"expired within clock skew", pss(func(c jwt.MapClaims) {
			c["nbf"], c["iat"], c["exp"] = at(-time.Hour), at(-time.Hour), at(-2*time.Minute)
		}), "", 0},
		{"valid soon within clock skew", pss(func(c jwt.MapClaims) {
			c["nbf"], c["iat"], c["exp"] = at(2*time.Minute), at(2*time.Minute), at(time.Hour)
		}), "", 0},

		// Framing.
		{"wrong client_assertion_type", pss(nil), "urn:ietf:params:oauth:client-assertion-type:saml2-bearer", 900144},
		{"not a JWT", "definitely-not-a-jwt", "", 50027},
		{"header not base64", "@@@.e30.sig", "", 50027},
		{"header not JSON", base64.RawURLEncoding.EncodeToString([]byte("nope")) + ".e30.sig", "", 50027},
		{"payload not JSON", func() string {
			parts := strings.Split(pss(nil), ".")
			parts[1] = base64.RawURLEncoding.EncodeToString([]byte("[1,2"))
			return strings.Join(parts, ".")
		}(), "", 50027},

		// Algorithm and key.
		{"ES256", sign(jwt.SigningMethodES256, ecKey, map[string]any{"x5t#S256": sha256Std(daemon)}, claims(nil)), "", 5002738},
		{"HS256", sign(jwt.SigningMethodHS256, []byte("shared"), map[string]any{"x5t#S256": sha256Std(daemon)}, claims(nil)), "", 5002738},
		{"alg none", sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, map[string]any{"x5t": sha1URL(daemon)}, claims(nil)), "", 5002738},
		{"no x5t, x5t#S256 or kid", sign(jwt.SigningMethodRS256, daemon.key, nil, claims(nil)), "", 5002723},
		{"unregistered certificate", sign(jwt.SigningMethodPS256, unregistered.key, map[string]any{"x5t#S256": sha256Std(unregistered)}, claims(nil)), "", 700027},
		{"SHA-256 thumbprint sent as x5t", sign(jwt.SigningMethodRS256, daemon.key, map[string]any{"x5t": sha256URL(daemon)}, claims(nil)), "", 700027},
		{"bad signature", sign(jwt.SigningMethodPS256, unregistered.key, map[string]any{"x5t#S256": sha256Std(daemon)}, claims(nil)), "", 700027},
		{"expired certificate", sign(jwt.SigningMethodRS256, expired.key, map[string]any{"x5t": sha1URL(expired)}, claims(nil)), "", 700027},

		// Claims.
		{"no aud", pss(func(c jwt.MapClaims) { delete(c, "aud") }), "", 90014},
		{"no iss", pss(func(c jwt.MapClaims) { delete(c, "iss") }), "", 90014},
		{"no sub", pss(func(c jwt.MapClaims) { delete(c, "sub") }), "", 90014},
		{"no exp", pss(func(c jwt.MapClaims) { delete(c, "exp") }), "", 90014},
		{"no jti", pss(func(c jwt.MapClaims) { delete(c, "jti") }), "", 90014},
		{"iss is another app: a federated assertion", pss(func(c jwt.MapClaims) { c["iss"] = idp.DefaultAPIClientID }), "", 700211},
		{"sub is another app", pss(func(c jwt.MapClaims) { c["sub"] = idp.DefaultAPIClientID }), "", 700021},
		{"aud is another tenant", pss(func(c jwt.MapClaims) {
			c["aud"] = "https://login.microsoftonline.com/" + idp.DefaultUSGovTenantID + "/oauth2/v2.0/token"
		}), "", 700023},
		{"aud is the resource", pss(func(c jwt.MapClaims) { c["aud"] = "https://graph.microsoft.com" }), "", 700023},
		{"expired", pss(func(c jwt.MapClaims) {
			c["nbf"], c["iat"], c["exp"] = at(-2*time.Hour), at(-2*time.Hour), at(-time.Hour)
		}), "", 700024},
		{"not yet valid", pss(func(c jwt.MapClaims) { c["nbf"], c["iat"], c["exp"] = at(time.Hour), at(time.Hour), at(2*time.Hour) }), "", 700024},
		{"issued in the future without nbf", pss(func(c jwt.MapClaims) {
			delete(c, "nbf")
			c["iat"], c["exp"] = at(time.Hour), at(2*time.Hour)
		}), "", 700024},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			typ := tt.typ
			if typ == "" {
				typ = idp.AssertionTypeJWTBearer
			}
			app, acr, err := p.Clients.AuthenticateClient(tenant, idp.ClientCredential{ClientID: idp.DefaultDaemonClientID,
				Assertion: tt.assertion, AssertionType: typ, Audiences: []string{authTokenURL}})
			if got := idp.CodeOf(err); got != tt.wantCode {
				t.Fatalf("code = %d (%v), want %d", got, err, tt.wantCode)
			}
			if tt.wantCode == 0 && (app == nil || acr != idp.ClientAuthCertificate) {
				t.Errorf("app %v, acr %q; want the daemon with acr %q", app, acr, idp.ClientAuthCertificate)
			}
		})
	}
}
