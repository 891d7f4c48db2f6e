package endpoints

import (
	"net/url"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// A multi-tenant confidential client starts the device flow on
// /organizations (it is found in its home tenant); a user of a customer
// tenant approves. The poll is answered with tokens of the customer
// tenant, the client authenticated once, there; a wrong secret is refused
// there as well.
func TestDeviceCodeCrossTenant(t *testing.T) {
	for _, tc := range []struct {
		name, secret, want string
	}{
		{"tokens in the approving tenant", idp.DefaultVendorSecret, ""},
		{"wrong secret", "not-the-secret", "invalid_client"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, clouds.Public, nil)
			form := url.Values{"client_id": {idp.DefaultVendorClientID}, "client_secret": {idp.DefaultVendorSecret}, "scope": {"User.Read"}}
			resp, body := ts.post(t, "/organizations/oauth2/v2.0/devicecode", form)
			if resp.StatusCode != 200 {
				t.Fatalf("devicecode: %d %v", resp.StatusCode, body)
			}
			if err := ts.srv.Provider().Devices.ApproveDeviceCode(body["user_code"].(string), idp.DefaultCustomerAdminUPN); err != nil {
				t.Fatal(err)
			}
			poll := url.Values{"grant_type": {idp.GrantDeviceCode}, "client_id": {idp.DefaultVendorClientID},
				"client_secret": {tc.secret}, "device_code": {body["device_code"].(string)}}
			resp, tok := ts.post(t, "/organizations/oauth2/v2.0/token", poll)
			if tc.want != "" {
				if tok["error"] != tc.want {
					t.Fatalf("poll: %d %v, want %s", resp.StatusCode, tok, tc.want)
				}
				return
			}
			if resp.StatusCode != 200 {
				t.Fatalf("poll: %d %v", resp.StatusCode, tok)
			}
			if c := tokenClaims(t, tok["access_token"].(string)); c["tid"] != idp.DefaultCustomerTenantID {
				t.Errorf("tid %v, want the customer tenant %s", c["tid"], idp.DefaultCustomerTenantID)
			}
		})
	}
}
