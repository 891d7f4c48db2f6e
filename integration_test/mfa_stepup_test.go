package integration_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	msalerrors "github.com/AzureAD/microsoft-authentication-library-for-go/apps/errors"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
	"github.com/mockidp/mockidp/scenarios"
)

// The MFA step-up loop, with msal-go as an app runs it: the user signs in,
// then must do MFA (the mfa-required preset); msal-go's silent refresh
// gets AADSTS50076 with a claims challenge; the app passes the challenge
// to AcquireTokenInteractive, the browser goes through the sign-in and
// the second-factor page, and the new token's amr has mfa — so the next
// silent refresh succeeds instead of looping on 50076.
func TestMSALInteractiveMFAStepUp(t *testing.T) {
	srv := mockidptest.NewServer(t)
	shortLivedTokens(t, srv, idp.DefaultCLIClientID)
	app := cliApp(t, srv)
	browser := mockidptest.Browser{Client: srv.Client(), Username: defaultUPN, Password: idp.DefaultUserPassword}
	first, err := app.AcquireTokenInteractive(testContext(t), []string{"User.Read"}, public.WithOpenURL(browser.Open),
		public.WithLoginHint(defaultUPN))
	if err != nil {
		t.Fatal(err)
	}
	if amr := amrClaim(t, first.AccessToken); slices.Contains(amr, "mfa") {
		t.Fatalf("MFA before it was required: %v", amr)
	}

	preset(t, srv, "mfa-required", scenarios.Params{User: defaultUPN})
	srv.Clock.Advance(time.Hour)
	_, err = app.AcquireTokenSilent(testContext(t), []string{"User.Read"}, public.WithSilentAccount(first.Account))
	claims := challengeClaims(t, err)

	stepped, err := app.AcquireTokenInteractive(testContext(t), []string{"User.Read"}, public.WithOpenURL(browser.Open),
		public.WithLoginHint(defaultUPN), public.WithClaims(claims))
	if err != nil {
		t.Fatalf("interactive with the 50076 claims: %v", err)
	}
	if amr := amrClaim(t, stepped.AccessToken); !slices.Equal(amr, []string{"pwd", "mfa"}) {
		t.Fatalf("amr = %v, want [pwd mfa]", amr)
	}
	if a := graphGet(t, srv, stepped.AccessToken, "/v1.0/me"); a.status != 200 {
		t.Errorf("Graph with the stepped-up token: %d %s", a.status, a.code)
	}
	srv.Clock.Advance(time.Hour)
	again, err := app.AcquireTokenSilent(testContext(t), []string{"User.Read"}, public.WithSilentAccount(stepped.Account))
	if err != nil {
		t.Fatalf("silent refresh after MFA: %v", err)
	}
	if amr := amrClaim(t, again.AccessToken); !slices.Contains(amr, "mfa") {
		t.Errorf("refreshed amr = %v", amr)
	}
}

// challengeClaims is the claims challenge of a 50076 answer msal-go
// returned, read from its CallErr as an app reads it.
func challengeClaims(t *testing.T, err error) string {
	t.Helper()
	wantErrorContains(t, err, "AADSTS50076")
	var ce msalerrors.CallErr
	if !errors.As(err, &ce) || ce.Resp == nil {
		t.Fatalf("not a CallErr: %v", err)
	}
	var body struct {
		Claims string `json:"claims"`
	}
	if err := json.NewDecoder(ce.Resp.Body).Decode(&body); err != nil || body.Claims == "" {
		t.Fatalf("no claims in the 50076 answer: %v", err)
	}
	return body.Claims
}

func amrClaim(t *testing.T, token string) []string {
	t.Helper()
	var out []string
	list, _ := claimsOf(t, token)["amr"].([]any)
	for _, v := range list {
		s, _ := v.(string)
		out = append(out, s)
	}
	return out
}
