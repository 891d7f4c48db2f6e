package idp_test

import (
	"sync"
	"testing"

	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
)

// Two rotations at once both land: neither loses the other's key.
func TestConcurrentRotationsKeepBothKeys(t *testing.T) {
	signer, err := idp.ParseSigningKeyPEM(fixtures.SigningPEM("public"))
	if err != nil {
		t.Fatal(err)
	}
	rotated, err := idp.ParseSigningKeyPEM(fixtures.SigningPEM("rotated"))
	if err != nil {
		t.Fatal(err)
	}
	usgov, err := idp.ParseSigningKeyPEM(fixtures.SigningPEM("usgov"))
	if err != nil {
		t.Fatal(err)
	}
	for range 500 {
		r := idp.NewKeyring()
		r.Set("public", signer)
		var wg sync.WaitGroup
		for _, k := range []*idp.SigningKey{rotated, usgov} {
			wg.Add(1)
			go func() { defer wg.Done(); r.Rotate("public", k, idp.MaxPublishedKeys) }()
		}
		wg.Wait()
		if got := r.Published("public"); len(got) != 3 {
			t.Fatalf("after two concurrent rotations %d keys published, want 3", len(got))
		}
	}
}

// With overlap the JWKS keeps the newest keys only.
func TestRotationBoundsPublishedKeys(t *testing.T) {
	r := idp.NewKeyring()
	var keys []*idp.SigningKey
	for _, name := range []string{"public", "usgov", "china", "germany", "rotated"} {
		k, err := idp.ParseSigningKeyPEM(fixtures.SigningPEM(name))
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
	}
	r.Set("public", keys[0])
	for _, k := range keys[1:] {
		r.Rotate("public", k, idp.MaxPublishedKeys)
	}
	got := r.Published("public")
	if len(got) != idp.MaxPublishedKeys || got[0].ID != keys[4].ID || got[3].ID != keys[1].ID {
		t.Fatalf("published %d keys, want the %d newest", len(got), idp.MaxPublishedKeys)
	}
	if r.Rotate("nowhere", keys[0], 1) {
		t.Error("rotating an unknown cloud succeeded")
	}
}
