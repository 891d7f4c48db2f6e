package mockidptest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

func TestTransportRoutesByHost(t *testing.T) {
	srv := NewServer(t)
	client := &http.Client{Transport: srv.Transport()}
	gov := srv.CloudURL(clouds.USGovernment)
	tests := []struct {
		name, base, tenant, wantIssuer string
	}{
		{"public login host", "https://login.microsoftonline.com", idp.DefaultTenantID,
			"https://login.microsoftonline.com/" + idp.DefaultTenantID + "/v2.0"},
		{"usgov login host", "https://login.microsoftonline.us", idp.DefaultUSGovTenantID,
			"https://login.microsoftonline.us/" + idp.DefaultUSGovTenantID + "/v2.0"},
		{"public listener", srv.URL(), idp.DefaultTenantID, srv.URL() + "/" + idp.DefaultTenantID + "/v2.0"},
		{"usgov listener", gov, idp.DefaultUSGovTenantID, gov + "/" + idp.DefaultUSGovTenantID + "/v2.0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := client.Get(tc.base + "/" + tc.tenant + "/v2.0/.well-known/openid-configuration")
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var doc struct{ Issuer string }
			if err := json.NewDecoder(res.Body).Decode(&doc); err != nil || res.StatusCode != http.StatusOK {
				t.Fatalf("status %d, decode %v", res.StatusCode, err)
			}
			if doc.Issuer != tc.wantIssuer {
				t.Fatalf("issuer %q, want %q", doc.Issuer, tc.wantIssuer)
			}
		})
	}
}

// The public listener must not serve a usgov tenant: routing by listener
// keeps clouds apart in Transport as over sockets.
func TestTransportKeepsCloudsApart(t *testing.T) {
	srv := NewServer(t)
	client := &http.Client{Transport: srv.Transport()}
	res, err := client.Get(srv.URL() + "/" + idp.DefaultUSGovTenantID + "/v2.0/.well-known/openid-configuration")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("usgov tenant on the public listener: status %d, want 400", res.StatusCode)
	}
}

func TestTransportRefusesOtherHosts(t *testing.T) {
	srv := NewServer(t)
	body := &closeRecorder{Reader: strings.NewReader("x=1")}
	req, _ := http.NewRequest(http.MethodPost, "https://graph.microsoft.com/v1.0/me", body)
	_, err := srv.Transport().RoundTrip(req)
	if err == nil || !strings.Contains(err.Error(), "graph.microsoft.com") {
		t.Fatalf("RoundTrip to graph = %v, want an error naming the host", err)
	}
	if !body.closed {
		t.Fatal("RoundTrip did not close the request body")
	}
}

func TestTransportToken(t *testing.T) {
	srv := NewServer(t)
	client := &http.Client{Transport: srv.Transport()}
	res, err := client.PostForm("https://login.microsoftonline.com/"+idp.DefaultTenantID+"/oauth2/v2.0/token", url.Values{
		"grant_type": {"client_credentials"}, "client_id": {idp.DefaultDaemonClientID},
		"client_secret": {idp.DefaultDaemonSecret}, "scope": {"https://graph.microsoft.com/.default"},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || !strings.Contains(string(b), `"access_token"`) {
		t.Fatalf("status %d: %s", res.StatusCode, b)
	}
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("token response Cache-Control %q, want no-store", cc)
	}
}

type closeRecorder struct {
	io.Reader
	closed bool
}

func (c *closeRecorder) Close() error { c.closed = true; return nil }
