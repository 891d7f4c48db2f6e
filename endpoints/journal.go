package endpoints

import (
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/web"
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
func (s *Server) recordRequest(c echo.Context) {
	r, n := c.Request(), web.Note(c)
	s.journal.requests.add(controlapi.RequestRecord{Time: s.idp.Clock().Now(), Method: r.Method, Path: r.URL.Path, Endpoint: web.KindOf(c),
		Tenant: n.Tenant, ClientID: n.Client, User: n.User, GrantType: n.Grant, Scope: n.Scope,
		Status: c.Response().Status, AADSTS: n.AADSTS, Scenario: n.Scenario})
}

// recordToken keeps an access token issued at the request's site; its
// claims are decoded when listed, so issuance pays only for the copy.
func (s *Server) recordToken(c echo.Context, token string) {
	s.recordTokenAt(c, web.Site(c).BaseURL, token)
}

// recordTokenAt keeps an access token whose issuer is rooted at base.
func (s *Server) recordTokenAt(c echo.Context, _ string, token string) {
	n := web.Note(c)
	s.journal.tokens.add(controlapi.TokenRecord{Time: s.idp.Clock().Now(), Endpoint: web.KindOf(c), ClientID: n.Client,
		User: n.User, GrantType: n.Grant, Token: token})
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
