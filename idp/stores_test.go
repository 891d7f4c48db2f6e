package idp

import (
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/internal/fixtures"
)

func newStoresProvider(t *testing.T) *Provider {
	t.Helper()
	keys, err := KeyringFromPEM(fixtures.SigningPEMs())
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(Options{Clock: NewFixedClock(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)), Keys: keys, Seed: DefaultSeed()})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Codes with huge fields fill the store's byte budget, not the heap.
func TestAuthCodeStoreBoundedInBytes(t *testing.T) {
	p := newStoresProvider(t)
	nonce := strings.Repeat("n", 1<<20)
	for range 100 {
		if _, err := p.Grants.IssueAuthCode(AuthCodeGrant{ClientID: DefaultCLIClientID, Nonce: nonce}); err != nil {
			t.Fatal(err)
		}
	}
	if b := p.Grants.codes.Bytes(); b > maxAuthCodeBytes {
		t.Errorf("code store holds %d bytes, cap %d", b, maxAuthCodeBytes)
	}
	if n := p.Grants.codes.Len(); n >= 100 || n < 60 {
		t.Errorf("code store holds %d of 100 codes of 1 MiB with a 64 MiB cap", n)
	}
}

// Expired codes, refresh tokens and sessions are dropped, after the grace
// during which a late use still hears the "expired" error.
func TestStoresDropExpired(t *testing.T) {
	p := newStoresProvider(t)
	tv, _ := p.Directory.TenantByID(DefaultTenantID)
	u, _ := tv.User(DefaultUserID)
	code, _ := p.Grants.IssueAuthCode(AuthCodeGrant{TenantID: tv.ID, ClientID: DefaultCLIClientID})
	rt, _ := p.Grants.IssueRefreshToken(RefreshGrant{TenantID: tv.ID, ClientID: DefaultCLIClientID, UserID: u.ObjectID})
	if _, err := p.Sessions.RememberSignIn("", tv, p.Directory.NewSignIn(u)); err != nil {
		t.Fatal(err)
	}

	p.clock.Advance(authCodeLifetime + time.Second)
	if _, err := p.Grants.RedeemAuthCode(CodeRedemption{Code: code, ClientID: DefaultCLIClientID}); CodeOf(err) != 70008 {
		t.Errorf("late redemption: %v, want AADSTS70008", err)
	}
	p.clock.Advance(authCodeLifetime)
	if n := p.Grants.codes.Len(); n != 0 {
		t.Errorf("%d codes kept past retention", n)
	}
	p.clock.Advance(sessionIdle)
	if n := p.Sessions.sessions.Len(); n != 0 {
		t.Errorf("%d idle sessions kept", n)
	}
	p.clock.Advance(refreshInactivity)
	if _, err := p.Grants.RedeemRefreshToken(rt, DefaultCLIClientID); CodeOf(err) != 700082 {
		t.Errorf("late refresh: %v, want AADSTS700082", err)
	}
	p.clock.Advance(refreshInactivity)
	if n := p.Grants.refresh.Len(); n != 0 {
		t.Errorf("%d refresh tokens kept past retention", n)
	}
}
