package scenarios

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/mockidp/mockidp/clouds"
)

// Validate reports every problem of s at once, each naming the field.
func Validate(s Scenario) error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if s.Match.Cloud != "" {
		if _, ok := clouds.ByName(strings.ToLower(s.Match.Cloud)); !ok {
			bad("match.cloud %q is not a cloud (public, usgov, china, germany)", s.Match.Cloud)
		}
	}
	if s.Match.Endpoint != "" && !slices.Contains(Endpoints, strings.ToLower(s.Match.Endpoint)) {
		bad("match.endpoint %q is not one of %s", s.Match.Endpoint, strings.Join(Endpoints, ", "))
	}
	if s.Times < 0 {
		bad("times %d is negative", s.Times)
	}
	if s.Every < 0 {
		bad("every %d is negative", s.Every)
	}
	if s.Probability < 0 || s.Probability > 1 {
		bad("probability %v is not between 0 and 1", s.Probability)
	}
	if !s.After.IsZero() && !s.Until.IsZero() && !s.Until.After(s.After) {
		bad("until %s is not after after %s", s.Until, s.After)
	}
	errs = append(errs, validateAction(s.Action, strings.ToLower(s.Match.Endpoint))...)
	return errors.Join(errs...)
}

// validateAction checks the action for requests of endpoint (a
// Match.Endpoint, lower case; "" for any).
func validateAction(a Action, endpoint string) []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	kinds := 0
	for _, set := range []bool{a.Error != nil, a.Status != 0, a.Drop, a.Body != "", a.Token != ""} {
		if set {
			kinds++
		}
	}
	switch {
	case kinds == 0 && a.Delay == 0:
		bad("action is empty: set one of error, status, delay, drop, body, token")
	case kinds > 1:
		bad("action sets more than one of error, status, drop, body, token")
	}
	if a.Delay < 0 {
		bad("action.delay %s is negative", a.Delay)
	}
	if a.Status != 0 && (a.Status < 400 || a.Status > 599) {
		bad("action.status %d is not an HTTP error status (400-599)", a.Status)
	}
	if a.RetryAfter < 0 {
		bad("action.retry_after %d is negative", a.RetryAfter)
	}
	if a.RetryAfter > 0 && a.Status == 0 {
		bad("action.retry_after needs action.status")
	}
	if a.Body != "" && a.Body != BodyMalformed && a.Body != BodyTruncated {
		bad("action.body %q is not %q or %q", a.Body, BodyMalformed, BodyTruncated)
	}
	if a.Token != "" && !slices.Contains(TokenFaults, a.Token) {
		bad("action.token %q is not one of %s", a.Token, strings.Join(TokenFaults, ", "))
	}
	if e := a.Error; e != nil {
		switch {
		case endpoint == EndpointARM && e.Code == "":
			bad("action.error.code must name the ARM error code (such as ResourceGroupBeingDeleted) on endpoint arm")
		case endpoint != EndpointARM && e.AADSTS <= 0:
			bad("action.error.aadsts must be a positive AADSTS number")
		}
		if e.Status != 0 && (e.Status < 400 || e.Status > 599) {
			bad("action.error.status %d is not an HTTP error status (400-599)", e.Status)
		}
		if e.Claims != "" && !json.Valid([]byte(e.Claims)) {
			bad("action.error.claims is not a JSON string of a claims request")
		}
	}
	return errs
}

// DefaultStatus is the status of an ErrorAction without one.
const DefaultStatus = http.StatusBadRequest
