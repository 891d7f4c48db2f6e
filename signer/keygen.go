package signer

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"io"
	"math/big"
)

// GenerateKey makes an RSA-2048 key with e = 65537. On the IFMA path it
// finds the primes several times faster than crypto/rsa (a first start of
// mockidp waits for one key): random odd candidates pass a sieve of the odd
// primes below 2^14, then a base-2 Fermat test run two at a time on the
// IFMA multiplier, then math/big's ProbablyPrime (Miller–Rabin rounds with
// random bases and Baillie–PSW). Elsewhere, and with MOCKIDP_SIGNER=go, it
// is rsa.GenerateKey.
func GenerateKey(random io.Reader) (*rsa.PrivateKey, error) {
	if !fastEnabled() {
		return rsa.GenerateKey(random, 2048)
	}
	for {
		p, q, err := primePair(random)
		if errors.Is(err, errNoPrime) {
			// The Fermat test never passing means the multiplier is wrong:
			// count a fault, as signing does, and let crypto/rsa make it.
			faults.Add(1)
			return rsa.GenerateKey(random, 2048)
		}
		if err != nil {
			return nil, err
		}
		k, err := keyFromPrimes(p, q)
		if errors.Is(err, errRetry) {
			continue
		}
		return k, err
	}
}

// mrRounds is how many random-base Miller–Rabin rounds a candidate that
// passed the Fermat test gets besides Baillie–PSW, for which no
// counterexample is known.
const mrRounds = 4

var (
	publicExponent = big.NewInt(65537)
	errRetry       = errors.New("signer: primes unfit for a key")
	errNoPrime     = errors.New("signer: no prime among the candidates")
	// minPrimeGap is FIPS 186-5's least |p−q| for 2048-bit keys: 2^(1024−100).
	minPrimeGap = new(big.Int).Lsh(big.NewInt(1), 924)
)

// maxPairs bounds the search: about one sieved candidate in 36 is prime,
// so 10,000 pairs without two primes (odds below e^-500) means a fault.
const maxPairs = 10_000

// primePair finds two 1024-bit primes from independent random starts (so
// that they are far apart), testing a candidate of each at once.
func primePair(random io.Reader) (p, q *big.Int, err error) {
	var streams [2]candidates
	var found [2]*big.Int
	// A stream that has its prime lends its slot to the other.
	stream := func(h int) int {
		if found[h] != nil {
			return 1 - h
		}
		return h
	}
	for i := 0; found[0] == nil || found[1] == nil; i++ {
		if i == maxPairs {
			return nil, nil, errNoPrime
		}
		var pair [2]*big.Int
		for h := range pair {
			if pair[h], err = streams[stream(h)].next(random); err != nil {
				return nil, nil, err
			}
		}
		passed := fermatTest(pair)
		for h, c := range pair {
			if from := stream(h); passed[h] && found[from] == nil && fitPrime(c) {
				found[from] = c
			}
		}
	}
	return found[0], found[1], nil
}

// fitPrime reports whether a Fermat-probable prime is prime (by math/big)
// and usable with e = 65537: gcd(e, c−1) = 1.
func fitPrime(c *big.Int) bool {
	cm1 := new(big.Int).Sub(c, big.NewInt(1))
	return new(big.Int).Mod(cm1, publicExponent).Sign() != 0 && c.ProbablyPrime(mrRounds)
}

// fermatTest is fermat2; tests replace it to see a faulty multiplier handled.
var fermatTest = fermat2

// fermat2 reports for two odd 1024-bit numbers whether 2^(c−1) ≡ 1 (mod c),
// computing both exponentiations side by side as a signature's halves.
func fermat2(c [2]*big.Int) [2]bool {
	one := big.NewInt(1)
	fk := &fastKey{p: c[0], q: c[1]}
	fk.setModuli(new(big.Int).Sub(c[0], one), new(big.Int).Sub(c[1], one))
	s := scratchs.Get().(*scratch)
	defer scratchs.Put(s)
	r0, r1 := fk.expCRT(big.NewInt(2), s)
	return [2]bool{r0.Cmp(one) == 0, r1.Cmp(one) == 0}
}

// keyFromPrimes assembles and checks the key, or returns errRetry when
// the primes are too close or their product is not 2048 bits.
func keyFromPrimes(p, q *big.Int) (*rsa.PrivateKey, error) {
	n := new(big.Int).Mul(p, q)
	if n.BitLen() != 2048 || new(big.Int).Abs(new(big.Int).Sub(p, q)).Cmp(minPrimeGap) <= 0 {
		return nil, errRetry
	}
	one := big.NewInt(1)
	pm1, qm1 := new(big.Int).Sub(p, one), new(big.Int).Sub(q, one)
	gcd := new(big.Int).GCD(nil, nil, pm1, qm1)
	lambda := new(big.Int).Div(new(big.Int).Mul(pm1, qm1), gcd)
	d := new(big.Int).ModInverse(publicExponent, lambda)
	if d == nil {
		return nil, errRetry
	}
	k := &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: n, E: int(publicExponent.Int64())}, D: d, Primes: []*big.Int{p, q}}
	k.Precompute()
	if err := k.Validate(); err != nil {
		return nil, fmt.Errorf("signer: generated key: %w", err)
	}
	return k, nil
}

// sieveLimit bounds the small primes candidates are sieved by: larger
// sieves remove few more candidates than they cost.
const sieveLimit = 1 << 14

// smallPrimes are the odd primes below sieveLimit.
var smallPrimes = func() []uint32 {
	composite := make([]bool, sieveLimit)
	var ps []uint32
	for i := 3; i < sieveLimit; i += 2 {
		if composite[i] {
			continue
		}
		ps = append(ps, uint32(i))
		for j := i * i; j < sieveLimit; j += 2 * i {
			composite[j] = true
		}
	}
	return ps
}()

// candidates walks odd numbers up from a random 1024-bit start whose two
// top bits are set (so two such primes make a 2048-bit product), yielding
// those no small prime divides. A new start is drawn after maxStep.
type candidates struct {
	base  *big.Int
	rem   []uint32 // base mod each small prime
	delta uint32
}

const maxStep = 1 << 20

func (s *candidates) next(random io.Reader) (*big.Int, error) {
	for {
		if s.base == nil || s.delta >= maxStep {
			if err := s.reseed(random); err != nil {
				return nil, err
			}
		}
		d := s.delta
		s.delta += 2
		if s.divisible(d) {
			continue
		}
		c := new(big.Int).Add(s.base, big.NewInt(int64(d)))
		if c.BitLen() != 1024 {
			s.base = nil // walked past 2^1024: start again
			continue
		}
		return c, nil
	}
}

func (s *candidates) divisible(d uint32) bool {
	for i, p := range smallPrimes {
		if (s.rem[i]+d%p)%p == 0 {
			return true
		}
	}
	return false
}

func (s *candidates) reseed(random io.Reader) error {
	buf := make([]byte, 128)
	if _, err := io.ReadFull(random, buf); err != nil {
		return fmt.Errorf("signer: random: %w", err)
	}
	buf[0] |= 0xc0
	buf[len(buf)-1] |= 1
	s.base = new(big.Int).SetBytes(buf)
	s.rem = make([]uint32, len(smallPrimes))
	r, p := new(big.Int), new(big.Int)
	for i, sp := range smallPrimes {
		s.rem[i] = uint32(r.Mod(s.base, p.SetUint64(uint64(sp))).Uint64())
	}
	s.delta = 0
	return nil
}
