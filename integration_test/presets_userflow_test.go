package integration_test

import (
	"strings"
	"testing"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidpclient"
	"github.com/mockidp/mockidp/mockidptest"
	"github.com/mockidp/mockidp/scenarios"
)

// promptConsent is msal-go's shared.PromptConsent, whose package is
// internal: public.WithPrompt takes the untyped constant.
const promptConsent = 3

// tokenGrants are the grant types of the client's token requests, in order.
func tokenGrants(t *testing.T, srv *mockidptest.Server, client string) []string {
	t.Helper()
	reqs, err := srv.Control.Requests(testContext(t), mockidpclientFilter(client))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range reqs {
		out = append(out, r.GrantType)
	}
	return out
}

// expired-token, recovered the way an app does: Graph says the token is
// expired, the app asks msal-go again, and msal-go (whose cache runs on
// real time; the app's tokens live two minutes, so it never trusts a
// cached one) redeems its refresh token for a good token.
func TestPresetExpiredTokenRefresh(t *testing.T) {
	srv := mockidptest.NewServer(t)
	shortLivedTokens(t, srv, idp.DefaultCLIClientID)
	app := cliApp(t, srv)
	preset(t, srv, "expired-token", scenarios.Params{ClientID: idp.DefaultCLIClientID})
	res, err := signIn(t, app)
	if err != nil {
		t.Fatal(err)
	}
	wantGraph(t, graphGet(t, srv, res.AccessToken, "/v1.0/me"), 401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.")
	fresh, err := app.AcquireTokenSilent(testContext(t), []string{"User.Read"}, public.WithSilentAccount(res.Account))
	if err != nil {
		t.Fatalf("silent refresh: %v", err)
	}
	if a := graphGet(t, srv, fresh.AccessToken, "/v1.0/me"); a.status != 200 || a.body["userPrincipalName"] != defaultUPN {
		t.Fatalf("after the refresh: %d %s %q", a.status, a.code, a.message)
	}
	if got := tokenGrants(t, srv, idp.DefaultCLIClientID); len(got) != 2 || got[0] != "password" || got[1] != "refresh_token" {
		t.Errorf("token requests %v, want a sign-in then one refresh", got)
	}
}

// revoked-consent: the refresh fails with AADSTS65001 consent_required;
// an interactive sign-in with prompt=consent shows the consent page, the
// user accepts, and the app gets tokens (and refreshes) again.
func TestPresetRevokedConsent(t *testing.T) {
	srv := mockidptest.NewServer(t)
	shortLivedTokens(t, srv, idp.DefaultCLIClientID)
	app := cliApp(t, srv)
	res, err := signIn(t, app)
	if err != nil {
		t.Fatal(err)
	}
	preset(t, srv, "revoked-consent", scenarios.Params{ClientID: idp.DefaultCLIClientID})
	_, err = app.AcquireTokenSilent(testContext(t), []string{"User.Read"}, public.WithSilentAccount(res.Account))
	wantErrorContains(t, err, "AADSTS65001", `"suberror":"consent_required"`)

	browser := mockidptest.Browser{Client: srv.Client(), Username: defaultUPN, Password: idp.DefaultUserPassword}
	again, err := app.AcquireTokenInteractive(testContext(t), []string{"User.Read"}, public.WithOpenURL(browser.Open),
		public.WithLoginHint(defaultUPN), public.WithPrompt(promptConsent))
	if err != nil {
		t.Fatalf("interactive sign-in with prompt=consent: %v", err)
	}
	if a := graphGet(t, srv, again.AccessToken, "/v1.0/me"); a.status != 200 {
		t.Fatalf("after consent: %d %s %q", a.status, a.code, a.message)
	}
	// Consent is recorded: refreshing works again.
	if _, err := app.AcquireTokenSilent(testContext(t), []string{"User.Read"}, public.WithSilentAccount(again.Account)); err != nil {
		t.Fatalf("refresh after consent: %v", err)
	}
	// The browser went through the consent page and accepted it.
	reqs, err := srv.Control.Requests(testContext(t), mockidpclient.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	consented := false
	for _, r := range reqs {
		consented = consented || (r.Method == "POST" && strings.HasSuffix(r.Path, "/consent") && r.Status < 400)
	}
	if !consented {
		t.Errorf("no consent page was posted: %+v", reqs)
	}
}
