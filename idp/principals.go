package idp

import (
	"fmt"
	"strings"

	"github.com/mockidp/mockidp/clouds"
)

// principalRef points into a seed at where a tenant keeps one service
// principal's grants: the application entry in the app's home tenant, or
// a foreign service principal entry elsewhere.
type principalRef struct {
	roles  *[]RoleAssignment
	grants *[]ConsentGrant
}

// principalOf finds the grants of an app's service principal in a
// tenant: its own application (by client ID or display name) or a
// foreign app's service principal (by client ID).
func principalOf(s *Seed, tenantID, app string) (principalRef, bool) {
	_, ref, _, err := tenantPrincipal(s, tenantID, app)
	return ref, err == nil
}

// tenantPrincipal is principalOf with the tenant, the app's client ID and
// the state change's error when nothing matches.
func tenantPrincipal(s *Seed, tenantID, app string) (*Tenant, principalRef, string, error) {
	t, err := tenantOf(s, tenantID)
	if err != nil {
		return nil, principalRef{}, "", err
	}
	a, err := appOf(t, app)
	if err == nil {
		return t, principalRef{&a.AppRoleAssignments, &a.ConsentGrants}, a.ClientID, nil
	}
	if sp := findServicePrincipal(s, tenantID, app); sp != nil {
		return t, principalRef{&sp.AppRoleAssignments, &sp.ConsentGrants}, sp.AppID, nil
	}
	return t, principalRef{}, "", err
}

// consentPrincipal is principal, creating the service principal first
// when the tenant has none: a foreign multi-tenant app gets a service
// principal entry, a built-in first-party client an application entry.
// Consent is what creates a service principal in Entra.
func consentPrincipal(s *Seed, tenantID, clientID string) (principalRef, error) {
	if ref, ok := principalOf(s, tenantID, clientID); ok {
		return ref, nil
	}
	if app := adoptFirstPartyClient(s, tenantID, clientID); app != nil {
		return principalRef{&app.AppRoleAssignments, &app.ConsentGrants}, nil
	}
	t := s.FindTenant(tenantID)
	if t == nil {
		return principalRef{}, fmt.Errorf("no tenant %s", tenantID)
	}
	reg, home := registrationOf(s, tenantCloud(t), clientID)
	switch {
	case reg == nil:
		return principalRef{}, fmt.Errorf("no application %s in tenant %s or any tenant of its cloud", clientID, tenantID)
	case !reg.MultiTenant():
		return principalRef{}, fmt.Errorf("application %s is single-tenant (sign_in_audience %s): only its home tenant %s can use it", clientID, AudienceMyOrg, home.ID)
	}
	t.ServicePrincipals = append(t.ServicePrincipals, ServicePrincipal{AppID: reg.ClientID})
	sp := &t.ServicePrincipals[len(t.ServicePrincipals)-1]
	return principalRef{&sp.AppRoleAssignments, &sp.ConsentGrants}, nil
}

// registration finds the first application entry (its home) with
// clientID among a cloud's tenants, in seed order.
func registrationOf(s *Seed, cloud, clientID string) (*Application, *Tenant) {
	for i := range s.Tenants {
		t := &s.Tenants[i]
		if tenantCloud(t) != cloud {
			continue
		}
		for j := range t.Applications {
			if strings.EqualFold(t.Applications[j].ClientID, clientID) {
				return &t.Applications[j], t
			}
		}
	}
	return nil, nil
}

func findServicePrincipal(s *Seed, tenantID, appID string) *ServicePrincipal {
	t := s.FindTenant(tenantID)
	if t == nil {
		return nil
	}
	for i := range t.ServicePrincipals {
		if strings.EqualFold(t.ServicePrincipals[i].AppID, appID) {
			return &t.ServicePrincipals[i]
		}
	}
	return nil
}

// tenantCloud is a seed tenant's cloud name, public when unset.
func tenantCloud(t *Tenant) string {
	if t.Cloud == "" {
		return clouds.Public.Name
	}
	return strings.ToLower(t.Cloud)
}
