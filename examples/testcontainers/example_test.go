package example_test

import (
	"context"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidpcontainer"
	"github.com/testcontainers/testcontainers-go"
)

// image is mockidp's Docker image. No registry has it: build it once from a
// clone of mockidp with `docker build -t mockidp .`.
var image = "mockidp"

func TestTokenFromContainer(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ctr, err := mockidpcontainer.Run(ctx, image)
	testcontainers.CleanupContainer(t, ctr)
	if err != nil {
		t.Fatal(err)
	}
	client := ctr.HTTPClient() // trusts the container's CA; CACertPool and CAPEM give it too

	// MSAL for Go
	authority, err := ctr.AuthorityURL(ctx, clouds.Public, idp.DefaultTenantID) // https://localhost:<port>/<tenant>
	if err != nil {
		t.Fatal(err)
	}
	cred, err := confidential.NewCredFromSecret(idp.DefaultDaemonSecret)
	if err != nil {
		t.Fatal(err)
	}
	app, err := confidential.New(authority, idp.DefaultDaemonClientID, cred,
		confidential.WithHTTPClient(client), confidential.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	res, err := app.AcquireTokenByCredential(ctx, []string{"https://graph.microsoft.com/.default"})
	if err != nil {
		t.Fatal(err)
	}
	t.Log("MSAL token expires", res.ExpiresOn)

	// azidentity
	base, err := ctr.BaseURL(ctx) // https://localhost:<port>; CloudBaseURL for the other clouds
	if err != nil {
		t.Fatal(err)
	}
	c, err := azidentity.NewClientSecretCredential(idp.DefaultTenantID, idp.DefaultDaemonClientID, idp.DefaultDaemonSecret,
		&azidentity.ClientSecretCredentialOptions{DisableInstanceDiscovery: true, ClientOptions: azcore.ClientOptions{
			Cloud: cloud.Configuration{ActiveDirectoryAuthorityHost: base + "/"}, Transport: client}})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := c.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{"https://graph.microsoft.com/.default"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Log("azidentity token expires", tok.ExpiresOn)
}
