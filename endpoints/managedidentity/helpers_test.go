package managedidentity

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/aad"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
	"github.com/mockidp/mockidp/scenarios"
)

var fixedNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// newTestServer serves the managed-identity sources alone, mounted as the
// route table mounts them, over the default seed.
func newTestServer(t testing.TB) (*httptest.Server, *Handler) {
	t.Helper()
	keys, err := idp.KeyringFromPEM(fixtures.SigningPEMs())
	if err != nil {
		t.Fatal(err)
	}
	p, err := idp.New(idp.Options{Clock: idp.NewFixedClock(fixedNow), Keys: keys, Seed: idp.DefaultSeed()})
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	shape := &aad.Shape{Now: p.Clock().Now, Log: log}
	h := New(p, Options{}, func(echo.Context, string, string) {}, shape)
	st := web.New(web.Config{IDP: p, Log: log, Scenarios: scenarios.NewEngine(p.Clock().Now),
		Fallback: web.Area{Kind: scenarios.EndpointOther, Errors: shape}})
	for _, src := range h.Sources() {
		src.Mount(st.Mount(st.Echo(), web.Area{Kind: src.Kind, Errors: src.Errors, Before: src.Before}))
	}
	ts := httptest.NewServer(st)
	t.Cleanup(ts.Close)
	return ts, h
}
