package proxy

import (
	"bufio"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"strings"
	"testing"
	"time"
)

func TestConnectServesEmulatedHosts(t *testing.T) {
	tests := []struct {
		name     string
		url      string
		wantBody string
	}{
		{
			name:     "ok/instance discovery",
			url:      "https://login.microsoftonline.com/common/discovery/instance?api-version=1.1",
			wantBody: "tunnel host=login.microsoftonline.com uri=/common/discovery/instance?api-version=1.1 abs=false tls=true",
		},
		{
			name:     "ok/explicit default port",
			url:      "https://login.microsoftonline.com:443/organizations/v2.0/.well-known/openid-configuration",
			wantBody: "tunnel host=login.microsoftonline.com:443 uri=/organizations/v2.0/.well-known/openid-configuration",
		},
		{
			name:     "ok/mixed case alias",
			url:      "https://LOGIN.Windows.net/common/oauth2/token",
			wantBody: "tunnel host=LOGIN.Windows.net uri=/common/oauth2/token",
		},
		{
			name:     "ok/any port",
			url:      "https://login.microsoftonline.com:8443/x",
			wantBody: "tunnel host=login.microsoftonline.com:8443 uri=/x",
		},
	}
	e := newTestEnv(t, nil)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var local string
			trace := &httptrace.ClientTrace{GotConn: func(i httptrace.GotConnInfo) {
				local = i.Conn.LocalAddr().String()
			}}
			req, err := http.NewRequest(http.MethodGet, tc.url, nil)
			if err != nil {
				t.Fatal(err)
			}
			req = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
			resp, err := e.client(t, true).Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body := readBody(t, resp)
			if resp.StatusCode != http.StatusOK || !strings.HasPrefix(body, tc.wantBody) {
				t.Fatalf("got %d %q, want 200 %q…", resp.StatusCode, body, tc.wantBody)
			}
			// The handler must see the client's own address, not the proxy's.
			if want := "remote=" + local; !strings.HasSuffix(body, want) {
				t.Errorf("body %q, want suffix %q", body, want)
			}
		})
	}
	if logs := e.logs.String(); !strings.Contains(logs, "mockidp proxy: tunnel") {
		t.Errorf("no tunnel log line in %q", logs)
	}
}

func TestConnectKeepAlive(t *testing.T) {
	e := newTestEnv(t, nil)
	c := e.client(t, true)
	var reused []bool
	var bodies []string
	for _, path := range []string{"/common/discovery/instance", "/common/oauth2/v2.0/token"} {
		trace := &httptrace.ClientTrace{GotConn: func(i httptrace.GotConnInfo) { reused = append(reused, i.Reused) }}
		req, _ := http.NewRequest(http.MethodGet, "https://login.microsoftonline.com"+path, nil)
		resp, err := c.Do(req.WithContext(httptrace.WithClientTrace(req.Context(), trace)))
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, readBody(t, resp))
	}
	if got := e.connects.Load(); got != 1 {
		t.Errorf("%d CONNECTs, want 1 tunnel for both requests", got)
	}
	if len(reused) != 2 || reused[0] || !reused[1] {
		t.Errorf("connection reuse = %v, want [false true]", reused)
	}
	if !strings.Contains(bodies[1], "uri=/common/oauth2/v2.0/token") {
		t.Errorf("second answer %q", bodies[1])
	}
}

func TestConnectRefused(t *testing.T) {
	tests := []struct {
		name       string
		target     string
		host       string // Host header; default target
		wantStatus int
		wantBody   []string
	}{
		{
			name:       "fail/not emulated",
			target:     "example.com:443",
			wantStatus: http.StatusForbidden,
			wantBody: []string{
				"mockidp proxy: refusing CONNECT to example.com:443:",
				"login.microsoftonline.com", "never forwards to the network",
			},
		},
		{
			name:       "fail/lookalike host",
			target:     "login.microsoftonline.com.evil.example:443",
			wantStatus: http.StatusForbidden,
			wantBody:   []string{"refusing CONNECT to login.microsoftonline.com.evil.example:443"},
		},
		{
			name:       "fail/no port",
			target:     "login.microsoftonline.com",
			wantStatus: http.StatusBadRequest,
			wantBody:   []string{`bad CONNECT target "login.microsoftonline.com": want host:port`},
		},
		{
			name:       "fail/userinfo",
			target:     "user@login.microsoftonline.com:443",
			host:       "login.microsoftonline.com:443",
			wantStatus: http.StatusBadRequest,
			wantBody:   []string{"invalid host name"},
		},
		{
			name:       "fail/ipv6 without port",
			target:     "[::1]",
			wantStatus: http.StatusBadRequest,
			wantBody:   []string{`bad CONNECT target "[::1]": want host:port`},
		},
		{
			name:       "fail/port zero",
			target:     "login.microsoftonline.com:0",
			wantStatus: http.StatusBadRequest,
			wantBody:   []string{"port must be 1-65535"},
		},
	}
	e := newTestEnv(t, nil)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			host := tc.host
			if host == "" {
				host = tc.target
			}
			_, _, resp := e.rawConnect(t, "CONNECT "+tc.target+" HTTP/1.1\r\nHost: "+host+"\r\n\r\n")
			body := readBody(t, resp)
			if resp.StatusCode != tc.wantStatus {
				t.Errorf("status = %d, want %d (body %q)", resp.StatusCode, tc.wantStatus, body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
			for _, want := range tc.wantBody {
				if !strings.Contains(body, want) {
					t.Errorf("body %q lacks %q", body, want)
				}
			}
		})
	}
	if got := e.connects.Load(); got != int32(len(tests)) {
		t.Errorf("saw %d CONNECTs, want %d", got, len(tests))
	}
	if logs := e.logs.String(); strings.Count(logs, "mockidp proxy: refused") != len(tests) {
		t.Errorf("want one refusal line per case, got %q", logs)
	}
}

// TestConnectNeverDials points the proxy at a live loopback listener it
// doesn't emulate and checks that nothing ever connects to it.
func TestConnectNeverDials(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	e := newTestEnv(t, nil)
	target := ln.Addr().String()

	_, _, resp := e.rawConnect(t, "CONNECT "+target+" HTTP/1.1\r\nHost: "+target+"\r\n\r\n")
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("CONNECT status = %d, want 403", resp.StatusCode)
	}
	resp, err = e.client(t, true).Get("http://" + target + "/")
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("plain GET status = %d, want 403", resp.StatusCode)
	}

	ln.(*net.TCPListener).SetDeadline(time.Now().Add(200 * time.Millisecond))
	if c, err := ln.Accept(); err == nil {
		c.Close()
		t.Fatal("the proxy connected to the target")
	}
}

// TestConnectPipelinedClientHello sends the TLS ClientHello in the same
// write as the CONNECT, as some clients do, so it lands in the server's
// read buffer before the hijack.
func TestConnectPipelinedClientHello(t *testing.T) {
	e := newTestEnv(t, nil)
	raw, err := net.DialTimeout("tcp", e.url.Host, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetDeadline(time.Now().Add(10 * time.Second))
	conn := &pipelinedConnect{Conn: raw, prefix: "CONNECT login.microsoftonline.com:443 HTTP/1.1\r\nHost: login.microsoftonline.com:443\r\n\r\n"}
	tc := tls.Client(conn, &tls.Config{RootCAs: e.ca.Pool(), ServerName: "login.microsoftonline.com"})
	if _, err := io.WriteString(tc, "GET /common/discovery/instance HTTP/1.1\r\nHost: login.microsoftonline.com\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(tc), nil)
	if err != nil {
		t.Fatal(err)
	}
	if body := readBody(t, resp); !strings.HasPrefix(body, "tunnel host=login.microsoftonline.com uri=/common/discovery/instance") {
		t.Errorf("body %q", body)
	}
}

func TestConnectUntrustedClient(t *testing.T) {
	e := newTestEnv(t, nil)
	_, err := e.client(t, false).Get("https://login.microsoftonline.com/common/discovery/instance")
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("err = %v, want a certificate error", err)
	}
	// The proxy keeps working for clients that do trust the CA.
	resp, err := e.client(t, true).Get("https://login.microsoftonline.com/common/discovery/instance")
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
}

// pipelinedConnect prepends a CONNECT request to the first write and
// strips the proxy's 200 answer from the first read.
type pipelinedConnect struct {
	net.Conn
	prefix string
	sent   bool
	br     *bufio.Reader
}

func (c *pipelinedConnect) Write(b []byte) (int, error) {
	if c.sent {
		return c.Conn.Write(b)
	}
	c.sent = true
	if _, err := c.Conn.Write(append([]byte(c.prefix), b...)); err != nil {
		return 0, err
	}
	return len(b), nil
}

func (c *pipelinedConnect) Read(b []byte) (int, error) {
	if c.br == nil {
		c.br = bufio.NewReader(c.Conn)
		resp, err := http.ReadResponse(c.br, &http.Request{Method: http.MethodConnect})
		if err != nil {
			return 0, err
		}
		if resp.StatusCode != http.StatusOK {
			return 0, io.ErrUnexpectedEOF
		}
	}
	return c.br.Read(b)
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}
