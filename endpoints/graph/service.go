package graph

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
)

// serviceDocument is Graph's OData service document at GET /v1.0/: the
// entity sets and singletons this resource serves.
func (h *Handler) serviceDocument(c echo.Context) error {
	base := "https://" + cloudOf(c).GraphHost + "/v1.0/"
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

// unknownSegment is Graph's answer to a path it has no resource for: 400
// BadRequest naming the first segment it could not resolve.
func unknownSegment(c echo.Context) error {
	rest := strings.TrimPrefix(c.Request().URL.Path, "/v1.0")
	seg, _, _ := strings.Cut(strings.TrimPrefix(rest, "/"), "/")
	return &graphError{status: http.StatusBadRequest, code: "BadRequest", cloud: cloudOf(c),
		message: "Resource not found for the segment '" + seg + "'."}
}
