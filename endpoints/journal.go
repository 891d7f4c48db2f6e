package endpoints

import (
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/idp"
)

// journalSize bounds each inspection buffer; the oldest entries go first.
const journalSize = 1000

// ring is a bounded buffer of records.
type ring[T any] struct {
	mu    sync.Mutex
	items []T
}

func (r *ring[T]) add(v T) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.items) >= journalSize {
		r.items = append(r.items[:0], r.items[1:]...)
	}
	r.items = append(r.items, v)
}

func (r *ring[T]) filter(keep func(T) bool) []T {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := []T{}
	for _, v := range r.items {
		if keep(v) {
			out = append(out, v)
		}
	}
	return out
}

func (r *ring[T]) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.items = nil
}

// journal records requests and issued tokens for inspection.
type journal struct {
	requests ring[controlapi.RequestRecord]
	tokens   ring[controlapi.TokenRecord]
}

// recordRequest runs after the answer is written.
func (s *Server) recordRequest(c echo.Context, start time.Time) {
	r := c.Request()
	if strings.HasPrefix(r.URL.Path, ControlPrefix) {
		return
	}
	str := func(k string) string { v, _ := c.Get(k).(string); return v }
	code, _ := c.Get(ctxAADSTS).(int)
	s.journal.requests.add(controlapi.RequestRecord{Time: start, Method: r.Method, Path: r.URL.Path, Endpoint: endpointOf(c),
		Tenant: str(ctxTenant), ClientID: str(ctxClient), User: str(ctxUser), GrantType: str(ctxGrant), Scope: str(ctxScope),
		Status: c.Response().Status, AADSTS: code, Scenario: str(ctxScenario)})
}

// recordToken keeps an access token issued at the request's site; its
// claims are decoded when listed, so issuance pays only for the copy.
func (s *Server) recordToken(c echo.Context, token string) {
	s.recordTokenAt(c, site(c).BaseURL, token)
}

// recordTokenAt keeps an access token whose issuer is rooted at base.
func (s *Server) recordTokenAt(c echo.Context, _ string, token string) {
	str := func(k string) string { v, _ := c.Get(k).(string); return v }
	s.journal.tokens.add(controlapi.TokenRecord{Time: s.idp.Clock().Now(), Endpoint: endpointOf(c), ClientID: str(ctxClient),
		User: str(ctxUser), GrantType: str(ctxGrant), Token: token})
}

// decodeClaims fills Claims from the token's payload.
func decodeClaims(r controlapi.TokenRecord) controlapi.TokenRecord {
	r.Claims = map[string]any{}
	if idp.DecodeUnverifiedJWT(r.Token, nil, &r.Claims) != nil {
		r.Claims = map[string]any{}
	}
	return r
}

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
