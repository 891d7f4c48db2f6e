package idp_test

import (
	"testing"
	"time"

	"github.com/mockidp/mockidp/idp"
)

func TestBrowserSession(t *testing.T) {
	p := newProvider(t, func(s *idp.Seed) {
		s.Tenants[0].Users = append(s.Tenants[0].Users, idp.User{ObjectID: "f0000000-0000-4000-8000-000000000001",
			UserPrincipalName: "sam@contoso.onmicrosoft.com", Password: "pw"})
	})
	tv, _ := p.Directory.TenantByID(idp.DefaultTenantID)
	alex, _ := tv.User(idp.DefaultUserID)
	sam, _ := tv.User("sam@contoso.onmicrosoft.com")
	cookie := remember(t, p, "", tv, p.Directory.NewSignIn(alex))
	if again := remember(t, p, cookie, tv, p.Directory.NewSignIn(sam)); again != cookie {
		t.Fatalf("second sign-in started a new session")
	}
	remember(t, p, cookie, tv, p.Directory.NewSignIn(alex))
	got := p.Sessions.SessionSignIns(cookie, tv.Cloud.Name)
	if len(got) != 2 || got[0].User.ObjectID != idp.DefaultUserID {
		t.Fatalf("accounts = %v, want alex then sam", got)
	}
	if got := p.Sessions.SessionSignIns(cookie, "USGovernment"); len(got) != 0 {
		t.Errorf("another cloud sees the session: %v", got)
	}
	if got := p.Sessions.SessionSignIns("unknown", tv.Cloud.Name); len(got) != 0 {
		t.Errorf("unknown cookie has accounts")
	}

	p.Clock().Advance(time.Second)
	if _, err := p.State.RevokeSessions(idp.DefaultTenantID, idp.DefaultUserID); err != nil {
		t.Fatal(err)
	}
	if got := p.Sessions.SessionSignIns(cookie, tv.Cloud.Name); len(got) != 1 || got[0].User.UserPrincipalName != "sam@contoso.onmicrosoft.com" {
		t.Fatalf("after revoking alex: %v", got)
	}
	p.Clock().Advance(24*time.Hour + time.Second)
	if got := p.Sessions.SessionSignIns(cookie, tv.Cloud.Name); len(got) != 0 {
		t.Errorf("idle session still alive: %v", got)
	}
	cookie = remember(t, p, "", tv, p.Directory.NewSignIn(sam))
	p.Sessions.EndSession(cookie)
	if got := p.Sessions.SessionSignIns(cookie, tv.Cloud.Name); len(got) != 0 {
		t.Errorf("ended session still alive")
	}
}

func TestRefreshSignInRevoked(t *testing.T) {
	p := newProvider(t, nil)
	tv, _ := p.Directory.TenantByID(idp.DefaultTenantID)
	alex, _ := tv.User(idp.DefaultUserID)
	in := p.Directory.NewSignIn(alex)
	rt := issueRefresh(t, p, idp.RefreshGrant{TenantID: tv.ID, ClientID: idp.DefaultCLIClientID, UserID: alex.ObjectID, AuthTime: in.AuthTime})
	g, err := p.Grants.RedeemRefreshToken(rt, idp.DefaultCLIClientID)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := p.Grants.RefreshSignIn(g); err != nil {
		t.Fatal(err)
	}
	p.Clock().Advance(time.Second)
	if _, err := p.State.RevokeSessions(tv.ID, alex.UserPrincipalName); err != nil {
		t.Fatal(err)
	}
	_, err = p.Grants.RedeemRefreshToken(rt, idp.DefaultCLIClientID)
	wantCode(t, err, 50173)
}
