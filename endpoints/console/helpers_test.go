package console_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/endpoints"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
)

var testNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// server is mockidp's handler on the default seed (changed by mutate),
// fixture keys and a frozen clock.
type server struct {
	h   http.Handler
	idp *idp.Provider
}

func newServer(t testing.TB, access endpoints.ControlAccess, mutate func(*idp.Seed)) *server {
	t.Helper()
	keys, err := idp.KeyringFromPEM(fixtures.SigningPEMs())
	if err != nil {
		t.Fatal(err)
	}
	seed := idp.DefaultSeed()
	if mutate != nil {
		mutate(&seed)
	}
	p, err := idp.New(idp.Options{Clock: idp.NewFixedClock(testNow), Keys: keys, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	srv := endpoints.NewServer(endpoints.Options{Provider: p, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Control: access})
	return &server{h: srv.Handler(nil), idp: p}
}

// loopback and stranger are the peers a request comes from.
const (
	loopback = "127.0.0.1:50000"
	stranger = "192.0.2.7:50000"
)

// do sends a request from peer and returns the recorded answer.
func (s *server) do(t testing.TB, peer, method, target string, body string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, "https://login.microsoftonline.com"+target, r)
	req.RemoteAddr = peer
	for k, v := range header {
		req.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, req)
	return w
}

func (s *server) page(t testing.TB, target string) string {
	t.Helper()
	w := s.do(t, loopback, http.MethodGet, target, "", nil)
	if w.Code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", target, w.Code, w.Body.String())
	}
	return w.Body.String()
}

// token issues an access token to the default daemon.
func (s *server) token(t testing.TB) string {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {idp.DefaultDaemonClientID},
		"client_secret": {idp.DefaultDaemonSecret}, "scope": {"https://graph.microsoft.com/.default"}}
	w := s.do(t, loopback, http.MethodPost, "/"+idp.DefaultTenantID+"/oauth2/v2.0/token", form.Encode(),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	if w.Code != http.StatusOK {
		t.Fatalf("token: %d %s", w.Code, w.Body.String())
	}
	_, rest, _ := strings.Cut(w.Body.String(), `"access_token":"`)
	tok, _, _ := strings.Cut(rest, `"`)
	return tok
}

// decode posts a token to the decoder as the page does.
func (s *server) decode(t testing.TB, token string) string {
	t.Helper()
	w := s.do(t, loopback, http.MethodPost, "/_mockidp/console/token", `{"token":"`+token+`"}`,
		map[string]string{"Content-Type": "application/json", "Origin": "https://login.microsoftonline.com"})
	if w.Code != http.StatusOK {
		t.Fatalf("decode: %d %s", w.Code, w.Body.String())
	}
	return w.Body.String()
}
