package integration_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
	"github.com/mockidp/mockidp/scenarios"
)

// A person in a real browser: headless Chromium signs in on mockidp's
// page, consents, and lands on a local web app that redeems the code. The
// second sign-in is SSO, prompt=consent asks again, and Cancel ends in
// access_denied.
func TestChromiumSignIn(t *testing.T) {
	chromiumPath(t)
	app := newTestApp(t)
	srv := userFlowServer(t, app.URL+"/callback")
	app.srv = srv
	ctx := newBrowser(t, srv)
	authURL := func(extra url.Values) string {
		q := url.Values{"client_id": {webClientID}, "response_type": {"code"}, "redirect_uri": {app.URL + "/callback"},
			"scope": {"openid profile User.Read"}, "state": {"chromium"}}
		for k, v := range extra {
			q[k] = v
		}
		return authorizeURL(srv, q)
	}

	// First visit: sign-in page, consent page, back at the app.
	warmUp(t, ctx, app.URL)
	step(t, ctx, "sign in and consent",
		chromedp.Navigate(authURL(nil)),
		chromedp.WaitVisible(chromedp.CSS("#login")),
		chromedp.SendKeys(chromedp.CSS("#login"), alexUPN),
		chromedp.SendKeys(chromedp.CSS("#passwd"), idp.DefaultUserPassword),
		chromedp.Click(chromedp.CSS("#idSIButton9")),
		chromedp.WaitVisible(chromedp.CSS("#permissions")),
		chromedp.Click(chromedp.CSS("#consent #idSIButton9")))
	if got := result(t, ctx); got != "signed in as "+alexUPN {
		t.Fatalf("first sign-in: %q", got)
	}

	// Second visit: the session cookie signs in without any page, so the
	// browser history grows by the app's page only.
	before := historyLength(t, ctx)
	step(t, ctx, "SSO", chromedp.Navigate(authURL(nil)))
	if got, pages := result(t, ctx), historyLength(t, ctx)-before; got != "signed in as "+alexUPN || pages != 1 {
		t.Fatalf("SSO: %q after %d pages, want 1", got, pages)
	}

	// prompt=consent shows consent again; Cancel is access_denied.
	step(t, ctx, "prompt=consent, declined",
		chromedp.Navigate(authURL(url.Values{"prompt": {"consent"}})),
		chromedp.WaitVisible(chromedp.CSS("#permissions")),
		chromedp.Click(chromedp.CSS("#idBtn_Back")))
	if got := result(t, ctx); !strings.HasPrefix(got, "error access_denied AADSTS65004") {
		t.Fatalf("declined consent: %q", got)
	}
	step(t, ctx, "prompt=consent, accepted",
		chromedp.Navigate(authURL(url.Values{"prompt": {"consent"}})),
		chromedp.WaitVisible(chromedp.CSS("#permissions")),
		chromedp.Click(chromedp.CSS("#consent #idSIButton9")))
	if got := result(t, ctx); got != "signed in as "+alexUPN {
		t.Fatalf("consent again: %q", got)
	}
}

// warmUp loads a first page until Chromium stops reporting
// ERR_NETWORK_CHANGED, which a freshly started Chromium in a container
// may do while it probes network interfaces.
func warmUp(t *testing.T, ctx context.Context, u string) {
	t.Helper()
	var err error
	for range 5 {
		if err = chromedp.Do(ctx, chromedp.Navigate(u)); err == nil || !strings.Contains(err.Error(), "ERR_NETWORK_CHANGED") {
			break
		}
	}
	if err != nil {
		t.Fatalf("first page: %v", err)
	}
}

func step(t *testing.T, ctx context.Context, name string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("%s: %v (browser at %s)", name, err, loc)
	}
}

// result waits for the test app's page and reads what it says.
func result(t *testing.T, ctx context.Context) string {
	t.Helper()
	step(t, ctx, "wait for the app", chromedp.WaitVisible(chromedp.CSS("#result")))
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#result")))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// historyLength counts the browser's history entries: every page a
// person sees adds one, redirects do not.
func historyLength(t *testing.T, ctx context.Context) int {
	t.Helper()
	h, err := chromedp.Run(ctx, chromedp.NavigationEntries())
	if err != nil {
		t.Fatal(err)
	}
	return len(h.Entries)
}

// testApp is a web app on loopback: /callback redeems the code with the
// web app's secret and shows who signed in, or the error it was sent.
type testApp struct {
	*httptest.Server
	srv *mockidptest.Server
}

func newTestApp(t *testing.T) *testApp {
	a := &testApp{}
	a.Server = httptest.NewServer(http.HandlerFunc(a.callback))
	t.Cleanup(a.Close)
	return a
}

func (a *testApp) callback(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	msg := ""
	if e := q.Get("error"); e != "" {
		code, _, _ := strings.Cut(q.Get("error_description"), ":")
		msg = "error " + e + " " + code
	} else {
		msg = a.redeem(q.Get("code"))
	}
	fmt.Fprintf(w, `<!DOCTYPE html><html><body><p id="result">%s</p></body></html>`, html.EscapeString(msg))
}

func (a *testApp) redeem(code string) string {
	form := url.Values{"grant_type": {"authorization_code"}, "client_id": {webClientID}, "client_secret": {webSecret},
		"code": {code}, "redirect_uri": {a.URL + "/callback"}, "scope": {"User.Read openid profile"}}
	resp, err := a.srv.Client().PostForm(a.srv.AuthorityURL(idp.DefaultTenantID)+"/oauth2/v2.0/token", form)
	if err != nil {
		return "redeem: " + err.Error()
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
		IDToken     string `json:"id_token"`
		Error       string `json:"error_description"`
	}
	if err := decodeJSON(resp, &body); err != nil || body.AccessToken == "" {
		return fmt.Sprintf("redeem failed: %v %s", err, body.Error)
	}
	return "signed in as " + idTokenUser(body.IDToken)
}

func decodeJSON(resp *http.Response, v any) error { return json.NewDecoder(resp.Body).Decode(v) }

// idTokenUser is the preferred_username of an ID token (the app trusts
// it: it came straight from the token endpoint over TLS).
func idTokenUser(tok string) string {
	var c struct {
		PreferredUsername string `json:"preferred_username"`
	}
	_ = idp.DecodeUnverifiedJWT(tok, nil, &c)
	return c.PreferredUsername
}

// A person at the second-factor page in a real browser: the user must do
// MFA, signs in, types a wrong code (the page says so), then the code the
// page shows, consents and lands on the app.
func TestChromiumMFA(t *testing.T) {
	chromiumPath(t)
	app := newTestApp(t)
	srv := userFlowServer(t, app.URL+"/callback")
	app.srv = srv
	preset(t, srv, "mfa-required", scenarios.Params{User: alexUPN})
	ctx := newBrowser(t, srv)
	authURL := authorizeURL(srv, url.Values{"client_id": {webClientID}, "response_type": {"code"},
		"redirect_uri": {app.URL + "/callback"}, "scope": {"openid profile User.Read"}, "state": {"mfa"}})

	warmUp(t, ctx, app.URL)
	step(t, ctx, "sign in, then a wrong code",
		chromedp.Navigate(authURL),
		chromedp.WaitVisible(chromedp.CSS("#login")),
		chromedp.SendKeys(chromedp.CSS("#login"), alexUPN),
		chromedp.SendKeys(chromedp.CSS("#passwd"), idp.DefaultUserPassword),
		chromedp.Click(chromedp.CSS("#idSIButton9")),
		chromedp.WaitVisible(chromedp.CSS("#idTxtBx_SAOTCC_OTC")),
		chromedp.SendKeys(chromedp.CSS("#idTxtBx_SAOTCC_OTC"), "000000x"),
		chromedp.Click(chromedp.CSS("#idSubmit_SAOTCC_Continue")),
		chromedp.WaitVisible(chromedp.CSS("#error")))
	code, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#mfa-test-code")))
	if err != nil || len(code) != 6 {
		t.Fatalf("test code on the page: %q %v", code, err)
	}
	step(t, ctx, "the right code, then consent",
		chromedp.SendKeys(chromedp.CSS("#idTxtBx_SAOTCC_OTC"), code),
		chromedp.Click(chromedp.CSS("#idSubmit_SAOTCC_Continue")),
		chromedp.WaitVisible(chromedp.CSS("#permissions")),
		chromedp.Click(chromedp.CSS("#consent #idSIButton9")))
	if got := result(t, ctx); got != "signed in as "+alexUPN {
		t.Fatalf("after the second factor: %q", got)
	}
}
