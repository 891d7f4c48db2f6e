package idp

import (
	"errors"
	"fmt"
)

// Error is an Entra failure: the OAuth error code, the AADSTS number, the
// HTTP status and the message, exactly as a client will read them.
type Error struct {
	Code     string // OAuth "error": invalid_request, invalid_client, …
	AADSTS   int    // the AADSTS number in error_codes and the description
	Status   int    // HTTP status
	Message  string // text after "AADSTSnnnn: "
	Suberror string // optional "suberror" (bad_token, consent_required, …)
	Claims   string // optional "claims" challenge, a JSON string
	Cause    error  // what went wrong inside mockidp, for logs only
}

func (e *Error) Error() string {
	return fmt.Sprintf("AADSTS%d: %s", e.AADSTS, e.Message)
}

// Unwrap exposes the internal cause to errors.Is/As.
func (e *Error) Unwrap() error { return e.Cause }

// Is matches another *Error with the same AADSTS number and OAuth error
// code, so tests can write errors.Is(err, idp.ErrInvalidSecret.New()).
// Both count: Entra shares some numbers between codes (AADSTS9002313 is
// invalid_request for a malformed request, invalid_grant for a bad code).
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.AADSTS == e.AADSTS && t.Code == e.Code
}

// Wrap returns a copy carrying cause for the logs.
func (e *Error) Wrap(cause error) *Error {
	c := *e
	c.Cause = cause
	return &c
}

// WithClaims returns a copy carrying a claims challenge.
func (e *Error) WithClaims(claims string) *Error {
	c := *e
	c.Claims = claims
	return &c
}

// Def is one entry of the error catalogue; Format takes the entry's
// substitutions in order.
type Def struct {
	AADSTS   int
	Code     string
	Status   int
	Format   string
	Suberror string
}

// New makes the error with the catalogue text filled in.
func (d Def) New(args ...any) *Error {
	msg := d.Format
	if len(args) > 0 {
		msg = fmt.Sprintf(d.Format, args...)
	}
	return &Error{Code: d.Code, AADSTS: d.AADSTS, Status: d.Status, Message: msg, Suberror: d.Suberror}
}

// CodeOf returns the AADSTS number of err, or 0 when err is not an *Error.
func CodeOf(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.AADSTS
	}
	return 0
}
