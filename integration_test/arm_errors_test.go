package integration_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/resources/armresources"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

var publicCase = cloudCase{clouds.Public, idp.DefaultTenantID}

func TestARMSDKForbiddenWithoutRole(t *testing.T) {
	srv := mockidptest.NewServer(t)
	daemon := idp.DefaultDaemonPrincipalID(idp.DefaultTenantID)
	if _, err := srv.IDP.State.RemoveRoleAssignments(idp.DefaultSubscriptionID, daemon); err != nil {
		t.Fatal(err)
	}
	// A Reader on the subscription may list but not create.
	err := srv.IDP.Update(func(s *idp.Seed) error {
		s.Subscriptions[0].RoleAssignments = append(s.Subscriptions[0].RoleAssignments,
			idp.AzureRoleAssignment{PrincipalID: daemon, PrincipalType: idp.PrincipalServicePrincipal, Role: idp.RoleReader})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	groups, err := armresources.NewResourceGroupsClient(idp.DefaultSubscriptionID,
		daemonSecretCredential(t, srv, publicCase), armClientOptions(srv, clouds.Public))
	if err != nil {
		t.Fatal(err)
	}
	if names := listGroups(t, groups); len(names) != 1 {
		t.Fatalf("reader sees groups %v", names)
	}
	_, err = groups.CreateOrUpdate(testContext(t), "denied", armresources.ResourceGroup{Location: to.Ptr("eastus")}, nil)
	re := wantARMError(t, err, http.StatusForbidden, "AuthorizationFailed")
	want := "does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourcegroups/write' over scope '/subscriptions/" +
		idp.DefaultSubscriptionID + "/resourcegroups/denied'"
	if !strings.Contains(re.Error(), want) || !strings.Contains(re.Error(), "with object id '"+daemon+"'") {
		t.Errorf("error = %v", re)
	}
}

func TestARMSDKExpiredToken(t *testing.T) {
	srv := mockidptest.NewServer(t, mockidptest.WithClock(time.Now()))
	groups, err := armresources.NewResourceGroupsClient(idp.DefaultSubscriptionID,
		daemonSecretCredential(t, srv, publicCase), armClientOptions(srv, clouds.Public))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := groups.Get(testContext(t), idp.DefaultResourceGroup, nil); err != nil {
		t.Fatal(err)
	}
	// azidentity keeps its token by the real clock; ARM judges by mockidp's.
	srv.Clock.Advance(2 * time.Hour)
	_, err = groups.Get(testContext(t), idp.DefaultResourceGroup, nil)
	re := wantARMError(t, err, http.StatusUnauthorized, "ExpiredAuthenticationToken")
	challenge := re.RawResponse.Header.Get("WWW-Authenticate")
	if !strings.HasPrefix(challenge, `Bearer authorization_uri="https://login.windows.net/", error="invalid_token", error_description="The access token expiry UTC time '`) {
		t.Errorf("WWW-Authenticate = %q", challenge)
	}
}

// armTokenFor gets a token for scope as the default daemon of cc.
func armTokenFor(t *testing.T, srv *mockidptest.Server, cc cloudCase, scope string) string {
	t.Helper()
	tok, err := daemonSecretCredential(t, srv, cc).GetToken(testContext(t), policy.TokenRequestOptions{Scopes: []string{scope}})
	if err != nil {
		t.Fatal(err)
	}
	return tok.Token
}

func TestARMErrorAnswers(t *testing.T) {
	srv := mockidptest.NewServer(t)
	arm := armTokenFor(t, srv, publicCase, "https://management.azure.com/.default")
	graph := armTokenFor(t, srv, publicCase, "https://graph.microsoft.com/.default")
	sub := "/subscriptions/" + idp.DefaultSubscriptionID
	tests := []struct {
		name, path, auth string
		status           int
		code, message    string
	}{
		{"no api-version", sub, "Bearer " + arm, 400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests."},
		{"unknown api-version", sub + "?api-version=2099-01-01", "", 400, "InvalidApiVersionParameter", "The api-version '2099-01-01' is invalid. The supported versions are '2024-08-01,"},
		{"no token", sub + "?api-version=2022-12-01", "", 401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing."},
		{"basic auth", sub + "?api-version=2022-12-01", "Basic eDp5", 401, "AuthenticationFailed", "invalid format"},
		{"garbage token", sub + "?api-version=2022-12-01", "Bearer abc.def.ghi", 401, "InvalidAuthenticationToken", "The access token is invalid."},
		{"graph token", sub + "?api-version=2022-12-01", "Bearer " + graph, 401, "InvalidAuthenticationTokenAudience",
			"The access token has been obtained for wrong audience or resource 'https://graph.microsoft.com'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'."},
		{"unknown subscription", "/subscriptions/00000000-0000-4000-8000-000000000000?api-version=2022-12-01", "Bearer " + arm, 404, "SubscriptionNotFound", "The subscription '00000000-0000-4000-8000-000000000000' could not be found."},
		{"other cloud's subscription", "/subscriptions/" + idp.DefaultUSGovSubscriptionID + "?api-version=2022-12-01", "Bearer " + arm, 404, "SubscriptionNotFound", "could not be found"},
		{"unknown group", sub + "/resourceGroups/nope?api-version=2021-04-01", "Bearer " + arm, 404, "ResourceGroupNotFound", "Resource group 'nope' could not be found."},
		{"unknown path", "/providers/Microsoft.Nope/things?api-version=2021-04-01", "Bearer " + arm, 404, "NoRegisteredProviderFound", "/providers/Microsoft.Nope/things"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequestWithContext(testContext(t), http.MethodGet, "https://management.azure.com"+tt.path, nil)
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			resp, err := srv.ProxyClient().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			var body struct {
				Error struct{ Code, Message string }
			}
			if err := json.Unmarshal(raw, &body); err != nil {
				t.Fatalf("body %q: %v", raw, err)
			}
			if resp.StatusCode != tt.status || body.Error.Code != tt.code || !strings.Contains(body.Error.Message, tt.message) {
				t.Fatalf("got %d %s", resp.StatusCode, raw)
			}
			if h := resp.Header.Get("WWW-Authenticate"); (tt.status == 401) != (h != "") {
				t.Errorf("WWW-Authenticate = %q on %d", h, tt.status)
			}
		})
	}
}

func TestARMWrongTenantAndMetadata(t *testing.T) {
	srv := mockidptest.NewServer(t)
	other := "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"
	err := srv.IDP.Update(func(s *idp.Seed) error {
		s.Tenants = append(s.Tenants, idp.Tenant{ID: other, DisplayName: "Fabrikam"})
		s.Subscriptions = append(s.Subscriptions, idp.Subscription{ID: "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", TenantID: other})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	arm := armTokenFor(t, srv, publicCase, "https://management.core.windows.net//.default")
	req, _ := http.NewRequestWithContext(testContext(t), http.MethodGet,
		"https://management.azure.com/subscriptions/5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b/resourcegroups?api-version=2021-04-01", nil)
	req.Header.Set("Authorization", "Bearer "+arm)
	resp, err := srv.ProxyClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 401 || !strings.Contains(string(raw), `"InvalidAuthenticationTokenTenant"`) ||
		!strings.Contains(string(raw), "It must match the tenant 'https://sts.windows.net/"+other+"/'") {
		t.Fatalf("wrong tenant: %d %s", resp.StatusCode, raw)
	}

	for _, tc := range []struct{ host, version, want string }{
		{"management.azure.com", "2015-01-01", `"loginEndpoint":"https://login.windows.net/"`},
		{"management.usgovcloudapi.net", "2019-05-01", `"name":"AzureUSGovernment"`},
		{"management.chinacloudapi.cn", "2022-09-01", `"resourceManager":"https://management.chinacloudapi.cn/"`},
	} {
		resp, err := srv.ProxyClient().Get("https://" + tc.host + "/metadata/endpoints?api-version=" + tc.version)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(raw), tc.want) {
			t.Errorf("%s metadata: %d %s", tc.host, resp.StatusCode, raw)
		}
	}
}
