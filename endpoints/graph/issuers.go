package graph

import (
	"net"
	"net/url"
	"os"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
)

// issuerBaseOK is the Graph-like resource's issuer policy for one request.
// Besides the cloud's real login host (always accepted), a token may be
// rooted at mockidp's public URL, at a managed-identity issuer base, or at
// any port of a host name mockidp answers to: its TLS names (loopback,
// this machine, Options.IssuerHosts) and the host this request came to.
// It is derived from configuration, not remembered from earlier
// requests, so it costs no memory and survives a restart.
func (h *Handler) issuerBaseOK(c echo.Context) func(base string) bool {
	return func(base string) bool {
		u, err := url.Parse(base)
		if err != nil || u.Host == "" || u.Path != "" {
			return false
		}
		if h.publicURL() != "" && strings.EqualFold(base, h.publicURL()) {
			return true
		}
		if h.isMIIssuerBase(base) {
			return true
		}
		return u.Scheme == "https" && h.answersTo(u.Hostname(), c.Request().Host)
	}
}

func (h *Handler) isMIIssuerBase(base string) bool {
	if h.MIIssuerBaseURL == nil {
		return false
	}
	for _, cl := range clouds.All() {
		if b := h.MIIssuerBaseURL(cl); b != "" && strings.EqualFold(strings.TrimRight(b, "/"), base) {
			return true
		}
	}
	return false
}

// answersTo reports whether host is a name mockidp serves: loopback, this
// machine's name, a configured TLS name, or the request's own host.
func (h *Handler) answersTo(host, requestHost string) bool {
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return true
	}
	if rh, _, err := net.SplitHostPort(requestHost); err == nil {
		requestHost = rh
	}
	names := append([]string{"localhost", requestHost}, h.IssuerHosts...)
	if h, err := os.Hostname(); err == nil {
		names = append(names, h)
	}
	for _, n := range names {
		if n != "" && strings.EqualFold(strings.Trim(n, "[]"), host) {
			return true
		}
	}
	return false
}

func (h *Handler) publicURL() string { return strings.TrimRight(h.PublicURL, "/") }
