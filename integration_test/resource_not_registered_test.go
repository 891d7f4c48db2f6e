package integration_test

import (
	"strings"
	"testing"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// msal-go's interactive login for the /.default of an API the public
// client never registered comes back from /authorize with AADSTS650057
// (through msal-go's form_post listener), not with a code that fails
// later; a named scope of the same API is dynamic consent and succeeds.
func TestMSALInteractiveResourceNotRegistered(t *testing.T) {
	srv := userFlowServer(t)
	app := newPublicApp(t, srv)
	browser := mockidptest.Browser{Client: srv.Client()}
	_, err := app.AcquireTokenInteractive(testContext(t), []string{"https://management.azure.com/.default"},
		public.WithOpenURL(browser.Open), public.WithLoginHint(botUPN))
	wantAADSTS(t, "/.default of an unregistered API", err, "650057")
	for _, part := range []string{"Client app ID: " + idp.DefaultCLIClientID + "(mockidp CLI).",
		"Resource value from request: https://management.azure.com.", "Resource app ID: " + idp.ARMAppID + "."} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("error lacks %q: %v", part, err)
		}
	}
	res, err := app.AcquireTokenInteractive(testContext(t), []string{"https://management.azure.com/user_impersonation"},
		public.WithOpenURL(browser.Open), public.WithLoginHint(botUPN))
	if err != nil {
		t.Fatalf("named scope: %v", err)
	}
	wantClaim(t, claimsOf(t, res.AccessToken), "scp", "user_impersonation")
}
