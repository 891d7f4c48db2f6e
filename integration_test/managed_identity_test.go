package integration_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/managedidentity"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// miServer starts mockidp with an API that only this test asks tokens
// for. msal-go's managed-identity token cache is process-wide, keyed by
// identity and resource: a resource shared between tests would hand one
// test the token another test got. Every identity holds the app role
// Widgets.Read on the API.
func miServer(t *testing.T) (*mockidptest.Server, string) {
	t.Helper()
	resource := "api://mi-test/" + strings.NewReplacer("/", "-", " ", "-").Replace(t.Name())
	return mockidptest.NewServer(t, mockidptest.WithSeed(miSeed(resource))), resource
}

// miSeed is the default seed with each resource as an API whose app role
// Widgets.Read every managed identity holds.
func miSeed(resources ...string) idp.Seed {
	seed := idp.DefaultSeed()
	tn := &seed.Tenants[0]
	for _, resource := range resources {
		tn.Applications = append(tn.Applications, idp.Application{ClientID: idp.DerivedGUID(resource),
			DisplayName: "MI test API", IdentifierURIs: []string{resource},
			AppRoles: []idp.Permission{{ID: idp.DerivedGUID(resource, "role"), Value: "Widgets.Read"}}})
		grant := idp.RoleAssignment{Resource: resource, Roles: []string{"Widgets.Read"}}
		for i := range tn.ManagedIdentities {
			tn.ManagedIdentities[i].AppRoleAssignments = append(tn.ManagedIdentities[i].AppRoleAssignments, grant)
		}
		for i := range tn.Computes {
			if sys := tn.Computes[i].SystemAssigned; sys != nil {
				sys.AppRoleAssignments = append(sys.AppRoleAssignments, grant)
			}
		}
	}
	return seed
}

// miIdentity is what a managed-identity token must say about who it is.
type miIdentity struct {
	clientID, principalID, mirid, azRid string
}

// identityOf returns the system-assigned identity of a compute (uami
// false) or its first user-assigned identity.
func identityOf(t *testing.T, srv *mockidptest.Server, compute string, uami bool) miIdentity {
	t.Helper()
	cv, ok := srv.IDP.Directory.Compute(compute)
	if !ok {
		t.Fatalf("no compute %s", compute)
	}
	if !uami {
		return miIdentity{cv.System.ClientID, cv.System.ServicePrincipalID, cv.ResourceID, ""}
	}
	u := cv.Attached[0]
	return miIdentity{u.ClientID, u.ServicePrincipalID, u.Identity.ResourceID, cv.ResourceID}
}

// wantMIClaims checks a v1 managed-identity token for resource and
// verifies its signature against mockidp's discovery document.
func wantMIClaims(t *testing.T, srv *mockidptest.Server, token, resource string, id miIdentity) {
	t.Helper()
	c := claimsOf(t, token)
	wantClaim(t, c, "aud", resource)
	wantClaim(t, c, "iss", "https://sts.windows.net/"+idp.DefaultTenantID+"/")
	wantClaim(t, c, "idp", "https://sts.windows.net/"+idp.DefaultTenantID+"/")
	wantClaim(t, c, "appid", id.clientID)
	wantClaim(t, c, "appidacr", "2")
	wantClaim(t, c, "oid", id.principalID)
	wantClaim(t, c, "sub", id.principalID)
	wantClaim(t, c, "idtyp", "app")
	wantClaim(t, c, "tid", idp.DefaultTenantID)
	wantClaim(t, c, "ver", "1.0")
	wantClaim(t, c, "xms_mirid", id.mirid)
	if id.azRid == "" {
		if _, ok := c["xms_az_rid"]; ok {
			t.Errorf("system-assigned token has xms_az_rid %v", c["xms_az_rid"])
		}
	} else {
		wantClaim(t, c, "xms_az_rid", id.azRid)
	}
	if roles, _ := c["roles"].([]any); len(roles) != 1 || roles[0] != "Widgets.Read" {
		t.Errorf("roles = %v, want [Widgets.Read]", c["roles"])
	}
	if exp, iat := c["exp"].(float64), c["iat"].(float64); exp-iat < 86000 {
		t.Errorf("lifetime %v s, want about 24 h", exp-iat)
	}
	if err := verifyWithOIDC(t, srv, cloudCase{clouds.Public, idp.DefaultTenantID}, token, resource); err != nil {
		t.Errorf("go-oidc: %v", err)
	}
}

// miChoice is one way to name the identity a client wants.
type miChoice struct {
	name  string
	uami  bool
	azID  func(srv *mockidptest.Server) azidentity.ManagedIDKind
	msaID func(srv *mockidptest.Server) managedidentity.ID
}

var vmChoices = []miChoice{
	{"system-assigned", false,
		func(*mockidptest.Server) azidentity.ManagedIDKind { return nil },
		func(*mockidptest.Server) managedidentity.ID { return managedidentity.SystemAssigned() }},
	{"client ID", true,
		func(*mockidptest.Server) azidentity.ManagedIDKind {
			return azidentity.ClientID(idp.DefaultIdentityClientID)
		},
		func(*mockidptest.Server) managedidentity.ID {
			return managedidentity.UserAssignedClientID(idp.DefaultIdentityClientID)
		}},
	{"object ID", true,
		func(*mockidptest.Server) azidentity.ManagedIDKind {
			return azidentity.ObjectID(idp.DefaultIdentityPrincipalID)
		},
		func(*mockidptest.Server) managedidentity.ID {
			return managedidentity.UserAssignedObjectID(idp.DefaultIdentityPrincipalID)
		}},
	{"resource ID", true,
		func(srv *mockidptest.Server) azidentity.ManagedIDKind {
			return azidentity.ResourceID(uamiResourceID(srv))
		},
		func(srv *mockidptest.Server) managedidentity.ID {
			return managedidentity.UserAssignedResourceID(uamiResourceID(srv))
		}},
}

func uamiResourceID(srv *mockidptest.Server) string {
	cv, _ := srv.IDP.Directory.Compute(idp.DefaultVMName)
	return cv.Attached[0].Identity.ResourceID
}

// azMIToken gets a token from azidentity's ManagedIdentityCredential
// sending through client.
func azMIToken(t *testing.T, client *http.Client, id azidentity.ManagedIDKind, resource string) string {
	t.Helper()
	cred, err := azidentity.NewManagedIdentityCredential(&azidentity.ManagedIdentityCredentialOptions{
		ClientOptions: azcore.ClientOptions{Transport: client}, ID: id})
	if err != nil {
		t.Fatal(err)
	}
	return azToken(t, cred, resource+"/.default")
}

// msalMIToken gets a token from msal-go's managed-identity client.
func msalMIToken(t *testing.T, client *http.Client, id managedidentity.ID, resource string) string {
	t.Helper()
	c, err := managedidentity.New(id, managedidentity.WithHTTPClient(client))
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.AcquireToken(testContext(t), resource)
	if err != nil {
		t.Fatalf("AcquireToken: %v", err)
	}
	return res.AccessToken
}

// azidentity and msal-go reach IMDS at http://169.254.169.254 through the
// proxy (what HTTP_PROXY does) for every way of naming the identity.
func TestManagedIdentityIMDS(t *testing.T) {
	for _, ch := range vmChoices {
		t.Run("azidentity "+ch.name, func(t *testing.T) {
			t.Parallel()
			srv, resource := miServer(t)
			tok := azMIToken(t, srv.IMDSClient(), ch.azID(srv), resource)
			wantMIClaims(t, srv, tok, resource, identityOf(t, srv, idp.DefaultVMName, ch.uami))
		})
		t.Run("msal-go "+ch.name, func(t *testing.T) {
			t.Parallel()
			srv, resource := miServer(t)
			tok := msalMIToken(t, srv.IMDSClient(), ch.msaID(srv), resource)
			wantMIClaims(t, srv, tok, resource, identityOf(t, srv, idp.DefaultVMName, ch.uami))
		})
	}
}
