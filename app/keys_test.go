package app

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A key made on first start is the key of every later start.
func TestLoadOrCreateKeyPersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "public.pem")
	made, err := loadOrCreateKey(path, "test", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	again, err := loadOrCreateKey(path, "test", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if made.ID != again.ID {
		t.Fatalf("key changed across starts: %s then %s", made.ID, again.ID)
	}
	if err := os.WriteFile(path, []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadOrCreateKey(path, "test", time.Now()); err == nil {
		t.Fatal("a corrupt key file was accepted")
	}
}
