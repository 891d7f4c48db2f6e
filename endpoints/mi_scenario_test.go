package endpoints

import (
	"testing"

	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/managedidentity"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/scenarios"
)

// Scenarios on managed-identity routes answer in each source's own shape,
// with the source's Server header, and fire only on the kind they name.
func TestManagedIdentityScenarios(t *testing.T) {
	idh := map[string]string{"X-IDENTITY-HEADER": controlapi.DefaultIdentityHeader}
	sf := map[string]string{"Secret": controlapi.DefaultIdentityHeader}
	form := map[string]string{"Metadata": "true", "Content-Type": "application/x-www-form-urlencoded"}
	imds := miCall{path: "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.azure.net", header: metadataTrue}
	appService := miCall{path: "/msi/token?api-version=2019-08-01&resource=https://vault.azure.net", header: idh}
	cloudShell := miCall{method: "POST", path: "/cloudshell/oauth2/token", body: "resource=https://vault.azure.net", header: form}
	fabric := miCall{path: "/servicefabric/metadata/identity/oauth2/token?api-version=2019-07-01-preview&resource=https://vault.azure.net", header: sf}
	throttle := scenarios.Action{Status: 429, RetryAfter: 2}
	tests := []struct {
		name       string
		match      scenarios.Match
		action     scenarios.Action
		call       miCall
		status     int
		body       string
		server     string
		retryAfter string
	}{
		{"imds warm-up", scenarios.Match{Endpoint: scenarios.EndpointIMDS}, scenarios.Action{Status: 410}, imds, 410, imdsGone, imdsServer, ""},
		{"imds throttled", scenarios.Match{Endpoint: scenarios.EndpointIMDS}, throttle, imds, 429, `{"error":"too_many_requests","error_description":"IMDS Throttle limit reached."}`, imdsServer, "2"},
		{"imds by identity", scenarios.Match{Endpoint: scenarios.EndpointIMDS, Identity: idp.DefaultIdentityClientID}, scenarios.Action{Status: 404},
			miCall{path: imds.path + "&client_id=" + idp.DefaultIdentityClientID, header: metadataTrue}, 404, `{"error":"not_found","error_description":"IMDS endpoint is updating."}`, imdsServer, ""},
		{"imds extension failure", scenarios.Match{Endpoint: scenarios.EndpointIMDS}, scenarios.Action{Status: 500}, imds, 500,
			`{"error":"unknown","error_description":"` + imdsExtensionFailure + `"}`, imdsServer, ""},
		{"imds passes Entra errors through", scenarios.Match{Endpoint: scenarios.EndpointIMDS},
			scenarios.Action{Error: &scenarios.ErrorAction{AADSTS: 700016}}, imds, 400, `"error_codes":[700016]`, imdsServer, ""},
		{"app service throttled", scenarios.Match{Endpoint: scenarios.EndpointIdentity}, throttle, appService, 429,
			`{"statusCode":429,"message":"Too Many Requests","correlationId":"GUID"}`, kestrelServer, "2"},
		{"app service Entra error", scenarios.Match{Endpoint: scenarios.EndpointIdentity, Path: controlapi.AppServicePath},
			scenarios.Action{Error: &scenarios.ErrorAction{AADSTS: 53003, Message: "Blocked."}}, appService, 400,
			`{"statusCode":400,"message":"AADSTS53003: Blocked.","correlationId":"GUID"}`, kestrelServer, ""},
		{"cloud shell unavailable", scenarios.Match{Endpoint: scenarios.EndpointIdentity}, scenarios.Action{Status: 503}, cloudShell, 503,
			`{"error":{"code":"ServiceUnavailable","message":"Service Unavailable"}}`, kestrelServer, ""},
		{"service fabric server error", scenarios.Match{Endpoint: scenarios.EndpointIdentity}, scenarios.Action{Status: 500}, fabric, 500,
			`{"error":{"correlationId":"GUID","code":"InternalServerError","message":"Internal Server Error"}}`, kestrelServer, ""},
		{"token kind does not fire on IMDS", scenarios.Match{Endpoint: scenarios.EndpointToken}, throttle, imds, 200, `"access_token"`, imdsServer, ""},
		{"identity kind does not fire on IMDS", scenarios.Match{Endpoint: scenarios.EndpointIdentity}, throttle, imds, 200, `"access_token"`, imdsServer, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ts, srv := newMIServer(t, nil, nil, managedidentity.Options{})
			if _, err := srv.Scenarios().Add(scenarios.Scenario{Match: tc.match, Action: tc.action, Times: 1}); err != nil {
				t.Fatal(err)
			}
			status, h, body := tc.call.do(t, ts.URL)
			body = guid.ReplaceAllString(body, "GUID")
			okBody := body == tc.body || (len(tc.body) > 0 && tc.body[0] == '"' && contains(body, tc.body))
			if status != tc.status || !okBody {
				t.Errorf("got %d %s\nwant %d %s", status, body, tc.status, tc.body)
			}
			if h.Get("Server") != tc.server || h.Get("Retry-After") != tc.retryAfter || h.Get("x-ms-ests-server") != "" {
				t.Errorf("headers %v", h)
			}
			if status != 200 {
				if again, _, _ := tc.call.do(t, ts.URL); again != 200 {
					t.Errorf("after the scenario's one time: %d", again)
				}
			}
		})
	}
}

// A probe without the Metadata header gets IMDS's 400 and does not use up
// a warm-up scenario.
func TestIMDSScenarioAfterGuard(t *testing.T) {
	ts, srv := newMIServer(t, nil, nil, managedidentity.Options{})
	if _, err := srv.Scenarios().Add(scenarios.Scenario{Match: scenarios.Match{Endpoint: scenarios.EndpointIMDS},
		Action: scenarios.Action{Status: 410}, Times: 1}); err != nil {
		t.Fatal(err)
	}
	if status, _, _ := (miCall{path: controlapi.IMDSTokenPath}).do(t, ts.URL); status != 400 {
		t.Fatalf("probe: %d", status)
	}
	if status, _, _ := (miCall{path: controlapi.IMDSTokenPath + "?api-version=2018-02-01&resource=x", header: metadataTrue}).do(t, ts.URL); status != 410 {
		t.Fatalf("token request: %d, want the scenario's 410", status)
	}
}

// TestEndpointKindManagedIdentity: each managed-identity route is
// journaled with the kind of the area it was mounted in, though several
// end in /oauth2/token like Entra's.
func TestEndpointKindManagedIdentity(t *testing.T) {
	ts, srv := newMIServer(t, nil, nil, managedidentity.Options{})
	for _, tc := range []struct {
		method, path, want string
	}{
		{"GET", controlapi.IMDSTokenPath, scenarios.EndpointIMDS}, {"GET", controlapi.IMDSTokenPath + "/", scenarios.EndpointIMDS},
		{"GET", controlapi.IMDSInstancePath + "/compute", scenarios.EndpointIMDS},
		{"GET", controlapi.ArcTokenPath, scenarios.EndpointIdentity}, {"GET", controlapi.AppServicePath, scenarios.EndpointIdentity},
		{"GET", controlapi.AzureMLPath, scenarios.EndpointIdentity}, {"POST", controlapi.CloudShellPath, scenarios.EndpointIdentity},
		{"GET", controlapi.ServiceFabricPath, scenarios.EndpointIdentity},
		{"POST", "/common/oauth2/v2.0/token", scenarios.EndpointToken}, {"POST", "/common/oauth2/token", scenarios.EndpointToken},
	} {
		(miCall{method: tc.method, path: tc.path}).do(t, ts.URL)
		recs := srv.control.Journal.Requests()
		if got := recs[len(recs)-1]; got.Path != tc.path || got.Endpoint != tc.want {
			t.Errorf("%s %s: journaled %s %s, want %s", tc.method, tc.path, got.Path, got.Endpoint, tc.want)
		}
	}
}
