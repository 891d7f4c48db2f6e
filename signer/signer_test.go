package signer

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"math/big"
	mrand "math/rand/v2"
	"sync"
	"testing"

	"github.com/mockidp/mockidp/internal/fixtures"
)

func fixtureKeys(t testing.TB) []*rsa.PrivateKey {
	t.Helper()
	var keys []*rsa.PrivateKey
	for _, name := range []string{"public", "usgov", "china", "germany", "rotated"} {
		data := fixtures.SigningPEM(name)
		for {
			var b *pem.Block
			b, data = pem.Decode(data)
			if b == nil {
				break
			}
			if b.Type != "PRIVATE KEY" && b.Type != "RSA PRIVATE KEY" {
				continue
			}
			k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
			if err != nil {
				k, err = x509.ParsePKCS1PrivateKey(b.Bytes)
			}
			if err != nil {
				t.Fatalf("fixture %s: %v", name, err)
			}
			keys = append(keys, k.(*rsa.PrivateKey))
		}
	}
	if len(keys) != 5 {
		t.Fatalf("want 5 fixture keys, got %d", len(keys))
	}
	return keys
}

var (
	randomKeysOnce sync.Once
	randomKeys     []*rsa.PrivateKey
)

// testKeys are the fixture keys and freshly generated ones (fewer with -short).
func testKeys(t testing.TB) []*rsa.PrivateKey {
	n := 16
	if testing.Short() {
		n = 4
	}
	randomKeysOnce.Do(func() {
		for range n {
			k, err := rsa.GenerateKey(rand.Reader, 2048)
			if err != nil {
				panic(err)
			}
			randomKeys = append(randomKeys, k)
		}
	})
	return append(fixtureKeys(t), randomKeys...)
}

func wantSig(t testing.TB, k *rsa.PrivateKey, msg []byte) []byte {
	t.Helper()
	d := sha256.Sum256(msg)
	sig, err := rsa.SignPKCS1v15(nil, k, crypto.SHA256, d[:])
	if err != nil {
		t.Fatal(err)
	}
	return sig
}

func requireFast(t testing.TB) {
	t.Helper()
	if !hasIFMA {
		t.Skip("no AVX-512 IFMA on this CPU or build: only crypto/rsa signs")
	}
}

// TestFastPathMatchesCryptoRSA is the differential test: for many keys and
// random messages, the fast path must give crypto/rsa's bytes exactly.
func TestFastPathMatchesCryptoRSA(t *testing.T) {
	requireFast(t)
	r := mrand.New(mrand.NewPCG(7, 8))
	perKey := 300
	if testing.Short() {
		perKey = 60
	}
	for ki, k := range testKeys(t) {
		fk, err := newFastKey(k)
		if err != nil {
			t.Fatalf("key %d not eligible: %v", ki, err)
		}
		for i := range perKey {
			msg := make([]byte, r.IntN(600))
			for j := range msg {
				msg[j] = byte(r.Uint32())
			}
			d := sha256.Sum256(msg)
			got, ok := fk.signRaw(emSHA256(fk.nLen, d[:]), newScratch())
			if !ok {
				t.Fatalf("key %d msg %d: fast path failed its own verification", ki, i)
			}
			if want := wantSig(t, k, msg); string(got) != string(want) {
				t.Fatalf("key %d msg %d: signatures differ\n got %x\nwant %x", ki, i, got, want)
			}
		}
	}
}

// TestExpCRTEdges checks the exponentiation itself on inputs PKCS#1 never
// produces: 0, 1, multiples of a prime, n-1, and random values below n.
func TestExpCRTEdges(t *testing.T) {
	requireFast(t)
	r := mrand.New(mrand.NewPCG(9, 10))
	for ki, k := range fixtureKeys(t) {
		fk, err := newFastKey(k)
		if err != nil {
			t.Fatal(err)
		}
		p, q, n := k.Primes[0], k.Primes[1], k.N
		inputs := []*big.Int{big.NewInt(0), big.NewInt(1), big.NewInt(2), new(big.Int).Set(p), new(big.Int).Set(q),
			new(big.Int).Mul(p, big.NewInt(3)), new(big.Int).Sub(n, big.NewInt(1)), new(big.Int).Sub(p, big.NewInt(1))}
		for range 50 {
			inputs = append(inputs, randBelow(r, n))
		}
		for i, c := range inputs {
			mp, mq := fk.expCRT(c, newScratch())
			wp := new(big.Int).Exp(c, new(big.Int).Mod(k.D, new(big.Int).Sub(p, big.NewInt(1))), p)
			wq := new(big.Int).Exp(c, new(big.Int).Mod(k.D, new(big.Int).Sub(q, big.NewInt(1))), q)
			if mp.Cmp(wp) != 0 || mq.Cmp(wq) != 0 {
				t.Fatalf("key %d input %d (%x): CRT halves differ", ki, i, c)
			}
		}
	}
}

func TestSignSHA256BothModes(t *testing.T) {
	k := fixtureKeys(t)[0]
	defer SetMode(ModeAuto)
	for _, mode := range []string{ModeAuto, ModeGo} {
		if err := SetMode(mode); err != nil {
			t.Fatal(err)
		}
		before := fastSigns.Load()
		for i := range 20 {
			msg := []byte(fmt.Sprintf("%s message %d", mode, i))
			got, err := SignSHA256(k, msg)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(wantSig(t, k, msg)) {
				t.Fatalf("mode %s: signature differs", mode)
			}
		}
		usedFast := fastSigns.Load() > before
		if wantFast := mode == ModeAuto && hasIFMA; usedFast != wantFast {
			t.Fatalf("mode %s: fast path used = %v, want %v", mode, usedFast, wantFast)
		}
	}
	if err := SetMode("boring"); err == nil {
		t.Fatal("unknown mode accepted")
	}
}

// TestNoExtensions stands in for a CPU without AVX-512 IFMA (the purego
// build tag gives the same on this CPU, and CI runs it).
func TestNoExtensions(t *testing.T) {
	saved := hasIFMA
	hasIFMA = false
	defer func() { hasIFMA = saved }()
	if Name() != NameCryptoRSA {
		t.Fatalf("Name() = %q without IFMA", Name())
	}
	k := fixtureKeys(t)[1]
	before := fastSigns.Load()
	got, err := SignSHA256(k, []byte("no extensions"))
	if err != nil || string(got) != string(wantSig(t, k, []byte("no extensions"))) {
		t.Fatalf("fallback signature wrong: %v", err)
	}
	if fastSigns.Load() != before {
		t.Fatal("fast path ran without IFMA")
	}
}

// TestIneligibleKeysFallBack: other sizes and multi-prime keys sign with
// crypto/rsa, with the same results.
func TestIneligibleKeysFallBack(t *testing.T) {
	var keys []*rsa.PrivateKey
	for _, bits := range []int{1024, 3072} {
		k, err := rsa.GenerateKey(rand.Reader, bits)
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
	}
	//lint:ignore SA1019 multi-prime keys are exactly what must fall back
	mk, err := rsa.GenerateMultiPrimeKey(rand.Reader, 3, 2048) //nolint:staticcheck
	if err == nil {
		keys = append(keys, mk)
	}
	for _, k := range keys {
		if _, err := newFastKey(k); err == nil {
			t.Fatalf("%d-bit %d-prime key taken by the fast path", k.N.BitLen(), len(k.Primes))
		}
		got, err := SignSHA256(k, []byte("other key"))
		if err != nil || string(got) != string(wantSig(t, k, []byte("other key"))) {
			t.Fatalf("%d-bit key: fallback signature wrong: %v", k.N.BitLen(), err)
		}
	}
}

// TestFaultFallsBack: a fast-path result that fails verification is never
// returned; crypto/rsa signs instead and the fault is counted.
func TestFaultFallsBack(t *testing.T) {
	requireFast(t)
	k := fixtureKeys(t)[2]
	fk, err := newFastKey(k)
	if err != nil {
		t.Fatal(err)
	}
	broken := *fk
	broken.qinv = new(big.Int).Add(fk.qinv, big.NewInt(1)) // a wrong CRT recombination
	d := sha256.Sum256([]byte("fault"))
	if _, ok := broken.signRaw(emSHA256(fk.nLen, d[:]), newScratch()); ok {
		t.Fatal("faulty signature passed verification")
	}
	cache.mu.Lock()
	cache.m[k] = &broken
	cache.mu.Unlock()
	defer func() { cache.mu.Lock(); delete(cache.m, k); cache.mu.Unlock() }()
	before := Faults()
	got, err := SignSHA256(k, []byte("fault"))
	if err != nil || string(got) != string(wantSig(t, k, []byte("fault"))) {
		t.Fatalf("signature after fault wrong: %v", err)
	}
	if Faults() != before+1 {
		t.Fatal("fault not counted")
	}
}

// TestConcurrentSigning runs many signers at once (with -race): results
// stay exact and the semaphore holds at most one slot per core.
func TestConcurrentSigning(t *testing.T) {
	keys := fixtureKeys(t)
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for g := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 5 {
				k := keys[(g+i)%len(keys)]
				msg := []byte(fmt.Sprintf("g%d i%d", g, i))
				got, err := SignSHA256(k, msg)
				if err != nil || string(got) != string(wantSig(t, k, msg)) {
					errs <- fmt.Errorf("goroutine %d msg %d wrong (%v)", g, i, err)
					return
				}
				if n := len(slots); n > cap(slots) {
					errs <- fmt.Errorf("%d signatures in flight, cap %d", n, cap(slots))
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

func TestKeyCacheBounded(t *testing.T) {
	k := fixtureKeys(t)[0]
	for range maxCachedKeys + 5 {
		c := *k // distinct pointers
		cache.get(&c)
	}
	cache.mu.RLock()
	n := len(cache.m)
	cache.mu.RUnlock()
	if n > maxCachedKeys {
		t.Fatalf("cache holds %d keys, bound %d", n, maxCachedKeys)
	}
}
