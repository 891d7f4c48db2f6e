package integration_test

import (
	"slices"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// tokenSource is one way a real client gets an app-only token.
type tokenSource struct {
	name string
	get  func(t *testing.T, srv *mockidptest.Server, cc cloudCase, scope string) string
}

var appOnlySources = []tokenSource{
	{"msal-go secret", func(t *testing.T, srv *mockidptest.Server, cc cloudCase, scope string) string {
		cred, err := confidential.NewCredFromSecret(idp.DefaultDaemonSecret)
		if err != nil {
			t.Fatal(err)
		}
		return msalToken(t, srv, cc, cred, scope)
	}},
	{"msal-go certificate", func(t *testing.T, srv *mockidptest.Server, cc cloudCase, scope string) string {
		certs, key, err := confidential.CertFromPEM(idp.DaemonCredentialPEM, "")
		if err != nil {
			t.Fatal(err)
		}
		cred, err := confidential.NewCredFromCert(certs, key)
		if err != nil {
			t.Fatal(err)
		}
		return msalToken(t, srv, cc, cred, scope)
	}},
	{"azidentity secret", func(t *testing.T, srv *mockidptest.Server, cc cloudCase, scope string) string {
		c, err := azidentity.NewClientSecretCredential(cc.tenant, idp.DefaultDaemonClientID, idp.DefaultDaemonSecret,
			&azidentity.ClientSecretCredentialOptions{ClientOptions: azOptions(srv, cc), DisableInstanceDiscovery: true})
		if err != nil {
			t.Fatal(err)
		}
		return azToken(t, c, scope)
	}},
	{"azidentity certificate", func(t *testing.T, srv *mockidptest.Server, cc cloudCase, scope string) string {
		certs, key, err := azidentity.ParseCertificates(idp.DaemonCredentialPEM, nil)
		if err != nil {
			t.Fatal(err)
		}
		c, err := azidentity.NewClientCertificateCredential(cc.tenant, idp.DefaultDaemonClientID, certs, key,
			&azidentity.ClientCertificateCredentialOptions{ClientOptions: azOptions(srv, cc), DisableInstanceDiscovery: true})
		if err != nil {
			t.Fatal(err)
		}
		return azToken(t, c, scope)
	}},
}

func msalToken(t *testing.T, srv *mockidptest.Server, cc cloudCase, cred confidential.Credential, scope string) string {
	t.Helper()
	app, err := confidential.New(srv.CloudAuthorityURL(cc.cloud, cc.tenant), idp.DefaultDaemonClientID, cred,
		confidential.WithHTTPClient(srv.Client()), confidential.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	res, err := app.AcquireTokenByCredential(testContext(t), []string{scope})
	if err != nil {
		t.Fatalf("AcquireTokenByCredential: %v", err)
	}
	return res.AccessToken
}

func azOptions(srv *mockidptest.Server, cc cloudCase) azcore.ClientOptions {
	return azcore.ClientOptions{
		Cloud:     cloud.Configuration{ActiveDirectoryAuthorityHost: srv.CloudURL(cc.cloud) + "/"},
		Transport: srv.Client(),
	}
}

func azToken(t *testing.T, c azcore.TokenCredential, scope string) string {
	t.Helper()
	tok, err := c.GetToken(testContext(t), policy.TokenRequestOptions{Scopes: []string{scope}})
	if err != nil {
		t.Fatalf("GetToken: %v", err)
	}
	return tok.Token
}

// Every real client gets an app-only token for Microsoft Graph (v1 token)
// and for the default web API (v2 token) in each cloud, and go-oidc
// verifies each against that cloud's discovery document.
func TestClientCredentialsRealClients(t *testing.T) {
	srv := mockidptest.NewServer(t)
	for _, cc := range testClouds {
		for _, src := range appOnlySources {
			t.Run(cc.cloud.Name+"/"+src.name+"/graph", func(t *testing.T) {
				graph := "https://" + cc.cloud.GraphHost
				tok := src.get(t, srv, cc, graph+"/.default")
				c := claimsOf(t, tok)
				wantClaim(t, c, "aud", graph)
				wantClaim(t, c, "ver", "1.0")
				wantClaim(t, c, "tid", cc.tenant)
				wantClaim(t, c, "appid", idp.DefaultDaemonClientID)
				wantClaim(t, c, "iss", v1Issuer(cc)) // on localhost too, as on Entra
				if roles, _ := c["roles"].([]any); !slices.Contains(roles, any("User.Read.All")) {
					t.Errorf("roles = %v, want User.Read.All", c["roles"])
				}
				if err := verifyWithOIDC(t, srv, cc, tok, graph); err != nil {
					t.Errorf("go-oidc rejected the token: %v", err)
				}
			})
			t.Run(cc.cloud.Name+"/"+src.name+"/api", func(t *testing.T) {
				tok := src.get(t, srv, cc, idp.DefaultAPIURI+"/.default")
				c := claimsOf(t, tok)
				wantClaim(t, c, "aud", idp.DefaultAPIClientID)
				wantClaim(t, c, "ver", "2.0")
				wantClaim(t, c, "azp", idp.DefaultDaemonClientID)
				wantClaim(t, c, "iss", srv.CloudAuthorityURL(cc.cloud, cc.tenant)+"/v2.0")
				if err := verifyWithOIDC(t, srv, cc, tok, idp.DefaultAPIClientID); err != nil {
					t.Errorf("go-oidc rejected the token: %v", err)
				}
			})
		}
	}
}

// A token signed in one cloud must not verify against another cloud's
// keys, whatever its issuer says.
func TestTokenOfOneCloudFailsInAnother(t *testing.T) {
	srv := mockidptest.NewServer(t)
	gov := testClouds[1]
	tok := appOnlySources[0].get(t, srv, gov, "https://"+gov.cloud.GraphHost+"/.default")
	for _, other := range []cloudCase{testClouds[0], testClouds[2]} {
		t.Run(other.cloud.Name, func(t *testing.T) {
			ctx := oidc.ClientContext(testContext(t), srv.Client())
			keys := oidc.NewRemoteKeySet(ctx, srv.CloudAuthorityURL(other.cloud, other.tenant)+"/discovery/v2.0/keys")
			if _, err := keys.VerifySignature(ctx, tok); err == nil {
				t.Fatal("a US Government token verified against another cloud's JWKS")
			}
			if err := verifyWithOIDC(t, srv, other, tok, "https://"+gov.cloud.GraphHost); err == nil {
				t.Fatal("go-oidc accepted a US Government token in another cloud")
			}
		})
	}
	ctx := oidc.ClientContext(testContext(t), srv.Client())
	own := oidc.NewRemoteKeySet(ctx, srv.CloudAuthorityURL(gov.cloud, gov.tenant)+"/discovery/v2.0/keys")
	if _, err := own.VerifySignature(ctx, tok); err != nil {
		t.Fatalf("token does not verify in its own cloud: %v", err)
	}
}
