package idp

import "strings"

// AdminConsentScopes is what an admin consent request covers: the v2
// scope parameter, or with none (the legacy /adminconsent) every
// permission the app is configured with.
func (p *Consent) AdminConsentScopes(t *TenantView, app *AppView, scope string) (ScopeSet, error) {
	if strings.TrimSpace(scope) != "" {
		set, err := ParseScopes(t, scope)
		set.OIDC = nil // OIDC scopes need no admin
		return set, err
	}
	var set ScopeSet
	for _, rp := range app.RequiredPermissions {
		res, err := p.directory.FindResource(t, rp.Resource)
		if err != nil {
			return ScopeSet{}, err
		}
		set.Resources = append(set.Resources, ResourceScopes{ResourceID: rp.Resource, Resource: res, Default: true})
	}
	return set, nil
}

// GrantAdminConsent records an admin's consent: the listed scopes for the
// whole tenant, and the app roles (application permissions) the app is
// configured with on the same resources.
func (p *Consent) GrantAdminConsent(t *TenantView, app *AppView, set ScopeSet, items []ConsentItem) error {
	if len(items) == 0 {
		// Nothing delegated to record: the consent still creates the
		// service principal.
		if err := p.update(func(s *Seed) error { _, err := consentPrincipal(s, t.ID, app.ClientID); return err }); err != nil {
			return err
		}
	}
	if err := p.GrantConsentItems(t.ID, app.ClientID, "", items); err != nil {
		return err
	}
	var grants []RoleAssignment
	for _, rs := range set.Resources {
		for _, rp := range app.RequiredPermissions {
			if len(rp.Roles) > 0 && resourceMatches(rs.Resource, rp.Resource) {
				grants = append(grants, RoleAssignment{Resource: rp.Resource, Roles: rp.Roles})
			}
		}
	}
	if len(grants) == 0 {
		return nil
	}
	return p.update(func(s *Seed) error {
		sp, err := consentPrincipal(s, t.ID, app.ClientID)
		if err != nil {
			return err
		}
		for _, g := range grants {
			*sp.roles = mergeRoles(*sp.roles, g)
		}
		return nil
	})
}

func mergeRoles(list []RoleAssignment, g RoleAssignment) []RoleAssignment {
	for i := range list {
		if resourceKey(list[i].Resource) == resourceKey(g.Resource) {
			for _, r := range g.Roles {
				list[i].Roles = appendUnique(list[i].Roles, r)
			}
			return list
		}
	}
	return append(list, g)
}

// GrantedScopeString lists consent items as a scope parameter, prefixed
// with their resource as the admin consent answer writes them.
func GrantedScopeString(items []ConsentItem) string {
	var out []string
	for _, it := range items {
		out = appendUnique(out, strings.TrimRight(it.ResourceID, "/")+"/"+it.Scope)
	}
	return strings.Join(out, " ")
}
