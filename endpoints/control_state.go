package endpoints

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/scenarios"
)

// stateOp is one directory change of POST /_mockidp/state/{op}; the body
// is a scenarios.Params naming what to change.
type stateOp struct {
	need []string // required parameters
	run  func(s *Server, p scenarios.Params) (string, error)
}

var stateOps = map[string]stateOp{
	"revoke-sessions": {[]string{"user"}, func(s *Server, p scenarios.Params) (string, error) {
		at, err := s.idp.RevokeSessions(p.Tenant, p.User)
		return "sessions revoked at " + at.Format(time.RFC3339), err
	}},
	"disable-user": {[]string{"user"}, func(s *Server, p scenarios.Params) (string, error) {
		return "user disabled", s.idp.SetUserDisabled(p.Tenant, p.User, true)
	}},
	"enable-user": {[]string{"user"}, func(s *Server, p scenarios.Params) (string, error) {
		return "user enabled", s.idp.SetUserDisabled(p.Tenant, p.User, false)
	}},
	"require-mfa": {[]string{"user"}, func(s *Server, p scenarios.Params) (string, error) {
		return "MFA required", s.idp.SetRequireMFA(p.Tenant, p.User, true)
	}},
	"clear-mfa": {[]string{"user"}, func(s *Server, p scenarios.Params) (string, error) {
		return "MFA no longer required", s.idp.SetRequireMFA(p.Tenant, p.User, false)
	}},
	"disable-app": {[]string{"client_id"}, func(s *Server, p scenarios.Params) (string, error) {
		return "application disabled", s.idp.SetAppDisabled(p.Tenant, p.ClientID, true)
	}},
	"enable-app": {[]string{"client_id"}, func(s *Server, p scenarios.Params) (string, error) {
		return "application enabled", s.idp.SetAppDisabled(p.Tenant, p.ClientID, false)
	}},
	"revoke-consent": {[]string{"client_id"}, func(s *Server, p scenarios.Params) (string, error) {
		return "consent revoked", s.idp.RevokeConsent(p.Tenant, p.ClientID, p.User)
	}},
	"grant-consent": {[]string{"client_id", "resource", "scope"}, func(s *Server, p scenarios.Params) (string, error) {
		return "consent granted", s.idp.GrantConsent(p.Tenant, p.ClientID, p.User, p.Resource, strings.Fields(p.Scope))
	}},
	"remove-scope": {[]string{"client_id", "resource", "scope"}, func(s *Server, p scenarios.Params) (string, error) {
		return "scope removed", s.idp.RemoveScope(p.Tenant, p.ClientID, p.User, p.Resource, p.Scope)
	}},
	"remove-role": {[]string{"client_id", "resource"}, func(s *Server, p scenarios.Params) (string, error) {
		return "app role removed", s.idp.RemoveAppRole(p.Tenant, p.ClientID, p.Resource, p.Role)
	}},
	"expire-credential": {[]string{"client_id", "credential"}, func(s *Server, p scenarios.Params) (string, error) {
		return "credential expired", s.idp.ExpireCredential(p.Tenant, p.ClientID, p.Credential)
	}},
	"delete-credential": {[]string{"client_id", "credential"}, func(s *Server, p scenarios.Params) (string, error) {
		return "credential deleted", s.idp.DeleteCredential(p.Tenant, p.ClientID, p.Credential)
	}},
	"block-ca": {nil, func(s *Server, p scenarios.Params) (string, error) {
		r, err := s.env().ApplyPreset("conditional-access-blocked", p)
		return strings.Join(r.Changes, "; "), err
	}},
	"rotate-keys": {nil, func(s *Server, p scenarios.Params) (string, error) {
		r, err := s.env().ApplyPreset("key-rotation", p)
		return strings.Join(r.Changes, "; "), err
	}},
	"skew-client": {[]string{"client_id"}, func(s *Server, p scenarios.Params) (string, error) {
		s.idp.SetClientSkew(p.ClientID, time.Duration(p.Skew))
		return fmt.Sprintf("tokens of %s skewed by %s", p.ClientID, time.Duration(p.Skew)), nil
	}},
}

// StateOps lists the operations of POST /_mockidp/state/{op}.
func StateOps() []string {
	var out []string
	for k := range stateOps {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func (s *Server) changeState(c echo.Context) error {
	op, ok := stateOps[c.Param("op")]
	if !ok {
		return notFound("unknown_operation", fmt.Sprintf("no state operation %q; known: %s", c.Param("op"), strings.Join(StateOps(), ", ")))
	}
	var p scenarios.Params
	if err := readJSON(c, &p); err != nil {
		return err
	}
	if p.Tenant == "" {
		p.Tenant = idp.DefaultTenantID
	}
	got := map[string]string{"user": p.User, "client_id": p.ClientID, "resource": p.Resource, "scope": p.Scope, "credential": p.Credential}
	var missing []string
	for _, n := range op.need {
		if got[n] == "" {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		return badRequest("missing_parameter", fmt.Errorf("%s needs %s", c.Param("op"), strings.Join(missing, ", ")))
	}
	msg, err := op.run(s, p)
	if err != nil {
		return stateFailure("state_change_failed", err)
	}
	return web.WriteJSON(c, http.StatusOK, map[string]string{"changed": msg})
}

// stateFailure is the answer to a state change that did not happen: 404
// when nothing matched what it named, 409 when it was already so, else 400.
func stateFailure(what string, err error) error {
	switch {
	case errors.Is(err, idp.ErrNoMatch):
		return &controlError{Status: http.StatusNotFound, Err: controlapi.ErrNotFound, Detail: err.Error()}
	case errors.Is(err, idp.ErrNoChange):
		return &controlError{Status: http.StatusConflict, Err: controlapi.ErrNoChange, Detail: err.Error()}
	}
	return badRequest(what, err)
}

func parseFilter(c echo.Context) (recordFilter, error) {
	f := recordFilter{client: c.QueryParam("client"), user: c.QueryParam("user"),
		endpoint: c.QueryParam("endpoint"), grant: c.QueryParam("grant_type")}
	var errs []error
	for _, t := range []struct {
		name string
		dst  *time.Time
	}{{"since", &f.since}, {"until", &f.until}} {
		if v := c.QueryParam(t.name); v != "" {
			parsed, err := time.Parse(time.RFC3339, v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s %q is not an RFC 3339 time", t.name, v))
			}
			*t.dst = parsed
		}
	}
	if f.endpoint != "" && !slices.Contains(scenarios.Endpoints, f.endpoint) {
		errs = append(errs, fmt.Errorf("endpoint %q is not one of %s", f.endpoint, strings.Join(scenarios.Endpoints, ", ")))
	}
	if err := errors.Join(errs...); err != nil {
		return f, badRequest("invalid_filter", err)
	}
	return f, nil
}

func (s *Server) listRequests(c echo.Context) error {
	f, err := parseFilter(c)
	if err != nil {
		return err
	}
	return web.WriteJSON(c, http.StatusOK, s.journal.requests.filter(func(r controlapi.RequestRecord) bool {
		return f.keep(r.Time, r.ClientID, r.User, r.Endpoint, r.GrantType)
	}))
}

func (s *Server) listTokens(c echo.Context) error {
	f, err := parseFilter(c)
	if err != nil {
		return err
	}
	list := s.journal.tokens.filter(func(r controlapi.TokenRecord) bool {
		return f.keep(r.Time, r.ClientID, r.User, r.Endpoint, r.GrantType)
	})
	for i := range list {
		list[i] = decodeClaims(list[i])
	}
	return web.WriteJSON(c, http.StatusOK, list)
}
