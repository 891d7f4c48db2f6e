package integration_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
	"github.com/chromedp/chromedp"
	"github.com/mockidp/mockidp/endpoints"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// screenshotDir keeps the console's screenshots (go test -run Console
// ./integration_test -args -screenshots=DIR); without it they go to the
// test's temporary folder.
var screenshotDir = flag.String("screenshots", "", "folder that keeps the web console's screenshots")

// A person at the web console in headless Chromium: every page loads,
// a token issued in the test decodes, a preset is applied and cleared,
// the mock clock moves, a device code a client is polling for is
// approved (the client gets its token) and a consent is revoked (the
// client then gets AADSTS65001).
func TestConsoleInChromium(t *testing.T) {
	srv := mockidptest.NewServer(t)
	ctx := newBrowser(t, srv)
	shots := consoleShots(t)
	app := msalDeviceApp(t, srv, srv.Client())
	//lint:ignore SA1019 ROPC is a flow mockidp serves and msal-go still ships; deprecated there, not removed
	signedIn, err := app.AcquireTokenByUsernamePassword(testContext(t), []string{"User.Read"}, alexUPN, idp.DefaultUserPassword)
	if err != nil {
		t.Fatal(err)
	}
	//lint:ignore SA1019 ROPC is a flow mockidp serves and msal-go still ships; deprecated there, not removed
	if _, err := app.AcquireTokenByUsernamePassword(testContext(t), []string{"User.Read"}, alexUPN, "wrong"); err == nil {
		t.Fatal("a wrong password got a token")
	}

	warmUp(t, ctx, srv.URL()+"/")
	step(t, ctx, "viewport", chromedp.EmulateViewport(1366, 900))
	step(t, ctx, "landing page", chromedp.Navigate(srv.URL()+"/"), chromedp.WaitVisible(chromedp.ID("console-link")))
	shots.take(t, ctx, "landing")
	step(t, ctx, "open the console", chromedp.Click(chromedp.ID("console-link")), chromedp.WaitVisible(chromedp.ID("tenants")))
	shots.take(t, ctx, "overview")
	for _, p := range []struct{ slug, shows string }{
		{"apps", "mockidp daemon"}, {"users", alexUPN}, {"identities", "mockidp-identity"}, {"requests", "AADSTS50126"},
	} {
		step(t, ctx, p.slug, chromedp.Navigate(srv.URL()+"/_mockidp/console/"+p.slug), chromedp.WaitVisible(chromedp.CSS("main.page h1")))
		if body := text(t, ctx, "main.page"); !strings.Contains(body, p.shows) {
			t.Errorf("%s page does not show %q:\n%s", p.slug, p.shows, body)
		}
		shots.take(t, ctx, p.slug)
	}

	consoleLiveLog(t, ctx, srv)
	consoleDecode(t, ctx, srv, shots, signedIn.AccessToken)
	consolePresets(t, ctx, srv, shots)
	consoleClock(t, ctx, srv, shots)
	consoleDeviceCode(t, ctx, srv, shots)
	consoleRevokeConsent(t, ctx, srv, shots)
}

// The request log shows a new request without a reload while Live is on.
func consoleLiveLog(t *testing.T, ctx context.Context, srv *mockidptest.Server) {
	step(t, ctx, "requests", chromedp.Navigate(srv.URL()+"/_mockidp/console/requests"), chromedp.WaitVisible(chromedp.ID("live")),
		chromedp.Evaluate[chromedp.Void]("window.__samePage = true"))
	resp, err := srv.Client().Get(srv.URL() + "/common/userrealm/live.check@contoso.onmicrosoft.com?api-version=1.0")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	seen, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.__samePage && document.getElementById("request-rows").textContent.includes("live.check@")`,
		chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil || !seen {
		t.Fatalf("the live log did not show the new request: %v", err)
	}
}

func consoleDecode(t *testing.T, ctx context.Context, srv *mockidptest.Server, shots shotDir, token string) {
	step(t, ctx, "decode", chromedp.Navigate(srv.URL()+"/_mockidp/console/token"), chromedp.WaitVisible(chromedp.ID("token-input")),
		chromedp.SetValue(chromedp.ID("token-input"), token), chromedp.Click(chromedp.ID("decode")),
		chromedp.WaitVisible(chromedp.ID("verdict-signature")))
	for sel, want := range map[string]string{"#verdict-signature": "Signature valid", "#verdict-lifetime": "Valid for another",
		`tr[data-claim="upn"]`: alexUPN, `tr[data-claim="scp"]`: "User.Read"} {
		if got := text(t, ctx, sel); !strings.Contains(got, want) {
			t.Errorf("decoded %s: %q, want %q", sel, got, want)
		}
	}
	step(t, ctx, "back to the top", chromedp.Evaluate[chromedp.Void]("window.scrollTo(0, 0)"))
	shots.take(t, ctx, "token")
}

func consolePresets(t *testing.T, ctx context.Context, srv *mockidptest.Server, shots shotDir) {
	step(t, ctx, "scenarios page", chromedp.Navigate(srv.URL()+"/_mockidp/console/scenarios"), chromedp.WaitVisible(chromedp.ID("no-scenarios")))
	act(t, ctx, "apply expired-token", chromedp.Click(chromedp.ID("apply-expired-token")))
	if n := len(srv.Scenarios.List()); n != 1 {
		t.Fatalf("after Apply: %d scenarios", n)
	}
	if got := text(t, ctx, "#active-scenarios"); !strings.Contains(got, "expired") {
		t.Errorf("active scenarios: %q", got)
	}
	if got := text(t, ctx, "#toast"); !strings.Contains(got, "added") {
		t.Errorf("toast after Apply: %q", got)
	}
	shots.take(t, ctx, "scenarios")
	act(t, ctx, "clear scenarios", chromedp.Click(chromedp.ID("clear-scenarios")))
	step(t, ctx, "cleared", chromedp.WaitVisible(chromedp.ID("no-scenarios")))
	if n := len(srv.Scenarios.List()); n != 0 {
		t.Fatalf("after Clear: %d scenarios", n)
	}
}

func consoleClock(t *testing.T, ctx context.Context, srv *mockidptest.Server, shots shotDir) {
	before := srv.Clock.Now()
	step(t, ctx, "overview", chromedp.Navigate(srv.URL()+"/_mockidp/"), chromedp.WaitVisible(chromedp.ID("advance-1h")))
	act(t, ctx, "advance an hour", chromedp.Click(chromedp.ID("advance-1h")))
	if d := srv.Clock.Now().Sub(before); d < time.Hour || d > time.Hour+time.Minute {
		t.Errorf("the clock moved %v, want an hour", d)
	}
	if got := text(t, ctx, "#clockchip"); !strings.Contains(got, "ahead of real time") {
		t.Errorf("clock chip after +1h: %q", got)
	}
	shots.take(t, ctx, "overview-clock")
	act(t, ctx, "back to real time", chromedp.Click(chromedp.CSS(`button[data-shape="realtime"]`)))
}

func consoleDeviceCode(t *testing.T, ctx context.Context, srv *mockidptest.Server, shots shotDir) {
	app := msalDeviceApp(t, srv, srv.Client())
	dc, err := app.AcquireTokenByDeviceCode(testContext(t), []string{"User.Read"})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	var res public.AuthResult
	go func() {
		var err error
		res, err = dc.AuthenticationResult(testContext(t))
		done <- err
	}()
	code := dc.Result.UserCode
	step(t, ctx, "device codes", chromedp.Navigate(srv.URL()+"/_mockidp/console/devicecodes"), chromedp.WaitVisible(chromedp.ID("code-"+code)))
	shots.take(t, ctx, "devicecodes")
	act(t, ctx, "approve", chromedp.Click(chromedp.CSS("#decide-"+code+` button[value="approve"]`)))
	if err := <-done; err != nil {
		t.Fatalf("the polling client after Approve: %v", err)
	}
	wantClaim(t, claimsOf(t, res.AccessToken), "upn", alexUPN)
	step(t, ctx, "no code left", chromedp.WaitVisible(chromedp.ID("no-codes")))

	// Deny: the polling client hears authorization_declined.
	dc, err = app.AcquireTokenByDeviceCode(testContext(t), []string{"User.Read"})
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		_, err := dc.AuthenticationResult(testContext(t))
		done <- err
	}()
	code = dc.Result.UserCode
	step(t, ctx, "device codes again", chromedp.Navigate(srv.URL()+"/_mockidp/console/devicecodes"), chromedp.WaitVisible(chromedp.ID("code-"+code)))
	act(t, ctx, "deny", chromedp.Click(chromedp.CSS("#decide-"+code+` button[value="deny"]`)))
	if err := <-done; err == nil || !strings.Contains(err.Error(), "authorization_declined") {
		t.Fatalf("the polling client after Deny: %v", err)
	}
}

func consoleRevokeConsent(t *testing.T, ctx context.Context, srv *mockidptest.Server, shots shotDir) {
	step(t, ctx, "consents", chromedp.Navigate(srv.URL()+"/_mockidp/console/consents"), chromedp.WaitVisible(chromedp.ID("grants")))
	shots.take(t, ctx, "consents")
	row := `tr[data-client="` + idp.DefaultCLIClientID + `"][data-tenant="` + idp.DefaultTenantID + `"]`
	act(t, ctx, "revoke", chromedp.Click(chromedp.CSS(row+" button")))
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('`+row+`').length`)); err != nil || n != 0 {
		t.Errorf("the CLI's consent in the tenant is still listed (%d rows, %v)", n, err)
	}
	shots.take(t, ctx, "consents-revoked")
	fresh := msalDeviceApp(t, srv, srv.Client())
	//lint:ignore SA1019 ROPC is a flow mockidp serves and msal-go still ships; deprecated there, not removed
	_, err := fresh.AcquireTokenByUsernamePassword(testContext(t), []string{"User.Read"}, alexUPN, idp.DefaultUserPassword)
	if err == nil || !strings.Contains(err.Error(), "AADSTS65001") {
		t.Fatalf("after Revoke the client gets %v, want AADSTS65001", err)
	}
}

// act clicks a console button that calls the control API, accepting its
// confirmation, and waits for the page to reload with the outcome; an
// error toast fails the test.
func act(t *testing.T, ctx context.Context, name string, click chromedp.Action[chromedp.Void]) {
	t.Helper()
	step(t, ctx, name+": arm", chromedp.Evaluate[chromedp.Void](
		`window.confirm = () => true; window.__beforeAction = true; document.getElementById("toast").hidden = true`))
	step(t, ctx, name, click)
	// The page reloads under the check, so an evaluation may fail while
	// it navigates: ask again until the new page answers.
	var outcome string
	var err error
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		outcome, err = chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
			const toast = document.getElementById("toast");
			if (toast && toast.className === "bad" && !toast.hidden) return "error: " + toast.textContent;
			if (!window.__beforeAction && document.readyState === "complete") return "reloaded";
			return "";
		})()`))
		if err == nil && outcome != "" {
			break
		}
	}
	if outcome != "reloaded" {
		t.Fatalf("%s: %q %v", name, outcome, err)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// shotDir is where a test's screenshots go.
type shotDir string

func consoleShots(t *testing.T) shotDir {
	dir := *screenshotDir
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return shotDir(dir)
}

// take saves the whole page as name.png.
func (d shotDir) take(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(string(d), "console-"+name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A person whose browser is not on loopback (the host of a Docker
// container, say) gets the 403 page, types the control token once and
// uses the console: the cookie it leaves works for pages and actions.
func TestConsoleTokenSignInChromium(t *testing.T) {
	chromiumPath(t)
	srv := mockidptest.NewServer(t)
	h := endpoints.NewServer(endpoints.Options{Provider: srv.IDP, Control: endpoints.ControlAccess{Token: "console-s3cret"},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}).Handler(nil)
	remote := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.RemoteAddr = "192.0.2.7:50000" // as if from another machine
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(remote.Close)
	sum := sha256.Sum256(remote.Certificate().RawSubjectPublicKeyInfo)
	ctx := newBrowserTrusting(t, base64.StdEncoding.EncodeToString(sum[:]))
	shots := consoleShots(t)

	warmUp(t, ctx, remote.URL+"/")
	step(t, ctx, "viewport", chromedp.EmulateViewport(1366, 900))
	step(t, ctx, "refused", chromedp.Navigate(remote.URL+"/_mockidp/"), chromedp.WaitVisible(chromedp.ID("control-token")))
	step(t, ctx, "wrong token", chromedp.SendKeys(chromedp.ID("control-token"), "guess"), chromedp.Click(chromedp.ID("signin-button")))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => { const t = document.getElementById("toast"); return !t.hidden && t.className === "bad"; })()`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("no error after a wrong token: %v", err)
	}
	shots.take(t, ctx, "signin")
	step(t, ctx, "right token", chromedp.SetValue(chromedp.ID("control-token"), "console-s3cret"))
	act(t, ctx, "sign in", chromedp.Click(chromedp.ID("signin-button")))
	step(t, ctx, "console", chromedp.WaitVisible(chromedp.ID("tenants")))
	act(t, ctx, "advance the clock", chromedp.Click(chromedp.ID("advance-1h")))
	if got := text(t, ctx, "#clockchip"); !strings.Contains(got, "ahead of real time") {
		t.Errorf("clock chip after +1h through the cookie: %q", got)
	}
}
