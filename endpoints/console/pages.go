package console

import (
	"bytes"
	"embed"
	"encoding/json"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

//go:embed templates/*.html templates/console.css templates/console.js
var files embed.FS

var pages = template.Must(template.New("console").Funcs(template.FuncMap{
	"signinCSS": func() string { return web.StylesheetPath },
	"css":       func() string { return StaticCSS },
	"js":        func() string { return StaticJS },
	"json":      toJSON,
	"when":      when,
	"join":      joinStrings,
	"breakable": breakable,
	"timeOfDay": func(t time.Time) string { return t.UTC().Format("15:04:05") },
}).ParseFS(files, "templates/*.html"))

// navPage is one tab of the console, under pagesDir.
type navPage struct{ Slug, Title string }

// navPages are the tabs after the overview (Home), in the order the bar
// shows them.
var navPages = []navPage{
	{"apps", "Applications"}, {"users", "Users"}, {"identities", "Managed identities"}, {"requests", "Requests"},
	{"token", "Token decoder"}, {"scenarios", "Scenarios"}, {"devicecodes", "Device codes"},
	{"consents", "Consents & sessions"},
}

// NavLink is a tab as the bar draws it.
type NavLink struct {
	Href, Title string
	Active      bool
}

// Frame is what every page shows around its content: title, tabs, the
// mock clock.
type Frame struct {
	Title string
	Nav   []NavLink
	Clock time.Time
	// Offset is how far the mock clock is from real time, worded; empty
	// when it follows real time.
	Offset string
}

func (h *Handler) frame(slug, title string) Frame {
	f := Frame{Title: title, Clock: h.IDP.Clock().Now().UTC()}
	f.Nav = append(f.Nav, NavLink{Href: Home, Title: "Overview", Active: slug == ""})
	for _, p := range navPages {
		f.Nav = append(f.Nav, NavLink{Href: pagesDir + "/" + p.Slug, Title: p.Title, Active: p.Slug == slug})
	}
	if d := time.Until(f.Clock).Round(time.Second); d >= 2*time.Second || d <= -2*time.Second {
		f.Offset = offsetWords(d)
	}
	return f
}

// render writes a page: the security headers every console answer
// carries, then the template.
func render(c echo.Context, status int, name string, data any) error {
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, name, data); err != nil {
		return err
	}
	secure(c)
	return c.HTMLBlob(status, buf.Bytes())
}

// secure: no caching of directory data, no framing, scripts and styles
// from mockidp only, no referrer leaking a page's query.
func secure(c echo.Context) {
	h := c.Response().Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
		"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
}

// ErrorData is the console's error page.
type ErrorData struct {
	Frame
	Status int
	Detail string
	// SignIn offers the control-token form.
	SignIn bool
}

func errorPage(c echo.Context, status int, detail string) error {
	return render(c, status, "error.html", ErrorData{Frame: Frame{Title: http.StatusText(status)}, Status: status, Detail: detail})
}

func static(contentType, name string) echo.HandlerFunc {
	body, err := files.ReadFile(name)
	if err != nil {
		panic("console: " + err.Error())
	}
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "max-age=300")
		c.Response().Header().Set("X-Content-Type-Options", "nosniff")
		return c.Blob(http.StatusOK, contentType, body)
	}
}

// landing is the page at / of the login hosts: what this is and where
// the console is.
func landing(c echo.Context) error {
	return render(c, http.StatusOK, "landing.html", Frame{Title: "mockidp"})
}

func toJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// when writes a time for people, in UTC; the zero time is a dash.
func when(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

func offsetWords(d time.Duration) string {
	if d < 0 {
		return duration(-d) + " behind real time"
	}
	return duration(d) + " ahead of real time"
}

// duration writes d to the second without empty units: 1h, 15m, 1h0m5s.
func duration(d time.Duration) string {
	s := d.Round(time.Second).String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// cloudOf is the name of a tenant's cloud, "public" for the default. A
// seed may spell the cloud in any case or by its environment name; the
// directory (and a device code's Cloud) use the short name.
func cloudOf(t idp.Tenant) string {
	if t.Cloud == "" {
		return clouds.Public.Name
	}
	if c, ok := clouds.ByName(t.Cloud); ok {
		return c.Name
	}
	return t.Cloud
}
