package control

import (
	"strings"
	"testing"
)

// The byte budget holds whatever the count: records are dropped oldest
// first.
func TestJournalRingByteBudget(t *testing.T) {
	var r ring[string]
	for i := range 3 * journalEntries {
		r.add(strings.Repeat("x", 10), journalBytes/100+i%3)
	}
	if r.bytes > journalBytes || r.n > 100 {
		t.Fatalf("%d bytes in %d records, budget %d", r.bytes, r.n, journalBytes)
	}
}

// Past its bound in entries the ring keeps the newest records, oldest
// first, and starts over empty after a reset.
func TestJournalRingKeepsNewestInOrder(t *testing.T) {
	var r ring[int]
	for _, total := range []int{1, journalEntries - 1, journalEntries, journalEntries + 1, 2*journalEntries + 7} {
		r.reset()
		for i := range total {
			r.add(i, 1)
		}
		got := r.filter(func(int) bool { return true })
		first := max(0, total-journalEntries)
		if len(got) != total-first || r.bytes != len(got) {
			t.Fatalf("after %d adds: %d records, %d bytes; want %d", total, len(got), r.bytes, total-first)
		}
		for k, v := range got {
			if v != first+k {
				t.Fatalf("after %d adds: record %d = %d, want %d", total, k, v, first+k)
			}
		}
	}
	odd := r.filter(func(v int) bool { return v%2 == 1 })
	if len(odd) != journalEntries/2 || odd[0]%2 != 1 {
		t.Fatalf("filter kept %d records starting %d", len(odd), odd[0])
	}
}
