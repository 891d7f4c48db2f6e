package endpoints

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/managedidentity"
	"github.com/mockidp/mockidp/idp"
)

// guid stands for the random correlation IDs in expected bodies.
var guid = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

func TestManagedIdentitySourceErrors(t *testing.T) {
	ts, _ := newMIServer(t, twoIdentityVM, nil, managedidentity.Options{ArcKeyDir: t.TempDir()})
	idh := map[string]string{"X-IDENTITY-HEADER": controlapi.DefaultIdentityHeader}
	ml := map[string]string{"secret": controlapi.DefaultMSISecret}
	sf := map[string]string{"Secret": controlapi.DefaultIdentityHeader}
	form := map[string]string{"Metadata": "true", "Content-Type": "application/x-www-form-urlencoded"}
	tests := []struct {
		name   string
		call   miCall
		status int
		body   string
	}{
		// App Service 2019-08-01.
		{"app service without header", miCall{path: "/msi/token?api-version=2019-08-01&resource=https://vault.azure.net"}, 401,
			`{"statusCode":401,"message":"The X-IDENTITY-HEADER header is missing or does not match IDENTITY_HEADER.","correlationId":"GUID"}`},
		{"app service wrong header", miCall{path: "/msi/token?api-version=2019-08-01&resource=https://vault.azure.net", header: map[string]string{"X-IDENTITY-HEADER": "nope"}}, 401,
			`{"statusCode":401,"message":"The X-IDENTITY-HEADER header is missing or does not match IDENTITY_HEADER.","correlationId":"GUID"}`},
		{"app service api-version", miCall{path: "/msi/token?api-version=2017-09-01&resource=https://vault.azure.net", header: idh}, 400,
			`{"statusCode":400,"message":"The api-version '2017-09-01' is not supported. Supported version is '2019-08-01'.","correlationId":"GUID"}`},
		{"app service no resource", miCall{path: "/msi/token?api-version=2019-08-01", header: idh}, 400,
			`{"statusCode":400,"message":"Required query variable 'resource' is missing.","correlationId":"GUID"}`},
		{"app service unknown identity", miCall{path: "/msi/token?api-version=2019-08-01&resource=https://vault.azure.net&principal_id=" + idp.DefaultUserID, header: idh}, 400,
			`{"statusCode":400,"message":"Unable to load the proper Managed Identity.","correlationId":"GUID"}`},
		{"app service unknown resource", miCall{path: "/msi/token?api-version=2019-08-01&resource=https://nowhere.example", header: idh}, 500,
			`{"statusCode":"500","message":"An unexpected error occured while fetching the AAD Token.","correlationId":"GUID"}`},
		// Azure ML.
		{"azure ml without secret", miCall{path: "/azureml/msi/token?api-version=2017-09-01&resource=https://vault.azure.net"}, 401,
			`{"statusCode":401,"message":"The secret header is missing or does not match MSI_SECRET.","correlationId":"GUID"}`},
		{"azure ml api-version", miCall{path: "/azureml/msi/token?api-version=2019-08-01&resource=https://vault.azure.net", header: ml}, 400,
			`{"statusCode":400,"message":"The api-version '2019-08-01' is not supported. Supported version is '2017-09-01'.","correlationId":"GUID"}`},
		{"azure ml unknown client id", miCall{path: "/azureml/msi/token?api-version=2017-09-01&resource=https://vault.azure.net&clientid=" + idp.DefaultDaemonClientID, header: ml}, 400,
			`{"statusCode":400,"message":"Unable to load the proper Managed Identity.","correlationId":"GUID"}`},
		// Cloud Shell.
		{"cloud shell without metadata", miCall{method: "POST", path: "/cloudshell/oauth2/token", body: "resource=https://vault.azure.net",
			header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}}, 400,
			`{"error":{"code":"BadRequest","message":"Required metadata header not specified"}}`},
		{"cloud shell no resource", miCall{method: "POST", path: "/cloudshell/oauth2/token", header: form}, 400,
			`{"error":{"code":"BadRequest","message":"Required form variable 'resource' is missing"}}`},
		{"cloud shell audience", miCall{method: "POST", path: "/cloudshell/oauth2/token", body: "resource=https://azconfig.io/", header: form}, 400,
			`{"error":{"code":"AudienceNotSupported","message":"Audience https://azconfig.io/ is not a supported MSI token audience."}}`},
		// Service Fabric.
		{"service fabric without secret", miCall{path: "/servicefabric/metadata/identity/oauth2/token?api-version=2019-07-01-preview&resource=x"}, 401,
			`{"error":{"correlationId":"GUID","code":"SecretHeaderNotFound","message":"Secret is not found in the request headers."}}`},
		{"service fabric api-version", miCall{path: "/servicefabric/metadata/identity/oauth2/token?resource=x", header: sf}, 400,
			`{"error":{"correlationId":"GUID","code":"InvalidApiVersion","message":"The api-version '' is not supported. Supported version is '2019-07-01-preview'."}}`},
		{"service fabric no resource", miCall{path: "/servicefabric/metadata/identity/oauth2/token?api-version=2019-07-01-preview", header: sf}, 400,
			`{"error":{"correlationId":"GUID","code":"ArgumentNullOrEmpty","message":"The parameter 'resource' should not be null or empty string."}}`},
		// Azure Arc.
		{"arc without metadata", miCall{path: "/arc/metadata/identity/oauth2/token?api-version=2020-06-01&resource=x"}, 400,
			`{"error":"invalid_request","error_description":"Required metadata header not specified"}`},
		{"arc bad key", miCall{path: "/arc/metadata/identity/oauth2/token?api-version=2020-06-01&resource=x",
			header: map[string]string{"Metadata": "true", "Authorization": "Basic guessed"}}, 401,
			`{"error":"invalid_request","error_description":"The Authorization header does not hold a valid key; request a new challenge"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, _, body := tc.call.do(t, ts.URL)
			body = guid.ReplaceAllString(body, "GUID")
			if status != tc.status || body != tc.body {
				t.Errorf("got %d %s\nwant %d %s", status, body, tc.status, tc.body)
			}
		})
	}
}

func TestServiceFabricWithoutIdentity(t *testing.T) {
	ts, _ := newMIServer(t, func(s *idp.Seed) {
		for i := range s.Tenants[0].Computes {
			if s.Tenants[0].Computes[i].Kind == idp.ComputeServiceFabric {
				s.Tenants[0].Computes[i].SystemAssigned = nil
			}
		}
	}, nil, managedidentity.Options{})
	status, _, body := miCall{path: "/servicefabric/metadata/identity/oauth2/token?api-version=2019-07-01-preview&resource=https://vault.azure.net",
		header: map[string]string{"Secret": controlapi.DefaultIdentityHeader}}.do(t, ts.URL)
	want := `{"error":{"correlationId":"GUID","code":"ManagedIdentityNotFound","message":"Managed Identity not found for the application."}}`
	if body = guid.ReplaceAllString(body, "GUID"); status != 404 || body != want {
		t.Errorf("got %d %s", status, body)
	}
}

// The Arc challenge: 401 with the key file in the realm, then a token for
// the file's contents, once.
func TestArcChallenge(t *testing.T) {
	dir := t.TempDir()
	ts, _ := newMIServer(t, nil, nil, managedidentity.Options{ArcKeyDir: dir})
	path := "/arc/metadata/identity/oauth2/token?api-version=2020-06-01&resource=https://management.azure.com/"
	status, h, _ := miCall{path: path, header: metadataTrue}.do(t, ts.URL)
	realm, ok := strings.CutPrefix(h.Get("WWW-Authenticate"), "Basic realm=")
	if status != 401 || !ok || filepath.Dir(realm) != dir || filepath.Ext(realm) != ".key" {
		t.Fatalf("challenge: %d %v", status, h)
	}
	key, err := os.ReadFile(realm)
	if err != nil || len(key) == 0 || len(key) > 4096 {
		t.Fatalf("key file: %v (%d bytes)", err, len(key))
	}
	auth := map[string]string{"Metadata": "true", "Authorization": "Basic " + string(key)}
	status, _, body := miCall{path: path, header: auth}.do(t, ts.URL)
	var tok imdsToken
	if err := json.Unmarshal([]byte(body), &tok); err != nil || status != 200 || tok.ExpiresIn != "86399" || tok.Resource != "https://management.azure.com/" {
		t.Fatalf("token: %d %s", status, body)
	}
	if _, err := os.Stat(realm); !os.IsNotExist(err) {
		t.Errorf("key file still there after use: %v", err)
	}
	if status, _, _ := (miCall{path: path, header: auth}).do(t, ts.URL); status != 401 {
		t.Errorf("key reused: status %d", status)
	}
}

func TestArcDisabled(t *testing.T) {
	ts := httptest.NewServer(mustMI(t, nil, nil))
	t.Cleanup(ts.Close)
	status, _, _ := miCall{path: "/arc/metadata/identity/oauth2/token?api-version=2020-06-01", header: metadataTrue}.do(t, ts.URL)
	if status != 404 {
		t.Errorf("status %d, want 404", status)
	}
}
