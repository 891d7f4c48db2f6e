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

// Device-code requests with a 300 KB scope: each pending code is kept, so
// the store's byte bound is all that limits the heap. Before, 2 000 of
// them took the process from 16 MB to 1.7 GB.
func TestDeviceCodeFloodIsBounded(t *testing.T) {
	srv := NewServer(Options{Provider: newTestProvider(t, nil, nil), Logger: quietLogger()})
	h := srv.Handler(clouds.Public)
	scope := "openid " + strings.Repeat("User.Read ", 300<<10/10)
	n := 400
	if testing.Short() {
		n = 60
	}
	before := heapInUse()
	accepted := 0
	for range n {
		form := url.Values{"client_id": {idp.DefaultCLIClientID}, "scope": {scope}}.Encode()
		r := httptest.NewRequest("POST", "https://localhost/"+idp.DefaultTenantID+"/oauth2/v2.0/devicecode", strings.NewReader(form))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code == 200 {
			accepted++
		}
	}
	grew := int64(heapInUse()) - int64(before)
	runtime.KeepAlive(srv) // measured with its stores alive
	t.Logf("%d device-code requests (%d accepted) with a %d KB scope: heap grew %d MB", n, accepted, len(scope)>>10, grew>>20)
	// The device store's byte budget (32 MB) plus the journal's (8 MB),
	// with room for what a collection leaves.
	if grew > 64<<20 {
		t.Errorf("heap grew by %d MB", grew>>20)
	}
}
