package endpoints

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

func TestControlApproveDeviceCode(t *testing.T) {
	ts := newTestServer(t, clouds.Public, nil)
	userCode, _ := ts.startDevice(t, devicePathV2)
	other, _ := ts.startDevice(t, devicePathV2)
	tests := []struct {
		name, contentType, body string
		status                  int
		want                    string // "error" of the answer, or "state"
	}{
		{"text/plain body", "text/plain", `{}`, 415, "unsupported_media_type"},
		{"empty object", "application/json", `{}`, 400, "invalid_request"},
		{"broken JSON", "application/json", `{"user_code":`, 400, "invalid_json"},
		{"unknown field", "application/json", `{"user_code":"X","user":"u","denied":true}`, 400, "invalid_json"},
		{"two values", "application/json", `{"user_code":"X","user":"u"} {}`, 400, "invalid_json"},
		{"missing user", "application/json", `{"user_code":"` + userCode + `"}`, 400, "invalid_request"},
		{"unknown code", "application/json", `{"user_code":"ZZZZZZZZZ","user":"` + upn + `"}`, 400, "bad_verification_code"},
		{"unknown user", "application/json", `{"user_code":"` + userCode + `","user":"nobody@contoso.onmicrosoft.com"}`, 400, "invalid_grant"},
		{"approve", "application/json", `{"user_code":"` + strings.ToLower(userCode) + `","user":"` + upn + `"}`, 200, "approved"},
		{"already decided", "application/json", `{"user_code":"` + userCode + `","user":"` + upn + `"}`, 400, "invalid_request"},
		{"deny", "application/json", `{"user_code":"` + other + `","user":"` + idp.DefaultUserID + `","deny":true}`, 200, "declined"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := ts.Client().Post(ts.URL+ControlPrefix+"/devicecode/approve", tc.contentType, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body map[string]string
			if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
				t.Fatal(err)
			}
			got := body["error"]
			if resp.StatusCode == http.StatusOK {
				got = body["state"]
			}
			if resp.StatusCode != tc.status || got != tc.want {
				t.Fatalf("got %d %v", resp.StatusCode, body)
			}
		})
	}
}
