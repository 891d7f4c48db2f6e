package endpoints

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/idp"
)

func adminConsentPath(v2 bool, extra url.Values) string {
	q := url.Values{"client_id": {webClientID}, "redirect_uri": {webRedirect}, "state": {"a1"}}
	for k, v := range extra {
		q[k] = v
	}
	if v2 {
		return "/" + idp.DefaultTenantID + "/v2.0/adminconsent?" + q.Encode()
	}
	return "/" + idp.DefaultTenantID + "/adminconsent?" + q.Encode()
}

// Admin consent records tenant-wide grants (scopes and configured app
// roles) and answers in each endpoint's shape; Cancel answers with the
// documented errors.
func TestAdminConsent(t *testing.T) {
	ts, b := newUserFlowServer(t)
	p := b.signIn(b.get(adminConsentPath(true, url.Values{"scope": {"https://graph.microsoft.com/.default"}})))
	if !strings.Contains(p.body, "on behalf of your organization") || !strings.Contains(p.body, `data-scope="User.Read"`) {
		t.Fatalf("admin consent page: %.400s", p.body)
	}
	declined := redirectParams(t, b.submit(p, url.Values{"accept": {"no"}}))
	if declined.Get("admin_consent") != "True" || declined.Get("error") != "access_denied" || declined.Get("error_subcode") != "cancel" ||
		!strings.HasPrefix(declined.Get("error_description"), "AADSTS65004: User declined to consent to access the app.") || declined.Get("state") != "a1" {
		t.Fatalf("declined = %v", declined)
	}
	p = b.get(adminConsentPath(true, url.Values{"scope": {"https://graph.microsoft.com/.default"}}))
	q := redirectParams(t, b.submit(p, url.Values{"accept": {"yes"}}))
	if q.Get("admin_consent") != "True" || q.Get("tenant") != idp.DefaultTenantID ||
		q.Get("scope") != "https://graph.microsoft.com/User.Read" || q.Get("state") != "a1" {
		t.Fatalf("accepted = %v", q)
	}
	tv, _ := ts.srv.Provider().Directory.TenantByID(idp.DefaultTenantID)
	web, _ := tv.App(webClientID)
	graph, _ := tv.Resource("https://graph.microsoft.com")
	if got := web.ConsentedScopes(graph, nil); len(got) != 1 || got[0] != "User.Read" {
		t.Errorf("tenant-wide scopes = %v", got)
	}
	if got := web.RolesOn(graph); len(got) != 1 || got[0] != "User.Read.All" {
		t.Errorf("app roles = %v", got)
	}

	legacy := b.get(adminConsentPath(false, nil))
	q = redirectParams(t, b.submit(legacy, url.Values{"accept": {"yes"}}))
	if q.Get("admin_consent") != "True" || q.Get("tenant") != idp.DefaultTenantID || q.Get("state") != "a1" {
		t.Fatalf("legacy = %v", q)
	}
	q = redirectParams(t, b.submit(b.get(adminConsentPath(false, nil)), url.Values{"accept": {"no"}}))
	if q.Get("error") != "permission_denied" || q.Get("error_description") != "The admin canceled the request" {
		t.Fatalf("legacy declined = %v", q)
	}
	if p := b.get(adminConsentPath(true, nil)); p.status != http.StatusBadRequest || !strings.Contains(p.body, "AADSTS900144") {
		t.Errorf("v2 without scope: %d", p.status)
	}
	if p := b.get(strings.Replace(adminConsentPath(true, url.Values{"scope": {"User.Read"}}), idp.DefaultTenantID, "common", 1)); !strings.Contains(p.body, "AADSTS9001023") {
		t.Errorf("admin consent on /common: %d %.200s", p.status, p.body)
	}
}

// The v1 authorize endpoint takes resource; the v1 token endpoint answers
// with string numbers and the resource.
func TestAuthorizeV1(t *testing.T) {
	ts, b := newUserFlowServer(t)
	q := url.Values{"client_id": {idp.DefaultCLIClientID}, "response_type": {"code"}, "redirect_uri": {"http://localhost:7000"},
		"resource": {idp.DefaultAPIURI}, "login_hint": {botUPN}}
	code := redirectParams(t, b.get("/"+idp.DefaultTenantID+"/oauth2/authorize?"+q.Encode())).Get("code")
	st, body := postToken(t, ts, "/"+idp.DefaultTenantID+"/oauth2/token", url.Values{"grant_type": {"authorization_code"},
		"client_id": {idp.DefaultCLIClientID}, "code": {code}, "redirect_uri": {"http://localhost:7000"}, "resource": {idp.DefaultAPIURI}})
	if st != http.StatusOK || body["resource"] != idp.DefaultAPIURI || body["id_token"] == nil {
		t.Fatalf("v1 redeem: %d %v", st, body)
	}
	if _, ok := body["expires_in"].(string); !ok {
		t.Errorf("v1 expires_in is not a string: %v", body["expires_in"])
	}
}

// On /common and /organizations the user's domain picks the tenant.
func TestAuthorizeOrganizations(t *testing.T) {
	_, b := newUserFlowServer(t)
	q := url.Values{"client_id": {idp.DefaultCLIClientID}, "response_type": {"code"}, "redirect_uri": {"http://localhost:7000"},
		"scope": {"openid User.Read"}}
	p := b.get("/organizations/oauth2/v2.0/authorize?" + q.Encode())
	if got := redirectParams(t, b.signIn(p)); got.Get("code") == "" {
		t.Fatalf("organizations: %v", got)
	}
	if got := redirectParams(t, b.get("/common/oauth2/v2.0/authorize?"+q.Encode())); got.Get("code") == "" {
		t.Fatalf("common SSO: %v", got)
	}
}
