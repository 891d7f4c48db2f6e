package idp

import (
	"strings"
	"time"
)

// State changes: what an administrator (or Entra itself) does to the
// directory, with the effects every endpoint then shows. Each is one
// atomic Provider.Update.

// RevokeSessions revokes a user's refresh tokens and sessions as
// Revoke-MgUserSignInSession or a password reset does: everything issued
// before now (TokensValidFrom) is refused.
func (p *Provider) RevokeSessions(tenantID, user string) (time.Time, error) {
	at := p.clock.Now().UTC()
	return at, p.updateUser(tenantID, user, func(u *User) error { u.TokensValidFrom = at; return nil })
}

// SetUserDisabled disables (AADSTS50057) or enables a user.
func (p *Provider) SetUserDisabled(tenantID, user string, disabled bool) error {
	return p.updateUser(tenantID, user, func(u *User) error {
		return flagChange(&u.Disabled, disabled, "user "+u.UserPrincipalName, "disabled", "enabled")
	})
}

// SetRequireMFA makes a user's sign-ins without MFA fail with AADSTS50076.
func (p *Provider) SetRequireMFA(tenantID, user string, require bool) error {
	return p.updateUser(tenantID, user, func(u *User) error {
		return flagChange(&u.RequireMFA, require, "MFA of user "+u.UserPrincipalName, "required", "not required")
	})
}

// SetAppDisabled disables (AADSTS7000112) or enables an application's
// service principal. Disabling is a revocation event for continuous
// access evaluation: the app's CAE-capable tokens issued before it are
// challenged by the Graph resource, also after it is enabled again.
func (p *Provider) SetAppDisabled(tenantID, app string, disabled bool) error {
	now := p.clock.Now().UTC()
	return p.updateApp(tenantID, app, func(a *Application) error {
		if err := flagChange(&a.Disabled, disabled, "application "+a.ClientID, "disabled", "enabled"); err != nil {
			return err
		}
		if disabled {
			a.TokensValidFrom = now
		}
		return nil
	})
}

// RevokeConsent removes the app's delegated consent: one user's grants
// (user as UPN or object ID), or with user "" every grant in the tenant
// (admin and user consent).
func (p *Provider) RevokeConsent(tenantID, app, user string) error {
	return p.Update(func(s *Seed) error {
		t, sp, id, err := tenantPrincipal(s, tenantID, app)
		if err != nil {
			return err
		}
		u, err := grantUser(t, user)
		if err != nil {
			return err
		}
		kept := (*sp.grants)[:0]
		for _, g := range *sp.grants {
			if u != nil && !ownGrant(g, u) {
				kept = append(kept, g)
			}
		}
		if len(kept) == len((*sp.grants)) {
			return noChange("application %s has no consent %s in tenant %s", id, whose(u), t.ID)
		}
		*sp.grants = kept
		return nil
	})
}

// RemoveScope withdraws one consented scope of resource from the app, for
// one user's grant or ("") the tenant-wide grant.
func (p *Provider) RemoveScope(tenantID, app, user, resource, scope string) error {
	return p.Update(func(s *Seed) error {
		t, sp, id, err := tenantPrincipal(s, tenantID, app)
		if err != nil {
			return err
		}
		u, err := grantUser(t, user)
		if err != nil {
			return err
		}
		removed := false
		for i := range *sp.grants {
			g := &(*sp.grants)[i]
			if ownGrant(*g, u) && resourceKey(g.Resource) == resourceKey(resource) && containsFold(g.Scopes, scope) {
				g.Scopes, removed = removeFold(g.Scopes, scope), true
			}
		}
		if !removed {
			return noChange("application %s has no consent %s to scope %s of %s in tenant %s", id, whose(u), scope, resource, t.ID)
		}
		return nil
	})
}

// RemoveAppRole withdraws an app role of resource ("" for all of them)
// from a service principal: an application's (client ID or name) or a
// managed identity's (client ID). New app-only tokens lack it.
func (p *Provider) RemoveAppRole(tenantID, app, resource, role string) error {
	return p.Update(func(s *Seed) error {
		assignments, err := roleAssignmentsOf(s, tenantID, app)
		if err != nil {
			return err
		}
		removed := false
		for i := range *assignments {
			ra := &(*assignments)[i]
			if resourceKey(ra.Resource) != resourceKey(resource) {
				continue
			}
			kept := []string(nil)
			if role != "" {
				kept = removeFold(ra.Roles, role)
			}
			removed = removed || len(kept) < len(ra.Roles)
			ra.Roles = kept
		}
		if !removed {
			what := "app role"
			if role != "" {
				what += " " + role
			}
			return noChange("%s holds no %s on %s in tenant %s", app, what, resource, tenantID)
		}
		return nil
	})
}

// roleAssignmentsOf finds the app-role assignments of the service
// principal named app: an application's (client ID or name), a
// user-assigned identity's or a compute's system-assigned identity's
// (client ID).
func roleAssignmentsOf(s *Seed, tenantID, app string) (*[]RoleAssignment, error) {
	t, err := tenantOf(s, tenantID)
	if err != nil {
		return nil, err
	}
	for j := range t.ManagedIdentities {
		if strings.EqualFold(t.ManagedIdentities[j].ClientID, app) {
			return &t.ManagedIdentities[j].AppRoleAssignments, nil
		}
	}
	for j := range t.Computes {
		if mi := t.Computes[j].SystemAssigned; mi != nil && strings.EqualFold(mi.ClientID, app) {
			return &mi.AppRoleAssignments, nil
		}
	}
	sp, ok := principalOf(s, tenantID, app)
	if !ok {
		return nil, noMatch("no application or managed identity %s (looked for a client ID or an app's display name) in tenant %s", app, tenantID)
	}
	return sp.roles, nil
}

// ExpireCredential makes a secret (AADSTS7000222) or certificate
// (AADSTS700027 "The key used is expired.") expire now. credential is the
// credential's ID or a secret's value.
func (p *Provider) ExpireCredential(tenantID, clientID, credential string) error {
	now := p.clock.Now()
	return p.updateCredential(tenantID, clientID, credential, func(s *Secret) bool { s.Expires = now; return true },
		func(c *Certificate) bool { c.Expires = now; return true })
}

// DeleteCredential removes a secret (AADSTS7000215) or certificate
// (AADSTS700027 "The key was not found.").
func (p *Provider) DeleteCredential(tenantID, clientID, credential string) error {
	return p.updateCredential(tenantID, clientID, credential, func(*Secret) bool { return false },
		func(*Certificate) bool { return false })
}

// BlockByConditionalAccess adds a blocking policy to a tenant.
func (p *Provider) BlockByConditionalAccess(tenantID string, policy BlockPolicy) error {
	return p.Update(func(s *Seed) error {
		t, err := tenantOf(s, tenantID)
		if err != nil {
			return err
		}
		t.ConditionalAccess = append(t.ConditionalAccess, policy)
		return nil
	})
}

func (p *Provider) updateUser(tenantID, user string, fn func(*User) error) error {
	return p.Update(func(s *Seed) error {
		t, err := tenantOf(s, tenantID)
		if err != nil {
			return err
		}
		u, err := userOf(t, user)
		if err != nil {
			return err
		}
		return fn(u)
	})
}

func (p *Provider) updateApp(tenantID, app string, fn func(*Application) error) error {
	return p.Update(func(s *Seed) error {
		_, a, err := tenantApp(s, tenantID, app)
		if err != nil {
			return err
		}
		return fn(a)
	})
}

// tenantApp finds a tenant and one of its applications (client ID or
// display name).
func tenantApp(s *Seed, tenantID, app string) (*Tenant, *Application, error) {
	t, err := tenantOf(s, tenantID)
	if err != nil {
		return nil, nil, err
	}
	a, err := appOf(t, app)
	return t, a, err
}

// updateCredential changes (keep=true) or removes (keep=false) the app's
// credentials named by credential.
func (p *Provider) updateCredential(tenantID, clientID, credential string, secret func(*Secret) bool, cert func(*Certificate) bool) error {
	return p.updateApp(tenantID, clientID, func(a *Application) error {
		found := false
		secrets := a.Secrets[:0]
		for _, s := range a.Secrets {
			if s.ID == credential || s.Value == credential {
				found = true
				if !secret(&s) {
					continue
				}
			}
			secrets = append(secrets, s)
		}
		a.Secrets = secrets
		certs := a.Certificates[:0]
		for _, c := range a.Certificates {
			if c.ID == credential {
				found = true
				if !cert(&c) {
					continue
				}
			}
			certs = append(certs, c)
		}
		a.Certificates = certs
		if !found {
			return noMatch("application %s has no credential %q (looked for a credential ID or a secret's value)", a.ClientID, credential)
		}
		return nil
	})
}

func removeFold(list []string, v string) []string {
	var out []string
	for _, s := range list {
		if !strings.EqualFold(s, v) {
			out = append(out, s)
		}
	}
	return out
}
