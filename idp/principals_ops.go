package idp

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mockidp/mockidp/controlapi"
)

// MicrosoftServicesTenantID owns Microsoft's first-party applications
// (their appOwnerOrganizationId).
const MicrosoftServicesTenantID = "f8cdef31-a31e-4b4a-93e4-5f571e91255a"

// Kinds of service principal a tenant lists.
const (
	PrincipalOwn        = controlapi.PrincipalOwn
	PrincipalConsented  = controlapi.PrincipalConsented
	PrincipalFirstParty = controlapi.PrincipalFirstParty
)

// ServicePrincipalInfo is one service principal of a tenant as the
// control API lists it.
type ServicePrincipalInfo = controlapi.ServicePrincipal

// ServicePrincipals changes and lists tenants' service principals: the
// state operations behind consent and its revocation.
type ServicePrincipals struct {
	update func(func(*Seed) error) error
	tenant func(id string) (*TenantView, bool)
	seed   func() Seed
}

// ServicePrincipals is the provider's service-principal component.
func (p *State) ServicePrincipals() ServicePrincipals {
	return ServicePrincipals{update: p.update, tenant: p.directory.TenantByID, seed: p.seed}
}

// named finds a tenant of any cloud by ID or verified domain.
func (sps ServicePrincipals) named(name string) (*TenantView, bool) {
	s := sps.seed()
	for _, t := range s.Tenants {
		if strings.EqualFold(t.ID, name) || containsFold(t.Domains, name) {
			return sps.tenant(t.ID)
		}
	}
	return nil, false
}

// List returns the tenant's (named by ID or verified domain) service
// principals, ordered by display name: its own apps, the consented apps
// of other tenants and the first-party ones.
func (sps ServicePrincipals) List(tenant string) ([]ServicePrincipalInfo, error) {
	tv, ok := sps.named(tenant)
	if !ok {
		return nil, noMatch("no tenant %s", tenant)
	}
	seen := map[*AppView]bool{}
	var out []ServicePrincipalInfo
	add := func(av *AppView) {
		if seen[av] || av.Identity != nil {
			return
		}
		seen[av] = true
		out = append(out, principalInfo(tv, av))
	}
	for _, av := range tv.apps {
		add(av)
	}
	for _, av := range tv.resources {
		add(av)
	}
	slices.SortFunc(out, func(a, b ServicePrincipalInfo) int {
		return strings.Compare(strings.ToLower(a.DisplayName+a.AppID), strings.ToLower(b.DisplayName+b.AppID))
	})
	return out, nil
}

func principalInfo(tv *TenantView, av *AppView) ServicePrincipalInfo {
	info := ServicePrincipalInfo{AppID: av.ClientID, ObjectID: av.ServicePrincipalID, DisplayName: av.DisplayName,
		Kind: PrincipalOwn, AppOwnerTenantID: av.HomeTenantID, Disabled: av.Disabled,
		AppRoleAssignments: av.AppRoleAssignments, ConsentGrants: av.ConsentGrants}
	switch {
	case av.HomeTenantID == "":
		info.Kind, info.AppOwnerTenantID = PrincipalFirstParty, MicrosoftServicesTenantID
		if info.ObjectID == "" {
			info.ObjectID = DerivedGUID(tv.ID, av.ClientID, "sp")
		}
	case av.Foreign(tv):
		info.Kind = PrincipalConsented
	}
	return info
}

// Create adds a service principal for a multi-tenant app of another
// tenant, with no grants, as consent would before recording any.
func (sps ServicePrincipals) Create(tenantID, clientID string) (ServicePrincipalInfo, error) {
	err := sps.update(func(s *Seed) error {
		if _, exists := principalOf(s, tenantID, clientID); exists {
			return fmt.Errorf("tenant %s already has a service principal of application %s", tenantID, clientID)
		}
		_, err := consentPrincipal(s, tenantID, clientID)
		return err
	})
	if err != nil {
		return ServicePrincipalInfo{}, err
	}
	return sps.info(tenantID, clientID)
}

// Delete removes the service principal of a foreign app from a tenant,
// with every grant made there: client credentials get AADSTS700016 there
// again, users AADSTS65001 until someone consents anew. An app's own
// service principal goes only with its registration.
func (sps ServicePrincipals) Delete(tenantID, clientID string) error {
	return sps.update(func(s *Seed) error {
		t := s.FindTenant(tenantID)
		if t == nil {
			return fmt.Errorf("no tenant %s", tenantID)
		}
		if s.FindApp(tenantID, clientID) != nil {
			return fmt.Errorf("application %s is registered in tenant %s: its service principal goes only with the registration", clientID, tenantID)
		}
		before := len(t.ServicePrincipals)
		t.ServicePrincipals = slices.DeleteFunc(t.ServicePrincipals, func(sp ServicePrincipal) bool {
			return strings.EqualFold(sp.AppID, clientID)
		})
		if len(t.ServicePrincipals) == before {
			return fmt.Errorf("tenant %s has no service principal of application %s", tenantID, clientID)
		}
		return nil
	})
}

// GrantAdminConsent records what an administrator's consent to /.default
// grants: every delegated permission the app is configured with, for
// all users, and its application permissions (app roles). It creates the
// service principal if needed.
func (sps ServicePrincipals) GrantAdminConsent(tenantID, clientID string) (ServicePrincipalInfo, error) {
	err := sps.update(func(s *Seed) error {
		t := s.FindTenant(tenantID)
		if t == nil {
			return fmt.Errorf("no tenant %s", tenantID)
		}
		reg, _ := registrationOf(s, tenantCloud(t), clientID)
		sp, err := consentPrincipal(s, tenantID, clientID)
		if err != nil {
			return err
		}
		if reg == nil {
			return nil // a first-party client: pre-authorized already
		}
		for _, rp := range reg.RequiredPermissions {
			if len(rp.Scopes) > 0 {
				*sp.grants = mergeGrant(*sp.grants, ConsentGrant{Resource: rp.Resource, Scopes: rp.Scopes})
			}
			if len(rp.Roles) > 0 {
				*sp.roles = mergeRoles(*sp.roles, RoleAssignment{Resource: rp.Resource, Roles: rp.Roles})
			}
		}
		return nil
	})
	if err != nil {
		return ServicePrincipalInfo{}, err
	}
	return sps.info(tenantID, clientID)
}

// RevokeAdminConsent removes the tenant-wide delegated grants and the app
// roles of the app's service principal; users' own grants and the
// service principal stay.
func (sps ServicePrincipals) RevokeAdminConsent(tenantID, clientID string) error {
	return sps.update(func(s *Seed) error {
		sp, ok := principalOf(s, tenantID, clientID)
		if !ok {
			return fmt.Errorf("tenant %s has no service principal of application %s", tenantID, clientID)
		}
		*sp.grants = slices.DeleteFunc(*sp.grants, func(g ConsentGrant) bool { return g.User == "" })
		*sp.roles = nil
		return nil
	})
}

func (sps ServicePrincipals) info(tenantID, clientID string) (ServicePrincipalInfo, error) {
	tv, ok := sps.tenant(tenantID)
	if !ok {
		return ServicePrincipalInfo{}, fmt.Errorf("no tenant %s", tenantID)
	}
	av, ok := tv.App(clientID)
	if !ok {
		return ServicePrincipalInfo{}, fmt.Errorf("tenant %s has no service principal of application %s", tenantID, clientID)
	}
	return principalInfo(tv, av), nil
}

// mergeGrant adds a tenant-wide grant's scopes to the grant of the same
// resource and user, or appends it.
func mergeGrant(list []ConsentGrant, g ConsentGrant) []ConsentGrant {
	for i := range list {
		if strings.EqualFold(list[i].User, g.User) && resourceKey(list[i].Resource) == resourceKey(g.Resource) {
			for _, sc := range g.Scopes {
				list[i].Scopes = appendUnique(list[i].Scopes, sc)
			}
			return list
		}
	}
	return append(list, g)
}
