package integration_test

import (
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// azidentity's WorkloadIdentityCredential exchanges a service-account
// token minted by mockidp's own issuer for an Entra token: as the
// user-assigned identity and as the daemon app, each trusting one account.
func TestWorkloadIdentityCredential(t *testing.T) {
	cc := cloudCase{clouds.Public, idp.DefaultTenantID}
	tests := []struct {
		name, account, clientID, principalID string
		mirid                                bool
	}{
		{"user-assigned identity", "workload", idp.DefaultIdentityClientID, idp.DefaultIdentityPrincipalID, true},
		{"app", "daemon", idp.DefaultDaemonClientID, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := mockidptest.NewServer(t)
			cred, err := azidentity.NewWorkloadIdentityCredential(&azidentity.WorkloadIdentityCredentialOptions{
				ClientID: tc.clientID, TenantID: cc.tenant, TokenFilePath: srv.WriteServiceAccountToken(t, tc.account),
				ClientOptions: azOptions(srv, cc), DisableInstanceDiscovery: true})
			if err != nil {
				t.Fatal(err)
			}
			tok := azToken(t, cred, idp.DefaultAPIURI+"/.default")
			c := claimsOf(t, tok)
			wantClaim(t, c, "aud", idp.DefaultAPIClientID)
			wantClaim(t, c, "iss", srv.AuthorityURL(cc.tenant)+"/v2.0")
			wantClaim(t, c, "azp", tc.clientID)
			wantClaim(t, c, "azpacr", "2")
			wantClaim(t, c, "idtyp", "app")
			wantClaim(t, c, "tid", cc.tenant)
			if tc.principalID != "" {
				wantClaim(t, c, "oid", tc.principalID)
			}
			if _, ok := c["xms_mirid"]; ok != tc.mirid {
				t.Errorf("xms_mirid = %v, want present %v", c["xms_mirid"], tc.mirid)
			}
			if roles, _ := c["roles"].([]any); len(roles) != 1 || roles[0] != "Tasks.Read.All" {
				t.Errorf("roles = %v", c["roles"])
			}
			if err := verifyWithOIDC(t, srv, cc, tok, idp.DefaultAPIClientID); err != nil {
				t.Errorf("go-oidc: %v", err)
			}
		})
	}
}

// The AKS environment alone (AZURE_CLIENT_ID, AZURE_TENANT_ID,
// AZURE_FEDERATED_TOKEN_FILE, AZURE_AUTHORITY_HOST) is enough.
func TestWorkloadIdentityFromEnvironment(t *testing.T) {
	srv := mockidptest.NewServer(t)
	t.Setenv("AZURE_CLIENT_ID", idp.DefaultIdentityClientID)
	t.Setenv("AZURE_TENANT_ID", idp.DefaultTenantID)
	t.Setenv("AZURE_FEDERATED_TOKEN_FILE", srv.WriteServiceAccountToken(t, "workload"))
	t.Setenv("AZURE_AUTHORITY_HOST", srv.URL()+"/")
	cred, err := azidentity.NewWorkloadIdentityCredential(&azidentity.WorkloadIdentityCredentialOptions{
		ClientOptions: azcore.ClientOptions{Transport: srv.Client()}, DisableInstanceDiscovery: true})
	if err != nil {
		t.Fatal(err)
	}
	c := claimsOf(t, azToken(t, cred, "https://graph.microsoft.com/.default"))
	wantClaim(t, c, "aud", "https://graph.microsoft.com")
	wantClaim(t, c, "appid", idp.DefaultIdentityClientID)
	wantClaim(t, c, "oid", idp.DefaultIdentityPrincipalID)
	if roles, _ := c["roles"].([]any); len(roles) != 1 || roles[0] != "User.Read.All" {
		t.Errorf("roles = %v", c["roles"])
	}
}
