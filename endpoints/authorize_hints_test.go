package endpoints

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// A second tenant of the public cloud, for domain_hint: it registers the
// default CLI app and has one auto-approve user.
const (
	fabrikamID     = "f0a1b2c3-0000-4000-8000-00000000fab0"
	fabrikamDomain = "fabrikam.example"
	fabrikamUPN    = "kim@" + fabrikamDomain
)

func withFabrikam(s *idp.Seed) {
	withUserFlowFixtures(s)
	var cli idp.Application
	for _, a := range s.Tenants[0].Applications {
		if a.ClientID == idp.DefaultCLIClientID {
			cli = a
		}
	}
	cli.ConsentGrants = nil
	s.Tenants = append(s.Tenants, idp.Tenant{ID: fabrikamID, DisplayName: "Fabrikam", Domains: []string{fabrikamDomain},
		Applications: []idp.Application{cli},
		Users: []idp.User{{ObjectID: "f0a1b2c3-0000-4000-8000-0000000000c1", UserPrincipalName: fabrikamUPN,
			DisplayName: "Kim", Password: "kim-password", AutoApprove: true}}})
}

// orgAuthorize is cliAuthorize on /organizations.
func orgAuthorize(extra map[string]string) string {
	return strings.Replace(cliAuthorize(extra), "/"+idp.DefaultTenantID+"/", "/organizations/", 1)
}

// domain_hint without login_hint narrows SSO and the account picker to
// the hinted tenant's accounts; none signed in there is the sign-in page
// for that domain; an unknown domain is ignored.
func TestAuthorizeDomainHint(t *testing.T) {
	ts := newTestServer(t, clouds.Public, withFabrikam)
	alexOnly := ts.browser(t)
	alexOnly.cliCode(nil)
	both := ts.browser(t)
	both.cliCode(nil)
	both.get(orgAuthorize(map[string]string{"login_hint": fabrikamUPN, "prompt": "login"}))

	cases := []struct {
		name  string
		b     *userAgent
		hint  string
		extra map[string]string
		want  string // "signin", "picker", "code" or an error
	}{
		{"no hint, one session: SSO", alexOnly, "", nil, "code"},
		{"other tenant's domain: its sign-in page", alexOnly, fabrikamDomain, nil, "signin"},
		{"other tenant's ID: its sign-in page", alexOnly, fabrikamID, nil, "signin"},
		{"own domain: SSO", alexOnly, "contoso.onmicrosoft.com", nil, "code"},
		{"unknown domain is ignored", alexOnly, "nowhere.example", nil, "code"},
		{"no hint, two sessions: picker", both, "", nil, "picker"},
		{"two sessions, hinted tenant: SSO without picker", both, fabrikamDomain, nil, "code"},
		{"prompt=none, hinted tenant not signed in", alexOnly, fabrikamDomain, map[string]string{"prompt": "none"}, "login_required"},
		{"login_hint wins over domain_hint", alexOnly, fabrikamDomain, map[string]string{"login_hint": alexUPN}, "code"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			params := map[string]string{"domain_hint": tc.hint}
			for k, v := range tc.extra {
				params[k] = v
			}
			p := tc.b.get(orgAuthorize(params))
			switch tc.want {
			case "signin":
				if p.status != http.StatusOK || !strings.Contains(p.body, `id="signin"`) ||
					!strings.Contains(p.body, `<span id="domain-hint">`+fabrikamDomain+`</span>`) {
					t.Fatalf("want the sign-in page for %s: %d %.600s", fabrikamDomain, p.status, p.body)
				}
			case "picker":
				if p.status != http.StatusOK || !strings.Contains(p.body, `id="otherTile"`) {
					t.Fatalf("want the account picker: %d %.300s", p.status, p.body)
				}
			default:
				q := redirectParams(t, p)
				if got := q.Get("error"); tc.want == "code" && q.Get("code") == "" || tc.want != "code" && got != tc.want {
					t.Fatalf("redirect %v, want %s", q, tc.want)
				}
			}
		})
	}
}

// The claims parameter of /authorize travels in the code: the redeemed
// access token carries the client capabilities and honours nbf, as the
// token endpoint's own claims parameter does; bad JSON goes back to the
// app as invalid_request.
func TestAuthorizeClaims(t *testing.T) {
	ts, b := newUserFlowServer(t)
	const nbf = 1900000000
	claims := `{"access_token":{"xms_cc":{"values":["cp1"]},"nbf":{"essential":true,"value":"1900000000"}},"id_token":{"acrs":{"essential":true}}}`
	cases := []struct {
		name       string
		authorize  string // claims on /authorize
		redeem     string // claims on the token request
		wantCC     bool
		wantNbfMin int64
	}{
		{"none", "", "", false, 0},
		{"on authorize only", claims, "", true, nbf},
		{"on the token request only", "", claims, true, nbf},
		{"token request's wins", claims, `{"access_token":{"xms_cc":{"values":["cp2"]}}}`, true, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code := b.cliCode(map[string]string{"claims": tc.authorize})
			form := url.Values{"grant_type": {"authorization_code"}, "client_id": {idp.DefaultCLIClientID}, "code": {code},
				"redirect_uri": {"http://localhost:5555"}, "scope": {"User.Read"}}
			if tc.redeem != "" {
				form.Set("claims", tc.redeem)
			}
			status, body := ts.token(t, form)
			if status != http.StatusOK {
				t.Fatalf("redeem: %d %v", status, body)
			}
			at := tokenClaims(t, body["access_token"].(string))
			cc, _ := at["xms_cc"].([]any)
			if tc.wantCC != (len(cc) > 0) {
				t.Fatalf("xms_cc = %v, want present %v", at["xms_cc"], tc.wantCC)
			}
			if tc.redeem != "" && tc.authorize != "" && cc[0] != "cp2" {
				t.Errorf("xms_cc = %v, want the token request's cp2", cc)
			}
			if got := int64(at["nbf"].(float64)); got < tc.wantNbfMin {
				t.Errorf("nbf = %d, want >= %d", got, tc.wantNbfMin)
			}
		})
	}
	for _, bad := range []string{"{nope", "[1]", `{"access_token":5}`} {
		t.Run("invalid "+bad, func(t *testing.T) {
			q := redirectParams(t, b.get(cliAuthorize(map[string]string{"claims": bad})))
			if q.Get("error") != "invalid_request" || !strings.HasPrefix(q.Get("error_description"), "AADSTS9002313: ") ||
				q.Get("state") != "st8" {
				t.Fatalf("redirect = %v", q)
			}
		})
	}
}
