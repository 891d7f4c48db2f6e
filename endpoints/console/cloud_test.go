package console

import (
	"testing"

	"github.com/mockidp/mockidp/idp"
)

// A seed may name a tenant's cloud by its environment name or in another
// case; device codes carry the short name, and the approve form must
// still offer that tenant's users.
func TestApproversMatchTheCloudHoweverTheSeedSpellsIt(t *testing.T) {
	for _, spelling := range []string{"usgov", "USGov", "AzureUSGovernmentCloud"} {
		tenants := []idp.Tenant{{ID: "t1", Cloud: spelling, Users: []idp.User{{UserPrincipalName: "a@x"}}}}
		if got := approvers(tenants, idp.DeviceAuthorization{Cloud: "usgov"}); len(got) != 1 {
			t.Errorf("cloud %q: %d approvers, want 1", spelling, len(got))
		}
		if got := cloudOf(tenants[0]); got != "usgov" {
			t.Errorf("cloudOf(%q) = %q", spelling, got)
		}
	}
}
