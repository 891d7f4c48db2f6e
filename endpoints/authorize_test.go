package endpoints

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/idp"
)

// Errors about the client or its redirect URI are shown on a page and
// never redirected.
func TestAuthorizeErrorPages(t *testing.T) {
	_, b := newUserFlowServer(t)
	cases := []struct {
		name   string
		params map[string]string
		code   string
	}{
		{"no redirect_uri", map[string]string{"redirect_uri": ""}, "AADSTS900971"},
		{"unregistered redirect_uri", map[string]string{"redirect_uri": "https://evil.example/cb"}, "AADSTS50011"},
		{"loopback over https", map[string]string{"redirect_uri": "https://localhost:5555"}, "AADSTS50011"},
		{"no redirect registered", map[string]string{"client_id": idp.DefaultDaemonClientID}, "AADSTS500113"},
		{"invalid redirect_uri", map[string]string{"redirect_uri": "::nope"}, "AADSTS90102"},
		{"unknown client", map[string]string{"client_id": "00000000-0000-4000-8000-00000000dead"}, "AADSTS700016"},
		{"confidential loopback port", map[string]string{"client_id": webClientID, "redirect_uri": "https://app.example/other"}, "AADSTS50011"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := b.get(cliAuthorize(tc.params))
			if p.status != http.StatusBadRequest || p.location != "" || !strings.Contains(p.body, tc.code+":") {
				t.Fatalf("got %d location %q, want 400 page with %s: %.400s", p.status, p.location, tc.code, p.body)
			}
			if !strings.Contains(p.body, "trouble signing you in") {
				t.Errorf("not the error page")
			}
		})
	}
	p := b.get("/nope.example/oauth2/v2.0/authorize?client_id=x")
	if p.status != http.StatusBadRequest || !strings.Contains(p.body, "AADSTS90002") {
		t.Errorf("unknown tenant: %d %.200s", p.status, p.body)
	}
}

// Errors after the redirect URI is trusted go back to the app with
// error, error_description, error_uri and state.
func TestAuthorizeErrorRedirects(t *testing.T) {
	ts, b := newUserFlowServer(t)
	signedIn := ts.browser(t)
	signedIn.cliCode(nil)
	twoAccounts := ts.browser(t)
	twoAccounts.cliCode(nil)
	twoAccounts.cliCode(map[string]string{"login_hint": botUPN, "prompt": "login"})
	cases := []struct {
		name    string
		b       *userAgent
		params  map[string]string
		err     string
		code    string
		subcode string
	}{
		{"prompt=none without session", b, map[string]string{"prompt": "none"}, "login_required", "AADSTS50058", ""},
		{"prompt=none with two accounts", twoAccounts, map[string]string{"prompt": "none"}, "interaction_required", "AADSTS16000", ""},
		{"prompt=none hint not signed in", signedIn, map[string]string{"prompt": "none", "login_hint": botUPN}, "login_required", "AADSTS50058", ""},
		{"prompt=none consent missing", signedIn, map[string]string{"prompt": "none", "scope": "openid Mail.Read"}, "consent_required", "AADSTS65001", ""},
		{"token not enabled", b, map[string]string{"response_type": "token"}, "unsupported_response_type", "AADSTS70005", ""},
		{"id_token not enabled", b, map[string]string{"response_type": "code id_token", "nonce": "n"}, "invalid_request", "AADSTS700054", ""},
		{"unknown response_type", b, map[string]string{"response_type": "magic"}, "unsupported_response_type", "AADSTS70005", ""},
		{"no scope", b, map[string]string{"scope": ""}, "invalid_request", "AADSTS900144", ""},
		{"resource on v2", b, map[string]string{"resource": "https://graph.microsoft.com"}, "invalid_request", "AADSTS901002", ""},
		{"unknown scope", b, map[string]string{"scope": "openid Nope.Nope"}, "invalid_scope", "AADSTS70011", ""},
		{"bad challenge size", b, map[string]string{"code_challenge": "short", "code_challenge_method": "S256"}, "invalid_request", "AADSTS501491", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q := redirectParams(t, tc.b.get(cliAuthorize(tc.params)))
			if q.Get("error") != tc.err || !strings.HasPrefix(q.Get("error_description"), tc.code+": ") ||
				q.Get("state") != "st8" || !strings.Contains(q.Get("error_uri"), "/error?code=") {
				t.Fatalf("redirect = %v, want %s %s", q, tc.err, tc.code)
			}
		})
	}
}

// The web app asks for consent; declining is access_denied (65004) with
// error_subcode=cancel, accepting issues a code and records the grant.
func TestAuthorizeConsent(t *testing.T) {
	ts, b := newUserFlowServer(t)
	path := authorizePath(map[string]string{"client_id": webClientID, "response_type": "code",
		"redirect_uri": webRedirect, "scope": "openid profile User.Read", "state": "s1", "response_mode": "form_post"})
	p := b.signIn(b.get(path))
	if !strings.Contains(p.body, `id="consent"`) || !strings.Contains(p.body, `data-scope="User.Read"`) {
		t.Fatalf("want the consent page: %.500s", p.body)
	}
	declined := b.submit(p, url.Values{"accept": {"no"}})
	f := hiddenFields(declined.body)
	if !strings.Contains(declined.body, `action="`+webRedirect+`"`) || f.Get("error") != "access_denied" ||
		!strings.HasPrefix(f.Get("error_description"), "AADSTS65004: ") || f.Get("error_subcode") != "cancel" || f.Get("state") != "s1" {
		t.Fatalf("decline form_post = %v", f)
	}
	p = b.get(path) // SSO: straight to consent again
	accepted := b.submit(p, url.Values{"accept": {"yes"}})
	f = hiddenFields(accepted.body)
	if f.Get("code") == "" || f.Get("state") != "s1" || !strings.Contains(accepted.body, "document.forms[0].submit()") {
		t.Fatalf("accept form_post = %v", f)
	}
	again := hiddenFields(b.get(path).body) // consented: no page
	if again.Get("code") == "" {
		t.Fatalf("consent not remembered")
	}
	forced := b.get(strings.Replace(path, "state=s1", "state=s1&prompt=consent", 1))
	if !strings.Contains(forced.body, `id="consent"`) {
		t.Fatalf("prompt=consent did not ask again")
	}
	status, body := ts.token(t, url.Values{"grant_type": {"authorization_code"}, "client_id": {webClientID},
		"client_secret": {webSecret}, "code": {f.Get("code")}, "redirect_uri": {webRedirect}, "scope": {"User.Read openid"}})
	if status != http.StatusOK || body["id_token"] == nil || body["scope"] != "User.Read openid" {
		t.Fatalf("redeem: %d %v", status, body)
	}
}

// A wrong password keeps the user on the sign-in page with Entra's
// wording; SSO skips the page next time unless prompt=login.
func TestAuthorizeSignInAndSSO(t *testing.T) {
	_, b := newUserFlowServer(t)
	p := b.get(cliAuthorize(map[string]string{"login_hint": alexUPN}))
	if !strings.Contains(p.body, `value="`+alexUPN+`"`) {
		t.Errorf("login_hint not pre-filled")
	}
	wrong := b.submit(p, url.Values{"login": {alexUPN}, "passwd": {"nope"}})
	if wrong.status != http.StatusOK || !strings.Contains(wrong.body, "Your account or password is incorrect") {
		t.Fatalf("wrong password: %d %.300s", wrong.status, wrong.body)
	}
	unknown := b.submit(p, url.Values{"login": {"nobody@contoso.onmicrosoft.com"}, "passwd": {"x"}})
	if !strings.Contains(unknown.body, "This username may be incorrect") {
		t.Fatalf("unknown user: %.300s", unknown.body)
	}
	q := redirectParams(t, b.signIn(p))
	if q.Get("code") == "" || q.Get("session_state") == "" || q.Get("state") != "st8" {
		t.Fatalf("sign-in answer = %v", q)
	}
	if q := redirectParams(t, b.get(cliAuthorize(nil))); q.Get("code") == "" {
		t.Fatalf("no SSO: %v", q)
	}
	if p := b.get(cliAuthorize(map[string]string{"prompt": "login"})); !strings.Contains(p.body, `id="signin"`) {
		t.Fatalf("prompt=login skipped the sign-in page")
	}
	picker := b.get(cliAuthorize(map[string]string{"prompt": "select_account"}))
	if !strings.Contains(picker.body, `data-upn="`+alexUPN+`"`) {
		t.Fatalf("no account picker: %.300s", picker.body)
	}
	if q := redirectParams(t, b.submit(picker, url.Values{"account": {idp.DefaultUserID}})); q.Get("code") == "" {
		t.Fatalf("picking the account: %v", q)
	}
	logout := b.get("/" + idp.DefaultTenantID + "/oauth2/v2.0/logout?post_logout_redirect_uri=" +
		url.QueryEscape("http://localhost:5555/") + "&state=bye")
	if logout.status != http.StatusFound || logout.location != "http://localhost:5555/?state=bye" {
		t.Fatalf("logout = %d %q", logout.status, logout.location)
	}
	if p := b.get(cliAuthorize(nil)); !strings.Contains(p.body, `id="signin"`) {
		t.Fatalf("session survived logout")
	}
}

// Headless mode: a login_hint naming an auto-approve user completes the
// flow, consent included, without any page.
func TestAuthorizeAutoApprove(t *testing.T) {
	_, b := newUserFlowServer(t)
	path := authorizePath(map[string]string{"client_id": webClientID, "response_type": "code id_token",
		"redirect_uri": webRedirect, "scope": "openid User.Read", "nonce": "n0", "login_hint": botUPN,
		"prompt": "select_account"})
	q := redirectParams(t, b.get(path))
	if q.Get("code") == "" || q.Get("id_token") == "" {
		t.Fatalf("auto-approve answer = %v", q)
	}
}
