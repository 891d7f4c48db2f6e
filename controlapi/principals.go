package controlapi

import (
	"net/url"

	"github.com/mockidp/mockidp/seed"
)

// TenantsPath roots the per-tenant reads of the control API.
const TenantsPath = Prefix + "/tenants"

// ServicePrincipalsPath lists a tenant's service principals (GET).
func ServicePrincipalsPath(tenant string) string {
	return TenantsPath + "/" + url.PathEscape(tenant) + "/servicePrincipals"
}

// Kinds of service principal a tenant lists.
const (
	PrincipalOwn        = "application" // the tenant's own app registration
	PrincipalConsented  = "consented"   // a multi-tenant app of another tenant
	PrincipalFirstParty = "first_party" // Microsoft's
)

// ServicePrincipal is one service principal of a tenant, as
// GET /_mockidp/tenants/{tenant}/servicePrincipals lists it.
type ServicePrincipal struct {
	AppID       string `json:"app_id"`
	ObjectID    string `json:"id"`
	DisplayName string `json:"display_name,omitempty"`
	// Kind is application, consented or first_party.
	Kind string `json:"kind"`
	// AppOwnerTenantID is the tenant that registers the app (Microsoft's
	// for first-party apps).
	AppOwnerTenantID   string                `json:"app_owner_tenant_id"`
	Disabled           bool                  `json:"disabled,omitempty"`
	AppRoleAssignments []seed.RoleAssignment `json:"app_role_assignments,omitempty"`
	ConsentGrants      []seed.ConsentGrant   `json:"consent_grants,omitempty"`
}
