package idp

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/internal/fixtures"
)

func newTestProvider(t *testing.T, seed Seed) *Provider {
	t.Helper()
	keys, err := KeyringFromPEM(fixtures.SigningPEMs())
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(Options{Keys: keys, Seed: seed, Clock: NewFixedClock(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSelectIdentity(t *testing.T) {
	p := newTestProvider(t, DefaultSeed())
	vm, ok := p.Directory.DefaultCompute(ComputeVM)
	if !ok || vm.Name != DefaultVMName {
		t.Fatalf("default VM = %v, %v", vm, ok)
	}
	uamiRID := "/subscriptions/" + DefaultSubscriptionID + "/resourcegroups/" + DefaultResourceGroup + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + DefaultIdentityName
	tests := []struct {
		name string
		sel  IdentitySelector
		want string
		err  error
	}{
		{"system by default", IdentitySelector{}, DefaultVMIdentityClientID, nil},
		{"client ID", IdentitySelector{ClientID: strings.ToUpper(DefaultIdentityClientID)}, DefaultIdentityClientID, nil},
		{"object ID", IdentitySelector{ObjectID: DefaultIdentityPrincipalID}, DefaultIdentityClientID, nil},
		{"resource ID, other case and slash", IdentitySelector{ResourceID: strings.ToUpper(uamiRID) + "/"}, DefaultIdentityClientID, nil},
		{"unknown client ID", IdentitySelector{ClientID: DefaultDaemonClientID}, "", ErrIdentityNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := vm.SelectIdentity(tc.sel)
			if !errors.Is(err, tc.err) {
				t.Fatalf("err = %v, want %v", err, tc.err)
			}
			if err == nil && got.ClientID != tc.want {
				t.Errorf("identity = %s, want %s", got.ClientID, tc.want)
			}
		})
	}
}

func TestSelectIdentityWithoutSystem(t *testing.T) {
	seed := DefaultSeed()
	seed.Tenants[0].ManagedIdentities = append(seed.Tenants[0].ManagedIdentities, ManagedIdentity{Name: "second"})
	seed.Tenants[0].Computes = append(seed.Tenants[0].Computes,
		Compute{Name: "one", Kind: ComputeVM, UserAssigned: []string{DefaultIdentityName}},
		Compute{Name: "two", Kind: ComputeVM, UserAssigned: []string{DefaultIdentityName, "second"}},
		Compute{Name: "none", Kind: ComputeVM})
	p := newTestProvider(t, seed)
	for name, want := range map[string]error{"one": nil, "two": ErrIdentityAmbiguous, "none": ErrIdentityNotFound} {
		cv, _ := p.Directory.Compute(name)
		if _, err := cv.SelectIdentity(IdentitySelector{}); !errors.Is(err, want) {
			t.Errorf("%s: err = %v, want %v", name, err, want)
		}
	}
}

func TestComputeValidation(t *testing.T) {
	tests := []struct {
		name    string
		compute Compute
		want    string
	}{
		{"no name", Compute{Kind: ComputeVM}, "name is required"},
		{"bad kind", Compute{Name: "x", Kind: "mainframe"}, `kind "mainframe"`},
		{"unknown identity", Compute{Name: "x", Kind: ComputeVM, UserAssigned: []string{"nope"}}, `user_assigned "nope"`},
		{"bad system IDs", Compute{Name: "x", Kind: ComputeVM, SystemAssigned: &ManagedIdentity{ClientID: "nope"}}, "must be GUIDs"},
		{"unknown user", Compute{Name: "x", Kind: ComputeCloudShell, User: "nobody@contoso.com"}, `user "nobody@contoso.com"`},
		{"duplicate name", Compute{Name: DefaultVMName, Kind: ComputeVM}, "appears twice"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			seed := DefaultSeed()
			seed.Tenants[0].Computes = append(seed.Tenants[0].Computes, tc.compute)
			keys, _ := KeyringFromPEM(fixtures.SigningPEMs())
			_, err := New(Options{Keys: keys, Seed: seed})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestMintManagedIdentityToken(t *testing.T) {
	p := newTestProvider(t, DefaultSeed())
	vm, _ := p.Directory.Compute(DefaultVMName)
	site := NewSite(clouds.Public, "https://"+clouds.Public.LoginHost)
	uami, _ := vm.SelectIdentity(IdentitySelector{ClientID: DefaultIdentityClientID})
	tok, err := p.Tokens.MintManagedIdentityToken(ManagedIdentityTokenSpec{Site: site, Compute: vm, Identity: uami, Resource: DefaultAPIURI})
	if err != nil {
		t.Fatal(err)
	}
	c := tok.Claims
	if c.Ver != "2.0" || c.Aud != DefaultAPIClientID || c.Azp != DefaultIdentityClientID || c.AzpAcr != "2" ||
		c.Oid != DefaultIdentityPrincipalID || c.Sub != c.Oid || c.Idtyp != "app" || c.Iss != "https://login.microsoftonline.com/"+DefaultTenantID+"/v2.0" {
		t.Errorf("v2 claims = %+v", c)
	}
	if c.XmsAzRid != vm.ResourceID || !strings.HasSuffix(c.XmsMirid, "/userAssignedIdentities/"+DefaultIdentityName) {
		t.Errorf("xms_az_rid %q xms_mirid %q", c.XmsAzRid, c.XmsMirid)
	}
	if len(c.Roles) != 1 || c.Roles[0] != "Tasks.Read.All" || tok.ExpiresIn() != 86399 {
		t.Errorf("roles %v expires_in %d", c.Roles, tok.ExpiresIn())
	}
	tok, err = p.Tokens.MintManagedIdentityToken(ManagedIdentityTokenSpec{Site: site, Compute: vm, Identity: vm.System, Resource: "https://management.azure.com/"})
	if err != nil {
		t.Fatal(err)
	}
	c = tok.Claims
	if c.Ver != "1.0" || c.Aud != "https://management.azure.com/" || c.AppID != DefaultVMIdentityClientID || c.AppIDAcr != "2" ||
		c.Idp != c.Iss || c.Iss != "https://sts.windows.net/"+DefaultTenantID+"/" || c.XmsMirid != vm.ResourceID || c.XmsAzRid != "" {
		t.Errorf("v1 system claims = %+v", c)
	}
	_, err = p.Tokens.MintManagedIdentityToken(ManagedIdentityTokenSpec{Site: site, Compute: vm, Identity: vm.System, Resource: "https://nowhere.example"})
	if CodeOf(err) != 500011 {
		t.Errorf("unknown resource: %v", err)
	}
}

// Managed-identity tokens go through the same mint as every other token:
// the identity's clock skew and a claims request apply to them too.
func TestManagedIdentityTokenSkewAndClaims(t *testing.T) {
	p := newTestProvider(t, DefaultSeed())
	vm, _ := p.Directory.Compute(DefaultVMName)
	site := NewSite(clouds.Public, "https://"+clouds.Public.LoginHost)
	p.State.SetClientSkew(vm.System.ClientID, time.Hour)
	tok, err := p.Tokens.MintManagedIdentityToken(ManagedIdentityTokenSpec{Site: site, Compute: vm, Identity: vm.System,
		Resource: "https://management.azure.com/", Claims: ClaimsRequest{Capabilities: []string{"cp1"}}})
	if err != nil {
		t.Fatal(err)
	}
	if want := p.Clock().Now().Add(time.Hour); !tok.IssuedAt.Equal(want) {
		t.Errorf("issued at %v, want the skewed %v", tok.IssuedAt, want)
	}
	if len(tok.Claims.XmsCC) != 1 || tok.Claims.XmsCC[0] != "cp1" {
		t.Errorf("xms_cc = %v", tok.Claims.XmsCC)
	}
}
