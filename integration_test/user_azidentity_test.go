package integration_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// fakeXDGOpen builds testdata/xdg-open and puts it first on PATH, with
// the CA it must trust in SSL_CERT_FILE: what pkg/browser runs for
// azidentity's InteractiveBrowserCredential.
func fakeXDGOpen(t *testing.T, srv *mockidptest.Server) {
	dir := t.TempDir()
	out, err := exec.Command("go", "build", "-o", filepath.Join(dir, "xdg-open"), "./testdata/xdg-open").CombinedOutput()
	if err != nil {
		t.Fatalf("build fake xdg-open: %v\n%s", err, out)
	}
	ca := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(ca, srv.CA.CertPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("SSL_CERT_FILE", ca)
}

// InteractiveBrowserCredential, driven by the fake xdg-open: headless
// through an auto-approve user, and through the sign-in page.
func TestAzidentityInteractiveBrowser(t *testing.T) {
	cases := []struct{ name, hint, user, password string }{
		{"auto-approve", botUPN, "", ""},
		{"sign-in page", "", alexUPN, idp.DefaultUserPassword},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := userFlowServer(t)
			fakeXDGOpen(t, srv)
			t.Setenv("MOCKIDP_BROWSER_USER", tc.user)
			t.Setenv("MOCKIDP_BROWSER_PASSWORD", tc.password)
			cred, err := azidentity.NewInteractiveBrowserCredential(&azidentity.InteractiveBrowserCredentialOptions{
				ClientOptions: azOptions(srv, publicCloud), ClientID: idp.DefaultCLIClientID, TenantID: idp.DefaultTenantID,
				LoginHint: tc.hint, DisableInstanceDiscovery: true})
			if err != nil {
				t.Fatal(err)
			}
			tok, err := cred.GetToken(testContext(t), policy.TokenRequestOptions{Scopes: []string{"User.Read"}})
			if err != nil {
				t.Fatalf("GetToken: %v", err)
			}
			want := tc.hint + tc.user
			wantClaim(t, claimsOf(t, tok.Token), "upn", want)
			rec, err := cred.Authenticate(testContext(t), &policy.TokenRequestOptions{Scopes: []string{"User.Read"}})
			if err != nil || rec.Username != want || rec.TenantID != idp.DefaultTenantID {
				t.Errorf("Authenticate: %+v, %v", rec, err)
			}
		})
	}
}

func TestAzidentityUsernamePasswordAndOBO(t *testing.T) {
	srv := userFlowServer(t)
	//lint:ignore SA1019 ROPC is a flow mockidp serves and real clients still call; deprecated there, not removed
	opts := &azidentity.UsernamePasswordCredentialOptions{ClientOptions: azOptions(srv, publicCloud),
		DisableInstanceDiscovery: true}
	up, err := azidentity.NewUsernamePasswordCredential(idp.DefaultTenantID, idp.DefaultCLIClientID, alexUPN,
		idp.DefaultUserPassword, opts)
	if err != nil {
		t.Fatal(err)
	}
	user, err := up.GetToken(testContext(t), policy.TokenRequestOptions{Scopes: []string{idp.DefaultAPIURI + "/access_as_user"}})
	if err != nil {
		t.Fatalf("UsernamePasswordCredential: %v", err)
	}
	wantClaim(t, claimsOf(t, user.Token), "aud", idp.DefaultAPIClientID)
	obo, err := azidentity.NewOnBehalfOfCredentialWithSecret(idp.DefaultTenantID, idp.DefaultAPIClientID, user.Token,
		idp.DefaultAPISecret, &azidentity.OnBehalfOfCredentialOptions{ClientOptions: azOptions(srv, publicCloud), DisableInstanceDiscovery: true})
	if err != nil {
		t.Fatal(err)
	}
	down, err := obo.GetToken(testContext(t), policy.TokenRequestOptions{Scopes: []string{"https://graph.microsoft.com/.default"}})
	if err != nil {
		t.Fatalf("OnBehalfOfCredential: %v", err)
	}
	c := claimsOf(t, down.Token)
	wantClaim(t, c, "aud", "https://graph.microsoft.com")
	wantClaim(t, c, "oid", idp.DefaultUserID)
	wantClaim(t, c, "appid", idp.DefaultAPIClientID)
}
