package control

import (
	"slices"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/idp"
)

// notProvoked are the codes this package's tests cannot bring about: a
// body that fails to read, mockidp failing, and the guard's refusals
// (the route table's guard, tested in package endpoints).
var notProvoked = []string{controlapi.ErrUnreadableBody, controlapi.ErrServerError, controlapi.ErrForbidden,
	controlapi.ErrCrossOrigin, controlapi.ErrUnsupportedMediaType}

// Every error the control API can give, provoked once; newTestServer
// checks each answer against openapi.json, and this test that every code
// came up.
func TestErrorAnswers(t *testing.T) {
	ts := newTestServer(t)
	const js = "application/json"
	big := `{"tenants":[{"id":"` + strings.Repeat("x", maxBodyBytes) + `"}]}`
	tests := []struct {
		name, method, path, contentType, body string
		status                                int
		code, detail                          string
	}{
		{"fail/empty scenario body", "POST", "/scenarios", js, ``, 400, "invalid_scenario", "no scenario"},
		{"fail/scenario not json", "POST", "/scenarios", js, `{nope`, 400, "invalid_scenario", "invalid character"},
		{"fail/scenario unknown field", "POST", "/scenarios", js, `{"action":{"drop":true},"tims":2}`, 400, "invalid_scenario", `unknown field "tims"`},
		{"fail/scenario bad action", "POST", "/scenarios", js, `{"action":{"status":200}}`, 400, "invalid_scenario", "action.status 200"},
		{"fail/unknown scenario", "GET", "/scenarios/s999", "", ``, 404, "unknown_scenario", "s999"},
		{"fail/delete unknown scenario", "DELETE", "/scenarios/s999", "", ``, 404, "unknown_scenario", "s999"},
		{"fail/unknown preset", "POST", "/presets/nope", js, `{}`, 400, "invalid_preset", `unknown preset "nope"`},
		{"fail/preset bad param", "POST", "/presets/throttled", js, `{"retry":1}`, 400, "invalid_json", `unknown field "retry"`},
		{"fail/preset names nobody", "POST", "/presets/disable-user", js, `{"user":"nobody"}`, 404, "not_found", "nobody"},
		{"fail/preset changes nothing", "POST", "/presets/enable-user", js, `{}`, 409, "no_change", ""},
		{"fail/state unknown", "POST", "/state/explode", js, `{}`, 404, "unknown_operation", "revoke-sessions"},
		{"fail/state of a fault", "POST", "/state/throttled", js, `{}`, 404, "unknown_operation", "throttled"},
		{"fail/state missing param", "POST", "/state/revoke-sessions", js, `{}`, 400, "missing_parameter", "needs user"},
		{"fail/state alias missing param", "POST", "/state/mfa-required", js, `{}`, 400, "missing_parameter", "needs user"},
		{"fail/state names nobody", "POST", "/state/disable-user", js, `{"user":"nobody"}`, 404, "not_found", "nobody"},
		{"fail/state failed", "POST", "/state/rotate-keys", js, `{"cloud":"mars"}`, 400, "state_change_failed", "mars"},
		{"fail/state empty body", "POST", "/state/disable-user", js, ``, 400, "invalid_json", "empty"},
		{"fail/state trailing data", "POST", "/state/disable-user", js, `{} {}`, 400, "invalid_json", "after"},
		{"fail/clock empty", "POST", "/clock", js, `{}`, 400, "invalid_clock", "send"},
		{"fail/clock both", "POST", "/clock", js, `{"set":"2026-01-01T00:00:00Z","advance":"1h"}`, 400, "invalid_clock", "either"},
		{"fail/clock bad duration", "POST", "/clock", js, `{"advance":"soon"}`, 400, "invalid_json", `duration "soon"`},
		{"fail/seed invalid", "PUT", "/seed", js, `{"tenants":[{"id":"not-a-guid"}]}`, 400, "invalid_seed", "not a GUID"},
		{"fail/seed too large", "PUT", "/seed", js, big, 400, "body_too_large", "exceeds"},
		{"fail/filter bad time", "GET", "/requests?since=yesterday", "", ``, 400, "invalid_filter", "RFC 3339"},
		{"fail/filter bad endpoint", "GET", "/tokens?endpoint=tokn", "", ``, 400, "invalid_filter", `endpoint "tokn"`},
		{"fail/roles without principal", "DELETE", "/subscriptions/x/roleAssignments", "", ``, 400, "invalid_request", "principal_id"},
		{"fail/roles principal not a GUID", "DELETE", "/subscriptions/x/roleAssignments?principal_id=me", "", ``, 400, "invalid_request", "GUID"},
		{"fail/roles unknown subscription", "DELETE", "/subscriptions/x/roleAssignments?principal_id=" + idp.DefaultUserID, "", ``, 404, "no_such_subscription", "x"},
		{"fail/device approve incomplete", "POST", "/devicecode/approve", js, `{"user":"u"}`, 400, "invalid_request", "user_code"},
		{"fail/device approve unknown code", "POST", "/devicecode/approve", js, `{"user_code":"ZZZZZZZZZ","user":"u"}`, 400, "bad_verification_code", ""},
		{"fail/imds fault bad status", "POST", "/imds/faults", js, `{"status":400,"count":1}`, 400, "invalid_request", "status"},
		{"fail/imds fault no count", "POST", "/imds/faults", js, `{"status":410,"count":0}`, 400, "invalid_request", "count"},
		{"fail/imds fault bad retry", "POST", "/imds/faults", js, `{"status":429,"count":1,"retry_after":-1}`, 400, "invalid_request", "retry_after"},
		{"fail/imds fault not json", "POST", "/imds/faults", js, `nope`, 400, "invalid_json", ""},
		{"fail/no CA", "GET", "/ca.pem", "", ``, 404, "not_found", "CA"},
		{"fail/unknown path", "GET", "/nope", "", ``, 404, "not_found", "/_mockidp/nope"},
		{"fail/unknown method", "PATCH", "/scenarios", "", ``, 405, "method_not_allowed", "PATCH"},
		{"fail/unknown method on a parameter path", "PUT", "/state/disable-user", js, `{}`, 405, "method_not_allowed", "PUT"},
	}
	seen := map[string]bool{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := ts.do(t, tc.method, controlapi.Prefix+tc.path, tc.contentType, tc.body)
			detail, _ := body["detail"].(string)
			if status != tc.status || body["error"] != tc.code || !strings.Contains(detail, tc.detail) {
				t.Fatalf("%d %v, want %d %s containing %q", status, body, tc.status, tc.code, tc.detail)
			}
			seen[tc.code] = true
		})
	}
	for _, code := range controlapi.ErrorCodes {
		if !seen[code] && !slices.Contains(notProvoked, code) {
			t.Errorf("no test provokes %s", code)
		}
	}
}
