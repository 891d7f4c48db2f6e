package integration_test

import (
	"net/url"
	"testing"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

func newPublicApp(t *testing.T, srv *mockidptest.Server) public.Client {
	app, err := public.New(idp.DefaultCLIClientID, public.WithAuthority(srv.AuthorityURL(idp.DefaultTenantID)),
		public.WithHTTPClient(srv.Client()), public.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	return app
}

var publicCloud = cloudCase{testClouds[0].cloud, idp.DefaultTenantID}

// msal-go interactive login with a fake browser: headless through an
// auto-approve user, and through the real sign-in page with a password.
// Then the access token expires on mockidp's clock and AcquireTokenSilent
// refreshes it with the refresh token from msal-go's cache. msal-go's
// cache runs on real time, so the client app's tokens are made to live
// two minutes (access_token_lifetime): msal-go then never serves them from
// its cache and refreshes on every silent call.
func TestMSALInteractive(t *testing.T) {
	cases := []struct {
		name    string
		user    string
		browser mockidptest.Browser
	}{
		{"auto-approve", botUPN, mockidptest.Browser{}},
		{"sign-in page", alexUPN, mockidptest.Browser{Username: alexUPN, Password: idp.DefaultUserPassword}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := userFlowServer(t)
			shortLivedTokens(t, srv, idp.DefaultCLIClientID)
			app := newPublicApp(t, srv)
			tc.browser.Client = srv.Client()
			res, err := app.AcquireTokenInteractive(testContext(t), []string{"User.Read"},
				public.WithOpenURL(tc.browser.Open), public.WithLoginHint(tc.user))
			if err != nil {
				t.Fatalf("AcquireTokenInteractive: %v", err)
			}
			if res.Account.PreferredUsername != tc.user {
				t.Errorf("account = %+v", res.Account)
			}
			if err := verifyWithOIDC(t, srv, publicCloud, res.IDToken.RawToken, idp.DefaultCLIClientID); err != nil {
				t.Errorf("go-oidc: %v", err)
			}
			srv.Clock.Advance(2 * time.Hour)
			silent, err := app.AcquireTokenSilent(testContext(t), []string{"User.Read"}, public.WithSilentAccount(res.Account))
			if err != nil {
				t.Fatalf("silent refresh: %v", err)
			}
			if old := int64(claimsOf(t, res.AccessToken)["exp"].(float64)); old > srv.Clock.Now().Unix() {
				t.Fatalf("first token not expired on the mock clock")
			}
			if exp := int64(claimsOf(t, silent.AccessToken)["exp"].(float64)); exp <= srv.Clock.Now().Unix() {
				t.Errorf("refreshed token already expired")
			}
		})
	}
}

// msal-go public AcquireTokenByAuthCode with PKCE, the code fetched by
// following mockidp's query-mode redirect.
func TestMSALPublicAuthCode(t *testing.T) {
	srv := userFlowServer(t)
	verifier := "this-is-a-long-enough-pkce-verifier-of-43-characters-or-more"
	q := codeFromRedirect(t, srv, authorizeURL(srv, url.Values{"client_id": {idp.DefaultCLIClientID},
		"response_type": {"code"}, "redirect_uri": {"http://localhost:4711"}, "scope": {"openid profile offline_access User.Read"},
		"login_hint": {botUPN}, "code_challenge": {s256(verifier)}, "code_challenge_method": {"S256"}}))
	res, err := newPublicApp(t, srv).AcquireTokenByAuthCode(testContext(t), q.Get("code"), "http://localhost:4711",
		[]string{"User.Read"}, public.WithChallenge(verifier))
	if err != nil {
		t.Fatalf("AcquireTokenByAuthCode: %v", err)
	}
	wantClaim(t, claimsOf(t, res.AccessToken), "upn", botUPN)
	if err := verifyWithOIDC(t, srv, publicCloud, res.IDToken.RawToken, idp.DefaultCLIClientID); err != nil {
		t.Errorf("go-oidc: %v", err)
	}
}

// msal-go confidential: AuthCodeURL → sign-in → AcquireTokenByAuthCode
// (consent recorded on the way by the auto-approve user), then the Tasks
// API trades the user's token for a Graph token on behalf of the user.
func TestMSALConfidentialAuthCodeAndOBO(t *testing.T) {
	srv := userFlowServer(t)
	cred, _ := confidential.NewCredFromSecret(webSecret)
	web, err := confidential.New(srv.AuthorityURL(idp.DefaultTenantID), webClientID, cred,
		confidential.WithHTTPClient(srv.Client()), confidential.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	u, err := web.AuthCodeURL(testContext(t), webClientID, "https://app.example/cb",
		[]string{"openid", "profile", "offline_access", "User.Read"}, confidential.WithLoginHint(botUPN))
	if err != nil {
		t.Fatal(err)
	}
	q := codeFromRedirect(t, srv, u)
	res, err := web.AcquireTokenByAuthCode(testContext(t), q.Get("code"), "https://app.example/cb", []string{"User.Read"})
	if err != nil {
		t.Fatalf("confidential AcquireTokenByAuthCode: %v", err)
	}
	wantClaim(t, claimsOf(t, res.AccessToken), "appidacr", "1")
	if err := verifyWithOIDC(t, srv, publicCloud, res.IDToken.RawToken, webClientID); err != nil {
		t.Errorf("go-oidc: %v", err)
	}

	// The user's token for the Tasks API, then on-behalf-of to Graph.
	//lint:ignore SA1019 ROPC is a flow mockidp serves and msal-go still ships; deprecated there, not removed
	user, err := newPublicApp(t, srv).AcquireTokenByUsernamePassword(testContext(t),
		[]string{idp.DefaultAPIURI + "/access_as_user"}, alexUPN, idp.DefaultUserPassword)
	if err != nil {
		t.Fatal(err)
	}
	apiCred, _ := confidential.NewCredFromSecret(idp.DefaultAPISecret)
	api, err := confidential.New(srv.AuthorityURL(idp.DefaultTenantID), idp.DefaultAPIClientID, apiCred,
		confidential.WithHTTPClient(srv.Client()), confidential.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	obo, err := api.AcquireTokenOnBehalfOf(testContext(t), user.AccessToken, []string{"https://graph.microsoft.com/User.Read"})
	if err != nil {
		t.Fatalf("AcquireTokenOnBehalfOf: %v", err)
	}
	c := claimsOf(t, obo.AccessToken)
	wantClaim(t, c, "aud", "https://graph.microsoft.com")
	wantClaim(t, c, "appid", idp.DefaultAPIClientID)
	wantClaim(t, c, "upn", alexUPN)
	if scp, _ := c["scp"].(string); !contains(" "+scp+" ", " User.Read ") {
		t.Errorf("scp = %q", scp)
	}
	if _, err := api.AcquireTokenOnBehalfOf(testContext(t), user.AccessToken, []string{"https://graph.microsoft.com/Mail.Read"}); err == nil ||
		!contains(err.Error(), "AADSTS65001") {
		t.Errorf("OBO without consent: %v", err)
	}
}
