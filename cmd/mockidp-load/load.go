package main

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type config struct {
	baseURL, caFile, tenant, clientID, secret, scope string
	requests, workers                                int
	limit                                            time.Duration
}

type result struct {
	ok, failed int
	elapsed    time.Duration
	latencies  []time.Duration
	firstError string
}

func (r result) String() string {
	if len(r.latencies) == 0 {
		return fmt.Sprintf("no successful requests; %d failed (%s)\n", r.failed, r.firstError)
	}
	slices.Sort(r.latencies)
	p := func(q float64) time.Duration { return r.latencies[int(q*float64(len(r.latencies)-1))] }
	s := fmt.Sprintf("%d tokens in %s: %.0f tokens/s; latency p50 %s p90 %s p99 %s max %s\n",
		r.ok, r.elapsed.Round(time.Millisecond), float64(r.ok)/r.elapsed.Seconds(),
		p(0.5), p(0.9), p(0.99), r.latencies[len(r.latencies)-1])
	if r.failed > 0 {
		s += fmt.Sprintf("%d failed, first: %s\n", r.failed, r.firstError)
	}
	return s
}

// run sends cfg.requests token requests from cfg.workers goroutines and
// stops early at cfg.limit.
func run(cfg config) (result, error) {
	if cfg.requests < 1 || cfg.requests > 1_000_000 || cfg.workers < 1 || cfg.workers > 256 {
		return result{}, errors.New("-n must be 1..1000000 and -c 1..256")
	}
	client, tokenURL, err := setup(cfg)
	if err != nil {
		return result{}, err
	}
	body := url.Values{"grant_type": {"client_credentials"}, "client_id": {cfg.clientID},
		"client_secret": {cfg.secret}, "scope": {cfg.scope}}.Encode()
	var (
		next     atomic.Int64
		mu       sync.Mutex
		res      result
		wg       sync.WaitGroup
		deadline = time.Now().Add(cfg.limit)
	)
	start := time.Now()
	for range cfg.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(cfg.requests) && time.Now().Before(deadline) {
				t0 := time.Now()
				err := post(client, tokenURL, body)
				d := time.Since(t0)
				mu.Lock()
				if err != nil {
					res.failed++
					if res.firstError == "" {
						res.firstError = err.Error()
					}
				} else {
					res.ok++
					res.latencies = append(res.latencies, d)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res, nil
}

func post(client *http.Client, tokenURL, body string) error {
	resp, err := client.Post(tokenURL, "application/x-www-form-urlencoded", strings.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d: %.200s", resp.StatusCode, b)
	}
	return nil
}

// setup checks the target is on loopback and builds a client that trusts
// mockidp's CA.
func setup(cfg config) (*http.Client, string, error) {
	u, err := url.Parse(cfg.baseURL)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return nil, "", fmt.Errorf("-url %q is not an https URL", cfg.baseURL)
	}
	if !isLoopback(u.Hostname()) {
		return nil, "", fmt.Errorf("-url host %q is not a loopback address; mockidp-load only loads this machine", u.Hostname())
	}
	caFile := cfg.caFile
	if caFile == "" {
		dir, _ := os.UserCacheDir()
		caFile = filepath.Join(dir, "mockidp", "ca.pem")
	}
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, "", fmt.Errorf("CA certificate: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, "", fmt.Errorf("%s holds no PEM certificate", caFile)
	}
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, MaxIdleConnsPerHost: cfg.workers}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	return client, strings.TrimRight(cfg.baseURL, "/") + "/" + url.PathEscape(cfg.tenant) + "/oauth2/v2.0/token", nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
