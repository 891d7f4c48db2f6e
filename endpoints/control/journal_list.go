package control

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
)

// recordFilter selects records by the query parameters client, user,
// endpoint, grant_type and since/until (RFC 3339).
type recordFilter struct {
	client, user, endpoint, grant string
	since, until                  time.Time
}

func (f recordFilter) keep(t time.Time, client, user, endpoint, grant string) bool {
	ok := func(want, got string) bool { return want == "" || strings.EqualFold(want, got) }
	return ok(f.client, client) && ok(f.user, user) && ok(f.endpoint, endpoint) && ok(f.grant, grant) &&
		(f.since.IsZero() || !t.Before(f.since)) && (f.until.IsZero() || t.Before(f.until))
}

// Filter is a selection of journal records, as the query parameters of
// GET /_mockidp/requests and /tokens make it.
type Filter struct{ f recordFilter }

// ParseFilter reads client, user, endpoint, grant_type and since/until
// from the query; a bad value is a control-API 400.
func ParseFilter(c echo.Context) (Filter, error) {
	f, err := parseFilter(c)
	return Filter{f}, err
}

// RequestsWhere lists, oldest first, the recorded requests f keeps.
func (j *Journal) RequestsWhere(f Filter) []controlapi.RequestRecord {
	return j.requests.filter(func(r controlapi.RequestRecord) bool {
		return f.f.keep(r.Time, r.ClientID, r.User, r.Endpoint, r.GrantType)
	})
}

// TokensWhere lists, oldest first, the issued tokens f keeps, without
// their decoded claims.
func (j *Journal) TokensWhere(f Filter) []controlapi.TokenRecord {
	return j.tokens.filter(func(r controlapi.TokenRecord) bool {
		return f.f.keep(r.Time, r.ClientID, r.User, r.Endpoint, r.GrantType)
	})
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
	if f.endpoint != "" && !slices.Contains(controlapi.Endpoints, f.endpoint) {
		errs = append(errs, fmt.Errorf("endpoint %q is not one of %s", f.endpoint, strings.Join(controlapi.Endpoints, ", ")))
	}
	if err := errors.Join(errs...); err != nil {
		return f, badRequest(controlapi.ErrInvalidFilter, err)
	}
	return f, nil
}

func (h *Handler) listRequests(c echo.Context) error {
	f, err := parseFilter(c)
	if err != nil {
		return err
	}
	return web.WriteJSON(c, http.StatusOK, h.Journal.RequestsWhere(Filter{f}))
}

func (h *Handler) listTokens(c echo.Context) error {
	f, err := parseFilter(c)
	if err != nil {
		return err
	}
	list := h.Journal.TokensWhere(Filter{f})
	for i := range list {
		list[i] = decodeClaims(list[i])
	}
	return web.WriteJSON(c, http.StatusOK, list)
}
