//go:build !purego

#include "textflag.h"

// func sumRows40F16(acc *float32, w *uint16, rows *int32, n int)
// Five 8-wide float32 sums; each row is 40 halves (80 bytes), converted with VCVTPH2PS
// (exact) and added in row order, as sumRowsGo adds them, so the bits are the same.
TEXT ·sumRows40F16(SB), NOSPLIT, $0-32
	MOVQ acc+0(FP), DI
	MOVQ w+8(FP), SI
	MOVQ rows+16(FP), BX
	MOVQ n+24(FP), CX
	VMOVUPS 0(DI), Y0
	VMOVUPS 32(DI), Y1
	VMOVUPS 64(DI), Y2
	VMOVUPS 96(DI), Y3
	VMOVUPS 128(DI), Y4
	TESTQ CX, CX
	JEQ f16done

f16loop:
	MOVLQSX (BX), AX
	LEAQ (SI)(AX*2), DX
	VCVTPH2PS 0(DX), Y5
	VCVTPH2PS 16(DX), Y6
	VCVTPH2PS 32(DX), Y7
	VCVTPH2PS 48(DX), Y8
	VCVTPH2PS 64(DX), Y9
	VADDPS Y5, Y0, Y0
	VADDPS Y6, Y1, Y1
	VADDPS Y7, Y2, Y2
	VADDPS Y8, Y3, Y3
	VADDPS Y9, Y4, Y4
	ADDQ $4, BX
	DECQ CX
	JNE f16loop

f16done:
	VMOVUPS Y0, 0(DI)
	VMOVUPS Y1, 32(DI)
	VMOVUPS Y2, 64(DI)
	VMOVUPS Y3, 96(DI)
	VMOVUPS Y4, 128(DI)
	VZEROUPPER
	RET

// func scoreRows40F16(z *float32, w *uint16, rows *int32, n int, scale float32, bias *float32)
// sumRows40F16 from zero sums, then z = sum·scale + bias, multiplied and added apart (no
// fused multiply-add, as Go computes it), 40 columns. Four rows a turn, then two, then one:
// each column's additions in row order all the same.
TEXT ·scoreRows40F16(SB), NOSPLIT, $0-48
	MOVQ z+0(FP), DI
	MOVQ w+8(FP), SI
	MOVQ rows+16(FP), BX
	MOVQ n+24(FP), CX
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	CMPQ CX, $4
	JLT sc2

	// four rows a turn, each added in row order
scloop4:
	MOVLQSX (BX), AX
	MOVLQSX 4(BX), DX
	MOVLQSX 8(BX), R8
	MOVLQSX 12(BX), R9
	VCVTPH2PS 0(SI)(AX*2), Y5
	VCVTPH2PS 16(SI)(AX*2), Y6
	VCVTPH2PS 32(SI)(AX*2), Y7
	VCVTPH2PS 48(SI)(AX*2), Y8
	VCVTPH2PS 64(SI)(AX*2), Y9
	VADDPS Y5, Y0, Y0
	VADDPS Y6, Y1, Y1
	VADDPS Y7, Y2, Y2
	VADDPS Y8, Y3, Y3
	VADDPS Y9, Y4, Y4
	VCVTPH2PS 0(SI)(DX*2), Y5
	VCVTPH2PS 16(SI)(DX*2), Y6
	VCVTPH2PS 32(SI)(DX*2), Y7
	VCVTPH2PS 48(SI)(DX*2), Y8
	VCVTPH2PS 64(SI)(DX*2), Y9
	VADDPS Y5, Y0, Y0
	VADDPS Y6, Y1, Y1
	VADDPS Y7, Y2, Y2
	VADDPS Y8, Y3, Y3
	VADDPS Y9, Y4, Y4
	VCVTPH2PS 0(SI)(R8*2), Y5
	VCVTPH2PS 16(SI)(R8*2), Y6
	VCVTPH2PS 32(SI)(R8*2), Y7
	VCVTPH2PS 48(SI)(R8*2), Y8
	VCVTPH2PS 64(SI)(R8*2), Y9
	VADDPS Y5, Y0, Y0
	VADDPS Y6, Y1, Y1
	VADDPS Y7, Y2, Y2
	VADDPS Y8, Y3, Y3
	VADDPS Y9, Y4, Y4
	VCVTPH2PS 0(SI)(R9*2), Y5
	VCVTPH2PS 16(SI)(R9*2), Y6
	VCVTPH2PS 32(SI)(R9*2), Y7
	VCVTPH2PS 48(SI)(R9*2), Y8
	VCVTPH2PS 64(SI)(R9*2), Y9
	VADDPS Y5, Y0, Y0
	VADDPS Y6, Y1, Y1
	VADDPS Y7, Y2, Y2
	VADDPS Y8, Y3, Y3
	VADDPS Y9, Y4, Y4
	ADDQ $16, BX
	SUBQ $4, CX
	CMPQ CX, $4
	JGE scloop4

sc2:
	CMPQ CX, $2
	JLT sctail

	// two rows a turn, each added in row order
scloop2:
	MOVLQSX (BX), AX
	MOVLQSX 4(BX), DX
	VCVTPH2PS 0(SI)(AX*2), Y5
	VCVTPH2PS 16(SI)(AX*2), Y6
	VCVTPH2PS 32(SI)(AX*2), Y7
	VCVTPH2PS 48(SI)(AX*2), Y8
	VCVTPH2PS 64(SI)(AX*2), Y9
	VADDPS Y5, Y0, Y0
	VADDPS Y6, Y1, Y1
	VADDPS Y7, Y2, Y2
	VADDPS Y8, Y3, Y3
	VADDPS Y9, Y4, Y4
	VCVTPH2PS 0(SI)(DX*2), Y5
	VCVTPH2PS 16(SI)(DX*2), Y6
	VCVTPH2PS 32(SI)(DX*2), Y7
	VCVTPH2PS 48(SI)(DX*2), Y8
	VCVTPH2PS 64(SI)(DX*2), Y9
	VADDPS Y5, Y0, Y0
	VADDPS Y6, Y1, Y1
	VADDPS Y7, Y2, Y2
	VADDPS Y8, Y3, Y3
	VADDPS Y9, Y4, Y4
	ADDQ $8, BX
	SUBQ $2, CX
	CMPQ CX, $2
	JGE scloop2

sctail:
	TESTQ CX, CX
	JEQ scdone
	MOVLQSX (BX), AX
	VCVTPH2PS 0(SI)(AX*2), Y5
	VCVTPH2PS 16(SI)(AX*2), Y6
	VCVTPH2PS 32(SI)(AX*2), Y7
	VCVTPH2PS 48(SI)(AX*2), Y8
	VCVTPH2PS 64(SI)(AX*2), Y9
	VADDPS Y5, Y0, Y0
	VADDPS Y6, Y1, Y1
	VADDPS Y7, Y2, Y2
	VADDPS Y8, Y3, Y3
	VADDPS Y9, Y4, Y4

scdone:
	VBROADCASTSS scale+32(FP), Y10
	MOVQ bias+40(FP), DX
	VMULPS Y10, Y0, Y0
	VMULPS Y10, Y1, Y1
	VMULPS Y10, Y2, Y2
	VMULPS Y10, Y3, Y3
	VMULPS Y10, Y4, Y4
	VADDPS 0(DX), Y0, Y0
	VADDPS 32(DX), Y1, Y1
	VADDPS 64(DX), Y2, Y2
	VADDPS 96(DX), Y3, Y3
	VADDPS 128(DX), Y4, Y4
	VMOVUPS Y0, 0(DI)
	VMOVUPS Y1, 32(DI)
	VMOVUPS Y2, 64(DI)
	VMOVUPS Y3, 96(DI)
	VMOVUPS Y4, 128(DI)
	VZEROUPPER
	RET

// func cpuHasAVX() bool
// CPUID leaf 1 says AVX and OSXSAVE; XGETBV says the OS saves the YMM registers.
TEXT ·cpuHasAVX(SB), NOSPLIT, $0-1
	MOVL $1, AX
	XORL CX, CX
	CPUID
	ANDL $0x18000000, CX
	CMPL CX, $0x18000000
	JNE noavx
	XORL CX, CX
	XGETBV
	ANDL $6, AX
	CMPL AX, $6
	JNE noavx
	MOVB $1, ret+0(FP)
	RET

noavx:
	MOVB $0, ret+0(FP)
	RET

// The loop constants of expShiftedAVX2, four lanes each.
DATA expC24<>+0(SB)/8, $0x3fa5555555555555 // 1/24
DATA expC24<>+8(SB)/8, $0x3fa5555555555555
DATA expC24<>+16(SB)/8, $0x3fa5555555555555
DATA expC24<>+24(SB)/8, $0x3fa5555555555555
GLOBL expC24<>(SB), RODATA|NOPTR, $32
DATA expC6<>+0(SB)/8, $0x3fc5555555555555 // 1/6
DATA expC6<>+8(SB)/8, $0x3fc5555555555555
DATA expC6<>+16(SB)/8, $0x3fc5555555555555
DATA expC6<>+24(SB)/8, $0x3fc5555555555555
GLOBL expC6<>(SB), RODATA|NOPTR, $32
DATA expBias<>+0(SB)/8, $1023
DATA expBias<>+8(SB)/8, $1023
DATA expBias<>+16(SB)/8, $1023
DATA expBias<>+24(SB)/8, $1023
GLOBL expBias<>(SB), RODATA|NOPTR, $32
DATA expMask63<>+0(SB)/8, $0x0000003f0000003f
DATA expMask63<>+8(SB)/8, $0x0000003f0000003f
GLOBL expMask63<>(SB), RODATA|NOPTR, $16

// func expShiftedAVX2(p *float64, z *float32, n int, mx float32) float64
// p[i] = fastExp(float64(z[i]-mx)) for i < n, n a multiple of 4: fastExp's steps, four
// lanes at a time, in the same order and rounding (no fused multiply-add), so the bits
// are fastExp's. It returns p[0] + p[1] + … + p[n-1], added in index order from 0.
TEXT ·expShiftedAVX2(SB), NOSPLIT, $0-40
	MOVQ p+0(FP), DI
	MOVQ z+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSS mx+24(FP), X8
	MOVQ $0x40571547652b82fe, AX // 64/ln2
	MOVQ AX, X9
	VBROADCASTSD X9, Y9
	MOVQ $0x3fe0000000000000, AX // 0.5
	MOVQ AX, X10
	VBROADCASTSD X10, Y10
	MOVQ $0x3f862e42fefa39ef, AX // ln2/64
	MOVQ AX, X11
	VBROADCASTSD X11, Y11
	MOVQ $0x3ff0000000000000, AX // 1
	MOVQ AX, X12
	VBROADCASTSD X12, Y12
	MOVQ $0xc085e00000000000, AX // -700
	MOVQ AX, X13
	VBROADCASTSD X13, Y13
	LEAQ ·exp2Table(SB), R8
	VXORPD X14, X14, X14     // the sum
	SHRQ $2, CX
	JEQ expdone

exploop:
	VMOVUPS (SI), X0         // four logits
	VSUBPS X8, X0, X0        // z - mx, in float32
	VCVTPS2PD X0, Y0         // x
	VMULPD Y9, Y0, Y1        // x·64/ln2
	VSUBPD Y10, Y1, Y1       // − 0.5
	VCVTTPD2DQY Y1, X1       // m, truncated
	VCVTDQ2PD X1, Y2         // float64(m)
	VMULPD Y11, Y2, Y2       // float64(m)·ln2/64
	VSUBPD Y2, Y0, Y2        // r
	VMULPD expC24<>(SB), Y2, Y3 // r/24
	VADDPD expC6<>(SB), Y3, Y3  // 1/6 + r/24
	VMULPD Y3, Y2, Y3
	VADDPD Y3, Y10, Y3       // 1/2 + …
	VMULPD Y3, Y2, Y3
	VADDPD Y3, Y12, Y3       // 1 + …
	VMULPD Y3, Y2, Y3
	VADDPD Y3, Y12, Y3       // p = 1 + …
	VPAND expMask63<>(SB), X1, X5 // j = m & 63
	VPCMPEQD Y6, Y6, Y6      // gather mask: all lanes
	VXORPD Y7, Y7, Y7
	VGATHERDPD Y6, (R8)(X5*8), Y7 // exp2Table[j]
	VMULPD Y7, Y3, Y3        // p·2^(j/64)
	VPSRAD $6, X1, X1        // k = m >> 6
	VPMOVSXDQ X1, Y1
	VPADDQ expBias<>(SB), Y1, Y1
	VPSLLQ $52, Y1, Y1       // 2^k
	VMULPD Y1, Y3, Y3
	VCMPPD $0x1e, Y13, Y0, Y5 // x > −700 (ordered, quiet): else 0, NaN too
	VANDPD Y5, Y3, Y3
	VMOVUPD Y3, (DI)
	VADDSD X3, X14, X14      // the sum, lane by lane
	VUNPCKHPD X3, X3, X4
	VADDSD X4, X14, X14
	VEXTRACTF128 $1, Y3, X3
	VADDSD X3, X14, X14
	VUNPCKHPD X3, X3, X4
	VADDSD X4, X14, X14
	ADDQ $16, SI
	ADDQ $32, DI
	DECQ CX
	JNE exploop

expdone:
	VMOVSD X14, ret+32(FP)
	VZEROUPPER
	RET

// func cpuHasF16C() bool
// CPUID leaf 1 says F16C (the caller checks AVX and the OS's YMM state first).
TEXT ·cpuHasF16C(SB), NOSPLIT, $0-1
	MOVL $1, AX
	XORL CX, CX
	CPUID
	ANDL $0x20000000, CX
	JEQ nof16c
	MOVB $1, ret+0(FP)
	RET

nof16c:
	MOVB $0, ret+0(FP)
	RET

// func cpuHasAVX2() bool
// CPUID leaf 7 says AVX2 (the caller checks AVX and the OS's YMM state first).
TEXT ·cpuHasAVX2(SB), NOSPLIT, $0-1
	MOVL $0, AX
	CPUID
	CMPL AX, $7
	JLT noavx2
	MOVL $7, AX
	XORL CX, CX
	CPUID
	ANDL $0x20, BX
	JEQ noavx2
	MOVB $1, ret+0(FP)
	RET

noavx2:
	MOVB $0, ret+0(FP)
	RET

// func maxF32AVX(z *float32, n int) float32
// The largest of z[:n] (n ≥ 1, no NaNs), eight lanes at a time: the maximum of a set is
// the same whatever the order it is taken in.
TEXT ·maxF32AVX(SB), NOSPLIT, $0-20
	MOVQ z+0(FP), SI
	MOVQ n+8(FP), CX
	VBROADCASTSS (SI), Y0
	CMPQ CX, $8
	JLT maxtail

maxloop:
	VMAXPS (SI), Y0, Y0
	ADDQ $32, SI
	SUBQ $8, CX
	CMPQ CX, $8
	JGE maxloop
	VEXTRACTF128 $1, Y0, X1
	VMAXPS X1, X0, X0
	VPERMILPS $0x4e, X0, X1
	VMAXPS X1, X0, X0
	VPERMILPS $0xb1, X0, X1
	VMAXPS X1, X0, X0

maxtail:
	TESTQ CX, CX
	JEQ maxdone

maxtailloop:
	VMAXSS (SI), X0, X0
	ADDQ $4, SI
	DECQ CX
	JNE maxtailloop

maxdone:
	VMOVSS X0, ret+16(FP)
	VZEROUPPER
	RET

// func scaleDecideAVX(p *float64, thr *float64, n int, norm float64) uint32
// p[i] *= norm for i < n, and the set of the i with p[i] ≥ thr[i] (n ≤ 32), four lanes at
// a time: the same products (no fused multiply-add) and comparisons as the Go loop.
TEXT ·scaleDecideAVX(SB), NOSPLIT, $0-36
	MOVQ p+0(FP), DI
	MOVQ thr+8(FP), SI
	MOVQ n+16(FP), R9
	VBROADCASTSD norm+24(FP), Y1
	XORQ DX, DX // the set
	XORQ CX, CX // the bit of p[0] in this step
	CMPQ R9, $4
	JLT sdtail

sdloop:
	VMULPD (DI), Y1, Y0
	VMOVUPD Y0, (DI)
	VCMPPD $0x1d, (SI), Y0, Y2 // p ≥ thr (ordered, quiet)
	VMOVMSKPD Y2, AX
	SHLQ CX, AX
	ORQ AX, DX
	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $4, CX
	SUBQ $4, R9
	CMPQ R9, $4
	JGE sdloop

sdtail:
	TESTQ R9, R9
	JEQ sddone

sdtailloop:
	VMOVSD (DI), X0
	VMULSD X1, X0, X0
	VMOVSD X0, (DI)
	VUCOMISD (SI), X0
	JCS sdskip // p < thr
	BTSQ CX, DX

sdskip:
	ADDQ $8, DI
	ADDQ $8, SI
	INCQ CX
	DECQ R9
	JNE sdtailloop

sddone:
	MOVL DX, ret+32(FP)
	VZEROUPPER
	RET

// The lane masks of softmaxSetAVX2's last group: four words from tailMask<>+4(4−r) are
// r all-ones words, then zeros.
DATA tailMask<>+0(SB)/4, $0xffffffff
DATA tailMask<>+4(SB)/4, $0xffffffff
DATA tailMask<>+8(SB)/4, $0xffffffff
DATA tailMask<>+12(SB)/4, $0xffffffff
DATA tailMask<>+16(SB)/4, $0
DATA tailMask<>+20(SB)/4, $0
DATA tailMask<>+24(SB)/4, $0
DATA tailMask<>+28(SB)/4, $0
GLOBL tailMask<>(SB), RODATA|NOPTR, $32

// expShiftedAVX2's constants, one each, for softmaxSetAVX2 to broadcast from memory.
DATA smConst<>+0(SB)/8, $0x40571547652b82fe  // 64/ln2
DATA smConst<>+8(SB)/8, $0x3fe0000000000000  // 0.5
DATA smConst<>+16(SB)/8, $0x3f862e42fefa39ef // ln2/64
DATA smConst<>+24(SB)/8, $0x3ff0000000000000 // 1
DATA smConst<>+32(SB)/8, $0xc085e00000000000 // -700
GLOBL smConst<>(SB), RODATA|NOPTR, $40

// func softmaxSetAVX2(z *float32, p *float64, thr *float64, n int) uint32
// softmaxSet in one call, 1 ≤ n ≤ 32: the largest logit as maxF32AVX takes it, the
// exponentials as expShiftedAVX2 works them out (the last n mod 4 lanes too, loaded and
// stored under a mask, the same steps as fastExp), their sum added in index order, norm =
// 1/sum, then scaleDecideAVX's products and tests. The bits are the Go loops'.
TEXT ·softmaxSetAVX2(SB), NOSPLIT, $0-36
	MOVQ z+0(FP), SI
	MOVQ p+8(FP), DI
	MOVQ n+24(FP), R9

	// the largest logit
	MOVQ SI, R10
	MOVQ R9, CX
	VBROADCASTSS (R10), Y0
	CMPQ CX, $8
	JLT smmaxtail

smmaxloop:
	VMAXPS (R10), Y0, Y0
	ADDQ $32, R10
	SUBQ $8, CX
	CMPQ CX, $8
	JGE smmaxloop
	VEXTRACTF128 $1, Y0, X1
	VMAXPS X1, X0, X0
	VPERMILPS $0x4e, X0, X1
	VMAXPS X1, X0, X0
	VPERMILPS $0xb1, X0, X1
	VMAXPS X1, X0, X0

smmaxtail:
	// X0's four lanes each hold a largest so far (all of them z[0] when n < 8): four more
	// logits a turn, the last one to three one at a time into lane 0, then the lanes'
	// largest (the order could only change which of +0 and −0 is taken, and every
	// fastExp(z − mx) is the same for either)
	CMPQ CX, $4
	JLT smmaxone

smmaxfour:
	VMAXPS (R10), X0, X0
	ADDQ $16, R10
	SUBQ $4, CX
	CMPQ CX, $4
	JGE smmaxfour

smmaxone:
	TESTQ CX, CX
	JEQ smmaxlanes

smmaxtailloop:
	VMAXSS (R10), X0, X0
	ADDQ $4, R10
	DECQ CX
	JNE smmaxtailloop

smmaxlanes:
	VPERMILPS $0x4e, X0, X1
	VMAXPS X1, X0, X0
	VPERMILPS $0xb1, X0, X1
	VMAXPS X1, X0, X0

smmaxdone:
	VBROADCASTSS X0, X8 // mx
	VBROADCASTSD smConst<>+0(SB), Y9  // 64/ln2
	VBROADCASTSD smConst<>+8(SB), Y10 // 0.5
	VBROADCASTSD smConst<>+16(SB), Y11 // ln2/64
	VBROADCASTSD smConst<>+24(SB), Y12 // 1
	VBROADCASTSD smConst<>+32(SB), Y13 // -700
	LEAQ ·exp2Table(SB), R8
	VXORPD X14, X14, X14 // the sum
	MOVQ R9, CX
	SHRQ $2, CX
	JEQ smexptail

smexploop:
	VMOVUPS (SI), X0
	CALL smexp<>(SB)
	VMOVUPD Y3, (DI)
	VADDSD X3, X14, X14 // the sum, lane by lane
	VUNPCKHPD X3, X3, X4
	VADDSD X4, X14, X14
	VEXTRACTF128 $1, Y3, X3
	VADDSD X3, X14, X14
	VUNPCKHPD X3, X3, X4
	VADDSD X4, X14, X14
	ADDQ $16, SI
	ADDQ $32, DI
	DECQ CX
	JNE smexploop

smexptail:
	MOVQ R9, CX
	ANDQ $3, CX
	JEQ smexpdone
	// the last r = CX lanes, under a mask (the others are neither read nor written)
	LEAQ tailMask<>(SB), AX
	MOVQ $4, BX
	SUBQ CX, BX
	VMOVDQU (AX)(BX*4), X15
	VMASKMOVPS (SI), X15, X0
	CALL smexp<>(SB)
	VPMOVSXDQ X15, Y15
	VMASKMOVPD Y3, Y15, (DI)
	VADDSD X3, X14, X14
	CMPQ CX, $1
	JEQ smexpdone
	VUNPCKHPD X3, X3, X4
	VADDSD X4, X14, X14
	CMPQ CX, $2
	JEQ smexpdone
	VEXTRACTF128 $1, Y3, X3
	VADDSD X3, X14, X14

smexpdone:
	// norm = 1/sum; then p[i] *= norm and the set of the i with p[i] ≥ thr[i]
	VDIVSD X14, X12, X1
	VBROADCASTSD X1, Y1
	MOVQ p+8(FP), DI
	MOVQ thr+16(FP), SI
	XORQ DX, DX // the set
	XORQ CX, CX // the bit of p[0] in this step
	CMPQ R9, $4
	JLT smsdtail

smsdloop:
	VMULPD (DI), Y1, Y0
	VMOVUPD Y0, (DI)
	VCMPPD $0x1d, (SI), Y0, Y2 // p ≥ thr (ordered, quiet)
	VMOVMSKPD Y2, AX
	SHLQ CX, AX
	ORQ AX, DX
	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $4, CX
	SUBQ $4, R9
	CMPQ R9, $4
	JGE smsdloop

smsdtail:
	TESTQ R9, R9
	JEQ smsddone

smsdtailloop:
	VMOVSD (DI), X0
	VMULSD X1, X0, X0
	VMOVSD X0, (DI)
	VUCOMISD (SI), X0
	JCS smsdskip // p < thr
	BTSQ CX, DX

smsdskip:
	ADDQ $8, DI
	ADDQ $8, SI
	INCQ CX
	DECQ R9
	JNE smsdtailloop

smsddone:
	MOVL DX, ret+32(FP)
	VZEROUPPER
	RET

// smexp is expShiftedAVX2's step on four logits: X0 the logits, X8 mx, Y9–Y13 and R8 its
// constants; Y3 gets fastExp(float64(z−mx)) in four lanes (Y0–Y7 clobbered).
TEXT smexp<>(SB), NOSPLIT|NOFRAME, $0-0
	VSUBPS X8, X0, X0        // z - mx, in float32
	VCVTPS2PD X0, Y0         // x
	VMULPD Y9, Y0, Y1        // x·64/ln2
	VSUBPD Y10, Y1, Y1       // − 0.5
	VCVTTPD2DQY Y1, X1       // m, truncated
	VCVTDQ2PD X1, Y2         // float64(m)
	VMULPD Y11, Y2, Y2       // float64(m)·ln2/64
	VSUBPD Y2, Y0, Y2        // r
	VMULPD expC24<>(SB), Y2, Y3 // r/24
	VADDPD expC6<>(SB), Y3, Y3  // 1/6 + r/24
	VMULPD Y3, Y2, Y3
	VADDPD Y3, Y10, Y3       // 1/2 + …
	VMULPD Y3, Y2, Y3
	VADDPD Y3, Y12, Y3       // 1 + …
	VMULPD Y3, Y2, Y3
	VADDPD Y3, Y12, Y3       // p = 1 + …
	VPAND expMask63<>(SB), X1, X5 // j = m & 63
	VPCMPEQD Y6, Y6, Y6      // gather mask: all lanes
	VXORPD Y7, Y7, Y7
	VGATHERDPD Y6, (R8)(X5*8), Y7 // exp2Table[j]
	VMULPD Y7, Y3, Y3        // p·2^(j/64)
	VPSRAD $6, X1, X1        // k = m >> 6
	VPMOVSXDQ X1, Y1
	VPADDQ expBias<>(SB), Y1, Y1
	VPSLLQ $52, Y1, Y1       // 2^k
	VMULPD Y1, Y3, Y3
	VCMPPD $0x1e, Y13, Y0, Y5 // x > −700 (ordered, quiet): else 0, NaN too
	VANDPD Y5, Y3, Y3
	RET
