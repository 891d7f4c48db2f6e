package endpoints

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// Bounds of each inspection buffer; the oldest entries go first. A field
// longer than journalFieldMax (a 500 KB scope) is kept truncated and
// marked, so GET /_mockidp/requests stays small whatever clients send.
const (
	journalSize     = 1000
	journalBytes    = 8 << 20
	journalFieldMax = 4 << 10
	journalTokenMax = 64 << 10
)

// ring is a buffer of records bounded in count and in bytes.
type ring[T any] struct {
	mu    sync.Mutex
	items []T
	sizes []int
	bytes int
}

func (r *ring[T]) add(v T, size int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for len(r.items) > 0 && (len(r.items) >= journalSize || r.bytes+size > journalBytes) {
		r.bytes -= r.sizes[0]
		var zero T
		r.items[0] = zero
		r.items, r.sizes = r.items[1:], r.sizes[1:]
	}
	r.items, r.sizes = append(r.items, v), append(r.sizes, size)
	r.bytes += size
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
	r.items, r.sizes, r.bytes = nil, nil, 0
}

// clipField keeps at most max bytes of a client-supplied field, marked.
// A short field is copied: it may be a slice of a huge request body that
// it would otherwise keep alive.
func clipField(v string, max int) string {
	if len(v) <= max {
		return strings.Clone(v)
	}
	return strings.ToValidUTF8(v[:max], "") + "…[truncated " + strconv.Itoa(len(v)) + " bytes]"
}

// recordBytes estimates what a record costs: its strings plus overhead.
func recordBytes(fields ...string) int {
	n := 256
	for _, f := range fields {
		n += len(f)
	}
	return n
}

// journal records requests and issued tokens for inspection.
type journal struct {
	requests ring[controlapi.RequestRecord]
	tokens   ring[controlapi.TokenRecord]
}

// recordRequest runs after the answer is written.
func (s *Server) recordRequest(c echo.Context) {
	r, n := c.Request(), web.Note(c)
	clip := func(v string) string { return clipField(v, journalFieldMax) }
	rec := controlapi.RequestRecord{Time: s.idp.Clock().Now(), Method: clipField(r.Method, 64), Path: clip(r.URL.Path),
		Endpoint: web.KindOf(c), Tenant: clip(n.Tenant), ClientID: clip(n.Client), User: clip(n.User), GrantType: clip(n.Grant),
		Scope: clip(n.Scope), Status: c.Response().Status, AADSTS: n.AADSTS, Scenario: clip(n.Scenario)}
	s.journal.requests.add(rec, recordBytes(rec.Method, rec.Path, rec.Endpoint, rec.Tenant, rec.ClientID, rec.User,
		rec.GrantType, rec.Scope, rec.Scenario))
}

// recordToken keeps an access token issued at the request's site; its
// claims are decoded when listed, so issuance pays only for the copy.
func (s *Server) recordToken(c echo.Context, token string) {
	s.recordTokenAt(c, web.Site(c).BaseURL, token)
}

// recordTokenAt keeps an access token whose issuer is rooted at base.
func (s *Server) recordTokenAt(c echo.Context, _ string, token string) {
	n := web.Note(c)
	clip := func(v string) string { return clipField(v, journalFieldMax) }
	rec := controlapi.TokenRecord{Time: s.idp.Clock().Now(), Endpoint: web.KindOf(c), ClientID: clip(n.Client),
		User: clip(n.User), GrantType: clip(n.Grant), Token: clipField(token, journalTokenMax)}
	// Listing decodes the claims again: count them twice.
	s.journal.tokens.add(rec, recordBytes(rec.Endpoint, rec.ClientID, rec.User, rec.GrantType, rec.Token, rec.Token))
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
