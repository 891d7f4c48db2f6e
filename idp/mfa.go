package idp

import (
	"crypto/subtle"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// The second factor of an interactive sign-in (MFA step-up). When a user
// must do MFA — RequireMFA, or a claims request asking for it (the
// capolids of a 50076 challenge, essential acrs, amr mfa) — the authorize
// flow shows a code page after the password; the code is kept with the
// browser session, so it is bound to the browser that signed in. Passing
// it adds "mfa" to the sign-in's amr, which the session, codes, refresh
// tokens and tokens then carry.
const (
	AMRPassword = "pwd"
	AMRMFA      = "mfa"

	// mfaCodeLifetime is how long a shown code may be typed.
	mfaCodeLifetime = 10 * time.Minute
	// mfaMaxTries wrong codes end the challenge (AADSTS500121).
	mfaMaxTries = 5
)

// mfaChallenge is a code waiting to be typed.
type mfaChallenge struct {
	code    string
	expires time.Time
	tries   int
}

// DidMFA reports whether a sign-in passed a second factor.
func (in SignIn) DidMFA() bool { return slices.Contains(in.AMR, AMRMFA) }

// NeedsMFA reports whether sign-in must pass a second factor before an
// authorize request with the claims parameter claims is answered.
func NeedsMFA(in SignIn, claims string) bool {
	if in.DidMFA() {
		return false
	}
	if in.User.RequireMFA {
		return true
	}
	cr, err := ParseClaimsRequest(claims)
	return err == nil && cr.StepUp
}

// SteppedUp is the sign-in after a second factor.
func SteppedUp(in SignIn) SignIn {
	if !in.DidMFA() {
		in.AMR = append(slices.Clone(in.AMR), AMRMFA)
	}
	return in
}

// BeginMFA starts the second-factor challenge of a browser session's
// account and returns the code to show; an account's earlier challenge
// is replaced.
func (p *Sessions) BeginMFA(cookie string, in TenantSignIn) (string, error) {
	code := mfaCode(p.rand)
	ch := &mfaChallenge{code: code, expires: p.clock.Now().Add(mfaCodeLifetime)}
	found := p.withSessionAccount(cookie, in, func(a *SessionAccount) { a.mfa = ch })
	if !found {
		return "", ErrStrongAuthFailed.New()
	}
	return code, nil
}

// CompleteMFA checks a code typed on the second-factor page. Right, it
// records the stepped-up sign-in in the session and returns it. Wrong,
// ErrMFACodeWrong with the code still pending; after mfaMaxTries wrong
// codes, or with the challenge expired or gone, ErrStrongAuthFailed.
func (p *Sessions) CompleteMFA(cookie string, in TenantSignIn, code string) (up SignIn, pending string, err error) {
	typed := strings.TrimSpace(code)
	now := p.clock.Now()
	found := p.withSessionAccount(cookie, in, func(a *SessionAccount) {
		ch := a.mfa
		switch {
		case ch == nil || now.After(ch.expires):
			a.mfa, err = nil, ErrStrongAuthFailed.New()
		case subtle.ConstantTimeCompare([]byte(ch.code), []byte(typed)) != 1:
			next := *ch
			next.tries++
			a.mfa, pending, err = &next, next.code, ErrMFACodeWrong.New()
			if next.tries >= mfaMaxTries {
				a.mfa, pending, err = nil, "", ErrStrongAuthFailed.New()
			}
		default:
			a.mfa, a.AMR = nil, SteppedUp(in.SignIn).AMR
		}
	})
	if !found {
		return SignIn{}, "", ErrStrongAuthFailed.New()
	}
	if err != nil {
		return SignIn{}, pending, err
	}
	return SteppedUp(in.SignIn), "", nil
}

// withSessionAccount changes a copy of the browser session's account of
// in's user and stores the session anew (readers may hold the old one).
func (p *Sessions) withSessionAccount(cookie string, in TenantSignIn, change func(*SessionAccount)) bool {
	found := false
	now := p.clock.Now()
	p.sessions.Update(secretKey(cookie), func(bs **BrowserSession, idle *time.Time) bool {
		accts := slices.Clone((*bs).Accounts)
		for i := range accts {
			if strings.EqualFold(accts[i].UserID, in.User.ObjectID) && accts[i].TenantID == in.Tenant.ID {
				change(&accts[i])
				found = true
				break
			}
		}
		*bs, *idle = &BrowserSession{Accounts: accts, LastUsed: now}, now.Add(sessionIdle)
		return true
	})
	return found
}

// mfaCode is a six-digit code.
func mfaCode(r io.Reader) string {
	var b [8]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		panic(fmt.Sprintf("idp: random source failed: %v", err))
	}
	return fmt.Sprintf("%06d", binary.BigEndian.Uint64(b[:])%1_000_000)
}
