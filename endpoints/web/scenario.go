package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/scenarios"
)

// scenarios is the scenario adapter of an area: it describes the request
// to the scenario engine and carries out the action of the scenario that
// fires, in the area's shape. With no scenarios it costs one atomic load.
func (s *Stack) scenarios(a *Area) echo.MiddlewareFunc {
	describe := a.Describe
	if describe == nil {
		describe = s.describe
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if s.cfg.Scenarios.Empty() {
				return next(c)
			}
			req := describe(c)
			fired, ok := s.cfg.Scenarios.Pick(req)
			if !ok {
				return next(c)
			}
			// The journal and log name the request even when the handler
			// never runs.
			n := Note(c)
			n.Scenario, n.Client, n.User, n.Grant, n.Scope = fired.ScenarioID, req.ClientID, req.User, req.GrantType, req.Scope
			if len(req.Tenants) > 0 {
				n.Tenant = req.Tenants[0]
			}
			if err := delay(c, time.Duration(fired.Delay)); err != nil {
				return err
			}
			return s.act(c, next, a, fired.Action)
		}
	}
}

func (s *Stack) act(c echo.Context, next echo.HandlerFunc, area *Area, a scenarios.Action) error {
	switch {
	case a.Error != nil:
		return area.Errors.ScenarioError(c, a.Error)
	case a.Status != 0:
		return area.Errors.ScenarioStatus(c, a.Status, a.RetryAfter)
	case a.Drop:
		drop(c)
		return nil
	case a.Body == scenarios.BodyMalformed:
		c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
		return c.String(http.StatusOK, "<html><head><title>Gateway</title></head><body>The request could not be completed.</body></html>")
	case a.Body == scenarios.BodyTruncated || a.Token != "":
		return s.rewrite(c, next, a)
	}
	return next(c)
}

// delay holds the answer back in real time: clients' timeouts run on the
// real clock, not mockidp's.
func delay(c echo.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-c.Request().Context().Done():
		// The client gave up or the server is stopping: answer nothing at
		// all. Returning would let net/http finish an empty 200, which a
		// client that is still reading takes for a token answer.
		panic(http.ErrAbortHandler)
	}
}

// drop closes the connection without answering. Where the connection
// cannot be taken over (HTTP/2, test recorders) the handler aborts, which
// net/http turns into a reset stream or a closed connection.
func drop(c echo.Context) {
	conn, _, err := http.NewResponseController(c.Response().Writer).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
	c.Response().Committed = true
}

// describe is the Entra description of a request for matching: the
// tenant segment (and the tenant it names), and client, grant, user,
// scope and identity from the form and query. Form bodies are read
// (bounded) and put back for the handler.
func (s *Stack) describe(c echo.Context) scenarios.Request {
	r := c.Request()
	st := Site(c)
	req := scenarios.Request{Cloud: st.Cloud.Name, Endpoint: KindOf(c), Path: r.URL.Path}
	if seg := c.Param("tenant"); seg != "" {
		if u, err := url.PathUnescape(seg); err == nil {
			seg = u
		}
		req.Tenants = []string{seg}
		if ref, err := s.cfg.IDP.Directory.ResolveTenant(st, seg); err == nil && ref.TenantID() != "" {
			req.Tenants = append(req.Tenants, ref.TenantID())
		}
	}
	q := r.URL.Query()
	form := PeekForm(r)
	get := func(k string) string {
		if v := form.Get(k); v != "" {
			return v
		}
		return q.Get(k)
	}
	req.ClientID, req.GrantType, req.User = get("client_id"), get("grant_type"), get("username")
	if id, _, ok := BasicAuth(r); ok && req.ClientID == "" {
		req.ClientID = id
	}
	req.Scope = strings.TrimSpace(get("scope") + " " + get("resource"))
	for _, k := range []string{"client_id", "clientid", "object_id", "msi_res_id", "mi_res_id", "principal_id"} {
		if v := q.Get(k); v != "" && req.Endpoint != scenarios.EndpointToken {
			req.Identity = v
		}
	}
	return req
}
