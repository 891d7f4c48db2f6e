package mockidpclient

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestWithTokenSendsBearer(t *testing.T) {
	var got []string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("Authorization"))
		w.WriteHeader(http.StatusOK)
	}))
	defer ts.Close()
	plain := New(ts.URL, ts.Client())
	if err := plain.Reset(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := plain.WithToken("t0k").Reset(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := plain.Reset(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got[0] != "" || got[1] != "Bearer t0k" || got[2] != "" {
		t.Errorf("Authorization headers %q, want none, the token, none", got)
	}
}
