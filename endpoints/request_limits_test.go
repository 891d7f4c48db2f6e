package endpoints

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/idp"
)

// A request that starts a browser flow with parameters longer than
// Entra takes gets its AADSTS90015 page, not a redirect and not a code
// that keeps a 100 KB nonce; one just under the limit signs in as usual.
func TestBrowserEntryParamsCapped(t *testing.T) {
	_, b := newUserFlowServer(t)
	long := strings.Repeat("s", 5000)
	tenant := "/" + idp.DefaultTenantID
	cases := []struct {
		name    string
		do      func() page
		refused bool
	}{
		{"authorize, state under the limit", func() page { return b.get(cliAuthorize(map[string]string{"state": long[:3500]})) }, false},
		{"authorize, long state", func() page { return b.get(cliAuthorize(map[string]string{"state": long})) }, true},
		{"authorize, long nonce", func() page { return b.get(cliAuthorize(map[string]string{"nonce": long + long})) }, true},
		{"authorize by POST, long scope", func() page {
			return b.post(tenant+"/oauth2/v2.0/authorize", url.Values{"client_id": {idp.DefaultCLIClientID},
				"response_type": {"code"}, "redirect_uri": {"http://localhost:5555"}, "scope": {"openid " + long}})
		}, true},
		{"authorize by POST, long body after a short query", func() page {
			return b.post(tenant+"/oauth2/v2.0/authorize?client_id="+idp.DefaultCLIClientID, url.Values{"state": {long[:4050]}})
		}, true},
		{"v1 authorize, long state", func() page {
			return b.get(tenant + "/oauth2/authorize?client_id=" + idp.DefaultCLIClientID + "&response_type=code&state=" + long)
		}, true},
		{"logout, long id_token_hint", func() page { return b.get(tenant + "/oauth2/v2.0/logout?id_token_hint=" + long) }, true},
		{"admin consent, long state", func() page {
			return b.get(tenant + "/v2.0/adminconsent?client_id=" + webClientID + "&scope=.default&state=" + long)
		}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.do()
			refused := strings.Contains(p.body, "AADSTS90015: Requested query string is too long.")
			if refused != tc.refused {
				t.Fatalf("refused = %v, want %v: %d %.300s", refused, tc.refused, p.status, p.body)
			}
			if tc.refused && (p.status != http.StatusBadRequest || p.location != "") {
				t.Errorf("got %d location %q, want the 400 error page", p.status, p.location)
			}
			if !tc.refused && p.status != http.StatusOK {
				t.Errorf("got %d, want the sign-in page", p.status)
			}
		})
	}
}
