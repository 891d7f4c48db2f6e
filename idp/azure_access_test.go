package idp_test

import (
	"strings"
	"testing"

	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
)

func newAzureProvider(t *testing.T, seed idp.Seed) *idp.Provider {
	t.Helper()
	keys, err := idp.KeyringFromPEM(fixtures.SigningPEMs())
	if err != nil {
		t.Fatal(err)
	}
	p, err := idp.New(idp.Options{Keys: keys, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRolePermits(t *testing.T) {
	custom := idp.RoleDefinition{ID: "9a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", Name: "Group Reader",
		Actions: []string{"Microsoft.Resources/subscriptions/resourceGroups/*"}, NotActions: []string{"*/delete"}}
	roles := map[string]idp.RoleDefinition{"Group Reader": custom}
	for _, rd := range idp.BuiltInRoles {
		roles[rd.Name] = rd
	}
	tests := []struct {
		role, action string
		want         bool
	}{
		{"Owner", "Microsoft.Authorization/roleAssignments/write", true},
		{"Contributor", "Microsoft.Resources/subscriptions/resourceGroups/write", true},
		{"Contributor", "Microsoft.Authorization/roleAssignments/write", false},
		{"Contributor", "microsoft.authorization/roleassignments/delete", false},
		{"Contributor", "Microsoft.Authorization/roleAssignments/read", true},
		{"Reader", "Microsoft.Resources/subscriptions/resourceGroups/read", true},
		{"Reader", "Microsoft.Resources/subscriptions/resourceGroups/write", false},
		{"Group Reader", "Microsoft.Resources/subscriptions/resourceGroups/write", true},
		{"Group Reader", "Microsoft.Resources/subscriptions/resourceGroups/delete", false},
		{"Group Reader", "Microsoft.Resources/subscriptions/read", false},
	}
	for _, tt := range tests {
		t.Run(tt.role+" "+tt.action, func(t *testing.T) {
			rd := roles[tt.role]
			if got := rd.Permits(tt.action); got != tt.want {
				t.Errorf("Permits = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDefaultSubscriptionAccess(t *testing.T) {
	p := newAzureProvider(t, idp.DefaultSeed())
	sub, ok := p.Directory.Subscription(strings.ToUpper(idp.DefaultSubscriptionID))
	if !ok {
		t.Fatal("default subscription missing")
	}
	if sub.Tenant.ID != idp.DefaultTenantID || sub.State != idp.SubscriptionEnabled {
		t.Fatalf("subscription = %+v", sub.Subscription)
	}
	daemon := idp.DefaultDaemonPrincipalID(idp.DefaultTenantID)
	mi := idp.DefaultManagedIdentityPrincipalID
	write := "Microsoft.Resources/subscriptions/resourceGroups/write"
	tests := []struct {
		name, principal, group string
		want                   bool
	}{
		{"daemon at subscription", daemon, "", true},
		{"daemon at group", daemon, "other-rg", true},
		{"user at subscription", idp.DefaultUserID, "", true},
		{"identity at its group", mi, "MOCKIDP-RG", true},
		{"identity at subscription", mi, "", false},
		{"identity at another group", mi, "other-rg", false},
		{"stranger", "11111111-2222-4333-8444-555555555555", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sub.Allowed(tt.principal, write, tt.group); got != tt.want {
				t.Errorf("Allowed = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestResourceGroupChanges(t *testing.T) {
	p := newAzureProvider(t, idp.DefaultSeed())
	created, err := p.State.PutResourceGroup(idp.DefaultSubscriptionID, idp.ResourceGroup{Name: "new-rg", Location: "westus"})
	if err != nil || !created {
		t.Fatalf("create = %v, %v", created, err)
	}
	created, err = p.State.PutResourceGroup(idp.DefaultSubscriptionID, idp.ResourceGroup{Name: "NEW-RG", Location: "westus",
		Tags: map[string]string{"a": "b"}})
	if err != nil || created {
		t.Fatalf("update = %v, %v", created, err)
	}
	sub, _ := p.Directory.Subscription(idp.DefaultSubscriptionID)
	if rg, ok := sub.Group("new-rg"); !ok || rg.Name != "new-rg" || rg.Tags["a"] != "b" {
		t.Fatalf("group after update = %+v, %v", rg, ok)
	}
	if _, err := p.State.PutResourceGroup(idp.DefaultSubscriptionID, idp.ResourceGroup{Name: "bad/name", Location: "x"}); err == nil {
		t.Error("bad name accepted")
	}
	found, err := p.State.DeleteResourceGroup(idp.DefaultSubscriptionID, idp.DefaultResourceGroup)
	if err != nil || !found {
		t.Fatalf("delete = %v, %v", found, err)
	}
	sub, _ = p.Directory.Subscription(idp.DefaultSubscriptionID)
	if _, ok := sub.Group(idp.DefaultResourceGroup); ok || sub.Assigned(idp.DefaultManagedIdentityPrincipalID) {
		t.Error("group or its assignment survived the delete")
	}
	n, err := p.State.RemoveRoleAssignments(idp.DefaultSubscriptionID, idp.DefaultUserID)
	if err != nil || n != 1 {
		t.Fatalf("remove = %d, %v", n, err)
	}
	if _, err := p.State.PutResourceGroup("00000000-0000-4000-8000-000000000000", idp.ResourceGroup{Name: "x", Location: "y"}); err == nil {
		t.Error("unknown subscription accepted")
	}
}

func TestAzureSeedErrors(t *testing.T) {
	base := func() idp.Seed { return idp.DefaultSeed() }
	tests := []struct {
		name   string
		change func(*idp.Seed)
		want   string
	}{
		{"bad id", func(s *idp.Seed) { s.Subscriptions[0].ID = "nope" }, "not a GUID"},
		{"unknown tenant", func(s *idp.Seed) { s.Subscriptions[0].TenantID = "00000000-0000-4000-8000-000000000000" }, "not a tenant"},
		{"unknown role", func(s *idp.Seed) { s.Subscriptions[0].RoleAssignments[0].Role = "Janitor" }, "neither a built-in role"},
		{"bad principal type", func(s *idp.Seed) { s.Subscriptions[0].RoleAssignments[0].PrincipalType = "Robot" }, "principal_type"},
		{"group without location", func(s *idp.Seed) { s.Subscriptions[0].ResourceGroups[0].Location = "" }, "location is empty"},
		{"duplicate group", func(s *idp.Seed) {
			s.Subscriptions[0].ResourceGroups = append(s.Subscriptions[0].ResourceGroups, idp.ResourceGroup{Name: "MOCKIDP-RG", Location: "x"})
		}, "appears twice"},
		{"custom role clash", func(s *idp.Seed) {
			s.RoleDefinitions = []idp.RoleDefinition{{ID: "9a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", Name: "owner", Actions: []string{"*"}}}
		}, "already names"},
		{"custom role without actions", func(s *idp.Seed) {
			s.RoleDefinitions = []idp.RoleDefinition{{ID: "9a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", Name: "Empty"}}
		}, "actions is empty"},
	}
	p := newAzureProvider(t, base())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := p.Update(func(s *idp.Seed) error { tt.change(s); return nil })
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
