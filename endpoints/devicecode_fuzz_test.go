package endpoints

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// FuzzDeviceCodeForm: whatever body arrives at the devicecode and token
// endpoints, the answer is Entra-shaped JSON with a 200, 400 or 401 — never
// a panic or a 500.
func FuzzDeviceCodeForm(f *testing.F) {
	for _, seed := range []string{
		"client_id=" + idp.DefaultCLIClientID + "&scope=User.Read+openid",
		"client_id=" + idp.DefaultCLIClientID + "&resource=https%3A%2F%2Fgraph.microsoft.com",
		"client_id=" + idp.DefaultDaemonClientID + "&scope=User.Read&client_secret=x",
		"grant_type=device_code&client_id=" + idp.DefaultCLIClientID + "&code=DAQAB",
		"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=%ZZ",
		"scope=%00&client_id=;;;&scope=a/b/c/.default",
		"",
	} {
		f.Add(seed, uint8(0))
	}
	ts := newTestServer(f, clouds.Public, nil)
	h := ts.srv.Handler(clouds.Public)
	paths := []string{devicePathV2, "/organizations/oauth2/devicecode", tokenPathV2, "/common/oauth2/token"}
	f.Fuzz(func(t *testing.T, body string, which uint8) {
		r := httptest.NewRequest(http.MethodPost, "https://localhost"+paths[int(which)%len(paths)], strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		switch w.Code {
		case 200, 400, 401:
		default:
			t.Fatalf("status %d for %q: %s", w.Code, body, w.Body)
		}
		var v map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
			t.Fatalf("not JSON for %q: %s", body, w.Body)
		}
	})
}

// FuzzDeviceLoginForm: any form posted to the device-login page gets the
// page back (200, HTML), never an error status or a panic.
func FuzzDeviceLoginForm(f *testing.F) {
	for _, seed := range []string{"otc=ABCDEFGHJ", "step=signin&otc=X&username=a%40b&password=p",
		"step=consent&otc=X&ticket=t&decision=approve", "step=%zz", "otc=" + strings.Repeat("A", 300), ""} {
		f.Add(seed)
	}
	ts := newTestServer(f, clouds.Public, nil)
	h := ts.srv.Handler(clouds.Public)
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest(http.MethodPost, "https://localhost/devicelogin", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 || !strings.Contains(w.Body.String(), "</html>") {
			t.Fatalf("status %d for %q: %s", w.Code, body, w.Body)
		}
	})
}
