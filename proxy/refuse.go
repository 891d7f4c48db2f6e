package proxy

import (
	"fmt"
	"io"
	"net/http"
)

// Messages are aimed at a developer reading a client's error output, so
// each one says what was refused and what mockidp does instead.
const (
	msgPrefix    = "mockidp proxy: "
	msgNoForward = "mockidp emulates only the Microsoft login hosts " +
		"(login.microsoftonline.com and the other Entra ID login hosts) " +
		"and never forwards to the network"
)

func connectRefusal(target string) string {
	return fmt.Sprintf("%srefusing CONNECT to %s: %s", msgPrefix, target, msgNoForward)
}

func plainRefusal(method, host string, httpsOnly bool) string {
	if httpsOnly {
		return fmt.Sprintf("%srefusing plain HTTP %s to %s: mockidp emulates %s over HTTPS only "+
			"(use an https:// URL, which the client tunnels through CONNECT) and never forwards to the network",
			msgPrefix, method, host, host)
	}
	return fmt.Sprintf("%srefusing plain HTTP %s to %s: %s", msgPrefix, method, host, msgNoForward)
}

func notProxyMessage(addr string) string {
	if addr == "" {
		addr = "<this address>"
	}
	return fmt.Sprintf("%sthis port is an HTTP proxy; set HTTPS_PROXY=http://%s", msgPrefix, addr)
}

// refuse logs and writes a text/plain error. CONNECT refusals close the
// connection: a client may already have sent TLS bytes after its CONNECT,
// and those must not be parsed as a next request.
func (p *Proxy) refuse(w http.ResponseWriter, r *http.Request, status int, msg string) {
	p.log().Warn("mockidp proxy: refused",
		"method", clipLog(r.Method), "target", clipLog(r.RequestURI), "client", r.RemoteAddr, "status", status)
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	if r.Method == http.MethodConnect {
		h.Set("Connection", "close")
	}
	w.WriteHeader(status)
	io.WriteString(w, msg+"\n")
}

// maxLogged bounds a client-chosen string in a log line: a request line
// may be a megabyte long, and every refusal is logged.
const maxLogged = 256

func clipLog(s string) string {
	if len(s) <= maxLogged {
		return s
	}
	return s[:maxLogged] + fmt.Sprintf("…[%d bytes]", len(s))
}
