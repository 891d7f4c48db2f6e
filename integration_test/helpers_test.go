// Package integration_test drives real clients (MSAL for Go, azidentity,
// go-oidc, x/oauth2) against mockidp: in-process through mockidptest, and in
// Docker through the container module.
package integration_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// cloudCase is one national cloud with its default tenant.
type cloudCase struct {
	cloud  *clouds.Cloud
	tenant string
}

var testClouds = []cloudCase{
	{clouds.Public, idp.DefaultTenantID},
	{clouds.USGovernment, idp.DefaultUSGovTenantID},
	{clouds.China, idp.DefaultChinaTenantID},
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// claimsOf decodes a JWT payload without verifying it.
func claimsOf(t *testing.T, token string) map[string]any {
	t.Helper()
	var c map[string]any
	if err := idp.DecodeUnverifiedJWT(token, nil, &c); err != nil {
		t.Fatalf("token %q: %v", token, err)
	}
	return c
}

// verifyWithOIDC checks token with a go-oidc verifier built from mockidp's
// discovery document for the token's version: v2 tokens from
// {tenant}/v2.0/.well-known, whose issuer is rooted at the authority; v1
// tokens as a resource server configures them, with the cloud's own v1
// issuer (https://sts.windows.net/{tid}/) and mockidp's v1 discovery
// document, which must name that issuer too.
func verifyWithOIDC(t *testing.T, srv *mockidptest.Server, cc cloudCase, token, audience string) error {
	t.Helper()
	ctx := oidc.ClientContext(testContext(t), srv.Client())
	discovery := srv.CloudAuthorityURL(cc.cloud, cc.tenant) + "/v2.0"
	if claimsOf(t, token)["ver"] != "2.0" {
		discovery = srv.CloudAuthorityURL(cc.cloud, cc.tenant) + "/"
		ctx = oidc.InsecureIssuerURLContext(ctx, v1Issuer(cc))
	}
	provider, err := oidc.NewProvider(ctx, discovery)
	if err != nil {
		t.Fatalf("go-oidc discovery of %s: %v", discovery, err)
	}
	var doc struct {
		Issuer string `json:"issuer"`
	}
	if err := provider.Claims(&doc); err != nil || claimsOf(t, token)["ver"] != "2.0" && doc.Issuer != v1Issuer(cc) {
		t.Fatalf("v1 discovery names issuer %q (%v), want %s", doc.Issuer, err, v1Issuer(cc))
	}
	_, err = provider.Verifier(&oidc.Config{ClientID: audience}).Verify(ctx, token)
	return err
}

// v1Issuer is the cloud's v1.0 issuer of the case's tenant.
func v1Issuer(cc cloudCase) string { return "https://" + cc.cloud.V1IssuerHost + "/" + cc.tenant + "/" }

func wantClaim(t *testing.T, claims map[string]any, name string, want any) {
	t.Helper()
	if got := claims[name]; got != want {
		t.Errorf("claim %s = %v, want %v", name, got, want)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
