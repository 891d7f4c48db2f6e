package integration_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	msalerrors "github.com/AzureAD/microsoft-authentication-library-for-go/apps/errors"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/managedidentity"
	"github.com/mockidp/mockidp/mockidpclient"
	"github.com/mockidp/mockidp/mockidptest"
	"github.com/mockidp/mockidp/scenarios"
)

// fastIMDSRetry keeps azidentity's IMDS retry policy (404, 410, 429, 5xx)
// but waits milliseconds instead of its 2 s base delay.
var fastIMDSRetry = policy.RetryOptions{RetryDelay: 10 * time.Millisecond, MaxRetryDelay: 50 * time.Millisecond}

// noRetry shows the client the first answer.
var noRetry = policy.RetryOptions{MaxRetries: -1}

func azIMDSCredential(t *testing.T, srv *mockidptest.Server, retry policy.RetryOptions) *azidentity.ManagedIdentityCredential {
	t.Helper()
	cred, err := azidentity.NewManagedIdentityCredential(&azidentity.ManagedIdentityCredentialOptions{
		ClientOptions: azcore.ClientOptions{Transport: srv.IMDSClient(), Retry: retry}})
	if err != nil {
		t.Fatal(err)
	}
	return cred
}

func msalIMDSClient(t *testing.T, srv *mockidptest.Server, opts ...managedidentity.ClientOption) managedidentity.Client {
	t.Helper()
	c, err := managedidentity.New(managedidentity.SystemAssigned(),
		append([]managedidentity.ClientOption{managedidentity.WithHTTPClient(srv.IMDSClient())}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// imdsStatuses are the statuses IMDS answered, in order.
func imdsStatuses(t *testing.T, srv *mockidptest.Server) []int {
	t.Helper()
	reqs, err := srv.Control.Requests(testContext(t), mockidpclient.Filter{Endpoint: scenarios.EndpointIMDS})
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, r := range reqs {
		out = append(out, r.Status)
	}
	return out
}

func wantStatuses(t *testing.T, got []int, want ...int) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("IMDS answered %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("IMDS answered %v, want %v", got, want)
		}
	}
}

// wantAzStatus checks azidentity's error carries IMDS's answer.
func wantAzStatus(t *testing.T, err error, status int) *http.Response {
	t.Helper()
	var afe *azidentity.AuthenticationFailedError
	if !errors.As(err, &afe) || afe.RawResponse == nil || afe.RawResponse.StatusCode != status {
		t.Fatalf("azidentity error %v, want AuthenticationFailedError with status %d", err, status)
	}
	return afe.RawResponse
}

// wantMSALStatus checks msal-go's error carries IMDS's answer.
func wantMSALStatus(t *testing.T, err error, status int) *http.Response {
	t.Helper()
	var ce msalerrors.CallErr
	if !errors.As(err, &ce) || ce.Resp == nil || ce.Resp.StatusCode != status {
		t.Fatalf("msal-go error %v, want CallErr with status %d", err, status)
	}
	return ce.Resp
}

// imds-unavailable: a client that does not retry sees IMDS's warm-up
// status; azidentity's and msal-go's own retries get through the warm-up.
func TestPresetIMDSUnavailable(t *testing.T) {
	for _, status := range []int{http.StatusGone, http.StatusNotFound} {
		p := scenarios.Params{Status: status, Times: 1}
		t.Run(http.StatusText(status)+"/azidentity sees it", func(t *testing.T) {
			t.Parallel()
			srv, resource := miServer(t)
			preset(t, srv, "imds-unavailable", p)
			_, err := azIMDSCredential(t, srv, noRetry).GetToken(testContext(t), policy.TokenRequestOptions{Scopes: []string{resource + "/.default"}})
			wantAzStatus(t, err, status)
			wantErrorContains(t, err, "ManagedIdentityCredential")
		})
		t.Run(http.StatusText(status)+"/azidentity retries", func(t *testing.T) {
			t.Parallel()
			srv, resource := miServer(t)
			preset(t, srv, "imds-unavailable", scenarios.Params{Status: status, Times: 2})
			tok, err := azIMDSCredential(t, srv, fastIMDSRetry).GetToken(testContext(t), policy.TokenRequestOptions{Scopes: []string{resource + "/.default"}})
			if err != nil {
				t.Fatalf("azidentity did not get through the warm-up: %v", err)
			}
			wantClaim(t, claimsOf(t, tok.Token), "aud", resource)
			wantStatuses(t, imdsStatuses(t, srv), status, status, 200)
		})
		t.Run(http.StatusText(status)+"/msal-go sees it", func(t *testing.T) {
			t.Parallel()
			srv, resource := miServer(t)
			preset(t, srv, "imds-unavailable", p)
			_, err := msalIMDSClient(t, srv, managedidentity.WithRetryPolicyDisabled()).AcquireToken(testContext(t), resource)
			wantMSALStatus(t, err, status)
		})
		t.Run(http.StatusText(status)+"/msal-go retries", func(t *testing.T) {
			t.Parallel()
			srv, resource := miServer(t)
			preset(t, srv, "imds-unavailable", p)
			res, err := msalIMDSClient(t, srv).AcquireToken(testContext(t), resource) // one retry, 1 s later
			if err != nil {
				t.Fatalf("msal-go did not get through the warm-up: %v", err)
			}
			wantClaim(t, claimsOf(t, res.AccessToken), "aud", resource)
			wantStatuses(t, imdsStatuses(t, srv), status, 200)
		})
	}
}

// imds-throttled: the client sees 429 with Retry-After; with its retries
// on it waits Retry-After and succeeds.
func TestPresetIMDSThrottled(t *testing.T) {
	t.Run("azidentity sees it", func(t *testing.T) {
		t.Parallel()
		srv, resource := miServer(t)
		preset(t, srv, "imds-throttled", scenarios.Params{RetryAfter: 7})
		_, err := azIMDSCredential(t, srv, noRetry).GetToken(testContext(t), policy.TokenRequestOptions{Scopes: []string{resource + "/.default"}})
		if resp := wantAzStatus(t, err, http.StatusTooManyRequests); resp.Header.Get("Retry-After") != "7" {
			t.Errorf("Retry-After %q", resp.Header.Get("Retry-After"))
		}
	})
	t.Run("msal-go sees it", func(t *testing.T) {
		t.Parallel()
		srv, resource := miServer(t)
		preset(t, srv, "imds-throttled", scenarios.Params{RetryAfter: 7})
		_, err := msalIMDSClient(t, srv, managedidentity.WithRetryPolicyDisabled()).AcquireToken(testContext(t), resource)
		if resp := wantMSALStatus(t, err, http.StatusTooManyRequests); resp.Header.Get("Retry-After") != "7" {
			t.Errorf("Retry-After %q", resp.Header.Get("Retry-After"))
		}
	})
	t.Run("azidentity waits and retries", func(t *testing.T) {
		t.Parallel()
		srv, resource := miServer(t)
		preset(t, srv, "imds-throttled", scenarios.Params{}) // Retry-After: 1
		start := time.Now()
		// azcore gives up when Retry-After exceeds MaxRetryDelay.
		retry := policy.RetryOptions{RetryDelay: 10 * time.Millisecond, MaxRetryDelay: 2 * time.Second}
		if _, err := azIMDSCredential(t, srv, retry).GetToken(testContext(t), policy.TokenRequestOptions{Scopes: []string{resource + "/.default"}}); err != nil {
			t.Fatalf("after throttling: %v", err)
		}
		if d := time.Since(start); d < 900*time.Millisecond {
			t.Errorf("azidentity retried after %s, before Retry-After", d)
		}
		wantStatuses(t, imdsStatuses(t, srv), 429, 200)
	})
}
