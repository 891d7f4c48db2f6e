package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/mockidptest"
)

// TestRun runs the example against a mockidp on a random port, trusting
// the CA from a file as the example does.
func TestRun(t *testing.T) {
	srv := mockidptest.NewServer(t)
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := srv.CA.WritePEM(caFile); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	host := strings.Replace(srv.URL(), "127.0.0.1", "localhost", 1) + "/"
	if err := run(ctx, host, caFile); err != nil {
		t.Fatal(err)
	}
}

func TestRunSaysWhenTheCAIsMissing(t *testing.T) {
	err := run(context.Background(), "https://localhost:1/", filepath.Join(t.TempDir(), "none.pem"))
	if err == nil || !strings.Contains(err.Error(), "is mockidp running?") {
		t.Fatalf("err = %v", err)
	}
}
