package signer

import (
	"crypto/rsa"
	"errors"
	"math/big"
)

// window is the fixed exponent window: 2^5 precomputed powers per half
// (1024 squarings + 205 multiplications + 31 for the table per half).
const window = 5

// fastKey is an RSA-2048 key prepared for the IFMA path: the two primes
// as AMM moduli with R² and R mod each (R = 2^1040), the CRT exponents cut
// into windows, and q⁻¹ mod p for the recombination.
type fastKey struct {
	pub  rsa.PublicKey
	mods modPair
	p, q *big.Int
	qinv *big.Int
	rr   [2]nat // R² mod m: AMM(x, R²) = xR, into the Montgomery domain
	rmod [2]nat // R mod m: 1 in the Montgomery domain
	wins [2][]uint8
	eBig *big.Int
	nLen int
}

var errNotEligible = errors.New("signer: key not eligible for the IFMA path")

// newFastKey prepares k, or returns errNotEligible when the key is not a
// two-prime RSA-2048 key with 1024-bit primes (those sign with crypto/rsa).
func newFastKey(k *rsa.PrivateKey) (*fastKey, error) {
	if len(k.Primes) != 2 || k.N == nil || k.N.BitLen() != 2048 || k.D == nil || k.E < 3 {
		return nil, errNotEligible
	}
	p, q := k.Primes[0], k.Primes[1]
	if p.BitLen() != 1024 || q.BitLen() != 1024 || p.Bit(0) != 1 || q.Bit(0) != 1 ||
		new(big.Int).Mul(p, q).Cmp(k.N) != 0 {
		return nil, errNotEligible
	}
	qinv := new(big.Int).ModInverse(q, p)
	if qinv == nil {
		return nil, errNotEligible
	}
	fk := &fastKey{pub: k.PublicKey, p: p, q: q, qinv: qinv, eBig: big.NewInt(int64(k.E)), nLen: k.Size()}
	one := big.NewInt(1)
	fk.setModuli(new(big.Int).Mod(k.D, new(big.Int).Sub(p, one)), new(big.Int).Mod(k.D, new(big.Int).Sub(q, one)))
	return fk, nil
}

// setModuli prepares fk.p and fk.q as AMM moduli, with R² and R mod each
// (R = 2^1040), and the exponents ep (mod p) and eq (mod q) as windows of
// equal count, since both halves run in lockstep.
func (fk *fastKey) setModuli(ep, eq *big.Int) {
	r := new(big.Int).Lsh(big.NewInt(1), digits*digitBits)
	for h, m := range []*big.Int{fk.p, fk.q} {
		fk.mods.m[h] = natFromBig(m)
		fk.mods.k0[h] = montK0(fk.mods.m[h][0] | fk.mods.m[h][1]<<digitBits)
		fk.rmod[h] = natFromBig(new(big.Int).Mod(r, m))
		fk.rr[h] = natFromBig(new(big.Int).Mod(new(big.Int).Mul(r, r), m))
	}
	fk.wins[0], fk.wins[1] = windows(ep), windows(eq)
	for len(fk.wins[0]) < len(fk.wins[1]) {
		fk.wins[0] = append([]uint8{0}, fk.wins[0]...)
	}
	for len(fk.wins[1]) < len(fk.wins[0]) {
		fk.wins[1] = append([]uint8{0}, fk.wins[1]...)
	}
}

// windows cuts e into window-bit digits, most significant first.
func windows(e *big.Int) []uint8 {
	n := (e.BitLen() + window - 1) / window
	if n == 0 {
		n = 1
	}
	w := make([]uint8, n)
	for i := range n {
		pos := (n - 1 - i) * window
		var v uint8
		for b := window - 1; b >= 0; b-- {
			v = v<<1 | uint8(e.Bit(pos+b))
		}
		w[i] = v
	}
	return w
}

// scratch is the per-signature working memory: the tables and the
// integers of the CRT steps, reused so that a signature allocates little
// beyond its result.
type scratch struct {
	*tables
	ints bigScratch
}

// tables (12 KiB) are an allocation of their own, without pointers: such
// an object starts at its slot, aligned for the vector loads, where one
// with pointers (the integers) starts 8 bytes in, after its type header —
// which cost a tenth of the signing speed.
type tables struct {
	table [1 << window][2]nat
	acc   [2]nat
	base  [2]nat
}

func newScratch() *scratch { return &scratch{tables: new(tables)} }

// bigScratch keeps its integers' storage from one signature to the next.
type bigScratch struct {
	c, mp, mq, h, quo, rem big.Int
}

// mod sets z = x mod m for x ≥ 0 (as Mod does), into z's own storage
// (QuoRem keeps the quotient's too).
func (b *bigScratch) mod(z, x, m *big.Int) *big.Int {
	b.quo.QuoRem(x, m, z)
	return z
}

// expCRT returns c^dp mod p and c^dq mod q, computed side by side, in
// s.ints.mp and s.ints.mq.
func (k *fastKey) expCRT(c *big.Int, s *scratch) (mp, mq *big.Int) {
	b := &s.ints
	s.base[0] = natFromBig(b.mod(&b.rem, c, k.p))
	s.base[1] = natFromBig(b.mod(&b.rem, c, k.q))
	t := &s.table
	t[0] = k.rmod
	amm2(&t[1][0], &s.base[0], &k.rr[0], &t[1][1], &s.base[1], &k.rr[1], &k.mods)
	for i := 2; i < len(t); i++ {
		amm2(&t[i][0], &t[i-1][0], &t[1][0], &t[i][1], &t[i-1][1], &t[1][1], &k.mods)
	}
	acc := &s.acc
	w0, w1 := k.wins[0], k.wins[1]
	acc[0], acc[1] = t[w0[0]][0], t[w1[0]][1]
	for i := 1; i < len(w0); i++ {
		for range window {
			amm2(&acc[0], &acc[0], &acc[0], &acc[1], &acc[1], &acc[1], &k.mods)
		}
		amm2(&acc[0], &acc[0], &t[w0[i]][0], &acc[1], &acc[1], &t[w1[i]][1], &k.mods)
	}
	// Out of the Montgomery domain: AMM(x, 1) = x/R, which is at most m.
	var one nat
	one[0] = 1
	amm2(&acc[0], &acc[0], &one, &acc[1], &acc[1], &one, &k.mods)
	return reduceOnce(acc[0].setBig(&b.mp), k.p), reduceOnce(acc[1].setBig(&b.mq), k.q)
}

func reduceOnce(x, m *big.Int) *big.Int {
	if x.Cmp(m) >= 0 {
		x.Sub(x, m)
	}
	return x
}

// signRaw computes em^d mod n by the CRT and checks the result with the
// public exponent before returning it, as crypto/rsa does against faults.
func (k *fastKey) signRaw(em []byte, s *scratch) ([]byte, bool) {
	b := &s.ints
	c := b.c.SetBytes(em)
	mp, mq := k.expCRT(c, s)
	// h = qinv·(mp − mq) mod p; sig = mq + h·q. mq is reduced mod p first
	// so that one addition of p makes mp − mq non-negative.
	h := b.h.Sub(mp, b.mod(&b.rem, mq, k.p))
	if h.Sign() < 0 {
		h.Add(h, k.p)
	}
	h = b.mod(&b.h, b.rem.Mul(h, k.qinv), k.p)
	sig := h.Add(b.rem.Mul(h, k.q), mq)
	if sig.Cmp(k.pub.N) >= 0 || !k.verify(sig, c, s) {
		return nil, false
	}
	return sig.FillBytes(make([]byte, k.nLen)), true
}

// verify reports whether sig^e ≡ c (mod n). It checks modulo p and modulo
// q, which by the CRT is the same as modulo n (sig < n) and costs ~20
// multiplications instead of a 2048-bit exponentiation. The residues of
// sig are taken afresh from the recombined signature, so a fault anywhere
// in the CRT halves or the recombination shows. sig and c must not be
// s.ints.mp, mq or rem, which it uses.
func (k *fastKey) verify(sig, c *big.Int, s *scratch) bool {
	b := &s.ints
	var x, acc [2]nat
	x[0] = natFromBig(b.mod(&b.rem, sig, k.p))
	x[1] = natFromBig(b.mod(&b.rem, sig, k.q))
	amm2(&x[0], &x[0], &k.rr[0], &x[1], &x[1], &k.rr[1], &k.mods) // into the Montgomery domain
	acc = x
	e := k.eBig
	for i := e.BitLen() - 2; i >= 0; i-- {
		amm2(&acc[0], &acc[0], &acc[0], &acc[1], &acc[1], &acc[1], &k.mods)
		if e.Bit(i) == 1 {
			amm2(&acc[0], &acc[0], &x[0], &acc[1], &acc[1], &x[1], &k.mods)
		}
	}
	var one nat
	one[0] = 1
	amm2(&acc[0], &acc[0], &one, &acc[1], &acc[1], &one, &k.mods)
	if reduceOnce(acc[0].setBig(&b.mp), k.p).Cmp(b.mod(&b.rem, c, k.p)) != 0 {
		return false
	}
	return reduceOnce(acc[1].setBig(&b.mq), k.q).Cmp(b.mod(&b.rem, c, k.q)) == 0
}
