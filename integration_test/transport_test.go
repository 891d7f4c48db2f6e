package integration_test

import (
	"net/http"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// Real clients keep their real authority and instance discovery and get
// only mockidptest's Transport: no socket, no CA, no proxy.
func TestTransportRealClients(t *testing.T) {
	srv := mockidptest.NewServer(t)
	client := &http.Client{Transport: srv.Transport()}
	tests := []struct {
		name  string
		cc    cloudCase
		host  string // the cloud's real login host
		token func(t *testing.T, cc cloudCase, host string) string
	}{
		{"azidentity/public", testClouds[0], "login.microsoftonline.com", azidentityVia(client)},
		{"azidentity/usgov", testClouds[1], "login.microsoftonline.us", azidentityVia(client)},
		{"msal-go/public", testClouds[0], "login.microsoftonline.com", msalVia(client)},
		{"msal-go/china", testClouds[2], "login.chinacloudapi.cn", msalVia(client)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			graph := "https://" + tc.cc.cloud.GraphHost
			claims := claimsOf(t, tc.token(t, tc.cc, tc.host))
			wantClaim(t, claims, "aud", graph)
			wantClaim(t, claims, "tid", tc.cc.tenant)
			wantClaim(t, claims, "appid", idp.DefaultDaemonClientID)
		})
	}
}

func azidentityVia(client *http.Client) func(*testing.T, cloudCase, string) string {
	return func(t *testing.T, cc cloudCase, host string) string {
		c, err := azidentity.NewClientSecretCredential(cc.tenant, idp.DefaultDaemonClientID, idp.DefaultDaemonSecret,
			&azidentity.ClientSecretCredentialOptions{ClientOptions: azcore.ClientOptions{
				Cloud:     cloud.Configuration{ActiveDirectoryAuthorityHost: "https://" + host + "/"},
				Transport: client,
			}})
		if err != nil {
			t.Fatal(err)
		}
		return azToken(t, c, "https://"+cc.cloud.GraphHost+"/.default")
	}
}

func msalVia(client *http.Client) func(*testing.T, cloudCase, string) string {
	return func(t *testing.T, cc cloudCase, host string) string {
		cred, err := confidential.NewCredFromSecret(idp.DefaultDaemonSecret)
		if err != nil {
			t.Fatal(err)
		}
		app, err := confidential.New("https://"+host+"/"+cc.tenant, idp.DefaultDaemonClientID, cred,
			confidential.WithHTTPClient(client))
		if err != nil {
			t.Fatal(err)
		}
		res, err := app.AcquireTokenByCredential(testContext(t), []string{"https://" + cc.cloud.GraphHost + "/.default"})
		if err != nil {
			t.Fatalf("AcquireTokenByCredential: %v", err)
		}
		return res.AccessToken
	}
}
