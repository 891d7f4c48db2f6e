package idp

import (
	"errors"
	"sync/atomic"
	"testing"

	"github.com/mockidp/mockidp/internal/fixtures"
)

func TestKeyringLazyKey(t *testing.T) {
	pems := fixtures.SigningPEMs()
	a, err := ParseSigningKeyPEM(pems["public"])
	if err != nil {
		t.Fatal(err)
	}
	b, err := ParseSigningKeyPEM(pems["usgov"])
	if err != nil {
		t.Fatal(err)
	}
	var made atomic.Int32
	r := NewKeyring()
	r.SetLazy("public", func() (*SigningKey, error) { made.Add(1); return a, nil })
	r.SetLazy("usgov", func() (*SigningKey, error) { return nil, errors.New("no entropy") })
	if made.Load() != 0 {
		t.Fatal("SetLazy made the key before first use")
	}
	state := r.snapshot()
	for range 3 {
		if k, ok := r.Signer("public"); !ok || k != a {
			t.Fatalf("Signer(public) = %v, %v", k, ok)
		}
	}
	if got := r.Published("public"); len(got) != 1 || got[0] != a || made.Load() != 1 {
		t.Fatalf("Published(public) = %v after %d makes; want the one lazy key made once", got, made.Load())
	}
	if _, ok := r.Signer("usgov"); ok {
		t.Fatal("a failed lazy key signs")
	}
	r.Set("public", b, a) // a rotation
	r.restore(state)
	if k, _ := r.Signer("public"); k != a || made.Load() != 1 {
		t.Fatalf("after restore Signer = %v, makes = %d; want the first key, not made again", k, made.Load())
	}
}
