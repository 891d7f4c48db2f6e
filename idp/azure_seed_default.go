package idp

import "github.com/mockidp/mockidp/clouds"

// The default seed's Azure resources, documented in README.md: one
// subscription per default tenant with one resource group.
// The subscriptions themselves are cloud facts (clouds.Cloud's
// DefaultSubscription); these names are shorthands for them.
var (
	DefaultSubscriptionID        = clouds.Public.DefaultSubscription.ID
	DefaultUSGovSubscriptionID   = clouds.USGovernment.DefaultSubscription.ID
	DefaultChinaSubscriptionID   = clouds.China.DefaultSubscription.ID
	DefaultGermanySubscriptionID = clouds.Germany.DefaultSubscription.ID
)

const (
	DefaultResourceGroup = "mockidp-rg"

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

// defaultSubscription gives the daemon app Contributor and the default
// user Owner on the subscription; the public one also gives the default
// managed identities Contributor on the resource group
// (defaultIdentityRoles).
func defaultSubscription(cloud *clouds.Cloud, tenantID string) Subscription {
	d := cloud.DefaultSubscription
	daemonSP := DefaultDaemonPrincipalID(tenantID)
	return Subscription{
		ID: d.ID, DisplayName: d.DisplayName, State: SubscriptionEnabled, TenantID: tenantID,
		ResourceGroups: []ResourceGroup{{Name: DefaultResourceGroup, Location: d.Location,
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
