package scenarios

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// Preset is a named recipe for a failure users report.
type Preset struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	// Params names the parameters the preset reads.
	Params []string `json:"params"`
	apply  func(env Env, p Params) (Result, error)
}

var presets = map[string]Preset{}

func register(name, desc string, params []string, apply func(Env, Params) (Result, error)) {
	presets[name] = Preset{Name: name, Description: desc, Params: params, apply: apply}
}

// PresetNames lists the presets in name order.
func PresetNames() []string {
	var out []string
	for n := range presets {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// Presets lists the presets in name order.
func Presets() []Preset {
	var out []Preset
	for _, n := range PresetNames() {
		out = append(out, presets[n])
	}
	return out
}

// ApplyPreset runs a preset.
func (env Env) ApplyPreset(name string, p Params) (Result, error) {
	pr, ok := presets[name]
	if !ok {
		return Result{}, fmt.Errorf("unknown preset %q (known: %s)", name, strings.Join(PresetNames(), ", "))
	}
	if p.Tenant == "" {
		p.Tenant = idp.DefaultTenantID
	}
	r, err := pr.apply(env, p)
	r.Preset = name
	return r, err
}

// scenario adds one scenario named after the preset.
func (env Env) scenario(name string, s Scenario) (Result, error) {
	s.Name = name
	added, err := env.Engine.Add(s)
	if err != nil {
		return Result{}, err
	}
	return Result{Scenarios: []Scenario{added}}, nil
}

func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// tokenMatch is the match of a token-endpoint preset.
func tokenMatch(p Params) Match {
	return Match{Cloud: p.Cloud, Tenant: p.Tenant, ClientID: p.ClientID, User: p.User, Endpoint: EndpointToken, Scope: p.Scope}
}

func changed(format string, args ...any) Result {
	return Result{Changes: []string{fmt.Sprintf(format, args...)}}
}

func init() {
	register("expired-token", "The next token answers (times, default 1) carry an access token that expired ten minutes ago; resources reject it as expired.",
		[]string{"tenant", "client_id", "user", "scope", "times"}, func(env Env, p Params) (Result, error) {
			return env.scenario("expired-token", Scenario{Match: tokenMatch(p), Times: orDefault(p.Times, 1),
				Action: Action{Token: TokenExpired}})
		})
	register("missing-scope", "Token answers (times, default until cleared) carry an access token without its resource scopes and roles; the resource answers 403.",
		[]string{"tenant", "client_id", "user", "scope", "times"}, func(env Env, p Params) (Result, error) {
			return env.scenario("missing-scope", Scenario{Match: tokenMatch(p), Times: p.Times, Action: Action{Token: TokenMissingScope}})
		})
	register("throttled", "The next token requests (times, default 1) get 429 temporarily_unavailable (AADSTS90055) with Retry-After (retry_after, default 1 s).",
		[]string{"tenant", "client_id", "user", "scope", "times", "retry_after"}, func(env Env, p Params) (Result, error) {
			return env.scenario("throttled", Scenario{Match: tokenMatch(p), Times: orDefault(p.Times, 1),
				Action: Action{Status: http.StatusTooManyRequests, RetryAfter: orDefault(p.RetryAfter, 1)}})
		})
	register("server-error", "The next token requests (times, default 1) fail with status (default 500 server_error AADSTS90036; 503 is temporarily_unavailable AADSTS90033).",
		[]string{"tenant", "client_id", "user", "scope", "times", "status", "retry_after"}, func(env Env, p Params) (Result, error) {
			return env.scenario("server-error", Scenario{Match: tokenMatch(p), Times: orDefault(p.Times, 1),
				Action: Action{Status: orDefault(p.Status, http.StatusInternalServerError), RetryAfter: p.RetryAfter}})
		})
	register("slow", "Token answers (times, default until cleared) are held back by delay (default 2s) of real time.",
		[]string{"tenant", "client_id", "user", "scope", "times", "delay"}, func(env Env, p Params) (Result, error) {
			return env.scenario("slow", Scenario{Match: tokenMatch(p), Times: p.Times,
				Action: Action{Delay: orDefault(p.Delay, Duration(2*time.Second))}})
		})
	register("imds-unavailable", "The managed-identity endpoint (IMDS) answers the next requests (times, default 3) with status 410 (or 404) as while the VM's identity warms up.",
		[]string{"identity", "times", "status"}, func(env Env, p Params) (Result, error) {
			st := orDefault(p.Status, http.StatusGone)
			if st != http.StatusGone && st != http.StatusNotFound {
				return Result{}, fmt.Errorf("imds-unavailable: status %d is not 404 or 410", st)
			}
			return env.scenario("imds-unavailable", Scenario{Match: Match{Endpoint: EndpointIMDS, Identity: p.Identity},
				Times: orDefault(p.Times, 3), Action: Action{Status: st}})
		})
	register("imds-throttled", "The managed-identity endpoint (IMDS) answers the next requests (times, default 1) with 429 and Retry-After (retry_after, default 1 s).",
		[]string{"identity", "times", "retry_after"}, func(env Env, p Params) (Result, error) {
			return env.scenario("imds-throttled", Scenario{Match: Match{Endpoint: EndpointIMDS, Identity: p.Identity},
				Times: orDefault(p.Times, 1), Action: Action{Status: http.StatusTooManyRequests, RetryAfter: orDefault(p.RetryAfter, 1)}})
		})
	registerStatePresets()
}

// needIDP guards the presets that change the directory.
func needIDP(env Env, name string) error {
	if env.IDP == nil {
		return fmt.Errorf("%s changes the directory and needs a provider", name)
	}
	return nil
}

func cloudOf(p Params) (string, error) {
	name := orDefault(strings.ToLower(p.Cloud), clouds.Public.Name)
	if _, ok := clouds.ByName(name); !ok {
		return "", fmt.Errorf("unknown cloud %q", p.Cloud)
	}
	return name, nil
}
