package idp_test

import (
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
)

// FuzzValidateARMToken feeds arbitrary Authorization headers to ARM's
// token check: it must answer with an ARM error, never panic.
func FuzzValidateARMToken(f *testing.F) {
	for _, s := range []string{"", "Bearer", "Bearer a.b.c", "Basic x", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.AA",
		"bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6IngifQ.eyJhdWQiOiJ4In0.c2ln"} {
		f.Add(s)
	}
	p := newAzureProviderF(f)
	f.Fuzz(func(t *testing.T, header string) {
		caller, err := p.Tokens.ValidateARMToken(clouds.Public, header)
		if err == nil || caller != nil {
			t.Fatalf("forged header %q accepted", header)
		}
		if err.Status != 401 || err.Code == "" || err.Challenge == "" {
			t.Fatalf("answer %+v", err)
		}
	})
}

func newAzureProviderF(f *testing.F) *idp.Provider {
	keys, err := idp.KeyringFromPEM(fixtures.SigningPEMs())
	if err != nil {
		f.Fatal(err)
	}
	p, err := idp.New(idp.Options{Keys: keys, Seed: idp.DefaultSeed()})
	if err != nil {
		f.Fatal(err)
	}
	return p
}
