package integration_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

const graphDefault = "https://graph.microsoft.com/.default"

// vendorCallback is the vendor app's web redirect URI: it records the
// last query it was sent (an admin consent answer or a code).
type vendorCallback struct {
	*httptest.Server
	mu   sync.Mutex
	last url.Values
}

func (cb *vendorCallback) query() url.Values {
	cb.mu.Lock()
	defer cb.mu.Unlock()
	return cb.last
}

// vendorServer starts mockidp with the default seed, the vendor app
// also accepting a local callback as redirect URI.
func vendorServer(t *testing.T) (*mockidptest.Server, *vendorCallback) {
	cb := &vendorCallback{}
	cb.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cb.mu.Lock()
		cb.last = r.URL.Query()
		cb.mu.Unlock()
	}))
	t.Cleanup(cb.Close)
	seed := idp.DefaultSeed()
	for i := range seed.Tenants[0].Applications {
		if a := &seed.Tenants[0].Applications[i]; a.ClientID == idp.DefaultVendorClientID {
			a.RedirectURIs = append(a.RedirectURIs, cb.URL+"/cb")
		}
	}
	return mockidptest.NewServer(t, mockidptest.WithSeed(seed)), cb
}

// vendorMSAL gets an app-only Graph token in tenant with the vendor's
// secret through msal-go (a new client each time: no cache).
func vendorMSAL(t *testing.T, srv *mockidptest.Server, tenant string) (string, error) {
	t.Helper()
	cred, err := confidential.NewCredFromSecret(idp.DefaultVendorSecret)
	if err != nil {
		t.Fatal(err)
	}
	app, err := confidential.New(srv.AuthorityURL(tenant), idp.DefaultVendorClientID, cred,
		confidential.WithHTTPClient(srv.Client()), confidential.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	res, err := app.AcquireTokenByCredential(testContext(t), []string{graphDefault})
	return res.AccessToken, err
}

// vendorAzidentity does the same through azidentity.
func vendorAzidentity(t *testing.T, srv *mockidptest.Server, tenant string) (string, error) {
	t.Helper()
	c, err := azidentity.NewClientSecretCredential(tenant, idp.DefaultVendorClientID, idp.DefaultVendorSecret,
		&azidentity.ClientSecretCredentialOptions{ClientOptions: azOptions(srv, publicCloud), DisableInstanceDiscovery: true})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := c.GetToken(testContext(t), policy.TokenRequestOptions{Scopes: []string{graphDefault}})
	return tok.Token, err
}

func wantAADSTS(t *testing.T, what string, err error, code string) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), "AADSTS"+code) {
		t.Fatalf("%s: %v, want AADSTS%s", what, err, code)
	}
}

func adminConsentURL(srv *mockidptest.Server, tenant, redirect string) string {
	return srv.URL() + "/" + tenant + "/v2.0/adminconsent?" + url.Values{"client_id": {idp.DefaultVendorClientID},
		"scope": {graphDefault}, "redirect_uri": {redirect}, "state": {"vendor"}}.Encode()
}

// The vendor's multi-tenant app in the customer tenant, through msal-go
// and azidentity: unknown before consent (AADSTS700016), a non-admin
// cannot consent (AADSTS90094), the admin consents on the page, then
// tokens carry the customer's tid and the roles granted there; deleting
// the service principal brings AADSTS700016 back.
func TestVendorAppCustomerTenant(t *testing.T) {
	srv, cb := vendorServer(t)
	getters := map[string]func(*testing.T, *mockidptest.Server, string) (string, error){
		"msal-go": vendorMSAL, "azidentity": vendorAzidentity}
	for name, get := range getters {
		_, err := get(t, srv, idp.DefaultCustomerTenantID)
		wantAADSTS(t, name+" before consent", err, "700016")
	}

	user := mockidptest.Browser{Client: srv.Client(), Username: idp.DefaultCustomerUserUPN, Password: idp.DefaultUserPassword}
	if err := user.Open(adminConsentURL(srv, "organizations", cb.URL+"/cb")); err != nil {
		t.Fatal(err)
	}
	if q := cb.query(); q.Get("error") != "access_denied" || q.Get("error_subcode") != "cancel" ||
		!strings.HasPrefix(q.Get("error_description"), "AADSTS90094") {
		t.Fatalf("non-admin answer = %v", q)
	}

	admin := mockidptest.Browser{Client: srv.Client(), Username: idp.DefaultCustomerAdminUPN, Password: idp.DefaultUserPassword}
	if err := admin.Open(adminConsentURL(srv, idp.DefaultCustomerDomain, cb.URL+"/cb")); err != nil {
		t.Fatal(err)
	}
	if q := cb.query(); q.Get("admin_consent") != "True" || q.Get("tenant") != idp.DefaultCustomerTenantID || q.Get("state") != "vendor" {
		t.Fatalf("admin consent answer = %v", q)
	}

	for name, get := range getters {
		for _, tenant := range []string{idp.DefaultCustomerTenantID, idp.DefaultCustomerDomain} {
			tok, err := get(t, srv, tenant)
			if err != nil {
				t.Fatalf("%s in %s after consent: %v", name, tenant, err)
			}
			c := claimsOf(t, tok)
			wantClaim(t, c, "tid", idp.DefaultCustomerTenantID)
			wantClaim(t, c, "iss", "https://sts.windows.net/"+idp.DefaultCustomerTenantID+"/")
			if roles, _ := c["roles"].([]any); len(roles) != 1 || roles[0] != "User.Read.All" {
				t.Errorf("%s roles = %v", name, c["roles"])
			}
		}
	}

	if err := srv.Control.DeleteServicePrincipal(testContext(t), idp.DefaultCustomerTenantID, idp.DefaultVendorClientID); err != nil {
		t.Fatal(err)
	}
	for name, get := range getters {
		_, err := get(t, srv, idp.DefaultCustomerTenantID)
		wantAADSTS(t, name+" after deleting the service principal", err, "700016")
	}
}

// A user of the customer tenant signs in to the vendor app through
// /organizations with msal-go: the consent page, then tokens of the
// customer tenant; withdrawing that user's grant brings AADSTS65001.
func TestVendorAppUserSignIn(t *testing.T) {
	srv, cb := vendorServer(t)
	shortLivedTokens(t, srv, idp.DefaultVendorClientID) // msal-go then refreshes on every silent call
	cred, _ := confidential.NewCredFromSecret(idp.DefaultVendorSecret)
	app, err := confidential.New(srv.AuthorityURL("organizations"), idp.DefaultVendorClientID, cred,
		confidential.WithHTTPClient(srv.Client()), confidential.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	redirect := cb.URL + "/cb"
	u, err := app.AuthCodeURL(testContext(t), idp.DefaultVendorClientID, redirect, []string{"User.Read"})
	if err != nil {
		t.Fatal(err)
	}
	b := mockidptest.Browser{Client: srv.Client(), Username: idp.DefaultCustomerUserUPN, Password: idp.DefaultUserPassword}
	if err := b.Open(u); err != nil {
		t.Fatal(err)
	}
	res, err := app.AcquireTokenByAuthCode(testContext(t), cb.query().Get("code"), redirect, []string{"User.Read"})
	if err != nil {
		t.Fatalf("AcquireTokenByAuthCode: %v", err)
	}
	if !strings.HasSuffix(res.Account.HomeAccountID, "."+idp.DefaultCustomerTenantID) || res.IDToken.TenantID != idp.DefaultCustomerTenantID {
		t.Errorf("home account %q, id token tid %q", res.Account.HomeAccountID, res.IDToken.TenantID)
	}
	wantClaim(t, claimsOf(t, res.AccessToken), "tid", idp.DefaultCustomerTenantID)

	if err := srv.Control.State(testContext(t), controlapi.OpRevokeConsent, controlapi.Params{Tenant: idp.DefaultCustomerTenantID,
		ClientID: idp.DefaultVendorClientID, User: idp.DefaultCustomerUserUPN}); err != nil {
		t.Fatal(err)
	}
	srv.Clock.Advance(3 * time.Hour)
	_, err = app.AcquireTokenSilent(testContext(t), []string{"User.Read"}, confidential.WithSilentAccount(res.Account))
	wantAADSTS(t, "refresh after the user's grant was removed", err, "65001")
}

// A user of another tenant gets AADSTS50020 from a single-tenant app
// (msal-go interactive through /organizations), and the confidential
// vendor app without "Allow public client flows" cannot use the device
// code flow (AADSTS7000218).
func TestSingleTenantAndPublicClientFlows(t *testing.T) {
	srv := mockidptest.NewServer(t)
	app, err := public.New(idp.DefaultCLIClientID, public.WithAuthority(srv.AuthorityURL("organizations")),
		public.WithHTTPClient(srv.Client()), public.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	b := mockidptest.Browser{Client: srv.Client(), Username: idp.DefaultCustomerUserUPN, Password: idp.DefaultUserPassword}
	_, err = app.AcquireTokenInteractive(testContext(t), []string{"User.Read"}, public.WithOpenURL(b.Open))
	wantAADSTS(t, "single-tenant app, user of another tenant", err, "50020")

	vendor, err := public.New(idp.DefaultVendorClientID, public.WithAuthority(srv.AuthorityURL("organizations")),
		public.WithHTTPClient(srv.Client()), public.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	_, err = vendor.AcquireTokenByDeviceCode(testContext(t), []string{"User.Read"})
	wantAADSTS(t, "device code without public client flows", err, "7000218")
}

// selfDeployedClientID is a multi-tenant public client (public client
// flows allowed), as a self-deployed CLI tool registers itself.
const selfDeployedClientID = "5e1f3a7c-9b2d-4c6e-8a0f-1b3d5f7a9c2e"

// A self-deployed multi-tenant public app uses the device code flow on
// /organizations: a user of the customer tenant approves, which consents
// and brings the app into their tenant, and msal-go gets a token of it.
func TestMultiTenantDeviceCode(t *testing.T) {
	seed := idp.DefaultSeed()
	seed.Tenants[0].Applications = append(seed.Tenants[0].Applications, idp.Application{ClientID: selfDeployedClientID,
		DisplayName: "self-deployed tool", PublicClient: true, SignInAudience: idp.AudienceMultipleOrgs,
		RequiredPermissions: []idp.RequiredPermission{{Resource: "https://graph.microsoft.com", Scopes: []string{"User.Read"}}}})
	srv := mockidptest.NewServer(t, mockidptest.WithSeed(seed))
	app, err := public.New(selfDeployedClientID, public.WithAuthority(srv.AuthorityURL("organizations")),
		public.WithHTTPClient(srv.Client()), public.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	dc, err := app.AcquireTokenByDeviceCode(testContext(t), []string{"User.Read"})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.ApproveDeviceCode(dc.Result.UserCode, idp.DefaultCustomerUserUPN); err != nil {
		t.Fatal(err)
	}
	res, err := dc.AuthenticationResult(testContext(t))
	if err != nil {
		t.Fatalf("AuthenticationResult: %v", err)
	}
	wantClaim(t, claimsOf(t, res.AccessToken), "tid", idp.DefaultCustomerTenantID)
	list, err := srv.Control.ServicePrincipals(testContext(t), idp.DefaultCustomerTenantID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(list, func(sp controlapi.ServicePrincipal) bool { return sp.AppID == selfDeployedClientID }) {
		t.Error("approving did not create the service principal in the customer tenant")
	}
}
