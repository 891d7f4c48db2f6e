package endpoints

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// routes is the one route table of mockidp.
func (s *Server) routes(e *echo.Echo) {
	e.GET(ControlPrefix+"/health", health)
	e.GET(ControlPrefix+"/ca.pem", s.caCertificate)
	s.controlRoutes(e)

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
	notPost := []string{http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodPatch}
	e.Match(notPost, "/:tenant/oauth2/v2.0/token", tokenNotPost, noStore)
	e.Match(notPost, "/:tenant/oauth2/token", tokenNotPost, noStore)
	e.OPTIONS("/:tenant/oauth2/v2.0/token", corsPreflight)
	e.OPTIONS("/:tenant/oauth2/token", corsPreflight)

	s.graphRoutes(e)

	e.GET("/error", s.errorLookup)
	e.RouteNotFound("/*", func(echo.Context) error { return echo.ErrNotFound })
}
