package endpoints

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

var customerToken = "/" + idp.DefaultCustomerTenantID + "/oauth2/v2.0/token"

func vendorCredentials(tenantPath string) (string, url.Values) {
	return "/" + tenantPath + "/oauth2/v2.0/token", url.Values{"grant_type": {"client_credentials"},
		"client_id": {idp.DefaultVendorClientID}, "client_secret": {idp.DefaultVendorSecret},
		"scope": {"https://graph.microsoft.com/.default"}}
}

func vendorAdminConsent(tenant string) string {
	return "/" + tenant + "/v2.0/adminconsent?" + url.Values{"client_id": {idp.DefaultVendorClientID},
		"redirect_uri": {"http://localhost"}, "state": {"s1"}, "scope": {"https://graph.microsoft.com/.default"}}.Encode()
}

// submitForm posts the form with the given id, as submit does the first.
func (b *userAgent) submitForm(p page, id string, extra url.Values) page {
	b.t.Helper()
	i := strings.Index(p.body, `id="`+id+`"`)
	if i < 0 {
		b.t.Fatalf("no form %q on page: %.300s", id, p.body)
	}
	start := strings.LastIndex(p.body[:i], "<form")
	return b.submit(page{status: p.status, body: p.body[start:]}, extra)
}

func (b *userAgent) signInAs(p page, upn string) page {
	b.t.Helper()
	if !strings.Contains(p.body, `id="signin"`) {
		b.t.Fatalf("not the sign-in page (status %d): %.300s", p.status, p.body)
	}
	return b.submit(p, url.Values{"login": {upn}, "passwd": {idp.DefaultUserPassword}})
}

// The vendor flow on the default seed: unknown in the customer tenant
// until its admin consents; then tokens of the customer tenant with the
// consented roles; deleting the service principal brings 700016 back.
func TestVendorAppAdminConsent(t *testing.T) {
	ts := newTestServer(t, clouds.Public, nil)
	path, form := vendorCredentials(idp.DefaultCustomerTenantID)
	st, body := postToken(t, ts, path, form)
	wantAADError(t, st, body, http.StatusBadRequest, "unauthorized_client", 700016)

	b := ts.browser(t)
	consent := b.signInAs(b.get(vendorAdminConsent(idp.DefaultCustomerDomain)), idp.DefaultCustomerAdminUPN)
	if !strings.Contains(consent.body, "on behalf of your organization") || !strings.Contains(consent.body, `data-scope="User.Read"`) {
		t.Fatalf("admin consent page: %.500s", consent.body)
	}
	q := redirectParams(t, b.submit(consent, url.Values{"accept": {"yes"}}))
	if q.Get("admin_consent") != "True" || q.Get("tenant") != idp.DefaultCustomerTenantID || q.Get("state") != "s1" {
		t.Fatalf("admin consent answer = %v", q)
	}

	for _, tenant := range []string{idp.DefaultCustomerTenantID, idp.DefaultCustomerDomain} {
		path, form := vendorCredentials(tenant)
		st, body = postToken(t, ts, path, form)
		if st != http.StatusOK {
			t.Fatalf("%s after consent: %d %v", tenant, st, body)
		}
		c := tokenClaims(t, body["access_token"].(string))
		sp := idp.DerivedGUID(idp.DefaultCustomerTenantID, idp.DefaultVendorClientID, "sp")
		if c["tid"] != idp.DefaultCustomerTenantID || !strings.Contains(c["iss"].(string), idp.DefaultCustomerTenantID) ||
			c["oid"] != sp || c["appid"] != idp.DefaultVendorClientID {
			t.Errorf("claims = %v", c)
		}
		if roles, _ := c["roles"].([]any); len(roles) != 1 || roles[0] != "User.Read.All" {
			t.Errorf("roles = %v", c["roles"])
		}
	}
	// The vendor's own tenant is unchanged: it never granted the role.
	path, form = vendorCredentials(idp.DefaultTenantID)
	if st, body = postToken(t, ts, path, form); st != http.StatusOK || tokenClaims(t, body["access_token"].(string))["roles"] != nil {
		t.Errorf("home tenant: %d %v", st, body)
	}

	if err := ts.srv.Provider().State.ServicePrincipals().Delete(idp.DefaultCustomerTenantID, idp.DefaultVendorClientID); err != nil {
		t.Fatal(err)
	}
	path, form = vendorCredentials(idp.DefaultCustomerTenantID)
	st, body = postToken(t, ts, path, form)
	wantAADError(t, st, body, http.StatusBadRequest, "unauthorized_client", 700016)
}

// A user without an admin role gets "Need admin approval" on admin
// consent and on prompt=admin_consent; returning gives AADSTS90094.
func TestAdminConsentNeedsAdmin(t *testing.T) {
	ts := newTestServer(t, clouds.Public, nil)
	b := ts.browser(t)
	p := b.signInAs(b.get(vendorAdminConsent("organizations")), idp.DefaultCustomerUserUPN)
	if p.status != http.StatusOK || !strings.Contains(p.body, "Need admin approval") || !strings.Contains(p.body, "AADSTS90094") {
		t.Fatalf("need admin page: %d %.500s", p.status, p.body)
	}
	q := redirectParams(t, b.submitForm(p, "return", nil))
	if q.Get("error") != "access_denied" || q.Get("error_subcode") != "cancel" || q.Get("admin_consent") != "True" ||
		!strings.HasPrefix(q.Get("error_description"), "AADSTS90094: ") || q.Get("state") != "s1" {
		t.Fatalf("return = %v", q)
	}
	if _, err := ts.srv.Provider().State.ServicePrincipals().List(idp.DefaultCustomerTenantID); err != nil {
		t.Fatal(err)
	}
	if tv, _ := ts.srv.Provider().Directory.TenantByID(idp.DefaultCustomerTenantID); func() bool { _, ok := tv.App(idp.DefaultVendorClientID); return ok }() {
		t.Error("a refused admin consent created the service principal")
	}

	// "Have an admin account?" signs in another account and goes on.
	p = b.get(vendorAdminConsent("organizations"))
	p = b.signInAs(b.submitForm(p, "admin-account", url.Values{"other": {"1"}}), idp.DefaultCustomerAdminUPN)
	if !strings.Contains(p.body, "on behalf of your organization") {
		t.Fatalf("admin after need-admin: %.300s", p.body)
	}

	auth := "/organizations/oauth2/v2.0/authorize?" + url.Values{"client_id": {idp.DefaultVendorClientID},
		"response_type": {"code"}, "redirect_uri": {"http://localhost"}, "scope": {"openid User.Read"},
		"prompt": {"admin_consent"}, "login_hint": {idp.DefaultCustomerUserUPN}}.Encode()
	p = b.get(auth)
	if p.status != http.StatusOK || !strings.Contains(p.body, "Need admin approval") {
		t.Fatalf("prompt=admin_consent as a user: %d %.300s", p.status, p.body)
	}
}

// A user of the customer tenant signs in to the vendor app through
// /organizations: consent page, the service principal appears with the
// user's grant, and the code redeems to tokens of the customer tenant.
func TestVendorAppUserConsentOrganizations(t *testing.T) {
	ts := newTestServer(t, clouds.Public, nil)
	b := ts.browser(t)
	auth := "/organizations/oauth2/v2.0/authorize?" + url.Values{"client_id": {idp.DefaultVendorClientID},
		"response_type": {"code"}, "redirect_uri": {"http://localhost"}, "scope": {"openid offline_access User.Read"}}.Encode()
	consent := b.signInAs(b.get(auth), idp.DefaultCustomerUserUPN)
	if !strings.Contains(consent.body, `id="consent"`) || strings.Contains(consent.body, "on behalf of your organization") {
		t.Fatalf("consent page: %.300s", consent.body)
	}
	code := redirectParams(t, b.submit(consent, url.Values{"accept": {"yes"}})).Get("code")
	st, body := postToken(t, ts, "/organizations/oauth2/v2.0/token", url.Values{"grant_type": {"authorization_code"},
		"client_id": {idp.DefaultVendorClientID}, "client_secret": {idp.DefaultVendorSecret}, "code": {code},
		"redirect_uri": {"http://localhost"}, "scope": {"openid offline_access User.Read"}})
	if st != http.StatusOK {
		t.Fatalf("redeem: %d %v", st, body)
	}
	for _, tok := range []string{"access_token", "id_token"} {
		c := tokenClaims(t, body[tok].(string))
		if c["tid"] != idp.DefaultCustomerTenantID || !strings.Contains(c["iss"].(string), idp.DefaultCustomerTenantID) {
			t.Errorf("%s: tid %v iss %v", tok, c["tid"], c["iss"])
		}
	}

	// Removing this user's grant brings 65001 back for them only.
	rt, ok := body["refresh_token"].(string)
	if !ok {
		t.Fatalf("no refresh token: %v", body)
	}
	if err := ts.srv.Provider().State.RevokeConsent(idp.DefaultCustomerTenantID, idp.DefaultVendorClientID, idp.DefaultCustomerUserID); err != nil {
		t.Fatal(err)
	}
	st, body = postToken(t, ts, customerToken, url.Values{"grant_type": {"refresh_token"}, "client_id": {idp.DefaultVendorClientID},
		"client_secret": {idp.DefaultVendorSecret}, "refresh_token": {rt}, "scope": {"User.Read"}})
	wantAADError(t, st, body, http.StatusBadRequest, "invalid_grant", 65001)
}

// A single-tenant app refuses users of other tenants with AADSTS50020,
// on /organizations and on its tenant's own endpoint; a work-only app
// does not exist on /consumers.
func TestSingleTenantAppForeignUser(t *testing.T) {
	ts := newTestServer(t, clouds.Public, withUserFlowFixtures)
	for _, tenant := range []string{"organizations", idp.DefaultTenantID} {
		b := ts.browser(t)
		auth := "/" + tenant + "/oauth2/v2.0/authorize?" + url.Values{"client_id": {webClientID}, "response_type": {"code"},
			"redirect_uri": {webRedirect}, "scope": {"openid User.Read"}, "state": {"z"}}.Encode()
		q := redirectParams(t, b.signInAs(b.get(auth), idp.DefaultCustomerUserUPN))
		if q.Get("error") != "access_denied" || !strings.HasPrefix(q.Get("error_description"), "AADSTS50020: User account '"+idp.DefaultCustomerUserUPN+"' from identity provider 'https://sts.windows.net/"+idp.DefaultCustomerTenantID+"/' does not exist in tenant 'Contoso'") {
			t.Errorf("%s: %v", tenant, q)
		}
	}
	p := ts.browser(t).get("/consumers/oauth2/v2.0/authorize?" + url.Values{"client_id": {webClientID}, "response_type": {"code"},
		"redirect_uri": {webRedirect}, "scope": {"openid"}}.Encode())
	if p.status != http.StatusBadRequest || !strings.Contains(p.body, "700016") || !strings.Contains(p.body, idp.ConsumersTenantID) {
		t.Errorf("/consumers: %d %.300s", p.status, p.body)
	}
}
