package managedidentity

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
)

// msal-node parses every managed-identity answer as JSON before its retry
// logic: every status a scenario can give IMDS or Arc must come as a JSON
// body with error and error_description, and the other sources' in their
// JSON envelopes.
func TestManagedIdentityStatusAnswersAreJSON(t *testing.T) {
	_, h := newTestServer(t)
	for _, src := range []string{miIMDS, miArc, miAppService, miAzureML, miCloudShell, miServiceFabric} {
		for _, status := range []int{404, 408, 410, 429, 500, 503, 504} {
			rec := httptest.NewRecorder()
			c := echo.New().NewContext(httptest.NewRequest(http.MethodGet, "/", nil), rec)
			if err := h.miStatusError(src, status, 1).Render(c); err != nil {
				t.Fatal(err)
			}
			var body map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || rec.Code != status ||
				!strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
				t.Errorf("%s %d: %d %q %q (%v)", src, status, rec.Code, rec.Header().Get("Content-Type"), rec.Body, err)
				continue
			}
			if src == miIMDS || src == miArc {
				if d, _ := body["error_description"].(string); body["error"] == nil || d == "" {
					t.Errorf("%s %d: %v", src, status, body)
				}
			}
		}
	}
}
