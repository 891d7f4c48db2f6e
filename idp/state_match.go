package idp

import (
	"errors"
	"fmt"
	"strings"
)

// A state change that finds nothing to act on, or finds it already in the
// state asked for, says so instead of reporting a change: the control API
// answers 404 for ErrNoMatch and 409 for ErrNoChange.
var (
	ErrNoMatch  = errors.New("no match")
	ErrNoChange = errors.New("no change")
)

// stateError is a state change's failure with what it looked for.
type stateError struct {
	kind error
	msg  string
}

func (e *stateError) Error() string { return e.msg }
func (e *stateError) Unwrap() error { return e.kind }

func noMatch(format string, args ...any) error {
	return &stateError{ErrNoMatch, fmt.Sprintf(format, args...)}
}

func noChange(format string, args ...any) error {
	return &stateError{ErrNoChange, fmt.Sprintf(format, args...)}
}

// tenantOf finds a tenant of the seed by ID.
func tenantOf(s *Seed, tenantID string) (*Tenant, error) {
	if t := s.FindTenant(tenantID); t != nil {
		return t, nil
	}
	return nil, noMatch("no tenant %s", tenantID)
}

// userOf finds a user named by object ID or user principal name.
func userOf(t *Tenant, user string) (*User, error) {
	for i := range t.Users {
		u := &t.Users[i]
		if strings.EqualFold(u.ObjectID, user) || strings.EqualFold(u.UserPrincipalName, user) {
			return u, nil
		}
	}
	return nil, noMatch("no user %s (looked for a user principal name or object ID) in tenant %s", user, t.ID)
}

// appOf finds an application named by client ID or, failing that, by a
// display name only one app of the tenant has.
func appOf(t *Tenant, app string) (*Application, error) {
	var named []*Application
	for i := range t.Applications {
		a := &t.Applications[i]
		if strings.EqualFold(a.ClientID, app) {
			return a, nil
		}
		if strings.EqualFold(a.DisplayName, app) {
			named = append(named, a)
		}
	}
	switch len(named) {
	case 1:
		return named[0], nil
	case 0:
		return nil, noMatch("no application %s (looked for a client ID or display name) in tenant %s", app, t.ID)
	}
	return nil, fmt.Errorf("%d applications of tenant %s are named %q: name one by client ID", len(named), t.ID, app)
}

// grantUser is the user a consent operation names ("" for the tenant-wide
// grant), resolved to the user.
func grantUser(t *Tenant, user string) (*User, error) {
	if user == "" {
		return nil, nil
	}
	return userOf(t, user)
}

// ownGrant reports whether a consent grant is user's own (nil: the
// tenant-wide grant).
func ownGrant(g ConsentGrant, user *User) bool {
	if user == nil {
		return g.User == ""
	}
	return g.User != "" && grantCovers(g, user)
}

// whose names the owner of a consent grant in messages.
func whose(user *User) string {
	if user == nil {
		return "tenant-wide"
	}
	return "of user " + user.UserPrincipalName + " (" + user.ObjectID + ")"
}

// flagChange sets a boolean field, or reports that it already had the value.
func flagChange(field *bool, v bool, what, set, unset string) error {
	if *field == v {
		state := unset
		if v {
			state = set
		}
		return noChange("%s is already %s", what, state)
	}
	*field = v
	return nil
}
