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
	if r.bytes > journalBytes || len(r.items) > 100 {
		t.Fatalf("%d bytes in %d records, budget %d", r.bytes, len(r.items), journalBytes)
	}
}
