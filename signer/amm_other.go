//go:build !amd64 || purego

package signer

// hasIFMA is false: without the assembly only crypto/rsa signs.
var hasIFMA = false

func amm2(r0, a0, b0, r1, a1, b1 *nat, m *modPair) {
	panic("signer: AVX-512 IFMA path called without the assembly")
}
