package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/mockidptest"
)

func TestRunAgainstMockidp(t *testing.T) {
	srv := mockidptest.NewServer(t)
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, srv.CA.CertPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := config{baseURL: srv.URL(), caFile: ca, tenant: "3a6e1f52-8c4d-4b7e-9a21-5f0c2d8e4b19",
		clientID: "b2c4d6e8-1a3c-4e5f-8a7b-9c0d1e2f3a4b", secret: "mockidp-daemon-secret",
		scope: "https://graph.microsoft.com/.default", requests: 20, workers: 2, limit: 30e9}
	res, err := run(cfg)
	if err != nil || res.ok != 20 || res.failed != 0 {
		t.Fatalf("run = %+v, %v", res, err)
	}
	if !strings.Contains(res.String(), "20 tokens in") {
		t.Errorf("report %q", res.String())
	}
	cfg.secret = "wrong"
	if res, _ := run(cfg); res.failed != 20 || !strings.Contains(res.firstError, "AADSTS7000215") {
		t.Errorf("wrong secret: %+v", res)
	}
}

func TestRefusesNonLoopback(t *testing.T) {
	for _, u := range []string{"https://example.com", "https://10.0.0.1:8443", "http://localhost:8443"} {
		if _, err := run(config{baseURL: u, requests: 1, workers: 1}); err == nil {
			t.Errorf("%s accepted", u)
		}
	}
}
