package web

import (
	"net/http"
	"reflect"
	"runtime"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/scenarios"
)

// Area is a group of routes as the route table mounts them.
type Area struct {
	// Kind is the endpoint kind (scenarios.Endpoint…) the journal records
	// and scenarios match on.
	Kind string
	// Errors writes the area's failures in its wire shape.
	Errors Shape
	// Before makes an answer look like it came from the service the area
	// stands in for (its headers) and applies the service's request
	// guards. It runs before the scenario adapter, so scenario answers
	// look the same and a guarded-off probe does not use up a scenario.
	Before []echo.MiddlewareFunc
	// Describe tells the scenario engine what a request is; nil means the
	// Entra description (tenant segment, form and query parameters).
	Describe func(c echo.Context) scenarios.Request
	// Internal marks mockidp's own endpoints: not journaled, never failed
	// by a scenario.
	Internal bool
}

// Shape writes an area's failures in its wire shape.
type Shape interface {
	// Error writes err, which is not a RenderableError: a domain error,
	// a router error (404) or an internal failure.
	Error(c echo.Context, err error) error
	// ScenarioError is the failure a scenario's error action asks for.
	ScenarioError(c echo.Context, ea *scenarios.ErrorAction) error
	// ScenarioStatus is a scenario's bare HTTP status (429 with
	// Retry-After, 503, …).
	ScenarioStatus(c echo.Context, status, retryAfter int) error
}

// RenderableError is an error that writes its own body: IMDS, ARM,
// Graph and the control API answer in their own shapes.
type RenderableError interface {
	error
	Render(c echo.Context) error
}

// AreaOf is the area the request was routed to: the one its route was
// mounted in.
func (s *Stack) AreaOf(c echo.Context) *Area {
	if a, ok := c.Get(ctxArea).(*Area); ok {
		return a
	}
	return &s.cfg.Fallback
}

// KindOf is the endpoint kind of the area the request was routed to.
func KindOf(c echo.Context) string {
	if a, ok := c.Get(ctxArea).(*Area); ok {
		return a.Kind
	}
	return scenarios.EndpointOther
}

// Router is what routes are added to: *echo.Echo or *echo.Group.
type Router interface {
	Add(method, path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) *echo.Route
}

// Routes adds routes of one area to a router.
type Routes struct {
	r      Router
	prefix string
	mw     []echo.MiddlewareFunc
}

// Under is the same area's routes below a path prefix.
func (rs *Routes) Under(prefix string) *Routes {
	return &Routes{r: rs.r, prefix: rs.prefix + prefix, mw: rs.mw}
}

// Mount starts an area's routes on r: every route added through the
// result carries the area.
func (s *Stack) Mount(r Router, a Area) *Routes {
	tag := func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Set(ctxArea, &a)
			return next(c)
		}
	}
	mw := append([]echo.MiddlewareFunc{tag}, a.Before...)
	if !a.Internal {
		mw = append(mw, s.scenarios(&a))
	}
	return &Routes{r: r, mw: mw}
}

// Add adds a route of the area with route middleware m. The chain is
// built once here: echo would wrap a route's middleware around its
// handler again on every request. (The middleware only makes closures
// when wrapping; its work happens per request.)
func (rs *Routes) Add(method, path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	name := runtime.FuncForPC(reflect.ValueOf(h).Pointer()).Name()
	mw := append(append([]echo.MiddlewareFunc{}, rs.mw...), m...)
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	// The route keeps the name of the handler, as echo names it.
	rs.r.Add(method, rs.prefix+path, h).Name = name
}

// GET adds a GET route.
func (rs *Routes) GET(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	rs.Add(http.MethodGet, path, h, m...)
}

// POST adds a POST route.
func (rs *Routes) POST(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	rs.Add(http.MethodPost, path, h, m...)
}

// PUT adds a PUT route.
func (rs *Routes) PUT(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	rs.Add(http.MethodPut, path, h, m...)
}

// DELETE adds a DELETE route.
func (rs *Routes) DELETE(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	rs.Add(http.MethodDelete, path, h, m...)
}

// HEAD adds a HEAD route.
func (rs *Routes) HEAD(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	rs.Add(http.MethodHead, path, h, m...)
}

// OPTIONS adds an OPTIONS route.
func (rs *Routes) OPTIONS(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	rs.Add(http.MethodOptions, path, h, m...)
}

// Match adds a route for each of methods.
func (rs *Routes) Match(methods []string, path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	for _, method := range methods {
		rs.Add(method, path, h, m...)
	}
}

// NotFound answers every path under path that no other route takes, with
// any method, in the area's shape.
func (rs *Routes) NotFound(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	rs.Add(echo.RouteNotFound, path, h, m...)
}
