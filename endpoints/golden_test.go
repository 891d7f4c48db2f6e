package endpoints

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// The golden files pin what mockidp puts on the wire. After an intended
// change, regenerate them and review the diff:
//
//	go test ./endpoints -run Golden -update
var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenHost is the fixed Host of golden requests: bodies carry the base
// URL, so a random httptest port would change them.
const goldenHost = "localhost:8443"

// goldenRequestID is the client-request-id of golden requests that send one.
const goldenRequestID = "0b7c1f3e-5a2d-4e69-8f10-3c4d5e6f7a8b"

// goldenCloud is one national cloud with its default tenant.
type goldenCloud struct {
	cloud          *clouds.Cloud
	tenant, domain string
}

func goldenClouds(t *testing.T) []goldenCloud {
	t.Helper()
	ids := map[string]string{
		clouds.Public.Name: idp.DefaultTenantID, clouds.USGovernment.Name: idp.DefaultUSGovTenantID,
		clouds.China.Name: idp.DefaultChinaTenantID, clouds.Germany.Name: idp.DefaultGermanyTenantID,
	}
	var out []goldenCloud
	for _, c := range []*clouds.Cloud{clouds.Public, clouds.USGovernment, clouds.China, clouds.Germany} {
		gc := goldenCloud{cloud: c, tenant: ids[c.Name]}
		for _, tn := range idp.DefaultSeed().Tenants {
			if tn.ID == gc.tenant {
				gc.domain = tn.Domains[0]
			}
		}
		if gc.domain == "" {
			t.Fatalf("default seed has no tenant %s", gc.tenant)
		}
		out = append(out, gc)
	}
	return out
}

// serveFixed sends one request straight to a fresh server's handler with
// a fixed Host over (pretend) TLS. A fresh server per call keeps the
// seeded random stream, and so trace IDs and token claims, independent of
// which other cases ran.
func serveFixed(t *testing.T, cloud *clouds.Cloud, method, host, target string, form url.Values, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	return serveFixedSeed(t, cloud, nil, method, host, target, form, header)
}

// serveFixedSeed is serveFixed on the default seed changed by mutate.
func serveFixedSeed(t *testing.T, cloud *clouds.Cloud, mutate func(*idp.Seed), method, host, target string, form url.Values, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	return serveTo(t, newTestServer(t, cloud, mutate), cloud, method, host, target, form, header)
}

// serveTo sends one request straight to ts's handler for cloud, with a
// fixed Host over (pretend) TLS.
func serveTo(t *testing.T, ts *testServer, cloud *clouds.Cloud, method, host, target string, form url.Values, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	r := httptest.NewRequest(method, "https://"+host+target, body)
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	ts.srv.Handler(cloud).ServeHTTP(w, r)
	return w
}

// checkGolden compares got with testdata/golden/name, or rewrites the file
// under -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", filepath.FromSlash(name))
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./endpoints -run Golden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (regenerate with -update if intended)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// prettyJSON indents a JSON body without reordering it: key order is part
// of what the goldens pin.
func prettyJSON(t *testing.T, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, b)
	}
	out.WriteByte('\n')
	return out.Bytes()
}

func checkHeaders(t *testing.T, w *httptest.ResponseRecorder, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got := w.Header().Get(k); got != v {
			t.Errorf("header %s = %q, want %q", k, got, v)
		}
	}
}

var (
	metadataHeaders = map[string]string{"Content-Type": web.ContentTypeJSON,
		"Cache-Control": "max-age=86400, private", "Access-Control-Allow-Origin": "*"}
	tokenHeaders = map[string]string{"Content-Type": web.ContentTypeJSON,
		"Cache-Control": "no-store, no-cache", "Pragma": "no-cache"}
)

func TestGoldenDiscovery(t *testing.T) {
	for _, gc := range goldenClouds(t) {
		tests := []struct {
			name  string
			names []string // tenant segments that must give identical bytes
		}{
			{"tenant", []string{gc.tenant, gc.domain, strings.ToUpper(gc.domain)}},
			{idp.TenantCommon, []string{idp.TenantCommon}},
			{idp.TenantOrganizations, []string{idp.TenantOrganizations}},
			{idp.TenantConsumers, []string{idp.TenantConsumers}},
		}
		for _, tc := range tests {
			for _, v := range []struct{ name, path string }{
				{"v2", "/v2.0/.well-known/openid-configuration"},
				{"v1", "/.well-known/openid-configuration"},
			} {
				t.Run(gc.cloud.Name+"/"+tc.name+"-"+v.name, func(t *testing.T) {
					var first []byte
					for _, seg := range tc.names {
						w := serveFixed(t, gc.cloud, http.MethodGet, goldenHost, "/"+seg+v.path, nil, nil)
						if w.Code != http.StatusOK {
							t.Fatalf("%s: status %d: %s", seg, w.Code, w.Body)
						}
						checkHeaders(t, w, metadataHeaders)
						if first == nil {
							first = w.Body.Bytes()
						} else if !bytes.Equal(w.Body.Bytes(), first) {
							t.Errorf("%s gives other bytes than %s:\n%s\n%s", seg, tc.names[0], w.Body, first)
						}
					}
					checkGolden(t, "discovery/"+gc.cloud.Name+"/"+tc.name+"-"+v.name+".json", prettyJSON(t, first))
				})
			}
		}
	}
}

// TestGoldenDiscoveryRealHost pins the documents a client sees when it
// reaches mockidp by the cloud's own login host: issuers are Entra's.
func TestGoldenDiscoveryRealHost(t *testing.T) {
	tests := []struct {
		name   string
		cloud  *clouds.Cloud
		tenant string
		path   string
	}{
		{"public-tenant-v2", clouds.Public, idp.DefaultTenantID, "/v2.0/.well-known/openid-configuration"},
		{"public-tenant-v1", clouds.Public, idp.DefaultTenantID, "/.well-known/openid-configuration"},
		{"public-common-v2", clouds.Public, idp.TenantCommon, "/v2.0/.well-known/openid-configuration"},
		{"china-tenant-v2", clouds.China, idp.DefaultChinaTenantID, "/v2.0/.well-known/openid-configuration"},
		{"china-tenant-v1", clouds.China, idp.DefaultChinaTenantID, "/.well-known/openid-configuration"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// The server's default cloud is Public: the Host alone must pick
			// the cloud.
			w := serveFixed(t, clouds.Public, http.MethodGet, tc.cloud.LoginHost, "/"+tc.tenant+tc.path, nil, nil)
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			checkHeaders(t, w, metadataHeaders)
			checkGolden(t, "discovery/realhost/"+tc.name+".json", prettyJSON(t, w.Body.Bytes()))
		})
	}
}

func TestGoldenJWKS(t *testing.T) {
	for _, gc := range goldenClouds(t) {
		tests := []struct{ name, path string }{
			{"v2", "/" + gc.tenant + "/discovery/v2.0/keys"},
			{"v1", "/common/discovery/keys"},
		}
		for _, tc := range tests {
			t.Run(gc.cloud.Name+"/"+tc.name, func(t *testing.T) {
				w := serveFixed(t, gc.cloud, http.MethodGet, goldenHost, tc.path, nil, nil)
				if w.Code != http.StatusOK {
					t.Fatalf("status %d: %s", w.Code, w.Body)
				}
				checkHeaders(t, w, metadataHeaders)
				checkGolden(t, "jwks/"+gc.cloud.Name+"-"+tc.name+".json", prettyJSON(t, w.Body.Bytes()))
			})
		}
	}
}

// TestGoldenAccessTokens pins the token response (access_token elided)
// and the decoded JOSE header and claims of app-only tokens of both
// versions. The seeded Rand and the fixed clock make uti, aio, rh, iat,
// nbf and exp stable.
func TestGoldenAccessTokens(t *testing.T) {
	tenantPath := "/" + idp.DefaultTenantID
	v2URL := "https://" + goldenHost + tenantPath + "/oauth2/v2.0/token"
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(idp.DefaultDaemonClientID+":"+idp.DefaultDaemonSecret))
	tests := []struct {
		name   string
		path   string
		form   url.Values
		header map[string]string
		ver    string
	}{
		{"v1-graph-secret-v1endpoint", tenantPath + "/oauth2/token", url.Values{
			"grant_type": {idp.GrantClientCredentials}, "client_id": {idp.DefaultDaemonClientID},
			"client_secret": {idp.DefaultDaemonSecret}, "resource": {"https://graph.microsoft.com"}}, nil, "1.0"},
		{"v1-graph-secret-basic-v2endpoint", tenantPath + "/oauth2/v2.0/token", url.Values{
			"grant_type": {idp.GrantClientCredentials},
			"scope":      {"https://graph.microsoft.com/.default openid profile offline_access"}},
			map[string]string{"Authorization": basic}, "1.0"},
		{"v2-api-certificate", tenantPath + "/oauth2/v2.0/token", url.Values{
			"grant_type": {idp.GrantClientCredentials}, "client_id": {idp.DefaultDaemonClientID},
			"client_assertion_type": {idp.AssertionTypeJWTBearer},
			"client_assertion":      {fixtureDaemonAssertion(t, v2URL, fixedNow)},
			"scope":                 {idp.DefaultAPIURI + "/.default"}}, nil, "2.0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := serveFixed(t, clouds.Public, http.MethodPost, goldenHost, tc.path, tc.form, tc.header)
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			checkHeaders(t, w, tokenHeaders)
			var resp struct {
				AccessToken string `json:"access_token"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
				t.Fatal(err)
			}
			parts := strings.Split(resp.AccessToken, ".")
			if len(parts) != 3 {
				t.Fatalf("access_token is not a JWS: %q", resp.AccessToken)
			}
			var header, claims json.RawMessage
			if err := idp.DecodeUnverifiedJWT(resp.AccessToken, &header, &claims); err != nil {
				t.Fatal(err)
			}
			var ver struct{ Ver string }
			if err := json.Unmarshal(claims, &ver); err != nil || ver.Ver != tc.ver {
				t.Errorf("ver = %q (%v), want %q", ver.Ver, err, tc.ver)
			}
			redacted := bytes.Replace(w.Body.Bytes(), []byte(resp.AccessToken), []byte("<header.claims.signature>"), 1)
			var doc bytes.Buffer
			doc.WriteString(`{"response":`)
			doc.Write(redacted)
			doc.WriteString(`,"header":`)
			doc.Write(header)
			doc.WriteString(`,"claims":`)
			doc.Write(claims)
			doc.WriteString(`}`)
			checkGolden(t, "tokens/"+tc.name+".json", prettyJSON(t, doc.Bytes()))
		})
	}
}

// TestGoldenErrors pins Entra's error JSON: the trace ID comes from the
// seeded Rand, the correlation ID from client-request-id and the timestamp
// from the fixed clock.
func TestGoldenErrors(t *testing.T) {
	tests := []struct {
		name        string
		host        string
		method      string
		path        string
		form        url.Values
		wantStatus  int
		wantAADSTS  int
		wantHeaders map[string]string
	}{
		{"token-invalid-secret-7000215", goldenHost, http.MethodPost, "/" + idp.DefaultTenantID + "/oauth2/v2.0/token",
			url.Values{"grant_type": {idp.GrantClientCredentials}, "client_id": {idp.DefaultDaemonClientID},
				"client_secret": {"not-the-secret"}, "scope": {"https://graph.microsoft.com/.default"}},
			http.StatusUnauthorized, 7000215, tokenHeaders},
		// On a real login host error_uri points at Entra's own lookup page.
		{"discovery-tenant-not-found-90002-realhost", clouds.Public.LoginHost, http.MethodGet,
			"/nosuchtenant.onmicrosoft.com/v2.0/.well-known/openid-configuration", nil,
			http.StatusBadRequest, 90002, metadataHeaders},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := serveFixed(t, clouds.Public, tc.method, tc.host, tc.path, tc.form,
				map[string]string{"client-request-id": goldenRequestID})
			if w.Code != tc.wantStatus {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.wantStatus, w.Body)
			}
			checkHeaders(t, w, tc.wantHeaders)
			var body struct {
				Codes         []int  `json:"error_codes"`
				TraceID       string `json:"trace_id"`
				CorrelationID string `json:"correlation_id"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
				t.Fatal(err)
			}
			if len(body.Codes) != 1 || body.Codes[0] != tc.wantAADSTS {
				t.Errorf("error_codes = %v, want [%d]", body.Codes, tc.wantAADSTS)
			}
			checkHeaders(t, w, map[string]string{
				"client-request-id": goldenRequestID,
				"x-ms-request-id":   body.TraceID,
			})
			if body.CorrelationID != goldenRequestID {
				t.Errorf("correlation_id = %q, want the client-request-id", body.CorrelationID)
			}
			checkGolden(t, "errors/"+tc.name+".json", prettyJSON(t, w.Body.Bytes()))
		})
	}
}
