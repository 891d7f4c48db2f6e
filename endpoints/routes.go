package endpoints

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints/aad"
	"github.com/mockidp/mockidp/endpoints/arm"
	"github.com/mockidp/mockidp/endpoints/browser"
	"github.com/mockidp/mockidp/endpoints/console"
	"github.com/mockidp/mockidp/endpoints/control"
	"github.com/mockidp/mockidp/endpoints/entra"
	"github.com/mockidp/mockidp/endpoints/graph"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/scenarios"
)

// routes is the one route table of mockidp. Every route is mounted in an
// area, which fixes its endpoint kind (what the journal records and
// scenarios match) and its error shape; nothing downstream works either
// out again from the path or the host.
func (s *Server) routes() {
	e, m := s.stack.Echo(), s.stack
	area := func(kind string) *web.Routes {
		return m.Mount(e, web.Area{Kind: kind, Errors: s.aad, Before: []echo.MiddlewareFunc{aad.Headers}})
	}
	notPost := []string{http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodPatch}
	getPost := []string{http.MethodGet, http.MethodPost}

	// mockidp's own endpoints: never journaled, never failed by a scenario.
	own := m.Mount(e, web.Area{Kind: scenarios.EndpointOther, Errors: s.aad, Before: []echo.MiddlewareFunc{aad.Headers}, Internal: true})
	s.control.MountPublic(m.Mount(e, control.PublicArea()))
	own.GET(browser.StylesheetPath, browser.Stylesheet)

	// The control API (endpoints/control): behind its one gate, loopback
	// or the token (control_guard.go).
	s.control.Mount(m.Mount(e, s.control.Area()))

	// The web console (endpoints/console): pages behind the same gate,
	// changing state only through the control API; its assets, the
	// redirect to it and the landing page at / are public.
	s.console.Mount(m.Mount(e, s.console.Area()))
	console.MountPublic(own)
	m.Mount(e, control.PublicArea()).POST(console.SignInPath, s.consoleSignIn, web.NoStore)

	// mockidp's Kubernetes-style service-account issuer (workload identity).
	own.POST(idp.WorkloadIssuerPath+"/token", s.workload.Token, web.NoStore)
	own.GET(idp.WorkloadIssuerPath+"/.well-known/openid-configuration", s.workload.Discovery, web.MetadataCache)
	own.GET(idp.WorkloadIssuerPath+"/openid/v1/jwks", s.workload.Keys, web.MetadataCache)

	// Entra protocol. Discovery is cacheable for a day, errors included.
	area(scenarios.EndpointInstance).GET("/common/discovery/instance", s.entra.InstanceDiscovery, web.MetadataCache)
	discovery := area(scenarios.EndpointDiscovery)
	discovery.GET("/:tenant/v2.0/.well-known/openid-configuration", s.entra.OpenIDConfigurationV2, web.MetadataCache)
	discovery.GET("/:tenant/.well-known/openid-configuration", s.entra.OpenIDConfigurationV1, web.MetadataCache)
	keys := area(scenarios.EndpointKeys)
	keys.GET("/:tenant/discovery/v2.0/keys", s.entra.KeysV2, web.MetadataCache)
	keys.GET("/:tenant/discovery/keys", s.entra.KeysV1, web.MetadataCache)
	area(scenarios.EndpointUserRealm).GET(entra.UserRealmPrefix+":upn", s.entra.UserRealm, web.MetadataCache)

	// Token endpoints: never cached; only POST is allowed.
	token := area(scenarios.EndpointToken)
	for _, p := range []struct {
		path string
		v1   bool
	}{{"/:tenant/oauth2/v2.0/token", false}, {"/:tenant/oauth2/token", true}} {
		token.POST(p.path, s.entra.Token(p.v1), web.NoStore)
		token.Match(notPost, p.path, entra.NotPost, web.NoStore)
		token.OPTIONS(p.path, entra.CORSPreflight)
	}

	// Device authorization (the browser flows serve the page).
	device := area(scenarios.EndpointDeviceCode)
	device.POST("/:tenant/oauth2/v2.0/devicecode", s.entra.DeviceCode(false), web.NoStore)
	device.POST("/:tenant/oauth2/devicecode", s.entra.DeviceCode(true), web.NoStore)
	device.Match(notPost, "/:tenant/oauth2/v2.0/devicecode", entra.NotPost, web.NoStore)
	device.Match(notPost, "/:tenant/oauth2/devicecode", entra.NotPost, web.NoStore)

	// Browser flows: authorize, its pages, device login, admin consent
	// and logout.
	authorize := area(scenarios.EndpointAuthorize)
	authorize.Match(getPost, "/:tenant/oauth2/v2.0/authorize", s.browser.Authorize(browser.FlowV2))
	authorize.Match(getPost, "/:tenant/oauth2/authorize", s.browser.Authorize(browser.FlowV1))
	pages := area(scenarios.EndpointOther)
	pages.POST("/:tenant/"+browser.PageLogin, s.browser.LoginPost)
	pages.POST("/:tenant/"+browser.PageConsent, s.browser.ConsentPost)
	pages.POST("/:tenant/"+browser.PageMFA, s.browser.MFAPost)
	for _, p := range browser.DeviceLoginPaths() {
		pages.Match(getPost, p, s.browser.DeviceLogin)
	}
	pages.GET("/:tenant/v2.0/adminconsent", s.browser.AdminConsent(browser.FlowAdminV2))
	pages.GET("/:tenant/adminconsent", s.browser.AdminConsent(browser.FlowAdminLegacy))
	pages.Match(getPost, "/:tenant/oauth2/v2.0/logout", s.browser.Logout)
	pages.Match(getPost, "/:tenant/oauth2/logout", s.browser.Logout)
	pages.GET("/error", s.browser.ErrorLookup)

	// Managed identity: IMDS and the other sources, each an area of its
	// own: path, guard and wire shape are data in controlapi.Sources
	// (README.md lists the environment variables that point clients here).
	for _, src := range s.mi.Sources() {
		src.Mount(m.Mount(e, web.Area{Kind: src.Kind, Errors: src.Errors, Before: src.Before}))
	}

	// Azure Resource Manager, on each cloud's management host: one area
	// per host, of ARM's shape for that cloud.
	for _, c := range clouds.All() {
		for _, host := range arm.Hosts(c) {
			s.arm.Mount(m.Mount(e.Host(host), web.Area{Kind: scenarios.EndpointARM, Errors: arm.Shape{Shape: s.aad},
				Before: []echo.MiddlewareFunc{arm.Context(c)}, Describe: arm.Describe(c)}))
		}
	}

	// The Graph-like resource: the whole of each cloud's Graph hosts, and
	// its versions on mockidp's own listeners.
	graphArea := web.Area{Kind: scenarios.EndpointGraph, Errors: graph.Shape{Shape: s.aad},
		Before: []echo.MiddlewareFunc{graph.Headers}}
	for _, c := range clouds.All() {
		for _, host := range graph.Hosts(c) {
			s.graph.MountHost(m.Mount(e.Host(host), graphArea))
		}
	}
	s.graph.Mount(m.Mount(e, graphArea))

	// Anything else on the login hosts and mockidp's own listeners is
	// Entra's 404 page.
	pages.NotFound("/*", echo.NotFoundHandler)
}
