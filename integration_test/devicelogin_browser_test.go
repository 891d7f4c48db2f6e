package integration_test

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/base64"
	"net/url"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
	"github.com/chromedp/chromedp"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// chromiumPath finds Debian's chromium. Without it the browser tests skip,
// except in CI (CI=true), where a missing browser is a failure.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("drives headless Chromium (seconds per page); skipped under -short")
	}
	for _, name := range []string{"chromium", "/usr/bin/chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed (apt-get install -y chromium); CI=true requires the browser tests")
	}
	t.Skip("chromium not found on PATH: skipping the browser test (apt-get install -y chromium to run it)")
	return ""
}

// serverSPKI is the base64 SHA-256 of the server certificate's public key,
// which Chromium is told to accept instead of trusting mockidp's CA.
func serverSPKI(t *testing.T, srv *mockidptest.Server) string {
	t.Helper()
	u, _ := url.Parse(srv.URL())
	conn, err := tls.Dial("tcp", u.Host, &tls.Config{RootCAs: srv.CertPool(), ServerName: u.Hostname()})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	sum := sha256.Sum256(conn.ConnectionState().PeerCertificates[0].RawSubjectPublicKeyInfo)
	return base64.StdEncoding.EncodeToString(sum[:])
}

// newBrowser starts a headless Chromium with a fresh profile that reaches
// only what the test points it at.
func newBrowser(t *testing.T, srv *mockidptest.Server) context.Context {
	t.Helper()
	chromiumPath(t)
	return newBrowserTrusting(t, serverSPKI(t, srv))
}

// newBrowserTrusting is newBrowser for a server whose certificate has
// the public key spki (base64 SHA-256).
func newBrowserTrusting(t *testing.T, spki string) context.Context {
	t.Helper()
	path := chromiumPath(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("ignore-certificate-errors-spki-list", spki),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(cancelBrowser)
	return bctx
}

// A person at the device-login page: msal-go polls while the browser
// enters the code, signs in and approves; msal-go then gets its token.
func TestDeviceLoginInBrowser(t *testing.T) {
	srv := mockidptest.NewServer(t)
	browser := newBrowser(t, srv)
	app := msalDeviceApp(t, srv, srv.Client())
	dc, err := app.AcquireTokenByDeviceCode(testContext(t), []string{"User.Read"})
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		res public.AuthResult
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := dc.AuthenticationResult(testContext(t))
		done <- result{res, err}
	}()

	err = chromedp.Do(browser,
		chromedp.Navigate(dc.Result.VerificationURL),
		chromedp.WaitVisible(chromedp.ID("otc")),
		chromedp.SendKeys(chromedp.ID("otc"), dc.Result.UserCode),
		chromedp.Click(chromedp.CSS("#devicecode #idSIButton9")),
		chromedp.WaitVisible(chromedp.ID("passwd")),
		chromedp.SendKeys(chromedp.ID("login"), deviceUPN),
		chromedp.SendKeys(chromedp.ID("passwd"), idp.DefaultUserPassword),
		chromedp.Click(chromedp.CSS("#signin #idSIButton9")),
		chromedp.WaitVisible(chromedp.ID("permissions")),
		chromedp.Click(chromedp.CSS("#consent #idSIButton9")),
		chromedp.WaitVisible(chromedp.ID("message-title")),
	)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	heading, err := chromedp.Run(browser, chromedp.Text(chromedp.ID("message-title")))
	if err != nil {
		t.Fatal(err)
	}
	if heading != "You're signed in" {
		t.Fatalf("result page says %q", heading)
	}
	r := <-done
	if r.err != nil {
		t.Fatalf("msal-go after the browser approved: %v", r.err)
	}
	wantClaim(t, claimsOf(t, r.res.AccessToken), "upn", deviceUPN)
}
