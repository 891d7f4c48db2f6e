package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// ControlPrefix is the reserved path prefix of mockidp's own endpoints.
const ControlPrefix = "/_mockidp"

// StylesheetPath is where the sign-in pages' one stylesheet is served;
// the web console's pages link it too.
const StylesheetPath = ControlPrefix + "/static/signin.css"

// Keys of request-scoped values on echo.Context.
const (
	ctxRequest = "mockidp.request"
	ctxArea    = "mockidp.area"
)

// Notes are what the request log and the journal say about a request.
// Handlers fill them in as they learn who is asking for what.
type Notes struct {
	Tenant, Client, User, Grant, Scope, Scenario string
	// AADSTS is the Entra error code of the answer, if any.
	AADSTS int
}

// request is the state Begin attaches to every request.
type request struct {
	site        idp.Site
	trace, corr string
	notes       Notes
}

// Header names on the per-request path are written canonically: a
// lower-case name costs an allocation on every Get and Set.
const headerClientRequestID = "Client-Request-Id"

type cloudKey struct{}

// WithCloud makes c the cloud of requests not addressed to a Microsoft
// login host: the cloud of the listener they arrived on.
func WithCloud(h http.Handler, c *clouds.Cloud) http.Handler {
	if c == nil || c == clouds.Public {
		// What siteOf assumes without a cloud: no per-request copy of
		// the request for the public listener.
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), cloudKey{}, c)))
	})
}

// begin resolves the site (cloud and public base URL) and the trace and
// correlation IDs before routing.
func (s *Stack) begin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		rq := &request{site: s.siteOf(r), trace: idp.NewGUID(s.cfg.IDP.Rand()),
			corr: r.Header.Get(headerClientRequestID)}
		if rq.corr == "" {
			rq.corr = idp.NewGUID(s.cfg.IDP.Rand())
		}
		c.Set(ctxRequest, rq)
		return next(c)
	}
}

func (s *Stack) siteOf(r *http.Request) idp.Site {
	cloud, ok := clouds.ByLoginHost(r.Host)
	if !ok {
		cloud, _ = r.Context().Value(cloudKey{}).(*clouds.Cloud)
		if cloud == nil {
			cloud = clouds.Public
		}
	}
	if s.publicURL != "" {
		return idp.NewSite(cloud, s.publicURL)
	}
	scheme := "https"
	if r.TLS == nil {
		scheme = "http"
	}
	return idp.NewSite(cloud, scheme+"://"+r.Host)
}

func req(c echo.Context) *request {
	if r, ok := c.Get(ctxRequest).(*request); ok {
		return r
	}
	return &request{} // a context Begin never saw (a bare handler test)
}

// Site is the cloud and public base URL of the request.
func Site(c echo.Context) idp.Site { return req(c).site }

// Trace is the request's trace ID (x-ms-request-id, trace_id).
func Trace(c echo.Context) string { return req(c).trace }

// Correlation is the request's correlation ID: the client's
// client-request-id, or one made up.
func Correlation(c echo.Context) string { return req(c).corr }

// Note is the request's notes, for handlers to fill in.
func Note(c echo.Context) *Notes { return &req(c).notes }

// TraceHeaders sets the headers Microsoft's front ends put on every
// answer: the request ID, the client's correlation ID echoed back
// (unless it asked not to), nosniff and HSTS.
func TraceHeaders(c echo.Context) {
	h := c.Response().Header()
	h.Set("X-Ms-Request-Id", Trace(c))
	if id := c.Request().Header.Get(headerClientRequestID); id != "" &&
		!strings.EqualFold(c.Request().Header.Get("Return-Client-Request-Id"), "false") {
		h.Set(headerClientRequestID, id)
	}
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
}
