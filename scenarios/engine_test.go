package scenarios

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

func throttle() Action { return Action{Status: 429, RetryAfter: 2} }

func TestEngineTimesEveryWindow(t *testing.T) {
	tests := []struct {
		name string
		s    Scenario
		now  time.Time
		want string // one char per request: x fired, . not
	}{
		{"unlimited", Scenario{Action: throttle()}, t0, "xxxxxx"},
		{"next 2", Scenario{Action: throttle(), Times: 2}, t0, "xx...."},
		{"every 3rd", Scenario{Action: throttle(), Every: 3}, t0, "..x..x"},
		{"every 2nd twice", Scenario{Action: throttle(), Every: 2, Times: 2}, t0, ".x.x.."},
		{"before window", Scenario{Action: throttle(), After: t0.Add(time.Minute)}, t0, "......"},
		{"in window", Scenario{Action: throttle(), After: t0, Until: t0.Add(time.Minute)}, t0, "xxxxxx"},
		{"after window", Scenario{Action: throttle(), Until: t0}, t0, "......"},
		{"other tenant", Scenario{Action: throttle(), Match: Match{Tenant: "other"}}, t0, "......"},
		{"tenant by id", Scenario{Action: throttle(), Match: Match{Tenant: "TID"}}, t0, "xxxxxx"},
		{"scope substring", Scenario{Action: throttle(), Match: Match{Scope: "graph.microsoft"}}, t0, "xxxxxx"},
		{"grant mismatch", Scenario{Action: throttle(), Match: Match{GrantType: "password"}}, t0, "......"},
		{"path prefix", Scenario{Action: throttle(), Match: Match{Path: "/tid/oauth2"}}, t0, "xxxxxx"},
	}
	req := Request{Cloud: "public", Tenants: []string{"contoso.com", "tid"}, ClientID: "app", Endpoint: EndpointToken,
		GrantType: "client_credentials", Scope: "https://graph.microsoft.com/.default", Path: "/tid/oauth2/v2.0/token"}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := NewEngine(func() time.Time { return tc.now })
			if _, err := e.Add(tc.s); err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			for range len(tc.want) {
				if _, ok := e.Pick(req); ok {
					got.WriteByte('x')
				} else {
					got.WriteByte('.')
				}
			}
			if got.String() != tc.want {
				t.Errorf("fired %q, want %q", got.String(), tc.want)
			}
		})
	}
}

func TestEngineProbabilityIsSeeded(t *testing.T) {
	run := func(seed int64) string {
		e := NewEngine(nil)
		if _, err := e.Add(Scenario{Action: throttle(), Probability: 0.5, Seed: seed}); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for range 64 {
			_, ok := e.Pick(Request{})
			b.WriteString(map[bool]string{true: "x", false: "."}[ok])
		}
		return b.String()
	}
	a, b := run(7), run(7)
	if a != b {
		t.Fatalf("same seed, different runs:\n%s\n%s", a, b)
	}
	n := strings.Count(a, "x")
	if n < 16 || n > 48 {
		t.Errorf("fired %d of 64 at p=0.5", n)
	}
	if run(8) == a {
		t.Errorf("different seeds gave the same sequence")
	}
}

func TestEngineCRUD(t *testing.T) {
	e := NewEngine(nil)
	if !e.Empty() {
		t.Fatal("new engine not empty")
	}
	a, _ := e.Add(Scenario{Action: throttle(), Match: Match{Tenant: "t1"}})
	b, _ := e.Add(Scenario{Action: throttle(), Match: Match{Tenant: "t2"}})
	if a.ID == "" || a.ID == b.ID {
		t.Fatalf("ids %q %q", a.ID, b.ID)
	}
	if _, err := e.Add(Scenario{ID: a.ID, Action: Action{Drop: true}, Match: Match{Tenant: "t1"}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := e.Get(a.ID); !got.Action.Drop || len(e.List()) != 2 {
		t.Fatalf("replace by id: %+v (%d)", got, len(e.List()))
	}
	if n := e.Clear("T1"); n != 1 || len(e.List()) != 1 {
		t.Fatalf("Clear(t1) = %d, left %d", n, len(e.List()))
	}
	if err := e.Remove(a.ID); err != ErrNotFound {
		t.Fatalf("Remove cleared = %v", err)
	}
	if err := e.Remove(b.ID); err != nil || !e.Empty() {
		t.Fatalf("Remove = %v, empty %v", err, e.Empty())
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name, json, want string
	}{
		{"empty action", `{}`, "action is empty"},
		{"two kinds", `{"action":{"drop":true,"status":500}}`, "more than one"},
		{"bad status", `{"action":{"status":200}}`, "action.status 200"},
		{"bad token", `{"action":{"token":"stale"}}`, `action.token "stale"`},
		{"bad body", `{"action":{"body":"weird"}}`, `action.body "weird"`},
		{"bad endpoint", `{"match":{"endpoint":"tokens"},"action":{"drop":true}}`, `match.endpoint "tokens"`},
		{"bad cloud", `{"match":{"cloud":"mars"},"action":{"drop":true}}`, `match.cloud "mars"`},
		{"bad probability", `{"probability":2,"action":{"drop":true}}`, "probability 2"},
		{"retry without status", `{"action":{"retry_after":3,"delay":"1s"}}`, "retry_after needs"},
		{"error without code", `{"action":{"error":{"code":"invalid_grant"}}}`, "aadsts must be"},
		{"ARM error without code", `{"match":{"endpoint":"arm"},"action":{"error":{"aadsts":50058}}}`, "action.error.code must name"},
		{"ARM error", `{"match":{"endpoint":"ARM"},"action":{"error":{"code":"ResourceGroupBeingDeleted","status":409}}}`, ""},
		{"claims not json", `{"action":{"error":{"aadsts":50076,"claims":"{nope"}}}`, "claims is not"},
		{"window", `{"after":"2025-01-02T00:00:00Z","until":"2025-01-01T00:00:00Z","action":{"drop":true}}`, "until"},
		{"ok", `{"match":{"endpoint":"TOKEN"},"action":{"delay":"250ms","status":503,"retry_after":1}}`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var s Scenario
			if err := json.Unmarshal([]byte(tc.json), &s); err != nil {
				t.Fatal(err)
			}
			err := Validate(s)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("Validate = %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Validate = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestEngineConcurrent(t *testing.T) {
	e := NewEngine(nil)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 200 {
				s, err := e.Add(Scenario{Action: throttle(), Times: 1, Match: Match{Tenant: "t"}})
				if err != nil {
					t.Error(err)
					return
				}
				e.Pick(Request{Tenants: []string{"t"}})
				_ = e.Remove(s.ID)
				if i == 0 {
					e.List()
				}
			}
		})
	}
	wg.Wait()
	if !e.Empty() {
		t.Fatalf("left %d", len(e.List()))
	}
}

func BenchmarkPickEmpty(b *testing.B) {
	e := NewEngine(nil)
	for b.Loop() {
		e.Pick(Request{})
	}
}
