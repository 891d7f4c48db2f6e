package scenarios

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// The IMDS presets are data: they fire on the "imds" endpoint kind, which
// the managed-identity endpoints report (the IMDS listener renders their
// statuses in IMDS's own shape).
func TestIMDSPresets(t *testing.T) {
	tests := []struct {
		preset     string
		params     Params
		wantStatus []int // per request
		retryAfter int
	}{
		{"imds-unavailable", Params{}, []int{410, 410, 410, 0}, 0},
		{"imds-unavailable", Params{Status: 404, Times: 1}, []int{404, 0}, 0},
		{"imds-throttled", Params{RetryAfter: 5}, []int{429, 0}, 5},
	}
	for _, tc := range tests {
		t.Run(tc.preset, func(t *testing.T) {
			env := Env{Engine: NewEngine(nil)}
			if _, err := env.ApplyPreset(tc.preset, tc.params); err != nil {
				t.Fatal(err)
			}
			if _, ok := env.Engine.Pick(Request{Endpoint: EndpointToken}); ok {
				t.Fatal("fired on the token endpoint")
			}
			for i, want := range tc.wantStatus {
				f, ok := env.Engine.Pick(Request{Endpoint: EndpointIMDS, Identity: "any"})
				if got := map[bool]int{true: f.Status, false: 0}[ok]; got != want {
					t.Fatalf("request %d: status %d, want %d", i, got, want)
				}
				if ok && f.RetryAfter != tc.retryAfter {
					t.Errorf("retry_after %d", f.RetryAfter)
				}
			}
		})
	}
	_, err := Env{Engine: NewEngine(nil)}.ApplyPreset("imds-unavailable", Params{Status: http.StatusTooManyRequests})
	if err == nil || !strings.Contains(err.Error(), "not 404, 410 or 5xx") {
		t.Fatalf("bad status: %v", err)
	}
}

func TestStatePresetsNeedProvider(t *testing.T) {
	_, err := Env{Engine: NewEngine(nil)}.ApplyPreset("user-disabled", Params{})
	if err == nil || !strings.Contains(err.Error(), "needs a provider") {
		t.Fatalf("err = %v", err)
	}
}

func TestParseFile(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"list", `[{"action":{"drop":true}},{"preset":"throttled","params":{"times":2}}]`, ""},
		{"wrapped", `{"scenarios":[{"action":{"drop":true}}]}`, ""},
		{"empty", ``, ""},
		{"unknown preset", `[{"preset":"nope"}]`, `unknown preset "nope"`},
		{"params alone", `[{"params":{},"action":{"drop":true}}]`, "params without preset"},
		{"typo", `[{"acton":{}}]`, `unknown field "acton"`},
		{"invalid", `[{"action":{}}]`, "scenario 0: action is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseFile([]byte(tc.in))
			if (err == nil) != (tc.want == "") || (err != nil && !strings.Contains(err.Error(), tc.want)) {
				t.Fatalf("ParseFile = %v, want %q", err, tc.want)
			}
		})
	}
}

// FuzzParseFile: scenario files come from users; parsing never panics, and
// what parses validates and survives a JSON round trip.
func FuzzParseFile(f *testing.F) {
	for _, s := range []string{`[{"action":{"drop":true}}]`, `{"scenarios":[{"preset":"slow","params":{"delay":"1s"}}]}`,
		`[{"match":{"endpoint":"token"},"action":{"error":{"aadsts":50076,"claims":"{}"}},"every":2,"probability":0.5}]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		entries, err := ParseFile(b)
		if err != nil {
			return
		}
		out, err := json.Marshal(entries)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ParseFile(out); err != nil {
			t.Fatalf("round trip of %s: %v", out, err)
		}
		e := NewEngine(nil)
		for _, en := range entries {
			if en.Preset == "" {
				if _, err := e.Add(en.Scenario); err != nil {
					t.Fatalf("valid entry not added: %v", err)
				}
			}
		}
		e.Pick(Request{Endpoint: EndpointToken})
	})
}
