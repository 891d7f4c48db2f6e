package endpoints

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/endpoints/managedidentity"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// newMIServer serves the managed-identity handler over plain HTTP with the
// default seed (changed by mutate) and sel choosing the computes.
func newMIServer(t testing.TB, mutate func(*idp.Seed), sel managedidentity.ComputeSelection, opts managedidentity.Options) (*httptest.Server, *Server) {
	t.Helper()
	p := newTestProvider(t, mutate, nil)
	srv := NewServer(Options{Provider: p, Logger: quietLogger(), ManagedIdentity: opts})
	ts := httptest.NewServer(srv.ManagedIdentityHandler(sel))
	t.Cleanup(ts.Close)
	return ts, srv
}

// miCall is one raw request to a managed-identity endpoint.
type miCall struct {
	method, path string
	header       map[string]string
	body         string
}

func (m miCall) do(t *testing.T, base string) (int, http.Header, string) {
	t.Helper()
	method := m.method
	if method == "" {
		method = http.MethodGet
	}
	req, err := http.NewRequest(method, base+m.path, strings.NewReader(m.body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range m.header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

var metadataTrue = map[string]string{"Metadata": "true"}

func twoIdentityVM(s *idp.Seed) {
	t := &s.Tenants[0]
	t.ManagedIdentities = append(t.ManagedIdentities, idp.ManagedIdentity{Name: "second"})
	t.Computes = append(t.Computes, idp.Compute{Name: "two", Kind: idp.ComputeVM,
		UserAssigned: []string{idp.DefaultIdentityName, "second"}})
}

func TestIMDSErrors(t *testing.T) {
	ts, _ := newMIServer(t, twoIdentityVM, nil, managedidentity.Options{})
	two := httptest.NewServer(mustMI(t, twoIdentityVM, managedidentity.ComputeSelection{idp.ComputeVM: "two"}))
	t.Cleanup(two.Close)
	const tokenPath = "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/"
	tests := []struct {
		name   string
		base   string
		call   miCall
		status int
		body   string
	}{
		{"probe without header or query", ts.URL, miCall{path: "/metadata/identity/oauth2/token"}, 400,
			`{"error":"invalid_request","error_description":"Required metadata header not specified"}`},
		{"metadata false", ts.URL, miCall{path: tokenPath, header: map[string]string{"Metadata": "false"}}, 400,
			`{"error":"invalid_request","error_description":"Required metadata header not specified"}`},
		{"x-forwarded-for", ts.URL, miCall{path: tokenPath, header: map[string]string{"Metadata": "true", "X-Forwarded-For": "10.1.2.3"}}, 400,
			`{"error":"invalid_request","error_description":"Request contains X-Forwarded-For header"}`},
		{"no api-version", ts.URL, miCall{path: "/metadata/identity/oauth2/token?resource=x", header: metadataTrue}, 400,
			`{"error":"invalid_request","error_description":"Required query variable 'api-version' is missing"}`},
		{"no resource", ts.URL, miCall{path: "/metadata/identity/oauth2/token/?api-version=2018-02-01", header: metadataTrue}, 400,
			`{"error":"invalid_request","error_description":"Required query variable 'resource' is missing"}`},
		{"identity not assigned", ts.URL, miCall{path: tokenPath + "&client_id=" + idp.DefaultDaemonClientID, header: metadataTrue}, 400,
			`{"error":"invalid_request","error_description":"Identity not found"}`},
		{"ambiguous", two.URL, miCall{path: tokenPath, header: metadataTrue}, 400,
			`{"error":"invalid_request","error_description":"Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in the token request"}`},
		{"instance without api-version", ts.URL, miCall{path: "/metadata/instance", header: metadataTrue}, 400,
			`{"error":"Bad request. api-version was not specified in the request. For more information refer to aka.ms/azureimds","newest-versions":["2023-07-01","2022-08-01","2022-07-01"]}`},
		{"instance with unknown api-version", ts.URL, miCall{path: "/metadata/instance?api-version=2099-01-01", header: metadataTrue}, 400,
			`{"error":"Bad request. api-version is invalid or was not specified in the request. For more information refer to aka.ms/azureimds","newest-versions":["2023-07-01","2022-08-01","2022-07-01"]}`},
		{"instance unknown leaf", ts.URL, miCall{path: "/metadata/instance/compute/nope?api-version=2021-02-01", header: metadataTrue}, 404,
			`{"error":"invalid_request","error_description":"Requested path is not found"}`},
		{"instance without header", ts.URL, miCall{path: "/metadata/instance?api-version=2021-02-01"}, 400,
			`{"error":"invalid_request","error_description":"Required metadata header not specified"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, h, body := tc.call.do(t, tc.base)
			if status != tc.status || body != tc.body {
				t.Errorf("got %d %s\nwant %d %s", status, body, tc.status, tc.body)
			}
			if h.Get("Server") != imdsServer || h.Get("Content-Type") != web.ContentTypeJSON {
				t.Errorf("headers %v", h)
			}
		})
	}
}

func mustMI(t *testing.T, mutate func(*idp.Seed), sel managedidentity.ComputeSelection) http.Handler {
	_, srv := newMIServer(t, mutate, nil, managedidentity.Options{})
	return srv.ManagedIdentityHandler(sel)
}

func TestIMDSUnknownResourceIsEntraError(t *testing.T) {
	ts, _ := newMIServer(t, nil, nil, managedidentity.Options{})
	status, _, body := miCall{path: "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://nowhere.example/",
		header: metadataTrue}.do(t, ts.URL)
	var e struct {
		Error string `json:"error"`
		Codes []int  `json:"error_codes"`
	}
	if err := json.Unmarshal([]byte(body), &e); err != nil || status != 400 || e.Error != "invalid_resource" || e.Codes[0] != 500011 {
		t.Fatalf("got %d %s", status, body)
	}
}

func TestIMDSToken(t *testing.T) {
	ts, _ := newMIServer(t, nil, nil, managedidentity.Options{})
	want := regexp.MustCompile(`^\{"access_token":"eyJ[^"]+","client_id":"` + idp.DefaultIdentityClientID +
		`","expires_in":"86399","expires_on":"1772452799","ext_expires_in":"86399","not_before":"1772366100",` +
		`"resource":"https://management.azure.com","token_type":"Bearer"\}$`)
	for _, sel := range []string{"client_id=" + idp.DefaultIdentityClientID, "object_id=" + idp.DefaultIdentityPrincipalID,
		"msi_res_id=/subscriptions/" + idp.DefaultSubscriptionID + "/resourcegroups/" + idp.DefaultResourceGroup + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + idp.DefaultIdentityName,
		"mi_res_id=/subscriptions/" + idp.DefaultSubscriptionID + "/resourceGroups/" + idp.DefaultResourceGroup + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + idp.DefaultIdentityName} {
		status, _, body := miCall{path: "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com&" + sel,
			header: metadataTrue}.do(t, ts.URL)
		if status != 200 || !want.MatchString(body) {
			t.Errorf("%s: got %d %s", sel, status, body)
		}
	}
}

func TestIMDSInstance(t *testing.T) {
	ts, _ := newMIServer(t, nil, nil, managedidentity.Options{})
	status, h, body := miCall{path: "/metadata/instance/compute/location?api-version=2021-02-01&format=text", header: metadataTrue}.do(t, ts.URL)
	if status != 200 || body != idp.DefaultLocation || !strings.HasPrefix(h.Get("Content-Type"), "text/plain") {
		t.Errorf("leaf: %d %q %v", status, body, h)
	}
	status, _, body = miCall{path: "/metadata/instance?api-version=2021-02-01", header: metadataTrue}.do(t, ts.URL)
	var doc struct {
		Compute map[string]any `json:"compute"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil || status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	if doc.Compute["name"] != idp.DefaultVMName || doc.Compute["azEnvironment"] != "AzurePublicCloud" ||
		doc.Compute["subscriptionId"] != idp.DefaultSubscriptionID {
		t.Errorf("compute = %v", doc.Compute)
	}
}
