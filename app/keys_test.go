package app

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/mockidp/mockidp/clouds"
)

// A key made on first use is the key of every later start; a corrupt key
// file is an error, not a reason to replace the key.
func TestLoadOrCreateKeysPersists(t *testing.T) {
	dir := t.TempDir()
	first, err := loadOrCreateKeys(dir, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	made, ok := first.Signer(clouds.Public.Name)
	if !ok {
		t.Fatal("no public signing key")
	}
	if _, err := os.Stat(filepath.Join(dir, "keys", "usgov.pem")); err == nil {
		t.Error("the usgov key was written before usgov used it")
	}
	again, err := loadOrCreateKeys(dir, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if k, _ := again.Signer(clouds.Public.Name); k.ID != made.ID {
		t.Fatalf("key changed across starts: %s then %s", made.ID, k.ID)
	}
	if err := os.WriteFile(filepath.Join(dir, "keys", "public.pem"), []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadOrCreateKeys(dir, time.Now()); err == nil {
		t.Fatal("a corrupt key file was accepted")
	}
}

// Clouds asking at once get distinct keys, each written once.
func TestLazyKeysConcurrently(t *testing.T) {
	dir := t.TempDir()
	ring, err := loadOrCreateKeys(dir, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	ids := make(map[string]string)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 3 {
		for _, c := range clouds.All() {
			wg.Go(func() {
				k, ok := ring.Signer(c.Name)
				if !ok {
					t.Errorf("%s: no key", c.Name)
					return
				}
				mu.Lock()
				defer mu.Unlock()
				if prev, seen := ids[c.Name]; seen && prev != k.ID {
					t.Errorf("%s: two keys %s and %s", c.Name, prev, k.ID)
				}
				ids[c.Name] = k.ID
			})
		}
	}
	wg.Wait()
	distinct := map[string]bool{}
	for _, id := range ids {
		distinct[id] = true
	}
	if len(distinct) != len(clouds.All()) {
		t.Fatalf("clouds share keys: %v", ids)
	}
	for _, c := range clouds.All() {
		if _, err := os.Stat(keyPath(filepath.Join(dir, "keys"), c)); err != nil {
			t.Errorf("%s key not kept: %v", c.Name, err)
		}
	}
}
