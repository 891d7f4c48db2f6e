package integration_test

import (
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/mockidp/mockidp/idp"
	"golang.org/x/oauth2"
)

// x/oauth2 with PKCE against the web app: AuthCodeURL, the code from the
// redirect, Exchange with the verifier; go-oidc verifies the ID token and
// its nonce; Refresh through the token source.
func TestOAuth2PKCE(t *testing.T) {
	srv := userFlowServer(t)
	ctx := oidc.ClientContext(testContext(t), srv.Client())
	provider, err := oidc.NewProvider(ctx, srv.AuthorityURL(idp.DefaultTenantID)+"/v2.0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := oauth2.Config{ClientID: webClientID, ClientSecret: webSecret, Endpoint: provider.Endpoint(),
		RedirectURL: "https://app.example/cb", Scopes: []string{oidc.ScopeOpenID, "profile", "offline_access", "User.Read"}}
	verifier := oauth2.GenerateVerifier()
	u := cfg.AuthCodeURL("state-1", oauth2.S256ChallengeOption(verifier), oidc.Nonce("nonce-1"),
		oauth2.SetAuthURLParam("login_hint", botUPN))
	q := codeFromRedirect(t, srv, u)
	if q.Get("state") != "state-1" {
		t.Errorf("state = %q", q.Get("state"))
	}
	if _, err := cfg.Exchange(ctx, q.Get("code"), oauth2.VerifierOption("wrong"+verifier)); err == nil ||
		!contains(err.Error(), "AADSTS501481") {
		t.Fatalf("wrong verifier: %v", err)
	}
	tok, err := cfg.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("Exchange: %v", err)
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, err := provider.Verifier(&oidc.Config{ClientID: webClientID}).Verify(ctx, raw)
	if err != nil {
		t.Fatalf("go-oidc: %v", err)
	}
	if idt.Nonce != "nonce-1" {
		t.Errorf("nonce = %q", idt.Nonce)
	}
	var claims struct {
		PreferredUsername string `json:"preferred_username"`
	}
	if err := idt.Claims(&claims); err != nil || claims.PreferredUsername != botUPN {
		t.Errorf("preferred_username = %q, %v", claims.PreferredUsername, err)
	}
	tok.Expiry = time.Now().Add(-time.Minute) // force the token source to refresh
	fresh, err := cfg.TokenSource(ctx, tok).Token()
	if err != nil || fresh.AccessToken == tok.AccessToken {
		t.Fatalf("refresh: %v", err)
	}
	wantClaim(t, claimsOf(t, fresh.AccessToken), "scp", "User.Read openid profile")
}
