package proxy

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestRefusalLogIsBounded(t *testing.T) {
	var logs bytes.Buffer
	p := &Proxy{Log: slog.New(slog.NewTextHandler(&logs, nil))}
	r := httptest.NewRequest(http.MethodGet, "http://example.com/"+strings.Repeat("a", 100000), nil)
	p.ServeHTTP(httptest.NewRecorder(), r)
	if logs.Len() == 0 || logs.Len() > 2*maxLogged+512 {
		t.Fatalf("refusal logged %d bytes", logs.Len())
	}
}
