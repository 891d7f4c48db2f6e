package arm

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// armTenantJSON is a tenant as GET /tenants lists it.
type armTenantJSON struct {
	ID             string   `json:"id"`
	TenantID       string   `json:"tenantId"`
	CountryCode    string   `json:"countryCode"`
	DisplayName    string   `json:"displayName"`
	Domains        []string `json:"domains"`
	TenantCategory string   `json:"tenantCategory"`
	DefaultDomain  string   `json:"defaultDomain"`
	TenantType     string   `json:"tenantType"`
}

// armSubscriptionJSON is a subscription as ARM shows it.
type armSubscriptionJSON struct {
	ID                   string         `json:"id"`
	AuthorizationSource  string         `json:"authorizationSource"`
	ManagedByTenants     []any          `json:"managedByTenants"`
	SubscriptionID       string         `json:"subscriptionId"`
	TenantID             string         `json:"tenantId"`
	DisplayName          string         `json:"displayName"`
	State                string         `json:"state"`
	SubscriptionPolicies map[string]any `json:"subscriptionPolicies"`
}

// armTenants lists the caller's home tenant: mockidp has no guests.
func (h *Handler) armTenants(c echo.Context) error {
	t := armCaller(c).Tenant
	return writeARMPage(c, []any{armTenantJSON{ID: "/tenants/" + t.ID, TenantID: t.ID,
		CountryCode: t.Cloud.CountryCode, DisplayName: t.DisplayName, Domains: append([]string{}, t.Domains...),
		TenantCategory: "Home", DefaultDomain: t.DefaultDomain(), TenantType: "AAD"}}, true)
}

// armSubscriptions lists the subscriptions of the caller's tenant in which
// the caller holds some role.
func (h *Handler) armSubscriptions(c echo.Context) error {
	caller := armCaller(c)
	var items []any
	for _, sub := range caller.Directory.Subscriptions() {
		if sameTenant(sub.Tenant, caller.Tenant) && sub.Assigned(caller.ObjectID) {
			items = append(items, subscriptionJSON(sub))
		}
	}
	return writeARMPage(c, items, true)
}

func (h *Handler) armSubscription(c echo.Context) error {
	sub, err := h.armSubscriptionReadable(c, "Microsoft.Resources/subscriptions/read")
	if err != nil {
		return err
	}
	return web.WriteJSON(c, http.StatusOK, subscriptionJSON(sub))
}

// armSubscriptionReadable is the route's subscription when the caller holds
// any role in it; otherwise AuthorizationFailed naming action.
func (h *Handler) armSubscriptionReadable(c echo.Context, action string) (*idp.SubscriptionView, error) {
	sub, err := h.armSubscriptionOf(c)
	if err != nil {
		return nil, err
	}
	if caller := armCaller(c); !sub.Assigned(caller.ObjectID) {
		return nil, armFail(idp.ARMAuthorizationFailed(caller.Client, caller.ObjectID, action, "/subscriptions/"+sub.ID))
	}
	return sub, nil
}

// armSubscriptionOf resolves :sub for the caller: unknown in this cloud →
// 404, trusting another tenant → 401 InvalidAuthenticationTokenTenant.
func (h *Handler) armSubscriptionOf(c echo.Context) (*idp.SubscriptionView, error) {
	id, caller := c.Param("sub"), armCaller(c)
	sub, ok := caller.Directory.Subscription(id)
	if !ok || sub.Tenant.Cloud != armCloud(c) || sub.State == idp.SubscriptionDeleted {
		return nil, armFail(idp.ARMSubscriptionNotFound(id))
	}
	if !sameTenant(sub.Tenant, caller.Tenant) {
		authority := armAuthorizationURI(sub.Tenant.Cloud) + sub.Tenant.ID
		return nil, armFail(idp.ARMWrongTenant(caller.Claims.Iss, v1IssuerOf(sub.Tenant), authority))
	}
	return sub, nil
}

// v1IssuerOf is the tenant's issuer as ARM names it in messages.
func v1IssuerOf(t *idp.TenantView) string {
	return "https://" + t.Cloud.V1IssuerHost + "/" + t.ID + "/"
}

func subscriptionJSON(sub *idp.SubscriptionView) armSubscriptionJSON {
	return armSubscriptionJSON{ID: "/subscriptions/" + sub.ID, AuthorizationSource: "RoleBased",
		ManagedByTenants: []any{}, SubscriptionID: sub.ID, TenantID: sub.Tenant.ID,
		DisplayName: sub.DisplayName, State: sub.State,
		SubscriptionPolicies: map[string]any{"locationPlacementId": "Public_2014-09-01",
			"quotaId": "PayAsYouGo_2014-09-01", "spendingLimit": "Off"}}
}

// sameTenant compares by ID, never by pointer: views are per directory
// snapshot, and a request that reads after its own write (a resource
// group PUT) holds views of two.
func sameTenant(a, b *idp.TenantView) bool { return a.ID == b.ID }
