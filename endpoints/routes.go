package endpoints

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// routes is the one route table of mockidp.
func (s *Server) routes(e *echo.Echo) {
	e.GET(ControlPrefix+"/health", health)
	e.GET(ControlPrefix+"/ca.pem", s.caCertificate)

	// Discovery: cacheable for a day, errors included.
	e.GET("/common/discovery/instance", s.instanceDiscovery, metadataCache)
	e.GET("/:tenant/v2.0/.well-known/openid-configuration", s.openIDConfigurationV2, metadataCache)
	e.GET("/:tenant/.well-known/openid-configuration", s.openIDConfigurationV1, metadataCache)
	e.GET("/:tenant/discovery/v2.0/keys", s.keysV2, metadataCache)
	e.GET("/:tenant/discovery/keys", s.keysV1, metadataCache)
	e.GET(userRealmPrefix+":upn", s.userRealm, metadataCache)

	// Token endpoints: never cached; only POST is allowed.
	e.POST("/:tenant/oauth2/v2.0/token", s.token(false), noStore)
	e.POST("/:tenant/oauth2/token", s.token(true), noStore)
	notPost := []string{http.MethodGet, http.MethodPut, http.MethodDelete, http.MethodPatch}
	e.Match(notPost, "/:tenant/oauth2/v2.0/token", tokenNotPost, noStore)
	e.Match(notPost, "/:tenant/oauth2/token", tokenNotPost, noStore)

	// Browser endpoints: authorize, its pages, admin consent and logout.
	getPost := []string{http.MethodGet, http.MethodPost}
	e.Match(getPost, "/:tenant/oauth2/v2.0/authorize", s.authorize(flowV2))
	e.Match(getPost, "/:tenant/oauth2/authorize", s.authorize(flowV1))
	e.POST("/:tenant/"+pageLogin, s.loginPost)
	e.POST("/:tenant/"+pageConsent, s.consentPost)
	e.GET("/:tenant/v2.0/adminconsent", s.adminConsent(flowAdminV2))
	e.GET("/:tenant/adminconsent", s.adminConsent(flowAdminLegacy))
	e.Match(getPost, "/:tenant/oauth2/v2.0/logout", s.logout)
	e.Match(getPost, "/:tenant/oauth2/logout", s.logout)
	e.GET(StylesheetPath, serveStylesheet)

	e.GET("/error", s.errorLookup)
	e.RouteNotFound("/*", func(echo.Context) error { return echo.ErrNotFound })
}
