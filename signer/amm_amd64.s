//go:build amd64 && !purego

#include "textflag.h"

// Almost Montgomery multiplication (AMM) of 1024-bit numbers held as 20
// digits of 52 bits in [24]uint64 arrays (digits 20..23 are zero padding
// so that 512-bit loads stay inside the array), with AVX-512 IFMA.
// The algorithm is the one of OpenSSL's rsaz-2k-avx512 (Gueron's AMM,
// radix 2^52, R = 2^1040): digit 0 of the accumulator lives in a scalar
// register so that the Montgomery factor y_i is known early; the other 19
// digits accumulate unnormalised in three ZMM registers and are
// normalised once at the end. Without the final subtraction the result
// stays below 2m for inputs below 2m, because 1040 > 1024 + 2.
//
// Two independent products (the two CRT halves of an RSA signature) are
// computed side by side, so that one's multiply latency hides the other's.

// modPair layout: m0 [24]uint64 at 0, m1 at 192, k0 [2]uint64 at 384.

// STEP does one digit b_i of one product.
// A: pointer to a; B: pointer to b (indexed by BX); MOFF/K0OFF: offsets of
// m and k0 in the modPair at DI; ACC: scalar digit 0; R0..R2: accumulator
// (lane j = digit j; lane 0 is dead, ACC stands for it); XR0: R0's low 128
// bits; BI/YI: broadcast registers.
//
// The next digit 0 (new ACC) is computed in scalar registers from digit 1
// as it was before this step plus the low halves of a1·b_i and m1·y_i, so
// the chain from y_i to y_i+1 never waits for the vector unit: this is
// what bounds the speed, since both CRT halves together are far from
// filling the multipliers.
#define STEP(A, B, MOFF, K0OFF, ACC, R0, R1, R2, XR0, BI, YI) \
	MOVQ (B)(BX*1), R13; \
	VPBROADCASTQ R13, BI; \
	MOVQ (A), DX; \
	MULXQ R13, R14, R15; \
	ADDQ R14, ACC; \
	ADCQ $0, R15; \
	MOVQ 8(A), DX; \
	MULXQ R13, R13, R14; \
	ANDQ AX, R13; \
	VPEXTRQ $1, XR0, R14; \
	ADDQ R14, R13; \
	MOVQ K0OFF(DI), DX; \
	IMULQ ACC, DX; \
	ANDQ AX, DX; \
	VPBROADCASTQ DX, YI; \
	MULXQ MOFF(DI), R14, R10; \
	ADDQ R14, ACC; \
	ADCQ R10, R15; \
	SHRQ $52, ACC; \
	SHLQ $12, R15; \
	ORQ R15, ACC; \
	MULXQ MOFF+8(DI), R14, R15; \
	ANDQ AX, R14; \
	ADDQ R14, ACC; \
	ADDQ R13, ACC; \
	VPMADD52LUQ (A), BI, R0; \
	VPMADD52LUQ 64(A), BI, R1; \
	VPMADD52LUQ 128(A), BI, R2; \
	VPMADD52LUQ MOFF(DI), YI, R0; \
	VPMADD52LUQ MOFF+64(DI), YI, R1; \
	VPMADD52LUQ MOFF+128(DI), YI, R2; \
	VALIGNQ $1, R0, R1, R0; \
	VALIGNQ $1, R1, R2, R1; \
	VALIGNQ $1, R2, Z0, R2; \
	VPMADD52HUQ (A), BI, R0; \
	VPMADD52HUQ 64(A), BI, R1; \
	VPMADD52HUQ 128(A), BI, R2; \
	VPMADD52HUQ MOFF(DI), YI, R0; \
	VPMADD52HUQ MOFF+64(DI), YI, R1; \
	VPMADD52HUQ MOFF+128(DI), YI, R2

// NORM puts ACC into digit 0, propagates the carries of the accumulator
// R0..R2 into 52-bit digits and stores digits 0..19 at RES.
// Z15 holds 52-bit masks, K7 = lane 0, K6 = lanes 0..3.
#define NORM(ACC, R0, R1, R2, RES) \
	VPBROADCASTQ ACC, K7, R0; \
	VPSRLQ $52, R0, Z9; \
	VPSRLQ $52, R1, Z10; \
	VPSRLQ $52, R2, Z11; \
	VALIGNQ $7, Z10, Z11, Z11; \
	VALIGNQ $7, Z9, Z10, Z10; \
	VALIGNQ $7, Z0, Z9, Z9; \
	VPANDQ Z15, R0, R0; \
	VPANDQ Z15, R1, R1; \
	VPANDQ Z15, R2, R2; \
	VPADDQ Z9, R0, R0; \
	VPADDQ Z10, R1, R1; \
	VPADDQ Z11, R2, R2; \
	VPCMPUQ $6, Z15, R0, K1; \
	VPCMPUQ $6, Z15, R1, K2; \
	VPCMPUQ $6, Z15, R2, K3; \
	KMOVB K1, R13; \
	KMOVB K2, R14; \
	KMOVB K3, R15; \
	SHLQ $8, R14; \
	ORQ R14, R13; \
	SHLQ $16, R15; \
	ORQ R15, R13; \
	VPCMPUQ $0, Z15, R0, K1; \
	VPCMPUQ $0, Z15, R1, K2; \
	VPCMPUQ $0, Z15, R2, K3; \
	KMOVB K1, DX; \
	KMOVB K2, R14; \
	KMOVB K3, R15; \
	SHLQ $8, R14; \
	ORQ R14, DX; \
	SHLQ $16, R15; \
	ORQ R15, DX; \
	ADDQ R13, R13; \
	ADDQ DX, R13; \
	XORQ DX, R13; \
	KMOVB R13, K1; \
	SHRQ $8, R13; \
	KMOVB R13, K2; \
	SHRQ $8, R13; \
	KMOVB R13, K3; \
	VPSUBQ Z15, R0, K1, R0; \
	VPSUBQ Z15, R1, K2, R1; \
	VPSUBQ Z15, R2, K3, R2; \
	VPANDQ Z15, R0, R0; \
	VPANDQ Z15, R1, R1; \
	VPANDQ Z15, R2, R2; \
	VMOVDQU64 R0, (RES); \
	VMOVDQU64 R1, 64(RES); \
	VMOVDQU64 R2, K6, 128(RES)

// func amm2(r0, a0, b0, r1, a1, b1 *nat, m *modPair)
TEXT ·amm2(SB), NOSPLIT, $0-56
	MOVQ a0+8(FP), CX
	MOVQ b0+16(FP), SI
	MOVQ a1+32(FP), R8
	MOVQ b1+40(FP), R9
	MOVQ m+48(FP), DI

	VPXORQ Z0, Z0, Z0
	VMOVDQA64 Z0, Z3
	VMOVDQA64 Z0, Z4
	VMOVDQA64 Z0, Z5
	VMOVDQA64 Z0, Z6
	VMOVDQA64 Z0, Z7
	VMOVDQA64 Z0, Z8
	XORQ R11, R11
	XORQ R12, R12
	MOVQ $0xfffffffffffff, AX
	XORQ BX, BX

loop:
	STEP(CX, SI, 0, 384, R11, Z3, Z4, Z5, X3, Z1, Z2)
	STEP(R8, R9, 192, 392, R12, Z6, Z7, Z8, X6, Z21, Z22)
	ADDQ $8, BX
	CMPQ BX, $160
	JNE loop

	VPBROADCASTQ AX, Z15
	MOVL $1, R13
	KMOVB R13, K7
	MOVL $15, R13
	KMOVB R13, K6
	MOVQ r0+0(FP), R10
	NORM(R11, Z3, Z4, Z5, R10)
	MOVQ r1+24(FP), R10
	NORM(R12, Z6, Z7, Z8, R10)
	VZEROUPPER
	RET
