package proxy

import (
	"net"
	"net/http"
	"net/url"
)

// servePlain handles an absolute-form request, the way clients send plain
// http:// URLs through HTTP_PROXY. Only PlainHosts are served; the request
// reaches PlainHandler in origin form so it routes like a direct request.
func (p *Proxy) servePlain(w http.ResponseWriter, r *http.Request) {
	host, ok := normalizeHost(r.URL.Hostname())
	if !ok || r.URL.Scheme != "http" {
		p.refuse(w, r, http.StatusBadRequest,
			msgPrefix+"bad proxy request target "+r.URL.Redacted()+": want http://host/path")
		return
	}
	if p.PlainHandler == nil || p.PlainHosts == nil || !p.PlainHosts(host) {
		httpsOnly := p.Emulated != nil && p.Emulated(host)
		p.refuse(w, r, http.StatusForbidden, plainRefusal(r.Method, host, httpsOnly))
		return
	}
	inner := r.Clone(r.Context())
	inner.URL = &url.URL{Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery}
	if inner.URL.Path == "" {
		inner.URL.Path = "/"
	}
	inner.RequestURI = inner.URL.RequestURI()
	// Hop-by-hop headers meant for the proxy, not the origin (RFC 9110
	// section 11.7.2; Proxy-Connection is the legacy curl spelling).
	inner.Header.Del("Proxy-Authorization")
	inner.Header.Del("Proxy-Connection")
	p.log().Debug("mockidp proxy: plain request", "method", r.Method, "host", host, "client", r.RemoteAddr)
	p.PlainHandler.ServeHTTP(w, inner)
}

// serveNotProxy answers someone who used the proxy port as a web server.
func (p *Proxy) serveNotProxy(w http.ResponseWriter, r *http.Request) {
	p.refuse(w, r, http.StatusBadRequest, notProxyMessage(r.Host))
}

// normalizeHost applies parseAuthority's rules to a host without port.
func normalizeHost(h string) (string, bool) {
	host, _, err := parseAuthority(net.JoinHostPort(h, "80"))
	return host, err == nil
}
