package app

import (
	"bufio"
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/config"
	"github.com/mockidp/mockidp/idp"
)

// startSlowRequest opens a token request on the public listener and sends
// only half its body, so the handler is in flight until finish is called.
func startSlowRequest(t *testing.T, a *App) (finish func() (*http.Response, error)) {
	t.Helper()
	conn, err := tls.Dial("tcp", a.Addr("public"), &tls.Config{RootCAs: a.ca.Pool(), ServerName: "localhost"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	body := "grant_type=client_credentials&client_id=" + idp.DefaultDaemonClientID
	fmt.Fprintf(conn, "POST /%s/oauth2/v2.0/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s",
		idp.DefaultTenantID, len(body), body[:10])
	return func() (*http.Response, error) {
		if _, err := conn.Write([]byte(body[10:])); err != nil {
			return nil, err
		}
		return http.ReadResponse(bufio.NewReader(conn), nil)
	}
}

func serveInBackground(t *testing.T, cfgMod func(*App)) (*App, context.CancelFunc, <-chan error, *syncBuffer) {
	t.Helper()
	cfg := testConfig(t)
	cfg.IMDSListen = "127.0.0.1:0"
	return serveConfig(t, cfg, cfgMod)
}

// serveConfig starts an App for cfg and serves it until the returned
// cancel.
func serveConfig(t *testing.T, cfg config.Config, cfgMod func(*App)) (*App, context.CancelFunc, <-chan error, *syncBuffer) {
	t.Helper()
	out := &syncBuffer{}
	a, err := New(cfg, out)
	if err != nil {
		t.Fatal(err)
	}
	if cfgMod != nil {
		cfgMod(a)
	}
	if err := a.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx) }()
	return a, cancel, done, out
}

// waitInFlight waits until the app counts n requests in flight.
func waitInFlight(t *testing.T, a *App, n int64) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); a.inflight.n.Load() < n; {
		if time.Now().After(deadline) {
			t.Fatalf("%d requests in flight, want %d", a.inflight.n.Load(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

// On SIGTERM every listener refuses new connections at once, while a
// request already running finishes within the budget.
func TestShutdownStopsEveryListenerAtOnce(t *testing.T) {
	a, cancel, done, out := serveInBackground(t, nil)
	finish := startSlowRequest(t, a)
	waitInFlight(t, a, 1)
	cancel()
	names := []string{"public", "usgov", "proxy", "imds"}
	for deadline := time.Now().Add(time.Second); ; time.Sleep(5 * time.Millisecond) {
		open := []string{}
		for _, name := range names {
			if c, err := net.DialTimeout("tcp", a.Addr(name), 100*time.Millisecond); err == nil {
				c.Close()
				open = append(open, name)
			}
		}
		if len(open) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a second after SIGTERM these listeners still accept: %v", open)
		}
	}
	res, err := finish()
	if err != nil {
		t.Fatalf("the in-flight request was cut: %v", err)
	}
	res.Body.Close()
	if res.StatusCode == 0 {
		t.Fatal("no answer to the in-flight request")
	}
	if err := <-done; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	if !strings.Contains(out.String(), `"cut_requests":0`) {
		t.Errorf("log does not say no request was cut:\n%s", out)
	}
}

// A request outliving the budget is cut, counted in the log, and Serve
// reports it (so the exit status is not 0).
func TestShutdownCutsAfterBudget(t *testing.T) {
	a, cancel, done, out := serveInBackground(t, func(a *App) {
		a.cfg.ShutdownTimeout, a.cfg.Shutdown = "100ms", 100*time.Millisecond
	})
	startSlowRequest(t, a)
	waitInFlight(t, a, 1)
	cancel()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "1 requests") {
			t.Fatalf("Serve = %v, want an error counting 1 cut request", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after its budget")
	}
	if !strings.Contains(out.String(), `"cut_requests":1`) {
		t.Errorf("log does not count the cut request:\n%s", out)
	}
}
