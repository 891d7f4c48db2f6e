package integration_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
	"golang.org/x/oauth2"
)

// x/oauth2: a claims parameter on the authorize URL only (as an app
// answering a CAE challenge sends it) reaches the access token that
// Exchange gets for the code; invalid JSON comes back as invalid_request.
func TestOAuth2AuthorizeClaims(t *testing.T) {
	srv := userFlowServer(t)
	ctx := oidc.ClientContext(testContext(t), srv.Client())
	provider, err := oidc.NewProvider(ctx, srv.AuthorityURL(idp.DefaultTenantID)+"/v2.0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := oauth2.Config{ClientID: webClientID, ClientSecret: webSecret, Endpoint: provider.Endpoint(),
		RedirectURL: "https://app.example/cb", Scopes: []string{oidc.ScopeOpenID, "User.Read"}}
	verifier := oauth2.GenerateVerifier()
	u := cfg.AuthCodeURL("s", oauth2.S256ChallengeOption(verifier), oauth2.SetAuthURLParam("login_hint", botUPN),
		oauth2.SetAuthURLParam("claims", `{"access_token":{"xms_cc":{"values":["cp1"]}}}`))
	tok, err := cfg.Exchange(ctx, codeFromRedirect(t, srv, u).Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("Exchange: %v", err)
	}
	if cc, _ := claimsOf(t, tok.AccessToken)["xms_cc"].([]any); len(cc) != 1 || cc[0] != "cp1" {
		t.Fatalf("xms_cc = %v, want [cp1] from the authorize request's claims", cc)
	}

	hc := srv.Client()
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := hc.Get(cfg.AuthCodeURL("s", oauth2.SetAuthURLParam("claims", "{not json")))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if q := loc.Query(); resp.StatusCode != http.StatusFound || q.Get("error") != "invalid_request" ||
		!contains(q.Get("error_description"), "AADSTS9002313") {
		t.Fatalf("invalid claims: %d %v", resp.StatusCode, loc)
	}
}

// msal-go's username/password flow for a user of a federated domain:
// user realm says Federated, msal-go turns to WS-Trust, whose metadata
// mockidp does not serve, so the call fails instead of signing in.
func TestMSALUsernamePasswordFederated(t *testing.T) {
	const upn = "sam@corp.contoso.example"
	seed := idp.DefaultSeed()
	seed.Tenants[0].FederatedDomains = []string{"corp.contoso.example"}
	seed.Tenants[0].Users = append(seed.Tenants[0].Users, idp.User{ObjectID: "a1b2c3d4-0000-4000-8000-0000000000fd",
		UserPrincipalName: upn, Password: "sam-password"})
	srv := mockidptest.NewServer(t, mockidptest.WithSeed(seed))
	app, err := public.New(idp.DefaultCLIClientID, public.WithAuthority(srv.AuthorityURL(idp.DefaultTenantID)),
		public.WithHTTPClient(srv.Client()), public.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	//lint:ignore SA1019 ROPC is a flow mockidp serves and msal-go still ships; deprecated there, not removed
	_, err = app.AcquireTokenByUsernamePassword(testContext(t), []string{"User.Read"}, upn, "sam-password")
	if err == nil || !contains(err.Error(), "404") {
		t.Fatalf("federated user: %v, want msal-go's WS-Trust metadata fetch to fail with 404", err)
	}
}
