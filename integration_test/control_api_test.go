package integration_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockidp/mockidp/app"
	"github.com/mockidp/mockidp/config"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidpclient"
	"github.com/mockidp/mockidp/mockidptest"
	"github.com/mockidp/mockidp/scenarios"
)

// raw sends a control request and returns status and body.
func raw(t *testing.T, srv *mockidptest.Server, method, path, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL()+"/_mockidp"+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	return resp.StatusCode, m
}

func TestControlAPIInvalidInput(t *testing.T) {
	srv := mockidptest.NewServer(t)
	tests := []struct {
		name, method, path, body string
		status                   int
		err, detail              string
	}{
		{"empty scenario body", "POST", "/scenarios", ``, 400, "invalid_scenario", "no scenario"},
		{"not json", "POST", "/scenarios", `{nope`, 400, "invalid_scenario", "invalid character"},
		{"unknown field", "POST", "/scenarios", `{"action":{"drop":true},"tims":2}`, 400, "invalid_scenario", `unknown field "tims"`},
		{"bad action", "POST", "/scenarios", `{"action":{"status":200}}`, 400, "invalid_scenario", "action.status 200"},
		{"preset with action", "POST", "/scenarios", `{"preset":"throttled","action":{"drop":true}}`, 400, "invalid_scenario", "takes params"},
		{"unknown preset", "POST", "/presets/nope", `{}`, 400, "invalid_preset", `unknown preset "nope"`},
		{"preset bad param", "POST", "/presets/throttled", `{"retry":1}`, 400, "invalid_json", `unknown field "retry"`},
		{"clock empty", "POST", "/clock", `{}`, 400, "invalid_clock", "send"},
		{"clock both", "POST", "/clock", `{"set":"2026-01-01T00:00:00Z","advance":"1h"}`, 400, "invalid_clock", "either"},
		{"clock bad duration", "POST", "/clock", `{"advance":"soon"}`, 400, "invalid_json", `duration "soon"`},
		{"seed invalid", "PUT", "/seed", `{"tenants":[{"id":"not-a-guid"}]}`, 400, "invalid_seed", "not a GUID"},
		{"state unknown op", "POST", "/state/explode", `{}`, 404, "unknown_operation", "revoke-sessions"},
		{"state missing param", "POST", "/state/revoke-sessions", `{}`, 400, "missing_parameter", "needs user"},
		{"state unknown user", "POST", "/state/disable-user", `{"user":"nobody"}`, 404, "not_found", "no user nobody"},
		{"filter bad time", "GET", "/requests?since=yesterday", ``, 400, "invalid_filter", "RFC 3339"},
		{"filter bad endpoint", "GET", "/tokens?endpoint=tokn", ``, 400, "invalid_filter", `endpoint "tokn"`},
		{"unknown scenario", "DELETE", "/scenarios/s999", ``, 404, "unknown_scenario", "s999"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := raw(t, srv, tc.method, tc.path, tc.body)
			detail, _ := body["detail"].(string)
			if status != tc.status || body["error"] != tc.err || !strings.Contains(detail, tc.detail) {
				t.Fatalf("%d %v, want %d %s containing %q", status, body, tc.status, tc.err, tc.detail)
			}
		})
	}
}

func TestControlAPIOperations(t *testing.T) {
	srv := mockidptest.NewServer(t, mockidptest.WithClock(time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)))
	ctx, c := testContext(t), srv.Control
	// Clock.
	if err := c.AdvanceClock(ctx, time.Hour); err != nil {
		t.Fatal(err)
	}
	if now, _ := c.Now(ctx); !now.Equal(time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)) {
		t.Fatalf("clock %s", now)
	}
	if err := c.SetClock(ctx, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	// Scenarios CRUD, scoped by tenant.
	a, err := c.AddScenario(ctx, scenarios.Scenario{Match: scenarios.Match{Tenant: idp.DefaultTenantID, Endpoint: "token"},
		Action: scenarios.Action{Status: 503}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddScenario(ctx, scenarios.Scenario{Match: scenarios.Match{Tenant: "other"}, Action: scenarios.Action{Drop: true}}); err != nil {
		t.Fatal(err)
	}
	if l, _ := c.Scenarios(ctx, idp.DefaultTenantID); len(l) != 1 || l[0].ID != a.ID {
		t.Fatalf("list by tenant: %+v", l)
	}
	if _, err := daemonApp(t, srv).AcquireTokenByCredential(ctx, graphScope); err == nil {
		t.Fatal("503 scenario did not fire")
	}
	if l, _ := c.Scenarios(ctx, ""); len(l) != 2 || l[0].Fired != 1 {
		t.Fatalf("counters: %+v", l)
	}
	if err := c.RemoveScenario(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := c.ClearScenarios(ctx, "other"); n != 1 {
		t.Fatalf("clear other = %d", n)
	}
	// Inspection: the app asked for Graph, exactly once successfully.
	if _, err := daemonApp(t, srv).AcquireTokenByCredential(ctx, graphScope); err != nil {
		t.Fatal(err)
	}
	reqs, _ := c.Requests(ctx, mockidpclient.Filter{Client: idp.DefaultDaemonClientID, GrantType: "client_credentials"})
	if len(reqs) != 2 || reqs[0].Status != 503 || reqs[1].Status != 200 || !strings.Contains(reqs[1].Scope, "https://graph.microsoft.com/.default") {
		t.Fatalf("requests: %+v", reqs)
	}
	toks, _ := c.Tokens(ctx, mockidpclient.Filter{Client: idp.DefaultDaemonClientID, Since: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)})
	if len(toks) != 1 || toks[0].Claims["aud"] != "https://graph.microsoft.com" {
		t.Fatalf("tokens: %+v", toks)
	}
	if later, _ := c.Tokens(ctx, mockidpclient.Filter{Since: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}); len(later) != 0 {
		t.Fatalf("since filter: %d", len(later))
	}
	// State changes.
	for _, op := range []struct {
		name string
		p    scenarios.Params
	}{
		{"disable-app", scenarios.Params{ClientID: idp.DefaultDaemonClientID}},
		{"enable-app", scenarios.Params{ClientID: idp.DefaultDaemonClientID}},
		{"revoke-sessions", scenarios.Params{User: idp.DefaultUserID}},
		{"remove-scope", scenarios.Params{ClientID: idp.DefaultCLIClientID, Resource: "https://graph.microsoft.com", Scope: "User.Read"}},
		{"remove-role", scenarios.Params{ClientID: idp.DefaultDaemonClientID, Resource: idp.DefaultAPIURI, Role: "Tasks.Read.All"}},
		{"expire-credential", scenarios.Params{ClientID: idp.DefaultAPIClientID, Credential: "api-secret"}},
		{"delete-credential", scenarios.Params{ClientID: idp.DefaultDaemonClientID, Credential: "daemon-cert"}},
		{"skew-client", scenarios.Params{ClientID: idp.DefaultAPIClientID, Skew: scenarios.Duration(time.Minute)}},
		{"block-ca", scenarios.Params{User: idp.DefaultUserID}},
		{"rotate-keys", scenarios.Params{}},
	} {
		if err := c.State(ctx, op.name, op.p); err != nil {
			t.Fatalf("%s: %v", op.name, err)
		}
	}
	seed, _ := c.Seed(ctx)
	tv := seed.Tenants[0]
	if tv.Users[0].TokensValidFrom.IsZero() || len(tv.ConditionalAccess) != 1 || len(tv.Applications[0].Certificates) != 0 {
		t.Fatalf("seed after state changes: %+v", tv)
	}
	_, err = daemonApp(t, srv).AcquireTokenByCredential(ctx, []string{idp.DefaultAPIURI + "/.default"})
	if err != nil {
		t.Fatal(err)
	}
	// Reset restores everything.
	if err := c.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	seed, _ = c.Seed(ctx)
	if !seed.Tenants[0].Users[0].TokensValidFrom.IsZero() || len(seed.Tenants[0].ConditionalAccess) != 0 {
		t.Fatal("reset kept state changes")
	}
	if r, _ := c.Requests(ctx, mockidpclient.Filter{}); len(r) != 0 {
		t.Fatalf("reset kept %d requests", len(r))
	}
	// PUT seed replaces the directory and what reset restores.
	small := idp.DefaultSeed().WithTenants(idp.DefaultTenantID)
	if err := c.PutSeed(ctx, small); err != nil {
		t.Fatal(err)
	}
	_ = c.Reset(ctx)
	if s, _ := c.Seed(ctx); len(s.Tenants) != 1 {
		t.Fatalf("tenants after put+reset: %d", len(s.Tenants))
	}
	var apiErr *mockidpclient.Error
	if err := c.RemoveScenario(ctx, "nope"); !errors.As(err, &apiErr) || apiErr.Status != 404 {
		t.Fatalf("client error: %v", err)
	}
	if st, body := raw(t, srv, "GET", "/openapi.json", ""); st != 200 || body["openapi"] != "3.0.3" {
		t.Fatalf("openapi: %d", st)
	}
}

// Concurrent control calls and token requests, under -race.
func TestControlAPIConcurrent(t *testing.T) {
	srv := mockidptest.NewServer(t)
	ctx := testContext(t)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for j := range 10 {
				s, err := srv.Control.AddScenario(ctx, scenarios.Scenario{Match: scenarios.Match{Tenant: "t" + string(rune('a'+i))},
					Action: scenarios.Action{Status: 500}, Times: 1})
				if err != nil {
					t.Error(err)
					return
				}
				_ = srv.Control.RemoveScenario(ctx, s.ID)
				_ = srv.Control.State(ctx, map[bool]string{true: "disable-user", false: "enable-user"}[j%2 == 0],
					scenarios.Params{User: idp.DefaultUserID})
				_ = srv.Control.AdvanceClock(ctx, time.Second)
			}
		})
	}
	wg.Go(func() {
		for range 10 {
			if _, err := daemonApp(t, srv).AcquireTokenByCredential(ctx, graphScope); err != nil {
				t.Error(err)
			}
		}
	})
	wg.Wait()
	if l, _ := srv.Control.Scenarios(ctx, ""); len(l) != 0 {
		t.Fatalf("left %d scenarios", len(l))
	}
}

// scenarioFile is loaded three ways: the config file at startup, the
// control API, and Go; each way yields the same scenarios and the same
// client-visible result.
const scenarioFile = `[
 {"name":"throttle daemon","match":{"client_id":"b2c4d6e8-1a3c-4e5f-8a7b-9c0d1e2f3a4b","endpoint":"token"},
  "action":{"status":429,"retry_after":3},"times":1},
 {"preset":"slow","params":{"client_id":"c3d5e7f9-2b4d-4f6a-9b8c-0d1e2f3a4b5c","delay":"1ms"}}
]`

func TestScenarioFileThreeWays(t *testing.T) {
	type outcome struct {
		list   []scenarios.Status
		errMsg string
	}
	observe := func(t *testing.T, srv *mockidptest.Server) outcome {
		list, err := srv.Control.Scenarios(testContext(t), "")
		if err != nil {
			t.Fatal(err)
		}
		_, err = daemonApp(t, srv).AcquireTokenByCredential(testContext(t), graphScope)
		if err == nil {
			t.Fatal("no throttling")
		}
		msg := strings.Split(err.Error(), "Trace ID")[0]
		_, msg, _ = strings.Cut(msg, "reply status code")
		return outcome{list, msg}
	}
	// 1. Go: mockidptest.WithScenarios (what the Go API and config share).
	goWay := observe(t, mockidptest.NewServer(t, mockidptest.WithScenarios([]byte(scenarioFile))))
	// 2. Control API.
	srv := mockidptest.NewServer(t)
	if _, err := srv.Control.LoadFile(testContext(t), []byte(scenarioFile)); err != nil {
		t.Fatal(err)
	}
	apiWay := observe(t, srv)
	// 3. Config file at startup of the binary's app.
	cfgWay := startupScenarios(t)

	for name, got := range map[string][]scenarios.Status{"api": apiWay.list, "config": cfgWay} {
		if len(got) != len(goWay.list) {
			t.Fatalf("%s: %d scenarios, Go %d", name, len(got), len(goWay.list))
		}
		for i := range got {
			if got[i].Scenario != goWay.list[i].Scenario {
				t.Errorf("%s scenario %d = %+v\nGo: %+v", name, i, got[i].Scenario, goWay.list[i].Scenario)
			}
		}
	}
	if apiWay.errMsg != goWay.errMsg || !strings.Contains(goWay.errMsg, "AADSTS90055") {
		t.Errorf("client errors differ:\n%s\n%s", apiWay.errMsg, goWay.errMsg)
	}
}

// startupScenarios starts the app with the file as the config's
// scenarios: section and lists its scenarios over the control API.
func startupScenarios(t *testing.T) []scenarios.Status {
	t.Helper()
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "mockidp.yaml")
	var list []any
	_ = json.Unmarshal([]byte(scenarioFile), &list)
	y, _ := json.Marshal(map[string]any{"scenarios": list}) // JSON is YAML
	if err := os.WriteFile(cfgPath, y, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load([]string{"--config", cfgPath, "--data-dir", dir},
		func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(cfg, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	return a.Scenarios().List()
}
