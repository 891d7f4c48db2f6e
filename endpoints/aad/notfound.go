package aad

import (
	"html/template"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
)

var notFoundPage = template.Must(template.New("404").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in to your account</title><link rel="icon" href="data:,">
<style>body{font-family:"Segoe UI",Arial,sans-serif;background:#f2f2f2;margin:0}
main{max-width:440px;margin:10vh auto;background:#fff;padding:44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:24px;font-weight:600;margin:0 0 16px}p{font-size:15px;color:#1b1b1b}</style></head>
<body><main><h1>We couldn't find that page</h1>
<p>The address {{.}} is not an endpoint of the Microsoft identity platform that mockidp emulates.</p>
<p>HTTP 404</p></main></body></html>`))

func writeNotFound(c echo.Context) error {
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	c.Response().WriteHeader(http.StatusNotFound)
	return notFoundPage.Execute(c.Response(), c.Request().URL.Path)
}

// Headers sets the headers Entra's login hosts put on every answer.
func Headers(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		web.TraceHeaders(c)
		c.Response().Header().Set("X-Ms-Ests-Server", "2.1.0 - mockidp") // canonical: no allocation
		return next(c)
	}
}
