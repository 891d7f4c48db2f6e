package integration_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
	"golang.org/x/oauth2"
)

var deviceUPN = idp.DefaultUserUPN("contoso.onmicrosoft.com")

// pollWatcher is an http.Client transport that reports the first
// authorization_pending answer, so a test approves only after the client
// has really polled and been told to wait.
type pollWatcher struct {
	base    http.RoundTripper
	once    sync.Once
	pending chan struct{}
}

func (w *pollWatcher) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := w.base.RoundTrip(r)
	if err == nil && resp.StatusCode == 400 && strings.HasSuffix(r.URL.Path, "/token") {
		var body bytes.Buffer
		_, _ = body.ReadFrom(resp.Body)
		resp.Body.Close()
		if strings.Contains(body.String(), `"authorization_pending"`) {
			w.once.Do(func() { close(w.pending) })
		}
		resp.Body = readCloser{&body}
	}
	return resp, err
}

type readCloser struct{ *bytes.Buffer }

func (readCloser) Close() error { return nil }

func msalDeviceApp(t *testing.T, srv *mockidptest.Server, hc *http.Client) public.Client {
	t.Helper()
	app, err := public.New(idp.DefaultCLIClientID, public.WithAuthority(srv.AuthorityURL(idp.DefaultTenantID)),
		public.WithHTTPClient(hc), public.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	return app
}

// msal-go: the user approves while the client is already polling; the
// token is for the user, and a decline or an expiry reaches the caller.
func TestMSALDeviceCode(t *testing.T) {
	t.Parallel()
	srv := mockidptest.NewServer(t)
	t.Run("approved while polling", func(t *testing.T) {
		w := &pollWatcher{base: srv.Client().Transport, pending: make(chan struct{})}
		app := msalDeviceApp(t, srv, &http.Client{Transport: w})
		dc, err := app.AcquireTokenByDeviceCode(testContext(t), []string{"User.Read"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(dc.Result.Message, srv.URL()+"/devicelogin") || !strings.Contains(dc.Result.Message, dc.Result.UserCode) {
			t.Errorf("message %q", dc.Result.Message)
		}
		go func() {
			<-w.pending
			if err := srv.ApproveDeviceCode(dc.Result.UserCode, deviceUPN); err != nil {
				t.Error(err)
			}
		}()
		res, err := dc.AuthenticationResult(testContext(t))
		if err != nil {
			t.Fatalf("AuthenticationResult: %v", err)
		}
		c := claimsOf(t, res.AccessToken)
		wantClaim(t, c, "upn", deviceUPN)
		wantClaim(t, c, "scp", "User.Read openid profile")
		if res.Account.HomeAccountID != idp.DefaultUserID+"."+idp.DefaultTenantID || res.IDToken.Oid != idp.DefaultUserID {
			t.Errorf("account %+v", res.Account)
		}
		silent, err := app.AcquireTokenSilent(testContext(t), []string{"User.Read"}, public.WithSilentAccount(res.Account))
		if err != nil || silent.AccessToken != res.AccessToken {
			t.Errorf("silent: %v", err)
		}
	})
	for _, tc := range []struct{ name, want string }{{"declined", "authorization_declined"}, {"expired", "AADSTS70020"}} {
		t.Run(tc.name, func(t *testing.T) {
			app := msalDeviceApp(t, srv, srv.Client())
			dc, err := app.AcquireTokenByDeviceCode(testContext(t), []string{"User.Read"})
			if err != nil {
				t.Fatal(err)
			}
			if tc.name == "declined" {
				err = srv.DenyDeviceCode(dc.Result.UserCode, deviceUPN)
			} else {
				srv.Clock.Advance(16 * time.Minute)
			}
			if err != nil {
				t.Fatal(err)
			}
			_, err = dc.AuthenticationResult(testContext(t))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %s", err, tc.want)
			}
		})
	}
}

// approveViaControlAPI is what a test's UserPrompt does: decide the code
// through mockidp's control API, over HTTP.
func approveViaControlAPI(srv *mockidptest.Server, userCode string, deny bool) error {
	body, _ := json.Marshal(map[string]any{"user_code": userCode, "user": deviceUPN, "deny": deny})
	resp, err := srv.Client().Post(srv.URL()+"/_mockidp/devicecode/approve", "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return errors.New("control API: " + resp.Status)
	}
	return nil
}

// azidentity's DeviceCodeCredential, its UserPrompt deciding through the
// control API.
func TestAzidentityDeviceCode(t *testing.T) {
	t.Parallel()
	srv := mockidptest.NewServer(t)
	cases := []struct {
		name   string
		prompt func(azidentity.DeviceCodeMessage) error
		want   string
	}{
		{"approved", func(m azidentity.DeviceCodeMessage) error { return approveViaControlAPI(srv, m.UserCode, false) }, ""},
		{"declined", func(m azidentity.DeviceCodeMessage) error { return approveViaControlAPI(srv, m.UserCode, true) }, "authorization_declined"},
		{"expired", func(azidentity.DeviceCodeMessage) error { srv.Clock.Advance(20 * time.Minute); return nil }, "expired_token"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var seen azidentity.DeviceCodeMessage
			cred, err := azidentity.NewDeviceCodeCredential(&azidentity.DeviceCodeCredentialOptions{
				ClientOptions: azcore.ClientOptions{Cloud: cloud.Configuration{ActiveDirectoryAuthorityHost: srv.URL() + "/"},
					Transport: srv.Client()},
				TenantID: idp.DefaultTenantID, ClientID: idp.DefaultCLIClientID, DisableInstanceDiscovery: true,
				UserPrompt: func(_ context.Context, m azidentity.DeviceCodeMessage) error { seen = m; return tc.prompt(m) },
			})
			if err != nil {
				t.Fatal(err)
			}
			tok, err := cred.GetToken(testContext(t), policy.TokenRequestOptions{Scopes: []string{"https://graph.microsoft.com/.default"}})
			if seen.VerificationURL != srv.URL()+"/devicelogin" {
				t.Errorf("prompt %+v", seen)
			}
			if tc.want != "" {
				// msal-go reads the body of a 400 poll to see whether to go
				// on polling, so azidentity's error has the status but no
				// body: it cannot tell a decline from an expiry.
				var afe *azidentity.AuthenticationFailedError
				if !errors.As(err, &afe) || afe.RawResponse == nil || afe.RawResponse.StatusCode != 400 ||
					!strings.HasSuffix(afe.RawResponse.Request.URL.Path, "/oauth2/v2.0/token") {
					t.Fatalf("err = %v, want AuthenticationFailedError for a 400 poll (%s)", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			wantClaim(t, claimsOf(t, tok.Token), "oid", idp.DefaultUserID)
			wantClaim(t, claimsOf(t, tok.Token), "aud", "https://graph.microsoft.com")
		})
	}
}

// x/oauth2's RFC 8628 client. It waits the announced interval before every
// poll, so the server announces one second.
func TestOAuth2DeviceAuth(t *testing.T) {
	t.Parallel()
	srv := mockidptest.NewServer(t, mockidptest.WithDevicePolicy(idp.DevicePolicy{Interval: time.Second}))
	authority := srv.AuthorityURL(idp.DefaultTenantID)
	conf := &oauth2.Config{ClientID: idp.DefaultCLIClientID, Scopes: []string{"api://mockidp-tasks/access_as_user", "offline_access"},
		Endpoint: oauth2.Endpoint{DeviceAuthURL: authority + "/oauth2/v2.0/devicecode", TokenURL: authority + "/oauth2/v2.0/token",
			AuthStyle: oauth2.AuthStyleInParams}}
	for _, tc := range []struct{ name, want string }{{"approved", ""}, {"declined", "authorization_declined"}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := oauth2ClientContext(t, srv)
			da, err := conf.DeviceAuth(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if da.VerificationURI != srv.URL()+"/devicelogin" || da.Interval != 1 || time.Until(da.Expiry) < 14*time.Minute {
				t.Errorf("device auth %+v", da)
			}
			switch tc.name {
			case "approved":
				err = srv.ApproveDeviceCode(da.UserCode, deviceUPN)
			case "declined":
				err = srv.DenyDeviceCode(da.UserCode, deviceUPN)
			}
			if err != nil {
				t.Fatal(err)
			}
			tok, err := conf.DeviceAccessToken(ctx, da)
			checkOAuth2Result(t, tok, err, tc.want)
		})
	}
}

// TestOAuth2DeviceAuthExpired lets a code expire on the mock clock while
// x/oauth2 waits to poll.
func TestOAuth2DeviceAuthExpired(t *testing.T) {
	t.Parallel()
	srv := mockidptest.NewServer(t, mockidptest.WithDevicePolicy(idp.DevicePolicy{Interval: time.Second}))
	authority := srv.AuthorityURL(idp.DefaultTenantID)
	conf := &oauth2.Config{ClientID: idp.DefaultCLIClientID, Scopes: []string{"User.Read"},
		Endpoint: oauth2.Endpoint{DeviceAuthURL: authority + "/oauth2/v2.0/devicecode", TokenURL: authority + "/oauth2/v2.0/token",
			AuthStyle: oauth2.AuthStyleInParams}}
	ctx := oauth2ClientContext(t, srv)
	da, err := conf.DeviceAuth(ctx)
	if err != nil {
		t.Fatal(err)
	}
	srv.Clock.Advance(15 * time.Minute)
	tok, err := conf.DeviceAccessToken(ctx, da)
	checkOAuth2Result(t, tok, err, "expired_token")
}

func oauth2ClientContext(t *testing.T, srv *mockidptest.Server) context.Context {
	return context.WithValue(testContext(t), oauth2.HTTPClient, srv.Client())
}

func checkOAuth2Result(t *testing.T, tok *oauth2.Token, err error, want string) {
	t.Helper()
	if want != "" {
		var re *oauth2.RetrieveError
		if !errors.As(err, &re) || re.ErrorCode != want {
			t.Fatalf("err = %v, want RetrieveError %s", err, want)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if tok.RefreshToken == "" || tok.Extra("id_token") != nil {
		t.Errorf("token %+v", tok)
	}
	wantClaim(t, claimsOf(t, tok.AccessToken), "aud", idp.DefaultAPIClientID)
	wantClaim(t, claimsOf(t, tok.AccessToken), "scp", "access_as_user")
}
