package integration_test

import (
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/mockidptest"
)

// Graph's and ARM's hosts answer in their own JSON, never with the sign-in
// site's HTML: Graph's service document at /v1.0/ and its error envelope
// for an unknown segment, ARM's error for an unknown path.
func TestResourceHostsAnswerUnknownPathsInTheirShape(t *testing.T) {
	srv := mockidptest.NewServer(t)
	c := srv.ProxyClient()
	for _, tc := range []struct {
		url          string
		status       int
		code, inBody string
	}{
		{"https://graph.microsoft.com/v1.0/", 200, "", `"@odata.context":"https://graph.microsoft.com/v1.0/$metadata"`},
		{"https://graph.microsoft.com/v1.0/widgets/1", 400, "BadRequest", "Resource not found for the segment 'widgets'."},
		{"https://graph.microsoft.us/v1.0/nope", 400, "BadRequest", "Resource not found for the segment 'nope'."},
		{"https://management.azure.com/nope", 404, "NoRegisteredProviderFound", "/nope"},
	} {
		resp, err := c.Get(tc.url)
		if err != nil {
			t.Fatal(err)
		}
		var body struct {
			Error struct {
				Code       string         `json:"code"`
				Message    string         `json:"message"`
				InnerError map[string]any `json:"innerError"`
			} `json:"error"`
		}
		raw := new(strings.Builder)
		err = json.NewDecoder(io.TeeReader(resp.Body, raw)).Decode(&body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != tc.status || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") ||
			body.Error.Code != tc.code || !strings.Contains(raw.String(), tc.inBody) {
			t.Errorf("%s: %d %s %s (%v)", tc.url, resp.StatusCode, resp.Header.Get("Content-Type"), raw, err)
		}
		if strings.Contains(tc.url, "graph") && tc.status != 200 && body.Error.InnerError["request-id"] == nil {
			t.Errorf("%s: no innerError: %s", tc.url, raw)
		}
	}
}
