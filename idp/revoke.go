package idp

import (
	"strings"
	"time"
)

// RefreshSignIn finds the user a refresh token was issued to. A user
// deleted, disabled or whose sessions were revoked after the sign-in
// cannot refresh: AADSTS50173, or 50057 for a disabled account.
func (p *Provider) RefreshSignIn(g RefreshGrant) (*TenantView, SignIn, error) {
	t, ok := p.TenantByID(g.TenantID)
	if !ok {
		return nil, SignIn{}, ErrRefreshTokenInvalid.New()
	}
	u, ok := t.User(g.UserID)
	if !ok {
		return nil, SignIn{}, ErrRefreshTokenRevoked.New(grantTime(g.AuthTime), grantTime(p.clock.Now()))
	}
	if u.Disabled {
		return nil, SignIn{}, ErrUserDisabled.New()
	}
	if revoked(u, g.AuthTime) {
		return nil, SignIn{}, ErrRefreshTokenRevoked.New(grantTime(g.AuthTime), grantTime(u.TokensValidFrom))
	}
	return t, SignIn{User: u, SessionID: g.SessionID, AuthTime: g.AuthTime, AMR: g.AMR}, nil
}

// RevokeSignIns invalidates every refresh token and browser session of a
// user signed in before now, as an admin's "revoke sessions" or a password
// reset does on Entra.
func (p *Provider) RevokeSignIns(tenantID, userID string) error {
	now := p.clock.Now()
	return p.Update(func(s *Seed) error {
		for i := range s.Tenants {
			if !strings.EqualFold(s.Tenants[i].ID, tenantID) {
				continue
			}
			for j := range s.Tenants[i].Users {
				u := &s.Tenants[i].Users[j]
				if strings.EqualFold(u.ObjectID, userID) || strings.EqualFold(u.UserPrincipalName, userID) {
					u.TokensValidFrom = now
					return nil
				}
			}
		}
		return ErrUserNotFound.New(userID, tenantID)
	})
}

// revoked reports whether a sign-in at authTime predates the user's
// TokensValidFrom.
func revoked(u *User, authTime time.Time) bool {
	return !u.TokensValidFrom.IsZero() && authTime.Before(u.TokensValidFrom)
}

// grantTime is the timestamp format of Entra's grant errors.
func grantTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.0000000Z") }
