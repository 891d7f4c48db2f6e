package integration_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
	"github.com/mockidp/mockidp/mockidptest"
)

// TestConcurrentStateChanges runs 10 000 ARM and Graph requests with
// valid tokens while another goroutine rewrites the directory, resets it
// and rotates keys (keeping the signing key published): every answer must
// be the one a quiet server gives. Before the fix about 6 in 1 000 ARM
// answers were a spurious 401 or an empty subscription list.
func TestConcurrentStateChanges(t *testing.T) {
	const total, workers = 10000, 8
	srv := mockidptest.NewServer(t)
	// A bound for a stuck server, not a speed target: under -race on a
	// busy 2-core machine 10 000 requests take well over testContext's 30 s.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	armToken := daemonToken(t, srv, "https://management.azure.com/.default")
	graphToken := daemonToken(t, srv, "https://graph.microsoft.com/.default")
	client := srv.ProxyClient()

	stop := make(chan struct{})
	var writes atomic.Int64
	var writer sync.WaitGroup
	writer.Add(1)
	go func() {
		defer writer.Done()
		churnState(t, srv, stop, &writes)
	}()

	calls := []struct{ url, token string }{
		{"https://management.azure.com/subscriptions?api-version=2022-12-01", armToken},
		{"https://management.azure.com/subscriptions/" + idp.DefaultSubscriptionID + "?api-version=2022-12-01", armToken},
		{"https://graph.microsoft.com/v1.0/users", graphToken},
	}
	var next, bad atomic.Int64
	var firstBad atomic.Value
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1); i <= total; i = next.Add(1) {
				call := calls[i%int64(len(calls))]
				if err := expectAnswer(ctx, client, call.url, call.token); err != nil {
					if bad.Add(1) == 1 {
						firstBad.Store(err.Error())
					}
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	writer.Wait()
	if n := bad.Load(); n > 0 {
		t.Fatalf("%d of %d answers unexpected (first: %v) during %d state changes", n, total, firstBad.Load(), writes.Load())
	}
	if writes.Load() == 0 {
		t.Fatal("no state change ran during the requests")
	}
	t.Logf("%d requests, %d state changes, 0 unexpected answers", total, writes.Load())
}

func daemonToken(t *testing.T, srv *mockidptest.Server, scope string) string {
	t.Helper()
	res, err := daemonApp(t, srv).AcquireTokenByCredential(testContext(t), []string{scope})
	if err != nil {
		t.Fatal(err)
	}
	return res.AccessToken
}

// churnState rewrites the directory (same contents, new snapshot), puts
// the seed, resets, and rotates the public cloud between two keys with
// overlap, so the key that signed the test's tokens stays published.
func churnState(t *testing.T, srv *mockidptest.Server, stop <-chan struct{}, n *atomic.Int64) {
	seed := srv.IDP.Seed()
	original, _ := srv.IDP.Keys().Signer("public")
	rotated, err := idp.ParseSigningKeyPEM(fixtures.SigningPEM("rotated"))
	if err != nil {
		t.Error(err)
		return
	}
	steps := []func() error{
		func() error { return srv.IDP.Update(func(*idp.Seed) error { return nil }) },
		func() error { return srv.IDP.SetInitialSeed(seed) },
		func() error { return srv.IDP.State.RotateKeys("public", rotated, true) },
		func() error { return srv.IDP.State.RotateKeys("public", original, true) },
		srv.IDP.Reset,
		func() error { return srv.IDP.Load(seed) },
	}
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		default:
		}
		if err := steps[i%len(steps)](); err != nil {
			t.Errorf("state change %d: %v", i%len(steps), err)
			return
		}
		n.Add(1)
	}
}

// expectAnswer: 200 with at least one item where the answer is a list.
func expectAnswer(ctx context.Context, client *http.Client, url, token string) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %d %s", url, res.StatusCode, b)
	}
	var body struct {
		Value *[]json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(b, &body); err != nil {
		return fmt.Errorf("%s: %v", url, err)
	}
	if body.Value != nil && len(*body.Value) == 0 {
		return fmt.Errorf("%s: empty list", url)
	}
	return nil
}
