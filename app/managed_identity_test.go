package app

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/idp"
)

// The imds listener and the proxy (for http://169.254.169.254) both serve
// IMDS; tokens are issued under the public listener's URL.
func TestManagedIdentityListeners(t *testing.T) {
	cfg := testConfig(t)
	cfg.IMDSListen = "127.0.0.1:0"
	out := &syncBuffer{}
	a, err := New(cfg, out)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx) }()
	t.Cleanup(func() { cancel(); <-done })

	proxyURL, _ := url.Parse("http://" + a.Addr("proxy"))
	clients := map[string]struct {
		client *http.Client
		base   string
	}{
		"imds listener": {&http.Client{Transport: &http.Transport{}}, "http://" + a.Addr("imds")},
		"proxy":         {&http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxyURL)}}, "http://169.254.169.254"},
	}
	for name, c := range clients {
		req, _ := http.NewRequest(http.MethodGet, c.base+"/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/", nil)
		req.Header.Set("Metadata", "true")
		resp, err := c.client.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var body struct {
			AccessToken string `json:"access_token"`
			ClientID    string `json:"client_id"`
		}
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 || body.ClientID != idp.DefaultVMIdentityClientID {
			t.Fatalf("%s: %d %+v %v", name, resp.StatusCode, body, err)
		}
		var claims map[string]any
		if err := idp.DecodeUnverifiedJWT(body.AccessToken, nil, &claims); err != nil {
			t.Fatal(err)
		}
		// ARM receives v1.0 tokens: the cloud's own v1 issuer on any listener.
		if want := "https://sts.windows.net/" + idp.DefaultTenantID + "/"; claims["iss"] != want {
			t.Errorf("%s: iss %v, want %s", name, claims["iss"], want)
		}
	}
	if !strings.Contains(out.String(), "IDENTITY_ENDPOINT=http://localhost:"+port(a.Addr("imds"))+"/msi/token") {
		t.Errorf("banner lacks managed-identity hints:\n%s", out.String())
	}
}

func port(addr string) string {
	_, p, _ := net.SplitHostPort(addr)
	return p
}
