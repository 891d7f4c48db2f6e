// Package proxy is mockidp's HTTP forward proxy. It lets clients that can't
// be pointed at another authority host (SDKs with login.microsoftonline.com
// baked in, the IMDS address 169.254.169.254) reach mockidp unchanged: set
// HTTPS_PROXY (and HTTP_PROXY for IMDS) to the proxy and trust mockidp's CA.
//
// The proxy never dials out. Every request either is served by mockidp
// itself or is refused with a text/plain message that says why:
//
//	CONNECT host:port
//	  Emulated(host)  -> 200, TLS terminated with TLSConfig, Handler serves
//	                     the tunnel (HTTP/1.1, keep-alive)
//	  otherwise       -> 403 "refusing CONNECT to host:port ..."
//	GET http://host/path?q   (absolute form, plain HTTP)
//	  PlainHosts(host) -> PlainHandler sees GET /path?q with Host: host
//	  otherwise        -> 403 "refusing plain HTTP ..."
//	GET /path   (origin form: someone used the proxy port as a server)
//	                  -> 400 "this port is an HTTP proxy; set HTTPS_PROXY=..."
//
// Requests inside a tunnel reach Handler with the Host header the client
// sent, r.TLS set, and r.RemoteAddr of the client's connection to the proxy,
// so Handler can't tell them from requests made to mockidp directly.
//
// All tunnels share one internal http.Server fed by an in-memory listener;
// the proxy also tracks the tunnels itself so Close can end them, because
// the outer server's Shutdown ignores hijacked connections.
//
// Proxy is only the handler: whoever serves it should set ReadHeaderTimeout
// on the outer http.Server. The tunnel server sets its own timeouts.
//
// CONNECT is RFC 9110 section 9.3.6; absolute-form targets are RFC 9112
// section 3.2.2.
package proxy
