package graph

import (
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
)

// serviceDocument is Graph's OData service document at GET /{version}/:
// the entity sets and singletons this resource serves.
func (h *Handler) serviceDocument(c echo.Context) error {
	base := "https://" + cloudOf(c).GraphHost + "/" + versionOf(c) + "/"
	type entry struct {
		Name string `json:"name"`
		Kind string `json:"kind"`
		URL  string `json:"url"`
	}
	return web.WriteJSON(c, http.StatusOK, struct {
		Context string  `json:"@odata.context"`
		Value   []entry `json:"value"`
	}{base + "$metadata", []entry{
		{"applications", "EntitySet", "applications"},
		{"users", "EntitySet", "users"},
		{"me", "Singleton", "me"},
	}})
}

// versionOf is the API version of a request's path (v1.0 or beta).
func versionOf(c echo.Context) string {
	v, _, _ := strings.Cut(strings.TrimPrefix(c.Request().URL.Path, "/"), "/")
	if slices.Contains(Versions, v) {
		return v
	}
	return Versions[0]
}

// unknownSegment is Graph's answer to a path it has no resource for: 400
// BadRequest naming the first segment it could not resolve: the first
// after the version, or the one after a known entity (users/{id}/…, me/…).
func unknownSegment(c echo.Context) error {
	rest := strings.TrimPrefix(strings.TrimPrefix(c.Request().URL.Path, "/"), versionOf(c))
	segs := strings.Split(strings.TrimPrefix(rest, "/"), "/")
	seg := segs[0]
	switch {
	case seg == "users" && len(segs) > 2:
		seg = segs[2]
	case (seg == "me" || seg == "applications" || seg == "users") && len(segs) > 1:
		seg = segs[1]
	}
	return &graphError{status: http.StatusBadRequest, code: "BadRequest", cloud: cloudOf(c),
		message: "Resource not found for the segment '" + seg + "'."}
}

// invalidVersion is Graph's answer to a path outside its versions
// (GET /me, /v2.0/…, /).
func invalidVersion(c echo.Context) error {
	return &graphError{status: http.StatusBadRequest, code: "BadRequest", cloud: cloudOf(c), message: "Invalid version."}
}

// methodNotAllowed is Graph's 405 for a method a resource does not take.
func methodNotAllowed(c echo.Context) error {
	return &graphError{status: http.StatusMethodNotAllowed, code: "Request_BadRequest", cloud: cloudOf(c),
		message: "Specified HTTP method is not allowed for the request target."}
}
