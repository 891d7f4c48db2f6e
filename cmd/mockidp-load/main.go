// Command mockidp-load measures token issuance of a running mockidp: it
// sends a bounded number of client-credentials requests from several
// workers and reports tokens per second and latency percentiles. It only
// talks to loopback addresses.
//
//	mockidp-load -url https://localhost:8443 -ca ~/.cache/mockidp/ca.pem -n 2000 -c 8
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	cfg := config{}
	flag.StringVar(&cfg.baseURL, "url", "https://localhost:8443", "mockidp base URL (loopback only)")
	flag.StringVar(&cfg.caFile, "ca", "", "CA certificate PEM of mockidp (default: the data folder's ca.pem)")
	flag.StringVar(&cfg.tenant, "tenant", "3a6e1f52-8c4d-4b7e-9a21-5f0c2d8e4b19", "tenant")
	flag.StringVar(&cfg.clientID, "client-id", "b2c4d6e8-1a3c-4e5f-8a7b-9c0d1e2f3a4b", "client ID")
	flag.StringVar(&cfg.secret, "secret", "mockidp-daemon-secret", "client secret")
	flag.StringVar(&cfg.scope, "scope", "https://graph.microsoft.com/.default", "scope")
	flag.IntVar(&cfg.requests, "n", 1000, "number of requests (at most 1,000,000)")
	flag.IntVar(&cfg.workers, "c", 4, "concurrent workers")
	flag.DurationVar(&cfg.limit, "timeout", 2*time.Minute, "stop after this long")
	flag.Parse()
	res, err := run(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mockidp-load:", err)
		os.Exit(1)
	}
	fmt.Print(res)
	if res.failed > 0 {
		os.Exit(1)
	}
}
