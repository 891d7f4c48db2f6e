package idp

import (
	"strings"
	"time"
)

const (
	// sessionIdle ends a browser session not used for a day; Entra's
	// non-persistent session cookie lives about as long as the browser.
	sessionIdle = 24 * time.Hour
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
	// mfa is the second-factor code this account's page waits for.
	mfa *mfaChallenge
}

// BrowserSession is what mockidp's session cookie stands for: the accounts
// signed in on one browser, as Entra's ESTSAUTH cookies are.
type BrowserSession struct {
	Accounts []SessionAccount
	LastUsed time.Time
}

// RememberSignIn adds a sign-in to the browser session named by cookie, or
// starts a session when cookie is empty or unknown. It returns the cookie
// value to set. A user signing in again replaces their older sign-in.
func (p *Sessions) RememberSignIn(cookie string, t *TenantView, in SignIn) (string, error) {
	now := p.clock.Now()
	acct := AccountOf(t, in)
	remember := func(bs **BrowserSession, idle *time.Time) bool {
		kept := []SessionAccount{acct}
		for _, a := range (*bs).Accounts {
			if !(strings.EqualFold(a.UserID, acct.UserID) && a.TenantID == acct.TenantID) && len(kept) < maxSessionAccounts {
				kept = append(kept, a)
			}
		}
		// A new value, not a change in place: readers may hold the old one.
		*bs, *idle = &BrowserSession{Accounts: kept, LastUsed: now}, now.Add(sessionIdle)
		return true
	}
	if cookie != "" && p.sessions.Update(secretKey(cookie), remember) {
		return cookie, nil
	}
	cookie = randomString(p.rand, 43)
	bs, idle := &BrowserSession{}, time.Time{}
	remember(&bs, &idle)
	if err := p.sessions.Put(secretKey(cookie), bs, idle); err != nil {
		return "", ErrServer.New().Wrap(err)
	}
	return cookie, nil
}

// TenantSignIn is a sign-in with the tenant the user belongs to.
type TenantSignIn struct {
	Tenant *TenantView
	SignIn
}

// SessionSignIns lists the live sign-ins of a browser session in the
// site's cloud, most recent first; users since deleted, disabled or
// revoked drop out.
func (p *Sessions) SessionSignIns(cookie, cloud string) []TenantSignIn {
	now := p.clock.Now()
	var accts []SessionAccount
	p.sessions.Update(secretKey(cookie), func(bs **BrowserSession, idle *time.Time) bool {
		accts = (*bs).Accounts
		*bs, *idle = &BrowserSession{Accounts: accts, LastUsed: now}, now.Add(sessionIdle)
		return true
	})
	var out []TenantSignIn
	for _, a := range accts {
		t, ok := p.directory.TenantByID(a.TenantID)
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
func (p *Sessions) EndSession(cookie string) { p.sessions.Delete(secretKey(cookie)) }
