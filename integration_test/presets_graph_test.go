package integration_test

import (
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidpclient"
	"github.com/mockidp/mockidp/mockidptest"
	"github.com/mockidp/mockidp/scenarios"
)

func wantGraph(t *testing.T, a graphAnswer, status int, code, message string) {
	t.Helper()
	if a.status != status || a.code != code || !strings.Contains(a.message, message) {
		t.Fatalf("Graph answered %d %s %q, want %d %s %q", a.status, a.code, a.message, status, code, message)
	}
}

// expired-token: the token answer carries an expired token; Graph rejects
// it; the next sign-in (the scenario fired once) gets a good one.
func TestPresetExpiredToken(t *testing.T) {
	srv := mockidptest.NewServer(t)
	app := cliApp(t, srv)
	preset(t, srv, "expired-token", scenarios.Params{ClientID: idp.DefaultCLIClientID})
	res, err := signIn(t, app)
	if err != nil {
		t.Fatal(err)
	}
	a := graphGet(t, srv, res.AccessToken, "/v1.0/me")
	wantGraph(t, a, 401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.")
	if !strings.Contains(a.header.Get("WWW-Authenticate"), `client_id="00000003-0000-0000-c000-000000000000"`) {
		t.Errorf("WWW-Authenticate %q", a.header.Get("WWW-Authenticate"))
	}
	if err := verifyWithOIDC(t, srv, cloudCase{testClouds[0].cloud, idp.DefaultTenantID}, res.IDToken.RawToken, idp.DefaultCLIClientID); err != nil {
		t.Fatalf("id token of the same answer: %v", err)
	}
	res, err = signIn(t, app)
	if err != nil {
		t.Fatal(err)
	}
	if a := graphGet(t, srv, res.AccessToken, "/v1.0/me"); a.status != 200 || a.body["userPrincipalName"] != defaultUPN {
		t.Fatalf("after recovery: %d %v", a.status, a.body)
	}
}

func TestPresetMissingScope(t *testing.T) {
	srv := mockidptest.NewServer(t)
	preset(t, srv, "missing-scope", scenarios.Params{ClientID: idp.DefaultCLIClientID, Times: 1})
	res, err := signIn(t, cliApp(t, srv))
	if err != nil {
		t.Fatal(err)
	}
	wantGraph(t, graphGet(t, srv, res.AccessToken, "/v1.0/me"), 403, "Forbidden",
		"Missing scope permissions on the request. API requires one of 'User.Read, User.ReadWrite, User.ReadBasic.All, User.Read.All, User.ReadWrite.All, Directory.Read.All, Directory.ReadWrite.All'. Scopes on the request 'openid, profile'")
	// A delegated token with User.Read only may not list users.
	res, err = signIn(t, cliApp(t, srv))
	if err != nil {
		t.Fatal(err)
	}
	wantGraph(t, graphGet(t, srv, res.AccessToken, "/v1.0/users"), 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
}

func TestPresetInsufficientPrivileges(t *testing.T) {
	srv := mockidptest.NewServer(t)
	tok, err := secretCredential(t, srv).GetToken(testContext(t), policy.TokenRequestOptions{Scopes: graphScope})
	if err != nil {
		t.Fatal(err)
	}
	if a := graphGet(t, srv, tok.Token, "/v1.0/users"); a.status != 200 {
		t.Fatalf("before: %d %s", a.status, a.message)
	}
	preset(t, srv, "insufficient-privileges", scenarios.Params{})
	// A new credential: azidentity would serve the cached token otherwise.
	tok, err = secretCredential(t, srv).GetToken(testContext(t), policy.TokenRequestOptions{Scopes: graphScope})
	if err != nil {
		t.Fatal(err)
	}
	if roles := claimsOf(t, tok.Token)["roles"]; roles != nil {
		t.Errorf("roles after removal: %v", roles)
	}
	wantGraph(t, graphGet(t, srv, tok.Token, "/v1.0/users"), 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
	wantGraph(t, graphGet(t, srv, tok.Token, "/v1.0/applications"), 403, "Authorization_RequestDenied", "Insufficient privileges")
}

func TestPresetKeyRotation(t *testing.T) {
	for _, overlap := range []bool{true, false} {
		t.Run(map[bool]string{true: "overlap", false: "no overlap"}[overlap], func(t *testing.T) {
			srv := mockidptest.NewServer(t)
			old, err := daemonApp(t, srv).AcquireTokenByCredential(testContext(t), graphScope)
			if err != nil {
				t.Fatal(err)
			}
			preset(t, srv, "key-rotation", scenarios.Params{Overlap: &overlap})
			a := graphGet(t, srv, old.AccessToken, "/v1.0/users")
			if overlap && a.status != 200 {
				t.Fatalf("old token with overlap: %d %s", a.status, a.message)
			}
			if !overlap {
				wantGraph(t, a, 401, "InvalidAuthenticationToken", "Access token validation failure.")
				if err := verifyWithOIDC(t, srv, testClouds[0], old.AccessToken, "https://graph.microsoft.com"); err == nil {
					t.Error("go-oidc verified a token whose kid left the JWKS")
				}
			}
			fresh, err := daemonApp(t, srv).AcquireTokenByCredential(testContext(t), graphScope)
			if err != nil {
				t.Fatal(err)
			}
			if a := graphGet(t, srv, fresh.AccessToken, "/v1.0/users"); a.status != 200 {
				t.Fatalf("new token: %d %s", a.status, a.message)
			}
		})
	}
}

func TestPresetClockSkew(t *testing.T) {
	srv := mockidptest.NewServer(t)
	preset(t, srv, "clock-skew", scenarios.Params{ClientID: idp.DefaultDaemonClientID, Skew: scenarios.Duration(time.Hour)})
	res, err := daemonApp(t, srv).AcquireTokenByCredential(testContext(t), graphScope)
	if err != nil {
		t.Fatal(err)
	}
	nbf := int64(claimsOf(t, res.AccessToken)["nbf"].(float64))
	if d := time.Until(time.Unix(nbf, 0)); d < 50*time.Minute {
		t.Errorf("nbf only %s ahead", d)
	}
	wantGraph(t, graphGet(t, srv, res.AccessToken, "/v1.0/users"), 401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.")
	// Other clients are not skewed.
	other, err := signIn(t, cliApp(t, srv))
	if err != nil {
		t.Fatal(err)
	}
	if a := graphGet(t, srv, other.AccessToken, "/v1.0/me"); a.status != 200 {
		t.Fatalf("unskewed client: %d %s", a.status, a.message)
	}
}

// cae-revoked: azcore's bearer-token policy (CAE always on) gets Graph's
// insufficient_claims challenge, asks for a token with the claims, and
// its retry succeeds. A client without cp1 is not challenged.
func TestPresetCAERevoked(t *testing.T) {
	srv := mockidptest.NewServer(t)
	//lint:ignore SA1019 ROPC is a flow mockidp serves and real clients still call; deprecated there, not removed
	opts := &azidentity.UsernamePasswordCredentialOptions{ClientOptions: azcore.ClientOptions{
		Cloud: cloud.Configuration{ActiveDirectoryAuthorityHost: srv.URL() + "/"}, Transport: srv.Client()},
		DisableInstanceDiscovery: true}
	cred, err := azidentity.NewUsernamePasswordCredential(idp.DefaultTenantID, idp.DefaultCLIClientID, defaultUPN, idp.DefaultUserPassword, opts)
	if err != nil {
		t.Fatal(err)
	}
	pl := runtime.NewPipeline("mockidp-test", "v0", runtime.PipelineOptions{
		PerRetry: []policy.Policy{runtime.NewBearerTokenPolicy(cred, []string{"https://graph.microsoft.com/User.Read"}, nil)},
	}, &policy.ClientOptions{Transport: srv.ProxyClient()})
	me := func() int {
		req, err := runtime.NewRequest(testContext(t), "GET", "https://graph.microsoft.com/v1.0/me")
		if err != nil {
			t.Fatal(err)
		}
		resp, err := pl.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if st := me(); st != 200 {
		t.Fatalf("before revocation: %d", st)
	}
	toks, _ := srv.Control.Tokens(testContext(t), mockidpclient.Filter{Client: idp.DefaultCLIClientID})
	if len(toks) != 1 || toks[0].Claims["xms_cc"] == nil {
		t.Fatalf("the first token should carry xms_cc: %+v", toks)
	}
	plain, err := signIn(t, cliApp(t, srv)) // no client capabilities
	if err != nil {
		t.Fatal(err)
	}

	// Revocation has whole-second precision: let a minute pass first.
	if err := srv.Control.AdvanceClock(testContext(t), time.Minute); err != nil {
		t.Fatal(err)
	}
	preset(t, srv, "cae-revoked", scenarios.Params{})
	a := graphGet(t, srv, toks[0].Token, "/v1.0/me")
	wantGraph(t, a, 401, "InvalidAuthenticationToken", "TokenIssuedBeforeRevocationTimestamp")
	ch := a.header.Get("WWW-Authenticate")
	if !strings.Contains(ch, `error="insufficient_claims"`) || !strings.Contains(ch, `claims="`) {
		t.Fatalf("challenge %q", ch)
	}
	if st := me(); st != 200 {
		t.Fatalf("azcore did not recover from the CAE challenge: %d", st)
	}
	reqs, _ := srv.Control.Requests(testContext(t), mockidpclient.Filter{Endpoint: scenarios.EndpointGraph})
	if n := len(reqs); n != 4 || reqs[2].Status != 401 || reqs[3].Status != 200 {
		t.Errorf("Graph requests: %+v", reqs)
	}
	if a := graphGet(t, srv, plain.AccessToken, "/v1.0/me"); a.status != 200 {
		t.Errorf("token without cp1 was challenged: %d %s", a.status, a.message)
	}
}
