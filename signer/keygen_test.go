package signer

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"math/big"
	"testing"
)

// TestGenerateKey checks keys from both paths: valid, 2048 bits, e =
// 65537, primes far apart, and signing the same as crypto/rsa.
func TestGenerateKey(t *testing.T) {
	for _, mode := range []string{ModeAuto, ModeGo} {
		t.Run(mode, func(t *testing.T) {
			if err := SetMode(mode); err != nil {
				t.Fatal(err)
			}
			defer SetMode(ModeAuto)
			for range 3 {
				k, err := GenerateKey(rand.Reader)
				if err != nil {
					t.Fatal(err)
				}
				checkKey(t, k)
			}
		})
	}
}

func checkKey(t *testing.T, k *rsa.PrivateKey) {
	t.Helper()
	if err := k.Validate(); err != nil {
		t.Fatal(err)
	}
	p, q := k.Primes[0], k.Primes[1]
	if k.N.BitLen() != 2048 || k.E != 65537 || len(k.Primes) != 2 || p.BitLen() != 1024 || q.BitLen() != 1024 {
		t.Fatalf("key: N %d bits, e %d, primes %d and %d bits", k.N.BitLen(), k.E, p.BitLen(), q.BitLen())
	}
	if !p.ProbablyPrime(20) || !q.ProbablyPrime(20) {
		t.Fatal("a factor is not prime")
	}
	if new(big.Int).Abs(new(big.Int).Sub(p, q)).Cmp(minPrimeGap) <= 0 {
		t.Fatal("primes too close")
	}
	digest := sha256.Sum256([]byte("token"))
	sig, err := SignSHA256(k, []byte("token"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := rsa.SignPKCS1v15(nil, k, crypto.SHA256, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	if string(sig) != string(want) {
		t.Fatal("signature differs from crypto/rsa's")
	}
}

// TestFermat2MatchesMathBig compares the IFMA Fermat test with math/big
// on primes, composites and base-2 pseudoprimes' kind of inputs.
func TestFermat2MatchesMathBig(t *testing.T) {
	if !hasIFMA {
		t.Skip("no AVX-512 IFMA on this CPU")
	}
	var s candidates
	two, one := big.NewInt(2), big.NewInt(1)
	for i := range 200 {
		var pair [2]*big.Int
		for h := range pair {
			c, err := s.next(rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			pair[h] = c
		}
		if i%10 == 0 { // a known prime in one slot
			p, err := rand.Prime(rand.Reader, 1024)
			if err != nil {
				t.Fatal(err)
			}
			pair[i%20/10] = p
		}
		got := fermat2(pair)
		for h, c := range pair {
			want := new(big.Int).Exp(two, new(big.Int).Sub(c, one), c).Cmp(one) == 0
			if got[h] != want {
				t.Fatalf("fermat2(%x) = %v, math/big says %v", c, got[h], want)
			}
		}
	}
}

func TestCandidatesAreSievedOdd1024BitNumbers(t *testing.T) {
	var s candidates
	for range 100 {
		c, err := s.next(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		if c.BitLen() != 1024 || c.Bit(1023) != 1 || c.Bit(1022) != 1 || c.Bit(0) != 1 {
			t.Fatalf("candidate %x: want 1024 bits, two top bits set, odd", c)
		}
		for _, p := range smallPrimes {
			if new(big.Int).Mod(c, big.NewInt(int64(p))).Sign() == 0 {
				t.Fatalf("candidate divisible by %d", p)
			}
		}
	}
}

func BenchmarkGenerateKey(b *testing.B) {
	for _, mode := range []string{ModeAuto, ModeGo} {
		b.Run(mode, func(b *testing.B) {
			if err := SetMode(mode); err != nil {
				b.Fatal(err)
			}
			defer SetMode(ModeAuto)
			for b.Loop() {
				if _, err := GenerateKey(rand.Reader); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestGenerateKeyFallsBackOnAFaultyMultiplier: a Fermat test that never
// passes ends the search with a fault counted and a crypto/rsa key, not a
// hang.
func TestGenerateKeyFallsBackOnAFaultyMultiplier(t *testing.T) {
	if !hasIFMA {
		t.Skip("no AVX-512 IFMA on this CPU")
	}
	saved := fermatTest
	fermatTest = func([2]*big.Int) [2]bool { return [2]bool{} }
	defer func() { fermatTest = saved }()
	before := Faults()
	k, err := GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	checkKey(t, k)
	if Faults() != before+1 {
		t.Fatalf("faults %d → %d, want one more", before, Faults())
	}
}
