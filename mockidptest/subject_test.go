package mockidptest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// A user's sub for one client is the same in every kind of token:
// authorization code, refresh, device code, password (ROPC) and Cloud
// Shell (which hands out the user's Azure CLI tokens), and in ID tokens.
func TestSubjectSameInEveryTokenKind(t *testing.T) {
	srv := mockidptest.NewServer(t)
	const client = idp.AzureCLIClientID
	const scope = "https://management.core.windows.net//.default openid profile offline_access"
	upn := idp.DefaultUserUPN("contoso.onmicrosoft.com")
	tokenURL := srv.AuthorityURL(idp.DefaultTenantID) + "/oauth2/v2.0/token"
	subs := map[string]string{}

	ropc := postToken(t, srv.Client(), tokenURL, url.Values{"grant_type": {"password"}, "client_id": {client},
		"scope": {scope}, "username": {upn}, "password": {idp.DefaultUserPassword}})
	subs["password"], subs["password id_token"] = subOf(t, ropc["access_token"]), subOf(t, ropc["id_token"])

	refreshed := postToken(t, srv.Client(), tokenURL, url.Values{"grant_type": {"refresh_token"}, "client_id": {client},
		"scope": {scope}, "refresh_token": {ropc["refresh_token"]}})
	subs["refresh"] = subOf(t, refreshed["access_token"])

	code := authorizationCode(t, srv, client, scope, upn)
	redeemed := postToken(t, srv.Client(), tokenURL, url.Values{"grant_type": {"authorization_code"}, "client_id": {client},
		"scope": {scope}, "code": {code.code}, "redirect_uri": {code.redirect}})
	subs["authorization_code"], subs["authorization_code id_token"] = subOf(t, redeemed["access_token"]), subOf(t, redeemed["id_token"])

	subs["device_code"] = subOf(t, deviceCodeToken(t, srv, client, scope, upn))
	subs["cloud shell"] = subOf(t, cloudShellToken(t, srv, "https://management.core.windows.net/"))

	want := idp.PairwiseSubject(idp.DefaultUserID, client)
	for kind, sub := range subs {
		if sub != want {
			t.Errorf("%s: sub = %q, want %q", kind, sub, want)
		}
	}
}

func postToken(t *testing.T, hc *http.Client, tokenURL string, form url.Values) map[string]string {
	t.Helper()
	resp, err := hc.PostForm(tokenURL, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	body, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(body, &out); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("%s grant: %d %s", form.Get("grant_type"), resp.StatusCode, body)
	}
	strs := map[string]string{}
	for k, v := range out {
		if s, ok := v.(string); ok {
			strs[k] = s
		}
	}
	return strs
}

type issuedCode struct{ code, redirect string }

// authorizationCode signs the user in on mockidp's page and catches the
// code at a loopback redirect URI, as az login does.
func authorizationCode(t *testing.T, srv *mockidptest.Server, client, scope, upn string) issuedCode {
	t.Helper()
	got := make(chan string, 1)
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.URL.Query().Get("code")
	}))
	t.Cleanup(app.Close)
	redirect := "http://localhost:" + app.URL[strings.LastIndex(app.URL, ":")+1:]
	q := url.Values{"client_id": {client}, "response_type": {"code"}, "redirect_uri": {redirect}, "scope": {scope},
		"prompt": {"login"}, "login_hint": {upn}}
	b := &mockidptest.Browser{Client: srv.Client(), Username: upn, Password: idp.DefaultUserPassword}
	if err := b.Open(srv.AuthorityURL(idp.DefaultTenantID) + "/oauth2/v2.0/authorize?" + q.Encode()); err != nil {
		t.Fatal(err)
	}
	return issuedCode{<-got, redirect}
}

func deviceCodeToken(t *testing.T, srv *mockidptest.Server, client, scope, upn string) string {
	t.Helper()
	base := srv.AuthorityURL(idp.DefaultTenantID) + "/oauth2/v2.0/"
	resp, err := srv.Client().PostForm(base+"devicecode", url.Values{"client_id": {client}, "scope": {scope}})
	if err != nil {
		t.Fatal(err)
	}
	var dc struct {
		DeviceCode string `json:"device_code"`
		UserCode   string `json:"user_code"`
	}
	err = json.NewDecoder(resp.Body).Decode(&dc)
	resp.Body.Close()
	if err != nil || dc.DeviceCode == "" {
		t.Fatalf("devicecode: %d %v", resp.StatusCode, err)
	}
	if err := srv.ApproveDeviceCode(dc.UserCode, upn); err != nil {
		t.Fatal(err)
	}
	return postToken(t, srv.Client(), base+"token", url.Values{"grant_type": {"urn:ietf:params:oauth:grant-type:device_code"},
		"client_id": {client}, "device_code": {dc.DeviceCode}})["access_token"]
}

func cloudShellToken(t *testing.T, srv *mockidptest.Server, resource string) string {
	t.Helper()
	endpoint := srv.ManagedIdentityEnv(mockidptest.SourceCloudShell)["MSI_ENDPOINT"]
	req, _ := http.NewRequest(http.MethodPost, endpoint, strings.NewReader(url.Values{"resource": {resource}}.Encode()))
	req.Header.Set("Metadata", "true")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.AccessToken == "" {
		t.Fatalf("cloud shell: %d %v", resp.StatusCode, err)
	}
	return out.AccessToken
}

func subOf(t *testing.T, token string) string {
	t.Helper()
	var c struct {
		Sub string `json:"sub"`
	}
	if err := idp.DecodeUnverifiedJWT(token, nil, &c); err != nil {
		t.Fatalf("token %.40q: %v", token, err)
	}
	return c.Sub
}
