package signer

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// ammRef is the textbook definition of the almost Montgomery product the
// assembly computes: the same digit-serial y_i, in math/big.
func ammRef(a, b, m *big.Int, k0 uint64) *big.Int {
	mask := new(big.Int).SetUint64(digitMask)
	t := new(big.Int)
	bd := natFromBig(b)
	for i := range digits {
		t.Add(t, new(big.Int).Mul(a, new(big.Int).SetUint64(bd[i])))
		lo := new(big.Int).And(t, mask).Uint64()
		y := (lo * k0) & digitMask
		t.Add(t, new(big.Int).Mul(m, new(big.Int).SetUint64(y)))
		t.Rsh(t, digitBits)
	}
	return t
}

func randBelow(r *rand.Rand, m *big.Int) *big.Int {
	b := make([]byte, (m.BitLen()+7)/8+1)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return new(big.Int).Mod(new(big.Int).SetBytes(b), m)
}

func randOdd1024(r *rand.Rand) *big.Int {
	b := make([]byte, 128)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	b[0] |= 0x80
	b[127] |= 1
	return new(big.Int).SetBytes(b)
}

func TestNatRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	lim := new(big.Int).Lsh(big.NewInt(1), digits*digitBits)
	for range 1000 {
		x := randBelow(r, lim)
		n := natFromBig(x)
		if got := n.big(); got.Cmp(x) != 0 {
			t.Fatalf("round trip of %x gave %x", x, got)
		}
	}
}

func TestMontK0(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 1000 {
		m := r.Uint64() | 1
		if m*montK0(m) != ^uint64(0) {
			t.Fatalf("k0 of %x wrong", m)
		}
	}
}

func TestAMMMatchesReference(t *testing.T) {
	if !hasIFMA {
		t.Skip("no AVX-512 IFMA on this CPU or build")
	}
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 2000 {
		var mp modPair
		var ms, as, bs [2]*big.Int
		var a, b, res [2]nat
		for h := range 2 {
			ms[h] = randOdd1024(r)
			twoM := new(big.Int).Lsh(ms[h], 1)
			as[h], bs[h] = randBelow(r, twoM), randBelow(r, twoM)
			if i%7 == 0 { // edge values
				as[h] = new(big.Int).Sub(twoM, big.NewInt(1))
			}
			mp.m[h] = natFromBig(ms[h])
			mp.k0[h] = montK0(mp.m[h][0] | mp.m[h][1]<<digitBits)
			a[h], b[h] = natFromBig(as[h]), natFromBig(bs[h])
		}
		amm2(&res[0], &a[0], &b[0], &res[1], &a[1], &b[1], &mp)
		for h := range 2 {
			want := ammRef(as[h], bs[h], ms[h], mp.k0[h])
			if got := res[h].big(); got.Cmp(want) != 0 {
				t.Fatalf("case %d half %d:\n got %x\nwant %x", i, h, got, want)
			}
			for j := digits; j < len(res[h]); j++ {
				if res[h][j] != 0 {
					t.Fatalf("padding digit %d = %x", j, res[h][j])
				}
			}
			if res[h].big().Cmp(new(big.Int).Lsh(ms[h], 1)) >= 0 {
				t.Fatalf("result not below 2m")
			}
		}
	}
}
