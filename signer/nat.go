package signer

import "math/big"

// A nat is a number below 2^1040 as 20 digits of 52 bits, least
// significant first, followed by four zero digits so that the assembly can
// load it as three 512-bit vectors.
type nat [24]uint64

const (
	digits    = 20
	digitBits = 52
	digitMask = 1<<digitBits - 1
	natBytes  = digits * digitBits / 8 // 130
)

// modPair holds the two CRT moduli and their Montgomery factors
// k0 = -m⁻¹ mod 2^64, in the layout the assembly reads.
type modPair struct {
	m  [2]nat
	k0 [2]uint64
}

// natFromBig converts x (0 ≤ x < 2^1040) to digits.
func natFromBig(x *big.Int) nat {
	var be [natBytes]byte
	x.FillBytes(be[:])
	var w [18]uint64 // little-endian 64-bit words, one spare for the reads below
	for i := range natBytes {
		w[i/8] |= uint64(be[natBytes-1-i]) << (8 * (i % 8))
	}
	var r nat
	for i := range digits {
		bit := i * digitBits
		v := w[bit/64] >> (bit % 64)
		if off := bit % 64; off > 64-digitBits {
			v |= w[bit/64+1] << (64 - off)
		}
		r[i] = v & digitMask
	}
	return r
}

// big converts normalised digits back to an integer.
func (n *nat) big() *big.Int { return n.setBig(new(big.Int)) }

// setBig sets z to the normalised digits' value, in z's storage.
func (n *nat) setBig(z *big.Int) *big.Int {
	var w [18]uint64
	for i := range digits {
		bit := i * digitBits
		d := n[i] & digitMask
		w[bit/64] |= d << (bit % 64)
		if off := bit % 64; off > 64-digitBits {
			w[bit/64+1] |= d >> (64 - off)
		}
	}
	var be [natBytes]byte
	for i := range natBytes {
		be[natBytes-1-i] = byte(w[i/8] >> (8 * (i % 8)))
	}
	return z.SetBytes(be[:])
}

// montK0 is -m⁻¹ mod 2^64 for odd m (Newton's iteration doubles the
// correct low bits each step: 1 → 64 in six steps).
func montK0(m0 uint64) uint64 {
	inv := m0 // correct to 3 bits for odd m0
	for range 5 {
		inv *= 2 - m0*inv
	}
	return -inv
}
