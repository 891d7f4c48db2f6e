package control

import (
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// Bounds of each journal list; the oldest records go first. A token
// record is mostly its token, so the byte bound caps a flood of large
// tokens as well as many small ones.
const (
	journalEntries = 1000
	journalBytes   = 8 << 20
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

// Answered records a request once its answer is written; the stack calls
// it for every area that is not Internal.
func (j *Journal) Answered(c echo.Context) {
	r, n := c.Request(), web.Note(c)
	rec := controlapi.RequestRecord{Time: j.now(), Method: r.Method, Path: r.URL.Path, Endpoint: web.KindOf(c),
		Tenant: n.Tenant, ClientID: n.Client, User: n.User, GrantType: n.Grant, Scope: n.Scope,
		Status: c.Response().Status, AADSTS: n.AADSTS, Scenario: n.Scenario}
	j.requests.add(rec, len(rec.Path)+len(rec.Scope)+len(rec.User)+256)
}

// Token records an access token issued in answer to c; its claims are
// decoded when listed, so issuance pays only for the copy.
func (j *Journal) Token(c echo.Context, token string) {
	n := web.Note(c)
	j.tokens.add(controlapi.TokenRecord{Time: j.now(), Endpoint: web.KindOf(c), ClientID: n.Client,
		User: n.User, GrantType: n.Grant, Token: token}, len(token)+256)
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
// by the caller).
type ring[T any] struct {
	mu    sync.Mutex
	items []T
	sizes []int
	bytes int
}

func (r *ring[T]) add(v T, size int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.items, r.sizes, r.bytes = append(r.items, v), append(r.sizes, size), r.bytes+size
	drop := 0
	for len(r.items)-drop > journalEntries || (r.bytes > journalBytes && drop < len(r.items)-1) {
		r.bytes -= r.sizes[drop]
		drop++
	}
	if drop > 0 {
		var zero T
		for i := range drop {
			r.items[i] = zero
		}
		r.items, r.sizes = r.items[drop:], r.sizes[drop:]
	}
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

// Requests lists the recorded requests, oldest first.
func (j *Journal) Requests() []controlapi.RequestRecord {
	return j.requests.filter(func(controlapi.RequestRecord) bool { return true })
}
