package endpoints

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// A federated domain of the default tenant and a user of it.
const (
	federatedDomain = "corp.contoso.example"
	federatedUPN    = "sam@" + federatedDomain
)

func withFederatedDomain(s *idp.Seed) {
	s.Tenants[0].FederatedDomains = []string{federatedDomain}
	s.Tenants[0].Users = append(s.Tenants[0].Users, idp.User{ObjectID: "a1b2c3d4-0000-4000-8000-0000000000fd",
		UserPrincipalName: federatedUPN, DisplayName: "Sam", Password: "sam-password"})
}

// Home-realm discovery names a federated domain's users Federated with
// the WS-Trust endpoints; cloud users stay Managed.
func TestUserRealmFederated(t *testing.T) {
	ts := newTestServer(t, clouds.Public, withFederatedDomain)
	cases := []struct{ upn, kind, meta string }{
		{federatedUPN, "Federated", ts.URL + "/_mockidp/federation/" + federatedDomain + "/adfs/services/trust/mex"},
		{"SAM@CORP.CONTOSO.EXAMPLE", "Federated", ts.URL + "/_mockidp/federation/" + federatedDomain + "/adfs/services/trust/mex"},
		{alexUPN, "Managed", ""},
		{"who@nowhere.example", "Unknown", ""},
	}
	for _, tc := range cases {
		t.Run(tc.upn, func(t *testing.T) {
			resp := ts.get(t, "/common/UserRealm/"+url.PathEscape(tc.upn)+"?api-version=1.0")
			raw, _ := io.ReadAll(resp.Body)
			var m map[string]any
			if err := json.Unmarshal(raw, &m); err != nil || resp.StatusCode != 200 {
				t.Fatalf("%d %s", resp.StatusCode, raw)
			}
			if m["account_type"] != tc.kind || (m["federation_metadata_url"] != nil) != (tc.meta != "") {
				t.Fatalf("realm = %s", raw)
			}
			if tc.meta != "" && (m["federation_metadata_url"] != tc.meta || m["federation_protocol"] != "WSTrust" ||
				m["federation_active_auth_url"] == nil) {
				t.Errorf("federation fields: %s", raw)
			}
			for _, f := range []string{"ver", "domain_name", "cloud_instance_name", "cloud_audience_urn"} {
				if m[f] == nil {
					t.Errorf("lacks %s: %s", f, raw)
				}
			}
		})
	}
}

// The password grant refuses a federated user with Entra's 50126, even
// with the right password; the federation endpoints are not emulated.
func TestPasswordGrantFederatedUser(t *testing.T) {
	ts := newTestServer(t, clouds.Public, withFederatedDomain)
	form := func(user, pw string) url.Values {
		return url.Values{"grant_type": {"password"}, "client_id": {idp.DefaultCLIClientID}, "username": {user},
			"password": {pw}, "scope": {"User.Read"}}
	}
	cases := []struct {
		name, path, user, pw string
		status               int
	}{
		{"federated, right password", "/" + idp.DefaultTenantID + "/oauth2/v2.0/token", federatedUPN, "sam-password", 400},
		{"federated on /organizations", "/organizations/oauth2/v2.0/token", federatedUPN, "sam-password", 400},
		{"federated on v1", "/" + idp.DefaultTenantID + "/oauth2/token", federatedUPN, "sam-password", 400},
		{"managed user still works", "/" + idp.DefaultTenantID + "/oauth2/v2.0/token", alexUPN, idp.DefaultUserPassword, 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := form(tc.user, tc.pw)
			if tc.path[len(tc.path)-len("/oauth2/token"):] == "/oauth2/token" {
				f.Del("scope")
				f.Set("resource", "https://graph.microsoft.com")
			}
			status, body := postToken(t, ts, tc.path, f)
			if tc.status == 200 {
				if status != 200 {
					t.Fatalf("%d %v", status, body)
				}
				return
			}
			wantAADError(t, status, body, http.StatusBadRequest, "invalid_grant", 50126)
		})
	}
	if resp := ts.get(t, "/_mockidp/federation/"+federatedDomain+"/adfs/services/trust/mex"); resp.StatusCode != 404 {
		t.Errorf("federation metadata: %d, want 404 (AD FS is not emulated)", resp.StatusCode)
	}
}
