package integration_test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/resources/armresources"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidpclient"
	"github.com/mockidp/mockidp/mockidptest"
	"github.com/mockidp/mockidp/scenarios"
)

// userARMCredential signs the default user (Owner of the default
// subscription) in with the seeded public client, through the proxy; the
// user consents to it calling ARM first.
func userARMCredential(t *testing.T, srv *mockidptest.Server) azcore.TokenCredential {
	t.Helper()
	err := srv.IDP.GrantConsent(idp.DefaultTenantID, idp.DefaultCLIClientID, idp.DefaultUserID,
		clouds.Public.ARMAudience(), []string{"user_impersonation"})
	if err != nil {
		t.Fatal(err)
	}
	//lint:ignore SA1019 ROPC is a flow mockidp serves and real clients still call; deprecated there, not removed
	opts := &azidentity.UsernamePasswordCredentialOptions{ClientOptions: policy.ClientOptions{
		Cloud: armCloudConfig(clouds.Public), Transport: srv.ProxyClient()}}
	cred, err := azidentity.NewUsernamePasswordCredential(idp.DefaultTenantID, idp.DefaultCLIClientID, defaultUPN, idp.DefaultUserPassword, opts)
	if err != nil {
		t.Fatal(err)
	}
	return cred
}

var armClaimsChallenge = regexp.MustCompile(`^Bearer authorization_uri="https://login\.windows\.net/", error="insufficient_claims", error_description="[^"]+", claims="([A-Za-z0-9=]+)"$`)

// After a session revocation ARM challenges the CAE-capable token of the
// user; azcore's ARM bearer-token policy asks for a new token with the
// challenge's claims and its retry succeeds, with no error surfacing.
func TestARMCAEChallenge(t *testing.T) {
	revocations := map[string]func(t *testing.T, srv *mockidptest.Server){
		"RevokeSessions": func(t *testing.T, srv *mockidptest.Server) {
			if _, err := srv.IDP.RevokeSessions(idp.DefaultTenantID, idp.DefaultUserID); err != nil {
				t.Fatal(err)
			}
		},
		"cae-revoked preset": func(t *testing.T, srv *mockidptest.Server) { preset(t, srv, "cae-revoked", scenarios.Params{}) },
	}
	for name, revoke := range revocations {
		t.Run(name, func(t *testing.T) {
			srv := mockidptest.NewServer(t)
			ctx := testContext(t)
			groups, err := armresources.NewResourceGroupsClient(idp.DefaultSubscriptionID, userARMCredential(t, srv), armClientOptions(srv, clouds.Public))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := groups.Get(ctx, idp.DefaultResourceGroup, nil); err != nil {
				t.Fatalf("before revocation: %v", err)
			}
			first := userTokens(t, srv)
			if len(first) != 1 || !strings.Contains(strings.ToLower(fmt.Sprint(first[0].Claims["xms_cc"])), "cp1") {
				t.Fatalf("want one CAE-capable token, got %+v", first)
			}

			// Revocation has whole-second precision: let a minute pass first.
			srv.Clock.Advance(time.Minute)
			revoke(t, srv)
			wantARMClaimsChallenge(t, srv, first[0].Token)

			if _, err := groups.Get(ctx, idp.DefaultResourceGroup, nil); err != nil {
				t.Fatalf("azcore did not recover from ARM's claims challenge: %v", err)
			}
			toks := userTokens(t, srv)
			if len(toks) != 2 {
				t.Fatalf("want a second token after the challenge, got %d", len(toks))
			}
			if _, err := groups.Get(ctx, idp.DefaultResourceGroup, nil); err != nil {
				t.Fatalf("the new token was challenged again: %v", err)
			}
			if n := len(userTokens(t, srv)); n != 2 {
				t.Errorf("tokens after a further call: %d, want 2", n)
			}
		})
	}
}

// userTokens lists the tokens issued to the Azure CLI client.
func userTokens(t *testing.T, srv *mockidptest.Server) []controlapi.TokenRecord {
	t.Helper()
	return tokensOf(t, srv, idp.DefaultCLIClientID)
}

// tokensOf lists the tokens issued to a client.
func tokensOf(t *testing.T, srv *mockidptest.Server, clientID string) []controlapi.TokenRecord {
	t.Helper()
	toks, err := srv.Control.Tokens(testContext(t), mockidpclient.Filter{Client: clientID})
	if err != nil {
		t.Fatal(err)
	}
	return toks
}

// wantARMClaimsChallenge calls ARM with a revoked token: 401 in ARM's
// shape with an insufficient_claims challenge whose claims decode the
// same way with either base64 alphabet azcore versions use.
func wantARMClaimsChallenge(t *testing.T, srv *mockidptest.Server, token string) {
	t.Helper()
	req, _ := http.NewRequestWithContext(testContext(t), http.MethodGet,
		"https://management.azure.com/subscriptions/"+idp.DefaultSubscriptionID+"?api-version=2022-12-01", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := srv.ProxyClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	re := wantARMError(t, runtime.NewResponseError(resp), http.StatusUnauthorized, "InvalidAuthenticationToken")
	if !strings.Contains(re.Error(), "TokenIssuedBeforeRevocationTimestamp") {
		t.Errorf("message: %v", re)
	}
	m := armClaimsChallenge.FindStringSubmatch(resp.Header.Get("WWW-Authenticate"))
	if m == nil {
		t.Fatalf("WWW-Authenticate = %q", resp.Header.Get("WWW-Authenticate"))
	}
	std, err1 := base64.StdEncoding.DecodeString(m[1])
	raw, err2 := base64.RawURLEncoding.DecodeString(strings.TrimRight(m[1], "="))
	if err1 != nil || err2 != nil || string(std) != string(raw) || !strings.Contains(string(std), `"nbf"`) {
		t.Errorf("claims %q decode to %q / %q", m[1], std, raw)
	}
}
