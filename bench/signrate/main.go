// Command signrate measures mockidp's token signer (package signer): RSA-2048
// PKCS#1 v1.5 SHA-256 signatures per second on a fixture key.
//
// By default it prints, single-threaded and per second of CPU time, the
// signer next to crypto/rsa: CPU time (not wall time) is what `openssl
// speed` reports, so the three compare on a busy machine. With -json it
// prints the harness's rsalimit lines (impl "mockidp", wall clock, one
// line per worker count) for the table's "÷ own-lib signs/s" column.
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
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/mockidp/mockidp/internal/fixtures"
	"github.com/mockidp/mockidp/signer"
)

// msg is a signing input of a typical access token's length.
var msg = []byte(strings.Repeat("x", 1100))

func main() {
	dur := flag.Duration("d", 3*time.Second, "measuring time per implementation or worker count")
	asJSON := flag.Bool("json", false, "rsalimit JSON lines for the harness (wall clock, per worker count)")
	workers := flag.String("workers", "1,"+strconv.Itoa(runtime.NumCPU()), "worker counts for -json")
	flag.Parse()
	key := fixtureKey()
	ours := func() error { _, err := signer.SignSHA256(key, msg); return err }
	goRSA := func() error {
		d := sha256.Sum256(msg)
		_, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, d[:])
		return err
	}
	if *asJSON {
		for _, ws := range strings.Split(*workers, ",") {
			w, err := strconv.Atoi(strings.TrimSpace(ws))
			if err != nil || w < 1 {
				must(fmt.Errorf("bad worker count %q", ws))
			}
			printLimit(w, ours, *dur)
		}
		return
	}
	runtime.LockOSThread()
	for _, im := range []struct {
		name string
		sign func() error
	}{{"mockidp signer (" + signer.Name() + ")", ours}, {"go crypto/rsa", goRSA}} {
		n, cpu := perCPU(im.sign, *dur)
		rate := float64(n) / cpu.Seconds()
		fmt.Printf("%-32s %6.0f signs per CPU-second  %6.1f µs/sign  (%d signs)\n", im.name, rate, 1e6/rate, n)
	}
}

// perCPU signs until budget of this process's CPU time is spent.
func perCPU(sign func() error, budget time.Duration) (int, time.Duration) {
	for range 20 { // warm caches and the signer's key cache
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

// printLimit signs with w goroutines for d of wall time, as rsalimit does.
func printLimit(w int, sign func() error, d time.Duration) {
	must(sign())
	var n atomic.Int64
	var wg sync.WaitGroup
	cpu0, start := cpuTime(), time.Now()
	deadline := start.Add(d)
	for range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				must(sign())
				n.Add(1)
			}
		}()
	}
	wg.Wait()
	el, cpu := time.Since(start).Seconds(), (cpuTime() - cpu0).Seconds()
	mode := "single"
	if w > 1 {
		mode = "multi"
	}
	b, _ := json.Marshal(map[string]any{
		"kind": "rsalimit", "impl": "mockidp", "mode": mode, "workers": w, "bits": 2048,
		"signs_per_s": float64(int64(float64(n.Load())/el*10)) / 10, "seconds": float64(int64(el*1000)) / 1000,
		"cpu_us_per_sign": float64(int64(cpu/float64(n.Load())*1e7)) / 10,
		"note":            "mockidp signer " + signer.Name() + ", " + runtime.Version(),
	})
	fmt.Println(string(b))
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
