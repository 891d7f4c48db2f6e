package endpoints

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// FuzzTenantSegment puts arbitrary tenant segments on the v2 discovery
// route, once path-escaped as a client would send them and once raw when
// the raw string is a valid request target. The answer is the document,
// Entra's 400 error JSON, or the HTML 404 page.
func FuzzTenantSegment(f *testing.F) {
	for _, s := range []string{
		idp.DefaultTenantID, strings.ToUpper(idp.DefaultTenantID), "contoso.onmicrosoft.com", "CONTOSO.onmicrosoft.com",
		"common", "Organizations", "consumers", idp.DefaultChinaTenantID, "nosuch.example", "",
		".", "..", "a/b", "a%2Fb", "%", "-bad-", "a..b", "xn--bcher-kva.example", strings.Repeat("a", 64),
		strings.Repeat("a.", 127) + "a", "ünï.example", "a b", "?x=1", "#frag", "\x00", "common/v2.0",
		"00000000-0000-0000-0000-00000000000g",
	} {
		f.Add(s)
	}
	ts := newTestServer(f, clouds.Public, nil)
	h := ts.srv.Handler(clouds.Public)
	known := map[string]bool{idp.TenantCommon: true, idp.TenantOrganizations: true, idp.TenantConsumers: true,
		idp.DefaultTenantID: true, "contoso.onmicrosoft.com": true}
	const suffix = "/v2.0/.well-known/openid-configuration"
	f.Fuzz(func(t *testing.T, seg string) {
		w := getTarget(h, "/"+url.PathEscape(seg)+suffix)
		checkDiscoveryAnswer(t, w)
		if w.Code == http.StatusOK && !known[strings.ToLower(seg)] {
			t.Fatalf("tenant %q is not in the directory, yet its document is served: %s", seg, w.Body)
		}
		// A segment starting with "?" leaves the path "/": the landing page.
		if raw := "/" + seg + suffix; isRequestTarget(raw) && !strings.HasPrefix(raw, "/?") {
			checkDiscoveryAnswer(t, getTarget(h, raw))
		}
	})
}

// getTarget sends a GET for a request target exactly as a server would
// have parsed it from the request line.
func getTarget(h http.Handler, target string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, "https://localhost:8443/", nil)
	u, err := url.ParseRequestURI(target)
	if err != nil {
		panic("getTarget: " + err.Error()) // callers pass valid targets
	}
	r.URL, r.RequestURI = u, target
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// isRequestTarget reports whether net/http would accept s as the target
// of a request line.
func isRequestTarget(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] == 0x7f {
			return false
		}
	}
	_, err := url.ParseRequestURI(s)
	return err == nil
}

func checkDiscoveryAnswer(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	switch w.Code {
	case http.StatusOK:
		var doc struct {
			Issuer, TokenEndpoint, JWKSURI string
		}
		if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil || !strings.HasSuffix(doc.Issuer, "/v2.0") {
			t.Fatalf("200 without a v2 document (%v): %q", err, w.Body)
		}
	case http.StatusNotFound:
		requireNotFoundPage(t, w)
	default:
		requireEntraError(t, w, http.StatusBadRequest)
	}
}

// FuzzInstanceDiscovery sends arbitrary authorization_endpoint and
// api-version values to instance discovery. The answer is Entra's 400
// invalid_instance or a document whose tenant_discovery_endpoint is an
// https URL of a v2 metadata document.
func FuzzInstanceDiscovery(f *testing.F) {
	for _, s := range []struct{ endpoint, version string }{
		{"https://login.microsoftonline.com/" + idp.DefaultTenantID + "/oauth2/v2.0/authorize", "1.1"},
		{"https://login.microsoftonline.com/common/oauth2/v2.0/authorize", ""},
		{"https://login.chinacloudapi.cn/organizations/oauth2/v2.0/authorize", "1.0"},
		{"https://localhost:8443/contoso.onmicrosoft.com/oauth2/v2.0/authorize", "1.1"},
		{"https://localhost/" + idp.DefaultTenantID + "/oauth2/v2.0/authorize", "1.1"},
		{"https://idp.example.test:1234/t/oauth2/v2.0/authorize", "2"},
		{"http://localhost:8443/common/oauth2/v2.0/authorize", "1.1"},
		{"https://localhost:8443/", "1.1"},
		{"https://localhost:8443", ""},
		{"https:///common", ""},
		{"https://user:pass@localhost:8443/common/x", ""},
		{"https://[::1]:8443/common/x", ""},
		{"https://h/a%2Fb/x", ""},
		{"https://h/a%3Fb/x", ""},
		{"https://h/%zz/x", ""},
		{"not a url", ""},
		{"", ""},
		{"https://h/t/x", "\"><script>"},
	} {
		f.Add(s.endpoint, s.version)
	}
	h := newTestServer(f, clouds.Public, nil).srv.Handler(clouds.Public)
	f.Fuzz(func(t *testing.T, endpoint, version string) {
		q := url.Values{"authorization_endpoint": {endpoint}, "api-version": {version}}
		w := getTarget(h, "/common/discovery/instance?"+q.Encode())
		if w.Code != http.StatusOK {
			if e := requireEntraError(t, w, http.StatusBadRequest); e.Codes[0] != idp.ErrInvalidInstance.AADSTS {
				t.Fatalf("error %v, want AADSTS%d: %q", e.Codes, idp.ErrInvalidInstance.AADSTS, w.Body)
			}
			return
		}
		var doc struct {
			TenantDiscoveryEndpoint string                    `json:"tenant_discovery_endpoint"`
			Metadata                []clouds.InstanceMetadata `json:"metadata"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
			t.Fatalf("200 with a body that is not JSON (%v): %q", err, w.Body)
		}
		u, err := url.Parse(doc.TenantDiscoveryEndpoint)
		if err != nil || u.Scheme != "https" || u.Host == "" ||
			!strings.HasSuffix(doc.TenantDiscoveryEndpoint, "/v2.0/.well-known/openid-configuration") {
			t.Fatalf("tenant_discovery_endpoint %q is no https metadata URL (%v)", doc.TenantDiscoveryEndpoint, err)
		}
		if len(doc.Metadata) == 0 || len(doc.Metadata[0].Aliases) == 0 {
			t.Fatalf("no instance metadata: %q", w.Body)
		}
	})
}
