package integration_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidpclient"
	"github.com/mockidp/mockidp/mockidptest"
	"github.com/mockidp/mockidp/scenarios"
)

var defaultUPN = idp.DefaultUserUPN("contoso.onmicrosoft.com")

// cliApp is msal-go's public client for the default CLI app.
func cliApp(t *testing.T, srv *mockidptest.Server, opts ...public.Option) public.Client {
	t.Helper()
	opts = append([]public.Option{public.WithAuthority(srv.AuthorityURL(idp.DefaultTenantID)),
		public.WithHTTPClient(srv.Client()), public.WithInstanceDiscovery(false)}, opts...)
	app, err := public.New(idp.DefaultCLIClientID, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return app
}

// signIn runs msal-go's username/password flow for the default user.
func signIn(t *testing.T, app public.Client, scopes ...string) (public.AuthResult, error) {
	t.Helper()
	if len(scopes) == 0 {
		scopes = []string{"User.Read"}
	}
	//lint:ignore SA1019 ROPC is a flow mockidp serves and msal-go still ships; deprecated there, not removed
	return app.AcquireTokenByUsernamePassword(testContext(t), scopes, defaultUPN, idp.DefaultUserPassword)
}

// daemonApp is msal-go's confidential client for the daemon with its secret.
func daemonApp(t *testing.T, srv *mockidptest.Server) confidential.Client {
	t.Helper()
	cred, err := confidential.NewCredFromSecret(idp.DefaultDaemonSecret)
	if err != nil {
		t.Fatal(err)
	}
	app, err := confidential.New(srv.AuthorityURL(idp.DefaultTenantID), idp.DefaultDaemonClientID, cred,
		confidential.WithHTTPClient(srv.Client()), confidential.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	return app
}

// preset applies a preset through the control API.
func preset(t *testing.T, srv *mockidptest.Server, name string, p scenarios.Params) scenarios.Result {
	t.Helper()
	r, err := srv.Control.Preset(testContext(t), name, p)
	if err != nil {
		t.Fatalf("preset %s: %v", name, err)
	}
	return r
}

// graphAnswer is a Graph call's status, headers and decoded error.
type graphAnswer struct {
	status  int
	header  http.Header
	code    string
	message string
	body    map[string]any
}

// graphGet calls the Graph-like resource at its real host through
// mockidp's proxy, as an application would.
func graphGet(t *testing.T, srv *mockidptest.Server, token, path string) graphAnswer {
	t.Helper()
	req, _ := http.NewRequestWithContext(testContext(t), http.MethodGet, "https://graph.microsoft.com"+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := srv.ProxyClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	a := graphAnswer{status: resp.StatusCode, header: resp.Header}
	if err := json.Unmarshal(b, &a.body); err != nil {
		t.Fatalf("Graph answer is not JSON: %s", b)
	}
	if e, ok := a.body["error"].(map[string]any); ok {
		a.code, _ = e["code"].(string)
		a.message, _ = e["message"].(string)
	}
	return a
}

func wantErrorContains(t *testing.T, err error, subs ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", subs)
	}
	for _, s := range subs {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error lacks %q:\n%v", s, err)
		}
	}
}

func mockidpclientFilter(client string) mockidpclient.Filter {
	return mockidpclient.Filter{Client: client, Endpoint: scenarios.EndpointToken}
}

// publicSilent makes AcquireTokenSilent skip the access-token cache (a
// claims request always does) so it redeems the refresh token.
func publicSilent(res public.AuthResult) []public.AcquireSilentOption {
	return []public.AcquireSilentOption{public.WithSilentAccount(res.Account),
		public.WithClaims(`{"access_token":{"xms_cc":{"values":["cp1"]}}}`)}
}
