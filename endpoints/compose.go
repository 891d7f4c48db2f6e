package endpoints

import (
	"crypto/tls"
	"log/slog"
	"net/http"
	"net/url"
	"os"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/proxy"
)

// The composition root of mockidp's serving parts: the binary (package
// app) and the in-process test server (package mockidptest) both take
// their certificate names, listeners and proxy from here, so they cannot
// drift apart. Each decides only which listeners to open and how.

// TLSNames are the names mockidp's certificate covers: loopback, this
// machine, every cloud's served hosts, and the public URL's host.
func TLSNames(publicURL string) []string {
	names := []string{"localhost", "127.0.0.1", "::1"}
	if h, err := os.Hostname(); err == nil && h != "" {
		names = append(names, h)
	}
	names = append(names, clouds.ServedHosts()...)
	if u, err := url.Parse(publicURL); err == nil && u.Hostname() != "" {
		names = append(names, u.Hostname())
	}
	return names
}

// Listener is one port mockidp can serve.
type Listener struct {
	// Name is a cloud's name ("public", "usgov", …), ListenerIMDS or
	// ListenerProxy.
	Name    string
	TLS     bool
	Handler http.Handler
}

// Names of the listeners that are not a cloud's.
const (
	ListenerIMDS  = "imds"
	ListenerProxy = "proxy"
)

// Listeners are every port mockidp can serve: one TLS listener per cloud
// (the public cloud first), the plain-HTTP managed-identity listener and
// the CONNECT proxy. wrap, when not nil, wraps every handler the proxy
// does not count itself (the binary counts requests in flight).
func (s *Server) Listeners(tlsConf *tls.Config, log *slog.Logger, wrap func(http.Handler) http.Handler) []Listener {
	if wrap == nil {
		wrap = func(h http.Handler) http.Handler { return h }
	}
	var ls []Listener
	for _, c := range clouds.All() {
		ls = append(ls, Listener{Name: c.Name, TLS: true, Handler: wrap(s.Handler(c))})
	}
	ls = append(ls, Listener{Name: ListenerIMDS, Handler: wrap(s.ManagedIdentityHandler(nil))},
		Listener{Name: ListenerProxy, Handler: &proxy.Proxy{Handler: wrap(s.Handler(clouds.Public)), TLSConfig: tlsConf,
			Log: log, Emulated: clouds.ServedByProxy, PlainHandler: wrap(s.ManagedIdentityHandler(nil)),
			PlainHosts: func(host string) bool { return host == controlapi.IMDSHost }}})
	return ls
}
