package endpoints

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// A single-page app as the Entra portal registers one: a redirect URI of
// the SPA platform, no credential, public client flows left off.
const (
	spaClientID = "a1b2c3d4-0000-4000-8000-0000000005a0"
	spaRedirect = "https://spa.example/"
	spaOrigin   = "https://spa.example"
)

func withSPA(s *idp.Seed) {
	withUserFlowFixtures(s)
	s.Tenants[0].Applications = append(s.Tenants[0].Applications, idp.Application{ClientID: spaClientID,
		DisplayName: "Contoso SPA", SPARedirectURIs: []string{spaRedirect}})
}

// originToken posts a token request as a browser's cross-origin call
// would (origin "" for a server-side call).
func originToken(t *testing.T, ts *testServer, origin string, form url.Values) (*http.Response, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/"+idp.DefaultTenantID+"/oauth2/v2.0/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// spaCode signs the auto-approve bot in to the SPA (or, with cli, the
// default public client) and returns a code.
func spaCode(t *testing.T, b *userAgent, clientID, redirect string, pkce bool) string {
	t.Helper()
	p := map[string]string{"client_id": clientID, "response_type": "code", "redirect_uri": redirect,
		"scope": "openid offline_access User.Read", "login_hint": botUPN}
	if pkce {
		p["code_challenge"], p["code_challenge_method"] = testChallenge, "S256"
	}
	q := redirectParams(t, b.get(authorizePath(p)))
	if q.Get("code") == "" {
		t.Fatalf("no code: %v", q)
	}
	return q.Get("code")
}

func spaCodeForm(clientID, code, redirect string) url.Values {
	return url.Values{"grant_type": {"authorization_code"}, "client_id": {clientID}, "code": {code},
		"redirect_uri": {redirect}, "code_verifier": {testVerifier}, "scope": {"openid offline_access User.Read"}}
}

// Redemption of codes for SPA and other redirect URIs, with and without
// an Origin header.
func TestSPACodeRedemption(t *testing.T) {
	ts := newTestServer(t, clouds.Public, withSPA)
	b := ts.browser(t)
	cases := []struct {
		name, clientID, redirect, origin string
		pkce                             bool
		status                           int
		err                              string
		code                             int
	}{
		{"SPA without Origin", spaClientID, spaRedirect, "", true, 400, "invalid_request", 9002327},
		{"SPA without PKCE", spaClientID, spaRedirect, spaOrigin, false, 400, "invalid_request", 9002325},
		{"native app cross-origin", idp.DefaultCLIClientID, "http://localhost:5555", spaOrigin, true, 400, "invalid_request", 9002326},
		{"SPA cross-origin with PKCE", spaClientID, spaRedirect, spaOrigin, true, 200, "", 0},
		{"native app server-side", idp.DefaultCLIClientID, "http://localhost:5555", "", true, 200, "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code := spaCode(t, b, tc.clientID, tc.redirect, tc.pkce)
			resp, body := originToken(t, ts, tc.origin, spaCodeForm(tc.clientID, code, tc.redirect))
			if tc.status != 200 {
				wantAADError(t, resp.StatusCode, body, tc.status, tc.err, tc.code)
				if tc.code == 9002326 && !strings.Contains(body["error_description"].(string), "Request origin: '"+spaOrigin+"'") {
					t.Errorf("description lacks the origin: %v", body["error_description"])
				}
			} else if resp.StatusCode != 200 || body["access_token"] == nil {
				t.Fatalf("redeem: %d %v", resp.StatusCode, body)
			}
			if acao := resp.Header.Get("Access-Control-Allow-Origin"); (tc.origin != "") != (acao == "*") {
				t.Errorf("Access-Control-Allow-Origin = %q for origin %q", acao, tc.origin)
			}
		})
	}
	t.Run("failed cross-origin check does not spend the code", func(t *testing.T) {
		code := spaCode(t, b, spaClientID, spaRedirect, true)
		originToken(t, ts, "", spaCodeForm(spaClientID, code, spaRedirect))
		if resp, body := originToken(t, ts, spaOrigin, spaCodeForm(spaClientID, code, spaRedirect)); resp.StatusCode != 200 {
			t.Fatalf("retry from the browser: %d %v", resp.StatusCode, body)
		}
	})
}

// A SPA's refresh tokens: cross-origin only, and a fixed 24 hours from the
// first one however often they are redeemed (700084).
func TestSPARefreshToken(t *testing.T) {
	ts := newTestServer(t, clouds.Public, withSPA)
	b := ts.browser(t)
	refresh := func(origin, clientID, rt string) (*http.Response, map[string]any) {
		return originToken(t, ts, origin, url.Values{"grant_type": {"refresh_token"}, "client_id": {clientID},
			"refresh_token": {rt}, "scope": {"openid offline_access User.Read"}})
	}
	_, first := originToken(t, ts, spaOrigin, spaCodeForm(spaClientID, spaCode(t, b, spaClientID, spaRedirect, true), spaRedirect))
	rt := first["refresh_token"].(string)
	_, native := originToken(t, ts, "", spaCodeForm(idp.DefaultCLIClientID,
		spaCode(t, b, idp.DefaultCLIClientID, "http://localhost:5555", true), "http://localhost:5555"))
	nativeRT := native["refresh_token"].(string)

	resp, body := refresh("", spaClientID, rt)
	wantAADError(t, resp.StatusCode, body, 400, "invalid_request", 9002327)
	resp, body = refresh(spaOrigin, idp.DefaultCLIClientID, nativeRT)
	wantAADError(t, resp.StatusCode, body, 400, "invalid_request", 9002326)

	ts.clock.Advance(23 * time.Hour)
	resp, body = refresh(spaOrigin, spaClientID, rt)
	if resp.StatusCode != 200 {
		t.Fatalf("refresh at 23h: %d %v", resp.StatusCode, body)
	}
	rotated := body["refresh_token"].(string)
	ts.clock.Advance(time.Hour + time.Second)
	for name, tok := range map[string]string{"first": rt, "rotated": rotated} {
		resp, body = refresh(spaOrigin, spaClientID, tok)
		wantAADError(t, resp.StatusCode, body, 400, "invalid_grant", 700084)
		if body["suberror"] != "bad_token" {
			t.Errorf("%s: suberror = %v", name, body["suberror"])
		}
		// Entra's wording, as public MSAL issues quote it.
		if d, _ := body["error_description"].(string); !strings.Contains(d, "has a fixed, limited lifetime of 1.00:00:00, which cannot be extended.") {
			t.Errorf("%s: description %q", name, d)
		}
	}
	if resp, body := refresh("", idp.DefaultCLIClientID, nativeRT); resp.StatusCode != 200 {
		t.Fatalf("a native app's refresh token is not limited to 24h: %d %v", resp.StatusCode, body)
	}
}
