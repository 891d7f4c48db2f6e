package idp

import "github.com/mockidp/mockidp/seed"

// The directory's data model is package seed's, so clients can build and
// read seeds without importing the server; idp gives it behaviour.
type (
	Seed                = seed.Seed
	TrustedIssuer       = seed.TrustedIssuer
	Tenant              = seed.Tenant
	BlockPolicy         = seed.BlockPolicy
	Application         = seed.Application
	Secret              = seed.Secret
	Certificate         = seed.Certificate
	Permission          = seed.Permission
	RoleAssignment      = seed.RoleAssignment
	ConsentGrant        = seed.ConsentGrant
	RequiredPermission  = seed.RequiredPermission
	User                = seed.User
	ManagedIdentity     = seed.ManagedIdentity
	Compute             = seed.Compute
	FederatedCredential = seed.FederatedCredential
	Subscription        = seed.Subscription
	ResourceGroup       = seed.ResourceGroup
	AzureRoleAssignment = seed.AzureRoleAssignment
	RoleDefinition      = seed.RoleDefinition
)

// Principal types of role assignments, as ARM spells them.
const (
	PrincipalUser             = seed.PrincipalUser
	PrincipalServicePrincipal = seed.PrincipalServicePrincipal
	PrincipalGroup            = seed.PrincipalGroup
)

// Subscription states, as ARM spells them.
const (
	SubscriptionEnabled  = seed.SubscriptionEnabled
	SubscriptionWarned   = seed.SubscriptionWarned
	SubscriptionPastDue  = seed.SubscriptionPastDue
	SubscriptionDisabled = seed.SubscriptionDisabled
	SubscriptionDeleted  = seed.SubscriptionDeleted
)
