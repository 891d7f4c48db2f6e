package endpoints

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
)

// fixedNow is the mock clock of tests that pin bytes in golden files.
var fixedNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

type testServer struct {
	*httptest.Server
	srv   *Server
	clock *idp.Clock
}

// newTestServer starts mockidp over TLS for cloud with the default seed
// (changed by mutate, if given), fixture keys, a fixed clock and a seeded
// random source, so every answer of a fresh server is reproducible.
func newTestServer(t testing.TB, cloud *clouds.Cloud, mutate func(*idp.Seed)) *testServer {
	t.Helper()
	p := newTestProvider(t, mutate, newSeededRand(1))
	srv := NewServer(Options{Provider: p, Logger: quietLogger()})
	ts := httptest.NewTLSServer(srv.Handler(cloud))
	t.Cleanup(ts.Close)
	return &testServer{Server: ts, srv: srv, clock: p.Clock()}
}

// newTestProvider is the provider of every endpoints test: the default seed
// (changed by mutate), fixture keys and a clock frozen at fixedNow; rand
// may be nil for crypto/rand.
func newTestProvider(t testing.TB, mutate func(*idp.Seed), rand io.Reader) *idp.Provider {
	t.Helper()
	keys, err := idp.KeyringFromPEM(fixtures.SigningPEMs())
	if err != nil {
		t.Fatal(err)
	}
	seed := idp.DefaultSeed()
	if mutate != nil {
		mutate(&seed)
	}
	p, err := idp.New(idp.Options{Clock: idp.NewFixedClock(fixedNow), Rand: rand, Keys: keys, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func (ts *testServer) get(t testing.TB, path string) *http.Response {
	t.Helper()
	resp, err := ts.Client().Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}
