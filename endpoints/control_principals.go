package endpoints

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/scenarios"
)

// The service-principal operations run through the operation registry
// (scenarios), like every state change once POST /state is routed there.
func init() {
	for _, name := range []string{controlapi.OpCreateServicePrincipal, controlapi.OpDeleteServicePrincipal,
		controlapi.OpGrantAdminConsent, controlapi.OpRevokeAdminConsent} {
		stateOps[name] = stateOp{need: []string{"client_id"}, run: func(s *Server, p scenarios.Params) (string, error) {
			r, err := s.env().ChangeState(name, p)
			return strings.Join(r.Changes, "; "), err
		}}
	}
}

// listServicePrincipals is GET /_mockidp/tenants/{tenant}/servicePrincipals;
// the tenant is named by ID or verified domain.
func (s *Server) listServicePrincipals(c echo.Context) error {
	list, err := s.idp.ServicePrincipals().List(c.Param("tenant"))
	if err != nil {
		return notFound("not_found", err.Error())
	}
	if list == nil {
		list = []idp.ServicePrincipalInfo{}
	}
	return web.WriteJSON(c, http.StatusOK, list)
}
