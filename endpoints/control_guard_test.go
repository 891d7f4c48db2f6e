package endpoints

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
)

// A stranger is an address outside this machine, injected as the peer:
// no test opens a connection to one.
const strangerAddr = "192.0.2.10:40000"

func controlRequest(method, path, body, remote string, header map[string]string) *http.Request {
	r := httptest.NewRequest(method, "https://localhost:8443"+path, strings.NewReader(body))
	r.RemoteAddr = remote
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		if v == "" {
			r.Header.Del(k)
		} else {
			r.Header.Set(k, v)
		}
	}
	return r
}

func TestControlGuard(t *testing.T) {
	const token = "s3cret-token"
	tests := []struct {
		name   string
		access ControlAccess
		method string
		path   string
		body   string
		remote string
		header map[string]string
		want   int
	}{
		{"loopback reads the seed", ControlAccess{}, "GET", "/_mockidp/seed", "", "127.0.0.1:5000", nil, 200},
		{"loopback IPv6 resets", ControlAccess{}, "POST", "/_mockidp/reset", "", "[::1]:5000", nil, 200},
		{"second loopback address", ControlAccess{}, "GET", "/_mockidp/seed", "", "127.0.0.2:5000", nil, 200},
		{"stranger cannot read the seed", ControlAccess{}, "GET", "/_mockidp/seed", "", strangerAddr, nil, 403},
		{"stranger cannot wipe the seed", ControlAccess{}, "PUT", "/_mockidp/seed", "{}", strangerAddr, nil, 403},
		{"stranger cannot reset", ControlAccess{}, "POST", "/_mockidp/reset", "", strangerAddr, nil, 403},
		{"stranger cannot approve device codes", ControlAccess{}, "POST", "/_mockidp/devicecode/approve", `{"user_code":"X"}`, strangerAddr, nil, 403},
		{"stranger cannot script IMDS", ControlAccess{}, "POST", "/_mockidp/imds/faults", `{"status":500}`, strangerAddr, nil, 403},
		{"forwarding headers are not trusted", ControlAccess{}, "GET", "/_mockidp/seed", "", strangerAddr,
			map[string]string{"X-Forwarded-For": "127.0.0.1", "X-Real-Ip": "127.0.0.1"}, 403},
		{"stranger with the token", ControlAccess{Token: token}, "GET", "/_mockidp/seed", "", strangerAddr,
			map[string]string{"Authorization": "Bearer " + token}, 200},
		{"stranger with a wrong token", ControlAccess{Token: token}, "GET", "/_mockidp/seed", "", strangerAddr,
			map[string]string{"Authorization": "Bearer nope"}, 403},
		{"stranger with the token in another scheme", ControlAccess{Token: token}, "GET", "/_mockidp/seed", "", strangerAddr,
			map[string]string{"Authorization": "Basic " + token}, 403},
		{"explicit opt-in", ControlAccess{AllowRemote: true}, "GET", "/_mockidp/seed", "", strangerAddr, nil, 200},
		{"health stays open", ControlAccess{}, "GET", "/_mockidp/health", "", strangerAddr, nil, 200},
		{"CA stays open", ControlAccess{}, "GET", "/_mockidp/ca.pem", "", strangerAddr, nil, 200},
		{"text/plain reset from a page", ControlAccess{}, "POST", "/_mockidp/reset", "", "127.0.0.1:5000",
			map[string]string{"Content-Type": "text/plain", "Origin": "https://evil.example"}, 403},
		{"cross-origin scenarios", ControlAccess{}, "POST", "/_mockidp/scenarios", `{"match":{},"respond":{"status":500}}`, "127.0.0.1:5000",
			map[string]string{"Origin": "https://evil.example"}, 403},
		{"null origin", ControlAccess{}, "POST", "/_mockidp/reset", "", "127.0.0.1:5000",
			map[string]string{"Origin": "null"}, 403},
		{"cross-site fetch metadata", ControlAccess{}, "POST", "/_mockidp/reset", "", "127.0.0.1:5000",
			map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"text/plain body", ControlAccess{}, "POST", "/_mockidp/scenarios", `[]`, "127.0.0.1:5000",
			map[string]string{"Content-Type": "text/plain"}, 415},
		{"form body", ControlAccess{}, "POST", "/_mockidp/clock", `advance=1h`, "127.0.0.1:5000",
			map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, 415},
		{"untyped body", ControlAccess{}, "POST", "/_mockidp/clock", `{"advance":"1h"}`, "127.0.0.1:5000",
			map[string]string{"Content-Type": ""}, 415},
		{"same-origin JSON", ControlAccess{}, "POST", "/_mockidp/clock", `{"advance":"1h"}`, "127.0.0.1:5000",
			map[string]string{"Origin": "https://localhost:8443", "Content-Type": "application/json; charset=utf-8"}, 200},
		{"cross-origin GET stays readable", ControlAccess{}, "GET", "/_mockidp/clock", "", "127.0.0.1:5000",
			map[string]string{"Origin": "https://evil.example"}, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := NewServer(Options{Provider: newTestProvider(t, nil, nil), Logger: quietLogger(),
				CAPEM: []byte("ca"), Control: tt.access})
			w := httptest.NewRecorder()
			srv.Handler(clouds.Public).ServeHTTP(w, controlRequest(tt.method, tt.path, tt.body, tt.remote, tt.header))
			if w.Code != tt.want {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.want, w.Body)
			}
			if tt.want == 403 && !strings.Contains(w.Body.String(), `"error"`) {
				t.Errorf("403 without a control error body: %s", w.Body)
			}
		})
	}
}

// TestControlRefusalSaysHow: the 403 names both ways in.
func TestControlRefusalSaysHow(t *testing.T) {
	srv := NewServer(Options{Provider: newTestProvider(t, nil, nil), Logger: quietLogger()})
	w := httptest.NewRecorder()
	srv.Handler(clouds.Public).ServeHTTP(w, controlRequest("GET", "/_mockidp/seed", "", strangerAddr, nil))
	for _, want := range []string{"--control-token", "MOCKIDP_CONTROL_TOKEN", "Bearer", "--control-allow-remote"} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("refusal does not mention %s: %s", want, w.Body)
		}
	}
}

// TestControlAbsentOnPlainHTTP: the managed-identity listener (and so the
// proxy's plain-HTTP path, which uses it) has no control API, even from
// loopback.
func TestControlAbsentOnPlainHTTP(t *testing.T) {
	srv := NewServer(Options{Provider: newTestProvider(t, nil, nil), Logger: quietLogger()})
	for _, tt := range []struct{ method, path, body string }{
		{"GET", "/_mockidp/seed", ""}, {"PUT", "/_mockidp/seed", "{}"}, {"POST", "/_mockidp/reset", ""},
		{"GET", "/_mockidp/requests", ""}, {"POST", "/_mockidp/imds/faults", `{"status":500}`},
		{"POST", "/_mockidp/devicecode/approve", `{"user_code":"X"}`},
	} {
		w := httptest.NewRecorder()
		r := controlRequest(tt.method, tt.path, tt.body, "127.0.0.1:5000", nil)
		r.URL.Scheme, r.TLS = "http", nil
		srv.ManagedIdentityHandler(nil).ServeHTTP(w, r)
		if w.Code != http.StatusNotFound {
			t.Errorf("%s %s on the managed-identity listener: %d, want 404", tt.method, tt.path, w.Code)
		}
	}
}
