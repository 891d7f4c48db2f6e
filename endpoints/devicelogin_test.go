package endpoints

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// page posts a device-login form and returns the HTML.
func (ts *testServer) page(t *testing.T, path string, form url.Values) string {
	t.Helper()
	resp, err := ts.Client().PostForm(ts.URL+path, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
		resp.Header.Get("X-Frame-Options") != "DENY" {
		t.Fatalf("%s: %d %v", path, resp.StatusCode, resp.Header)
	}
	return string(b)
}

// signInStylesheet is how a page shows it uses the one shared layout.
var signInStylesheet = `<link rel="stylesheet" href="/_mockidp/static/signin.css">`

var ticketRE = regexp.MustCompile(`name="ticket" value="([^"]+)"`)

func mustContain(t *testing.T, html string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(html, w) {
			t.Fatalf("page lacks %q:\n%s", w, html)
		}
	}
}

// The whole page flow, without a browser, for an app that has not been
// consented to yet: approving records the user's consent and the device's
// next poll gets tokens.
func TestDeviceLoginPage(t *testing.T) {
	ts := newTestServer(t, clouds.Public, func(s *idp.Seed) {
		for i := range s.Tenants[0].Applications {
			if s.Tenants[0].Applications[i].ClientID == idp.DefaultCLIClientID {
				s.Tenants[0].Applications[i].ConsentGrants = nil
			}
		}
	})
	resp, body := ts.post(t, devicePathV2, url.Values{"client_id": {idp.DefaultCLIClientID},
		"scope": {"api://mockidp-tasks/access_as_user openid offline_access"}})
	if resp.StatusCode != 200 {
		t.Fatal(body)
	}
	code, deviceCode := body["user_code"].(string), body["device_code"].(string)

	get := ts.get(t, "/devicelogin")
	html, _ := io.ReadAll(get.Body)
	mustContain(t, string(html), `<form method="post" action="/devicelogin"`, `name="otc"`, signInStylesheet)

	steps := []struct {
		name string
		form url.Values
		want []string
	}{
		{"empty code", url.Values{"otc": {" "}}, []string{"Enter the code displayed", "AADSTS90119"}},
		{"wrong code", url.Values{"otc": {"ZZZZZZZZZ"}}, []string{"That code didn&#39;t work", "AADSTS70018"}},
		{"code, typed loosely", url.Values{"otc": {strings.ToLower(code[:3]) + " " + code[3:]}}, []string{`name="passwd"`, `name="otc" value="` + code + `"`, "mockidp CLI", signInStylesheet}},
		{"wrong password", url.Values{"step": {"signin"}, "otc": {code}, "login": {upn}, "passwd": {"nope"}},
			[]string{"Your account or password is incorrect", "AADSTS50126", `value="` + upn + `"`}},
		{"unknown user", url.Values{"step": {"signin"}, "otc": {code}, "login": {"who@contoso.onmicrosoft.com"}, "passwd": {"x"}},
			[]string{"This username may be incorrect", "AADSTS50034"}},
		{"forged consent", url.Values{"step": {"consent"}, "otc": {code}, "ticket": {"forged"}, "accept": {"yes"}},
			[]string{"Something went wrong", "AADSTS9002313"}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) { mustContain(t, ts.page(t, "/devicelogin", st.form), st.want...) })
	}

	consent := ts.page(t, "/devicelogin", url.Values{"step": {"signin"}, "otc": {code}, "login": {upn},
		"passwd": {idp.DefaultUserPassword}})
	mustContain(t, consent, "mockidp CLI", idp.DefaultCLIClientID, "Access the Tasks API as the signed-in user",
		"Sign users in", "Maintain access", `name="accept" value="yes"`, signInStylesheet)
	m := ticketRE.FindStringSubmatch(consent)
	if m == nil {
		t.Fatal("no ticket on the consent page")
	}
	done := ts.page(t, "/devicelogin", url.Values{"step": {"consent"}, "otc": {code}, "ticket": {m[1]}, "accept": {"yes"}})
	mustContain(t, done, "You&#39;re signed in", upn)

	_, tok := ts.post(t, tokenPathV2, pollForm(deviceCode))
	checkDeviceTokens(t, tok)
	app, _ := ts.srv.Provider().Seed().Tenants[0].Applications, 0
	var granted bool
	for _, a := range app {
		for _, g := range a.ConsentGrants {
			granted = granted || a.ClientID == idp.DefaultCLIClientID && g.User == idp.DefaultUserID && g.Scopes[0] == "access_as_user"
		}
	}
	if !granted {
		t.Error("approving on the page recorded no consent")
	}
	mustContain(t, ts.page(t, "/devicelogin", url.Values{"otc": {code}}), "already been used", "AADSTS90120")
}

func TestDeviceLoginPageDeclineAndExpiry(t *testing.T) {
	ts := newTestServer(t, clouds.USGovernment, nil)
	path := "/" + idp.DefaultUSGovTenantID + "/oauth2/v2.0/devicecode"
	user := idp.DefaultUserUPN("contosogov.onmicrosoft.us")
	code, deviceCode := ts.startDevice(t, path)
	consent := ts.page(t, "/deviceloginus", url.Values{"step": {"signin"}, "otc": {code}, "login": {user},
		"passwd": {idp.DefaultUserPassword}})
	m := ticketRE.FindStringSubmatch(consent)
	if m == nil {
		t.Fatal(consent)
	}
	mustContain(t, ts.page(t, "/deviceloginus", url.Values{"step": {"consent"}, "otc": {code}, "ticket": {m[1]}, "accept": {"no"}}),
		"Sign-in declined")
	_, body := ts.post(t, "/"+idp.DefaultUSGovTenantID+"/oauth2/v2.0/token", pollForm(deviceCode))
	if body["error"] != "authorization_declined" {
		t.Fatalf("poll after decline: %v", body)
	}

	late, _ := ts.startDevice(t, path)
	ts.clock.Advance(15 * time.Minute)
	mustContain(t, ts.page(t, "/devicelogin", url.Values{"otc": {late}}), "That code has expired", "AADSTS70019")
}
