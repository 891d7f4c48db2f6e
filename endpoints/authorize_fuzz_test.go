package endpoints

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// FuzzAuthorize sends arbitrary authorize queries and page posts: every
// answer is a page, a redirect or an error page, never a server error.
func FuzzAuthorize(f *testing.F) {
	f.Add("client_id="+idp.DefaultCLIClientID+"&response_type=code&redirect_uri=http://localhost:1&scope=openid", "")
	f.Add("client_id="+idp.DefaultCLIClientID+"&response_type=code+id_token+token&redirect_uri=http://localhost&prompt=none&response_mode=form_post", "flow=v2&ctx=a%3Db")
	f.Add("redirect_uri=%zz", "flow=admin1&ctx=%%")
	ts := newTestServer(f, clouds.Public, withUserFlowFixtures)
	h := ts.srv.Handler(clouds.Public)
	f.Fuzz(func(t *testing.T, query, body string) {
		v2 := httptest.NewRequest(http.MethodGet, "/"+idp.DefaultTenantID+"/oauth2/v2.0/authorize", nil)
		v1 := httptest.NewRequest(http.MethodGet, "/common/oauth2/authorize", nil)
		v2.URL.RawQuery, v1.URL.RawQuery = query, query
		for _, r := range []*http.Request{
			v2, v1,
			httptest.NewRequest(http.MethodPost, "/organizations/login", strings.NewReader(body)),
			httptest.NewRequest(http.MethodPost, "/"+idp.DefaultTenantID+"/consent", strings.NewReader(body)),
		} {
			if r.Method == http.MethodPost {
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code >= 500 {
				t.Fatalf("%s %s: %d %s", r.Method, r.URL, w.Code, w.Body)
			}
		}
	})
}
