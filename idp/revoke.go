package idp

import "time"

// RefreshSignIn finds the user a refresh token was issued to. A deleted
// user cannot refresh (AADSTS50173), a disabled one gets 50057; revoked
// sessions were already refused by RedeemRefreshToken.
func (p *Grants) RefreshSignIn(g RefreshGrant) (*TenantView, SignIn, error) {
	t, ok := p.directory.TenantByID(g.TenantID)
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
	return t, SignIn{User: u, SessionID: g.SessionID, AuthTime: g.AuthTime, AMR: g.AMR}, nil
}

// revoked reports whether a sign-in at authTime predates the user's
// TokensValidFrom.
func revoked(u *User, authTime time.Time) bool {
	return !u.TokensValidFrom.IsZero() && authTime.Before(u.TokensValidFrom)
}

// grantTime is the timestamp format of Entra's grant errors.
func grantTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.0000000Z") }
