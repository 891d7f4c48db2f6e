package arm

import "testing"

// FuzzUnverifiedClaims feeds arbitrary Authorization headers to the
// decoding that describes ARM requests to scenarios: it must never panic,
// and only a three-part bearer token with a JSON payload decodes.
func FuzzUnverifiedClaims(f *testing.F) {
	for _, s := range []string{"", "Bearer", "Bearer a.b.c", "Basic eDp5", "Bearer e30.eyJ0aWQiOiJ4In0.c2ln",
		"bearer x.eyJhcHBpZCI6MX0.y", "Bearer ..", "Bearer e30.bnVsbA.x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		claims, ok := unverifiedClaims(header)
		if ok != (claims != nil) {
			t.Fatalf("ok %v with claims %v", ok, claims)
		}
	})
}
