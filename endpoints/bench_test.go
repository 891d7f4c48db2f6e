package endpoints

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
	"github.com/mockidp/mockidp/signer"
)

// BenchmarkClientCredentials compares end-to-end issuance through the HTTP
// handler with the bare RSA signature that every token needs: signing is
// the floor of the cost, so issuance/signing close to 1 means everything
// else (routing, form parsing, lookups, claims, JSON) is small beside it.
// On a shared, busy machine the wall-clock rates swing; cpu-µs/op (the
// process's CPU time, GC included) is the steadier figure to compare.
func BenchmarkClientCredentials(b *testing.B) {
	keys, err := idp.KeyringFromPEM(fixtures.SigningPEMs())
	if err != nil {
		b.Fatal(err)
	}
	p, err := idp.New(idp.Options{Keys: keys, Seed: idp.DefaultSeed()})
	if err != nil {
		b.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(nil, &slog.HandlerOptions{Level: slog.LevelError + 1}))
	h := NewServer(Options{Provider: p, Logger: quiet}).Handler(clouds.Public)
	body := url.Values{"grant_type": {"client_credentials"}, "client_id": {idp.DefaultDaemonClientID},
		"client_secret": {idp.DefaultDaemonSecret},
		"scope":         {"https://graph.microsoft.com/.default openid offline_access profile"}}.Encode()
	path := "/" + idp.DefaultTenantID + "/oauth2/v2.0/token"

	b.Run("issue", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			r := httptest.NewRequest(http.MethodPost, "https://localhost:8443"+path, strings.NewReader(body))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != http.StatusOK {
				b.Fatalf("status %d: %s", w.Code, w.Body)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	})

	b.Run("sign-only", func(b *testing.B) {
		key, _ := keys.Signer(clouds.Public.Name)
		// A signing input of a typical token's length, through the signer
		// the minting code uses.
		input := strings.Repeat("x", 1100)
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			if _, err := signer.SignSHA256(key.Key, []byte(input)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "signatures/s")
	})
}

// reportCPU starts counting the process's CPU time; the function it
// returns reports it per operation.
func reportCPU(b *testing.B) func() {
	start, ok := processCPU()
	return func() {
		if end, ok2 := processCPU(); ok && ok2 && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(time.Microsecond)/float64(b.N), "cpu-µs/op")
		}
	}
}
