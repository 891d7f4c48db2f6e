package mockidptest

import (
	"net/http"
	"testing"
)

// The control API is not reachable over plain HTTP: neither on the
// managed-identity listener nor as an absolute-form request through the
// proxy (curl -x http://proxy http://169.254.169.254/_mockidp/seed), while
// the same listeners still serve managed identity.
func TestControlAbsentOverPlainHTTP(t *testing.T) {
	srv := NewServer(t)
	for _, tc := range []struct {
		name   string
		client *http.Client
		url    string
	}{
		{"managed-identity listener", http.DefaultClient, srv.IMDSURL() + "/_mockidp/seed"},
		{"proxy plain path", srv.ProxyClient(), "http://" + IMDSHost + "/_mockidp/seed"},
		{"proxy plain path, reset", srv.ProxyClient(), "http://" + IMDSHost + "/_mockidp/requests"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := tc.client.Get(tc.url)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("status %d, want 404", res.StatusCode)
			}
		})
	}
	res, err := srv.ProxyClient().Post("http://"+IMDSHost+"/_mockidp/reset", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("reset through the proxy's plain path: %d, want 404", res.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodGet, "http://"+IMDSHost+"/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/", nil)
	req.Header.Set("Metadata", "true")
	res, err = srv.ProxyClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("IMDS through the proxy: %d, want 200", res.StatusCode)
	}
}
