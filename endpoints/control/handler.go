package control

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/scenarios"
	"github.com/mockidp/mockidp/signer"
)

// Handler serves the control API.
type Handler struct {
	IDP       *idp.Provider
	Scenarios *scenarios.Engine
	// NewKey makes the signing key of the rotate-keys operation.
	NewKey func(cloud string) (*idp.SigningKey, error)
	// Journal lists and, on reset, forgets what mockidp saw.
	Journal *Journal
	// CAPEM is the CA that issued mockidp's TLS certificate; empty means
	// none is served.
	CAPEM []byte
	// Guard runs before every route Mount adds: the one place that
	// decides who may use the control API.
	Guard echo.MiddlewareFunc
}

// Area is how the route table mounts the control API: mockidp's own
// endpoint kind, its error shape, behind the guard, never journaled,
// never failed by a scenario.
func (h *Handler) Area() web.Area {
	a := PublicArea()
	if h.Guard != nil {
		a.Before = []echo.MiddlewareFunc{h.Guard}
	}
	return a
}

// PublicArea is the area of the routes MountPublic adds: no guard.
func PublicArea() web.Area {
	return web.Area{Kind: scenarios.EndpointOther, Errors: Shape{}, Internal: true}
}

// MountPublic adds what anyone may read: health and the CA certificate.
func (h *Handler) MountPublic(r *web.Routes) {
	g := &routeSet{r: r.Under(controlapi.Prefix)}
	g.add(http.MethodGet, "/health", health)
	g.add(http.MethodGet, "/ca.pem", h.caCertificate)
	g.closeMethods()
}

// Mount adds the control API's routes (under controlapi.Prefix) to r.
func (h *Handler) Mount(r *web.Routes) {
	g := &routeSet{r: r.Under(controlapi.Prefix)}
	get, post := http.MethodGet, http.MethodPost
	g.add(get, "/openapi.json", openAPI)
	g.add(get, "/scenarios", h.listScenarios)
	g.add(post, "/scenarios", h.addScenarios)
	g.add(http.MethodDelete, "/scenarios", h.clearScenarios)
	g.add(get, "/scenarios/:id", h.getScenario)
	g.add(http.MethodDelete, "/scenarios/:id", h.deleteScenario)
	g.add(get, "/presets", listPresets)
	g.add(post, "/presets/:name", h.applyPreset)
	g.add(post, "/state/:op", h.changeState)
	g.add(get, "/clock", h.getClock)
	g.add(post, "/clock", h.setClock)
	g.add(post, "/reset", h.reset)
	g.add(get, "/seed", h.getSeed)
	g.add(http.MethodPut, "/seed", h.putSeed)
	g.add(get, "/requests", h.listRequests)
	g.add(get, "/tokens", h.listTokens)
	g.add(http.MethodDelete, "/subscriptions/:sub/roleAssignments", h.deleteRoleAssignments)
	g.add(post, "/devicecode/approve", h.approveDeviceCode, web.NoStore)
	g.add(post, "/imds/faults", h.addIMDSFault, web.NoStore)
	g.add(http.MethodDelete, "/imds/faults", h.clearIMDSFaults, web.NoStore)
	g.add(get, "/tenants/:tenant/servicePrincipals", h.listServicePrincipals)
	g.closeMethods()
	g.r.NotFound("/*", notFound)
}

func health(c echo.Context) error {
	return web.WriteJSON(c, http.StatusOK, map[string]string{"status": "ok", "signer": signer.Name()})
}

func openAPI(c echo.Context) error {
	return c.Blob(http.StatusOK, web.ContentTypeJSON, controlapi.OpenAPI)
}

// caCertificate serves the CA that issued mockidp's TLS certificate, so a
// client can fetch what it must trust.
func (h *Handler) caCertificate(c echo.Context) error {
	if len(h.CAPEM) == 0 {
		return fail(http.StatusNotFound, controlapi.ErrNotFound, "this mockidp serves no CA certificate")
	}
	return c.Blob(http.StatusOK, "application/x-pem-file", h.CAPEM)
}

// env is what operations act on.
func (h *Handler) env() scenarios.Env {
	return scenarios.Env{Engine: h.Scenarios, IDP: h.IDP, NewKey: h.NewKey}
}

// LoadScenarios applies a scenario file (the config file's scenarios:
// section, as JSON) at startup.
func (h *Handler) LoadScenarios(file []byte) ([]scenarios.Result, error) {
	entries, err := scenarios.ParseFile(file)
	if err != nil {
		return nil, err
	}
	return h.env().Apply(entries)
}
