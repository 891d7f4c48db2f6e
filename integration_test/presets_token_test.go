package integration_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
	"github.com/mockidp/mockidp/scenarios"
)

var graphScope = []string{"https://graph.microsoft.com/.default"}

func secretCredential(t *testing.T, srv *mockidptest.Server) *azidentity.ClientSecretCredential {
	t.Helper()
	c, err := azidentity.NewClientSecretCredential(idp.DefaultTenantID, idp.DefaultDaemonClientID, idp.DefaultDaemonSecret,
		&azidentity.ClientSecretCredentialOptions{ClientOptions: azcore.ClientOptions{
			Cloud:     cloud.Configuration{ActiveDirectoryAuthorityHost: srv.URL() + "/"},
			Transport: srv.Client()}, DisableInstanceDiscovery: true})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func certCredential(t *testing.T, srv *mockidptest.Server) *azidentity.ClientCertificateCredential {
	t.Helper()
	certs, key, err := azidentity.ParseCertificates(idp.DaemonCredentialPEM, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := azidentity.NewClientCertificateCredential(idp.DefaultTenantID, idp.DefaultDaemonClientID, certs, key,
		&azidentity.ClientCertificateCredentialOptions{ClientOptions: azcore.ClientOptions{
			Cloud:     cloud.Configuration{ActiveDirectoryAuthorityHost: srv.URL() + "/"},
			Transport: srv.Client()}, DisableInstanceDiscovery: true})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// wantAuthFailed asserts an azidentity AuthenticationFailedError with the
// status and AADSTS code.
func wantAuthFailed(t *testing.T, err error, status int, subs ...string) {
	t.Helper()
	var afe *azidentity.AuthenticationFailedError
	if !errors.As(err, &afe) {
		t.Fatalf("error %T %v, want *AuthenticationFailedError", err, err)
	}
	if afe.RawResponse == nil || afe.RawResponse.StatusCode != status {
		t.Errorf("status %v, want %d", afe.RawResponse, status)
	}
	wantErrorContains(t, err, subs...)
}

// User-state presets: what msal-go's username/password flow reports.
func TestPresetsUserState(t *testing.T) {
	tests := []struct {
		preset string
		want   []string
		// recover undoes the state through the control API; the sign-in
		// must then work again.
		recoverOp string
		recoverP  scenarios.Params
	}{
		{"revoked-consent", []string{"AADSTS65001", `"error":"invalid_grant"`, `"suberror":"consent_required"`},
			"grant-consent", scenarios.Params{ClientID: idp.DefaultCLIClientID, Resource: "https://graph.microsoft.com", Scope: "User.Read openid profile offline_access"}},
		{"mfa-required", []string{"AADSTS50076", "multi-factor authentication", `"suberror":"basic_action"`, `"claims":"{\"access_token\":{\"capolids\"`},
			"clear-mfa", scenarios.Params{User: idp.DefaultUserID}},
		{"conditional-access-blocked", []string{"AADSTS53003", "Conditional Access", `"suberror":"message_only"`}, "", scenarios.Params{}},
		{"user-disabled", []string{"AADSTS50057", "The user account is disabled."},
			"enable-user", scenarios.Params{User: idp.DefaultUserID}},
	}
	for _, tc := range tests {
		t.Run(tc.preset, func(t *testing.T) {
			srv := mockidptest.NewServer(t)
			app := cliApp(t, srv)
			if _, err := signIn(t, app); err != nil {
				t.Fatalf("before the preset: %v", err)
			}
			preset(t, srv, tc.preset, scenarios.Params{})
			_, err := signIn(t, app)
			wantErrorContains(t, err, tc.want...)
			if tc.recoverOp == "" {
				return
			}
			if err := srv.Control.State(testContext(t), tc.recoverOp, tc.recoverP); err != nil {
				t.Fatal(err)
			}
			if _, err := signIn(t, app); err != nil {
				t.Fatalf("after %s: %v", tc.recoverOp, err)
			}
		})
	}
}

// Credential presets: azidentity's secret credential fails with the
// AADSTS code; the certificate credential of the same app still works.
func TestPresetsSecrets(t *testing.T) {
	for _, tc := range []struct{ preset, code string }{{"invalid-secret", "AADSTS7000215"}, {"expired-secret", "AADSTS7000222"}} {
		t.Run(tc.preset, func(t *testing.T) {
			srv := mockidptest.NewServer(t)
			preset(t, srv, tc.preset, scenarios.Params{})
			_, err := secretCredential(t, srv).GetToken(testContext(t), policy.TokenRequestOptions{Scopes: graphScope})
			wantAuthFailed(t, err, 401, tc.code, "invalid_client")
			if _, err := certCredential(t, srv).GetToken(testContext(t), policy.TokenRequestOptions{Scopes: graphScope}); err != nil {
				t.Fatalf("certificate credential: %v", err)
			}
		})
	}
}

// Outage presets: msal-go (no retries) sees the error; azidentity retries
// through azcore and succeeds.
func TestPresetsOutages(t *testing.T) {
	tests := []struct {
		preset string
		params scenarios.Params
		want   []string
	}{
		{"throttled", scenarios.Params{RetryAfter: 1}, []string{"429", "AADSTS90055", "temporarily_unavailable"}},
		{"server-error", scenarios.Params{}, []string{"500", "AADSTS90036", "server_error"}},
		{"server-error", scenarios.Params{Status: 503}, []string{"503", "AADSTS90033", "temporarily_unavailable"}},
	}
	for _, tc := range tests {
		t.Run(tc.preset, func(t *testing.T) {
			srv := mockidptest.NewServer(t)
			preset(t, srv, tc.preset, tc.params)
			_, err := daemonApp(t, srv).AcquireTokenByCredential(testContext(t), graphScope)
			wantErrorContains(t, err, tc.want...)

			preset(t, srv, tc.preset, tc.params)
			if _, err := secretCredential(t, srv).GetToken(testContext(t), policy.TokenRequestOptions{Scopes: graphScope}); err != nil {
				t.Fatalf("azidentity did not recover: %v", err)
			}
			reqs, err := srv.Control.Requests(testContext(t), mockidpclientFilter(idp.DefaultDaemonClientID))
			if err != nil {
				t.Fatal(err)
			}
			if len(reqs) != 3 { // msal's failure, azidentity's failure and its retry
				t.Errorf("token requests = %d, want 3", len(reqs))
			}
		})
	}
}

func TestPresetSlow(t *testing.T) {
	srv := mockidptest.NewServer(t)
	preset(t, srv, "slow", scenarios.Params{Delay: scenarios.Duration(time.Second), Times: 1})
	ctx, cancel := context.WithTimeout(testContext(t), 100*time.Millisecond)
	defer cancel()
	_, err := daemonApp(t, srv).AcquireTokenByCredential(ctx, graphScope)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("slow answer: %v, want deadline exceeded", err)
	}
	if _, err := daemonApp(t, srv).AcquireTokenByCredential(testContext(t), graphScope); err != nil {
		t.Fatalf("after the slow answer: %v", err)
	}
}

// revoked-refresh-token: the refresh fails with AADSTS50173 (bad_token);
// a new sign-in works.
func TestPresetRevokedRefreshToken(t *testing.T) {
	srv := mockidptest.NewServer(t)
	app := cliApp(t, srv)
	res, err := signIn(t, app)
	if err != nil {
		t.Fatal(err)
	}
	preset(t, srv, "revoked-refresh-token", scenarios.Params{})
	_, err = app.AcquireTokenSilent(testContext(t), []string{"User.Read"}, publicSilent(res)...)
	wantErrorContains(t, err, "AADSTS50173", `"suberror":"bad_token"`, "TokensValidFrom")
	if _, err := signIn(t, app); err != nil {
		t.Fatalf("new sign-in after revocation: %v", err)
	}
}
