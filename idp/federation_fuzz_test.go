package idp

import (
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/internal/fixtures"
)

func fixturesPEMs() map[string][]byte { return fixtures.SigningPEMs() }

func FuzzParseJWKS(f *testing.F) {
	f.Add([]byte(`{"keys":[{"kty":"RSA","kid":"a","n":"AQAB","e":"AQAB"}]}`))
	f.Add([]byte(`{"keys":[]}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		keys, err := ParseJWKS(data)
		if err == nil && len(keys) == 0 {
			t.Fatal("no error and no keys")
		}
	})
}

// FuzzFederatedAssertion feeds arbitrary client assertions to the
// federated path as the default identity: never a panic, always an *Error.
func FuzzFederatedAssertion(f *testing.F) {
	keys, err := KeyringFromPEM(fixturesPEMs())
	if err != nil {
		f.Fatal(err)
	}
	p, err := New(Options{Keys: keys, Seed: DefaultSeed()})
	if err != nil {
		f.Fatal(err)
	}
	tv, _ := p.Directory.ResolveTenant(NewSite(clouds.Public, "https://localhost"), DefaultTenantID)
	f.Add("eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2xvY2FsaG9zdC9fbW9ja2lkcC93b3JrbG9hZC1pZGVudGl0eSJ9.c2ln")
	f.Add("a.b.c")
	f.Add("")
	f.Fuzz(func(t *testing.T, assertion string) {
		_, _, err := p.Clients.AuthenticateClient(tv.Tenant, ClientCredential{ClientID: DefaultIdentityClientID,
			Assertion: assertion, AssertionType: AssertionTypeJWTBearer})
		if assertion != "" && CodeOf(err) == 0 {
			t.Fatalf("assertion %q: err %v is not an AADSTS error", assertion, err)
		}
	})
}
