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
	"github.com/mockidp/mockidp/internal/fixtures"
	"github.com/mockidp/mockidp/scenarios"
)

func daemonForm() url.Values {
	return url.Values{"grant_type": {"client_credentials"}, "client_id": {idp.DefaultDaemonClientID},
		"client_secret": {idp.DefaultDaemonSecret}, "scope": {"https://graph.microsoft.com/.default"}}
}

func TestScenarioActions(t *testing.T) {
	tests := []struct {
		name       string
		action     scenarios.Action
		wantStatus int
		check      func(t *testing.T, resp *http.Response, body []byte)
	}{
		{"error by code", scenarios.Action{Error: &scenarios.ErrorAction{AADSTS: 50173}}, 400,
			func(t *testing.T, _ *http.Response, body []byte) {
				wantJSON(t, body, "error", "invalid_grant")
				wantJSON(t, body, "suberror", "bad_token")
			}},
		{"error custom", scenarios.Action{Error: &scenarios.ErrorAction{AADSTS: 123456, Code: "interaction_required",
			Status: 400, Suberror: "basic_action", Claims: `{"access_token":{"acrs":{"essential":true,"value":"c1"}}}`, Message: "Step up."}}, 400,
			func(t *testing.T, _ *http.Response, body []byte) {
				wantJSON(t, body, "claims", `{"access_token":{"acrs":{"essential":true,"value":"c1"}}}`)
				if !strings.Contains(string(body), "AADSTS123456: Step up.") {
					t.Errorf("body %s", body)
				}
			}},
		{"throttled", scenarios.Action{Status: 429, RetryAfter: 7}, 429,
			func(t *testing.T, resp *http.Response, body []byte) {
				if resp.Header.Get("Retry-After") != "7" {
					t.Errorf("Retry-After %q", resp.Header.Get("Retry-After"))
				}
				wantJSON(t, body, "error", "temporarily_unavailable")
			}},
		{"unavailable", scenarios.Action{Status: 503}, 503,
			func(t *testing.T, _ *http.Response, body []byte) {
				wantJSON(t, body, "error", "temporarily_unavailable")
			}},
		{"server error", scenarios.Action{Status: 500}, 500,
			func(t *testing.T, _ *http.Response, body []byte) { wantJSON(t, body, "error", "server_error") }},
		{"malformed", scenarios.Action{Body: scenarios.BodyMalformed}, 200,
			func(t *testing.T, _ *http.Response, body []byte) {
				if json.Valid(body) {
					t.Errorf("body is JSON: %s", body)
				}
			}},
		{"truncated", scenarios.Action{Body: scenarios.BodyTruncated}, 200,
			func(t *testing.T, _ *http.Response, body []byte) {
				if json.Valid(body) || !strings.HasPrefix(string(body), `{"token_type":"Bearer"`) {
					t.Errorf("body %s", body)
				}
			}},
		{"expired token", scenarios.Action{Token: scenarios.TokenExpired}, 200,
			func(t *testing.T, _ *http.Response, body []byte) {
				c := tokenClaims(t, accessToken(t, body))
				if exp := int64(c["exp"].(float64)); exp >= fixedNow.Unix() {
					t.Errorf("exp %d not before now", exp)
				}
			}},
		{"wrong audience", scenarios.Action{Token: scenarios.TokenWrongAudience}, 200,
			func(t *testing.T, _ *http.Response, body []byte) {
				if aud := tokenClaims(t, accessToken(t, body))["aud"]; aud == "https://graph.microsoft.com" {
					t.Errorf("aud unchanged")
				}
			}},
		{"unknown kid", scenarios.Action{Token: scenarios.TokenUnknownKid}, 200,
			func(t *testing.T, _ *http.Response, body []byte) {
				h := tokenHeader(t, accessToken(t, body))
				for _, k := range mustKeys(t).Published("public") {
					if k.ID == h["kid"] {
						t.Errorf("kid %v is published", h["kid"])
					}
				}
			}},
		{"missing scope", scenarios.Action{Token: scenarios.TokenMissingScope}, 200,
			func(t *testing.T, _ *http.Response, body []byte) {
				if r := tokenClaims(t, accessToken(t, body))["roles"]; r != nil {
					t.Errorf("roles %v", r)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, clouds.Public, nil)
			if _, err := ts.srv.Scenarios().Add(scenarios.Scenario{Match: scenarios.Match{Endpoint: "token",
				ClientID: idp.DefaultDaemonClientID, Tenant: idp.DefaultTenantID}, Action: tc.action, Times: 1}); err != nil {
				t.Fatal(err)
			}
			resp, body := ts.send(t, tokenCall{form: daemonForm(), corr: corrNone})
			if resp.StatusCode != tc.wantStatus {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.wantStatus, body)
			}
			tc.check(t, resp, body)
			// Times: 1 — the next request is normal.
			if resp, body := ts.send(t, tokenCall{form: daemonForm(), corr: corrNone}); resp.StatusCode != 200 {
				t.Fatalf("second request %d: %s", resp.StatusCode, body)
			}
		})
	}
}

func TestScenarioMatchesFormAndDelay(t *testing.T) {
	ts := newTestServer(t, clouds.Public, nil)
	e := ts.srv.Scenarios()
	// A scenario for another client does not fire.
	_, _ = e.Add(scenarios.Scenario{Match: scenarios.Match{ClientID: idp.DefaultCLIClientID}, Action: scenarios.Action{Status: 500}})
	_, _ = e.Add(scenarios.Scenario{Match: scenarios.Match{Scope: "graph.microsoft.com", GrantType: "client_credentials"},
		Action: scenarios.Action{Delay: scenarios.Duration(50 * time.Millisecond)}})
	start := time.Now()
	resp, body := ts.send(t, tokenCall{form: daemonForm(), corr: corrNone})
	if resp.StatusCode != 200 || time.Since(start) < 50*time.Millisecond {
		t.Fatalf("status %d after %s: %s", resp.StatusCode, time.Since(start), body)
	}
}

func TestScenarioDrop(t *testing.T) {
	ts := newTestServer(t, clouds.Public, nil)
	_, _ = ts.srv.Scenarios().Add(scenarios.Scenario{Action: scenarios.Action{Drop: true}, Times: 1})
	req, _ := http.NewRequest(http.MethodPost, ts.URL+v2TokenPath, strings.NewReader(daemonForm().Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if resp, err := ts.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("dropped request answered %d", resp.StatusCode)
	}
}

func wantJSON(t *testing.T, body []byte, key, want string) {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	if m[key] != want {
		t.Errorf("%s = %v, want %q (%s)", key, m[key], want, body)
	}
}

func accessToken(t *testing.T, body []byte) string {
	t.Helper()
	var m struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(body, &m); err != nil || m.AccessToken == "" {
		t.Fatalf("no access_token: %s", body)
	}
	return m.AccessToken
}

func tokenHeader(t *testing.T, tok string) map[string]any {
	t.Helper()
	var h map[string]any
	if err := idp.DecodeUnverifiedJWT(tok, &h, nil); err != nil {
		t.Fatalf("token %q: %v", tok, err)
	}
	return h
}

func mustKeys(t *testing.T) *idp.Keyring {
	t.Helper()
	k, err := idp.KeyringFromPEM(fixtures.SigningPEMs())
	if err != nil {
		t.Fatal(err)
	}
	return k
}
