package integration_test

import (
	"testing"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// msal-go's username/password flow: user realm, then the password grant,
// then a silent call served from its cache.
func TestMSALUsernamePassword(t *testing.T) {
	srv := mockidptest.NewServer(t)
	app, err := public.New(idp.DefaultCLIClientID, public.WithAuthority(srv.AuthorityURL(idp.DefaultTenantID)),
		public.WithHTTPClient(srv.Client()), public.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	upn := idp.DefaultUserUPN("contoso.onmicrosoft.com")
	//lint:ignore SA1019 ROPC is a flow mockidp serves and msal-go still ships; deprecated there, not removed
	res, err := app.AcquireTokenByUsernamePassword(testContext(t), []string{"User.Read"}, upn, idp.DefaultUserPassword)
	if err != nil {
		t.Fatalf("AcquireTokenByUsernamePassword: %v", err)
	}
	c := claimsOf(t, res.AccessToken)
	wantClaim(t, c, "aud", "https://graph.microsoft.com")
	wantClaim(t, c, "upn", upn)
	wantClaim(t, c, "oid", idp.DefaultUserID)
	if res.Account.PreferredUsername != upn || res.Account.HomeAccountID != idp.DefaultUserID+"."+idp.DefaultTenantID {
		t.Errorf("account = %+v", res.Account)
	}
	silent, err := app.AcquireTokenSilent(testContext(t), []string{"User.Read"}, public.WithSilentAccount(res.Account))
	if err != nil || silent.AccessToken != res.AccessToken {
		t.Fatalf("silent from cache: %v", err)
	}
	//lint:ignore SA1019 ROPC is a flow mockidp serves and msal-go still ships; deprecated there, not removed
	_, err = app.AcquireTokenByUsernamePassword(testContext(t), []string{"User.Read"}, upn, "wrong")
	if err == nil || !contains(err.Error(), "AADSTS50126") {
		t.Fatalf("wrong password: %v", err)
	}
}
