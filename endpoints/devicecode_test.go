package endpoints

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

const devicePathV2 = "/" + idp.DefaultTenantID + "/oauth2/v2.0/devicecode"

// post sends a form and decodes the JSON answer, keeping numbers as
// json.Number so tests can tell numbers from strings.
func (ts *testServer) post(t testing.TB, path string, form url.Values) (*http.Response, map[string]any) {
	t.Helper()
	resp, err := ts.Client().PostForm(ts.URL+path, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	dec := json.NewDecoder(resp.Body)
	dec.UseNumber()
	if err := dec.Decode(&body); err != nil {
		t.Fatalf("%s: body is not JSON: %v", path, err)
	}
	return resp, body
}

func TestDeviceCodeResponse(t *testing.T) {
	tests := []struct {
		name    string
		cloud   *clouds.Cloud
		path    string
		form    url.Values
		uriKey  string
		page    string
		numbers bool
	}{
		{"v2 public", clouds.Public, devicePathV2, url.Values{"client_id": {idp.DefaultCLIClientID},
			"scope": {"User.Read openid offline_access profile"}}, "verification_uri", "/devicelogin", true},
		{"v2 organizations", clouds.Public, "/organizations/oauth2/v2.0/devicecode", url.Values{"client_id": {idp.DefaultCLIClientID},
			"scope": {"https://graph.microsoft.com/.default"}}, "verification_uri", "/devicelogin", true},
		{"v1 public", clouds.Public, "/" + idp.DefaultTenantID + "/oauth2/devicecode", url.Values{"client_id": {idp.DefaultCLIClientID},
			"resource": {"https://graph.microsoft.com"}}, "verification_url", "/devicelogin", false},
		{"v2 US Government", clouds.USGovernment, "/" + idp.DefaultUSGovTenantID + "/oauth2/v2.0/devicecode",
			url.Values{"client_id": {idp.DefaultCLIClientID}, "scope": {"User.Read"}}, "verification_uri", "/deviceloginus", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, tc.cloud, nil)
			resp, body := ts.post(t, tc.path, tc.form)
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "no-store, no-cache" {
				t.Fatalf("status %d, headers %v, body %v", resp.StatusCode, resp.Header, body)
			}
			uri := ts.URL + tc.page
			code, _ := body["user_code"].(string)
			want := "To sign in, use a web browser to open the page " + uri + " and enter the code " + code + " to authenticate."
			if body[tc.uriKey] != uri || body["message"] != want || len(code) != 9 || body["device_code"] == "" {
				t.Errorf("body %v", body)
			}
			for k, v := range map[string]string{"expires_in": "900", "interval": "5"} {
				_, isNumber := body[k].(json.Number)
				if isNumber != tc.numbers || body[k] != json.Number(v) && body[k] != v {
					t.Errorf("%s = %#v, want %s as number=%v", k, body[k], v, tc.numbers)
				}
			}
			if len(body) != 6 {
				t.Errorf("fields %v, want exactly six", body)
			}
		})
	}
}

func TestDeviceCodeErrors(t *testing.T) {
	cli := idp.DefaultCLIClientID
	tests := []struct {
		name   string
		path   string
		form   url.Values
		status int
		code   json.Number
		err    string
	}{
		{"no client_id", devicePathV2, url.Values{"scope": {"User.Read"}}, 400, "900144", "invalid_request"},
		{"no scope", devicePathV2, url.Values{"client_id": {cli}}, 400, "900144", "invalid_request"},
		{"resource on v2", devicePathV2, url.Values{"client_id": {cli}, "scope": {"User.Read"}, "resource": {"x"}}, 400, "901002", "invalid_request"},
		{"v1 without resource", "/" + idp.DefaultTenantID + "/oauth2/devicecode", url.Values{"client_id": {cli}}, 400, "900144", "invalid_request"},
		{"unknown app", devicePathV2, url.Values{"client_id": {"00000000-0000-0000-0000-000000000001"}, "scope": {"User.Read"}}, 400, "700016", "unauthorized_client"},
		{"unknown app on organizations", "/organizations/oauth2/v2.0/devicecode", url.Values{"client_id": {"00000000-0000-0000-0000-000000000001"}, "scope": {"User.Read"}}, 400, "700016", "unauthorized_client"},
		{"confidential app without credential", devicePathV2, url.Values{"client_id": {idp.DefaultDaemonClientID}, "scope": {"User.Read"}}, 401, "7000218", "invalid_client"},
		{"public app with secret", devicePathV2, url.Values{"client_id": {cli}, "scope": {"User.Read"}, "client_secret": {"x"}}, 401, "700025", "invalid_client"},
		{"undefined scope", devicePathV2, url.Values{"client_id": {cli}, "scope": {"api://mockidp-tasks/Nope"}}, 400, "70011", "invalid_scope"},
		{"unknown resource", devicePathV2, url.Values{"client_id": {cli}, "scope": {"api://nowhere/x"}}, 400, "500011", "invalid_resource"},
		{"two resources", devicePathV2, url.Values{"client_id": {cli}, "scope": {"User.Read api://mockidp-tasks/access_as_user"}}, 400, "28000", "invalid_scope"},
		{"unknown tenant", "/contoso.example/oauth2/v2.0/devicecode", url.Values{"client_id": {cli}, "scope": {"User.Read"}}, 400, "90002", "invalid_tenant"},
	}
	ts := newTestServer(t, clouds.Public, nil)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := ts.post(t, tc.path, tc.form)
			codes, _ := body["error_codes"].([]any)
			if resp.StatusCode != tc.status || body["error"] != tc.err || len(codes) != 1 || codes[0] != tc.code {
				t.Fatalf("got %d %v", resp.StatusCode, body)
			}
		})
	}
	t.Run("GET", func(t *testing.T) {
		resp := ts.get(t, devicePathV2)
		if resp.StatusCode != 400 {
			t.Fatalf("GET: %d", resp.StatusCode)
		}
	})
}

// startDevice asks for a code with the default public client.
func (ts *testServer) startDevice(t *testing.T, path string) (userCode, deviceCode string) {
	t.Helper()
	resp, body := ts.post(t, path, url.Values{"client_id": {idp.DefaultCLIClientID},
		"scope": {"User.Read openid profile offline_access"}})
	if resp.StatusCode != 200 {
		t.Fatalf("devicecode: %d %v", resp.StatusCode, body)
	}
	return body["user_code"].(string), body["device_code"].(string)
}

func pollForm(deviceCode string) url.Values {
	return url.Values{"client_id": {idp.DefaultCLIClientID}, "grant_type": {idp.GrantDeviceCode},
		"device_code": {deviceCode}, "client_info": {"1"}, "scope": {"User.Read openid profile offline_access"}}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
