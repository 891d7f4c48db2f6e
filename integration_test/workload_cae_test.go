package integration_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidpclient"
	"github.com/mockidp/mockidp/mockidptest"
	"github.com/mockidp/mockidp/scenarios"
)

// daemonGraphPipeline is an Azure SDK pipeline calling Graph as the
// default daemon with a client secret: azcore's bearer-token policy asks
// for CAE tokens (cp1) and answers claims challenges.
func daemonGraphPipeline(t *testing.T, srv *mockidptest.Server) func() (*http.Response, error) {
	t.Helper()
	cred := daemonSecretCredential(t, srv, publicCase)
	pl := runtime.NewPipeline("mockidp-test", "v0", runtime.PipelineOptions{
		PerRetry: []policy.Policy{runtime.NewBearerTokenPolicy(cred, []string{"https://graph.microsoft.com/.default"}, nil)},
	}, &policy.ClientOptions{Transport: srv.ProxyClient()})
	return func() (*http.Response, error) {
		req, err := runtime.NewRequest(testContext(t), http.MethodGet, "https://graph.microsoft.com/v1.0/users")
		if err != nil {
			t.Fatal(err)
		}
		resp, err := pl.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		return resp, err
	}
}

// Continuous access evaluation for workload identities, end to end with
// the Azure SDK: the daemon's long-lived CAE token works; once its
// service principal is disabled Graph challenges it, azcore asks for a
// new token with the challenge's claims, and the token endpoint's
// AADSTS7000112 surfaces as azidentity's AuthenticationFailedError.
// Enabled again, the next call recovers through one more challenge (the
// old token is still in MSAL's cache) and a new token.
func TestWorkloadCAEAzureSDK(t *testing.T) {
	srv := mockidptest.NewServer(t)
	ctx := testContext(t)
	users := daemonGraphPipeline(t, srv)
	if resp, err := users(); err != nil || resp.StatusCode != 200 {
		t.Fatalf("before: %v %v", resp, err)
	}
	toks := tokensOf(t, srv, idp.DefaultDaemonClientID)
	if len(toks) != 1 || !strings.Contains(strings.ToLower(fmt.Sprint(toks[0].Claims["xms_cc"])), "cp1") {
		t.Fatalf("want one CAE-capable token, got %+v", toks)
	}
	if life := int64(toks[0].Claims["exp"].(float64) - toks[0].Claims["iat"].(float64)); life != 86399+300 {
		t.Errorf("CAE app token lives %d s, want 86399 after the 300 s backdating", life)
	}

	if err := srv.Control.AdvanceClock(ctx, time.Minute); err != nil {
		t.Fatal(err)
	}
	state(t, srv, controlapi.OpDisableApp)
	_, err := users()
	wantAzStatus(t, err, http.StatusBadRequest)
	wantErrorContains(t, err, "AADSTS7000112", "is disabled.")
	wantDaemonStatuses(t, srv, scenarios.EndpointGraph, 200, 401)
	wantDaemonStatuses(t, srv, scenarios.EndpointToken, 200, 400)

	state(t, srv, controlapi.OpEnableApp)
	for i := range 2 {
		if resp, err := users(); err != nil || resp.StatusCode != 200 {
			t.Fatalf("call %d after enabling: %v %v", i, resp, err)
		}
	}
	wantDaemonStatuses(t, srv, scenarios.EndpointGraph, 200, 401, 401, 200, 200)
	wantDaemonStatuses(t, srv, scenarios.EndpointToken, 200, 400, 200)
}

// state applies a state operation to the default daemon through the
// control API.
func state(t *testing.T, srv *mockidptest.Server, op string) {
	t.Helper()
	if err := srv.Control.State(testContext(t), op, controlapi.Params{ClientID: idp.DefaultDaemonClientID}); err != nil {
		t.Fatalf("%s: %v", op, err)
	}
}

// wantDaemonStatuses checks the statuses of the requests to one kind of
// endpoint, in order: the test's only client is the daemon.
func wantDaemonStatuses(t *testing.T, srv *mockidptest.Server, endpoint string, want ...int) {
	t.Helper()
	reqs, err := srv.Control.Requests(testContext(t), mockidpclient.Filter{Endpoint: endpoint})
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, r := range reqs {
		got = append(got, r.Status)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%s statuses %v, want %v", endpoint, got, want)
	}
}
