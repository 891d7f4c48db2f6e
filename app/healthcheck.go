package app

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/mockidp/mockidp/ca"
	"github.com/mockidp/mockidp/config"
	"github.com/mockidp/mockidp/endpoints"
)

// HealthPath is the health endpoint on every HTTPS listener.
const HealthPath = endpoints.ControlPrefix + "/health"

// Healthcheck asks the running mockidp described by cfg whether it is
// healthy: GET https://<loopback>:<listen port>/_mockidp/health, trusting
// only the CA in cfg's data folder (or cfg.CACert). It is what the image's
// HEALTHCHECK runs, because the image has no shell or curl. A nil error
// means a 200 over a verified TLS connection.
func Healthcheck(ctx context.Context, cfg config.Config) error {
	caPath := cfg.CACert
	if caPath == "" {
		caPath = filepath.Join(cfg.DataDir, ca.CertFileName)
	}
	pem, err := os.ReadFile(caPath)
	if err != nil {
		return fmt.Errorf("CA certificate: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return fmt.Errorf("CA certificate %s: no PEM certificate in it", caPath)
	}
	addr, err := loopbackAddr(cfg.Listen)
	if err != nil {
		return err
	}
	// "localhost" is on every certificate mockidp makes, whichever
	// address the listener is bound to.
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, ServerName: "localhost",
		MinVersion: tls.VersionTLS12}}
	defer tr.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://"+addr+HealthPath, nil)
	if err != nil {
		return err
	}
	res, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 1<<16))
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", req.URL, res.Status)
	}
	return nil
}

// loopbackAddr turns a listen address into one to dial: a wildcard or
// missing host becomes 127.0.0.1, a specific host is kept.
func loopbackAddr(listen string) (string, error) {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return "", fmt.Errorf("listen address %q: %w", listen, err)
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port), nil
}
