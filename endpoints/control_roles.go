package endpoints

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// deleteRoleAssignments is DELETE
// /_mockidp/subscriptions/{id}/roleAssignments?principal_id=…: it removes
// every Azure role assignment of the principal in the subscription (at
// subscription and resource-group scope), so ARM answers the principal's
// next request with AuthorizationFailed.
func (s *Server) deleteRoleAssignments(c echo.Context) error {
	sub, principal := c.Param("sub"), c.QueryParam("principal_id")
	if principal == "" {
		return badRequest("invalid_request", errors.New("the query parameter principal_id (a user's, service principal's or managed identity's object ID) is required"))
	}
	if !idp.IsGUID(principal) {
		return badRequest("invalid_request", fmt.Errorf("principal_id %q is not a GUID", principal))
	}
	n, err := s.idp.RemoveRoleAssignments(sub, principal)
	if errors.Is(err, idp.ErrNoSuchSubscription) {
		return notFound("no_such_subscription", fmt.Sprintf("there is no subscription %q", sub))
	}
	if err != nil {
		return badRequest("invalid_request", err)
	}
	return web.WriteJSON(c, http.StatusOK, map[string]int{"removed": n})
}
