package endpoints

import (
	"context"
	"crypto/subtle"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/control"
)

// ControlAccess decides who may use the control API besides loopback
// clients, which always may (README.md "Security").
type ControlAccess struct {
	// Token, when set, admits any client that sends it as a bearer token
	// (--control-token, MOCKIDP_CONTROL_TOKEN).
	Token string
	// AllowRemote admits every client without a token
	// (--control-allow-remote): for trusted, isolated networks only.
	AllowRemote bool
}

// controlHelp tells a refused client how to get in.
const controlHelp = "the control API answers loopback clients only; start mockidp with --control-token <secret> " +
	"(or MOCKIDP_CONTROL_TOKEN) and send \"Authorization: Bearer <secret>\", or allow every client with " +
	"--control-allow-remote (MOCKIDP_CONTROL_ALLOW_REMOTE=true) on an isolated network"

// plainListenerKey marks requests that arrived over plain HTTP (the
// managed-identity listener, the proxy's absolute-form requests): the
// control API does not exist there.
type plainListenerKey struct{}

func onPlainListener(ctx context.Context) bool {
	v, _ := ctx.Value(plainListenerKey{}).(bool)
	return v
}

// guardControl is the one gate in front of every control-API route:
// absent on plain HTTP, strangers need the token, and a state change
// must be JSON from no browser page of another origin.
func (s *Server) guardControl(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if onPlainListener(r.Context()) {
			return echo.ErrNotFound
		}
		if !s.controlAllowed(r) {
			return control.Fail(http.StatusForbidden, controlapi.ErrForbidden, controlHelp)
		}
		if isSafeMethod(r.Method) {
			return next(c)
		}
		if foreignOrigin(r) {
			return control.Fail(http.StatusForbidden, controlapi.ErrCrossOrigin,
				"state-changing control requests are refused from another origin ("+clip(r.Header.Get("Origin"), 200)+")")
		}
		if !jsonOrEmpty(r) {
			return control.Fail(http.StatusUnsupportedMediaType, controlapi.ErrUnsupportedMediaType,
				"send the body as Content-Type: application/json")
		}
		return next(c)
	}
}

// controlAllowed: loopback, the token (as a bearer token, or the web
// console's cookie), or the explicit opt-in. The peer address is the
// connection's, never a forwarding header.
func (s *Server) controlAllowed(r *http.Request) bool {
	if isLoopbackPeer(r.RemoteAddr) || s.access.AllowRemote {
		return true
	}
	if s.access.Token == "" {
		return false
	}
	got, ok := strings.CutPrefix(r.Header.Get(echo.HeaderAuthorization), "Bearer ")
	if !ok {
		got = cookieToken(r) // the web console's sign-in (control_signin.go)
	}
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(s.access.Token)) == 1
}

func isLoopbackPeer(remote string) bool {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func isSafeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// foreignOrigin: a browser names the page's origin; anything but this
// server's own (scheme aside, as TLS is terminated here) is a cross-site
// request, "null" included. Non-browser clients send no Origin.
func foreignOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return r.Header.Get("Sec-Fetch-Site") == "cross-site"
	}
	u, err := url.Parse(o)
	return err != nil || u.Host == "" || !strings.EqualFold(u.Host, r.Host)
}

// jsonOrEmpty: a body must be declared JSON, which a page cannot send
// cross-site without a preflight; a bodiless request may omit the type.
func jsonOrEmpty(r *http.Request) bool {
	ct := r.Header.Get(echo.HeaderContentType)
	if ct == "" {
		return r.ContentLength == 0
	}
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && mt == "application/json"
}

// clip bounds a client-supplied string before it is echoed or logged.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
