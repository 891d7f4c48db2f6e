package mockidptest

import (
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"

	"github.com/mockidp/mockidp/clouds"
)

// Transport returns an http.RoundTripper that serves requests with
// mockidp's handler in this process: no socket, no TLS handshake, no
// proxy. Put it in an *http.Client for MSAL (WithHTTPClient) or azidentity
// (ClientOptions.Transport) and keep the real authority: requests to a
// cloud's login host (https://login.microsoftonline.com/…,
// login.microsoftonline.us, …) are answered as that cloud, with Entra's
// issuers, exactly as through the proxy; requests to one of the Server's
// own listener URLs are answered as that listener's cloud. Any other host
// is an error: like the proxy, Transport never reaches the network.
func (s *Server) Transport() http.RoundTripper { return transport{s} }

type transport struct{ s *Server }

// RoundTrip serves req with the handler of the cloud its host belongs to.
// Requests are served as if over TLS when the URL is https, so issuers and
// discovery URLs carry https like the real service.
func (t transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		defer req.Body.Close()
	}
	h, err := t.s.handlerForHost(req.URL.Host)
	if err != nil {
		return nil, err
	}
	r := req.Clone(req.Context())
	r.RequestURI = req.URL.RequestURI()
	r.Host = req.URL.Host
	if req.Host != "" {
		r.Host = req.Host
	}
	r.RemoteAddr = "127.0.0.1:1"
	if r.Body == nil {
		r.Body = http.NoBody
	}
	if req.URL.Scheme == "https" {
		host, _, err := net.SplitHostPort(r.Host)
		if err != nil {
			host = r.Host
		}
		r.TLS = &tls.ConnectionState{Version: tls.VersionTLS13, HandshakeComplete: true, ServerName: host}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	res := rec.Result()
	res.Request = req
	return res, nil
}

// handlerForHost picks the handler for a URL host: a cloud's login host
// (any port), or one of this Server's listeners.
func (s *Server) handlerForHost(hostport string) (http.Handler, error) {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = hostport, ""
	}
	if c, ok := clouds.ByLoginHost(host); ok && (port == "" || port == "443") {
		return s.handler.Handler(c), nil
	}
	for _, c := range clouds.All() {
		if ts := s.servers[c.Name]; ts != nil && sameListener(ts, host, port) {
			return s.handler.Handler(c), nil
		}
	}
	return nil, fmt.Errorf("mockidptest: Transport serves only mockidp's hosts, not %q", hostport)
}

// sameListener reports whether host:port names ts's listener, by its
// address or as localhost.
func sameListener(ts *httptest.Server, host, port string) bool {
	lh, lp, err := net.SplitHostPort(ts.Listener.Addr().String())
	if err != nil || lp != port {
		return false
	}
	return host == lh || host == "localhost"
}
