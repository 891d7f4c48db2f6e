// Command signrate measures RSA-2048 PKCS#1 v1.5 SHA-256 signatures per
// second of CPU time, single-threaded: mockidp's signer and crypto/rsa, in
// one run, on a fixture key. CPU time (not wall time) makes the figure
// comparable with `openssl speed`, which reports user CPU time, on a busy
// machine.
package main

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"os"
	"runtime"
	"syscall"
	"time"

	"github.com/mockidp/mockidp/internal/fixtures"
	"github.com/mockidp/mockidp/signer"
)

func main() {
	dur := flag.Duration("d", 3*time.Second, "CPU time per implementation")
	asJSON := flag.Bool("json", false, "one JSON line per implementation")
	flag.Parse()
	runtime.LockOSThread()
	key := fixtureKey()
	msg := []byte("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGk6Ly9iZW5jaCJ9")
	impls := []struct {
		name string
		sign func() error
	}{
		{"mockidp-signer (" + signer.Name() + ")", func() error { _, err := signer.SignSHA256(key, msg); return err }},
		{"go-crypto/rsa", func() error {
			d := sha256.Sum256(msg)
			_, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, d[:])
			return err
		}},
	}
	for _, im := range impls {
		n, cpu := measure(im.sign, *dur)
		perSec := float64(n) / cpu.Seconds()
		if *asJSON {
			b, _ := json.Marshal(map[string]any{"impl": im.name, "signs": n, "cpu_s": cpu.Seconds(), "signs_per_cpu_s": perSec, "us_per_sign": 1e6 / perSec})
			fmt.Println(string(b))
		} else {
			fmt.Printf("%-36s %8.0f signs/s of CPU  %7.1f µs/sign  (%d signs)\n", im.name, perSec, 1e6/perSec, n)
		}
	}
}

func measure(sign func() error, budget time.Duration) (int, time.Duration) {
	for range 20 { // warm caches and the key cache
		must(sign())
	}
	start := cpuTime()
	n := 0
	for cpuTime()-start < budget {
		for range 20 {
			must(sign())
		}
		n += 20
	}
	return n, cpuTime() - start
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	must(syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func fixtureKey() *rsa.PrivateKey {
	rest := fixtures.SigningPEM("public")
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			must(fmt.Errorf("no private key in the fixture"))
		}
		if b.Type == "PRIVATE KEY" {
			k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
			must(err)
			return k.(*rsa.PrivateKey)
		}
	}
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "signrate:", err)
		os.Exit(1)
	}
}
