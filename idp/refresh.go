package idp

import (
	"crypto/sha256"
	"sync"
	"time"
)

const (
	// Entra refresh tokens expire after 90 days without use.
	refreshInactivity = 90 * 24 * time.Hour
	// maxRefreshTokens bounds the store so a flood cannot grow memory
	// without limit; the oldest tokens go first.
	maxRefreshTokens = 100_000
)

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

type refreshStore struct {
	mu     sync.Mutex
	grants map[[32]byte]*RefreshGrant
	order  [][32]byte // insertion order, for eviction
}

func newRefreshStore() *refreshStore {
	return &refreshStore{grants: map[[32]byte]*RefreshGrant{}}
}

// IssueRefreshToken stores g and returns a new opaque refresh token.
func (p *Provider) IssueRefreshToken(g RefreshGrant) string {
	now := p.clock.Now()
	g.IssuedAt, g.LastUsed = now, now
	if g.SPA && g.SPASince.IsZero() {
		g.SPASince = now
	}
	token := "1.A" + randomString(p.rand, 48) + "." + randomString(p.rand, 96)
	key := sha256.Sum256([]byte(token))
	s := p.refresh
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.order) >= maxRefreshTokens {
		delete(s.grants, s.order[0])
		s.order = s.order[1:]
	}
	s.grants[key] = &g
	s.order = append(s.order, key)
	return token
}

// RedeemRefreshToken checks a refresh token presented by clientID and
// marks it used. The token stays valid, as on Entra; callers issue a new
// one with every answer.
func (p *Provider) RedeemRefreshToken(token, clientID string) (RefreshGrant, error) {
	now := p.clock.Now()
	key := sha256.Sum256([]byte(token))
	s := p.refresh
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.grants[key]
	switch {
	case !ok:
		return RefreshGrant{}, ErrRefreshTokenInvalid.New()
	case g.SPA && now.Sub(g.SPASince) > spaRefreshLifetime:
		return RefreshGrant{}, ErrSPARefreshExpired.New(isoTime(g.SPASince))
	case now.Sub(g.LastUsed) > refreshInactivity:
		return RefreshGrant{}, ErrRefreshTokenExpired.New(isoTime(g.IssuedAt), now.Sub(g.LastUsed).Round(time.Second))
	case !equalFold(g.ClientID, clientID):
		return RefreshGrant{}, ErrRefreshTokenClient.New()
	}
	if err := p.checkRefreshRevoked(g); err != nil {
		return RefreshGrant{}, err
	}
	g.LastUsed = now
	return *g, nil
}
