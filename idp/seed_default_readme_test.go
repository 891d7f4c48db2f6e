package idp_test

import (
	"os"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/idp"
)

// README's table of the default managed identities states the seed's real
// IDs, and each identity holds the Azure role the table gives it.
func TestREADMENamesDefaultIdentities(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{} // name → row
	for _, line := range strings.Split(string(readme), "\n") {
		if name, ok := strings.CutPrefix(line, "| `mockidp-"); ok && strings.Contains(line, "Contributor on `mockidp-rg`") {
			rows["mockidp-"+name[:strings.Index(name, "`")]] = line
		}
	}
	s := idp.DefaultSeed()
	tn := s.Tenants[0]
	type identity struct{ name, client, principal string }
	var ids []identity
	for _, mi := range tn.ManagedIdentities {
		ids = append(ids, identity{mi.Name, mi.ClientID, mi.PrincipalID})
	}
	for _, c := range tn.Computes {
		if c.SystemAssigned != nil {
			ids = append(ids, identity{c.Name, c.SystemAssigned.ClientID, c.SystemAssigned.PrincipalID})
		}
	}
	if len(rows) != len(ids) {
		t.Errorf("README lists %d identities, the seed has %d", len(rows), len(ids))
	}
	p, _ := newStateProvider(t)
	sub, ok := p.Directory.Subscription(idp.DefaultSubscriptionID)
	if !ok {
		t.Fatal("no default subscription")
	}
	for _, id := range ids {
		row := rows[id.name]
		if !strings.Contains(row, "`"+id.client+"`") || !strings.Contains(row, "`"+id.principal+"`") {
			t.Errorf("README row of %s = %q, want client %s and principal %s", id.name, row, id.client, id.principal)
		}
		if !sub.Allowed(id.principal, "Microsoft.Resources/deployments/write", idp.DefaultResourceGroup) || !sub.Assigned(id.principal) {
			t.Errorf("%s (%s) is not Contributor on %s", id.name, id.principal, idp.DefaultResourceGroup)
		}
	}
}
