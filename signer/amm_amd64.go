//go:build amd64 && !purego

package signer

import "golang.org/x/sys/cpu"

// hasIFMA reports whether this CPU and OS run the AVX-512 IFMA path
// (x/sys/cpu clears the AVX-512 flags when the OS does not save ZMM state).
var hasIFMA = cpu.X86.HasAVX512F && cpu.X86.HasAVX512IFMA && cpu.X86.HasAVX512DQ && cpu.X86.HasAVX512VL && cpu.X86.HasBMI2

// amm2 computes r0 = AMM(a0, b0) mod m.m0 and r1 = AMM(a1, b1) mod m.m1.
// r may alias a or b.
//
//go:noescape
func amm2(r0, a0, b0, r1, a1, b1 *nat, m *modPair)
