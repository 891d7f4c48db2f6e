package idp

import (
	"time"
)

// Entra refresh tokens expire after 90 days without use.
const refreshInactivity = 90 * 24 * time.Hour

// RefreshGrant is what a refresh token stands for. Like Entra's, one
// refresh token works for every resource the user consented to for the
// client (multi-resource refresh tokens).
type RefreshGrant struct {
	Cloud     string
	TenantID  string
	ClientID  string
	UserID    string
	SessionID string
	AuthTime  time.Time
	AMR       []string
	// Scope and Resource are what the token was issued for; a refresh
	// request without a scope asks for the same again.
	Scope, Resource string
	IssuedAt        time.Time
	LastUsed        time.Time
	// SPA marks a single-page app's token; SPASince is when the first of
	// its chain was issued (its lifetime is fixed, not sliding).
	SPA      bool
	SPASince time.Time
}

// retainUntil is when the store may forget g: one lifetime after it
// expires, so a late use still hears AADSTS700082 (or 700084 for an SPA).
func (g *RefreshGrant) retainUntil() time.Time {
	until := g.LastUsed.Add(2 * refreshInactivity)
	if g.SPA {
		until = g.SPASince.Add(2 * spaRefreshLifetime)
	}
	return until
}

// IssueRefreshToken stores g and returns a new opaque refresh token. A
// grant too large for the whole store is refused with a server error.
func (p *Provider) IssueRefreshToken(g RefreshGrant) (string, error) {
	now := p.clock.Now()
	g.IssuedAt, g.LastUsed = now, now
	if g.SPA && g.SPASince.IsZero() {
		g.SPASince = now
	}
	g.detach()
	token := "1.A" + randomString(p.rand, 48) + "." + randomString(p.rand, 96)
	if err := p.refresh.Put(secretKey(token), &g, g.retainUntil()); err != nil {
		return "", ErrServer.New().Wrap(err)
	}
	return token, nil
}

// RedeemRefreshToken checks a refresh token presented by clientID and
// marks it used. The token stays valid, as on Entra; callers issue a new
// one with every answer.
func (p *Provider) RedeemRefreshToken(token, clientID string) (RefreshGrant, error) {
	now := p.clock.Now()
	var out RefreshGrant
	var err error = ErrRefreshTokenInvalid.New()
	p.refresh.Update(secretKey(token), func(g **RefreshGrant, until *time.Time) bool {
		if err = p.redeemRefresh(*g, clientID, now); err == nil {
			(*g).LastUsed = now
			*until = (*g).retainUntil()
			out = **g
		}
		return true
	})
	return out, err
}

// redeemRefresh checks a stored refresh token against its use at now.
func (p *Provider) redeemRefresh(g *RefreshGrant, clientID string, now time.Time) error {
	switch {
	case g.SPA && now.Sub(g.SPASince) > spaRefreshLifetime:
		return ErrSPARefreshExpired.New(isoTime(g.SPASince))
	case now.Sub(g.LastUsed) > refreshInactivity:
		return ErrRefreshTokenExpired.New(isoTime(g.IssuedAt), now.Sub(g.LastUsed).Round(time.Second))
	case !equalFold(g.ClientID, clientID):
		return ErrRefreshTokenClient.New()
	}
	return p.checkRefreshRevoked(g)
}
