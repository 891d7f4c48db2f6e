package app

import (
	"crypto/tls"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/idp"
)

// A token issued before a restart, signed by a persisted key and still
// valid, is accepted after it by the Graph-like resource and by ARM, both
// reached through the new instance's proxy as an application would.
func TestTokensSurviveRestart(t *testing.T) {
	cfg := testConfig(t)
	first, cancel, done, _ := serveConfig(t, cfg, nil)
	direct := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: first.ca.Pool()}}}
	graphToken := clientCredentialsToken(t, direct, "https://"+first.Addr("public"), "https://graph.microsoft.com/.default")
	armToken := clientCredentialsToken(t, direct, "https://"+first.Addr("public"), "https://management.azure.com/.default")
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	second, cancel2, done2, _ := serveConfig(t, cfg, nil)
	t.Cleanup(func() { cancel2(); <-done2 })
	proxyURL, _ := url.Parse("http://" + second.Addr("proxy"))
	viaProxy := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxyURL),
		TLSClientConfig: &tls.Config{RootCAs: second.ca.Pool()}}}
	for _, call := range []struct{ url, token string }{
		{"https://graph.microsoft.com/v1.0/users", graphToken},
		{"https://management.azure.com/subscriptions?api-version=2022-12-01", armToken},
	} {
		req, _ := http.NewRequest(http.MethodGet, call.url, nil)
		req.Header.Set("Authorization", "Bearer "+call.token)
		res, err := viaProxy.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s after a restart: %d %s", call.url, res.StatusCode, b)
		}
	}
}

func clientCredentialsToken(t *testing.T, client *http.Client, base, scope string) string {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {idp.DefaultDaemonClientID},
		"client_secret": {idp.DefaultDaemonSecret}, "scope": {scope}}
	res, err := client.Post(base+"/"+idp.DefaultTenantID+"/oauth2/v2.0/token", "application/x-www-form-urlencoded",
		strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(b, &tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("token for %s: %d %s", scope, res.StatusCode, b)
	}
	return tok.AccessToken
}
