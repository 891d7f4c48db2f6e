package control

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
	"github.com/mockidp/mockidp/scenarios"
)

// testServer is the control area alone on a stack, with every error
// answer it gives checked against openapi.json when the test ends.
type testServer struct {
	*httptest.Server
	h       *Handler
	mu      sync.Mutex
	answers []answer
}

// answer is one error answer the server gave.
type answer struct {
	method, path string // path as routed: the request's path
	status       int
	body         []byte
}

func newTestServer(t *testing.T) *testServer {
	t.Helper()
	keys, err := idp.KeyringFromPEM(fixtures.SigningPEMs())
	if err != nil {
		t.Fatal(err)
	}
	p, err := idp.New(idp.Options{Keys: keys, Seed: idp.DefaultSeed(),
		Clock: idp.NewFixedClock(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))})
	if err != nil {
		t.Fatal(err)
	}
	engine := scenarios.NewEngine(p.Clock().Now)
	h := &Handler{IDP: p, Scenarios: engine, Journal: &Journal{Now: p.Clock().Now},
		NewKey: func(cloud string) (*idp.SigningKey, error) {
			k, _ := keys.Signer(cloud)
			return k, nil
		}}
	stack := web.New(web.Config{IDP: p, Log: slog.New(slog.DiscardHandler), Scenarios: engine, Fallback: h.Area(), Answered: h.Journal.Answered})
	h.MountPublic(stack.Mount(stack.Echo(), PublicArea()))
	h.Mount(stack.Mount(stack.Echo(), h.Area()))
	ts := &testServer{h: h}
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		stack.ServeHTTP(rec, r)
		if rec.Code >= 400 {
			ts.mu.Lock()
			ts.answers = append(ts.answers, answer{r.Method, r.URL.Path, rec.Code, rec.Body.Bytes()})
			ts.mu.Unlock()
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	}))
	t.Cleanup(func() {
		ts.Close()
		checkAnswers(t, ts.answers)
	})
	return ts
}

// do sends a request and returns the status and the decoded JSON body.
func (ts *testServer) do(t *testing.T, method, path, contentType, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var m map[string]any
	_ = json.NewDecoder(bytes.NewReader(b)).Decode(&m)
	return resp.StatusCode, m
}
