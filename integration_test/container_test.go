package integration_test

import (
	"context"
	"io"
	"slices"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/dockertest"
	"github.com/mockidp/mockidp/mockidpcontainer"
	"github.com/testcontainers/testcontainers-go"
)

// runContainer starts mockidp from the image built from the repository's
// Dockerfile (or MOCKIDP_IMAGE) and removes it when the test ends.
func runContainer(t *testing.T, opts ...testcontainers.ContainerCustomizer) *mockidpcontainer.Container {
	t.Helper()
	img := dockertest.Image(t)
	ctr, err := mockidpcontainer.Run(context.Background(), img, opts...)
	testcontainers.CleanupContainer(t, ctr)
	if err != nil {
		t.Fatalf("mockidpcontainer.Run: %v", err)
	}
	return ctr
}

// TestContainerAzidentityClientSecret gets app-only tokens in every cloud
// from the container with azidentity, and verifies each with go-oidc
// against the container's discovery document and keys.
func TestContainerAzidentityClientSecret(t *testing.T) {
	ctr := runContainer(t)
	for _, cc := range testClouds {
		t.Run(cc.cloud.Name, func(t *testing.T) {
			ctx := testContext(t)
			base, err := ctr.CloudBaseURL(ctx, cc.cloud)
			if err != nil {
				t.Fatal(err)
			}
			c, err := azidentity.NewClientSecretCredential(cc.tenant, idp.DefaultDaemonClientID, idp.DefaultDaemonSecret,
				&azidentity.ClientSecretCredentialOptions{DisableInstanceDiscovery: true, ClientOptions: azcore.ClientOptions{
					Cloud:     cloud.Configuration{ActiveDirectoryAuthorityHost: base + "/"},
					Transport: ctr.HTTPClient(),
				}})
			if err != nil {
				t.Fatal(err)
			}
			resource := "https://" + cc.cloud.GraphHost
			token := azToken(t, c, resource+"/.default")
			claims := claimsOf(t, token)
			wantClaim(t, claims, "tid", cc.tenant)
			wantClaim(t, claims, "appid", idp.DefaultDaemonClientID)
			wantClaim(t, claims, "iss", v1Issuer(cc)) // the cloud's own v1 issuer on any host

			authority, _ := ctr.AuthorityURL(ctx, cc.cloud, cc.tenant)
			oidcCtx := oidc.InsecureIssuerURLContext(oidc.ClientContext(ctx, ctr.HTTPClient()), v1Issuer(cc))
			provider, err := oidc.NewProvider(oidcCtx, authority+"/")
			if err != nil {
				t.Fatalf("go-oidc discovery: %v", err)
			}
			if _, err := provider.Verifier(&oidc.Config{ClientID: resource}).Verify(oidcCtx, token); err != nil {
				t.Fatalf("go-oidc verify: %v", err)
			}
		})
	}
}

// TestContainerMSALThroughProxy keeps MSAL's real authority and instance
// discovery and gives it only the container's proxy and CA.
func TestContainerMSALThroughProxy(t *testing.T) {
	ctr := runContainer(t)
	ctx := testContext(t)
	client, err := ctr.ProxyClient(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cred, err := confidential.NewCredFromSecret(idp.DefaultDaemonSecret)
	if err != nil {
		t.Fatal(err)
	}
	app, err := confidential.New("https://login.microsoftonline.com/"+idp.DefaultTenantID, idp.DefaultDaemonClientID,
		cred, confidential.WithHTTPClient(client))
	if err != nil {
		t.Fatal(err)
	}
	res, err := app.AcquireTokenByCredential(ctx, []string{"https://graph.microsoft.com/.default"})
	if err != nil {
		t.Fatalf("AcquireTokenByCredential: %v", err)
	}
	wantClaim(t, claimsOf(t, res.AccessToken), "iss", "https://sts.windows.net/"+idp.DefaultTenantID+"/")
}

// TestContainerImage checks what the Dockerfile promises: a non-root user,
// the one volume, and a healthcheck subcommand that works in the image
// (which has no shell).
func TestContainerImage(t *testing.T) {
	ctr := runContainer(t)
	ctx := testContext(t)
	info, err := ctr.Inspect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if u := info.Config.User; u != "65532:65532" {
		t.Errorf("user = %q, want 65532:65532", u)
	}
	if _, ok := info.Config.Volumes["/data"]; !ok || len(info.Config.Volumes) != 1 {
		t.Errorf("volumes = %v, want only /data", info.Config.Volumes)
	}
	if hc := info.Config.Healthcheck; hc == nil || len(hc.Test) < 2 || hc.Test[len(hc.Test)-1] != "healthcheck" {
		t.Errorf("HEALTHCHECK = %+v, want the healthcheck subcommand", hc)
	}
	code, out, err := ctr.Exec(ctx, []string{"/mockidp", "healthcheck"})
	if err != nil {
		t.Fatal(err)
	}
	if code != 0 {
		msg, _ := io.ReadAll(out)
		t.Fatalf("mockidp healthcheck exit %d: %s", code, msg)
	}
	// Pointed at a port nothing listens on, it must fail.
	code, _, err = ctr.Exec(ctx, []string{"/mockidp", "healthcheck", "--listen", ":9"})
	if err != nil {
		t.Fatal(err)
	}
	if code != 1 {
		t.Fatalf("healthcheck against a closed port exit %d, want 1", code)
	}
}

// TestContainerSeed starts the container with a seed of its own and checks
// the seeded tenant answers and the default one is gone.
func TestContainerSeed(t *testing.T) {
	seed := idp.DefaultSeed().WithTenants(idp.DefaultTenantID)
	seed.Tenants[0].Domains = []string{"fabrikam.onmicrosoft.com"}
	// A subscription must name a tenant of the seed.
	seed.Subscriptions = slices.DeleteFunc(seed.Subscriptions, func(s idp.Subscription) bool {
		return s.TenantID != seed.Tenants[0].ID
	})
	ctr := runContainer(t, mockidpcontainer.WithSeed(seed))
	ctx := testContext(t)
	for _, tc := range []struct {
		tenant string
		status int
	}{{"fabrikam.onmicrosoft.com", 200}, {"contoso.onmicrosoft.com", 400}} {
		authority, _ := ctr.AuthorityURL(ctx, clouds.Public, tc.tenant)
		res, err := ctr.HTTPClient().Get(authority + "/v2.0/.well-known/openid-configuration")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tc.status {
			t.Errorf("%s discovery status %d, want %d", tc.tenant, res.StatusCode, tc.status)
		}
	}
	env, err := ctr.Env(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := env["AZURE_CLIENT_SECRET"]; ok {
		t.Error("Env hands out the default daemon's secret for a custom seed")
	}
}
