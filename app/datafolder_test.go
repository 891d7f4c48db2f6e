package app

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/config"
)

// Two instances starting together on one empty data folder end with one
// CA and one key set, and each serves what is on disk.
func TestConcurrentFirstStartsAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("generates RSA keys")
	}
	dir := t.TempDir()
	cfg := config.Config{Listen: "127.0.0.1:0", DataDir: filepath.Join(dir, "shared"), LogFormat: "json", LogLevel: "info"}
	apps := make([]*App, 2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range apps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			apps[i], errs[i] = New(cfg, &bytes.Buffer{})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	onDisk, err := os.ReadFile(filepath.Join(cfg.DataDir, "ca.pem"))
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range apps {
		if !bytes.Equal(a.ca.CertPEM, onDisk) {
			t.Errorf("instance %d serves a CA that is not the one on disk", i)
		}
		for _, c := range clouds.All() {
			mine, _ := a.provider.Keys().Signer(c.Name)
			theirs, _ := apps[0].provider.Keys().Signer(c.Name)
			if mine.ID != theirs.ID {
				t.Errorf("instance %d signs %s tokens with key %s, instance 0 with %s", i, c.Name, mine.ID, theirs.ID)
			}
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(cfg.DataDir, "keys", ".*tmp*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

// Arc key files of an earlier run are removed at start; a fresh one (a
// live challenge of another instance) stays.
func TestStaleArcKeyFilesRemoved(t *testing.T) {
	cfg := testConfig(t)
	arc := filepath.Join(cfg.DataDir, "azcmagent-tokens")
	if err := os.MkdirAll(arc, 0o700); err != nil {
		t.Fatal(err)
	}
	old, fresh := filepath.Join(arc, "old.key"), filepath.Join(arc, "fresh.key")
	for _, p := range []string{old, fresh} {
		if err := os.WriteFile(p, []byte("k"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	past := time.Now().Add(-time.Hour)
	if err := os.Chtimes(old, past, past); err != nil {
		t.Fatal(err)
	}
	if _, err := New(cfg, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("stale Arc key file kept: %v", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("fresh Arc key file removed: %v", err)
	}
}
