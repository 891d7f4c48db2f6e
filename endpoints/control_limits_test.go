package endpoints

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
)

// A scenarios body over the limit is refused, not truncated into a
// smaller document; a clock change the clock cannot hold is refused.
func TestControlLimits(t *testing.T) {
	srv := NewServer(Options{Provider: newTestProvider(t, nil, nil), Logger: quietLogger()})
	big := `[` + strings.Repeat(`{"name":"x","match":{},"respond":{"status":500}},`, (8<<20)/48) + `{"name":"y","match":{},"respond":{"status":500}}]`
	for _, tc := range []struct {
		path, body, wantErr string
	}{
		{"/_mockidp/scenarios", big, "body_too_large"},
		{"/_mockidp/clock", `{"set":"9999-12-31T00:00:00Z"}`, "invalid_clock"},
		{"/_mockidp/clock", `{"advance":"2562047h"}`, "invalid_clock"},
	} {
		w := httptest.NewRecorder()
		srv.Handler(clouds.Public).ServeHTTP(w, controlRequest("POST", tc.path, tc.body, "127.0.0.1:1", nil))
		if w.Code != 400 || !strings.Contains(w.Body.String(), tc.wantErr) {
			t.Errorf("%s (%d bytes): %d %.200s, want 400 %s", tc.path, len(tc.body), w.Code, w.Body, tc.wantErr)
		}
	}
	if len(srv.scenarios.List()) != 0 {
		t.Error("a refused scenarios body added scenarios")
	}
}
