package endpoints

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/endpoints/web"
)

// entraErrorJSON is the part of an error body every client parses.
type entraErrorJSON struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
	Codes       []int  `json:"error_codes"`
	TraceID     string `json:"trace_id"`
}

// requireEntraError fails unless w is Entra's error JSON with one of the
// statuses: a JSON content type, an OAuth error, at least one AADSTS code,
// and a description that starts with that code.
func requireEntraError(t *testing.T, w *httptest.ResponseRecorder, statuses ...int) entraErrorJSON {
	t.Helper()
	var e entraErrorJSON
	ok := false
	for _, s := range statuses {
		ok = ok || w.Code == s
	}
	if !ok {
		t.Fatalf("status %d, want one of %v: %q", w.Code, statuses, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != web.ContentTypeJSON {
		t.Fatalf("status %d with Content-Type %q: %q", w.Code, ct, w.Body)
	}
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
		t.Fatalf("status %d, body is not JSON (%v): %q", w.Code, err, w.Body)
	}
	if e.Error == "" || len(e.Codes) == 0 || e.TraceID == "" {
		t.Fatalf("error body lacks error, error_codes or trace_id: %q", w.Body)
	}
	if !strings.HasPrefix(e.Description, "AADSTS"+strconv.Itoa(e.Codes[0])+": ") {
		t.Fatalf("error_description does not start with AADSTS%d: %q", e.Codes[0], e.Description)
	}
	return e
}

// requireNotFoundPage fails unless w is mockidp's HTML 404 page.
func requireNotFoundPage(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	if w.Code != http.StatusNotFound || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("status %d, Content-Type %q: %q", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
}
