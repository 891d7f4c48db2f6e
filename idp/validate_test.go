package idp_test

import (
	"testing"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
)

// signTest signs claims (a valid ARM token of the default tenant, changed
// by mutate) with the public cloud's key, or with key when given.
func signTest(t *testing.T, p *idp.Provider, key *idp.SigningKey, mutate func(*idp.AccessClaims)) string {
	t.Helper()
	c := idp.AccessClaims{Aud: "https://management.core.windows.net/", Iss: "https://sts.windows.net/" + idp.DefaultTenantID + "/",
		Iat: testNow.Add(-time.Minute).Unix(), Nbf: testNow.Add(-time.Minute).Unix(), Exp: testNow.Add(time.Hour).Unix(),
		Oid: idp.DefaultUserID, Tid: idp.DefaultTenantID, Sub: "s", Ver: "1.0"}
	if mutate != nil {
		mutate(&c)
	}
	if key == nil {
		key, _ = p.Keys().Signer("public")
	}
	tok, err := idp.SignJWT(key, c.TokenVersion(), &c)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestValidateBearer(t *testing.T) {
	p := newProvider(t, nil)
	other, err := idp.ParseSigningKeyPEM(fixtures.SigningPEM("rotated"))
	if err != nil {
		t.Fatal(err)
	}
	only := func(base string) bool { return base == "https://localhost:8443" }
	tests := []struct {
		name   string
		header func() string
		check  func(idp.TokenCheck) idp.TokenCheck
		want   idp.TokenProblem
	}{
		{"valid", func() string { return "Bearer " + signTest(t, p, nil, nil) }, nil, 0},
		{"lower-case scheme", func() string { return "bearer " + signTest(t, p, nil, nil) }, nil, 0},
		{"no header", func() string { return "" }, nil, idp.TokenEmpty},
		{"basic", func() string { return "Basic eDp5" }, nil, idp.TokenNotBearer},
		{"bearer without token", func() string { return "Bearer " }, nil, idp.TokenNotBearer},
		{"not a JWT", func() string { return "Bearer abc" }, nil, idp.TokenMalformed},
		{"garbage segments", func() string { return "Bearer a.b.c" }, nil, idp.TokenMalformed},
		{"unpublished key", func() string { return "Bearer " + signTest(t, p, other, nil) }, nil, idp.TokenBadSignature},
		{"other cloud", func() string { return "Bearer " + signTest(t, p, nil, nil) },
			func(c idp.TokenCheck) idp.TokenCheck { c.Cloud = clouds.USGovernment; return c }, idp.TokenBadSignature},
		{"unknown tenant", func() string {
			return "Bearer " + signTest(t, p, nil, func(c *idp.AccessClaims) {
				c.Tid = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"
				c.Iss = "https://sts.windows.net/" + c.Tid + "/"
			})
		}, nil, idp.TokenBadIssuer},
		{"issuer of another tenant", func() string {
			return "Bearer " + signTest(t, p, nil, func(c *idp.AccessClaims) { c.Iss = "https://sts.windows.net/9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a/" })
		}, nil, idp.TokenBadIssuer},
		{"rooted v1 issuer (v1 issuers are always the cloud's own)", func() string {
			return "Bearer " + signTest(t, p, nil, func(c *idp.AccessClaims) { c.Iss = "https://localhost:8443/" + c.Tid + "/" })
		}, nil, idp.TokenBadIssuer},
		{"rooted issuer, any base", func() string {
			return "Bearer " + signTest(t, p, nil, rootedV2("https://localhost:9999"))
		}, nil, 0},
		{"rooted issuer, base not accepted", func() string {
			return "Bearer " + signTest(t, p, nil, rootedV2("https://localhost:9999"))
		}, func(c idp.TokenCheck) idp.TokenCheck { c.IssuerBaseOK = only; return c }, idp.TokenBadIssuer},
		{"rooted issuer, base accepted", func() string {
			return "Bearer " + signTest(t, p, nil, rootedV2("https://localhost:8443"))
		}, func(c idp.TokenCheck) idp.TokenCheck { c.IssuerBaseOK = only; return c }, 0},
		{"rooted issuer, real issuers only", func() string {
			return "Bearer " + signTest(t, p, nil, rootedV2("https://localhost:8443"))
		}, func(c idp.TokenCheck) idp.TokenCheck { c.IssuerBaseOK = nil; return c }, idp.TokenBadIssuer},
		{"v1 issuer on a v2 token", func() string {
			return "Bearer " + signTest(t, p, nil, func(c *idp.AccessClaims) { c.Ver = "2.0" })
		}, nil, idp.TokenBadIssuer},
		{"graph audience", func() string {
			return "Bearer " + signTest(t, p, nil, func(c *idp.AccessClaims) { c.Aud = "https://graph.microsoft.com" })
		}, nil, idp.TokenBadAudience},
		{"audience without slash", func() string {
			return "Bearer " + signTest(t, p, nil, func(c *idp.AccessClaims) { c.Aud = "https://management.azure.com" })
		}, nil, 0},
		{"expired beyond leeway", func() string {
			return "Bearer " + signTest(t, p, nil, func(c *idp.AccessClaims) { c.Exp = testNow.Add(-6 * time.Minute).Unix() })
		}, nil, idp.TokenExpired},
		{"expired within leeway", func() string {
			return "Bearer " + signTest(t, p, nil, func(c *idp.AccessClaims) { c.Exp = testNow.Add(-4 * time.Minute).Unix() })
		}, nil, 0},
		{"not yet valid", func() string {
			return "Bearer " + signTest(t, p, nil, func(c *idp.AccessClaims) { c.Nbf = testNow.Add(time.Hour).Unix() })
		}, nil, idp.TokenNotYetValid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chk := idp.ARMTokenCheck(clouds.Public)
			if tt.check != nil {
				chk = tt.check(chk)
			}
			v, te := p.Tokens.ValidateBearer(tt.header(), chk)
			switch {
			case tt.want == 0 && te != nil:
				t.Fatalf("rejected: %v", te)
			case tt.want == 0 && (v.Tenant.ID != idp.DefaultTenantID || v.Claims.Oid != idp.DefaultUserID):
				t.Fatalf("accepted as %+v", v)
			case tt.want != 0 && (te == nil || te.Problem != tt.want):
				t.Fatalf("got %v, want %v", te, tt.want)
			case te != nil && !te.Now.Equal(testNow):
				t.Errorf("Now = %v", te.Now)
			}
		})
	}
}

func TestValidateARMTokenWording(t *testing.T) {
	p := newProvider(t, nil)
	expired := signTest(t, p, nil, func(c *idp.AccessClaims) { c.Exp = testNow.Add(-time.Hour).Unix() })
	_, err := p.Tokens.ValidateARMToken(clouds.Public, "Bearer "+expired)
	want := "The access token expiry UTC time '3/1/2026 11:00:00 AM' is earlier than current UTC time '3/1/2026 12:00:00 PM'."
	if err == nil || err.Code != "ExpiredAuthenticationToken" || err.Message != want || err.Status != 401 {
		t.Fatalf("expired: %+v", err)
	}
	noOID := signTest(t, p, nil, func(c *idp.AccessClaims) { c.Oid = "" })
	if _, err := p.Tokens.ValidateARMToken(clouds.Public, "Bearer "+noOID); err == nil || err.Code != "InvalidAuthenticationToken" {
		t.Fatalf("token without oid: %+v", err)
	}
}

// rootedV2 makes a token a v2.0 one issued at base.
func rootedV2(base string) func(*idp.AccessClaims) {
	return func(c *idp.AccessClaims) { c.Ver, c.Iss = "2.0", base+"/"+c.Tid+"/v2.0" }
}
