package integration_test

import (
	"maps"
	"net/http"
	"slices"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/managedidentity"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidpclient"
	"github.com/mockidp/mockidp/mockidpcontainer"
	"github.com/mockidp/mockidp/mockidptest"
	"github.com/mockidp/mockidp/scenarios"
)

// containerMIResources are the APIs the container test's managed-identity
// tokens are for, one per source: msal-go's managed-identity token cache
// is process-wide and keyed by identity and resource, not by source, so a
// resource shared between sources (or with another test) would hand one
// the token another got.
var containerMIResources = map[string]string{
	mockidpcontainer.SourceAppService:    "api://mi-test/container-app-service",
	mockidpcontainer.SourceServiceFabric: "api://mi-test/container-service-fabric",
	"IMDS":                               "api://mi-test/container-imds",
}

// TestContainerFlows runs the user, managed-identity and failure flows
// against one container through the module, each with a real client:
// msal-go device code approved through the control API, azidentity and
// msal-go managed identity through the container's IMDS listener (App
// Service variables, and IMDS at 169.254.169.254 through the proxy), and
// a preset whose error azidentity reports. The subtests run in order; the
// preset one is last and resets the container after itself.
func TestContainerFlows(t *testing.T) {
	seed := miSeed(slices.Collect(maps.Values(containerMIResources))...)
	ctr := runContainer(t, mockidpcontainer.WithSeed(seed))
	// The same seed in process names the identities the tokens must carry.
	ref := mockidptest.NewServer(t, mockidptest.WithSeed(seed))
	control, err := ctr.Control(testContext(t))
	if err != nil {
		t.Fatal(err)
	}

	t.Run("msal-go device code approved through the control API", func(t *testing.T) {
		containerDeviceCode(t, ctr, control)
	})
	for _, src := range []struct{ source, compute string }{
		{mockidpcontainer.SourceAppService, idp.DefaultAppServiceName},
		{mockidpcontainer.SourceServiceFabric, idp.DefaultServiceFabricName},
	} {
		t.Run("azidentity "+src.source+" variables", func(t *testing.T) {
			setContainerMIEnv(t, ctr, src.source)
			resource := containerMIResources[src.source]
			tok := azMIToken(t, directClient(), nil, resource)
			wantContainerMIClaims(t, tok, resource, identityOf(t, ref, src.compute, false))
		})
	}
	t.Run("IMDS through the proxy", func(t *testing.T) {
		unsetMIEnv(t)
		proxied, err := ctr.ProxyClient(testContext(t))
		if err != nil {
			t.Fatal(err)
		}
		resource := containerMIResources["IMDS"]
		tok := azMIToken(t, proxied, nil, resource)
		wantContainerMIClaims(t, tok, resource, identityOf(t, ref, idp.DefaultVMName, false))
		tok = msalMIToken(t, proxied, managedidentity.UserAssignedClientID(idp.DefaultIdentityClientID), resource)
		wantContainerMIClaims(t, tok, resource, identityOf(t, ref, idp.DefaultVMName, true))
	})
	t.Run("invalid-secret preset", func(t *testing.T) {
		containerPreset(t, ctr, control)
	})
}

// containerDeviceCode approves the code msal-go shows, as the default
// user, before the first poll, so the flow takes no polling interval.
func containerDeviceCode(t *testing.T, ctr *mockidpcontainer.Container, control *mockidpclient.Client) {
	ctx := testContext(t)
	authority, err := ctr.AuthorityURL(ctx, clouds.Public, idp.DefaultTenantID)
	if err != nil {
		t.Fatal(err)
	}
	app, err := public.New(idp.DefaultCLIClientID, public.WithAuthority(authority),
		public.WithHTTPClient(ctr.HTTPClient()), public.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	dc, err := app.AcquireTokenByDeviceCode(ctx, []string{"User.Read"})
	if err != nil {
		t.Fatal(err)
	}
	if err := control.ApproveDeviceCode(ctx, dc.Result.UserCode, deviceUPN); err != nil {
		t.Fatalf("approve: %v", err)
	}
	res, err := dc.AuthenticationResult(ctx)
	if err != nil {
		t.Fatalf("AuthenticationResult: %v", err)
	}
	c := claimsOf(t, res.AccessToken)
	wantClaim(t, c, "upn", deviceUPN)
	wantClaim(t, c, "oid", idp.DefaultUserID)
	wantClaim(t, c, "appid", idp.DefaultCLIClientID)
	wantClaim(t, c, "scp", "User.Read openid profile")
	// An approved code is used up: approving it again is a control-API error.
	if err := control.ApproveDeviceCode(ctx, dc.Result.UserCode, deviceUPN); err == nil {
		t.Error("approving a redeemed code again succeeded")
	}
}

// containerPreset deletes the daemon's secret through the control API;
// azidentity must report Entra's error, and work again after a reset.
func containerPreset(t *testing.T, ctr *mockidpcontainer.Container, control *mockidpclient.Client) {
	ctx := testContext(t)
	if _, err := control.Preset(ctx, "invalid-secret", scenarios.Params{}); err != nil {
		t.Fatalf("preset: %v", err)
	}
	_, err := containerSecretCredential(t, ctr).GetToken(ctx, policy.TokenRequestOptions{Scopes: graphScope})
	wantAuthFailed(t, err, http.StatusUnauthorized, "AADSTS7000215", "invalid_client")
	if err := control.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := containerSecretCredential(t, ctr).GetToken(ctx, policy.TokenRequestOptions{Scopes: graphScope}); err != nil {
		t.Fatalf("after reset: %v", err)
	}
}

func containerSecretCredential(t *testing.T, ctr *mockidpcontainer.Container) *azidentity.ClientSecretCredential {
	t.Helper()
	base, err := ctr.BaseURL(testContext(t))
	if err != nil {
		t.Fatal(err)
	}
	c, err := azidentity.NewClientSecretCredential(idp.DefaultTenantID, idp.DefaultDaemonClientID, idp.DefaultDaemonSecret,
		&azidentity.ClientSecretCredentialOptions{DisableInstanceDiscovery: true, ClientOptions: azcore.ClientOptions{
			Cloud: cloud.Configuration{ActiveDirectoryAuthorityHost: base + "/"}, Transport: ctr.HTTPClient()}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// setContainerMIEnv is setMIEnv for the container's listeners.
func setContainerMIEnv(t *testing.T, ctr *mockidpcontainer.Container, source string) {
	unsetMIEnv(t)
	env, err := ctr.ManagedIdentityEnv(testContext(t), source)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
	if got, err := managedidentity.GetSource(); err != nil || string(got) != source {
		t.Fatalf("msal-go detects source %q (%v), want %s", got, err, source)
	}
}

// wantContainerMIClaims checks a managed-identity token of the container:
// a v1.0 token, so its issuer is the cloud's own, as from Azure's IMDS.
func wantContainerMIClaims(t *testing.T, token, resource string, id miIdentity) {
	t.Helper()
	c := claimsOf(t, token)
	wantClaim(t, c, "aud", resource)
	wantClaim(t, c, "appid", id.clientID)
	wantClaim(t, c, "oid", id.principalID)
	wantClaim(t, c, "idtyp", "app")
	wantClaim(t, c, "tid", idp.DefaultTenantID)
	wantClaim(t, c, "xms_mirid", id.mirid)
	if roles, _ := c["roles"].([]any); len(roles) != 1 || roles[0] != "Widgets.Read" {
		t.Errorf("roles = %v, want [Widgets.Read]", c["roles"])
	}
	if iss, _ := c["iss"].(string); iss != "https://sts.windows.net/"+idp.DefaultTenantID+"/" {
		t.Errorf("iss = %q", iss)
	}
}
