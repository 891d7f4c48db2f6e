package example_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

func TestTokenFromMockidp(t *testing.T) {
	srv := mockidptest.NewServer(t) // TLS on loopback, one listener per cloud, fixture keys; closed with t
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	// srv.Transport() serves requests in-process: no socket, no CA to trust,
	// and clients keep the real authority and instance discovery.
	client := &http.Client{Transport: srv.Transport()}

	// MSAL for Go
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
		t.Fatal(err)
	}
	t.Log("MSAL token expires", res.ExpiresOn)

	// azidentity
	c, err := azidentity.NewClientSecretCredential(idp.DefaultTenantID, idp.DefaultDaemonClientID, idp.DefaultDaemonSecret,
		&azidentity.ClientSecretCredentialOptions{ClientOptions: azcore.ClientOptions{Transport: client}})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := c.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{"https://graph.microsoft.com/.default"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Log("azidentity token expires", tok.ExpiresOn)
}
