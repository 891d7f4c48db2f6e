package idp_test

import (
	"slices"
	"testing"

	"github.com/mockidp/mockidp/idp"
)

func TestFirstPartyClients(t *testing.T) {
	t.Run("Azure CLI in every tenant, pre-authorized for ARM", func(t *testing.T) {
		p := newProvider(t, nil)
		for _, tid := range []string{idp.DefaultTenantID, idp.DefaultUSGovTenantID, idp.DefaultChinaTenantID} {
			tv, _ := p.Directory.TenantByID(tid)
			cli, ok := tv.App(idp.AzureCLIClientID)
			if !ok || !cli.PublicClient {
				t.Fatalf("%s: Azure CLI = %+v, %v", tid, cli, ok)
			}
			arm, ok := tv.Resource(tv.Cloud.ARMAudience())
			if !ok || !slices.Contains(cli.ConsentedScopes(arm, nil), "user_impersonation") {
				t.Errorf("%s: ARM scopes consented to the Azure CLI: %v", tid, cli.ConsentedScopes(arm, nil))
			}
		}
		if slices.ContainsFunc(p.Seed().Tenants[0].Applications, func(a idp.Application) bool { return a.ClientID == idp.AzureCLIClientID }) {
			t.Error("the built-in client leaked into the seed")
		}
	})
	t.Run("a seed application replaces it", func(t *testing.T) {
		p := newProvider(t, func(s *idp.Seed) {
			s.Tenants[0].Applications = append(s.Tenants[0].Applications,
				idp.Application{ClientID: idp.AzureCLIClientID, DisplayName: "my CLI", PublicClient: true})
		})
		tv, _ := p.Directory.TenantByID(idp.DefaultTenantID)
		cli, _ := tv.App(idp.AzureCLIClientID)
		arm, _ := tv.Resource(tv.Cloud.ARMAudience())
		if cli.DisplayName != "my CLI" || len(cli.ConsentedScopes(arm, nil)) != 0 {
			t.Errorf("Azure CLI = %+v", cli.Application)
		}
	})
}

// Consent beyond the Azure CLI's pre-authorization is recorded: the
// built-in client joins the tenant's seed, keeping what it had.
func TestGrantConsentToBuiltInClient(t *testing.T) {
	p := newProvider(t, nil)
	if err := p.Consent.GrantConsent(idp.DefaultTenantID, idp.AzureCLIClientID, idp.DefaultUserID,
		idp.DefaultAPIURI, []string{"access_as_user"}); err != nil {
		t.Fatal(err)
	}
	tv, _ := p.Directory.TenantByID(idp.DefaultTenantID)
	cli, ok := tv.App(idp.AzureCLIClientID)
	if !ok {
		t.Fatal("Azure CLI client missing")
	}
	alex, _ := tv.User(idp.DefaultUserID)
	api, _ := tv.Resource(idp.DefaultAPIURI)
	graph, _ := tv.Resource(idp.GraphAppID)
	if got := cli.ConsentedScopes(api, alex); !slices.Contains(got, "access_as_user") {
		t.Errorf("API consent = %v", got)
	}
	if got := cli.ConsentedScopes(graph, alex); !slices.Contains(got, "User.Read") {
		t.Errorf("pre-authorized Graph consent lost: %v", got)
	}
}

// RemoveAppRole reaches a managed identity's service principal too.
func TestRemoveAppRoleOfManagedIdentity(t *testing.T) {
	p := newProvider(t, nil)
	graph := "https://graph.microsoft.com"
	tv, _ := p.Directory.TenantByID(idp.DefaultTenantID)
	if mi, ok := tv.App(idp.DefaultIdentityClientID); ok {
		t.Fatalf("identity must not be an application: %v", mi)
	}
	had := false
	for _, mi := range p.Seed().Tenants[0].ManagedIdentities {
		for _, ra := range mi.AppRoleAssignments {
			had = had || (mi.ClientID == idp.DefaultIdentityClientID && ra.Resource == graph && len(ra.Roles) > 0)
		}
	}
	if !had {
		t.Fatal("the default identity should start with Graph roles")
	}
	if err := p.State.RemoveAppRole(idp.DefaultTenantID, idp.DefaultIdentityClientID, graph, ""); err != nil {
		t.Fatal(err)
	}
	for _, mi := range p.Seed().Tenants[0].ManagedIdentities {
		if mi.ClientID != idp.DefaultIdentityClientID {
			continue
		}
		for _, ra := range mi.AppRoleAssignments {
			if ra.Resource == graph && len(ra.Roles) > 0 {
				t.Fatalf("roles left on Graph: %v", ra.Roles)
			}
		}
		return
	}
	t.Fatal("default identity missing")
}
