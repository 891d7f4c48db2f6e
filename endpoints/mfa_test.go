package endpoints

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

var mfaCodeOnPage = regexp.MustCompile(`id="mfa-test-code" data-code="([0-9]{6})"`)

// newMFAServer is the user-flow server with alex needing MFA.
func newMFAServer(t *testing.T) (*testServer, *userAgent) {
	ts := newTestServer(t, clouds.Public, func(s *idp.Seed) {
		withUserFlowFixtures(s)
		for i := range s.Tenants[0].Users {
			u := &s.Tenants[0].Users[i]
			u.RequireMFA = u.RequireMFA || u.UserPrincipalName == alexUPN || u.UserPrincipalName == botUPN
		}
	})
	return ts, ts.browser(t)
}

// mfaPage checks p is the second-factor page and returns its code.
func mfaPage(t *testing.T, p page) string {
	t.Helper()
	m := mfaCodeOnPage.FindStringSubmatch(p.body)
	if p.status != http.StatusOK || m == nil || !strings.Contains(p.body, `id="mfa"`) ||
		!strings.Contains(p.body, signInStylesheet) || !strings.Contains(p.body, `name="otc"`) {
		t.Fatalf("not the second-factor page (status %d): %.400s", p.status, p.body)
	}
	return m[1]
}

// redeem trades a code of the default public client for tokens.
func (ts *testServer) redeem(t *testing.T, code string, extra url.Values) map[string]any {
	t.Helper()
	st, body := ts.token(t, codeForm(code, extra))
	if st != http.StatusOK {
		t.Fatalf("redeem: %d %v", st, body)
	}
	return body
}

func amrOf(t *testing.T, token string) []string {
	t.Helper()
	var out []string
	list, _ := tokenClaims(t, token)["amr"].([]any)
	for _, v := range list {
		s, _ := v.(string)
		out = append(out, s)
	}
	return out
}

// A user who must do MFA signs in with the password, then gets the code
// page: a wrong code keeps them there with the problem and the same code,
// the right one issues a code whose tokens carry amr pwd+mfa. The browser
// session keeps the second factor, so the next request signs in silently.
func TestAuthorizeMFAPage(t *testing.T) {
	ts, b := newMFAServer(t)
	first := b.signIn(b.get(cliAuthorize(nil)))
	code := mfaPage(t, first)
	wrong := b.submit(first, url.Values{"otc": {"000000x"}})
	if mfaPage(t, wrong) != code || !strings.Contains(wrong.body, `class="error"`) ||
		!strings.Contains(wrong.body, "AADSTS500121") {
		t.Fatalf("wrong code: %.600s", wrong.body)
	}
	q := redirectParams(t, b.submit(wrong, url.Values{"otc": {code}}))
	if q.Get("code") == "" || q.Get("state") != "st8" {
		t.Fatalf("after the second factor: %v", q)
	}
	tok := ts.redeem(t, q.Get("code"), nil)
	if amr := amrOf(t, tok["access_token"].(string)); !slices.Equal(amr, []string{"pwd", "mfa"}) {
		t.Errorf("amr = %v, want [pwd mfa]", amr)
	}
	refreshed := ts.refresh(t, tok["refresh_token"].(string))
	if amr := amrOf(t, refreshed); !slices.Contains(amr, "mfa") {
		t.Errorf("refreshed amr = %v", amr)
	}
	if q := redirectParams(t, b.get(cliAuthorize(map[string]string{"prompt": "none"}))); q.Get("code") == "" {
		t.Fatalf("SSO after MFA: %v", q)
	}
}

// The second factor is asked only when needed, and where no page can be
// shown the request fails as Entra's does: a claims step-up (acrs) for a
// user without require_mfa, whose tokens then carry acrs; prompt=none
// (50076); an auto-approve user passes it headlessly; too many wrong
// codes end on the error page (500121); a forged post without the
// browser's session is sent back to sign in.
func TestAuthorizeMFAWhenAndHow(t *testing.T) {
	acrs := `{"access_token":{"acrs":{"essential":true,"value":"c1"}}}`
	t.Run("acrs step-up", func(t *testing.T) {
		ts, b := newUserFlowServer(t)
		plain := redirectParams(t, b.signIn(b.get(cliAuthorize(nil))))
		if amr := amrOf(t, ts.redeem(t, plain.Get("code"), nil)["access_token"].(string)); slices.Contains(amr, "mfa") {
			t.Fatalf("MFA without being asked: %v", amr)
		}
		p := b.get(cliAuthorize(map[string]string{"claims": acrs}))
		q := redirectParams(t, b.submit(p, url.Values{"otc": {mfaPage(t, p)}}))
		c := tokenClaims(t, ts.redeem(t, q.Get("code"), nil)["access_token"].(string))
		if got, _ := c["acrs"].([]any); len(got) != 1 || got[0] != "c1" {
			t.Errorf("acrs = %v, want [c1]", c["acrs"])
		}
	})
	t.Run("prompt=none", func(t *testing.T) {
		_, b := newMFAServer(t)
		mfaPage(t, b.signIn(b.get(cliAuthorize(nil)))) // signed in, second factor not done
		q := redirectParams(t, b.get(cliAuthorize(map[string]string{"prompt": "none"})))
		if q.Get("error") != "interaction_required" || !strings.HasPrefix(q.Get("error_description"), "AADSTS50076: ") {
			t.Fatalf("prompt=none: %v", q)
		}
	})
	t.Run("auto-approve", func(t *testing.T) {
		ts, b := newMFAServer(t)
		q := redirectParams(t, b.get(cliAuthorize(map[string]string{"login_hint": botUPN})))
		if amr := amrOf(t, ts.redeem(t, q.Get("code"), nil)["access_token"].(string)); !slices.Contains(amr, "mfa") {
			t.Errorf("amr = %v", amr)
		}
	})
	t.Run("too many wrong codes", func(t *testing.T) {
		_, b := newMFAServer(t)
		p := b.signIn(b.get(cliAuthorize(nil)))
		for range 4 {
			mfaPage(t, p)
			p = b.submit(p, url.Values{"otc": {"x"}})
		}
		p = b.submit(p, url.Values{"otc": {"x"}})
		if p.status != http.StatusBadRequest || !strings.Contains(p.body, "500121") {
			t.Fatalf("fifth wrong code: %d %.400s", p.status, p.body)
		}
	})
	t.Run("forged post", func(t *testing.T) {
		ts, b := newMFAServer(t)
		p := b.signIn(b.get(cliAuthorize(nil)))
		code := mfaPage(t, p)
		other := ts.browser(t) // no session cookie
		if got := other.submit(p, url.Values{"otc": {code}}); !strings.Contains(got.body, `id="signin"`) {
			t.Fatalf("post without the session: %d %.300s", got.status, got.body)
		}
	})
}

// A token request whose claims ask for MFA the grant never did is 50076
// with the challenge, which sends the app back to /authorize.
func TestTokenStepUpClaimsNeedMFA(t *testing.T) {
	ts, b := newUserFlowServer(t)
	tok := ts.redeem(t, b.cliCode(nil), nil)
	st, body := ts.token(t, url.Values{"grant_type": {"refresh_token"}, "client_id": {idp.DefaultCLIClientID},
		"refresh_token": {tok["refresh_token"].(string)}, "scope": {"User.Read"},
		"claims": {`{"access_token":{"acrs":{"essential":true,"value":"c1"}}}`}})
	wantAADError(t, st, body, http.StatusBadRequest, "interaction_required", 50076)
	if body["claims"] == nil || body["suberror"] != "basic_action" {
		t.Errorf("no challenge: %v", body)
	}
}

func (ts *testServer) refresh(t *testing.T, rt string) string {
	t.Helper()
	st, body := ts.token(t, url.Values{"grant_type": {"refresh_token"}, "client_id": {idp.DefaultCLIClientID},
		"refresh_token": {rt}, "scope": {"User.Read"}})
	if st != http.StatusOK {
		t.Fatalf("refresh: %d %v", st, body)
	}
	return body["access_token"].(string)
}
