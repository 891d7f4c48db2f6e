package control

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

// Bounds of each journal list; the oldest records go first. A field
// longer than journalFieldMax (a 500 KB scope) is kept truncated and
// marked, so GET /_mockidp/requests stays small whatever clients send.
const (
	journalEntries  = 1000
	journalBytes    = 8 << 20
	journalFieldMax = 4 << 10
	journalTokenMax = 64 << 10
)

// Journal records the requests mockidp answered and the access tokens it
// issued, for GET /_mockidp/requests and /tokens. It is safe for
// concurrent use.
type Journal struct {
	// Now stamps records; nil means time.Now.
	Now      func() time.Time
	requests ring[controlapi.RequestRecord]
	tokens   ring[controlapi.TokenRecord]
}

// Answered records a request once its answer is written, took after it
// arrived; the stack calls it for every area that is not Internal.
func (j *Journal) Answered(c echo.Context, took time.Duration) {
	r, n := c.Request(), web.Note(c)
	rec := controlapi.RequestRecord{Time: j.now(), Method: clipField(r.Method, 64), Path: clip(r.URL.Path),
		Endpoint: web.KindOf(c), Tenant: clip(n.Tenant), ClientID: clip(n.Client), User: clip(n.User), GrantType: clip(n.Grant),
		Scope: clip(n.Scope), Status: c.Response().Status, AADSTS: n.AADSTS, Scenario: clip(n.Scenario),
		LatencyMS: float64(took.Microseconds()) / 1000}
	j.requests.add(rec, recordBytes(rec.Method, rec.Path, rec.Endpoint, rec.Tenant, rec.ClientID, rec.User,
		rec.GrantType, rec.Scope, rec.Scenario))
}

// Token records an access token issued in answer to c; its claims are
// decoded when listed, so issuance pays only for the record.
func (j *Journal) Token(c echo.Context, token string) {
	n := web.Note(c)
	rec := controlapi.TokenRecord{Time: j.now(), Endpoint: web.KindOf(c), ClientID: clip(n.Client),
		User: clip(n.User), GrantType: clip(n.Grant), Token: token}
	// A token is mockidp's own string, not a slice of a request body, so it
	// is kept without a copy unless it is too long.
	if len(token) > journalTokenMax {
		rec.Token = clipField(token, journalTokenMax)
	}
	// Listing decodes the claims again: count them twice.
	j.tokens.add(rec, recordBytes(rec.Endpoint, rec.ClientID, rec.User, rec.GrantType, rec.Token, rec.Token))
}

// TokenAt is Token for a source whose issuer is rooted at another base
// URL (the managed-identity listeners); the journal does not need it.
func (j *Journal) TokenAt(c echo.Context, _ string, token string) { j.Token(c, token) }

func clip(v string) string { return clipField(v, journalFieldMax) }

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

// Reset forgets every record.
func (j *Journal) Reset() {
	j.requests.reset()
	j.tokens.reset()
}

func (j *Journal) now() time.Time {
	if j.Now == nil {
		return time.Now()
	}
	return j.Now()
}

// decodeClaims fills Claims from the token's payload.
func decodeClaims(r controlapi.TokenRecord) controlapi.TokenRecord {
	r.Claims = map[string]any{}
	if idp.DecodeUnverifiedJWT(r.Token, nil, &r.Claims) != nil {
		r.Claims = map[string]any{}
	}
	return r
}

// ring is a list of records bounded in entries and bytes (as estimated
// by the caller). It is circular: its arrays are allocated once, at their
// bound, and records are overwritten in place, so recording costs no
// allocation or copying however long the server runs.
type ring[T any] struct {
	mu    sync.Mutex
	items []T
	sizes []int
	head  int // index of the oldest record
	n     int
	bytes int
}

func (r *ring[T]) add(v T, size int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.items == nil {
		r.items, r.sizes = make([]T, journalEntries), make([]int, journalEntries)
	}
	for r.n > 0 && (r.n >= journalEntries || r.bytes+size > journalBytes) {
		r.bytes -= r.sizes[r.head]
		var zero T
		r.items[r.head] = zero
		r.head, r.n = (r.head+1)%journalEntries, r.n-1
	}
	i := (r.head + r.n) % journalEntries
	r.items[i], r.sizes[i] = v, size
	r.n++
	r.bytes += size
}

// filter lists the records keep accepts, oldest first.
func (r *ring[T]) filter(keep func(T) bool) []T {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := []T{}
	for k := range r.n {
		if v := r.items[(r.head+k)%journalEntries]; keep(v) {
			out = append(out, v)
		}
	}
	return out
}

func (r *ring[T]) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.items, r.sizes, r.head, r.n, r.bytes = nil, nil, 0, 0, 0
}

// Requests lists the recorded requests, oldest first.
func (j *Journal) Requests() []controlapi.RequestRecord {
	return j.requests.filter(func(controlapi.RequestRecord) bool { return true })
}
