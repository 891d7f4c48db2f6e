package control

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// deleteRoleAssignments removes every Azure role assignment of the
// principal_id in the subscription (at subscription and resource-group
// scope), so ARM answers the principal's next request with
// AuthorizationFailed.
func (h *Handler) deleteRoleAssignments(c echo.Context) error {
	sub, principal := c.Param("sub"), c.QueryParam("principal_id")
	if principal == "" {
		return badRequest(controlapi.ErrInvalidRequest, errors.New("the query parameter principal_id (a user's, service principal's or managed identity's object ID) is required"))
	}
	if !idp.IsGUID(principal) {
		return badRequest(controlapi.ErrInvalidRequest, fmt.Errorf("principal_id %q is not a GUID", principal))
	}
	n, err := h.IDP.State.RemoveRoleAssignments(sub, principal)
	if errors.Is(err, idp.ErrNoSuchSubscription) {
		return fail(http.StatusNotFound, controlapi.ErrNoSuchSubscription, fmt.Sprintf("there is no subscription %q", sub))
	}
	if err != nil {
		return badRequest(controlapi.ErrInvalidRequest, err)
	}
	return web.WriteJSON(c, http.StatusOK, controlapi.Removed{Removed: n})
}

// listServicePrincipals lists a tenant's service principals; the tenant
// is named by ID or verified domain.
func (h *Handler) listServicePrincipals(c echo.Context) error {
	list, err := h.IDP.State.ServicePrincipals().List(c.Param("tenant"))
	if err != nil {
		return fail(http.StatusNotFound, controlapi.ErrNotFound, err.Error())
	}
	if list == nil {
		list = []idp.ServicePrincipalInfo{}
	}
	return web.WriteJSON(c, http.StatusOK, list)
}
