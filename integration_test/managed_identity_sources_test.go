package integration_test

import (
	"net/http"
	"os"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/managedidentity"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// setMIEnv points the managed-identity clients at one source of srv, the
// way the platform's environment does. Tests using it cannot be parallel.
func setMIEnv(t *testing.T, srv *mockidptest.Server, source string) {
	unsetMIEnv(t)
	for k, v := range srv.ManagedIdentityEnv(source) {
		t.Setenv(k, v)
	}
	got, err := managedidentity.GetSource()
	if err != nil || string(got) != source {
		t.Fatalf("msal-go detects source %q (%v), want %s", got, err, source)
	}
}

// unsetMIEnv removes every source's variables for the test, which leaves
// the clients with IMDS.
func unsetMIEnv(t *testing.T) {
	unsetEnv(t, "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "IDENTITY_SERVER_THUMBPRINT", "MSI_ENDPOINT",
		"MSI_SECRET", "IMDS_ENDPOINT", "DEFAULT_IDENTITY_CLIENT_ID")
}

// unsetEnv removes variables for the test and restores them after it.
func unsetEnv(t *testing.T, keys ...string) {
	for _, k := range keys {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
}

// directClient calls the loopback endpoints without any proxy.
func directClient() *http.Client { return &http.Client{Transport: &http.Transport{}} }

// App Service and Azure ML: azidentity and msal-go, system-assigned and
// user-assigned (each source's own selectors), from the environment alone.
func TestManagedIdentityAppServiceAndAzureML(t *testing.T) {
	sources := []struct {
		source, compute string
		choices         []miChoice
	}{
		{mockidptest.SourceAppService, idp.DefaultAppServiceName, vmChoices},
		{mockidptest.SourceAzureML, idp.DefaultAzureMLName, vmChoices[:2]}, // client ID only
	}
	for _, src := range sources {
		for _, ch := range src.choices {
			t.Run(src.source+"/azidentity "+ch.name, func(t *testing.T) {
				srv, resource := miServer(t)
				setMIEnv(t, srv, src.source)
				tok := azMIToken(t, directClient(), ch.azID(srv), resource)
				wantMIClaims(t, srv, tok, resource, identityOf(t, srv, src.compute, ch.uami))
			})
			t.Run(src.source+"/msal-go "+ch.name, func(t *testing.T) {
				srv, resource := miServer(t)
				setMIEnv(t, srv, src.source)
				tok := msalMIToken(t, directClient(), ch.msaID(srv), resource)
				wantMIClaims(t, srv, tok, resource, identityOf(t, srv, src.compute, ch.uami))
			})
		}
	}
}

// Service Fabric over HTTPS with the listener's certificate pinned by
// thumbprint, as the clients do.
func TestManagedIdentityServiceFabric(t *testing.T) {
	for _, client := range []string{"azidentity", "msal-go"} {
		t.Run(client, func(t *testing.T) {
			srv, resource := miServer(t)
			setMIEnv(t, srv, mockidptest.SourceServiceFabric)
			var tok string
			if client == "azidentity" {
				tok = azMIToken(t, directClient(), nil, resource)
			} else {
				tok = msalMIToken(t, directClient(), managedidentity.SystemAssigned(), resource)
			}
			wantMIClaims(t, srv, tok, resource, identityOf(t, srv, idp.DefaultServiceFabricName, false))
		})
	}
}

// Cloud Shell hands out the signed-in user's token.
func TestManagedIdentityCloudShell(t *testing.T) {
	for _, client := range []string{"azidentity", "msal-go"} {
		t.Run(client, func(t *testing.T) {
			srv, resource := miServer(t)
			setMIEnv(t, srv, mockidptest.SourceCloudShell)
			var tok string
			if client == "azidentity" {
				tok = azMIToken(t, directClient(), nil, resource)
			} else {
				tok = msalMIToken(t, directClient(), managedidentity.SystemAssigned(), resource)
			}
			c := claimsOf(t, tok)
			wantClaim(t, c, "aud", resource)
			wantClaim(t, c, "iss", "https://sts.windows.net/"+idp.DefaultTenantID+"/")
			wantClaim(t, c, "oid", idp.DefaultUserID)
			wantClaim(t, c, "upn", idp.DefaultUserUPN("contoso.onmicrosoft.com"))
			wantClaim(t, c, "idtyp", "user")
			wantClaim(t, c, "appid", idp.AzureCLIClientID)
			wantClaim(t, c, "tid", idp.DefaultTenantID)
		})
	}
}

// DefaultAzureCredential probes IMDS (no Metadata header, expecting any
// answer) and then uses it, when IMDS is all there is.
func TestDefaultAzureCredentialPicksIMDS(t *testing.T) {
	srv, resource := miServer(t)
	setMIEnv(t, srv, "DefaultToIMDS")
	unsetEnv(t, "AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH",
		"AZURE_USERNAME", "AZURE_FEDERATED_TOKEN_FILE", "AZURE_TOKEN_CREDENTIALS")
	t.Setenv("PATH", t.TempDir()) // no az, azd or pwsh to fall back to
	cred, err := azidentity.NewDefaultAzureCredential(&azidentity.DefaultAzureCredentialOptions{
		ClientOptions: azcore.ClientOptions{Transport: srv.IMDSClient()}})
	if err != nil {
		t.Fatal(err)
	}
	tok := azToken(t, cred, resource+"/.default")
	wantMIClaims(t, srv, tok, resource, identityOf(t, srv, idp.DefaultVMName, false))
}
