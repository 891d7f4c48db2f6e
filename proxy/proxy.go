package proxy

import (
	"crypto/tls"
	"log/slog"
	"net/http"
	"sync"
)

// Proxy answers HTTP CONNECT for emulated hosts by terminating TLS with
// TLSConfig and serving Handler on the tunnel, answers absolute-form
// plain-HTTP proxy requests (GET http://host/path) for hosts in PlainHosts
// by calling PlainHandler, and refuses everything else with a clear
// message; it never dials out.
//
// Set the fields before the first request and don't change them after;
// a Proxy must not be copied after first use.
type Proxy struct {
	// Handler serves the emulated HTTPS hosts. It gets the Host header the
	// client sent and r.TLS set.
	Handler http.Handler
	// TLSConfig holds the server certificate covering the emulated hosts.
	// The proxy uses a clone limited to HTTP/1.1.
	TLSConfig *tls.Config
	// Emulated reports whether Handler serves host (lower case, without
	// port) over CONNECT. Any port is accepted. Nil emulates nothing.
	Emulated func(host string) bool
	// PlainHandler serves plain-HTTP proxy requests for PlainHosts, e.g.
	// the IMDS address 169.254.169.254. May be nil.
	PlainHandler http.Handler
	// PlainHosts reports whether PlainHandler serves host (lower case,
	// without port). May be nil.
	PlainHosts func(host string) bool
	// Log receives one line per tunnel and per refusal; nil means
	// slog.Default().
	Log *slog.Logger

	mu      sync.Mutex
	closed  bool
	inner   *http.Server
	ln      *tunnelListener
	tlsConf *tls.Config
	tunnels map[*tunnelConn]struct{}
}

var _ http.Handler = (*Proxy)(nil)

// ServeHTTP dispatches on the request form: CONNECT, absolute-form or
// origin-form.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodConnect:
		p.serveConnect(w, r)
	case r.URL.Scheme != "" && r.URL.Host != "":
		p.servePlain(w, r)
	default:
		p.serveNotProxy(w, r)
	}
}

// Close ends the tunnels still open and stops the tunnel server. Later
// CONNECTs are answered 503. Close is idempotent.
func (p *Proxy) Close() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed = true
	conns := make([]*tunnelConn, 0, len(p.tunnels))
	for c := range p.tunnels {
		conns = append(conns, c)
	}
	inner, ln := p.inner, p.ln
	p.mu.Unlock()

	// Close the raw connections first: the tunnel server's Close would
	// otherwise try to send each client a TLS close_notify and could wait
	// on a client that stopped reading.
	for _, c := range conns {
		c.Close()
	}
	if inner == nil {
		return nil
	}
	err := inner.Close()
	ln.Close() // in case Serve had not started when inner.Close ran
	return err
}

func (p *Proxy) log() *slog.Logger {
	if p.Log != nil {
		return p.Log
	}
	return slog.Default()
}

func (p *Proxy) isClosed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.closed
}
