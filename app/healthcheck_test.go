package app

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/config"
)

func TestHealthcheck(t *testing.T) {
	cfg := testConfig(t)
	a, err := New(cfg, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx) }()
	defer func() { cancel(); <-done }()
	_, port, _ := net.SplitHostPort(a.Addr("public"))
	closed := closedPort(t)
	other := testConfig(t) // a data folder with no CA in it
	if err := os.WriteFile(filepath.Join(cfg.DataDir, "keys", "not-a-cert"), []byte("junk"), 0o600); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		mutate  func(*config.Config)
		wantErr string
	}{
		{"ok/bound address", func(c *config.Config) { c.Listen = a.Addr("public") }, ""},
		{"ok/wildcard listen address", func(c *config.Config) { c.Listen = ":" + port }, ""},
		{"ok/ipv6 wildcard", func(c *config.Config) { c.Listen = "[::]:" + port }, ""},
		{"fail/nothing listening", func(c *config.Config) { c.Listen = closed }, "connect"},
		{"fail/no CA", func(c *config.Config) { c.Listen = a.Addr("public"); c.DataDir = other.DataDir }, "CA certificate"},
		{"fail/CA file is not PEM", func(c *config.Config) {
			c.Listen = a.Addr("public")
			c.CACert = filepath.Join(cfg.DataDir, "keys", "not-a-cert")
		}, "no PEM certificate"},
		{"fail/bad listen address", func(c *config.Config) { c.Listen = "8443" }, "listen address"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := cfg
			tc.mutate(&c)
			err := Healthcheck(context.Background(), c)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("Healthcheck = %v, want nil", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("Healthcheck = %v, want an error containing %q", err, tc.wantErr)
			}
		})
	}
}

// TestHealthcheckRejectsForeignCA proves the check verifies TLS: a server
// whose certificate another CA issued fails it.
func TestHealthcheckRejectsForeignCA(t *testing.T) {
	serving := testConfig(t)
	a, err := New(serving, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx) }()
	defer func() { cancel(); <-done }()

	foreign := testConfig(t)
	if _, err := New(foreign, &bytes.Buffer{}); err != nil { // makes a second CA
		t.Fatal(err)
	}
	foreign.Listen = a.Addr("public")
	err = Healthcheck(context.Background(), foreign)
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("Healthcheck against another CA = %v, want a certificate error", err)
	}
}

func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}
