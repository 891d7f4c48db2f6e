package endpoints

import (
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
)

// imdsFault is a failure IMDS answers the next Count token requests with:
// 404 and 410 while it is being updated, 429 when throttled, 5xx when the
// identity extension fails. Clients retry all of them.
type imdsFault struct {
	Status     int `json:"status"`
	Count      int `json:"count"`
	RetryAfter int `json:"retry_after,omitempty"`
}

// imdsFaults is the queue of injected IMDS failures.
type imdsFaults struct {
	mu    sync.Mutex
	queue []imdsFault
}

// take returns the failure for this token request, if one is queued.
func (f *imdsFaults) take() *miError {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.queue) == 0 {
		return nil
	}
	fault := &f.queue[0]
	if fault.Count--; fault.Count <= 0 {
		f.queue = f.queue[1:]
	}
	e := &miError{status: fault.Status, msg: "injected fault " + strconv.Itoa(fault.Status), header: map[string]string{}}
	if fault.RetryAfter > 0 {
		e.header["Retry-After"] = strconv.Itoa(fault.RetryAfter)
	}
	if fault.Status == http.StatusInternalServerError {
		e.body = imdsErr(0, "unknown", "Failed to retrieve token from the Active directory. For details see logs in "+
			"/var/log/azure/Microsoft.ManagedIdentity.ManagedIdentityExtensionForLinux/msi-extension.log").body
	}
	return e
}

// addIMDSFault queues failures: POST /_mockidp/imds/faults with
// {"status":410,"count":2,"retry_after":0}.
func (s *Server) addIMDSFault(c echo.Context) error {
	var f imdsFault
	if err := json.NewDecoder(http.MaxBytesReader(nil, c.Request().Body, maxFormBytes)).Decode(&f); err != nil {
		return controlErr("The body is not a JSON object: " + err.Error())
	}
	switch {
	case f.Status != 404 && f.Status != 410 && f.Status != 429 && (f.Status < 500 || f.Status > 599):
		return controlErr("status must be 404, 410, 429 or 5xx.")
	case f.Count < 1 || f.Count > 1000:
		return controlErr("count must be between 1 and 1000.")
	case f.RetryAfter < 0 || f.RetryAfter > 3600:
		return controlErr("retry_after must be between 0 and 3600 seconds.")
	}
	s.faults.mu.Lock()
	s.faults.queue = append(s.faults.queue, f)
	s.faults.mu.Unlock()
	return c.NoContent(http.StatusNoContent)
}

// clearIMDSFaults drops every queued failure: DELETE /_mockidp/imds/faults.
func (s *Server) clearIMDSFaults(c echo.Context) error {
	s.faults.mu.Lock()
	s.faults.queue = nil
	s.faults.mu.Unlock()
	return c.NoContent(http.StatusNoContent)
}

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
