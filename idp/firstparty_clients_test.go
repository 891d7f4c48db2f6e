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
			tv, _ := p.TenantByID(tid)
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
		tv, _ := p.TenantByID(idp.DefaultTenantID)
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
	if err := p.GrantConsent(idp.DefaultTenantID, idp.AzureCLIClientID, idp.DefaultUserID,
		idp.DefaultAPIURI, []string{"access_as_user"}); err != nil {
		t.Fatal(err)
	}
	tv, _ := p.TenantByID(idp.DefaultTenantID)
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
