package idp_test

import (
	"testing"
	"time"

	"github.com/mockidp/mockidp/idp"
)

const (
	verifier  = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" // RFC 7636 appendix B
)

func TestRedeemAuthCode(t *testing.T) {
	base := idp.AuthCodeGrant{TenantID: idp.DefaultTenantID, ClientID: idp.DefaultCLIClientID,
		RedirectURI: "http://localhost:1234", Challenge: challenge, ChallengeMethod: idp.PKCEMethodS256}
	ok := idp.CodeRedemption{ClientID: idp.DefaultCLIClientID, TenantID: idp.DefaultTenantID,
		RedirectURI: "http://localhost:1234", Verifier: verifier}
	cases := []struct {
		name    string
		grant   func(*idp.AuthCodeGrant)
		redeem  func(*idp.CodeRedemption)
		advance time.Duration
		want    int
	}{
		{name: "ok"},
		{name: "unknown code", redeem: func(r *idp.CodeRedemption) { r.Code = "1.Anope" }, want: 9002313},
		{name: "other client", redeem: func(r *idp.CodeRedemption) { r.ClientID = idp.DefaultAPIClientID }, want: 70000},
		{name: "other tenant", redeem: func(r *idp.CodeRedemption) { r.TenantID = idp.DefaultUSGovTenantID }, want: 700005},
		{name: "expired", advance: 10*time.Minute + time.Second, want: 70008},
		{name: "not yet expired", advance: 10 * time.Minute},
		{name: "redirect missing", redeem: func(r *idp.CodeRedemption) { r.RedirectURI = "" }, want: 700009},
		{name: "redirect mismatch", redeem: func(r *idp.CodeRedemption) { r.RedirectURI = "http://localhost:1235" }, want: 500112},
		{name: "verifier wrong", redeem: func(r *idp.CodeRedemption) { r.Verifier = verifier + "x" }, want: 501481},
		{name: "verifier empty", redeem: func(r *idp.CodeRedemption) { r.Verifier = "" }, want: 501481},
		{name: "plain", grant: func(g *idp.AuthCodeGrant) { g.Challenge, g.ChallengeMethod = verifier, "" }},
		{name: "plain mismatch", grant: func(g *idp.AuthCodeGrant) { g.Challenge, g.ChallengeMethod = challenge, idp.PKCEMethodPlain }, want: 501481},
		{name: "no PKCE, empty verifier", grant: func(g *idp.AuthCodeGrant) { g.Challenge = "" },
			redeem: func(r *idp.CodeRedemption) { r.Verifier = "" }},
		{name: "no redirect at authorize", grant: func(g *idp.AuthCodeGrant) { g.RedirectURI = "" },
			redeem: func(r *idp.CodeRedemption) { r.RedirectURI = "" }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newProvider(t, nil)
			g, r := base, ok
			if tc.grant != nil {
				tc.grant(&g)
			}
			r.Code = issueCode(t, p, g)
			if tc.redeem != nil {
				tc.redeem(&r)
			}
			p.Clock().Advance(tc.advance)
			_, err := p.Grants.RedeemAuthCode(r)
			wantCode(t, err, tc.want)
		})
	}
}

func TestAuthCodeIsOneTime(t *testing.T) {
	p := newProvider(t, nil)
	code := issueCode(t, p, idp.AuthCodeGrant{TenantID: idp.DefaultTenantID, ClientID: idp.DefaultCLIClientID})
	r := idp.CodeRedemption{Code: code, ClientID: idp.DefaultCLIClientID}
	if _, err := p.Grants.RedeemAuthCode(r); err != nil {
		t.Fatal(err)
	}
	_, err := p.Grants.RedeemAuthCode(r)
	wantCode(t, err, 54005)
}

func TestCheckRedirectURI(t *testing.T) {
	public := &idp.AppView{Application: &idp.Application{ClientID: "c", PublicClient: true,
		RedirectURIs: []string{"http://localhost", "http://127.0.0.1/cb", "https://app.example/cb"}}}
	web := &idp.AppView{Application: &idp.Application{ClientID: "w", RedirectURIs: []string{"http://localhost:8080/cb"}}}
	none := &idp.AppView{Application: &idp.Application{ClientID: "n"}}
	cases := []struct {
		app  *idp.AppView
		uri  string
		want int
	}{
		{public, "http://localhost:5000", 0},
		{public, "http://localhost:5000/", 0},
		{public, "http://LOCALHOST:1", 0},
		{public, "http://127.0.0.1:99/cb", 0},
		{public, "http://127.0.0.1:99/other", 50011},
		{public, "http://localhost.evil.example:5000", 50011},
		{public, "https://localhost:5000", 50011},
		{public, "https://app.example/cb", 0},
		{public, "https://app.example/cb2", 50011},
		{public, "", 900971},
		{public, "not a uri", 90102},
		{web, "http://localhost:8080/cb", 0},
		{web, "http://localhost:8081/cb", 50011},
		{none, "https://x.example", 500113},
	}
	for _, tc := range cases {
		t.Run(tc.app.ClientID+" "+tc.uri, func(t *testing.T) {
			wantCode(t, tc.app.CheckRedirectURI(tc.uri), tc.want)
		})
	}
}
