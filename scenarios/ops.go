package scenarios

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/idp"
)

// An operation is a named recipe for a failure users report: a fault
// (it adds scenarios) or a change of the directory. controlapi documents
// the two ways to apply one: the preset form (ApplyPreset) fills in
// defaults, the state form (ChangeState) only the tenant.
type operation struct {
	controlapi.Operation
	// defaults fills what the preset form leaves out; nil fills nothing.
	defaults func(env Env, p *Params)
	apply    func(env Env, p Params) (Result, error)
}

// Errors of ChangeState, for the control API to tell apart.
var (
	ErrUnknownOperation = errors.New("unknown operation")
	ErrMissingParameter = errors.New("missing parameter")
)

var operations = map[string]*operation{}

func register(op *operation) {
	for name, to := range controlapi.Aliases {
		if to == op.Name {
			op.Aliases = append(op.Aliases, name)
		}
	}
	slices.Sort(op.Aliases)
	operations[op.Name] = op
}

// lookup finds an operation by name or alias.
func lookup(name string) (*operation, bool) {
	op, ok := operations[controlapi.Canonical(name)]
	return op, ok
}

// PresetNames lists the operations' names in order (aliases left out).
func PresetNames() []string {
	out := make([]string, 0, len(operations))
	for n := range operations {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// StateNames lists the operations the state form offers.
func StateNames() []string {
	var out []string
	for _, n := range PresetNames() {
		if operations[n].State {
			out = append(out, n)
		}
	}
	return out
}

// Presets describes every operation, in name order.
func Presets() []controlapi.Operation {
	var out []controlapi.Operation
	for _, n := range PresetNames() {
		out = append(out, operations[n].Operation)
	}
	return out
}

// ApplyPreset runs an operation by name or alias, defaults filled in.
func (env Env) ApplyPreset(name string, p Params) (Result, error) {
	op, ok := lookup(name)
	if !ok {
		return Result{}, fmt.Errorf("unknown preset %q (known: %s)", name, strings.Join(PresetNames(), ", "))
	}
	p.Tenant = orDefault(p.Tenant, idp.DefaultTenantID)
	if op.defaults != nil {
		op.defaults(env, &p)
	}
	return op.run(env, name, p)
}

// ChangeState runs a directory-changing operation as an administrator
// would: nothing is filled in but the tenant, so its Required parameters
// must be given.
func (env Env) ChangeState(name string, p Params) (Result, error) {
	op, ok := lookup(name)
	if !ok || !op.State {
		return Result{}, fmt.Errorf("%w %q; known: %s", ErrUnknownOperation, name, strings.Join(StateNames(), ", "))
	}
	p.Tenant = orDefault(p.Tenant, idp.DefaultTenantID)
	if missing := missingParams(p, op.Required); len(missing) > 0 {
		return Result{}, fmt.Errorf("%w: %s needs %s", ErrMissingParameter, name, strings.Join(missing, ", "))
	}
	return op.run(env, name, p)
}

// missingParams lists the named parameters that are empty.
func missingParams(p Params, names []string) []string {
	var missing []string
	for _, n := range names {
		if v, _ := p.Get(n); v == "" {
			missing = append(missing, n)
		}
	}
	return missing
}

func (op *operation) run(env Env, name string, p Params) (Result, error) {
	if op.State && env.IDP == nil {
		return Result{}, fmt.Errorf("%s changes the directory and needs a provider", name)
	}
	r, err := op.apply(env, p)
	if err != nil && op.State {
		err = fmt.Errorf("%s: %w", name, err)
	}
	r.Preset = name
	return r, err
}

// scenario adds one scenario named after the operation.
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

func changed(format string, args ...any) Result {
	return Result{Changes: []string{fmt.Sprintf(format, args...)}}
}

func cloudOf(p Params) (string, error) {
	name := orDefault(strings.ToLower(p.Cloud), clouds.Public.Name)
	if _, ok := clouds.ByName(name); !ok {
		return "", fmt.Errorf("unknown cloud %q", p.Cloud)
	}
	return name, nil
}
