package seed

import (
	"path"
	"strings"
)

// Azure Resource Manager's side of the world: subscriptions, resource
// groups and Azure RBAC. They live in the Seed beside the tenants so one
// change of the directory can change both.

// Subscription is an Azure subscription that trusts one tenant.
type Subscription struct {
	ID          string `json:"id"`
	DisplayName string `json:"display_name,omitempty"`
	// State is Enabled (the default), Warned, PastDue, Disabled or Deleted.
	State string `json:"state,omitempty"`
	// TenantID is the tenant whose tokens the subscription accepts.
	TenantID        string                `json:"tenant_id"`
	ResourceGroups  []ResourceGroup       `json:"resource_groups,omitempty"`
	RoleAssignments []AzureRoleAssignment `json:"role_assignments,omitempty"`
}

// ResourceGroup is a resource group of a subscription.
type ResourceGroup struct {
	Name     string            `json:"name"`
	Location string            `json:"location"`
	Tags     map[string]string `json:"tags,omitempty"`
}

// AzureRoleAssignment grants an Azure role to a principal (a user's object
// ID, or the service principal ID of an app or managed identity) at the
// subscription or at one of its resource groups.
type AzureRoleAssignment struct {
	// ID is the assignment's GUID; derived from the other fields if empty.
	ID          string `json:"id,omitempty"`
	PrincipalID string `json:"principal_id"`
	// PrincipalType is User, ServicePrincipal (apps and managed
	// identities) or Group; User when empty.
	PrincipalType string `json:"principal_type,omitempty"`
	// Role names a role definition by name (Owner) or GUID.
	Role string `json:"role"`
	// ResourceGroup limits the assignment to one resource group; empty
	// means the whole subscription.
	ResourceGroup string `json:"resource_group,omitempty"`
}

// RoleDefinition is an Azure role: what it allows (Actions) minus what it
// excludes (NotActions). Patterns use * as a wildcard and ignore case.
type RoleDefinition struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Actions     []string `json:"actions"`
	NotActions  []string `json:"not_actions,omitempty"`
}

// Principal types of role assignments, as ARM spells them.
const (
	PrincipalUser             = "User"
	PrincipalServicePrincipal = "ServicePrincipal"
	PrincipalGroup            = "Group"
)

// Subscription states, as ARM spells them.
const (
	SubscriptionEnabled  = "Enabled"
	SubscriptionWarned   = "Warned"
	SubscriptionPastDue  = "PastDue"
	SubscriptionDisabled = "Disabled"
	SubscriptionDeleted  = "Deleted"
)

// Permits reports whether the role allows action.
func (rd *RoleDefinition) Permits(action string) bool {
	return matchesAny(rd.Actions, action) && !matchesAny(rd.NotActions, action)
}

func matchesAny(patterns []string, action string) bool {
	action = strings.ToLower(action)
	for _, p := range patterns {
		// path.Match's * stops at '/', Azure's does not: map '/' away.
		pat := strings.ReplaceAll(strings.ToLower(p), "/", "\x00")
		if ok, _ := path.Match(pat, strings.ReplaceAll(action, "/", "\x00")); ok {
			return true
		}
	}
	return false
}
