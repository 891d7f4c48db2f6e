package console

import (
	"errors"
	"html/template"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/scenarios"
)

// Shape shows the console's failures as pages: a route's 404 or 405,
// and internal failures, whose Go error stays out of the page.
type Shape struct{}

var _ web.Shape = Shape{}

// Error writes err as a page.
func (Shape) Error(c echo.Context, err error) error {
	var he *echo.HTTPError
	if errors.As(err, &he) && he.Code < http.StatusInternalServerError {
		return errorPage(c, he.Code, http.StatusText(he.Code))
	}
	c.Logger().Error(err)
	return errorPage(c, http.StatusInternalServerError, "the console failed to draw this page; the server log says why")
}

// ScenarioError is never asked for: the console is Internal.
func (s Shape) ScenarioError(c echo.Context, ea *scenarios.ErrorAction) error {
	return errorPage(c, max(ea.Status, http.StatusBadRequest), ea.Message)
}

// ScenarioStatus is never asked for: the console is Internal.
func (s Shape) ScenarioStatus(c echo.Context, status, _ int) error {
	return errorPage(c, status, http.StatusText(status))
}

func joinStrings(sep string, list []string) string { return strings.Join(list, sep) }

// breakable escapes a path and lets it wrap after each slash, so a long
// path breaks between segments rather than inside one.
func breakable(path string) template.HTML {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		parts[i] = template.HTMLEscapeString(p)
	}
	return template.HTML(strings.Join(parts, "/<wbr>"))
}
