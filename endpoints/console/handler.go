package console

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/control"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/scenarios"
)

// Paths of the console, under the control API's prefix.
const (
	Home     = web.ControlPrefix + "/"
	pagesDir = web.ControlPrefix + "/console"
	// StaticCSS and StaticJS are the console's stylesheet and script,
	// public like the sign-in pages' stylesheet: they hold no data.
	StaticCSS = web.ControlPrefix + "/static/console.css"
	StaticJS  = web.ControlPrefix + "/static/console.js"
	// SignInPath takes the control token from a person on the 403 page;
	// the route table mounts it beside the gate that reads TokenCookie.
	SignInPath = pagesDir + "/signin"
	// TokenCookie carries the control token a person signed in with.
	TokenCookie = "mockidp_control_token"
)

// Handler serves the console's pages.
type Handler struct {
	IDP       *idp.Provider
	Scenarios *scenarios.Engine
	Journal   *control.Journal
	// Guard is the control API's gate; every page is behind it.
	Guard echo.MiddlewareFunc
	// TokenSignIn offers the control-token form on the 403 page (the
	// server has a control token).
	TokenSignIn bool
}

// Area is how the route table mounts the console: mockidp's own
// endpoints (never journaled, never failed by a scenario), behind the
// control API's gate, refusals and failures shown as a page.
func (h *Handler) Area() web.Area {
	a := web.Area{Kind: scenarios.EndpointOther, Errors: Shape{}, Internal: true}
	if h.Guard != nil {
		a.Before = []echo.MiddlewareFunc{h.refusalsAsPages(h.Guard)}
	}
	return a
}

// Mount adds the console's pages to r (an area from Area).
func (h *Handler) Mount(r *web.Routes) {
	r.GET(Home, h.overview)
	serve := map[string]echo.HandlerFunc{"apps": h.apps, "users": h.users, "identities": h.identities,
		"requests": h.requests, "token": h.tokenPage, "scenarios": h.scenarios, "devicecodes": h.deviceCodes,
		"consents": h.consents}
	for _, p := range navPages {
		r.GET(pagesDir+"/"+p.Slug, serve[p.Slug])
	}
	r.GET(pagesDir+"/requests/rows", h.requestRows)
	r.POST(pagesDir+"/token", h.decodeToken, web.NoStore)
}

// MountPublic adds what needs no authorisation: the redirect to the
// console, the stylesheet and script, and the landing page at /.
func MountPublic(r *web.Routes) {
	r.GET(web.ControlPrefix, func(c echo.Context) error { return c.Redirect(http.StatusFound, Home) })
	r.GET(StaticCSS, static("text/css; charset=utf-8", "templates/console.css"))
	r.GET(StaticJS, static("text/javascript; charset=utf-8", "templates/console.js"))
	r.GET("/", landing)
}

// refusalsAsPages runs the gate and shows its refusal (403 to a stranger,
// a foreign origin, a wrong media type) as a page a person can read.
func (h *Handler) refusalsAsPages(guard echo.MiddlewareFunc) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		gated := guard(next)
		return func(c echo.Context) error {
			err := gated(c)
			if f, ok := control.Failure(err); ok {
				return render(c, f.Status, "error.html", ErrorData{Frame: Frame{Title: http.StatusText(f.Status)},
					Status: f.Status, Detail: f.Detail, SignIn: f.Status == http.StatusForbidden && h.TokenSignIn})
			}
			return err
		}
	}
}
