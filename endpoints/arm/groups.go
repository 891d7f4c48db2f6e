package arm

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// Resource-group actions, spelled as ARM spells them in AuthorizationFailed.
const (
	actionGroupRead   = "Microsoft.Resources/subscriptions/resourcegroups/read"
	actionGroupWrite  = "Microsoft.Resources/subscriptions/resourcegroups/write"
	actionGroupDelete = "Microsoft.Resources/subscriptions/resourcegroups/delete"
)

// armGroupJSON is a resource group as ARM shows it.
type armGroupJSON struct {
	ID         string            `json:"id"`
	Name       string            `json:"name"`
	Type       string            `json:"type"`
	Location   string            `json:"location"`
	Tags       map[string]string `json:"tags,omitempty"`
	Properties map[string]string `json:"properties"`
}

func groupJSON(subID string, rg *idp.ResourceGroup) armGroupJSON {
	return armGroupJSON{ID: "/subscriptions/" + subID + "/resourceGroups/" + rg.Name, Name: rg.Name,
		Type: "Microsoft.Resources/resourceGroups", Location: rg.Location, Tags: rg.Tags,
		Properties: map[string]string{"provisioningState": "Succeeded"}}
}

// armScope is the scope ARM names in AuthorizationFailed: the request path
// up to the subscription or resource group, as the client spelled it.
func armScope(c echo.Context) string {
	parts := strings.SplitN(strings.TrimPrefix(c.Request().URL.Path, "/"), "/", 5)
	if c.Param("rg") != "" && len(parts) >= 4 {
		return "/" + strings.Join(parts[:4], "/")
	}
	return "/" + strings.Join(parts[:min(2, len(parts))], "/")
}

// authorize answers 403 unless the caller may perform action on the
// subscription or on group.
func authorize(c echo.Context, sub *idp.SubscriptionView, action, group string) error {
	caller := armCaller(c)
	if sub.Allowed(caller.ObjectID, action, group) {
		return nil
	}
	return armFail(idp.ARMAuthorizationFailed(caller.Client, caller.ObjectID, action, armScope(c)))
}

// armListGroups lists the groups the caller may read: all of them with a
// subscription-wide role, else those of its group-scoped roles.
func (h *Handler) armListGroups(c echo.Context) error {
	sub, err := h.armSubscriptionOf(c)
	if err != nil {
		return err
	}
	wide := authorize(c, sub, actionGroupRead, "")
	var items []any
	for i := range sub.ResourceGroups {
		rg := &sub.ResourceGroups[i]
		if wide == nil || sub.Allowed(armCaller(c).ObjectID, actionGroupRead, rg.Name) {
			items = append(items, groupJSON(sub.ID, rg))
		}
	}
	if len(items) == 0 && wide != nil {
		return wide
	}
	return writeARMPage(c, items, false)
}

// armGetGroup answers GET and HEAD (az group exists): authorization first,
// then existence, as ARM checks them.
func (h *Handler) armGetGroup(c echo.Context) error {
	sub, err := h.armSubscriptionOf(c)
	if err != nil {
		return err
	}
	name := c.Param("rg")
	if err := authorize(c, sub, actionGroupRead, name); err != nil {
		return err
	}
	rg, ok := sub.Group(name)
	if c.Request().Method == http.MethodHead {
		if !ok {
			return c.NoContent(http.StatusNotFound)
		}
		return c.NoContent(http.StatusNoContent)
	}
	if !ok {
		return armFail(idp.ARMResourceGroupNotFound(name))
	}
	return web.WriteJSON(c, http.StatusOK, groupJSON(sub.ID, rg))
}

// armPutGroup creates (201) or updates (200) a resource group.
func (h *Handler) armPutGroup(c echo.Context) error {
	sub, err := h.armSubscriptionOf(c)
	if err != nil {
		return err
	}
	name := c.Param("rg")
	if err := authorize(c, sub, actionGroupWrite, name); err != nil {
		return err
	}
	if sub.State != idp.SubscriptionEnabled {
		return armFail(idp.ARMSubscriptionReadOnly(sub.ID, sub.State))
	}
	if idp.CheckResourceGroupName(name) != nil {
		return armFail(idp.ARMInvalidGroupName(name))
	}
	var body struct {
		Location string            `json:"location"`
		Tags     map[string]string `json:"tags"`
	}
	raw, err := io.ReadAll(io.LimitReader(c.Request().Body, 1<<20))
	if err != nil || json.Unmarshal(raw, &body) != nil {
		return armFail(idp.ARMInvalidBody("the body is not a JSON resource group"))
	}
	if body.Location == "" {
		return armFail(idp.ARMLocationRequired())
	}
	location, ok := regionOf(armCloud(c), body.Location)
	if !ok {
		return armFail(idp.ARMLocationNotAvailable(body.Location, regionNames(armCloud(c))))
	}
	if old, ok := sub.Group(name); ok && old.Location != location {
		return armFail(idp.ARMGroupLocationConflict(body.Location, old.Location))
	}
	rg := idp.ResourceGroup{Name: name, Location: location, Tags: body.Tags}
	created, err := h.IDP.State.PutResourceGroup(sub.ID, rg)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	sub, _ = h.IDP.Directory.Subscription(sub.ID)
	stored, _ := sub.Group(name)
	return web.WriteJSON(c, status, groupJSON(sub.ID, stored))
}

// armDeleteGroup deletes a group at once; ARM's 200 ends the SDKs'
// long-running-operation poll without polling.
func (h *Handler) armDeleteGroup(c echo.Context) error {
	sub, err := h.armSubscriptionOf(c)
	if err != nil {
		return err
	}
	name := c.Param("rg")
	if err := authorize(c, sub, actionGroupDelete, name); err != nil {
		return err
	}
	if sub.State != idp.SubscriptionEnabled {
		return armFail(idp.ARMSubscriptionReadOnly(sub.ID, sub.State))
	}
	found, err := h.IDP.State.DeleteResourceGroup(sub.ID, name)
	if errors.Is(err, idp.ErrNoSuchSubscription) || (err == nil && !found) {
		return armFail(idp.ARMResourceGroupNotFound(name))
	}
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusOK)
}

// ARM stores locations as lower-case names without spaces ("East US" →
// "eastus").
func normaliseLocation(l string) string { return strings.ToLower(strings.ReplaceAll(l, " ", "")) }
