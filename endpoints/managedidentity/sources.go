package managedidentity

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/scenarios"
)

// Source is one managed-identity source as data: the kind the journal
// and scenarios name it by, the host it pretends to be and the guard it
// applies before anything else (Before), the shape of its errors, and
// its routes.
type Source struct {
	Name   string
	Kind   string // scenarios.EndpointIMDS or EndpointIdentity
	Before []echo.MiddlewareFunc
	Errors web.Shape
	routes []route
}

type route struct {
	method, path string
	handle       echo.HandlerFunc
}

// Mount adds the source's routes to r.
func (src Source) Mount(r *web.Routes) {
	for _, rt := range src.routes {
		r.Add(rt.method, rt.path, rt.handle)
	}
}

// Sources lists the sources in the order the route table mounts them.
func (h *Handler) Sources() []Source {
	get := http.MethodGet
	source := func(name, kind, server string, guard echo.MiddlewareFunc, routes ...route) Source {
		before := []echo.MiddlewareFunc{headers(server), web.NoStore}
		if guard != nil {
			before = append(before, guard)
		}
		return Source{Name: name, Kind: kind, Before: before, Errors: shape{h.Errors, h, name}, routes: routes}
	}
	return []Source{
		source(miIMDS, scenarios.EndpointIMDS, imdsServer, imdsGuard,
			route{get, controlapi.IMDSTokenPath, h.imdsTokenRequest}, route{get, controlapi.IMDSTokenPath + "/", h.imdsTokenRequest},
			route{get, controlapi.IMDSInstancePath, h.imdsInstance}, route{get, controlapi.IMDSInstancePath + "/*", h.imdsInstance}),
		source(miArc, scenarios.EndpointIdentity, imdsServer, imdsGuard, route{get, controlapi.ArcTokenPath, h.arcTokenRequest}),
		source(miAppService, scenarios.EndpointIdentity, kestrelServer, nil, route{get, controlapi.AppServicePath, h.appServiceTokenRequest}),
		source(miAzureML, scenarios.EndpointIdentity, kestrelServer, nil, route{get, controlapi.AzureMLPath, h.azureMLTokenRequest}),
		source(miCloudShell, scenarios.EndpointIdentity, kestrelServer, nil, route{http.MethodPost, controlapi.CloudShellPath, h.cloudShellTokenRequest}),
		source(miServiceFabric, scenarios.EndpointIdentity, kestrelServer, nil, route{get, controlapi.ServiceFabricPath, h.serviceFabricTokenRequest}),
	}
}
