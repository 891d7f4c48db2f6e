package idp

import "github.com/mockidp/mockidp/clouds"

// The default seed's Azure resources, documented in README.md: one
// subscription per default tenant with one resource group.
const (
	DefaultSubscriptionID        = "0f2e4d6c-8b1a-4c3e-9d5f-7a9b1c3d5e7f"
	DefaultUSGovSubscriptionID   = "1a3f5e7d-9c2b-4d4f-8e6a-8b0c2d4e6f80"
	DefaultChinaSubscriptionID   = "2b4a6f8e-ad3c-4e5a-9f7b-9c1d3e5f7a91"
	DefaultGermanySubscriptionID = "3c5b7a9f-be4d-4f6b-8a8c-ad2e4f6a8ba2"
	DefaultResourceGroup         = "mockidp-rg"

	// DefaultManagedIdentityPrincipalID is the principal (object) ID of
	// the default user-assigned identity, Contributor on the default
	// resource group like every default compute's identity.
	DefaultManagedIdentityPrincipalID = DefaultIdentityPrincipalID
)

// Built-in role names used by the default seed.
const (
	RoleOwner       = "Owner"
	RoleContributor = "Contributor"
	RoleReader      = "Reader"
)

// defaultSubscriptions pairs each default tenant with its subscription and
// the region of its resource group.
var defaultSubscriptions = map[string]struct{ id, name, location string }{
	clouds.Public.Name:       {DefaultSubscriptionID, "Contoso Development", "eastus"},
	clouds.USGovernment.Name: {DefaultUSGovSubscriptionID, "Contoso Government Development", "usgovvirginia"},
	clouds.China.Name:        {DefaultChinaSubscriptionID, "Contoso China Development", "chinanorth"},
	clouds.Germany.Name:      {DefaultGermanySubscriptionID, "Contoso Germany Development", "germanycentral"},
}

// defaultSubscription gives the daemon app Contributor and the default
// user Owner on the subscription; the public one also gives the default
// managed identities Contributor on the resource group
// (defaultIdentityRoles).
func defaultSubscription(cloud, tenantID string) Subscription {
	d := defaultSubscriptions[cloud]
	daemonSP := DefaultDaemonPrincipalID(tenantID)
	return Subscription{
		ID: d.id, DisplayName: d.name, State: SubscriptionEnabled, TenantID: tenantID,
		ResourceGroups: []ResourceGroup{{Name: DefaultResourceGroup, Location: d.location,
			Tags: map[string]string{"createdBy": "mockidp"}}},
		RoleAssignments: []AzureRoleAssignment{
			{PrincipalID: daemonSP, PrincipalType: PrincipalServicePrincipal, Role: RoleContributor},
			{PrincipalID: DefaultUserID, PrincipalType: PrincipalUser, Role: RoleOwner},
		},
	}
}

// DefaultDaemonPrincipalID is the service principal (object) ID of the
// default daemon app in a default tenant: the oid of its app-only tokens.
func DefaultDaemonPrincipalID(tenantID string) string {
	return DerivedGUID(tenantID, DefaultDaemonClientID, "sp")
}
