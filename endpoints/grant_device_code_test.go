package endpoints

import (
	"net/url"
	"testing"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

const tokenPathV2 = "/" + idp.DefaultTenantID + "/oauth2/v2.0/token"

var upn = idp.DefaultUserUPN("contoso.onmicrosoft.com")

// pollStep moves the mock clock, optionally lets the user decide, polls,
// and says what the poll must answer ("" = tokens).
type pollStep struct {
	advance time.Duration
	decide  string // "approve", "deny" or ""
	edit    func(url.Values)
	want    string
}

// Every case runs on a frozen clock: nothing sleeps.
func TestDeviceCodePolling(t *testing.T) {
	tests := []struct {
		name     string
		slowDown bool
		steps    []pollStep
	}{
		{"pending until approved, then tokens once", false, []pollStep{
			{want: "authorization_pending"}, {want: "authorization_pending"},
			{advance: 2 * time.Minute, want: "authorization_pending"},
			{decide: "approve", want: ""}, {want: "bad_verification_code"}}},
		{"Entra never says slow_down by default", false, []pollStep{
			{want: "authorization_pending"}, {advance: 50 * time.Millisecond, want: "authorization_pending"},
			{advance: 150 * time.Millisecond, want: "authorization_pending"}}},
		{"slow_down when asked for", true, []pollStep{
			{want: "authorization_pending"}, {advance: time.Second, want: "slow_down"},
			{advance: 5 * time.Second, want: "authorization_pending"}, {want: "slow_down"},
			{advance: 5 * time.Second, decide: "approve", want: ""}}},
		{"declined", false, []pollStep{{want: "authorization_pending"}, {decide: "deny", want: "authorization_declined"},
			{want: "authorization_declined"}}},
		{"expires after expires_in", false, []pollStep{{advance: 899 * time.Second, want: "authorization_pending"},
			{advance: time.Second, want: "expired_token"}, {advance: 10 * time.Minute, want: "expired_token"}}},
		{"approved too late", false, []pollStep{{advance: 900 * time.Second, want: "expired_token"}}},
		{"code in the code parameter, short grant type", false, []pollStep{{decide: "approve", edit: func(f url.Values) {
			f.Set("code", f.Get("device_code"))
			f.Del("device_code")
			f.Set("grant_type", idp.GrantDeviceCodeShort)
		}, want: ""}}},
		{"unknown device code", false, []pollStep{{edit: func(f url.Values) { f.Set("device_code", "nope") }, want: "bad_verification_code"}}},
		{"another client's code", false, []pollStep{{edit: func(f url.Values) {
			f.Set("client_id", idp.DefaultAPIClientID)
			f.Set("client_secret", idp.DefaultAPISecret)
		},
			want: "bad_verification_code"}}},
		{"no device code", false, []pollStep{{edit: func(f url.Values) { f.Del("device_code") }, want: "invalid_request"}}},
		{"confidential client without secret", false, []pollStep{{edit: func(f url.Values) { f.Set("client_id", idp.DefaultDaemonClientID) }, want: "invalid_client"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, clouds.Public, nil)
			ts.srv.Provider().Devices.SetDevicePolicy(idp.DevicePolicy{SlowDown: tc.slowDown})
			userCode, deviceCode := ts.startDevice(t, devicePathV2)
			for i, st := range tc.steps {
				ts.clock.Advance(st.advance)
				decideDevice(t, ts, st.decide, userCode)
				form := pollForm(deviceCode)
				if st.edit != nil {
					st.edit(form)
				}
				resp, body := ts.post(t, tokenPathV2, form)
				if got, _ := body["error"].(string); got != st.want {
					t.Fatalf("step %d: error %q, want %q (%v)", i, got, st.want, body)
				}
				if st.want == "" {
					checkDeviceTokens(t, body)
				} else if resp.Header.Get("Retry-After") != "" || (resp.StatusCode != 400 && resp.StatusCode != 401) {
					t.Fatalf("step %d: status %d, Retry-After %q", i, resp.StatusCode, resp.Header.Get("Retry-After"))
				}
			}
		})
	}
}

func decideDevice(t *testing.T, ts *testServer, decide, userCode string) {
	t.Helper()
	var err error
	switch decide {
	case "approve":
		err = ts.srv.Provider().Devices.ApproveDeviceCode(userCode, upn)
	case "deny":
		err = ts.srv.Provider().Devices.DeclineDeviceCode(userCode, upn)
	}
	if err != nil {
		t.Fatal(err)
	}
}

func checkDeviceTokens(t *testing.T, body map[string]any) {
	t.Helper()
	for _, k := range []string{"access_token", "refresh_token", "id_token", "client_info", "scope"} {
		if s, _ := body[k].(string); s == "" {
			t.Errorf("no %s in %v", k, body)
		}
	}
}

// A v1 code is polled on the v1 token endpoint and answered in v1's shape.
func TestDeviceCodeV1(t *testing.T) {
	ts := newTestServer(t, clouds.Public, nil)
	resp, body := ts.post(t, "/"+idp.DefaultTenantID+"/oauth2/devicecode",
		url.Values{"client_id": {idp.DefaultCLIClientID}, "resource": {"https://graph.microsoft.com"}})
	if resp.StatusCode != 200 {
		t.Fatal(body)
	}
	if err := ts.srv.Provider().Devices.ApproveDeviceCode(body["user_code"].(string), upn); err != nil {
		t.Fatal(err)
	}
	_, tok := ts.post(t, "/"+idp.DefaultTenantID+"/oauth2/token", url.Values{"client_id": {idp.DefaultCLIClientID},
		"grant_type": {"device_code"}, "resource": {"https://graph.microsoft.com"}, "code": {body["device_code"].(string)}})
	if tok["resource"] != "https://graph.microsoft.com" || tok["expires_in"] == nil || tok["access_token"] == nil {
		t.Fatalf("v1 answer %v", tok)
	}
	if _, isString := tok["expires_in"].(string); !isString {
		t.Errorf("v1 expires_in %#v is not a string", tok["expires_in"])
	}
}
