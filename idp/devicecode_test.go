package idp_test

import (
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

func start(t *testing.T, p *idp.Provider, tenant string) idp.DeviceAuthorization {
	t.Helper()
	site := idp.NewSite(clouds.Public, "https://localhost:8443")
	ref, err := p.Directory.ResolveTenant(site, tenant)
	if err != nil {
		t.Fatal(err)
	}
	d, err := p.Devices.StartDeviceAuthorization(idp.DeviceRequest{Site: site, Tenant: ref,
		Client: idp.ClientCredential{ClientID: idp.DefaultCLIClientID}, Scope: "User.Read openid profile offline_access"})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

var upn = idp.DefaultUserUPN("contoso.onmicrosoft.com")

func TestDeviceCodeLifecycle(t *testing.T) {
	tests := []struct {
		name    string
		act     func(p *idp.Provider, d idp.DeviceAuthorization) error
		want    int // AADSTS of the poll after act; 0 = tokens
		wantErr string
	}{
		{"pending", func(*idp.Provider, idp.DeviceAuthorization) error { return nil }, 70016, "authorization_pending"},
		{"approved", func(p *idp.Provider, d idp.DeviceAuthorization) error {
			return p.Devices.ApproveDeviceCode(d.UserCode, upn)
		}, 0, ""},
		{"approved by object ID, typed in lower case", func(p *idp.Provider, d idp.DeviceAuthorization) error {
			return p.Devices.ApproveDeviceCode(strings.ToLower(d.UserCode[:4]+"-"+d.UserCode[4:]), idp.DefaultUserID)
		}, 0, ""},
		{"declined", func(p *idp.Provider, d idp.DeviceAuthorization) error {
			return p.Devices.DeclineDeviceCode(d.UserCode, upn)
		}, 70000, "authorization_declined"},
		{"expired", func(p *idp.Provider, d idp.DeviceAuthorization) error {
			p.Clock().Advance(15 * time.Minute)
			return nil
		}, 70020, "expired_token"},
		{"approved then expired", func(p *idp.Provider, d idp.DeviceAuthorization) error {
			err := p.Devices.ApproveDeviceCode(d.UserCode, upn)
			p.Clock().Advance(15 * time.Minute)
			return err
		}, 70020, "expired_token"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newProviderWith(t, nil, idp.DevicePolicy{})
			d := start(t, p, idp.DefaultTenantID)
			if err := tc.act(p, d); err != nil {
				t.Fatal(err)
			}
			got, err := p.Devices.PollDeviceCode(idp.DevicePoll{Code: d.DeviceCode, ClientID: idp.DefaultCLIClientID, Tenant: idp.TenantRef{}})
			if tc.want != 0 {
				wantOAuthCode(t, err, tc.want, tc.wantErr)
				return
			}
			if err != nil || got.SignIn == nil || got.SignIn.User.ObjectID != idp.DefaultUserID || got.TenantID != idp.DefaultTenantID {
				t.Fatalf("poll = %+v, %v", got, err)
			}
			_, err = p.Devices.PollDeviceCode(idp.DevicePoll{Code: d.DeviceCode, ClientID: idp.DefaultCLIClientID, Tenant: idp.TenantRef{}})
			wantOAuthCode(t, err, 70018, "bad_verification_code")
		})
	}
}

func TestDeviceCodeFormat(t *testing.T) {
	p := newProviderWith(t, nil, idp.DevicePolicy{})
	seen := map[string]bool{}
	for range 200 {
		d := start(t, p, idp.DefaultTenantID)
		if len(d.UserCode) != 9 || strings.ContainsAny(d.UserCode, "IO01abcdefghijklmnopqrstuvwxyz") || seen[d.UserCode] {
			t.Fatalf("user code %q", d.UserCode)
		}
		seen[d.UserCode] = true
		if d.Expires.Sub(d.Issued) != 15*time.Minute || d.Interval != 5*time.Second || len(d.DeviceCode) < 100 {
			t.Fatalf("code %+v", d)
		}
	}
}

func TestDeviceCodeWrongClientOrTenant(t *testing.T) {
	p := newProviderWith(t, nil, idp.DevicePolicy{})
	d := start(t, p, idp.DefaultTenantID)
	_, err := p.Devices.PollDeviceCode(idp.DevicePoll{Code: d.DeviceCode, ClientID: idp.DefaultDaemonClientID, Tenant: idp.TenantRef{}})
	wantOAuthCode(t, err, 70018, "bad_verification_code")
	_, err = p.Devices.PollDeviceCode(idp.DevicePoll{Code: "nonsense", ClientID: idp.DefaultCLIClientID, Tenant: idp.TenantRef{}})
	wantOAuthCode(t, err, 70018, "bad_verification_code")
	other := &idp.TenantView{Tenant: &idp.Tenant{ID: idp.DefaultUSGovTenantID}}
	_, err = p.Devices.PollDeviceCode(idp.DevicePoll{Code: d.DeviceCode, ClientID: idp.DefaultCLIClientID, Tenant: idp.TenantRef{Tenant: other}})
	wantOAuthCode(t, err, 70018, "bad_verification_code")
}

func TestDeviceCodeSlowDown(t *testing.T) {
	p := newProviderWith(t, nil, idp.DevicePolicy{SlowDown: true})
	d := start(t, p, idp.DefaultTenantID)
	poll := func() error {
		_, err := p.Devices.PollDeviceCode(idp.DevicePoll{Code: d.DeviceCode, ClientID: idp.DefaultCLIClientID, Tenant: idp.TenantRef{}})
		return err
	}
	wantOAuthCode(t, poll(), 70016, "authorization_pending")
	wantOAuthCode(t, poll(), 70016, "slow_down")
	p.Clock().Advance(5 * time.Second)
	wantOAuthCode(t, poll(), 70016, "authorization_pending")
	p.Clock().Advance(4 * time.Second)
	wantOAuthCode(t, poll(), 70016, "slow_down")
}

func TestDeviceCodePageErrors(t *testing.T) {
	p := newProviderWith(t, nil, idp.DevicePolicy{})
	d := start(t, p, idp.DefaultTenantID)
	_, err := p.Devices.LookupUserCode(clouds.Public.Name, "  ")
	wantOAuthCode(t, err, 90119, "invalid_request")
	_, err = p.Devices.LookupUserCode(clouds.Public.Name, "ZZZZZZZZZ")
	wantOAuthCode(t, err, 70018, "bad_verification_code")
	_, err = p.Devices.LookupUserCode(clouds.China.Name, d.UserCode)
	wantOAuthCode(t, err, 70018, "bad_verification_code")
	if _, _, err := p.Devices.BeginDeviceSignIn(clouds.Public.Name, d.UserCode, upn, "wrong"); idp.CodeOf(err) != 50126 {
		t.Fatalf("wrong password: %v", err)
	}
	c, ticket, err := p.Devices.BeginDeviceSignIn(clouds.Public.Name, d.UserCode, upn, idp.DefaultUserPassword)
	if err != nil || c.App.ClientID != idp.DefaultCLIClientID || c.User.ObjectID != idp.DefaultUserID {
		t.Fatalf("sign-in: %+v %v", c, err)
	}
	if _, err := p.Devices.FinishDeviceSignIn(clouds.Public.Name, d.UserCode, "forged", true); idp.CodeOf(err) != 9002313 {
		t.Fatalf("forged ticket: %v", err)
	}
	if _, err := p.Devices.FinishDeviceSignIn(clouds.Public.Name, d.UserCode, ticket, true); err != nil {
		t.Fatal(err)
	}
	_, err = p.Devices.LookupUserCode(clouds.Public.Name, d.UserCode)
	wantOAuthCode(t, err, 90120, "invalid_request")
	p.Clock().Advance(time.Hour)
	_, err = p.Devices.LookupUserCode(clouds.Public.Name, d.UserCode)
	wantOAuthCode(t, err, 70018, "bad_verification_code") // evicted
}

func TestDeviceCodeEviction(t *testing.T) {
	p := newProviderWith(t, nil, idp.DevicePolicy{MaxCodes: 10})
	first := start(t, p, idp.DefaultTenantID)
	for range 25 {
		start(t, p, idp.DefaultTenantID)
	}
	if n := p.Devices.DeviceCodes(); n != 10 {
		t.Fatalf("kept %d codes, want the cap 10", n)
	}
	_, err := p.Devices.PollDeviceCode(idp.DevicePoll{Code: first.DeviceCode, ClientID: idp.DefaultCLIClientID, Tenant: idp.TenantRef{}})
	wantOAuthCode(t, err, 70018, "bad_verification_code")

	// Expired codes stay one lifetime so late polls hear expired_token,
	// then go.
	p.Clock().Advance(16 * time.Minute)
	last := start(t, p, idp.DefaultTenantID)
	p.Clock().Advance(15 * time.Minute)
	_, err = p.Devices.PollDeviceCode(idp.DevicePoll{Code: last.DeviceCode, ClientID: idp.DefaultCLIClientID, Tenant: idp.TenantRef{}})
	wantOAuthCode(t, err, 70020, "expired_token")
	if n := p.Devices.DeviceCodes(); n != 1 {
		t.Fatalf("kept %d codes after expiry, want 1", n)
	}
}

func TestDeviceCodeAliasTenant(t *testing.T) {
	p := newProviderWith(t, nil, idp.DevicePolicy{})
	d := start(t, p, "organizations")
	if d.TenantID != "" || d.TenantAlias != "organizations" {
		t.Fatalf("alias code %+v", d)
	}
	if err := p.Devices.ApproveDeviceCode(d.UserCode, upn); err != nil {
		t.Fatal(err)
	}
	got, err := p.Devices.PollDeviceCode(idp.DevicePoll{Code: d.DeviceCode, ClientID: idp.DefaultCLIClientID, Tenant: idp.TenantRef{Alias: "organizations"}})
	if err != nil || got.TenantID != idp.DefaultTenantID {
		t.Fatalf("poll %+v %v", got, err)
	}
}

// The token pipeline authenticates a polling client once, in the tenant
// ApprovedTenant names; an approval that lands between that look and the
// poll, in another tenant, stays pending instead of being redeemed for a
// client authenticated elsewhere.
func TestDeviceCodeApprovedTenantGuardsThePoll(t *testing.T) {
	p := newProviderWith(t, nil, idp.DevicePolicy{})
	d := start(t, p, "organizations")
	if id, ok := p.Devices.ApprovedTenant(d.DeviceCode, idp.DefaultCLIClientID); ok {
		t.Fatalf("pending code approved in %q", id)
	}
	if err := p.Devices.ApproveDeviceCode(d.UserCode, upn); err != nil {
		t.Fatal(err)
	}
	if _, ok := p.Devices.ApprovedTenant(d.DeviceCode, idp.DefaultDaemonClientID); ok {
		t.Error("another client learnt the approving tenant")
	}
	id, ok := p.Devices.ApprovedTenant(d.DeviceCode, idp.DefaultCLIClientID)
	if !ok || id != idp.DefaultTenantID {
		t.Fatalf("ApprovedTenant = %q %v, want %s", id, ok, idp.DefaultTenantID)
	}
	poll := idp.DevicePoll{Code: d.DeviceCode, ClientID: idp.DefaultCLIClientID,
		Tenant: idp.TenantRef{Alias: "organizations"}, ClientTenant: idp.DefaultUSGovTenantID}
	if _, err := p.Devices.PollDeviceCode(poll); idp.CodeOf(err) != 70016 {
		t.Fatalf("poll by a client authenticated elsewhere: %v, want authorization_pending", err)
	}
	poll.ClientTenant = id
	if got, err := p.Devices.PollDeviceCode(poll); err != nil || got.TenantID != id {
		t.Fatalf("poll %+v %v", got, err)
	}
}

func TestNormalizeUserCode(t *testing.T) {
	for in, want := range map[string]string{"abc-def ghj": "ABCDEFGHJ", "": "", "R7ZSEAY7J": "R7ZSEAY7J", "ü-x": "üX"} {
		if got := idp.NormalizeUserCode(in); got != want {
			t.Errorf("NormalizeUserCode(%q) = %q, want %q", in, got, want)
		}
	}
}
