package endpoints

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// Path escapes in the tenant segment are decoded before lookup, and
// instance discovery keeps an escaped tenant escaped.
func TestEscapedTenantSegments(t *testing.T) {
	ts := newTestServer(t, clouds.Public, nil)
	for _, path := range []string{"/%63ommon/v2.0/.well-known/openid-configuration",
		"/contoso%2Eonmicrosoft.com/v2.0/.well-known/openid-configuration"} {
		if resp := ts.get(t, path); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", path, resp.StatusCode)
		}
	}
	q := url.Values{"authorization_endpoint": {"https://h.example/a%3Fb/oauth2/v2.0/authorize"}}
	resp := ts.get(t, "/common/discovery/instance?"+q.Encode())
	var body struct {
		Endpoint string `json:"tenant_discovery_endpoint"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if want := "https://h.example/a%3Fb/v2.0/.well-known/openid-configuration"; body.Endpoint != want {
		t.Errorf("tenant_discovery_endpoint = %q, want %q", body.Endpoint, want)
	}
	if resp := ts.get(t, "/"+idp.DefaultTenantID+"/discovery/v2.0/keys"); resp.StatusCode != http.StatusOK {
		t.Errorf("keys status %d", resp.StatusCode)
	}
}

// The token endpoint answers CORS preflight, and HEAD like GET.
func TestTokenEndpointMethods(t *testing.T) {
	ts := newTestServer(t, clouds.Public, nil)
	path := ts.URL + "/" + idp.DefaultTenantID + "/oauth2/v2.0/token"
	for method, want := range map[string]int{http.MethodOptions: http.StatusNoContent, http.MethodHead: http.StatusBadRequest} {
		req, _ := http.NewRequest(method, path, nil)
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("%s: status %d, want %d", method, resp.StatusCode, want)
		}
	}
}
