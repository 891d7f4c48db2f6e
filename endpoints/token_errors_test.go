package endpoints

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
)

// Test-only credentials added to the default daemon app by tokenSeed.
const (
	expiredSecret   = "mockidp-expired-secret"
	testCorrelation = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"
	graphDefault    = "https://graph.microsoft.com/.default"
	v2TokenPath     = "/" + idp.DefaultTenantID + "/oauth2/v2.0/token"
	v1TokenPath     = "/" + idp.DefaultTenantID + "/oauth2/token"
)

// clientCert is a certificate and its private key, for signing assertions.
type clientCert struct {
	key  crypto.Signer
	cert *idp.ParsedCert
}

// x5tS256 is the SHA-256 thumbprint as msal-go sends it: standard base64
// with padding.
func (c clientCert) x5tS256() string {
	sum := sha256.Sum256(c.cert.Raw)
	return base64.StdEncoding.EncodeToString(sum[:])
}

// x5t is the SHA-1 thumbprint as MSAL Python sends it: base64url.
func (c clientCert) x5t() string {
	sum := sha1.Sum(c.cert.Raw)
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// daemonClientCert is the default daemon app's registered certificate.
func daemonClientCert(t testing.TB) clientCert {
	t.Helper()
	key, err := idp.ParsePrivateKeyPEM(idp.DaemonCredentialPEM)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := idp.ParseCertificatePEM(idp.DaemonCredentialPEM)
	if err != nil {
		t.Fatal(err)
	}
	return clientCert{key, cert}
}

// unregisteredCert is a valid certificate no app registers (the "rotated"
// signing fixture).
func unregisteredCert(t testing.TB) clientCert {
	t.Helper()
	pemBytes := fixtures.SigningPEM("rotated")
	key, err := idp.ParsePrivateKeyPEM(pemBytes)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := idp.ParseCertificatePEM(pemBytes)
	if err != nil {
		t.Fatal(err)
	}
	return clientCert{key, cert}
}

// expiredClientCert is a self-signed certificate over the rotated fixture key
// that expired a year before fixedNow.
func expiredClientCert(t testing.TB) clientCert {
	t.Helper()
	key := unregisteredCert(t).key
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(42),
		Subject:      pkix.Name{CommonName: "mockidp expired client"},
		NotBefore:    fixedNow.AddDate(-3, 0, 0),
		NotAfter:     fixedNow.AddDate(-1, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := idp.ParseCertificatePEM(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	if err != nil {
		t.Fatal(err)
	}
	return clientCert{key, cert}
}

// daemonAssertionClaims are the claims msal-go sends, for the daemon app and aud.
func daemonAssertionClaims(aud string) jwt.MapClaims {
	return jwt.MapClaims{
		"aud": aud,
		"iss": idp.DefaultDaemonClientID,
		"sub": idp.DefaultDaemonClientID,
		"jti": "0d6c8a4e-2f1b-4c3d-9e8f-7a6b5c4d3e2f",
		"nbf": fixedNow.Unix(),
		"iat": fixedNow.Unix(),
		"exp": fixedNow.Add(10 * time.Minute).Unix(),
	}
}

// signClientAssertion signs claims with method and key under the given header
// fields (alg and typ are set by jwt).
func signClientAssertion(t testing.TB, method jwt.SigningMethod, key any, header map[string]any, claims jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, claims)
	for k, v := range header {
		tok.Header[k] = v
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// tokenSeed adds an expired secret and an expired certificate to the
// default daemon app of the public tenant.
func tokenSeed(t testing.TB) func(*idp.Seed) {
	expired := expiredClientCert(t)
	certPEM := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: expired.cert.Raw}))
	return func(s *idp.Seed) {
		for i := range s.Tenants {
			if s.Tenants[i].ID != idp.DefaultTenantID {
				continue
			}
			for j := range s.Tenants[i].Applications {
				a := &s.Tenants[i].Applications[j]
				if a.ClientID != idp.DefaultDaemonClientID {
					continue
				}
				a.Secrets = append(a.Secrets, idp.Secret{ID: "expired", Value: expiredSecret, Expires: fixedNow.Add(-24 * time.Hour)})
				a.Certificates = append(a.Certificates, idp.Certificate{ID: "expired-cert", PEM: certPEM})
			}
		}
	}
}

// corrMode is how a request carries client-request-id.
type corrMode int

const (
	corrSent       corrMode = iota // client-request-id sent, echoed back
	corrNone                       // no client-request-id: one is generated
	corrSentNoEcho                 // sent with return-client-request-id: false
)

// tokenCall is one HTTP request to mockidp.
type tokenCall struct {
	method      string // POST when empty
	path        string // v2TokenPath when empty
	form        url.Values
	rawBody     *string // replaces form when set
	contentType string  // form-urlencoded when empty
	basic       []string
	corr        corrMode
}

func (ts *testServer) send(t testing.TB, c tokenCall) (*http.Response, []byte) {
	t.Helper()
	method, path := c.method, c.path
	if method == "" {
		method = http.MethodPost
	}
	if path == "" {
		path = v2TokenPath
	}
	var body io.Reader
	switch {
	case c.rawBody != nil:
		body = strings.NewReader(*c.rawBody)
	case c.form != nil:
		body = strings.NewReader(c.form.Encode())
	}
	req, err := http.NewRequest(method, ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		ct := c.contentType
		if ct == "" {
			ct = "application/x-www-form-urlencoded"
		}
		req.Header.Set("Content-Type", ct)
	}
	if c.basic != nil {
		req.SetBasicAuth(url.QueryEscape(c.basic[0]), url.QueryEscape(c.basic[1]))
	}
	switch c.corr {
	case corrSent:
		req.Header.Set("client-request-id", testCorrelation)
	case corrSentNoEcho:
		req.Header.Set("client-request-id", testCorrelation)
		req.Header.Set("return-client-request-id", "false")
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// wantAAD describes an expected Entra error response.
type wantAAD struct {
	status       int
	error        string
	code         int
	descContains string // optional text the message must contain
	cacheControl string // "no-store, no-cache" when empty
}

// checkAADError asserts the whole §7.1 error shape of a response.
func checkAADError(t testing.TB, ts *testServer, call tokenCall, resp *http.Response, raw []byte, w wantAAD) {
	t.Helper()
	if resp.StatusCode != w.status {
		t.Errorf("status = %d, want %d; body %s", resp.StatusCode, w.status, raw)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	wantCC := w.cacheControl
	if wantCC == "" {
		wantCC = "no-store, no-cache"
	}
	if cc := resp.Header.Get("Cache-Control"); cc != wantCC {
		t.Errorf("Cache-Control = %q, want %q", cc, wantCC)
	}
	var body struct {
		Error         string `json:"error"`
		Description   string `json:"error_description"`
		Codes         []int  `json:"error_codes"`
		Timestamp     string `json:"timestamp"`
		TraceID       string `json:"trace_id"`
		CorrelationID string `json:"correlation_id"`
		ErrorURI      string `json:"error_uri"`
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatalf("body is not JSON: %v: %s", err, raw)
	}
	if body.Error != w.error {
		t.Errorf("error = %q, want %q", body.Error, w.error)
	}
	if len(body.Codes) != 1 || body.Codes[0] != w.code {
		t.Errorf("error_codes = %v, want [%d]; description %q", body.Codes, w.code, body.Description)
	}
	prefix := "AADSTS" + strconv.Itoa(w.code) + ": "
	if !strings.HasPrefix(body.Description, prefix) {
		t.Errorf("error_description %q does not start with %q", body.Description, prefix)
	}
	if w.descContains != "" && !strings.Contains(body.Description, w.descContains) {
		t.Errorf("error_description %q does not contain %q", body.Description, w.descContains)
	}
	wantTS := fixedNow.UTC().Format("2006-01-02 15:04:05Z")
	if body.Timestamp != wantTS {
		t.Errorf("timestamp = %q, want %q", body.Timestamp, wantTS)
	}
	if _, err := time.Parse("2006-01-02 15:04:05Z", body.Timestamp); err != nil {
		t.Errorf("timestamp %q: %v", body.Timestamp, err)
	}
	trace := resp.Header.Get("x-ms-request-id")
	if !idp.IsGUID(trace) || body.TraceID != trace {
		t.Errorf("trace_id = %q, x-ms-request-id = %q", body.TraceID, trace)
	}
	switch call.corr {
	case corrSent:
		if body.CorrelationID != testCorrelation {
			t.Errorf("correlation_id = %q, want %q", body.CorrelationID, testCorrelation)
		}
		if h := resp.Header.Get("client-request-id"); h != testCorrelation {
			t.Errorf("client-request-id header = %q, want %q", h, testCorrelation)
		}
	case corrSentNoEcho:
		if body.CorrelationID != testCorrelation {
			t.Errorf("correlation_id = %q, want %q", body.CorrelationID, testCorrelation)
		}
		if h, ok := resp.Header["Client-Request-Id"]; ok {
			t.Errorf("client-request-id echoed (%q) despite return-client-request-id: false", h)
		}
	case corrNone:
		if !idp.IsGUID(body.CorrelationID) || body.CorrelationID == trace {
			t.Errorf("generated correlation_id = %q (trace %q)", body.CorrelationID, trace)
		}
		if h, ok := resp.Header["Client-Request-Id"]; ok {
			t.Errorf("client-request-id header %q without one in the request", h)
		}
	}
	for _, part := range []string{
		" Trace ID: " + body.TraceID,
		" Correlation ID: " + body.CorrelationID,
		" Timestamp: " + body.Timestamp,
	} {
		if !strings.Contains(body.Description, part) {
			t.Errorf("error_description %q lacks %q", body.Description, part)
		}
	}
	u, _ := url.Parse(ts.URL)
	if want := "https://" + u.Host + "/error?code=" + strconv.Itoa(w.code); body.ErrorURI != want {
		t.Errorf("error_uri = %q, want %q", body.ErrorURI, want)
	}
}

// ccForm is a client-credentials form for the daemon, changed by edit.
func ccForm(edit func(url.Values)) url.Values {
	f := url.Values{
		"grant_type":    {idp.GrantClientCredentials},
		"client_id":     {idp.DefaultDaemonClientID},
		"client_secret": {idp.DefaultDaemonSecret},
		"scope":         {graphDefault},
	}
	if edit != nil {
		edit(f)
	}
	return f
}

// assertionForm is a client-credentials form authenticating with assertion.
func assertionForm(assertion string, edit func(url.Values)) url.Values {
	return ccForm(func(f url.Values) {
		f.Del("client_secret")
		f.Set("client_assertion_type", idp.AssertionTypeJWTBearer)
		f.Set("client_assertion", assertion)
		if edit != nil {
			edit(f)
		}
	})
}

func TestTokenErrors(t *testing.T) {
	ts := newTestServer(t, clouds.Public, tokenSeed(t))
	aud := ts.URL + v2TokenPath
	daemon, rotated, expired := daemonClientCert(t), unregisteredCert(t), expiredClientCert(t)
	pssHeader := map[string]any{"x5t#S256": daemon.x5tS256()}

	// withClaims returns the msal-go-style PS256 assertion after edit.
	withClaims := func(edit func(jwt.MapClaims)) string {
		c := daemonAssertionClaims(aud)
		edit(c)
		return signClientAssertion(t, jwt.SigningMethodPS256, daemon.key, pssHeader, c)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name         string
		call         tokenCall
		wantStatus   int
		wantError    string
		wantCode     int
		wantDesc     string
		cacheControl string
	}{
		// Request framing.
		{name: "missing grant_type", call: tokenCall{form: ccForm(func(f url.Values) { f.Del("grant_type") })},
			wantStatus: 400, wantError: "invalid_request", wantCode: 900144, wantDesc: "parameter: 'grant_type'."},
		{name: "empty body", call: tokenCall{form: url.Values{}},
			wantStatus: 400, wantError: "invalid_request", wantCode: 900144, wantDesc: "'grant_type'"},
		{name: "missing client_id", call: tokenCall{form: ccForm(func(f url.Values) { f.Del("client_id") })},
			wantStatus: 400, wantError: "invalid_request", wantCode: 900144, wantDesc: "parameter: 'client_id'."},
		{name: "missing scope", call: tokenCall{form: ccForm(func(f url.Values) { f.Del("scope") })},
			wantStatus: 400, wantError: "invalid_request", wantCode: 900144, wantDesc: "parameter: 'scope'."},
		{name: "blank scope", call: tokenCall{form: ccForm(func(f url.Values) { f.Set("scope", "  ") })},
			wantStatus: 400, wantError: "invalid_request", wantCode: 900144, wantDesc: "'scope'"},
		{name: "json content type", call: tokenCall{rawBody: new(`{"grant_type":"client_credentials"}`), contentType: "application/json"},
			wantStatus: 400, wantError: "invalid_request", wantCode: 9002313},
		{name: "text/plain content type", call: tokenCall{rawBody: new(ccForm(nil).Encode()), contentType: "text/plain"},
			wantStatus: 400, wantError: "invalid_request", wantCode: 9002313},
		{name: "malformed form body", call: tokenCall{rawBody: new("grant_type=client_credentials&scope=%zz")},
			wantStatus: 400, wantError: "invalid_request", wantCode: 9002313, wantDesc: "Request is malformed or invalid."},
		{name: "GET v2 token", call: tokenCall{method: http.MethodGet},
			wantStatus: 400, wantError: "invalid_request", wantCode: 900561, wantDesc: "Received a GET request."},
		{name: "GET v1 token", call: tokenCall{method: http.MethodGet, path: v1TokenPath},
			wantStatus: 400, wantError: "invalid_request", wantCode: 900561, wantDesc: "Received a GET request."},
		{name: "unsupported grant_type", call: tokenCall{form: ccForm(func(f url.Values) { f.Set("grant_type", "magic") })},
			wantStatus: 400, wantError: "unsupported_grant_type", wantCode: 70003, wantDesc: "'magic'"},

		// Tenant.
		{name: "unknown tenant GUID", call: tokenCall{path: "/0b0b0b0b-1111-4222-8333-444455556666/oauth2/v2.0/token", form: ccForm(nil)},
			wantStatus: 400, wantError: "invalid_tenant", wantCode: 90002, wantDesc: "Tenant '0b0b0b0b-1111-4222-8333-444455556666' not found."},
		{name: "unknown tenant domain", call: tokenCall{path: "/fabrikam.onmicrosoft.com/oauth2/v2.0/token", form: ccForm(nil)},
			wantStatus: 400, wantError: "invalid_tenant", wantCode: 90002, wantDesc: "'fabrikam.onmicrosoft.com'"},
		{name: "unknown tenant v1", call: tokenCall{path: "/fabrikam.onmicrosoft.com/oauth2/token", form: ccForm(nil)},
			wantStatus: 400, wantError: "invalid_tenant", wantCode: 90002},
		{name: "syntactically invalid tenant", call: tokenCall{path: "/contoso_corp/oauth2/v2.0/token", form: ccForm(nil)},
			wantStatus: 400, wantError: "invalid_request", wantCode: 900023, wantDesc: "Specified tenant identifier 'contoso_corp' is neither a valid DNS name"},
		{name: "client_credentials on common", call: tokenCall{path: "/common/oauth2/v2.0/token", form: ccForm(nil)},
			wantStatus: 400, wantError: "invalid_request", wantCode: 50059},
		{name: "client_credentials on organizations", call: tokenCall{path: "/organizations/oauth2/v2.0/token", form: ccForm(nil)},
			wantStatus: 400, wantError: "invalid_request", wantCode: 50059},
		{name: "client_credentials on consumers", call: tokenCall{path: "/consumers/oauth2/v2.0/token", form: ccForm(nil)},
			wantStatus: 400, wantError: "invalid_request", wantCode: 50059},
		{name: "client_credentials on Common v1", call: tokenCall{path: "/Common/oauth2/token",
			form: ccForm(func(f url.Values) { f.Del("scope"); f.Set("resource", "https://graph.microsoft.com") })},
			wantStatus: 400, wantError: "invalid_request", wantCode: 50059},

		// Client and secret.
		{name: "unknown client_id", call: tokenCall{form: ccForm(func(f url.Values) { f.Set("client_id", "11111111-2222-4333-8444-555555555555") })},
			wantStatus: 400, wantError: "unauthorized_client", wantCode: 700016,
			wantDesc: "Application with identifier '11111111-2222-4333-8444-555555555555' was not found in the directory"},
		{name: "wrong secret in body", call: tokenCall{form: ccForm(func(f url.Values) { f.Set("client_secret", "nope") })},
			wantStatus: 401, wantError: "invalid_client", wantCode: 7000215, wantDesc: "app '" + idp.DefaultDaemonClientID + "'"},
		{name: "wrong secret via HTTP Basic", call: tokenCall{
			form:  ccForm(func(f url.Values) { f.Del("client_id"); f.Del("client_secret") }),
			basic: []string{idp.DefaultDaemonClientID, "nope"}},
			wantStatus: 401, wantError: "invalid_client", wantCode: 7000215},
		{name: "secret ID instead of value", call: tokenCall{form: ccForm(func(f url.Values) { f.Set("client_secret", "daemon-secret") })},
			wantStatus: 401, wantError: "invalid_client", wantCode: 7000215},
		{name: "expired secret", call: tokenCall{form: ccForm(func(f url.Values) { f.Set("client_secret", expiredSecret) })},
			wantStatus: 401, wantError: "invalid_client", wantCode: 7000222, wantDesc: "are expired"},
		{name: "expired secret via HTTP Basic", call: tokenCall{
			form:  ccForm(func(f url.Values) { f.Del("client_id"); f.Del("client_secret") }),
			basic: []string{idp.DefaultDaemonClientID, expiredSecret}},
			wantStatus: 401, wantError: "invalid_client", wantCode: 7000222},
		{name: "no credential", call: tokenCall{form: ccForm(func(f url.Values) { f.Del("client_secret") })},
			wantStatus: 401, wantError: "invalid_client", wantCode: 7000218,
			wantDesc: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."},
		{name: "public client sending a secret", call: tokenCall{form: ccForm(func(f url.Values) {
			f.Set("client_id", idp.DefaultCLIClientID)
			f.Set("client_secret", "anything")
		})},
			wantStatus: 401, wantError: "invalid_client", wantCode: 700025},
		{name: "public client without credential", call: tokenCall{form: ccForm(func(f url.Values) {
			f.Set("client_id", idp.DefaultCLIClientID)
			f.Del("client_secret")
		})},
			wantStatus: 401, wantError: "invalid_client", wantCode: 7000218},
		{name: "public client sending an assertion", call: tokenCall{form: assertionForm(withClaims(func(c jwt.MapClaims) {
			c["iss"], c["sub"] = idp.DefaultCLIClientID, idp.DefaultCLIClientID
		}), func(f url.Values) { f.Set("client_id", idp.DefaultCLIClientID) })},
			wantStatus: 401, wantError: "invalid_client", wantCode: 700025},

		// Certificate assertions.
		{name: "assertion by unregistered certificate", call: tokenCall{form: assertionForm(
			signClientAssertion(t, jwt.SigningMethodPS256, rotated.key, map[string]any{"x5t#S256": rotated.x5tS256()}, daemonAssertionClaims(aud)), nil)},
			wantStatus: 401, wantError: "invalid_client", wantCode: 700027, wantDesc: "The key was not found."},
		{name: "assertion with bad signature", call: tokenCall{form: assertionForm(
			signClientAssertion(t, jwt.SigningMethodPS256, rotated.key, pssHeader, daemonAssertionClaims(aud)), nil)},
			wantStatus: 401, wantError: "invalid_client", wantCode: 700027, wantDesc: "Client assertion contains an invalid signature. [Reason - Signature validation failed."},
		{name: "assertion with tampered payload", call: tokenCall{form: assertionForm(func() string {
			a := withClaims(func(jwt.MapClaims) {})
			parts := strings.Split(a, ".")
			c := daemonAssertionClaims(aud)
			c["jti"] = "another"
			b, _ := json.Marshal(c)
			parts[1] = base64.RawURLEncoding.EncodeToString(b)
			return strings.Join(parts, ".")
		}(), nil)},
			wantStatus: 401, wantError: "invalid_client", wantCode: 700027},
		{name: "assertion by expired certificate", call: tokenCall{form: assertionForm(
			signClientAssertion(t, jwt.SigningMethodRS256, expired.key, map[string]any{"x5t": expired.x5t()}, daemonAssertionClaims(aud)), nil)},
			wantStatus: 401, wantError: "invalid_client", wantCode: 700027, wantDesc: "The key used is expired."},
		{name: "assertion expired", call: tokenCall{form: assertionForm(withClaims(func(c jwt.MapClaims) {
			c["nbf"], c["iat"], c["exp"] = fixedNow.Add(-2*time.Hour).Unix(), fixedNow.Add(-2*time.Hour).Unix(), fixedNow.Add(-time.Hour).Unix()
		}), nil)},
			wantStatus: 401, wantError: "invalid_client", wantCode: 700024, wantDesc: "not within its valid time range"},
		{name: "assertion not yet valid", call: tokenCall{form: assertionForm(withClaims(func(c jwt.MapClaims) {
			c["nbf"], c["iat"], c["exp"] = fixedNow.Add(time.Hour).Unix(), fixedNow.Add(time.Hour).Unix(), fixedNow.Add(2*time.Hour).Unix()
		}), nil)},
			wantStatus: 401, wantError: "invalid_client", wantCode: 700024},
		{name: "assertion header without key id", call: tokenCall{form: assertionForm(
			signClientAssertion(t, jwt.SigningMethodRS256, daemon.key, nil, daemonAssertionClaims(aud)), nil)},
			wantStatus: 401, wantError: "invalid_client", wantCode: 5002723,
			wantDesc: "No certificate SHA-1 thumbprint, certificate SHA-256 thumbprint, nor keyId specified in token header."},
		{name: "assertion ES256", call: tokenCall{form: assertionForm(
			signClientAssertion(t, jwt.SigningMethodES256, ecKey, pssHeader, daemonAssertionClaims(aud)), nil)},
			wantStatus: 401, wantError: "invalid_client", wantCode: 5002738, wantDesc: "'ES256' is not a supported signature algorithm."},
		{name: "assertion HS256", call: tokenCall{form: assertionForm(
			signClientAssertion(t, jwt.SigningMethodHS256, []byte(idp.DefaultDaemonSecret), pssHeader, daemonAssertionClaims(aud)), nil)},
			wantStatus: 401, wantError: "invalid_client", wantCode: 5002738, wantDesc: "'HS256'"},
		{name: "assertion alg none", call: tokenCall{form: assertionForm(
			signClientAssertion(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, pssHeader, daemonAssertionClaims(aud)), nil)},
			wantStatus: 401, wantError: "invalid_client", wantCode: 5002738},
		{name: "assertion without aud", call: tokenCall{form: assertionForm(withClaims(func(c jwt.MapClaims) { delete(c, "aud") }), nil)},
			wantStatus: 400, wantError: "invalid_request", wantCode: 90014, wantDesc: "The required field 'aud' is missing from the credential."},
		{name: "assertion without jti", call: tokenCall{form: assertionForm(withClaims(func(c jwt.MapClaims) { delete(c, "jti") }), nil)},
			wantStatus: 400, wantError: "invalid_request", wantCode: 90014, wantDesc: "'jti'"},
		{name: "assertion without exp", call: tokenCall{form: assertionForm(withClaims(func(c jwt.MapClaims) { delete(c, "exp") }), nil)},
			wantStatus: 400, wantError: "invalid_request", wantCode: 90014, wantDesc: "'exp'"},
		// An assertion issued by someone other than the client is a
		// federated credential, so Entra looks for a matching record.
		{name: "assertion iss is another app", call: tokenCall{form: assertionForm(withClaims(func(c jwt.MapClaims) { c["iss"] = idp.DefaultAPIClientID }), nil)},
			wantStatus: 401, wantError: "invalid_client", wantCode: 700211, wantDesc: "No matching federated identity record"},
		{name: "assertion sub is another app", call: tokenCall{form: assertionForm(withClaims(func(c jwt.MapClaims) { c["sub"] = idp.DefaultAPIClientID }), nil)},
			wantStatus: 401, wantError: "invalid_client", wantCode: 700021},
		{name: "assertion for another client_id", call: tokenCall{form: assertionForm(withClaims(func(jwt.MapClaims) {}),
			func(f url.Values) { f.Set("client_id", idp.DefaultAPIClientID) })},
			wantStatus: 401, wantError: "invalid_client", wantCode: 700211},
		{name: "assertion aud of the real cloud", call: tokenCall{form: assertionForm(withClaims(func(c jwt.MapClaims) {
			c["aud"] = "https://login.microsoftonline.com/" + idp.DefaultTenantID + "/oauth2/v2.0/token"
		}), nil)},
			wantStatus: 401, wantError: "invalid_client", wantCode: 700023},
		{name: "assertion aud of another tenant", call: tokenCall{form: assertionForm(withClaims(func(c jwt.MapClaims) {
			c["aud"] = ts.URL + "/" + idp.DefaultUSGovTenantID + "/oauth2/v2.0/token"
		}), nil)},
			wantStatus: 401, wantError: "invalid_client", wantCode: 700023},
		{name: "assertion not a JWT", call: tokenCall{form: assertionForm("not-a-jwt", nil)},
			wantStatus: 400, wantError: "invalid_request", wantCode: 50027, wantDesc: "JWT token is invalid or malformed."},
		{name: "assertion with garbage header", call: tokenCall{form: assertionForm("!!!.e30.sig", nil)},
			wantStatus: 400, wantError: "invalid_request", wantCode: 50027},
		{name: "assertion with garbage payload", call: tokenCall{form: assertionForm(func() string {
			parts := strings.Split(withClaims(func(jwt.MapClaims) {}), ".")
			parts[1] = "!!!"
			return strings.Join(parts, ".")
		}(), nil)},
			wantStatus: 400, wantError: "invalid_request", wantCode: 50027},
		{name: "assertion without client_assertion_type", call: tokenCall{form: assertionForm(withClaims(func(jwt.MapClaims) {}),
			func(f url.Values) { f.Del("client_assertion_type") })},
			wantStatus: 400, wantError: "invalid_request", wantCode: 900144, wantDesc: "'client_assertion_type'"},

		// Scope and resource.
		{name: "unknown resource", call: tokenCall{form: ccForm(func(f url.Values) { f.Set("scope", "https://unknown.example.com/.default") })},
			wantStatus: 400, wantError: "invalid_resource", wantCode: 500011,
			wantDesc: "The resource principal named https://unknown.example.com was not found in the tenant"},
		{name: "two .default scopes", call: tokenCall{form: ccForm(func(f url.Values) {
			f.Set("scope", "https://management.azure.com/.default https://storage.azure.com/.default")
		})},
			wantStatus: 400, wantError: "invalid_scope", wantCode: 70011,
			wantDesc: "The scope https://management.azure.com/.default https://storage.azure.com/.default is not valid."},
		{name: "scope without .default", call: tokenCall{form: ccForm(func(f url.Values) { f.Set("scope", "https://graph.microsoft.com/User.Read.All") })},
			wantStatus: 400, wantError: "invalid_scope", wantCode: 1002012, wantDesc: "Client credential flows must have a scope value with /.default"},
		{name: "only OIDC scopes", call: tokenCall{form: ccForm(func(f url.Values) { f.Set("scope", "openid profile offline_access") })},
			wantStatus: 400, wantError: "invalid_scope", wantCode: 1002012},
		{name: "resource on v2", call: tokenCall{form: ccForm(func(f url.Values) { f.Set("resource", "https://graph.microsoft.com") })},
			wantStatus: 400, wantError: "invalid_request", wantCode: 901002, wantDesc: "The 'resource' request parameter is not supported."},
		{name: "resource missing on v1", call: tokenCall{path: v1TokenPath, form: ccForm(nil)},
			wantStatus: 400, wantError: "invalid_request", wantCode: 900144, wantDesc: "parameter: 'resource'."},
		{name: "unknown resource on v1", call: tokenCall{path: v1TokenPath,
			form: ccForm(func(f url.Values) { f.Del("scope"); f.Set("resource", "https://unknown.example.com") })},
			wantStatus: 400, wantError: "invalid_resource", wantCode: 500011},
		{name: "app asking for itself by identifier URI", call: tokenCall{form: url.Values{
			"grant_type": {idp.GrantClientCredentials}, "client_id": {idp.DefaultAPIClientID},
			"client_secret": {idp.DefaultAPISecret}, "scope": {idp.DefaultAPIURI + "/.default"},
		}},
			wantStatus: 400, wantError: "invalid_request", wantCode: 90009,
			wantDesc: "Application '" + idp.DefaultAPIClientID + "'(mockidp Tasks API) is requesting a token for itself."},

		// client-request-id handling.
		{name: "no client-request-id", call: tokenCall{corr: corrNone, form: ccForm(func(f url.Values) { f.Set("client_secret", "nope") })},
			wantStatus: 401, wantError: "invalid_client", wantCode: 7000215},
		{name: "return-client-request-id false", call: tokenCall{corr: corrSentNoEcho, form: ccForm(func(f url.Values) { f.Set("client_secret", "nope") })},
			wantStatus: 401, wantError: "invalid_client", wantCode: 7000215},
		{name: "GET without client-request-id", call: tokenCall{method: http.MethodGet, corr: corrNone},
			wantStatus: 400, wantError: "invalid_request", wantCode: 900561},

		// Discovery shares the error format, with metadata caching.
		{name: "discovery v2 unknown tenant", call: tokenCall{method: http.MethodGet, path: "/fabrikam.onmicrosoft.com/v2.0/.well-known/openid-configuration"},
			wantStatus: 400, wantError: "invalid_tenant", wantCode: 90002, cacheControl: "max-age=86400, private"},
		{name: "discovery v2 unknown tenant GUID", call: tokenCall{method: http.MethodGet, corr: corrNone,
			path: "/0b0b0b0b-1111-4222-8333-444455556666/v2.0/.well-known/openid-configuration"},
			wantStatus: 400, wantError: "invalid_tenant", wantCode: 90002, cacheControl: "max-age=86400, private"},
		{name: "discovery v2 invalid tenant", call: tokenCall{method: http.MethodGet, path: "/contoso_corp/v2.0/.well-known/openid-configuration"},
			wantStatus: 400, wantError: "invalid_request", wantCode: 900023, cacheControl: "max-age=86400, private"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ts.send(t, tt.call)
			checkAADError(t, ts, tt.call, resp, body, wantAAD{
				status: tt.wantStatus, error: tt.wantError, code: tt.wantCode,
				descContains: tt.wantDesc, cacheControl: tt.cacheControl,
			})
		})
	}
}

// TestTokenErrorURIFollowsHost checks that error_uri names the host the
// client called, not the listener's address: Entra answers a call to an
// alias such as login.microsoft.com with that alias's lookup page.
func TestTokenErrorURIFollowsHost(t *testing.T) {
	ts := newTestServer(t, clouds.Public, nil)
	tests := []struct{ host, wantHost string }{
		{"idp.example.test:8443", "idp.example.test:8443"},
		{"login.microsoftonline.com", "login.microsoftonline.com"},
		{"login.microsoft.com", "login.microsoft.com"},
		{"LOGIN.windows.net:443", "login.windows.net"},
		{"login.usgovcloudapi.net", "login.usgovcloudapi.net"},
		{"login.chinacloudapi.cn", "login.partner.microsoftonline.cn"},
		{"login.partner.microsoftonline.cn", "login.partner.microsoftonline.cn"},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			form := ccForm(func(f url.Values) { f.Set("client_secret", "nope") })
			req, err := http.NewRequest(http.MethodPost, ts.URL+v2TokenPath, strings.NewReader(form.Encode()))
			if err != nil {
				t.Fatal(err)
			}
			req.Host = tt.host
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body struct {
				Codes    []int  `json:"error_codes"`
				ErrorURI string `json:"error_uri"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || len(body.Codes) != 1 {
				t.Fatalf("body: %v %+v", err, body)
			}
			want := "https://" + tt.wantHost + "/error?code=" + strconv.Itoa(body.Codes[0])
			if body.ErrorURI != want {
				t.Errorf("error_uri = %q, want %q", body.ErrorURI, want)
			}
		})
	}
}

func TestUnknownRouteIsHTMLNotFound(t *testing.T) {
	ts := newTestServer(t, clouds.Public, nil)
	tests := []struct {
		name   string
		method string
		path   string
	}{
		{"unknown path", http.MethodGet, "/no/such/endpoint"},
		{"unknown tenant subpath", http.MethodGet, "/" + idp.DefaultTenantID + "/oauth2/v2.0/nothing"},
		{"POST to unknown path", http.MethodPost, "/" + idp.DefaultTenantID + "/oauth2/v3.0/token"},
		{"file at the root", http.MethodGet, "/favicon.ico"}, // "/" itself is the landing page (endpoints/console)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ts.send(t, tokenCall{method: tt.method, path: tt.path, form: url.Values{}})
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("status = %d, want 404", resp.StatusCode)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("Content-Type = %q, want text/html", ct)
			}
			s := string(body)
			if strings.HasPrefix(strings.TrimSpace(s), "{") || strings.Contains(s, `"message"`) {
				t.Errorf("body looks like echo's JSON: %s", s)
			}
			if !strings.Contains(s, "<!DOCTYPE html>") || !strings.Contains(s, "404") {
				t.Errorf("body is not the 404 page: %s", s)
			}
		})
	}
}
