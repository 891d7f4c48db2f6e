package idp_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
)

func newStateProvider(t *testing.T) (*idp.Provider, *idp.Clock) {
	t.Helper()
	keys, err := idp.KeyringFromPEM(fixtures.SigningPEMs())
	if err != nil {
		t.Fatal(err)
	}
	clock := idp.NewFixedClock(time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC))
	p, err := idp.New(idp.Options{Clock: clock, Keys: keys, Seed: idp.DefaultSeed()})
	if err != nil {
		t.Fatal(err)
	}
	return p, clock
}

func TestRevokeSessionsRefresh(t *testing.T) {
	p, clock := newStateProvider(t)
	rt := issueRefresh(t, p, idp.RefreshGrant{Cloud: "public", TenantID: idp.DefaultTenantID,
		ClientID: idp.DefaultCLIClientID, UserID: idp.DefaultUserID})
	clock.Advance(time.Hour)
	if _, err := p.State.RevokeSessions(idp.DefaultTenantID, idp.DefaultUserID); err != nil {
		t.Fatal(err)
	}
	_, err := p.Grants.RedeemRefreshToken(rt, idp.DefaultCLIClientID)
	var e *idp.Error
	if !errors.As(err, &e) || e.AADSTS != 50173 || e.Suberror != "bad_token" {
		t.Fatalf("redeem after revoke = %v", err)
	}
	want := "issued on '2026-02-01T10:00:00.0000000Z' and the TokensValidFrom date (before which tokens are not valid) for this user is '2026-02-01T11:00:00.0000000Z'"
	if !strings.Contains(e.Message, want) {
		t.Errorf("message %q", e.Message)
	}
	// A token issued after the revocation works.
	rt2 := issueRefresh(t, p, idp.RefreshGrant{Cloud: "public", TenantID: idp.DefaultTenantID,
		ClientID: idp.DefaultCLIClientID, UserID: idp.DefaultUserID})
	if _, err := p.Grants.RedeemRefreshToken(rt2, idp.DefaultCLIClientID); err != nil {
		t.Fatalf("new token: %v", err)
	}
	if err := p.Reset(); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Grants.RedeemRefreshToken(rt2, idp.DefaultCLIClientID); idp.CodeOf(err) != 9002313 {
		t.Errorf("refresh token survived Reset: %v", err)
	}
}

func TestStateChangesErrors(t *testing.T) {
	p, _ := newStateProvider(t)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"unknown tenant", p.State.SetUserDisabled("nope", idp.DefaultUserID, true), "no tenant nope"},
		{"unknown user", p.State.SetRequireMFA(idp.DefaultTenantID, "nobody", true), "no user nobody"},
		{"unknown app", p.State.RevokeConsent(idp.DefaultTenantID, "nope", ""), "no application nope"},
		{"unknown credential", p.State.ExpireCredential(idp.DefaultTenantID, idp.DefaultDaemonClientID, "x"), `no credential "x"`},
		{"unknown cloud", p.State.RotateKeys("mars", nil, true), `unknown cloud "mars"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", tc.err, tc.want)
			}
		})
	}
}

func TestRotateKeysAndSkew(t *testing.T) {
	p, _ := newStateProvider(t)
	rotated, err := idp.ParseSigningKeyPEM(fixtures.SigningPEM("rotated"))
	if err != nil {
		t.Fatal(err)
	}
	old, _ := p.Keys().Signer("public")
	_ = p.State.RotateKeys("public", rotated, true)
	if pub := p.Keys().Published("public"); len(pub) != 2 || pub[0].ID != rotated.ID || pub[1].ID != old.ID {
		t.Fatalf("overlap: %d keys", len(pub))
	}
	_ = p.State.RotateKeys("public", rotated, false)
	if pub := p.Keys().Published("public"); len(pub) != 1 {
		t.Fatalf("no overlap: %d keys", len(pub))
	}
	p.State.SetClientSkew(idp.DefaultDaemonClientID, time.Hour)
	if got := p.State.ClientSkews()[strings.ToLower(idp.DefaultDaemonClientID)]; got != time.Hour {
		t.Fatalf("skew %v", got)
	}
	_ = p.Reset()
	if s, _ := p.Keys().Signer("public"); s.ID != old.ID || len(p.State.ClientSkews()) != 0 {
		t.Fatal("Reset kept rotation or skew")
	}
}

func TestParseClaimsRequest(t *testing.T) {
	cr, err := idp.ParseClaimsRequest(`{"access_token":{"nbf":{"essential":true,"value":"1700000000"},"xms_cc":{"values":["CP1"]}}}`)
	if err != nil || cr.NotBefore.Unix() != 1700000000 || len(cr.Capabilities) != 1 || cr.Capabilities[0] != "CP1" {
		t.Fatalf("%+v %v", cr, err)
	}
	if _, err := idp.ParseClaimsRequest(`{nope`); err == nil {
		t.Fatal("bad JSON accepted")
	}
}
