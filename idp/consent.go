package idp

import "strings"

// ConsentedScopes lists the scopes of resource that user (object ID) may
// grant to the app without being asked: tenant-wide (admin) grants plus
// the user's own.
func (a *AppView) ConsentedScopes(resource *AppView, user *User) []string {
	var out []string
	for _, g := range a.ConsentGrants {
		if !resourceMatches(resource, g.Resource) || !grantCovers(g, user) {
			continue
		}
		for _, s := range g.Scopes {
			out = appendUnique(out, s)
		}
	}
	return out
}

func grantCovers(g ConsentGrant, user *User) bool {
	if g.User == "" {
		return true
	}
	return user != nil && (strings.EqualFold(g.User, user.ObjectID) || strings.EqualFold(g.User, user.UserPrincipalName))
}

// MissingConsent returns the requested scopes of rs that user has not
// consented to for the app; /.default asks for nothing new.
func (a *AppView) MissingConsent(rs ResourceScopes, user *User) []string {
	have := a.ConsentedScopes(rs.Resource, user)
	var missing []string
	for _, s := range rs.Scopes {
		if !containsFold(have, s) {
			missing = append(missing, s)
		}
	}
	return missing
}

// GrantedScopes is what a token for rs carries: the requested scopes, or
// for /.default every consented scope of that resource (OIDC scopes are not
// resource scopes and are left out).
func (a *AppView) GrantedScopes(rs ResourceScopes, user *User) []string {
	if !rs.Default {
		return rs.Scopes
	}
	var out []string
	for _, s := range a.ConsentedScopes(rs.Resource, user) {
		if !OIDCScopes[strings.ToLower(s)] {
			out = append(out, s)
		}
	}
	return out
}

// GrantConsent records consent of user (UPN or object ID; "" for the whole
// tenant, as an admin grants it) for scopes of resource to the app. It
// creates the app's service principal in the tenant if consent is the
// first the tenant sees of a multi-tenant app.
func (p *Consent) GrantConsent(tenantID, clientID, user, resource string, scopes []string) error {
	return p.update(func(s *Seed) error {
		t, err := tenantOf(s, tenantID)
		if err != nil {
			return err
		}
		u, err := grantUser(t, user)
		if err != nil {
			return err
		}
		sp, err := consentPrincipal(s, t.ID, clientID)
		if err != nil {
			return err
		}
		for i := range *sp.grants {
			g := &(*sp.grants)[i]
			if ownGrant(*g, u) && resourceKey(g.Resource) == resourceKey(resource) {
				for _, sc := range scopes {
					g.Scopes = appendUnique(g.Scopes, sc)
				}
				return nil
			}
		}
		owner := ""
		if u != nil {
			owner = u.ObjectID
		}
		*sp.grants = append(*sp.grants, ConsentGrant{Resource: resource, Scopes: scopes, User: owner})
		return nil
	})
}

// adoptFirstPartyClient copies a built-in first-party client (the Azure
// CLI) into the tenant's seed so consent beyond its pre-authorization can
// be recorded on it; nil when clientID is not one.
func adoptFirstPartyClient(s *Seed, tenantID, clientID string) *Application {
	for _, fp := range FirstPartyClients() {
		if !strings.EqualFold(fp.ClientID, clientID) {
			continue
		}
		for i := range s.Tenants {
			if strings.EqualFold(s.Tenants[i].ID, tenantID) {
				s.Tenants[i].Applications = append(s.Tenants[i].Applications, fp)
				apps := s.Tenants[i].Applications
				return &apps[len(apps)-1]
			}
		}
	}
	return nil
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
