package managedidentity

import (
	"sync"
	"time"

	"github.com/mockidp/mockidp/idp"
)

// imdsCacheMargin: IMDS hands out a cached token until it is this close
// to expiry.
const imdsCacheMargin = 5 * time.Minute

type imdsCacheEntry struct {
	token     imdsToken
	expiresOn time.Time
}

// imdsCache is IMDS's token cache: repeated requests for one identity and
// resource get the same token with a shrinking expires_in.
type imdsCache struct {
	mu      sync.Mutex
	entries map[string]imdsCacheEntry
}

func (m *imdsCache) get(key string, now time.Time) (*imdsToken, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.entries[key]
	if !ok || now.Add(imdsCacheMargin).After(e.expiresOn) {
		delete(m.entries, key)
		return nil, false
	}
	t := e.token
	t.ExpiresIn = epoch(int64(e.expiresOn.Sub(now) / time.Second))
	return &t, true
}

func (m *imdsCache) put(key string, t imdsToken, expiresOn time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.entries == nil {
		m.entries = map[string]imdsCacheEntry{}
	}
	m.entries[key] = imdsCacheEntry{t, expiresOn}
}

func imdsCacheKey(cv *idp.ComputeView, id *idp.AppView, resource string) string {
	return cv.Tenant.ID + "\x00" + cv.Name + "\x00" + id.ClientID + "\x00" + resource
}
