package idp

import (
	"fmt"
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
	return at, p.updateUser(tenantID, user, func(u *User) { u.TokensValidFrom = at })
}

// SetUserDisabled disables (AADSTS50057) or enables a user.
func (p *Provider) SetUserDisabled(tenantID, user string, disabled bool) error {
	return p.updateUser(tenantID, user, func(u *User) { u.Disabled = disabled })
}

// SetRequireMFA makes a user's sign-ins without MFA fail with AADSTS50076.
func (p *Provider) SetRequireMFA(tenantID, user string, require bool) error {
	return p.updateUser(tenantID, user, func(u *User) { u.RequireMFA = require })
}

// SetAppDisabled disables (AADSTS7000112) or enables an application.
func (p *Provider) SetAppDisabled(tenantID, clientID string, disabled bool) error {
	return p.updateApp(tenantID, clientID, func(a *Application) error { a.Disabled = disabled; return nil })
}

// RevokeConsent removes the app's delegated consent: one user's grants, or
// with user "" every grant in the tenant (admin and user consent).
func (p *Provider) RevokeConsent(tenantID, clientID, user string) error {
	return p.updateApp(tenantID, clientID, func(a *Application) error {
		kept := a.ConsentGrants[:0]
		for _, g := range a.ConsentGrants {
			if user != "" && !strings.EqualFold(g.User, user) {
				kept = append(kept, g)
			}
		}
		a.ConsentGrants = kept
		return nil
	})
}

// RemoveScope withdraws one consented scope of resource from the app, for
// one user's grant or ("" ) the tenant-wide grant.
func (p *Provider) RemoveScope(tenantID, clientID, user, resource, scope string) error {
	return p.updateApp(tenantID, clientID, func(a *Application) error {
		for i := range a.ConsentGrants {
			g := &a.ConsentGrants[i]
			if strings.EqualFold(g.User, user) && resourceKey(g.Resource) == resourceKey(resource) {
				g.Scopes = removeFold(g.Scopes, scope)
			}
		}
		return nil
	})
}

// RemoveAppRole withdraws an app role of resource ("" for all of them)
// from a service principal: an application's or a managed identity's
// (named by its client ID). New app-only tokens lack it.
func (p *Provider) RemoveAppRole(tenantID, clientID, resource, role string) error {
	return p.Update(func(s *Seed) error {
		assignments := roleAssignmentsOf(s, tenantID, clientID)
		if assignments == nil {
			return fmt.Errorf("no application or managed identity %s in tenant %s", clientID, tenantID)
		}
		for i := range *assignments {
			ra := &(*assignments)[i]
			if resourceKey(ra.Resource) != resourceKey(resource) {
				continue
			}
			if role == "" {
				ra.Roles = nil
			} else {
				ra.Roles = removeFold(ra.Roles, role)
			}
		}
		return nil
	})
}

// roleAssignmentsOf finds the app-role assignments of the service
// principal with clientID: an application's, a user-assigned identity's or
// a compute's system-assigned identity's.
func roleAssignmentsOf(s *Seed, tenantID, clientID string) *[]RoleAssignment {
	if app := s.FindApp(tenantID, clientID); app != nil {
		return &app.AppRoleAssignments
	}
	for i := range s.Tenants {
		t := &s.Tenants[i]
		if !strings.EqualFold(t.ID, tenantID) {
			continue
		}
		for j := range t.ManagedIdentities {
			if strings.EqualFold(t.ManagedIdentities[j].ClientID, clientID) {
				return &t.ManagedIdentities[j].AppRoleAssignments
			}
		}
		for j := range t.Computes {
			if mi := t.Computes[j].SystemAssigned; mi != nil && strings.EqualFold(mi.ClientID, clientID) {
				return &mi.AppRoleAssignments
			}
		}
	}
	return nil
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
		t := s.FindTenant(tenantID)
		if t == nil {
			return fmt.Errorf("no tenant %s", tenantID)
		}
		t.ConditionalAccess = append(t.ConditionalAccess, policy)
		return nil
	})
}

func (p *Provider) updateUser(tenantID, user string, fn func(*User)) error {
	return p.Update(func(s *Seed) error {
		t := s.FindTenant(tenantID)
		if t == nil {
			return fmt.Errorf("no tenant %s", tenantID)
		}
		for i := range t.Users {
			u := &t.Users[i]
			if strings.EqualFold(u.ObjectID, user) || strings.EqualFold(u.UserPrincipalName, user) {
				fn(u)
				return nil
			}
		}
		return fmt.Errorf("no user %s in tenant %s", user, tenantID)
	})
}

func (p *Provider) updateApp(tenantID, clientID string, fn func(*Application) error) error {
	return p.Update(func(s *Seed) error {
		app := s.FindApp(tenantID, clientID)
		if app == nil {
			return fmt.Errorf("no application %s in tenant %s", clientID, tenantID)
		}
		return fn(app)
	})
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
			return fmt.Errorf("application %s has no credential %q", clientID, credential)
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
