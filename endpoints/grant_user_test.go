package endpoints

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/mockidp/mockidp/idp"
)

func codeForm(code string, extra url.Values) url.Values {
	f := url.Values{"grant_type": {"authorization_code"}, "client_id": {idp.DefaultCLIClientID}, "code": {code},
		"redirect_uri": {"http://localhost:5555"}, "scope": {"User.Read openid offline_access"}, "code_verifier": {""}}
	for k, v := range extra {
		f[k] = v
	}
	return f
}

// Every authorization_code failure, with Entra's status, error and code.
func TestAuthorizationCodeErrors(t *testing.T) {
	pkce := map[string]string{"code_challenge": testChallenge, "code_challenge_method": "S256"}
	cases := []struct {
		name    string
		params  map[string]string
		form    url.Values
		advance time.Duration
		replay  bool
		status  int
		err     string
		code    int
	}{
		{name: "missing code", form: url.Values{"code": {""}}, status: 400, err: "invalid_request", code: 900144},
		{name: "unknown code", form: url.Values{"code": {"1.Anope"}}, status: 400, err: "invalid_grant", code: 9002313},
		{name: "replayed", replay: true, status: 400, err: "invalid_grant", code: 54005},
		{name: "expired", advance: 11 * time.Minute, status: 400, err: "invalid_grant", code: 70008},
		{name: "PKCE mismatch", params: pkce, form: url.Values{"code_verifier": {"wrong-wrong-wrong-wrong-wrong-wrong-wrong-wrong"}}, status: 400, err: "invalid_grant", code: 501481},
		{name: "PKCE verifier missing", params: pkce, status: 400, err: "invalid_grant", code: 501481},
		{name: "redirect_uri missing", form: url.Values{"redirect_uri": {""}}, status: 400, err: "invalid_request", code: 700009},
		{name: "redirect_uri mismatch", form: url.Values{"redirect_uri": {"http://localhost:5556"}}, status: 400, err: "invalid_client", code: 500112},
		{name: "empty scope", form: url.Values{"scope": {" "}}, status: 400, err: "invalid_request", code: 28003},
		{name: "public client with secret", form: url.Values{"client_secret": {"s"}}, status: 401, err: "invalid_client", code: 700025},
		{name: "confidential without secret", form: url.Values{"client_id": {idp.DefaultAPIClientID}}, status: 401, err: "invalid_client", code: 7000218},
		{name: "other client", form: url.Values{"client_id": {idp.DefaultAPIClientID}, "client_secret": {idp.DefaultAPISecret}}, status: 400, err: "invalid_grant", code: 70000},
		{name: "consent missing", form: url.Values{"scope": {"Mail.Read"}}, status: 400, err: "invalid_grant", code: 65001},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ts, b := newUserFlowServer(t)
			code := b.cliCode(tc.params)
			if tc.replay {
				if st, body := ts.token(t, codeForm(code, nil)); st != http.StatusOK {
					t.Fatalf("first redemption: %d %v", st, body)
				}
			}
			ts.clock.Advance(tc.advance)
			st, body := ts.token(t, codeForm(code, tc.form))
			wantAADError(t, st, body, tc.status, tc.err, tc.code)
		})
	}
}

func TestAuthorizationCodePKCE(t *testing.T) {
	ts, b := newUserFlowServer(t)
	code := b.cliCode(map[string]string{"code_challenge": testChallenge, "code_challenge_method": "S256", "nonce": "abc"})
	st, body := ts.token(t, codeForm(code, url.Values{"code_verifier": {testVerifier}, "client_info": {"1"}}))
	if st != http.StatusOK || body["refresh_token"] == nil || body["client_info"] == nil {
		t.Fatalf("redeem: %d %v", st, body)
	}
	if body["expires_in"] == nil || body["ext_expires_in"] == nil {
		t.Errorf("missing lifetimes: %v", body)
	}
}

func refreshForm(rt, scope string) url.Values {
	return url.Values{"grant_type": {"refresh_token"}, "client_id": {idp.DefaultCLIClientID}, "refresh_token": {rt},
		"scope": {scope}, "client_info": {"1"}}
}

func TestRefreshTokenGrant(t *testing.T) {
	ts, b := newUserFlowServer(t)
	_, body := ts.token(t, codeForm(b.cliCode(nil), nil))
	rt := body["refresh_token"].(string)
	st, body := ts.token(t, refreshForm(rt, "api://mockidp-tasks/access_as_user offline_access"))
	if st != http.StatusOK || body["refresh_token"] == nil || body["refresh_token"] == rt ||
		body["scope"] != "api://mockidp-tasks/access_as_user" {
		t.Fatalf("refresh for another resource: %d %v", st, body)
	}
	if st, body := ts.token(t, refreshForm(rt, "User.Read")); st != http.StatusOK || body["refresh_token"] != nil {
		t.Fatalf("old refresh token after rotation, no offline_access: %d %v", st, body)
	}
	cases := []struct {
		name   string
		form   url.Values
		setup  func()
		status int
		err    string
		code   int
	}{
		{name: "consent missing", form: refreshForm(rt, "Mail.Read"), status: 400, err: "invalid_grant", code: 65001},
		{name: "other client", form: url.Values{"grant_type": {"refresh_token"}, "client_id": {idp.DefaultAPIClientID},
			"client_secret": {idp.DefaultAPISecret}, "refresh_token": {rt}, "scope": {"User.Read"}}, status: 400, err: "invalid_grant", code: 700007},
		{name: "unknown", form: refreshForm("1.Anope", "User.Read"), status: 400, err: "invalid_grant", code: 9002313},
		{name: "missing", form: refreshForm("", "User.Read"), status: 400, err: "invalid_request", code: 900144},
		{name: "revoked", form: refreshForm(rt, "User.Read"), setup: func() {
			ts.clock.Advance(time.Minute)
			if _, err := ts.srv.Provider().State.RevokeSessions(idp.DefaultTenantID, idp.DefaultUserID); err != nil {
				t.Fatal(err)
			}
		}, status: 400, err: "invalid_grant", code: 50173},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.setup != nil {
				tc.setup()
			}
			st, body := ts.token(t, tc.form)
			wantAADError(t, st, body, tc.status, tc.err, tc.code)
			if tc.code == 50173 && body["suberror"] != "bad_token" {
				t.Errorf("suberror = %v", body["suberror"])
			}
		})
	}
}

func TestRefreshTokenInactivity(t *testing.T) {
	ts, b := newUserFlowServer(t)
	_, body := ts.token(t, codeForm(b.cliCode(nil), nil))
	ts.clock.Advance(90*24*time.Hour + time.Second)
	st, body := ts.token(t, refreshForm(body["refresh_token"].(string), "User.Read"))
	wantAADError(t, st, body, 400, "invalid_grant", 700082)
}

// userTokenForAPI signs alex in to the Tasks API with the CLI client.
func userTokenForAPI(t *testing.T, ts *testServer) string {
	st, body := ts.token(t, url.Values{"grant_type": {"password"}, "client_id": {idp.DefaultCLIClientID},
		"username": {alexUPN}, "password": {idp.DefaultUserPassword}, "scope": {"api://mockidp-tasks/access_as_user"}})
	if st != http.StatusOK {
		t.Fatalf("password grant: %d %v", st, body)
	}
	return body["access_token"].(string)
}

func oboForm(assertion, scope string) url.Values {
	return url.Values{"grant_type": {idp.GrantJWTBearer}, "client_id": {idp.DefaultAPIClientID},
		"client_secret": {idp.DefaultAPISecret}, "assertion": {assertion}, "requested_token_use": {"on_behalf_of"},
		"scope": {scope}}
}

func TestOnBehalfOf(t *testing.T) {
	ts, _ := newUserFlowServer(t)
	incoming := userTokenForAPI(t, ts)
	st, body := ts.token(t, oboForm(incoming, "https://graph.microsoft.com/User.Read offline_access"))
	if st != http.StatusOK || body["scope"] != "https://graph.microsoft.com/User.Read" || body["refresh_token"] == nil {
		t.Fatalf("OBO: %d %v", st, body)
	}
	graphToken := body["access_token"].(string)
	tampered := incoming[:len(incoming)-4] + "AAAA"
	noSecret := oboForm(incoming, "User.Read")
	noSecret.Del("client_secret")
	cases := []struct {
		name    string
		form    url.Values
		advance time.Duration
		status  int
		err     string
		code    int
	}{
		{name: "audience is another API", form: oboForm(graphToken, "User.Read"), status: 400, err: "invalid_grant", code: 500131},
		{name: "bad signature", form: oboForm(tampered, "User.Read"), status: 400, err: "invalid_grant", code: 50013},
		{name: "not a JWT", form: oboForm("nope", "User.Read"), status: 400, err: "invalid_request", code: 50027},
		{name: "consent missing downstream", form: oboForm(incoming, "Mail.Read"), status: 400, err: "invalid_grant", code: 65001},
		{name: "no client secret", form: noSecret, status: 401, err: "invalid_client", code: 7000218},
		{name: "requested_token_use missing", form: url.Values{"grant_type": {idp.GrantJWTBearer}, "client_id": {idp.DefaultAPIClientID},
			"client_secret": {idp.DefaultAPISecret}, "assertion": {incoming}}, status: 400, err: "invalid_request", code: 900144},
		{name: "expired", form: oboForm(incoming, "User.Read"), advance: 3 * time.Hour, status: 400, err: "invalid_grant", code: 500133},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ts.clock.Advance(tc.advance)
			st, body := ts.token(t, tc.form)
			wantAADError(t, st, body, tc.status, tc.err, tc.code)
		})
	}
}
