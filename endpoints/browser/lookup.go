package browser

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
)

var lookupPage = template.Must(template.New("lookup").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Error code lookup</title><link rel="icon" href="data:,">
<style>body{font-family:"Segoe UI",Arial,sans-serif;background:#f2f2f2;margin:0}
main{max-width:560px;margin:10vh auto;background:#fff;padding:44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:24px;font-weight:600}</style></head>
<body><main><h1>Error code AADSTS{{.}}</h1>
<p>This is mockidp's stand-in for the Microsoft identity platform's error lookup page.
The full description was in the error_description of the response that linked here.</p></main></body></html>`))

// ErrorLookup is the page error_uri links point at on localhost.
func (h *Handler) ErrorLookup(c echo.Context) error {
	code, err := strconv.Atoi(c.QueryParam("code"))
	if err != nil || code <= 0 {
		return echo.ErrNotFound
	}
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	c.Response().WriteHeader(http.StatusOK)
	return lookupPage.Execute(c.Response(), code)
}
