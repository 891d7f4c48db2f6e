package mockidpclient_test

import (
	"encoding/json"
	"errors"
	"net/url"
	"testing"

	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidpclient"
	"github.com/mockidp/mockidp/mockidptest"
)

// ApproveDeviceCode and DenyDeviceCode decide a pending code once; a
// second decision, or an unknown code, is a control-API error.
func TestDecideDeviceCode(t *testing.T) {
	srv := mockidptest.NewServer(t)
	upn := idp.DefaultUserUPN("contoso.onmicrosoft.com")
	for _, tc := range []struct {
		name   string
		decide func(c *mockidpclient.Client, code string) error
	}{
		{"approve", func(c *mockidpclient.Client, code string) error { return c.ApproveDeviceCode(t.Context(), code, upn) }},
		{"deny", func(c *mockidpclient.Client, code string) error { return c.DenyDeviceCode(t.Context(), code, upn) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code := userCode(t, srv)
			if err := tc.decide(srv.Control, code); err != nil {
				t.Fatalf("first decision: %v", err)
			}
			var e *mockidpclient.Error
			if err := tc.decide(srv.Control, code); !errors.As(err, &e) || e.Status != 400 {
				t.Fatalf("second decision: %v, want a 400 control-API error", err)
			}
		})
	}
	var e *mockidpclient.Error
	if err := srv.Control.ApproveDeviceCode(t.Context(), "NOPE-NOPE", upn); !errors.As(err, &e) || e.Status != 400 {
		t.Fatalf("unknown code: %v, want a 400 control-API error", err)
	}
}

// userCode starts a device-code flow for the default CLI app.
func userCode(t *testing.T, srv *mockidptest.Server) string {
	t.Helper()
	resp, err := srv.Client().PostForm(srv.AuthorityURL(idp.DefaultTenantID)+"/oauth2/v2.0/devicecode",
		url.Values{"client_id": {idp.DefaultCLIClientID}, "scope": {"User.Read"}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		UserCode string `json:"user_code"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || body.UserCode == "" {
		t.Fatalf("devicecode: status %d, %v", resp.StatusCode, err)
	}
	return body.UserCode
}
