package integration_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/resources/armresources"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidpclient"
	"github.com/mockidp/mockidp/mockidptest"
	"github.com/mockidp/mockidp/scenarios"
)

// A throttling scenario on endpoint "arm" answers in ARM's shape with
// Retry-After; azcore's retry policy waits and retries, and the call
// succeeds.
func TestARMScenarioThrottled(t *testing.T) {
	srv := mockidptest.NewServer(t)
	ctx := testContext(t)
	opts := armClientOptions(srv, clouds.Public)
	opts.Retry.MaxRetries, opts.Retry.RetryDelay = 2, time.Millisecond
	groups, err := armresources.NewResourceGroupsClient(idp.DefaultSubscriptionID, daemonSecretCredential(t, srv, publicCase), opts)
	if err != nil {
		t.Fatal(err)
	}
	_, err = srv.Control.AddScenario(ctx, scenarios.Scenario{Times: 1,
		Match:  scenarios.Match{Endpoint: scenarios.EndpointARM, ClientID: idp.DefaultDaemonClientID},
		Action: scenarios.Action{Status: http.StatusTooManyRequests, RetryAfter: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := groups.Get(ctx, idp.DefaultResourceGroup, nil); err != nil {
		t.Fatalf("azcore did not retry past the throttled answer: %v", err)
	}
	reqs, err := srv.Control.Requests(ctx, mockidpclient.Filter{Endpoint: scenarios.EndpointARM})
	if err != nil {
		t.Fatal(err)
	}
	if len(reqs) != 2 || reqs[0].Status != 429 || reqs[0].Scenario == "" || reqs[1].Status != 200 ||
		reqs[0].Path != reqs[1].Path || reqs[0].ClientID != idp.DefaultDaemonClientID || reqs[0].Tenant != idp.DefaultTenantID {
		t.Fatalf("ARM requests: %+v", reqs)
	}
	if d := reqs[1].Time.Sub(reqs[0].Time); d < 900*time.Millisecond {
		t.Errorf("retried after %s, before Retry-After", d)
	}
}

// Status and error actions on ARM paths are ARM's JSON, with the status,
// Retry-After and ARM's headers; other endpoints are left alone.
func TestARMScenarioAnswers(t *testing.T) {
	srv := mockidptest.NewServer(t)
	arm := armTokenFor(t, srv, publicCase, "https://management.azure.com/.default")
	tests := []struct {
		name       string
		action     scenarios.Action
		status     int
		code, msg  string
		retryAfter string
	}{
		{"throttled", scenarios.Action{Status: 429, RetryAfter: 7}, 429, "TooManyRequests", "The request is being throttled", "7"},
		{"unavailable", scenarios.Action{Status: 503}, 503, "ServiceUnavailable", "retry", ""},
		{"server error", scenarios.Action{Status: 500}, 500, "InternalServerError", "internal server error", ""},
		{"error action", scenarios.Action{Error: &scenarios.ErrorAction{Code: "ResourceGroupBeingDeleted", Status: 409,
			Message: "The resource group 'mockidp-rg' is in deprovisioning state and cannot perform this operation."}},
			409, "ResourceGroupBeingDeleted", "deprovisioning state", ""},
		{"error action, status from default", scenarios.Action{Error: &scenarios.ErrorAction{Code: "InvalidRequestContent"}},
			400, "InvalidRequestContent", "mockidp scenario", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := srv.Control.AddScenario(testContext(t), scenarios.Scenario{Times: 1,
				Match: scenarios.Match{Endpoint: "ARM", Path: "/subscriptions/" + idp.DefaultSubscriptionID}, Action: tt.action})
			if err != nil {
				t.Fatal(err)
			}
			req, _ := http.NewRequestWithContext(testContext(t), http.MethodGet,
				"https://management.azure.com/subscriptions/"+idp.DefaultSubscriptionID+"?api-version=2022-12-01", nil)
			req.Header.Set("Authorization", "Bearer "+arm)
			resp, err := srv.ProxyClient().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			var body struct {
				Error struct{ Code, Message string }
			}
			if err := json.Unmarshal(raw, &body); err != nil || resp.StatusCode != tt.status || body.Error.Code != tt.code ||
				!strings.Contains(body.Error.Message, tt.msg) || strings.Contains(string(raw), "AADSTS") {
				t.Fatalf("got %d %s", resp.StatusCode, raw)
			}
			h := resp.Header
			if h.Get("Retry-After") != tt.retryAfter || h.Get("x-ms-correlation-request-id") == "" || h.Get("x-ms-ests-server") != "" {
				t.Errorf("headers %v", h)
			}
		})
	}
	if _, err := srv.Control.AddScenario(testContext(t), scenarios.Scenario{Match: scenarios.Match{Endpoint: "arm"},
		Action: scenarios.Action{Error: &scenarios.ErrorAction{AADSTS: 50058}}}); err == nil || !strings.Contains(err.Error(), "action.error.code") {
		t.Errorf("an ARM error action without code: %v", err)
	}
	// The token endpoint is not ARM: a scenario on "arm" leaves it be.
	if _, err := srv.Control.AddScenario(testContext(t), scenarios.Scenario{Match: scenarios.Match{Endpoint: "arm"},
		Action: scenarios.Action{Status: 500}}); err != nil {
		t.Fatal(err)
	}
	armTokenFor(t, srv, publicCase, "https://management.azure.com/.default")
}

// A role assignment removed through the control API at runtime turns the
// principal's next write into ARM's AuthorizationFailed.
func TestARMRoleAssignmentRemovedAtRuntime(t *testing.T) {
	srv := mockidptest.NewServer(t)
	ctx := testContext(t)
	groups, err := armresources.NewResourceGroupsClient(idp.DefaultSubscriptionID, daemonSecretCredential(t, srv, publicCase),
		armClientOptions(srv, clouds.Public))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := groups.CreateOrUpdate(ctx, "allowed", armresources.ResourceGroup{Location: to.Ptr("westus")}, nil); err != nil {
		t.Fatalf("with the role: %v", err)
	}
	daemon := idp.DefaultDaemonPrincipalID(idp.DefaultTenantID)
	n, err := srv.Control.RemoveRoleAssignments(ctx, idp.DefaultSubscriptionID, daemon)
	if err != nil || n != 1 {
		t.Fatalf("remove = %d, %v", n, err)
	}
	_, err = groups.CreateOrUpdate(ctx, "denied", armresources.ResourceGroup{Location: to.Ptr("westus")}, nil)
	re := wantARMError(t, err, http.StatusForbidden, "AuthorizationFailed")
	if !strings.Contains(re.Error(), "The client '"+idp.DefaultDaemonClientID+"' with object id '"+daemon+
		"' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourcegroups/write'") {
		t.Errorf("error = %v", re)
	}

	for _, tc := range []struct {
		sub, principal string
		want           string
	}{
		{idp.DefaultSubscriptionID, "", "principal_id"},
		{idp.DefaultSubscriptionID, "not-a-guid", "not a GUID"},
		{"00000000-0000-4000-8000-000000000000", daemon, "no_such_subscription"},
	} {
		if _, err := srv.Control.RemoveRoleAssignments(ctx, tc.sub, tc.principal); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("remove(%q, %q) = %v, want %q", tc.sub, tc.principal, err, tc.want)
		}
	}
	if n, err := srv.Control.RemoveRoleAssignments(ctx, idp.DefaultSubscriptionID, daemon); err != nil || n != 0 {
		t.Errorf("second removal = %d, %v", n, err)
	}
}
