package proxy

import (
	"context"
	"crypto/tls"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
)

// Timeouts of the tunnel server. ReadHeaderTimeout also bounds the TLS
// handshake (net/http uses the smallest read/write timeout for it).
const (
	tunnelReadHeaderTimeout = 10 * time.Second
	tunnelIdleTimeout       = 2 * time.Minute
	// tunnelReadTimeout bounds reading one request, body included.
	tunnelReadTimeout = 30 * time.Second
)

// startTunnel tracks conn and hands it, wrapped in TLS, to the tunnel
// server, starting that server on first use. It reports false when the
// proxy is closed; the caller then closes conn.
func (p *Proxy) startTunnel(conn net.Conn, target, hostHeader string) bool {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return false
	}
	if p.inner == nil {
		p.startServerLocked()
	}
	if p.tunnels == nil {
		p.tunnels = make(map[*tunnelConn]struct{})
	}
	tc := &tunnelConn{Conn: conn, p: p, target: target, host: hostHeader, opened: time.Now()}
	p.tunnels[tc] = struct{}{}
	ln, conf := p.ln, p.tlsConf
	p.mu.Unlock()

	if !ln.deliver(tls.Server(tc, conf)) {
		tc.Close()
	}
	return true
}

func (p *Proxy) startServerLocked() {
	conf := p.TLSConfig.Clone()
	// HTTP/1.1 only: the tunnel server has no HTTP/2 set up, so ALPN must
	// never agree on h2.
	conf.NextProtos = []string{"http/1.1"}
	p.tlsConf = conf
	p.ln = &tunnelListener{conns: make(chan net.Conn), done: make(chan struct{})}
	p.inner = &http.Server{
		Handler:           http.HandlerFunc(p.serveTunneled),
		ReadHeaderTimeout: tunnelReadHeaderTimeout,
		ReadTimeout:       tunnelReadTimeout,
		IdleTimeout:       tunnelIdleTimeout,
		// Handshake failures land here; "unknown certificate authority"
		// is the usual sign a client doesn't trust mockidp's CA yet.
		ErrorLog:    slog.NewLogLogger(p.log().Handler(), slog.LevelWarn),
		ConnContext: withTunnel,
	}
	go p.inner.Serve(p.ln)
}

type tunnelKey struct{}

func withTunnel(ctx context.Context, c net.Conn) context.Context {
	if tc, ok := c.(*tls.Conn); ok {
		if t, ok := tc.NetConn().(*tunnelConn); ok {
			return context.WithValue(ctx, tunnelKey{}, t)
		}
	}
	return ctx
}

// serveTunneled serves one request that arrived inside a tunnel.
func (p *Proxy) serveTunneled(w http.ResponseWriter, r *http.Request) {
	// HTTP/1.0 clients may omit Host; fall back to the CONNECT target so
	// Handler can still tell which emulated host was asked for.
	if t, ok := r.Context().Value(tunnelKey{}).(*tunnelConn); ok && r.Host == "" {
		r.Host = t.host
	}
	p.Handler.ServeHTTP(w, r)
}

func (p *Proxy) untrack(c *tunnelConn) {
	p.mu.Lock()
	delete(p.tunnels, c)
	p.mu.Unlock()
	p.log().Debug("mockidp proxy: tunnel closed", "target", c.target,
		"client", c.RemoteAddr().String(), "duration", time.Since(c.opened).Round(time.Millisecond))
}

// tunnelConn is a hijacked client connection the proxy tracks until it is
// closed, by the tunnel server or by Proxy.Close.
type tunnelConn struct {
	net.Conn
	p      *Proxy
	target string // normalized CONNECT authority, host:port
	host   string // target without the default :443
	opened time.Time
	once   sync.Once
}

func (c *tunnelConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() { c.p.untrack(c) })
	return err
}

var _ net.Listener = (*tunnelListener)(nil)

// tunnelListener feeds tunnels to the tunnel server's Serve loop.
type tunnelListener struct {
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

func (l *tunnelListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *tunnelListener) deliver(c net.Conn) bool {
	select {
	case l.conns <- c:
		return true
	case <-l.done:
		return false
	}
}

func (l *tunnelListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return nil
}

func (l *tunnelListener) Addr() net.Addr { return tunnelAddr{} }

type tunnelAddr struct{}

func (tunnelAddr) Network() string { return "mockidp-tunnel" }
func (tunnelAddr) String() string  { return "mockidp-tunnel" }
