package endpoints

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints/arm"
	"github.com/mockidp/mockidp/endpoints/graph"
)

// Every path on every Graph and ARM host of every cloud answers in that
// service's JSON, whatever the method: none reaches the sign-in site's
// routes or its HTML 404 page.
func TestResourceHostsAnswerEveryPathInTheirShape(t *testing.T) {
	ts := newTestServer(t, clouds.Public, nil)
	h := ts.srv.Handler(clouds.Public)
	graphCases := []struct {
		method, path string
		status       int
		code, text   string
	}{
		{"GET", "/", 400, "BadRequest", "Invalid version."},
		{"GET", "/v2.0/me", 400, "BadRequest", "Invalid version."},
		{"GET", "/me", 400, "BadRequest", "Invalid version."},
		{"POST", "/common/oauth2/v2.0/token", 400, "BadRequest", "Invalid version."},
		{"GET", "/devicelogin", 400, "BadRequest", "Invalid version."},
		{"GET", "/_mockidp/health", 400, "BadRequest", "Invalid version."},
		{"GET", "/v1.0/", 200, "", `/v1.0/$metadata"`},
		{"GET", "/beta", 200, "", `/beta/$metadata"`},
		{"GET", "/beta/widgets/1", 400, "BadRequest", "Resource not found for the segment 'widgets'."},
		{"GET", "/v1.0/users/x/manager", 400, "BadRequest", "Resource not found for the segment 'manager'."},
		{"GET", "/beta/me/photo", 400, "BadRequest", "Resource not found for the segment 'photo'."},
		{"GET", "/beta/me", 401, "InvalidAuthenticationToken", "Access token is empty."},
		{"DELETE", "/v1.0/me", 405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target."},
		{"POST", "/beta/users", 405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target."},
		{"OPTIONS", "/v1.0/nope", 400, "BadRequest", "Resource not found for the segment 'nope'."},
	}
	armCases := []struct {
		method, path string
		status       int
		code         string
	}{
		{"GET", "/", 404, "NoRegisteredProviderFound"},
		{"GET", "/v1.0/me", 404, "NoRegisteredProviderFound"},
		{"POST", "/common/oauth2/v2.0/token", 404, "NoRegisteredProviderFound"},
		{"GET", "/subscriptions/x/providers/Microsoft.Nope/things", 404, "NoRegisteredProviderFound"},
		{"DELETE", "/subscriptions", 404, "NoRegisteredProviderFound"},
		{"GET", "/subscriptions", 400, "MissingApiVersionParameter"},
	}
	for _, c := range clouds.All() {
		for _, host := range graph.Hosts(c) {
			for _, tc := range graphCases {
				w := serveHost(h, tc.method, host, tc.path)
				body := w.Body.String()
				code := errorCode(t, w)
				if w.Code != tc.status || code != tc.code || !strings.Contains(body, tc.text) ||
					!strings.Contains(body, "https://"+c.GraphHost+"/") && tc.status == 200 {
					t.Errorf("%s %s%s: %d %s %s", tc.method, host, tc.path, w.Code, w.Header().Get("Content-Type"), body)
				}
				if w.Code != 200 && w.Header().Get("request-id") == "" {
					t.Errorf("%s %s%s: no request-id header", tc.method, host, tc.path)
				}
			}
		}
		for _, host := range arm.Hosts(c) {
			for _, tc := range armCases {
				w := serveHost(h, tc.method, host, tc.path)
				if w.Code != tc.status || errorCode(t, w) != tc.code || w.Header().Get("x-ms-correlation-request-id") == "" {
					t.Errorf("%s %s%s: %d %s %s", tc.method, host, tc.path, w.Code, w.Header().Get("Content-Type"), w.Body)
				}
			}
		}
	}
}

func serveHost(h http.Handler, method, host, path string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, "https://"+host+path, nil))
	return w
}

// errorCode checks the answer is JSON and returns its error.code ("" for a
// success body).
func errorCode(t *testing.T, w *httptest.ResponseRecorder) string {
	t.Helper()
	var body struct {
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	if !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") || json.Unmarshal(w.Body.Bytes(), &body) != nil {
		return "not JSON"
	}
	return body.Error.Code
}

// TestGoldenResourceHostErrors pins the bodies of Graph's and ARM's
// answers to paths they do not serve.
func TestGoldenResourceHostErrors(t *testing.T) {
	for _, tc := range []struct {
		name, method, host, path string
	}{
		{"graph-invalid-version", "GET", "graph.microsoft.com", "/v2.0/me"},
		{"graph-unknown-segment-beta", "GET", "graph.microsoft.com", "/beta/widgets"},
		{"graph-method-not-allowed", "DELETE", "graph.microsoft.us", "/v1.0/users"},
		{"graph-service-document-beta", "GET", "microsoftgraph.chinacloudapi.cn", "/beta/"},
		{"arm-no-route", "GET", "management.azure.com", "/nope"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := serveFixed(t, clouds.Public, tc.method, tc.host, tc.path, nil,
				map[string]string{"client-request-id": goldenRequestID})
			checkGolden(t, "resourcehosts/"+tc.name+".json", prettyJSON(t, w.Body.Bytes()))
		})
	}
}
