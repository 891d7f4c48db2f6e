package arm

import (
	"strings"
	"testing"
)

// FuzzParseRoleFilter: any $filter is either understood or refused,
// never a panic, and an understood principal is a GUID-shaped string.
func FuzzParseRoleFilter(f *testing.F) {
	for _, s := range []string{"", "atScope()", "principalId eq '11111111-2222-4333-8444-555555555555'",
		"atScope() and assignedTo('11111111-2222-4333-8444-555555555555')", "roleDefinitionId eq 'x'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, filter string) {
		rf, ok := parseRoleFilter(filter)
		if ok && rf.principal != "" && (len(rf.principal) != 36 || strings.ContainsAny(rf.principal, "' ")) {
			t.Fatalf("principal %q from %q", rf.principal, filter)
		}
	})
}
