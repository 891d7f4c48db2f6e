package integration_test

import (
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// Clients keep the real authority and instance discovery; only the proxy
// and the CA are configured, as for an unmodified application.
func TestRealAuthorityThroughProxy(t *testing.T) {
	srv := mockidptest.NewServer(t)
	for _, cc := range testClouds {
		authority := "https://" + cc.cloud.LoginHost + "/" + cc.tenant
		graph := "https://" + cc.cloud.GraphHost
		t.Run(cc.cloud.Name+"/msal-go", func(t *testing.T) {
			cred, err := confidential.NewCredFromSecret(idp.DefaultDaemonSecret)
			if err != nil {
				t.Fatal(err)
			}
			app, err := confidential.New(authority, idp.DefaultDaemonClientID, cred,
				confidential.WithHTTPClient(srv.ProxyClient()))
			if err != nil {
				t.Fatal(err)
			}
			res, err := app.AcquireTokenByCredential(testContext(t), []string{graph + "/.default"})
			if err != nil {
				t.Fatalf("AcquireTokenByCredential through the proxy: %v", err)
			}
			c := claimsOf(t, res.AccessToken)
			wantClaim(t, c, "iss", "https://"+cc.cloud.V1IssuerHost+"/"+cc.tenant+"/")
			wantClaim(t, c, "aud", graph)
		})
		t.Run(cc.cloud.Name+"/azidentity", func(t *testing.T) {
			opts := azcore.ClientOptions{Transport: srv.ProxyClient(),
				Cloud: cloud.Configuration{ActiveDirectoryAuthorityHost: "https://" + cc.cloud.LoginHost + "/"}}
			c, err := azidentity.NewClientSecretCredential(cc.tenant, idp.DefaultDaemonClientID, idp.DefaultDaemonSecret,
				&azidentity.ClientSecretCredentialOptions{ClientOptions: opts})
			if err != nil {
				t.Fatal(err)
			}
			claims := claimsOf(t, azToken(t, c, graph+"/.default"))
			wantClaim(t, claims, "tid", cc.tenant)
		})
	}
}

// The proxy serves login hosts only and never reaches out.
func TestProxyRefusesOtherHosts(t *testing.T) {
	srv := mockidptest.NewServer(t)
	resp, err := srv.ProxyClient().Get("https://example.com/")
	if err == nil {
		resp.Body.Close()
		t.Fatal("the proxy let a request to example.com through")
	}
	if !strings.Contains(err.Error(), "Forbidden") {
		t.Fatalf("want the proxy's 403 refusal, got %v", err)
	}
}
