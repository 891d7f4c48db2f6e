package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// envOf is a lookupEnv over a map, so tests never touch the process environment.
func envOf(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) {
		v, ok := m[k]
		return v, ok
	}
}

// writeFile writes content to dir/name, creating folders, and returns the path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// problems returns the *Errors inside err, failing the test if there is none.
func problems(t *testing.T, err error) []Problem {
	t.Helper()
	var errs *Errors
	if !errors.As(err, &errs) {
		t.Fatalf("err = %v (%T), want *Errors", err, err)
	}
	return errs.Problems
}

// defaults is the Config Load returns with no flags, env or file.
func defaults() Config {
	return Config{
		Listen:      "127.0.0.1:8443",
		CloudListen: map[string]string{"usgov": "127.0.0.1:8444", "china": "127.0.0.1:8445", "germany": "127.0.0.1:8446"},
		ProxyListen: "127.0.0.1:8080",
		IMDSListen:  "127.0.0.1:8081",
		DataDir:     defaultDataDir(),
		LogFormat:   "text",
		LogLevel:    "info",

		ControlAllowRemote: "false",
		ShutdownTimeout:    "10s",
		MaxConnections:     "1024",
		Shutdown:           10 * time.Second,
		ConnLimit:          1024,
		Signer:             "auto",
	}
}
