package app

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockidp/mockidp/config"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
	"github.com/mockidp/mockidp/signer"
)

// syncBuffer lets the test read the output while the app writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testConfig listens on free loopback ports and reuses fixture signing
// keys, so the test pays for no RSA key generation.
func testConfig(t *testing.T) config.Config {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "keys"), 0o700); err != nil {
		t.Fatal(err)
	}
	for name, pem := range fixtures.SigningPEMs() {
		if err := os.WriteFile(filepath.Join(dir, "keys", name+".pem"), pem, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return config.Config{Listen: "127.0.0.1:0", ProxyListen: "127.0.0.1:0", DataDir: dir,
		CloudListen: map[string]string{"usgov": "127.0.0.1:0", "china": "", "germany": ""},
		WriteCA:     filepath.Join(dir, "out", "ca.pem"), LogFormat: "json", LogLevel: "info"}
}

func TestRunServesAndShutsDown(t *testing.T) {
	out := &syncBuffer{}
	a, err := New(testConfig(t), out)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx) }()

	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: a.ca.Pool()}}}
	for _, name := range []string{"public", "usgov"} {
		resp, err := client.Get("https://" + a.Addr(name) + "/_mockidp/health")
		if err != nil {
			t.Fatalf("%s health: %v", name, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s health status %d", name, resp.StatusCode)
		}
	}
	// The proxy serves the real login host with the same CA.
	proxyURL, _ := url.Parse("http://" + a.Addr("proxy"))
	viaProxy := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxyURL),
		TLSClientConfig: &tls.Config{RootCAs: a.ca.Pool()}}}
	resp, err := viaProxy.Get("https://login.microsoftonline.com/" + idp.DefaultTenantID + "/v2.0/.well-known/openid-configuration")
	if err != nil {
		t.Fatalf("through the proxy: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("proxy status %d", resp.StatusCode)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	banner := out.String()
	for _, want := range []string{"mockidp is ready", idp.DefaultTenantID, idp.DefaultDaemonClientID,
		idp.DefaultDaemonSecret, "alex@contoso.onmicrosoft.com", `"msg":"request"`, `"msg":"shutting down"`,
		fmt.Sprintf("stop with Ctrl-C, or kill %d", os.Getpid()), "token signer     " + signer.Name(), "web console      https://"} {
		if !strings.Contains(banner, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if _, err := os.Stat(filepath.Join(a.cfg.DataDir, "out", "ca.pem")); err != nil {
		t.Errorf("--write-ca: %v", err)
	}
}

func TestNewReportsBadSeed(t *testing.T) {
	cfg := testConfig(t)
	cfg.SeedFile = filepath.Join(cfg.DataDir, "seed.yaml")
	if err := os.WriteFile(cfg.SeedFile, []byte("tenants:\n  - id: not-a-guid\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := New(cfg, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "not-a-guid") {
		t.Fatalf("New = %v, want an error naming the bad tenant id", err)
	}
}

func TestListenReportsBusyPort(t *testing.T) {
	cfg := testConfig(t)
	first, err := New(cfg, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Listen(); err != nil {
		t.Fatal(err)
	}
	defer closeAll(first.nls)
	cfg.Listen = first.Addr("public")
	second, err := New(cfg, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if err := second.Listen(); err == nil || !strings.Contains(err.Error(), "public listener") {
		t.Fatalf("Listen on a busy port = %v", err)
	}
}
