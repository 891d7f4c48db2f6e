package config

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with the configuration, and where it was said.
type Problem struct {
	// Where is the place to fix it: "flag --listen", "env MOCKIDP_LISTEN",
	// "config.yaml:12 (key listen)", "config.yaml:7" or "default".
	Where string
	Err   error
}

func (p Problem) Error() string { return p.Where + ": " + p.Err.Error() }

// Unwrap lets errors.Is see through to causes such as fs.ErrNotExist.
func (p Problem) Unwrap() error { return p.Err }

// Errors is every problem Load found, in the order it found them. Load
// reports them together so a user fixes a config in one round trip.
type Errors struct {
	Problems []Problem
}

func (e *Errors) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns each problem, so errors.Is and errors.As look into all of them.
func (e *Errors) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

func (e *Errors) addf(where, format string, args ...any) {
	e.add(where, fmt.Errorf(format, args...))
}

func (e *Errors) add(where string, err error) {
	e.Problems = append(e.Problems, Problem{Where: where, Err: err})
}

// orNil returns e as an error, or nil when nothing was wrong; returning a
// nil *Errors as error would make err != nil true.
func (e *Errors) orNil() error {
	if len(e.Problems) == 0 {
		return nil
	}
	return e
}
