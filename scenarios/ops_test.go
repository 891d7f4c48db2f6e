package scenarios

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
)

// The registry and the wire contract name the same operations, and every
// alias stands for one of them.
func TestOperationsMatchControlAPI(t *testing.T) {
	if got, want := PresetNames(), slices.Sorted(slices.Values(controlapi.OpNames)); !slices.Equal(got, want) {
		t.Fatalf("registered %v, controlapi names %v", got, want)
	}
	for alias, to := range controlapi.Aliases {
		op, ok := lookup(alias)
		if !ok || op.Name != to || !slices.Contains(op.Aliases, alias) {
			t.Errorf("alias %s does not resolve to %s", alias, to)
		}
		if _, clash := operations[alias]; clash {
			t.Errorf("alias %s is also an operation's name", alias)
		}
	}
}

func newEnv(t *testing.T) Env {
	t.Helper()
	keys, err := idp.KeyringFromPEM(fixtures.SigningPEMs())
	if err != nil {
		t.Fatal(err)
	}
	p, err := idp.New(idp.Options{Keys: keys, Seed: idp.DefaultSeed()})
	if err != nil {
		t.Fatal(err)
	}
	return Env{Engine: NewEngine(nil), IDP: p}
}

// The state form fills in nothing but the tenant; the preset form fills
// defaults. Both take a name or its alias.
func TestChangeStateAndPresetForms(t *testing.T) {
	tests := []struct {
		name    string
		state   bool
		op      string
		params  Params
		wantErr error
	}{
		{"fail/state unknown", true, "explode", Params{}, ErrUnknownOperation},
		{"fail/state of a fault", true, controlapi.OpThrottled, Params{}, ErrUnknownOperation},
		{"fail/state missing user", true, controlapi.OpDisableUser, Params{}, ErrMissingParameter},
		{"fail/state alias missing user", true, "mfa-required", Params{}, ErrMissingParameter},
		{"ok/state alias", true, "user-disabled", Params{User: idp.DefaultUserID}, nil},
		{"ok/state name", true, controlapi.OpRequireMFA, Params{User: idp.DefaultUserID}, nil},
		{"ok/preset name with defaults", false, controlapi.OpDisableUser, Params{}, nil},
		{"ok/preset alias with defaults", false, "clock-skew", Params{ClientID: idp.DefaultDaemonClientID}, nil},
		{"ok/preset remove-role defaults", false, controlapi.OpRemoveRole, Params{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := newEnv(t)
			apply := env.ApplyPreset
			if tc.state {
				apply = env.ChangeState
			}
			r, err := apply(tc.op, tc.params)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil || len(r.Changes) != 1 || r.Preset != tc.op {
				t.Fatalf("result %+v, err %v", r, err)
			}
		})
	}
}

// The preset form's default skew is an hour; the state form's zero
// removes a skew.
func TestSkewForms(t *testing.T) {
	env := newEnv(t)
	r, err := env.ApplyPreset("clock-skew", Params{ClientID: idp.DefaultDaemonClientID})
	if err != nil || r.Changes[0] != "tokens of "+idp.DefaultDaemonClientID+" skewed by 1h0m0s" {
		t.Fatalf("preset: %+v %v", r, err)
	}
	r, err = env.ChangeState(controlapi.OpSkewClient, Params{ClientID: idp.DefaultDaemonClientID})
	if err != nil || r.Changes[0] != "tokens of "+idp.DefaultDaemonClientID+" skewed by 0s" {
		t.Fatalf("state: %+v %v", r, err)
	}
}

// openapi.json offers exactly the registry's names and aliases at
// /presets/{name}, and the directory changes' at /state/{op}.
func TestOpenAPIListsOperations(t *testing.T) {
	var d struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				In     string `json:"in"`
				Schema struct {
					Enum []string `json:"enum"`
				} `json:"schema"`
			} `json:"parameters"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(controlapi.OpenAPI, &d); err != nil {
		t.Fatal(err)
	}
	withAliases := func(names []string) []string {
		out := slices.Clone(names)
		for alias, to := range controlapi.Aliases {
			if slices.Contains(names, to) {
				out = append(out, alias)
			}
		}
		slices.Sort(out)
		return out
	}
	for path, want := range map[string][]string{
		"/_mockidp/presets/{name}": withAliases(PresetNames()),
		"/_mockidp/state/{op}":     withAliases(StateNames()),
	} {
		got := d.Paths[path]["post"].Parameters[0].Schema.Enum
		if !slices.Equal(got, want) {
			t.Errorf("%s: openapi.json lists %v, the registry %v", path, got, want)
		}
	}
}
