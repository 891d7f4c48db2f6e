package idp_test

import (
	"sync"
	"testing"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// appToken is the claims of an app-only token of client, issued (iat
// backdated by Entra's five minutes) at issued.
func appToken(client string, issued time.Time) *idp.AccessClaims {
	return &idp.AccessClaims{Idtyp: "app", Tid: idp.DefaultTenantID, AppID: client, XmsCC: []string{"cp1"},
		Iat: issued.Add(-5 * time.Minute).Unix(), Nbf: issued.Add(-5 * time.Minute).Unix()}
}

// A disabled service principal is a revocation event for the tokens
// issued before it, and only for the workloads CAE covers.
func TestWorkloadRevokedAt(t *testing.T) {
	p, clock := newStateProvider(t)
	before := clock.Now()
	clock.Advance(time.Minute)
	for _, app := range []string{idp.DefaultDaemonClientID, idp.DefaultVendorClientID} {
		if err := p.SetAppDisabled(idp.DefaultTenantID, app, true); err != nil {
			t.Fatal(err)
		}
	}
	revokedAt := clock.Now()
	if err := p.SetAppDisabled(idp.DefaultTenantID, idp.DefaultDaemonClientID, true); err == nil {
		t.Error("disabling a disabled app reported a change")
	}
	clock.Advance(time.Minute)
	if err := p.SetAppDisabled(idp.DefaultTenantID, idp.DefaultDaemonClientID, false); err != nil {
		t.Fatal(err)
	}
	user := appToken(idp.DefaultDaemonClientID, before)
	user.Idtyp, user.Oid = "user", idp.DefaultUserID
	v2 := appToken("", before)
	v2.Azp = idp.DefaultDaemonClientID
	otherTenant := appToken(idp.DefaultDaemonClientID, before)
	otherTenant.Tid = idp.DefaultCustomerTenantID
	tests := []struct {
		name   string
		claims *idp.AccessClaims
		want   bool
	}{
		{"daemon token from before", appToken(idp.DefaultDaemonClientID, before), true},
		{"v2 daemon token from before", v2, true},
		{"daemon token from the revocation's second", appToken(idp.DefaultDaemonClientID, revokedAt), false},
		{"daemon token from after enabling", appToken(idp.DefaultDaemonClientID, clock.Now()), false},
		{"multi-tenant app", appToken(idp.DefaultVendorClientID, before), false},
		{"user token", user, false},
		{"unknown app", appToken("00000000-0000-0000-0000-000000000001", before), false},
		{"app unknown in the token's tenant", otherTenant, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			at, got := p.WorkloadRevokedAt(tc.claims)
			if got != tc.want {
				t.Fatalf("revoked = %v, want %v", got, tc.want)
			}
			if got && !at.Equal(revokedAt) {
				t.Errorf("revoked at %s, want %s", at, revokedAt)
			}
		})
	}
}

// Disabling and enabling race with client credentials and with
// resources evaluating tokens; -race checks the provider's locking.
func TestWorkloadRevocationConcurrent(t *testing.T) {
	p, clock := newStateProvider(t)
	tok := appToken(idp.DefaultDaemonClientID, clock.Now())
	clock.Advance(time.Minute)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 50 {
				if i%2 == 0 {
					_ = p.SetAppDisabled(idp.DefaultTenantID, idp.DefaultDaemonClientID, i%4 == 0)
					continue
				}
				p.WorkloadRevokedAt(tok)
				if _, err := p.ClientCredentials(daemonCPRequest(p)); err != nil && idp.CodeOf(err) != 7000112 {
					t.Errorf("client credentials: %v", err)
				}
			}
		})
	}
	wg.Wait()
	if _, revoked := p.WorkloadRevokedAt(tok); !revoked {
		t.Error("the token from before the first disabling is not revoked")
	}
}

// daemonCPRequest is the default daemon's client-credentials request for
// Graph with cp1, resolved against the provider's current directory.
func daemonCPRequest(p *idp.Provider) idp.ClientCredentialsRequest {
	site := idp.NewSite(clouds.Public, "https://localhost:8443")
	ref, _ := p.ResolveTenant(site, idp.DefaultTenantID)
	return idp.ClientCredentialsRequest{Site: site, Tenant: ref, Scope: "https://graph.microsoft.com/.default",
		Client: idp.ClientCredential{ClientID: idp.DefaultDaemonClientID, Secret: idp.DefaultDaemonSecret},
		Claims: `{"access_token":{"xms_cc":{"values":["cp1"]}}}`}
}
