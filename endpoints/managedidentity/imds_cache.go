package managedidentity

import (
	"strings"
	"time"

	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fifo"
)

// imdsCacheMargin: IMDS hands out a cached token until it is this close
// to expiry.
const imdsCacheMargin = 5 * time.Minute

// Bounds of the IMDS token cache: one entry per identity and resource is
// what a real VM holds, so these only matter against a flood.
var imdsCacheLimits = fifo.Limits{MaxEntries: 4096, MaxBytes: 16 << 20}

type imdsCacheEntry struct {
	token     imdsToken
	expiresOn time.Time
}

// imdsCache is IMDS's token cache: repeated requests for one identity and
// resource get the same token with a shrinking expires_in. It is keyed by
// the normalised resource, so case and trailing-slash variants share one
// entry instead of each adding one.
type imdsCache struct {
	store *fifo.Store[string, imdsCacheEntry]
}

func newIMDSCache(now func() time.Time) *imdsCache {
	return &imdsCache{store: fifo.New(fifo.Options[string, imdsCacheEntry]{Limits: imdsCacheLimits, Now: now,
		Size: func(k string, e imdsCacheEntry) int64 {
			t := e.token
			return int64(len(k)+len(t.AccessToken)+len(t.Resource)+len(t.ClientID)+len(t.ObjectID)+len(t.MSIResID)) + 256
		}})}
}

// get returns the cached token for key when it was minted for exactly
// this resource spelling (the token's aud and the answer's resource echo
// it); a variant is a miss and replaces the entry.
func (m *imdsCache) get(key, resource string, now time.Time) (*imdsToken, bool) {
	e, ok := m.store.Get(key)
	if !ok || e.token.Resource != resource || now.Add(imdsCacheMargin).After(e.expiresOn) {
		return nil, false
	}
	t := e.token
	t.ExpiresIn = epoch(int64(e.expiresOn.Sub(now) / time.Second))
	return &t, true
}

func (m *imdsCache) put(key string, t imdsToken, expiresOn time.Time) {
	// The echoed selectors may be slices of the request URL, which must
	// not stay pinned for the token's lifetime.
	for _, f := range []*string{&t.ClientID, &t.Resource, &t.ObjectID, &t.MSIResID} {
		*f = strings.Clone(*f)
	}
	// Refused only if one token outgrows the whole budget: then IMDS just
	// mints every time.
	_ = m.store.Put(key, imdsCacheEntry{t, expiresOn}, expiresOn.Add(-imdsCacheMargin))
}

func imdsCacheKey(cv *idp.ComputeView, id *idp.AppView, resource string) string {
	return cv.Tenant.ID + "\x00" + cv.Name + "\x00" + id.ClientID + "\x00" + normalResource(resource)
}

// normalResource folds the spellings IMDS treats as one resource.
func normalResource(r string) string { return strings.TrimRight(strings.ToLower(r), "/") }
