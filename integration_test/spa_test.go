package integration_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

const spaClientID = "a1b2c3d4-0000-4000-8000-0000000005a1"

// A single-page app registered as the Entra portal does it (an SPA
// redirect URI, no credential, public client flows off) signs in through
// mockidptest.Browser and redeems and refreshes from the browser
// (cross-origin, PKCE) without any credential.
func TestSPAWithoutPublicClientFlows(t *testing.T) {
	codes := make(chan url.Values, 1)
	spa := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		codes <- r.URL.Query()
	}))
	defer spa.Close()
	redirect, origin := spa.URL+"/", spa.URL
	srv := userFlowServer(t)
	if err := srv.IDP.Update(func(s *idp.Seed) error {
		s.Tenants[0].Applications = append(s.Tenants[0].Applications, idp.Application{ClientID: spaClientID,
			DisplayName: "Contoso SPA", SPARedirectURIs: []string{redirect}, RedirectURIs: []string{spa.URL + "/server"}})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	const verifier = "spa-verifier-0123456789-0123456789-0123456789"
	browser := mockidptest.Browser{Client: srv.Client()}
	err := browser.Open(authorizeURL(srv, url.Values{"client_id": {spaClientID}, "response_type": {"code"},
		"redirect_uri": {redirect}, "scope": {"openid offline_access User.Read"}, "login_hint": {botUPN},
		"code_challenge": {s256(verifier)}, "code_challenge_method": {"S256"}}))
	if err != nil {
		t.Fatal(err)
	}
	code := (<-codes).Get("code")

	first := spaToken(t, srv, origin, url.Values{"grant_type": {"authorization_code"}, "client_id": {spaClientID},
		"code": {code}, "redirect_uri": {redirect}, "code_verifier": {verifier}, "scope": {"openid offline_access User.Read"}})
	if first.status != 200 || first.body["access_token"] == nil || first.body["refresh_token"] == nil {
		t.Fatalf("code redemption: %d %v", first.status, first.body)
	}
	if c := claimsOf(t, first.body["access_token"].(string)); c["appidacr"] != nil && c["appidacr"] != "0" || c["azpacr"] != nil && c["azpacr"] != "0" {
		t.Errorf("client authentication of a browser redemption: %v / %v", c["appidacr"], c["azpacr"])
	}
	refresh := url.Values{"grant_type": {"refresh_token"}, "client_id": {spaClientID},
		"refresh_token": {first.body["refresh_token"].(string)}, "scope": {"openid offline_access User.Read"}}
	if second := spaToken(t, srv, origin, refresh); second.status != 200 || second.body["access_token"] == nil {
		t.Fatalf("refresh: %d %v", second.status, second.body)
	}
	// For its web redirect URI the app stays confidential: a server-side
	// redemption needs a credential.
	serverCode := codeFromRedirect(t, srv, authorizeURL(srv, url.Values{"client_id": {spaClientID}, "response_type": {"code"},
		"redirect_uri": {spa.URL + "/server"}, "scope": {"openid User.Read"}, "login_hint": {botUPN}})).Get("code")
	web := spaToken(t, srv, "", url.Values{"grant_type": {"authorization_code"}, "client_id": {spaClientID},
		"code": {serverCode}, "redirect_uri": {spa.URL + "/server"}, "scope": {"openid User.Read"}})
	if web.status != 401 || !strings.Contains(web.body["error_description"].(string), "AADSTS7000218") {
		t.Fatalf("web redirect URI without a credential: %d %v", web.status, web.body)
	}
}

type tokenAnswer struct {
	status int
	body   map[string]any
}

// spaToken posts to the token endpoint as a browser's cross-origin call
// (origin "" for a server-side call).
func spaToken(t *testing.T, srv *mockidptest.Server, origin string, form url.Values) tokenAnswer {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.AuthorityURL(idp.DefaultTenantID)+"/oauth2/v2.0/token",
		strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a tokenAnswer
	a.status = resp.StatusCode
	if err := json.NewDecoder(resp.Body).Decode(&a.body); err != nil {
		t.Fatal(err)
	}
	return a
}
