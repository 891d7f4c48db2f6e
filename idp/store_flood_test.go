package idp_test

import (
	"runtime"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/idp"
)

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// 3 000 codes with a 100 KB nonce (before: +550 MB) stay within the code
// store's byte bound, even when every small field is a slice of a large
// request, as parsed query values are.
func TestAuthCodeFloodIsBounded(t *testing.T) {
	p, _ := newStateProvider(t)
	n := 3000
	if testing.Short() {
		n = 1000
	}
	before := heapInUse()
	for range n {
		query := "client_id=" + idp.DefaultCLIClientID + "&nonce=" + strings.Repeat("n", 100<<10)
		g := idp.AuthCodeGrant{TenantID: idp.DefaultTenantID, ClientID: query[len("client_id=") : len("client_id=")+len(idp.DefaultCLIClientID)],
			Nonce: query[len(query)-100<<10:], Scope: "openid"}
		if _, err := p.Grants.IssueAuthCode(g); err != nil {
			t.Fatal(err)
		}
	}
	grew := int64(heapInUse()) - int64(before)
	runtime.KeepAlive(p) // measured with its stores alive
	t.Logf("%d codes with a 100 KB nonce: heap grew %d MB", n, grew>>20)
	if grew > 96<<20 { // the store's 64 MB and slack
		t.Errorf("heap grew by %d MB", grew>>20)
	}
}
