package endpoints

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/scenarios"
)

// applyScenarios runs after routing: it describes the request to the
// scenario engine and carries out the action of the scenario that fires.
// With no scenarios it costs one atomic load. Managed-identity routes are
// left to applyMIScenarios, in their own route middleware.
func (s *Server) applyScenarios(next echo.HandlerFunc) echo.HandlerFunc {
	return s.scenarioHandler(next, false)
}

// scenarioHandler applies scenarios to the managed-identity routes (mi)
// or to all others.
func (s *Server) scenarioHandler(next echo.HandlerFunc, mi bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.scenarios.Empty() || strings.HasPrefix(c.Request().URL.Path, ControlPrefix) ||
			(miSource(c.Path()) != "") != mi {
			return next(c)
		}
		req := s.scenarioRequest(c)
		fired, ok := s.scenarios.Pick(req)
		if !ok {
			return next(c)
		}
		// The journal and log name the request even when the handler
		// never runs.
		for k, v := range map[string]string{ctxScenario: fired.ScenarioID, ctxClient: req.ClientID, ctxUser: req.User,
			ctxGrant: req.GrantType, ctxScope: req.Scope} {
			c.Set(k, v)
		}
		if len(req.Tenants) > 0 {
			c.Set(ctxTenant, req.Tenants[0])
		}
		if err := delay(c, time.Duration(fired.Delay)); err != nil {
			return err
		}
		return s.act(c, next, fired)
	}
}

func (s *Server) act(c echo.Context, next echo.HandlerFunc, f scenarios.Fired) error {
	a := f.Action
	src := miSource(c.Path())
	switch {
	case a.Error != nil && src != "":
		return s.miScenarioError(src, scenarioError(a.Error))
	case a.Error != nil && isARMHost(c):
		return armScenarioFail(c, armScenarioError(a.Error))
	case a.Error != nil:
		return scenarioError(a.Error)
	case a.Status != 0 && src != "":
		return s.miStatusError(src, a.Status, a.RetryAfter)
	case a.Status != 0:
		if a.RetryAfter > 0 {
			c.Response().Header().Set("Retry-After", strconv.Itoa(a.RetryAfter))
		}
		return statusError(c, a.Status)
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
		return c.Request().Context().Err()
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

// scenarioError builds the Entra error a scenario asks for; fields left
// empty come from the catalogue entry of the AADSTS number.
func scenarioError(ea *scenarios.ErrorAction) *idp.Error {
	e := &idp.Error{AADSTS: ea.AADSTS, Code: "invalid_request", Status: scenarios.DefaultStatus,
		Message: "The request was refused by a mockidp scenario."}
	if d, ok := idp.Lookup(ea.AADSTS); ok {
		e.Code, e.Status, e.Suberror = d.Code, d.Status, d.Suberror
		e.Message = strings.NewReplacer("%s", "…", "%v", "…").Replace(d.Format)
	}
	for _, f := range []struct {
		dst *string
		v   string
	}{{&e.Code, ea.Code}, {&e.Message, ea.Message}, {&e.Suberror, ea.Suberror}, {&e.Claims, ea.Claims}} {
		if f.v != "" {
			*f.dst = f.v
		}
	}
	if ea.Status != 0 {
		e.Status = ea.Status
	}
	return e
}

// statusError is an HTTP error status in the shape of the endpoint:
// ARM's for Resource Manager, Entra's otherwise (managed-identity sources
// are answered by miStatusError before this).
func statusError(c echo.Context, status int) error {
	if endpointOf(c) == scenarios.EndpointARM {
		return armScenarioFail(c, armStatusError(status))
	}
	var e *idp.Error
	switch {
	case status == http.StatusTooManyRequests:
		e = idp.ErrThrottled.New()
	case status == http.StatusServiceUnavailable:
		e = idp.ErrTransient.New()
	case status >= 500:
		e = idp.ErrServer.New()
	default:
		e = idp.ErrMalformedRequest.New()
	}
	e.Status = status
	return e
}

// scenarioRequest describes the request for matching. Form bodies are
// read (bounded) and put back for the handler.
func (s *Server) scenarioRequest(c echo.Context) scenarios.Request {
	if isARMHost(c) {
		return armScenarioRequest(c)
	}
	r := c.Request()
	st := site(c)
	req := scenarios.Request{Cloud: st.Cloud.Name, Endpoint: endpointKind(c.Path()), Path: r.URL.Path}
	if seg := c.Param("tenant"); seg != "" {
		if u, err := url.PathUnescape(seg); err == nil {
			seg = u
		}
		req.Tenants = []string{seg}
		if ref, err := s.idp.ResolveTenant(st, seg); err == nil && ref.TenantID() != "" {
			req.Tenants = append(req.Tenants, ref.TenantID())
		}
	}
	q := r.URL.Query()
	form := peekForm(r)
	get := func(k string) string {
		if v := form.Get(k); v != "" {
			return v
		}
		return q.Get(k)
	}
	req.ClientID, req.GrantType, req.User = get("client_id"), get("grant_type"), get("username")
	if id, _, ok := basicAuth(r); ok && req.ClientID == "" {
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

// peekForm parses a form body and restores it, so the handler reads the
// same bytes.
func peekForm(r *http.Request) url.Values {
	if r.Body == nil || r.Method != http.MethodPost {
		return nil
	}
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "application/x-www-form-urlencoded" {
		return nil
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, maxFormBytes+1))
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(b), r.Body), r.Body}
	if err != nil || len(b) > maxFormBytes {
		return nil
	}
	v, _ := url.ParseQuery(string(b))
	return v
}

// endpointKind names the endpoint of a route pattern. Managed-identity
// routes come first: several end in /oauth2/token like Entra's.
func endpointKind(route string) string {
	switch src := miSource(route); {
	case src == miIMDS:
		return scenarios.EndpointIMDS
	case src != "":
		return scenarios.EndpointIdentity
	case strings.HasSuffix(route, "/token") && strings.Contains(route, "/oauth2/"):
		return scenarios.EndpointToken
	case strings.Contains(route, "devicecode"):
		return scenarios.EndpointDeviceCode
	case strings.Contains(route, "/authorize"):
		return scenarios.EndpointAuthorize
	case strings.HasSuffix(route, "openid-configuration"):
		return scenarios.EndpointDiscovery
	case strings.HasSuffix(route, "/keys"):
		return scenarios.EndpointKeys
	case strings.HasPrefix(route, "/common/discovery/instance"):
		return scenarios.EndpointInstance
	case strings.HasPrefix(strings.ToLower(route), strings.ToLower(userRealmPrefix)):
		return scenarios.EndpointUserRealm
	case strings.HasPrefix(route, graphPrefix):
		return scenarios.EndpointGraph
	}
	return scenarios.EndpointOther
}
