package proxy

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

const (
	connectEstablished = "HTTP/1.1 200 Connection established\r\n\r\n"
	writeTimeout       = 10 * time.Second
)

// serveConnect checks the target, then hijacks the connection and hands
// it, wrapped in TLS, to the tunnel server. Every check that can fail runs
// before the hijack so the client gets a proper HTTP error.
func (p *Proxy) serveConnect(w http.ResponseWriter, r *http.Request) {
	host, port, err := parseAuthority(r.RequestURI)
	if err != nil {
		p.refuse(w, r, http.StatusBadRequest,
			fmt.Sprintf("%sbad CONNECT target %q: %v", msgPrefix, r.RequestURI, err))
		return
	}
	target := net.JoinHostPort(host, port)
	if p.Emulated == nil || !p.Emulated(host) {
		p.refuse(w, r, http.StatusForbidden, connectRefusal(target))
		return
	}
	if p.Handler == nil || p.TLSConfig == nil {
		p.refuse(w, r, http.StatusInternalServerError,
			msgPrefix+"no Handler or TLSConfig configured for emulated hosts")
		return
	}
	if p.isClosed() {
		p.refuse(w, r, http.StatusServiceUnavailable, msgPrefix+"shutting down")
		return
	}
	conn, err := hijack(w)
	if err != nil {
		p.refuse(w, r, http.StatusInternalServerError,
			msgPrefix+"cannot tunnel on this connection (CONNECT needs HTTP/1.1): "+err.Error())
		return
	}
	if err := writeEstablished(conn); err != nil {
		p.log().Warn("mockidp proxy: tunnel write failed", "target", target, "client", r.RemoteAddr, "err", err)
		conn.Close()
		return
	}
	// The Host header HTTP clients send for https omits the default port.
	if !p.startTunnel(conn, target, strings.TrimSuffix(target, ":443")) {
		conn.Close()
		return
	}
	p.log().Info("mockidp proxy: tunnel", "target", target, "client", r.RemoteAddr)
}

// hijack takes over the client connection. Bytes the server already
// buffered (a client may send its TLS ClientHello right behind the CONNECT
// without waiting for the 200) are replayed before reading on.
func hijack(w http.ResponseWriter) (net.Conn, error) {
	conn, brw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return nil, err
	}
	// The outer server's deadlines would otherwise cut the tunnel short;
	// the tunnel server sets its own.
	conn.SetDeadline(time.Time{})
	n := brw.Reader.Buffered()
	if n == 0 {
		return conn, nil
	}
	buf, _ := brw.Reader.Peek(n)
	return &prereadConn{Conn: conn, r: io.MultiReader(bytes.NewReader(bytes.Clone(buf)), conn)}, nil
}

func writeEstablished(conn net.Conn) error {
	conn.SetWriteDeadline(time.Now().Add(writeTimeout))
	if _, err := io.WriteString(conn, connectEstablished); err != nil {
		return err
	}
	return conn.SetWriteDeadline(time.Time{})
}

// prereadConn reads bytes hijacked from the server's buffer first.
type prereadConn struct {
	net.Conn
	r io.Reader
}

func (c *prereadConn) Read(b []byte) (int, error) { return c.r.Read(b) }
