package mockidpclient

import (
	"context"
	"net/http"

	"github.com/mockidp/mockidp/controlapi"
)

// ServicePrincipals lists a tenant's (ID or verified domain) service
// principals: its own apps, consented multi-tenant apps of other tenants
// and Microsoft's first-party apps.
func (c *Client) ServicePrincipals(ctx context.Context, tenant string) ([]controlapi.ServicePrincipal, error) {
	var out []controlapi.ServicePrincipal
	err := c.do(ctx, http.MethodGet, controlapi.ServicePrincipalsPath(tenant), nil, &out)
	return out, err
}

// CreateServicePrincipal brings a multi-tenant app of another tenant into
// tenant without any grant.
func (c *Client) CreateServicePrincipal(ctx context.Context, tenant, clientID string) error {
	return c.State(ctx, controlapi.OpCreateServicePrincipal, controlapi.Params{Tenant: tenant, ClientID: clientID})
}

// DeleteServicePrincipal removes the app's service principal from tenant
// with its grants: AADSTS700016 for client credentials, 65001 for users.
func (c *Client) DeleteServicePrincipal(ctx context.Context, tenant, clientID string) error {
	return c.State(ctx, controlapi.OpDeleteServicePrincipal, controlapi.Params{Tenant: tenant, ClientID: clientID})
}

// GrantAdminConsent consents in tenant to the app's configured
// permissions for everyone, as an administrator would.
func (c *Client) GrantAdminConsent(ctx context.Context, tenant, clientID string) error {
	return c.State(ctx, controlapi.OpGrantAdminConsent, controlapi.Params{Tenant: tenant, ClientID: clientID})
}

// RevokeAdminConsent removes the tenant-wide grants and app roles of the
// app in tenant; the service principal stays.
func (c *Client) RevokeAdminConsent(ctx context.Context, tenant, clientID string) error {
	return c.State(ctx, controlapi.OpRevokeAdminConsent, controlapi.Params{Tenant: tenant, ClientID: clientID})
}
