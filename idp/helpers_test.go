package idp_test

import (
	"errors"
	"testing"
	"time"

	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
)

var testNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// newProvider builds a provider on the default seed (changed by mutate)
// with a frozen clock.
func newProvider(t testing.TB, mutate func(*idp.Seed)) *idp.Provider {
	t.Helper()
	return newProviderWith(t, mutate, idp.DevicePolicy{})
}

// newProviderWith is newProvider with a device-code policy.
func newProviderWith(t testing.TB, mutate func(*idp.Seed), policy idp.DevicePolicy) *idp.Provider {
	t.Helper()
	keys, err := idp.KeyringFromPEM(fixtures.SigningPEMs())
	if err != nil {
		t.Fatal(err)
	}
	seed := idp.DefaultSeed()
	if mutate != nil {
		mutate(&seed)
	}
	p, err := idp.New(idp.Options{Clock: idp.NewFixedClock(testNow), Keys: keys, Seed: seed, DevicePolicy: policy})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func wantCode(t *testing.T, err error, code int) {
	t.Helper()
	if got := idp.CodeOf(err); got != code {
		t.Fatalf("error = %v, want AADSTS%d", err, code)
	}
}

// wantOAuthCode checks the AADSTS number and the OAuth error code.
func wantOAuthCode(t *testing.T, err error, code int, oauth string) {
	t.Helper()
	var e *idp.Error
	if !errors.As(err, &e) || e.AADSTS != code || e.Code != oauth {
		t.Fatalf("err = %v, want AADSTS%d %s", err, code, oauth)
	}
}

func issueCode(t testing.TB, p *idp.Provider, g idp.AuthCodeGrant) string {
	t.Helper()
	code, err := p.Grants.IssueAuthCode(g)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func issueRefresh(t testing.TB, p *idp.Provider, g idp.RefreshGrant) string {
	t.Helper()
	rt, err := p.Grants.IssueRefreshToken(g)
	if err != nil {
		t.Fatal(err)
	}
	return rt
}

func remember(t testing.TB, p *idp.Provider, cookie string, tv *idp.TenantView, in idp.SignIn) string {
	t.Helper()
	cookie, err := p.Sessions.RememberSignIn(cookie, tv, in)
	if err != nil {
		t.Fatal(err)
	}
	return cookie
}
