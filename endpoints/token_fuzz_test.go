package endpoints

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// FuzzTokenEndpoint posts arbitrary form bodies and Authorization headers
// to the v2 token endpoint. Whatever arrives, the answer is a token or
// Entra's error JSON with a 400 or 401: never a 500, a panic or a body a
// client cannot parse.
func FuzzTokenEndpoint(f *testing.F) {
	const host = "localhost:8443"
	path := "/" + idp.DefaultTenantID + "/oauth2/v2.0/token"
	basic := func(id, secret string) string {
		return "Basic " + base64.StdEncoding.EncodeToString([]byte(id+":"+secret))
	}
	secretForm := url.Values{"grant_type": {idp.GrantClientCredentials}, "client_id": {idp.DefaultDaemonClientID},
		"client_secret": {idp.DefaultDaemonSecret}, "scope": {"https://graph.microsoft.com/.default openid profile"}}
	assertionForm := url.Values{"grant_type": {idp.GrantClientCredentials}, "client_id": {idp.DefaultDaemonClientID},
		"client_assertion_type": {idp.AssertionTypeJWTBearer},
		"client_assertion":      {fixtureDaemonAssertion(f, "https://"+host+path, fixedNow)},
		"scope":                 {idp.DefaultAPIURI + "/.default"}}
	seeds := []struct{ body, auth string }{
		{secretForm.Encode(), ""},
		{assertionForm.Encode(), ""},
		{"grant_type=client_credentials&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default",
			basic(idp.DefaultDaemonClientID, idp.DefaultDaemonSecret)},
		{"grant_type=client_credentials&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default",
			basic("%zz", "%")},
		{"grant_type=client_credentials&resource=https%3A%2F%2Fgraph.microsoft.com", basic(idp.DefaultDaemonClientID, "x")},
		{"grant_type=client_credentials&client_id=" + idp.DefaultCLIClientID + "&scope=api%3A%2F%2Fmockidp-tasks%2F.default", ""},
		{"grant_type=client_credentials&client_id=" + idp.DefaultAPIClientID + "&client_secret=" + idp.DefaultAPISecret +
			"&scope=api%3A%2F%2Fmockidp-tasks%2F.default", ""},
		{"grant_type=client_credentials&grant_type=password&client_assertion=a.b.c&client_assertion_type=x", ""},
		{"grant_type=" + url.QueryEscape(idp.GrantDeviceCode), "Bearer abc"},
		{"", ""},
		{"%zz=1", "Basic !!!"},
		{"a=1;b=2", "Basic " + base64.StdEncoding.EncodeToString([]byte("nocolon"))},
		{"grant_type=client_credentials&scope=" + strings.Repeat("x/.default+", 50), "basic "},
	}
	for _, s := range seeds {
		f.Add([]byte(s.body), s.auth)
	}
	h := newTestServer(f, clouds.Public, nil).srv.Handler(clouds.Public)
	f.Fuzz(func(t *testing.T, body []byte, auth string) {
		r := httptest.NewRequest(http.MethodPost, "https://"+host+path, bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if auth != "" {
			r.Header.Set("Authorization", auth)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if cc := w.Header().Get("Cache-Control"); cc != "no-store, no-cache" {
			t.Errorf("Cache-Control %q on a token answer", cc)
		}
		if w.Code != http.StatusOK {
			requireEntraError(t, w, http.StatusBadRequest, http.StatusUnauthorized)
			return
		}
		var tok struct {
			TokenType   string `json:"token_type"`
			ExpiresIn   int64  `json:"expires_in"`
			AccessToken string `json:"access_token"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &tok); err != nil {
			t.Fatalf("200 with a body that is no v2 token answer (%v): %q", err, w.Body)
		}
		if tok.TokenType != idp.TokenTypeBearer || tok.ExpiresIn <= 0 || strings.Count(tok.AccessToken, ".") != 2 {
			t.Fatalf("200 with an odd token answer: %q", w.Body)
		}
	})
}
