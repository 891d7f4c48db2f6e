package integration_test

import (
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// A managed-identity token from IMDS, issued at mockidp's own listener,
// is good at the Graph-like resource when the identity holds a Graph app
// role that allows the call (the default seed gives every identity
// User.Read.All), and is refused with Graph's 403 when it does not.
func TestManagedIdentityTokenAtGraph(t *testing.T) {
	const graph = "https://graph.microsoft.com"
	withoutGraphRoles := idp.DefaultSeed()
	tn := &withoutGraphRoles.Tenants[0]
	for i := range tn.Computes {
		if sys := tn.Computes[i].SystemAssigned; sys != nil {
			var kept []idp.RoleAssignment
			for _, ra := range sys.AppRoleAssignments {
				if !strings.HasPrefix(ra.Resource, graph) {
					kept = append(kept, ra)
				}
			}
			sys.AppRoleAssignments = kept
		}
	}
	tests := []struct {
		name   string
		seed   idp.Seed
		status int
		code   string
	}{
		{"with User.Read.All", idp.DefaultSeed(), 200, ""},
		{"without a Graph role", withoutGraphRoles, 403, "Authorization_RequestDenied"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := mockidptest.NewServer(t, mockidptest.WithSeed(tc.seed))
			tok := freshMIToken(t, srv, graph)
			c := claimsOf(t, tok)
			wantClaim(t, c, "iss", "https://sts.windows.net/"+idp.DefaultTenantID+"/")
			a := graphGet(t, srv, tok, "/v1.0/users")
			if tc.status == 200 {
				if list, _ := a.body["value"].([]any); a.status != 200 || len(list) == 0 {
					t.Fatalf("Graph answered %d %s %q", a.status, a.code, a.message)
				}
				return
			}
			if roles := c["roles"]; roles != nil {
				t.Errorf("roles %v without an assignment", roles)
			}
			wantGraph(t, a, tc.status, tc.code, "Insufficient privileges to complete the operation.")
		})
	}
}

// freshMIToken gets the system-assigned identity's token from IMDS with
// azidentity. msal-go (inside azidentity) caches managed-identity tokens
// process-wide by identity and resource, whatever the server; a claims
// request is the clients' own way past that cache (IMDS is not sent the
// claims).
func freshMIToken(t *testing.T, srv *mockidptest.Server, resource string) string {
	t.Helper()
	cred, err := azidentity.NewManagedIdentityCredential(&azidentity.ManagedIdentityCredentialOptions{
		ClientOptions: azcore.ClientOptions{Transport: srv.IMDSClient()}})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := cred.GetToken(testContext(t), policy.TokenRequestOptions{Scopes: []string{resource + "/.default"},
		Claims: `{"access_token":{"xms_cc":{"values":["cp1"]}}}`})
	if err != nil {
		t.Fatalf("IMDS token: %v", err)
	}
	return tok.Token
}
