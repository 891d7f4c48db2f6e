package endpoints

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
)

// routes is the one route table of mockidp.
func (s *Server) routes(e *echo.Echo) {
	e.GET(ControlPrefix+"/health", health)
	e.GET(ControlPrefix+"/ca.pem", s.caCertificate)
	e.POST(ControlPrefix+"/devicecode/approve", s.approveDeviceCode, s.guardControl, noStore)

	// mockidp's Kubernetes-style service-account issuer (workload identity).
	e.POST(idp.WorkloadIssuerPath+"/token", s.workloadToken, noStore)
	e.GET(idp.WorkloadIssuerPath+"/.well-known/openid-configuration", s.workloadDiscovery, metadataCache)
	e.GET(idp.WorkloadIssuerPath+"/openid/v1/jwks", s.workloadKeys, metadataCache)
	e.POST(ControlPrefix+"/imds/faults", s.addIMDSFault, s.guardControl, noStore)
	e.DELETE(ControlPrefix+"/imds/faults", s.clearIMDSFaults, s.guardControl, noStore)

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

	// Managed identity: IMDS and the other sources, each at its own path
	// (README.md lists the environment variables that point clients here).
	// applyMIScenarios answers scenarios in each source's own shape.
	imds := []echo.MiddlewareFunc{miHeaders(imdsServer), noStore, imdsGuard, s.applyMIScenarios}
	other := []echo.MiddlewareFunc{miHeaders(kestrelServer), noStore, s.applyMIScenarios}
	e.GET(imdsTokenPath, s.imdsTokenRequest, imds...)
	e.GET(imdsTokenPath+"/", s.imdsTokenRequest, imds...)
	e.GET(imdsInstancePath, s.imdsInstance, imds...)
	e.GET(imdsInstancePath+"/*", s.imdsInstance, imds...)
	e.GET(arcTokenPath, s.arcTokenRequest, imds...)
	e.GET(appServicePath, s.appServiceTokenRequest, other...)
	e.GET(azureMLPath, s.azureMLTokenRequest, other...)
	e.POST(cloudShellPath, s.cloudShellTokenRequest, other...)
	e.GET(serviceFabricPath, s.serviceFabricTokenRequest, other...)

	// Device authorization (s.deviceLoginRoutes serves the page).
	e.POST("/:tenant/oauth2/v2.0/devicecode", s.deviceCode(false), noStore)
	e.POST("/:tenant/oauth2/devicecode", s.deviceCode(true), noStore)
	e.Match(notPost, "/:tenant/oauth2/v2.0/devicecode", tokenNotPost, noStore)
	e.Match(notPost, "/:tenant/oauth2/devicecode", tokenNotPost, noStore)
	s.deviceLoginRoutes(e)

	// Azure Resource Manager, on each cloud's management host (arm.go).
	s.armRoutes(e)

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

	s.graphRoutes(e)

	e.GET("/error", s.errorLookup)
	e.RouteNotFound("/*", func(echo.Context) error { return echo.ErrNotFound })
}
