package endpoints

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// A request for the permissions an app is configured with (v1 resource=,
// v2 /.default) naming a resource the app never registered is refused at
// /authorize with AADSTS650057, sent back to the redirect URI as
// invalid_client. Named v2 scopes are dynamic consent and pass; so do the
// app's own resource and resources it already holds consent for.
func TestAuthorizeResourceNotRegistered(t *testing.T) {
	const (
		webLabel = "Client app ID: " + webClientID + "(Contoso Web). "
		cliLabel = "Client app ID: " + idp.DefaultCLIClientID + "(mockidp CLI). "
		azLabel  = "Client app ID: " + idp.AzureCLIClientID + "(Microsoft Azure CLI). "
	)
	web := func(v1 bool, param string) authorizeCase {
		return authorizeCase{client: webClientID, redirect: webRedirect, v1: v1, param: param}
	}
	cli := func(scope string) authorizeCase {
		return authorizeCase{client: idp.DefaultCLIClientID, redirect: "http://localhost:5555", param: scope}
	}
	az := func(scope string) authorizeCase {
		return authorizeCase{client: idp.AzureCLIClientID, redirect: "http://localhost:8400", param: scope}
	}
	cases := []struct {
		name string
		req  authorizeCase
		want string // "" for a code, else the error_description's text after the code
	}{
		{"v1 resource not registered", web(true, "https://management.core.windows.net/"),
			"AADSTS650057: Invalid resource. The client has requested access to a resource which is not listed in the requested permissions in the client's application registration. " +
				webLabel + "Resource value from request: https://management.core.windows.net/. Resource app ID: " + idp.ARMAppID +
				". List of valid resources from app registration: " + idp.GraphAppID + "."},
		{"v2 .default not registered", web(false, "openid https://management.azure.com/.default"),
			webLabel + "Resource value from request: https://management.azure.com. Resource app ID: " + idp.ARMAppID},
		{"v2 named scope is dynamic consent", web(false, "openid https://management.azure.com/user_impersonation"), ""},
		{"v2 OIDC and Graph scopes", web(false, "openid profile offline_access User.Read"), ""},
		{"v2 registered .default", web(false, "openid https://graph.microsoft.com/.default"), ""},
		{"v1 registered resource", web(true, "https://graph.microsoft.com"), ""},
		{"v1 the app itself", web(true, webClientID), ""},
		{"no registration but consent recorded", cli("openid " + idp.DefaultAPIURI + "/.default"), ""},
		{"no registration at all", cli("openid https://management.azure.com/.default"),
			cliLabel + "Resource value from request: https://management.azure.com. Resource app ID: " + idp.ARMAppID +
				". List of valid resources from app registration: ."},
		{"first-party pre-authorized", az("https://management.core.windows.net//.default offline_access openid profile"), ""},
		{"first-party not pre-authorized", az("openid " + idp.DefaultAPIURI + "/.default"),
			azLabel + "Resource value from request: " + idp.DefaultAPIURI + ". Resource app ID: " + idp.DefaultAPIClientID},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, b := newUserFlowServer(t)
			q := redirectParams(t, b.get(tc.req.path()))
			if tc.want == "" {
				if q.Get("code") == "" {
					t.Fatalf("no code: %v", q)
				}
				return
			}
			d := q.Get("error_description")
			if q.Get("error") != "invalid_client" || !strings.HasPrefix(d, "AADSTS650057: Invalid resource. ") ||
				!strings.Contains(d, tc.want) || q.Get("state") != "st8" || q.Get("error_uri") == "" || q.Get("code") != "" {
				t.Fatalf("redirect = %v\nwant text %q", q, tc.want)
			}
		})
	}
}

// authorizeCase is an authorize request of the auto-approve user.
type authorizeCase struct {
	client, redirect string
	v1               bool
	param            string // resource (v1) or scope (v2)
}

func (a authorizeCase) path() string {
	q := url.Values{"client_id": {a.client}, "response_type": {"code"}, "redirect_uri": {a.redirect},
		"state": {"st8"}, "login_hint": {botUPN}}
	if a.v1 {
		q.Set("resource", a.param)
		return "/" + idp.DefaultTenantID + "/oauth2/authorize?" + q.Encode()
	}
	q.Set("scope", a.param)
	return "/" + idp.DefaultTenantID + "/oauth2/v2.0/authorize?" + q.Encode()
}

// TestGoldenAuthorizeResourceNotRegistered pins the 650057 redirect: its
// status, headers and the fields in the order Entra sends them.
func TestGoldenAuthorizeResourceNotRegistered(t *testing.T) {
	req := authorizeCase{client: webClientID, redirect: webRedirect, v1: true, param: "https://management.core.windows.net/"}
	w := serveFixedSeed(t, clouds.Public, withUserFlowFixtures, http.MethodGet, goldenHost, req.path(), nil, nil)
	if w.Code != http.StatusFound {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	checkHeaders(t, w, map[string]string{"Cache-Control": "no-store, no-cache", "Pragma": "no-cache"})
	loc := w.Header().Get("Location")
	base, query, _ := strings.Cut(loc, "?")
	var b strings.Builder
	b.WriteString("302 " + base + "\n")
	for _, kv := range strings.Split(query, "&") {
		k, v, _ := strings.Cut(kv, "=")
		v, _ = url.QueryUnescape(v)
		b.WriteString(k + ": " + v + "\n")
	}
	checkGolden(t, "authorize/resource-not-registered-650057.txt", []byte(b.String()))
}

// The device flow refuses the same way once the user has signed in on
// the device-login page (Entra shows 650057 there, the device's poll
// keeps pending).
func TestDeviceLoginResourceNotRegistered(t *testing.T) {
	ts := newTestServer(t, clouds.Public, nil)
	_, body := ts.post(t, devicePathV2, url.Values{"client_id": {idp.DefaultCLIClientID},
		"scope": {"https://management.azure.com/.default offline_access"}})
	code, _ := body["user_code"].(string)
	if code == "" {
		t.Fatalf("no user code: %v", body)
	}
	html := ts.page(t, "/devicelogin", url.Values{"step": {"signin"}, "otc": {code}, "login": {upn},
		"passwd": {idp.DefaultUserPassword}})
	mustContain(t, html, "AADSTS650057: Invalid resource.", "Resource value from request: https://management.azure.com.")
	if strings.Contains(html, `name="accept"`) {
		t.Error("consent offered for an unregistered resource")
	}
}
