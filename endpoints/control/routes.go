package control

import (
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
)

// methods are the methods a control path can be asked with.
var methods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
	http.MethodDelete, http.MethodOptions}

// routeSet adds routes and remembers each path's methods, so every other
// method gets the control API's 405 in its own shape (the router's own
// 405 would run outside the area).
type routeSet struct {
	r     *web.Routes
	paths []string
	taken map[string][]string
}

func (rs *routeSet) add(method, path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	if rs.taken == nil {
		rs.taken = map[string][]string{}
	}
	if _, ok := rs.taken[path]; !ok {
		rs.paths = append(rs.paths, path)
	}
	rs.taken[path] = append(rs.taken[path], method)
	rs.r.Add(method, path, h, m...)
}

// closeMethods answers every method not added with 405.
func (rs *routeSet) closeMethods() {
	for _, path := range rs.paths {
		for _, m := range methods {
			if !slices.Contains(rs.taken[path], m) {
				rs.r.Add(m, path, methodNotAllowed)
			}
		}
	}
}
