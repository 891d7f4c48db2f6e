package scenarios

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/mockidp/mockidp/idp"
)

// Env is what presets and scenario files act on: the engine for scripted
// faults and the provider for state changes.
type Env struct {
	Engine *Engine
	IDP    *idp.Provider
	// NewKey makes a signing key for a rotation; tests pass fixture keys.
	NewKey func(cloud string) (*idp.SigningKey, error)
}

// ParseFile reads a scenario file's JSON: a list of entries, or an object
// {"scenarios": [...]}. Unknown fields are errors, so a typo does not
// silently script nothing.
func ParseFile(b []byte) ([]Entry, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil, nil
	}
	if b[0] == '{' {
		var wrapped struct {
			Scenarios json.RawMessage `json:"scenarios"`
		}
		if err := strictJSON(b, &wrapped); err != nil {
			return nil, err
		}
		b = wrapped.Scenarios
	}
	var entries []Entry
	if err := strictJSON(b, &entries); err != nil {
		return nil, err
	}
	var errs []error
	for i, e := range entries {
		if err := validateEntry(e); err != nil {
			errs = append(errs, fmt.Errorf("scenario %d: %w", i, err))
		}
	}
	return entries, errors.Join(errs...)
}

func strictJSON(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("scenarios: %w", err)
	}
	return nil
}

func validateEntry(e Entry) error {
	if e.Preset == "" {
		if e.Params != nil {
			return errors.New("params without preset")
		}
		return Validate(e.Scenario)
	}
	if _, ok := lookup(e.Preset); !ok {
		return fmt.Errorf("unknown preset %q (known: %s)", e.Preset, strings.Join(PresetNames(), ", "))
	}
	if e.Action != (Action{}) || e.Match != (Match{}) {
		return errors.New("a preset entry takes params, not match or action")
	}
	return nil
}

// Apply applies entries in order; it stops at the first failure.
func (env Env) Apply(entries []Entry) ([]Result, error) {
	var out []Result
	for i, e := range entries {
		if err := validateEntry(e); err != nil {
			return out, fmt.Errorf("scenario %d: %w", i, err)
		}
		var r Result
		var err error
		if e.Preset != "" {
			var p Params
			if e.Params != nil {
				p = *e.Params
			}
			r, err = env.ApplyPreset(e.Preset, p)
		} else {
			var s Scenario
			s, err = env.Engine.Add(e.Scenario)
			r.Scenarios = []Scenario{s}
		}
		if err != nil {
			return out, fmt.Errorf("scenario %d: %w", i, err)
		}
		out = append(out, r)
	}
	return out, nil
}
