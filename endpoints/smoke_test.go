package endpoints

import (
	"io"
	"net/url"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

func TestSmokeClientCredentials(t *testing.T) {
	ts := newTestServer(t, clouds.Public, nil)
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {idp.DefaultDaemonClientID},
		"client_secret": {idp.DefaultDaemonSecret}, "scope": {"https://graph.microsoft.com/.default openid offline_access profile"}}
	resp, err := ts.Client().PostForm(ts.URL+"/"+idp.DefaultTenantID+"/oauth2/v2.0/token", form)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	t.Logf("%d %s", resp.StatusCode, b)
	r2 := ts.get(t, "/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration")
	b, _ = io.ReadAll(r2.Body)
	t.Logf("%d %s", r2.StatusCode, b)
	r3 := ts.get(t, "/nope.example/v2.0/.well-known/openid-configuration")
	b, _ = io.ReadAll(r3.Body)
	t.Logf("%d %v %s", r3.StatusCode, r3.Header, b)
}
