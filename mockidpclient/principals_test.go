package mockidpclient_test

import (
	"errors"
	"testing"

	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidpclient"
	"github.com/mockidp/mockidp/mockidptest"
)

func vendorIn(t *testing.T, c *mockidpclient.Client, tenant string) (controlapi.ServicePrincipal, bool) {
	t.Helper()
	list, err := c.ServicePrincipals(t.Context(), tenant)
	if err != nil {
		t.Fatal(err)
	}
	for _, sp := range list {
		if sp.AppID == idp.DefaultVendorClientID {
			return sp, true
		}
	}
	return controlapi.ServicePrincipal{}, false
}

// The client's service-principal calls create, consent, revoke and
// delete the vendor app's service principal in the customer tenant; the
// list names it by tenant ID or domain.
func TestServicePrincipalCalls(t *testing.T) {
	srv := mockidptest.NewServer(t)
	c, ctx := srv.Control, t.Context()
	if _, ok := vendorIn(t, c, idp.DefaultCustomerDomain); ok {
		t.Fatal("the default seed consents the vendor app in the customer tenant")
	}
	home, ok := vendorIn(t, c, idp.DefaultTenantID)
	if !ok || home.Kind != controlapi.PrincipalOwn || home.AppOwnerTenantID != idp.DefaultTenantID {
		t.Fatalf("vendor's own service principal = %+v", home)
	}
	if err := c.CreateServicePrincipal(ctx, idp.DefaultCustomerTenantID, idp.DefaultVendorClientID); err != nil {
		t.Fatal(err)
	}
	sp, ok := vendorIn(t, c, idp.DefaultCustomerDomain)
	if !ok || sp.Kind != controlapi.PrincipalConsented || sp.AppOwnerTenantID != idp.DefaultTenantID || len(sp.AppRoleAssignments) != 0 {
		t.Fatalf("created = %+v", sp)
	}
	var e *mockidpclient.Error
	if err := c.CreateServicePrincipal(ctx, idp.DefaultCustomerTenantID, idp.DefaultVendorClientID); !errors.As(err, &e) || e.Status/100 != 4 {
		t.Errorf("second create: %v", err)
	}
	if err := c.GrantAdminConsent(ctx, idp.DefaultCustomerTenantID, idp.DefaultVendorClientID); err != nil {
		t.Fatal(err)
	}
	if sp, _ = vendorIn(t, c, idp.DefaultCustomerTenantID); len(sp.AppRoleAssignments) != 1 || len(sp.ConsentGrants) != 1 {
		t.Fatalf("after admin consent = %+v", sp)
	}
	if err := c.RevokeAdminConsent(ctx, idp.DefaultCustomerTenantID, idp.DefaultVendorClientID); err != nil {
		t.Fatal(err)
	}
	if sp, ok = vendorIn(t, c, idp.DefaultCustomerTenantID); !ok || len(sp.AppRoleAssignments) != 0 || len(sp.ConsentGrants) != 0 {
		t.Fatalf("after revoking admin consent = %+v", sp)
	}
	if err := c.DeleteServicePrincipal(ctx, idp.DefaultCustomerTenantID, idp.DefaultVendorClientID); err != nil {
		t.Fatal(err)
	}
	if _, ok := vendorIn(t, c, idp.DefaultCustomerTenantID); ok {
		t.Fatal("deleted service principal still listed")
	}
	for name, err := range map[string]error{
		"delete again":         c.DeleteServicePrincipal(ctx, idp.DefaultCustomerTenantID, idp.DefaultVendorClientID),
		"delete the home one":  c.DeleteServicePrincipal(ctx, idp.DefaultTenantID, idp.DefaultVendorClientID),
		"single-tenant create": c.CreateServicePrincipal(ctx, idp.DefaultCustomerTenantID, idp.DefaultDaemonClientID),
	} {
		if !errors.As(err, &e) || e.Status/100 != 4 {
			t.Errorf("%s: %v, want a control-API error", name, err)
		}
	}
	if _, err := c.ServicePrincipals(ctx, "nope.example"); !errors.As(err, &e) || e.Status != 404 {
		t.Errorf("unknown tenant: %v", err)
	}
}
