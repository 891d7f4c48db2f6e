package idp_test

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/mockidp/mockidp/idp"
)

// Which claims requests ask for a stronger sign-in, and which acrs they
// want in the token.
func TestClaimsRequestStepUp(t *testing.T) {
	for _, tc := range []struct {
		claims string
		stepUp bool
		acrs   []string
	}{
		{``, false, nil},
		{`{"access_token":{"xms_cc":{"values":["cp1"]}}}`, false, nil},
		{`{"access_token":{"nbf":{"essential":true,"value":"1700000000"}}}`, false, nil},
		{`{"access_token":{"capolids":{"essential":true,"values":["p1"]}}}`, true, nil},
		{`{"access_token":{"capolids":{"values":["p1"]}}}`, false, nil},
		{`{"access_token":{"acrs":{"essential":true,"value":"c1"}}}`, true, []string{"c1"}},
		{`{"access_token":{"acrs":{"essential":true,"values":["c1","c2"]}}}`, true, []string{"c1", "c2"}},
		{`{"access_token":{"acrs":{"value":"c1"}}}`, false, nil},
		{`{"id_token":{"amr":{"essential":true,"values":["mfa"]}}}`, true, nil},
		{`{"id_token":{"amr":{"values":["pwd"]}}}`, false, nil},
		{`{"access_token":{"acrs":{"essential":true,"value":7}}}`, false, nil},
		{`{"access_token":{"capolids":{"essential":true,"values":["p1"]},"acrs":{"value":"c1"}}}`, true, nil},
		{`{"access_token":{"capolids":{"essential":true,"values":["p1"]},"acrs":{"essential":true,"value":"c1"}}}`, true, []string{"c1"}},
	} {
		cr, err := idp.ParseClaimsRequest(tc.claims)
		if err != nil || cr.StepUp != tc.stepUp || !slices.Equal(cr.Acrs, tc.acrs) {
			t.Errorf("%s: step-up %v acrs %v (%v), want %v %v", tc.claims, cr.StepUp, cr.Acrs, err, tc.stepUp, tc.acrs)
		}
	}
}

// The second-factor challenge lives in the browser session: it needs the
// session's cookie, a right code steps the session's account up, and
// concurrent wrong codes count every try, never more than mfaMaxTries
// before the challenge ends.
func TestSessionMFAChallenge(t *testing.T) {
	p := newProvider(t, nil)
	tv, _ := p.Directory.TenantByID(idp.DefaultTenantID)
	alex, _ := tv.User(idp.DefaultUserID)
	in := idp.TenantSignIn{Tenant: tv, SignIn: p.Directory.NewSignIn(alex)}
	if !idp.NeedsMFA(in.SignIn, `{"access_token":{"capolids":{"essential":true,"values":["p"]}}}`) || idp.NeedsMFA(in.SignIn, "") {
		t.Fatal("NeedsMFA")
	}
	cookie := remember(t, p, "", tv, in.SignIn)
	if _, err := p.Sessions.BeginMFA("no-such-session", in); idp.CodeOf(err) != 500121 {
		t.Fatalf("challenge without a session: %v", err)
	}
	code, err := p.Sessions.BeginMFA(cookie, in)
	if err != nil || len(code) != 6 {
		t.Fatalf("BeginMFA: %q %v", code, err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if _, pending, err := p.Sessions.CompleteMFA(cookie, in, "wrong"); idp.CodeOf(err) != 500121 || pending != code {
				t.Errorf("wrong code: %q %v", pending, err)
			}
		})
	}
	wg.Wait()
	up, _, err := p.Sessions.CompleteMFA(cookie, in, " "+code+" ")
	if err != nil || !slices.Equal(up.AMR, []string{"pwd", "mfa"}) {
		t.Fatalf("right code after four wrong: %v %v", up.AMR, err)
	}
	if got := p.Sessions.SessionSignIns(cookie, tv.Cloud.Name); len(got) != 1 || !got[0].DidMFA() || idp.NeedsMFA(got[0].SignIn, `{"access_token":{"acrs":{"essential":true,"value":"c1"}}}`) {
		t.Fatalf("session after MFA: %+v", got)
	}
	if _, _, err := p.Sessions.CompleteMFA(cookie, in, code); idp.CodeOf(err) != 500121 {
		t.Errorf("a used code works again: %v", err)
	}

	code, _ = p.Sessions.BeginMFA(cookie, in)
	for range 5 {
		_, _, err = p.Sessions.CompleteMFA(cookie, in, "wrong")
	}
	if _, pending, err2 := p.Sessions.CompleteMFA(cookie, in, code); err2 == nil || pending != "" || idp.CodeOf(err) != 500121 {
		t.Errorf("the right code after five wrong: %q %v", pending, err2)
	}
	code, _ = p.Sessions.BeginMFA(cookie, in)
	p.Clock().Advance(11 * time.Minute)
	if _, _, err := p.Sessions.CompleteMFA(cookie, in, code); idp.CodeOf(err) != 500121 {
		t.Errorf("expired code: %v", err)
	}
}
