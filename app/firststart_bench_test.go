package app

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/config"
	"github.com/mockidp/mockidp/idp"
)

// BenchmarkFirstStart is a first start with an empty data folder up to the
// first token served: CA, TLS certificate, signing key, seed, listeners,
// one TLS handshake and a client-credentials request. Goal: ≤ 50 ms.
//
//	go test ./app -run '^$' -bench FirstStart -benchtime 20x
func BenchmarkFirstStart(b *testing.B) {
	for b.Loop() {
		firstStartToToken(b, b.TempDir())
	}
}

// BenchmarkStartWithKeys is the same start on a data folder that already
// holds the CA and every signing key: what a first start costs beyond
// making an RSA key (signer.BenchmarkGenerateKey: about 30 ms of CPU on
// AVX-512 IFMA, 100–200 ms with crypto/rsa).
//
//	go test ./app -run '^$' -bench 'FirstStart|StartWithKeys' -benchtime 20x
func BenchmarkStartWithKeys(b *testing.B) {
	dir := b.TempDir()
	firstStartToToken(b, dir)
	if err := makeAllKeys(dir); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		firstStartToToken(b, dir)
	}
}

// makeAllKeys makes every cloud's signing key in dir, as a start that
// signed in every cloud would have.
func makeAllKeys(dir string) error {
	ring, err := loadOrCreateKeys(dir, time.Now())
	if err != nil {
		return err
	}
	for _, c := range clouds.All() {
		if _, ok := ring.Signer(c.Name); !ok {
			return fmt.Errorf("no key for %s", c.Name)
		}
	}
	return nil
}

func firstStartToToken(tb testing.TB, dir string) {
	cfg := config.Config{Listen: "127.0.0.1:0", DataDir: dir, CloudListen: map[string]string{},
		LogFormat: "text", LogLevel: "error"}
	a, err := New(cfg, io.Discard)
	if err != nil {
		tb.Fatal(err)
	}
	if err := a.Listen(); err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			tb.Error(err)
		}
	}()
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: a.ca.Pool(), ServerName: "localhost"}}}
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {idp.DefaultDaemonClientID},
		"client_secret": {idp.DefaultDaemonSecret}, "scope": {"https://graph.microsoft.com/.default"}}
	resp, err := client.Post("https://"+a.Addr("public")+"/"+idp.DefaultTenantID+"/oauth2/v2.0/token",
		"application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"access_token"`) {
		tb.Fatalf("first token: %d %s", resp.StatusCode, body)
	}
}

// The benchmark's path, checked on every test run.
func TestFirstStartServesAToken(t *testing.T) {
	firstStartToToken(t, t.TempDir())
}
