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
		if _, err := p.IssueAuthCode(g); err != nil {
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

// Refresh tokens stay within the refresh store's byte bound (64 MB) when
// flooded with maximum-size scopes, and when each grant's strings are
// small slices of a large request body, as parsed form values are: before
// the grant was detached, 3 000 × 128 KB bodies stayed pinned (+399 MB)
// while the store counted 8 KB each.
func TestRefreshTokenFloodIsBounded(t *testing.T) {
	tests := []struct {
		name            string
		scopeKB, bodyKB int
	}{
		{"maximum-size scopes", 100, 128},
		{"small fields of large bodies", 8, 128},
	}
	n := 3000
	if testing.Short() {
		n = 1000
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, _ := newStateProvider(t)
			before := heapInUse()
			for range n {
				body := "client_id=" + idp.DefaultCLIClientID + "&scope=" + strings.Repeat("s", tc.scopeKB<<10) +
					"&pad=" + strings.Repeat("p", (tc.bodyKB-tc.scopeKB)<<10)
				scope := body[strings.Index(body, "&scope=")+7 : strings.Index(body, "&pad=")]
				g := idp.RefreshGrant{TenantID: idp.DefaultTenantID, Scope: scope,
					ClientID: body[len("client_id=") : len("client_id=")+len(idp.DefaultCLIClientID)]}
				if _, err := p.IssueRefreshToken(g); err != nil {
					t.Fatal(err)
				}
			}
			grew := int64(heapInUse()) - int64(before)
			runtime.KeepAlive(p)
			t.Logf("%d refresh tokens, %d KB scope in a %d KB body: heap grew %d MB", n, tc.scopeKB, tc.bodyKB, grew>>20)
			if grew > 96<<20 { // the store's 64 MB and slack
				t.Errorf("heap grew by %d MB", grew>>20)
			}
		})
	}
}

// 25 000 browser sign-ins, each starting a session (a client that drops
// the cookie), stay within the session store's bounds: 10 000 sessions,
// 16 MB.
func TestSessionFloodIsBounded(t *testing.T) {
	p, _ := newStateProvider(t)
	tv, _ := p.TenantByID(idp.DefaultTenantID)
	u, _ := tv.User(idp.DefaultUserID)
	n := 25000
	if testing.Short() {
		n = 12000
	}
	before := heapInUse()
	var first, last string
	for i := range n {
		cookie, err := p.RememberSignIn("", tv, p.NewSignIn(u))
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = cookie
		}
		last = cookie
	}
	grew := int64(heapInUse()) - int64(before)
	runtime.KeepAlive(p)
	t.Logf("%d sessions: heap grew %d MB", n, grew>>20)
	if len(p.SessionSignIns(first, "public")) != 0 || len(p.SessionSignIns(last, "public")) != 1 {
		t.Error("the oldest session outlived the store's 10 000-entry cap, or the newest is gone")
	}
	if grew > 32<<20 { // the store's 16 MB and slack
		t.Errorf("heap grew by %d MB", grew>>20)
	}
}
