package endpoints

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints/managedidentity"
)

func TestIMDSFaults(t *testing.T) {
	ts, srv := newMIServer(t, nil, nil, managedidentity.Options{})
	// Faults are scripted over the control API, which only HTTPS serves.
	ctl := httptest.NewTLSServer(srv.Handler(clouds.Public))
	t.Cleanup(ctl.Close)
	post := func(body string) int {
		resp, err := ctl.Client().Post(ctl.URL+"/_mockidp/imds/faults", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, bad := range []string{`{"status":400,"count":1}`, `{"status":410,"count":0}`, `{"status":429,"count":1,"retry_after":-1}`, `nope`} {
		if got := post(bad); got != 400 {
			t.Errorf("%s: status %d, want 400", bad, got)
		}
	}
	if post(`{"status":410,"count":2}`) != 204 || post(`{"status":429,"count":1,"retry_after":3}`) != 204 || post(`{"status":500,"count":1}`) != 204 {
		t.Fatal("queueing faults failed")
	}
	call := miCall{path: "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/", header: metadataTrue}
	want := []struct {
		status     int
		body       string
		retryAfter string
	}{
		{410, imdsGone, ""}, {410, imdsGone, ""},
		{429, `{"error":"too_many_requests","error_description":"IMDS Throttle limit reached."}`, "3"},
		{500, `{"error":"unknown","error_description":"Failed to retrieve token from the Active directory. For details see logs in /var/log/azure/Microsoft.ManagedIdentity.ManagedIdentityExtensionForLinux/msi-extension.log"}`, ""},
		{200, "", ""},
	}
	for i, w := range want {
		status, h, body := call.do(t, ts.URL)
		if status != w.status || (w.status != 200 && body != w.body) || h.Get("Retry-After") != w.retryAfter {
			t.Errorf("call %d: %d %q %v, want %d %q", i, status, body, h, w.status, w.body)
		}
	}
	post(`{"status":404,"count":5}`)
	req, _ := http.NewRequest(http.MethodDelete, ctl.URL+"/_mockidp/imds/faults", nil)
	if resp, err := ctl.Client().Do(req); err != nil || resp.StatusCode != 204 {
		t.Fatalf("clear: %v", err)
	}
	if status, _, _ := call.do(t, ts.URL); status != 200 {
		t.Errorf("after clearing: %d", status)
	}
}

// IMDS hands out its cached token with a shrinking expires_in, and a new
// one near expiry.
func TestIMDSTokenCache(t *testing.T) {
	ts, srv := newMIServer(t, nil, nil, managedidentity.Options{})
	call := miCall{path: "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.azure.net", header: metadataTrue}
	token := func() (string, string) {
		_, _, body := call.do(t, ts.URL)
		at, _, _ := strings.Cut(strings.TrimPrefix(body, `{"access_token":"`), `"`)
		_, rest, _ := strings.Cut(body, `"expires_in":"`)
		in, _, _ := strings.Cut(rest, `"`)
		return at, in
	}
	first, in := token()
	srv.idp.Clock().Advance(time.Hour)
	second, in2 := token()
	if first != second || in != "86399" || in2 != "82799" {
		t.Errorf("after an hour: same token %v, expires_in %s then %s", first == second, in, in2)
	}
	srv.idp.Clock().Advance(23 * time.Hour)
	if third, in3 := token(); third == first || in3 != "86399" {
		t.Errorf("near expiry: new token %v, expires_in %s", third != first, in3)
	}
}

// imdsGone is IMDS's JSON answer while it warms up.
const imdsGone = `{"error":"gone","error_description":"IMDS is going through updates. IMDS will be available in at most 70 seconds."}`
