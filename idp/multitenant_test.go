package idp_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/mockidp/mockidp/idp"
)

// Seeds describing service principals, audiences and admin roles are
// checked: a wrong one is refused with a message naming the mistake.
func TestMultiTenantSeedValidation(t *testing.T) {
	customer := func(s *idp.Seed) *idp.Tenant { return &s.Tenants[len(s.Tenants)-1] }
	cases := []struct {
		name   string
		mutate func(*idp.Seed)
		want   string // "" accepts
	}{
		{"service principal of the vendor app", func(s *idp.Seed) {
			customer(s).ServicePrincipals = []idp.ServicePrincipal{{AppID: idp.DefaultVendorClientID}}
		}, ""},
		{"unknown app", func(s *idp.Seed) {
			customer(s).ServicePrincipals = []idp.ServicePrincipal{{AppID: "00000000-0000-4000-8000-00000000abcd"}}
		}, "no tenant of cloud public registers"},
		{"single-tenant app", func(s *idp.Seed) {
			customer(s).ServicePrincipals = []idp.ServicePrincipal{{AppID: idp.DefaultDaemonClientID}}
		}, "is single-tenant"},
		{"in its home tenant", func(s *idp.Seed) {
			s.Tenants[0].ServicePrincipals = []idp.ServicePrincipal{{AppID: idp.DefaultVendorClientID}}
		}, "registers the application itself"},
		{"twice", func(s *idp.Seed) {
			customer(s).ServicePrincipals = []idp.ServicePrincipal{{AppID: idp.DefaultVendorClientID}, {AppID: idp.DefaultVendorClientID}}
		}, "two service principals"},
		{"bad object ID", func(s *idp.Seed) {
			customer(s).ServicePrincipals = []idp.ServicePrincipal{{AppID: idp.DefaultVendorClientID, ObjectID: "x"}}
		}, "is not a GUID"},
		{"unknown audience", func(s *idp.Seed) { s.Tenants[0].Applications[0].SignInAudience = "Everyone" }, "sign_in_audience"},
		{"unknown role", func(s *idp.Seed) { s.Tenants[0].Users[0].Roles = []string{"Owner"} }, "role \"Owner\""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, _ := newStateProvider(t)
			err := p.Update(func(s *idp.Seed) error { tc.mutate(s); return nil })
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// A seeded service principal is the app in the customer tenant: the
// home registration's credentials, the tenant's grants and object ID.
func TestSeededServicePrincipal(t *testing.T) {
	p, _ := newStateProvider(t)
	const oid = "0a0b0c0d-0e0f-4a1b-8c2d-3e4f5a6b7c8d"
	err := p.Update(func(s *idp.Seed) error {
		s.Tenants[len(s.Tenants)-1].ServicePrincipals = []idp.ServicePrincipal{{AppID: idp.DefaultVendorClientID, ObjectID: oid,
			AppRoleAssignments: []idp.RoleAssignment{{Resource: "https://graph.microsoft.com", Roles: []string{"Mail.Read"}}}}}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	tv, _ := p.Directory.TenantByID(idp.DefaultCustomerTenantID)
	app, ok := tv.App(idp.DefaultVendorClientID)
	graph, _ := tv.Resource("https://graph.microsoft.com")
	if !ok || app.ServicePrincipalID != oid || !app.Foreign(tv) || app.Provisional() || len(app.Secrets) != 1 {
		t.Fatalf("app = %+v", app)
	}
	if roles := app.RolesOn(graph); len(roles) != 1 || roles[0] != "Mail.Read" {
		t.Errorf("roles = %v", roles)
	}
	home, _ := p.Directory.TenantByID(idp.DefaultTenantID)
	if own, _ := home.App(idp.DefaultVendorClientID); len(own.RolesOn(graph)) != 0 {
		t.Error("the customer's grant leaked into the home tenant")
	}
}

// Consent, revocation and reads of one service principal race safely:
// every change is serialised and readers see whole directories.
func TestServicePrincipalsConcurrent(t *testing.T) {
	p, _ := newStateProvider(t)
	sps := p.State.ServicePrincipals()
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 50 {
				switch (w + i) % 4 {
				case 0:
					_, _ = sps.GrantAdminConsent(idp.DefaultCustomerTenantID, idp.DefaultVendorClientID)
				case 1:
					_ = sps.Delete(idp.DefaultCustomerTenantID, idp.DefaultVendorClientID)
				case 2:
					_ = p.Consent.GrantConsent(idp.DefaultCustomerTenantID, idp.DefaultVendorClientID, idp.DefaultCustomerUserID,
						"https://graph.microsoft.com", []string{"User.Read"})
				default:
					if _, err := sps.List(idp.DefaultCustomerDomain); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
	tv, _ := p.Directory.TenantByID(idp.DefaultCustomerTenantID)
	if n := len(tv.ServicePrincipals); n > 1 {
		t.Fatalf("%d service principals of one app", n)
	}
}
