package proxy

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mockidp/mockidp/ca"
)

// testEnv is a Proxy served on loopback with handlers that echo what they
// received, so tests can assert on what the proxy passed through.
type testEnv struct {
	proxy    *Proxy
	srv      *httptest.Server
	url      *url.URL
	ca       *ca.Authority
	logs     *syncBuffer
	connects atomic.Int32
}

func newTestEnv(t *testing.T, mutate func(*Proxy)) *testEnv {
	t.Helper()
	now := time.Now()
	auth, err := ca.LoadOrCreate("", now)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := auth.ServerCertificate([]string{"login.microsoftonline.com", "login.windows.net"}, now)
	if err != nil {
		t.Fatal(err)
	}
	e := &testEnv{ca: auth, logs: &syncBuffer{}}
	e.proxy = &Proxy{
		Handler:   echo("tunnel"),
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{leaf}},
		Emulated: func(h string) bool {
			return h == "login.microsoftonline.com" || h == "login.windows.net"
		},
		PlainHandler: echo("plain"),
		PlainHosts:   func(h string) bool { return h == "169.254.169.254" },
		Log:          slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	if mutate != nil {
		mutate(e.proxy)
	}
	e.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodConnect {
			e.connects.Add(1)
		}
		e.proxy.ServeHTTP(w, r)
	}))
	e.srv.Config.ReadHeaderTimeout = 5 * time.Second
	e.srv.Start()
	t.Cleanup(func() {
		e.proxy.Close()
		e.srv.Close()
	})
	e.url, err = url.Parse(e.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// echo answers with what a handler can observe about the request.
func echo(name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "%s host=%s uri=%s abs=%v tls=%v metadata=%s remote=%s",
			name, r.Host, r.RequestURI, r.URL.IsAbs(), r.TLS != nil, r.Header.Get("Metadata"), r.RemoteAddr)
	})
}

// client returns an HTTP client that uses the proxy for every URL and
// trusts only the test CA (or nothing extra when trust is false).
func (e *testEnv) client(t *testing.T, trust bool) *http.Client {
	tr := &http.Transport{Proxy: http.ProxyURL(e.url), TLSClientConfig: &tls.Config{}}
	if trust {
		tr.TLSClientConfig.RootCAs = e.ca.Pool()
	}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

// rawConnect sends request (a CONNECT written by hand) on a new connection
// and returns the connection and the proxy's response.
func (e *testEnv) rawConnect(t *testing.T, request string) (net.Conn, *bufio.Reader, *http.Response) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", e.url.Host, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := conn.Write([]byte(request)); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, &http.Request{Method: http.MethodConnect})
	if err != nil {
		t.Fatal(err)
	}
	return conn, br, resp
}

// syncBuffer is a log sink safe for the proxy's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
