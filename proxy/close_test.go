package proxy

import (
	"bufio"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

func TestCloseEndsTunnel(t *testing.T) {
	e := newTestEnv(t, nil)
	const target = "login.microsoftonline.com:443"
	conn, _, resp := e.rawConnect(t, "CONNECT "+target+" HTTP/1.1\r\nHost: "+target+"\r\n\r\n")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("CONNECT status = %d", resp.StatusCode)
	}
	tc := tls.Client(conn, &tls.Config{RootCAs: e.ca.Pool(), ServerName: "login.microsoftonline.com"})
	br := bufio.NewReader(tc)
	if _, err := io.WriteString(tc, "GET /one HTTP/1.1\r\nHost: login.microsoftonline.com\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)

	// The tunnel is now idle and kept alive; Close must end it.
	if err := e.proxy.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err = br.ReadByte()
	var ne net.Error
	if err == nil || errors.As(err, &ne) && ne.Timeout() || errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("read after Close: err = %v, want the tunnel closed", err)
	}
	if err := e.proxy.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}

	_, _, resp = e.rawConnect(t, "CONNECT "+target+" HTTP/1.1\r\nHost: "+target+"\r\n\r\n")
	if body := readBody(t, resp); resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "shutting down") {
		t.Errorf("CONNECT after Close: %d %q, want 503", resp.StatusCode, body)
	}
}

func TestCloseBeforeUse(t *testing.T) {
	p := &Proxy{}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
}
