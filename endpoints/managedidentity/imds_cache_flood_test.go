package managedidentity

import (
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"
)

// heapInUse is the live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// Case and slash variants of one resource share one cache entry: before,
// each added one (729 MB after 200 000 requests).
func TestIMDSCacheVariantsShareAnEntry(t *testing.T) {
	ts, h := newTestServer(t)
	base := "https://management.azure.com"
	n := 300
	if testing.Short() {
		n = 60
	}
	for i := range n {
		// Every combination of upper-case letters in the host, with and
		// without the trailing slash.
		res := []byte(base)
		for j := 8; j < len(res) && j-8 < 12; j++ {
			if i&(1<<(j-8)) != 0 {
				res[j] = strings.ToUpper(string(res[j]))[0]
			}
		}
		r := string(res) + strings.Repeat("/", i%2)
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/metadata/identity/oauth2/token?api-version=2018-02-01&resource="+r, nil)
		req.Header.Set("Metadata", "true")
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", r, resp.StatusCode)
		}
	}
	if got := h.cache.store.Len(); got != 1 {
		t.Fatalf("%d cache entries after %d spellings of one resource, want 1", got, n)
	}
}

// A flood of maximum-size entries stays within the cache's byte and entry
// bounds, and the heap with it.
func TestIMDSCacheFloodIsBounded(t *testing.T) {
	now := fixedNow
	c := newIMDSCache(func() time.Time { return now })
	before := heapInUse()
	token := strings.Repeat("t", 64<<10) // far larger than any real token
	for i := range 20000 {
		key := "tenant\x00vm\x00client\x00" + strings.Repeat("r", 100) + string(rune(i))
		c.put(key, imdsToken{AccessToken: strings.Clone(token[:len(token)-i%7]), Resource: key}, now.Add(24*time.Hour))
	}
	if got := c.store.Bytes(); got > imdsCacheLimits.MaxBytes {
		t.Errorf("cache holds %d bytes, bound %d", got, imdsCacheLimits.MaxBytes)
	}
	if got := c.store.Len(); got > imdsCacheLimits.MaxEntries {
		t.Errorf("cache holds %d entries, bound %d", got, imdsCacheLimits.MaxEntries)
	}
	if grew := int64(heapInUse()) - int64(before); grew > 2*imdsCacheLimits.MaxBytes {
		t.Errorf("heap grew by %d MB, want at most %d MB", grew>>20, 2*imdsCacheLimits.MaxBytes>>20)
	}
	now = now.Add(25 * time.Hour)
	c.put("fresh", imdsToken{AccessToken: "x"}, now.Add(time.Hour))
	if got := c.store.Len(); got != 1 {
		t.Errorf("%d entries after every token expired, want only the fresh one", got)
	}
}

// Echoed selectors that are slices of a long request URL do not keep the
// URL alive: before they were copied, 4 096 entries with a 32 KB query
// each pinned 161 MB the cache counted as a few hundred KB.
func TestIMDSCacheDoesNotPinRequests(t *testing.T) {
	now := fixedNow
	c := newIMDSCache(func() time.Time { return now })
	before := heapInUse()
	for i := range imdsCacheLimits.MaxEntries {
		query := "resource=https://vault.azure.net/" + strings.Repeat("x", 8) + string(rune('a'+i%26)) +
			"&client_id=" + strings.Repeat("c", 36) + "&pad=" + strings.Repeat("p", 32<<10)
		resource := query[len("resource="):strings.Index(query, "&client_id=")]
		client := query[strings.Index(query, "&client_id=")+11 : strings.Index(query, "&pad=")]
		key := "tenant\x00vm\x00" + client + "\x00" + resource + string(rune(i))
		c.put(key, imdsToken{AccessToken: "t", Resource: resource, ClientID: client}, now.Add(24*time.Hour))
	}
	grew := int64(heapInUse()) - int64(before)
	runtime.KeepAlive(c)
	t.Logf("%d entries from 32 KB queries: heap grew %d MB", c.store.Len(), grew>>20)
	if grew > 2*imdsCacheLimits.MaxBytes {
		t.Errorf("heap grew by %d MB, want at most %d MB", grew>>20, 2*imdsCacheLimits.MaxBytes>>20)
	}
}
