package idp

import (
	"crypto/sha256"
	"strings"
	"sync"
	"time"
)

const (
	// sessionIdle ends a browser session not used for a day; Entra's
	// non-persistent session cookie lives about as long as the browser.
	sessionIdle = 24 * time.Hour
	// maxSessions bounds the store; the oldest sessions go first.
	maxSessions = 10_000
	// maxSessionAccounts bounds the account picker of one browser.
	maxSessionAccounts = 10
)

// SessionAccount is one signed-in user of a browser session. The user is
// kept by ID and looked up again on use, so directory changes (a password
// reset, a disabled account) are seen at once.
type SessionAccount struct {
	Cloud     string
	TenantID  string
	UserID    string
	SessionID string
	AuthTime  time.Time
	AMR       []string
}

// BrowserSession is what mockidp's session cookie stands for: the accounts
// signed in on one browser, as Entra's ESTSAUTH cookies are.
type BrowserSession struct {
	Accounts []SessionAccount
	LastUsed time.Time
}

type sessionStore struct {
	mu       sync.Mutex
	sessions map[[32]byte]*BrowserSession
	order    [][32]byte
}

func newSessionStore() *sessionStore {
	return &sessionStore{sessions: map[[32]byte]*BrowserSession{}}
}

// RememberSignIn adds a sign-in to the browser session named by cookie, or
// starts a session when cookie is empty or unknown. It returns the cookie
// value to set. A user signing in again replaces their older sign-in.
func (p *Provider) RememberSignIn(cookie string, t *TenantView, in SignIn) string {
	now := p.clock.Now()
	s := p.sessions
	s.mu.Lock()
	defer s.mu.Unlock()
	bs := s.live(cookie, now)
	if bs == nil {
		cookie = randomString(p.rand, 43)
		bs = &BrowserSession{}
		s.insert(sha256.Sum256([]byte(cookie)), bs)
	}
	acct := AccountOf(t, in)
	kept := []SessionAccount{acct}
	for _, a := range bs.Accounts {
		if !(strings.EqualFold(a.UserID, acct.UserID) && a.TenantID == acct.TenantID) && len(kept) < maxSessionAccounts {
			kept = append(kept, a)
		}
	}
	bs.Accounts, bs.LastUsed = kept, now
	return cookie
}

// TenantSignIn is a sign-in with the tenant the user belongs to.
type TenantSignIn struct {
	Tenant *TenantView
	SignIn
}

// SessionSignIns lists the live sign-ins of a browser session in the
// site's cloud, most recent first; users since deleted, disabled or
// revoked drop out.
func (p *Provider) SessionSignIns(cookie, cloud string) []TenantSignIn {
	now := p.clock.Now()
	s := p.sessions
	s.mu.Lock()
	bs := s.live(cookie, now)
	var accts []SessionAccount
	if bs != nil {
		bs.LastUsed = now
		accts = append(accts, bs.Accounts...)
	}
	s.mu.Unlock()
	var out []TenantSignIn
	for _, a := range accts {
		t, ok := p.TenantByID(a.TenantID)
		if !ok || a.Cloud != cloud {
			continue
		}
		if u, ok := t.User(a.UserID); ok && !u.Disabled && !revoked(u, a.AuthTime) {
			out = append(out, TenantSignIn{t, SignIn{User: u, SessionID: a.SessionID, AuthTime: a.AuthTime, AMR: a.AMR}})
		}
	}
	return out
}

// EndSession signs every account of a browser session out.
func (p *Provider) EndSession(cookie string) {
	s := p.sessions
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.sessions, sha256.Sum256([]byte(cookie)))
}

// live returns the session for cookie unless it is unknown or idle too
// long. Callers hold mu.
func (s *sessionStore) live(cookie string, now time.Time) *BrowserSession {
	if cookie == "" {
		return nil
	}
	key := sha256.Sum256([]byte(cookie))
	bs, ok := s.sessions[key]
	if !ok {
		return nil
	}
	if now.Sub(bs.LastUsed) > sessionIdle {
		delete(s.sessions, key)
		return nil
	}
	return bs
}

// insert stores a session; at the cap the oldest live sessions go first.
// order may hold keys of sessions that ended since; they are skipped, and
// compacted away before they can outgrow the cap.
func (s *sessionStore) insert(key [32]byte, bs *BrowserSession) {
	if _, exists := s.sessions[key]; !exists {
		for len(s.sessions) >= maxSessions && len(s.order) > 0 {
			delete(s.sessions, s.order[0])
			s.order = s.order[1:]
		}
		s.order = append(s.order, key)
	}
	s.sessions[key] = bs
	if len(s.order) > 2*maxSessions {
		live := s.order[:0]
		for _, k := range s.order {
			if _, ok := s.sessions[k]; ok {
				live = append(live, k)
			}
		}
		s.order = live
	}
}
