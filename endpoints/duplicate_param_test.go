package endpoints

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// A parameter sent twice gets Entra's AADSTS9000411 instead of the first
// value winning.
func TestDuplicatedParameterRefused(t *testing.T) {
	srv := NewServer(Options{Provider: newTestProvider(t, nil, nil), Logger: quietLogger()})
	for _, path := range []string{"/oauth2/v2.0/token", "/oauth2/token", "/oauth2/v2.0/devicecode"} {
		body := "grant_type=client_credentials&client_id=" + idp.DefaultDaemonClientID + "&client_secret=" + idp.DefaultDaemonSecret +
			"&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&scope=openid"
		r := httptest.NewRequest("POST", "https://localhost/"+idp.DefaultTenantID+path, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		srv.Handler(clouds.Public).ServeHTTP(w, r)
		b := w.Body.String()
		if w.Code != 400 || !strings.Contains(b, "AADSTS9000411") || !strings.Contains(b, "The parameter 'scope' is duplicated.") ||
			!strings.Contains(b, `"error":"invalid_request"`) || !strings.Contains(b, "9000411]") {
			t.Errorf("%s: %d %s", path, w.Code, b)
		}
	}
}
