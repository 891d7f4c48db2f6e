package endpoints

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/scenarios"
)

// miSource is one managed-identity source as data: where it answers, the
// host it pretends to be, the guard it applies before anything else, and
// (through its name) the shape of its errors.
type miSource struct {
	name   string
	kind   string // scenarios.EndpointIMDS or EndpointIdentity
	server string // the Server header
	guard  []echo.MiddlewareFunc
	routes []miRoute
}

type miRoute struct {
	method, path string
	handle       echo.HandlerFunc
}

func (s *Server) miSources() []miSource {
	imds := []echo.MiddlewareFunc{imdsGuard}
	get := http.MethodGet
	return []miSource{
		{miIMDS, scenarios.EndpointIMDS, imdsServer, imds, []miRoute{
			{get, imdsTokenPath, s.imdsTokenRequest}, {get, imdsTokenPath + "/", s.imdsTokenRequest},
			{get, imdsInstancePath, s.imdsInstance}, {get, imdsInstancePath + "/*", s.imdsInstance}}},
		{miArc, scenarios.EndpointIdentity, imdsServer, imds, []miRoute{{get, arcTokenPath, s.arcTokenRequest}}},
		{miAppService, scenarios.EndpointIdentity, kestrelServer, nil, []miRoute{{get, appServicePath, s.appServiceTokenRequest}}},
		{miAzureML, scenarios.EndpointIdentity, kestrelServer, nil, []miRoute{{get, azureMLPath, s.azureMLTokenRequest}}},
		{miCloudShell, scenarios.EndpointIdentity, kestrelServer, nil, []miRoute{{http.MethodPost, cloudShellPath, s.cloudShellTokenRequest}}},
		{miServiceFabric, scenarios.EndpointIdentity, kestrelServer, nil, []miRoute{{get, serviceFabricPath, s.serviceFabricTokenRequest}}},
	}
}

// miRoutes mounts each source as its own area.
func (s *Server) miRoutes(e *echo.Echo, m *web.Stack) {
	for _, src := range s.miSources() {
		r := m.Mount(e, web.Area{Kind: src.kind, Errors: miShape{s.aad, s, src.name},
			Before: append([]echo.MiddlewareFunc{miHeaders(src.server), web.NoStore}, src.guard...)})
		for _, rt := range src.routes {
			r.Add(rt.method, rt.path, rt.handle)
		}
	}
}
