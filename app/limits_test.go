package app

import (
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// A body sent a byte at a time cannot hold a connection past the body
// read timeout.
func TestSlowBodyIsCut(t *testing.T) {
	old := bodyReadTimeout
	bodyReadTimeout = 300 * time.Millisecond
	t.Cleanup(func() { bodyReadTimeout = old })
	a, cancel, done, _ := serveInBackground(t, nil)
	t.Cleanup(func() { cancel(); <-done })
	conn, err := tls.Dial("tcp", a.Addr("public"), &tls.Config{RootCAs: a.ca.Pool(), ServerName: "localhost"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /common/oauth2/v2.0/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\na")
	start := time.Now()
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, _ = io.Copy(io.Discard, conn) // returns when the server closes the connection
	if waited := time.Since(start); waited > 5*time.Second {
		t.Fatalf("the slow request held its connection for %s", waited)
	}
}

// A listener serves at most max_connections at once; the next waits
// until one closes.
func TestConnectionLimit(t *testing.T) {
	a, cancel, done, _ := serveInBackground(t, func(a *App) { a.cfg.ConnLimit = 2 })
	t.Cleanup(func() { cancel(); <-done })
	addr := a.Addr("imds")
	var idle []net.Conn
	for range 2 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		idle = append(idle, c)
	}
	client := &http.Client{Timeout: 300 * time.Millisecond, Transport: &http.Transport{DisableKeepAlives: true}}
	if res, err := client.Get("http://" + addr + "/metadata/instance?api-version=2021-02-01"); err == nil {
		res.Body.Close()
		t.Fatal("a third connection was served while two were open")
	}
	idle[0].Close()
	client.Timeout = 5 * time.Second
	res, err := client.Get("http://" + addr + "/metadata/instance?api-version=2021-02-01")
	if err != nil {
		t.Fatalf("after one connection closed: %v", err)
	}
	res.Body.Close()
	idle[1].Close()
}
