package endpoints

import (
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// Requests with 500 KB scopes leave small, marked records: before, 2 000
// of them made GET /_mockidp/requests answer 500 MB.
func TestJournalFloodIsBounded(t *testing.T) {
	srv := NewServer(Options{Provider: newTestProvider(t, nil, nil), Logger: quietLogger()})
	h := srv.Handler(clouds.Public)
	scope := strings.Repeat("https://graph.microsoft.com/x ", 500<<10/30)
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {idp.DefaultDaemonClientID},
		"client_secret": {idp.DefaultDaemonSecret}, "scope": {scope}}.Encode()
	n := 300
	if testing.Short() {
		n = 40
	}
	before := heapInUse()
	for range n {
		r := httptest.NewRequest("POST", "https://localhost/"+idp.DefaultTenantID+"/oauth2/v2.0/token", strings.NewReader(form))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.RemoteAddr = "127.0.0.1:1"
		h.ServeHTTP(httptest.NewRecorder(), r)
	}
	if grew := int64(heapInUse()) - int64(before); grew > 2*(8<<20) /* twice the journal's byte budget (package control) */ {
		t.Errorf("heap grew by %d MB after %d large requests", grew>>20, n)
	}
	w := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "https://localhost/_mockidp/requests", nil)
	r.RemoteAddr = "127.0.0.1:1"
	h.ServeHTTP(w, r)
	if w.Code != 200 || w.Body.Len() > n*(4<<10+1024) /* the journal clips fields at 4 KB */ {
		t.Fatalf("GET /_mockidp/requests: %d, %d bytes for %d records", w.Code, w.Body.Len(), n)
	}
	if !strings.Contains(w.Body.String(), "truncated") {
		t.Error("a truncated scope is not marked")
	}
}

// heapInUse is the live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
