//go:build amd64 && !purego

#include "textflag.h"

// Almost Montgomery multiplication (AMM) of 1024-bit numbers held as 20
// digits of 52 bits in [24]uint64 arrays (digits 20..23 are padding), with AVX-512 IFMA.
// The algorithm is the one of OpenSSL's rsaz-2k-avx512 (Gueron's AMM,
// radix 2^52, R = 2^1040): digit 0 of the accumulator lives in a scalar
// register so that the Montgomery factor y_i is known early; the other 19
// digits accumulate unnormalised in five YMM registers and are
// normalised once at the end. (YMM, not ZMM: on this project's AMD EPYC
// a 256-bit IFMA issues at twice the rate of a 512-bit one, and 20 digits
// fill five YMM registers exactly where three ZMM waste four lanes.) Without the final subtraction the result
// stays below 2m for inputs below 2m, because 1040 > 1024 + 2.
//
// Two independent products (the two CRT halves of an RSA signature) are
// computed side by side, so that one's multiply latency hides the other's.

// modPair layout: m0 [24]uint64 at 0, m1 at 192, k0 [2]uint64 at 384.

// STEP does one digit b_i of one product.
// A: pointer to a; B: pointer to b (indexed by BX); MOFF/K0OFF: offsets of
// m and k0 in the modPair at DI; ACC: scalar digit 0; R0..R4: accumulator
// (lane j = digit j; lane 0 is dead, ACC stands for it); XR0: R0's low 128
// bits; BI/YI: broadcast registers.
//
// The next digit 0 (new ACC) is computed in scalar registers from digit 1
// as it was before this step plus the low halves of a1·b_i and m1·y_i, so
// the chain from y_i to y_i+1 does not wait for the vector unit.
#define STEP(A, B, MOFF, K0OFF, ACC, R0, R1, R2, R3, R4, XR0, BI, YI) \
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
	VPMADD52LUQ 32(A), BI, R1; \
	VPMADD52LUQ 64(A), BI, R2; \
	VPMADD52LUQ 96(A), BI, R3; \
	VPMADD52LUQ 128(A), BI, R4; \
	VPMADD52LUQ MOFF(DI), YI, R0; \
	VPMADD52LUQ MOFF+32(DI), YI, R1; \
	VPMADD52LUQ MOFF+64(DI), YI, R2; \
	VPMADD52LUQ MOFF+96(DI), YI, R3; \
	VPMADD52LUQ MOFF+128(DI), YI, R4; \
	VALIGNQ $1, R0, R1, R0; \
	VALIGNQ $1, R1, R2, R1; \
	VALIGNQ $1, R2, R3, R2; \
	VALIGNQ $1, R3, R4, R3; \
	VALIGNQ $1, R4, Y0, R4; \
	VPMADD52HUQ (A), BI, R0; \
	VPMADD52HUQ 32(A), BI, R1; \
	VPMADD52HUQ 64(A), BI, R2; \
	VPMADD52HUQ 96(A), BI, R3; \
	VPMADD52HUQ 128(A), BI, R4; \
	VPMADD52HUQ MOFF(DI), YI, R0; \
	VPMADD52HUQ MOFF+32(DI), YI, R1; \
	VPMADD52HUQ MOFF+64(DI), YI, R2; \
	VPMADD52HUQ MOFF+96(DI), YI, R3; \
	VPMADD52HUQ MOFF+128(DI), YI, R4

// MASKBITS gathers the 4-bit lane masks K1..K5 into one 20-bit mask in OUT
// (lane j of the accumulator = bit j). Clobbers R14.
#define MASKBITS(OUT) \
	KMOVB K1, OUT; \
	KMOVB K2, R14; \
	SHLQ $4, R14; \
	ORQ R14, OUT; \
	KMOVB K3, R14; \
	SHLQ $8, R14; \
	ORQ R14, OUT; \
	KMOVB K4, R14; \
	SHLQ $12, R14; \
	ORQ R14, OUT; \
	KMOVB K5, R14; \
	SHLQ $16, R14; \
	ORQ R14, OUT

// NORM puts ACC into digit 0, propagates the carries of the accumulator
// R0..R4 into 52-bit digits and stores digits 0..19 at RES.
// Y15 holds 52-bit masks, K7 = lane 0. A digit either overflows 52 bits
// (G), is all ones (P: passes a carry on), or neither; after the first
// pass carries are 0 or 1, so C = ((G<<1) + P) ^ P marks the digits that
// receive one, and adding 1 modulo 2^52 is subtracting the mask.
#define NORM(ACC, R0, R1, R2, R3, R4, RES) \
	VPBROADCASTQ ACC, K7, R0; \
	VPSRLQ $52, R0, Y9; \
	VPSRLQ $52, R1, Y10; \
	VPSRLQ $52, R2, Y11; \
	VPSRLQ $52, R3, Y12; \
	VPSRLQ $52, R4, Y13; \
	VALIGNQ $3, Y12, Y13, Y13; \
	VALIGNQ $3, Y11, Y12, Y12; \
	VALIGNQ $3, Y10, Y11, Y11; \
	VALIGNQ $3, Y9, Y10, Y10; \
	VALIGNQ $3, Y0, Y9, Y9; \
	VPANDQ Y15, R0, R0; \
	VPANDQ Y15, R1, R1; \
	VPANDQ Y15, R2, R2; \
	VPANDQ Y15, R3, R3; \
	VPANDQ Y15, R4, R4; \
	VPADDQ Y9, R0, R0; \
	VPADDQ Y10, R1, R1; \
	VPADDQ Y11, R2, R2; \
	VPADDQ Y12, R3, R3; \
	VPADDQ Y13, R4, R4; \
	VPCMPUQ $6, Y15, R0, K1; \
	VPCMPUQ $6, Y15, R1, K2; \
	VPCMPUQ $6, Y15, R2, K3; \
	VPCMPUQ $6, Y15, R3, K4; \
	VPCMPUQ $6, Y15, R4, K5; \
	MASKBITS(R13); \
	VPCMPUQ $0, Y15, R0, K1; \
	VPCMPUQ $0, Y15, R1, K2; \
	VPCMPUQ $0, Y15, R2, K3; \
	VPCMPUQ $0, Y15, R3, K4; \
	VPCMPUQ $0, Y15, R4, K5; \
	MASKBITS(DX); \
	ADDQ R13, R13; \
	ADDQ DX, R13; \
	XORQ DX, R13; \
	KMOVB R13, K1; \
	SHRQ $4, R13; \
	KMOVB R13, K2; \
	SHRQ $4, R13; \
	KMOVB R13, K3; \
	SHRQ $4, R13; \
	KMOVB R13, K4; \
	SHRQ $4, R13; \
	KMOVB R13, K5; \
	VPSUBQ Y15, R0, K1, R0; \
	VPSUBQ Y15, R1, K2, R1; \
	VPSUBQ Y15, R2, K3, R2; \
	VPSUBQ Y15, R3, K4, R3; \
	VPSUBQ Y15, R4, K5, R4; \
	VPANDQ Y15, R0, R0; \
	VPANDQ Y15, R1, R1; \
	VPANDQ Y15, R2, R2; \
	VPANDQ Y15, R3, R3; \
	VPANDQ Y15, R4, R4; \
	VMOVDQU64 R0, (RES); \
	VMOVDQU64 R1, 32(RES); \
	VMOVDQU64 R2, 64(RES); \
	VMOVDQU64 R3, 96(RES); \
	VMOVDQU64 R4, 128(RES)

// func amm2(r0, a0, b0, r1, a1, b1 *nat, m *modPair)
TEXT ·amm2(SB), NOSPLIT, $0-56
	MOVQ a0+8(FP), CX
	MOVQ b0+16(FP), SI
	MOVQ a1+32(FP), R8
	MOVQ b1+40(FP), R9
	MOVQ m+48(FP), DI

	VPXORQ Y0, Y0, Y0
	VMOVDQA64 Y0, Y3
	VMOVDQA64 Y0, Y4
	VMOVDQA64 Y0, Y5
	VMOVDQA64 Y0, Y16
	VMOVDQA64 Y0, Y17
	VMOVDQA64 Y0, Y6
	VMOVDQA64 Y0, Y7
	VMOVDQA64 Y0, Y8
	VMOVDQA64 Y0, Y18
	VMOVDQA64 Y0, Y19
	XORQ R11, R11
	XORQ R12, R12
	MOVQ $0xfffffffffffff, AX
	XORQ BX, BX

loop:
	STEP(CX, SI, 0, 384, R11, Y3, Y4, Y5, Y16, Y17, X3, Y1, Y2)
	STEP(R8, R9, 192, 392, R12, Y6, Y7, Y8, Y18, Y19, X6, Y21, Y22)
	ADDQ $8, BX
	CMPQ BX, $160
	JNE loop

	VPBROADCASTQ AX, Y15
	MOVL $1, R13
	KMOVB R13, K7
	MOVQ r0+0(FP), R10
	NORM(R11, Y3, Y4, Y5, Y16, Y17, R10)
	MOVQ r1+24(FP), R10
	NORM(R12, Y6, Y7, Y8, Y18, Y19, R10)
	VZEROUPPER
	RET
