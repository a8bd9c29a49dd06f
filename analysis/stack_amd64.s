//go:build !purego

#include "textflag.h"

// stackMask<> is eight lanes on, then eight off: 32 bytes from (16−k)×4 hold k−8 lanes on.
DATA stackMask<>+0(SB)/8, $0xffffffffffffffff
DATA stackMask<>+8(SB)/8, $0xffffffffffffffff
DATA stackMask<>+16(SB)/8, $0xffffffffffffffff
DATA stackMask<>+24(SB)/8, $0xffffffffffffffff
DATA stackMask<>+32(SB)/8, $0
DATA stackMask<>+40(SB)/8, $0
DATA stackMask<>+48(SB)/8, $0
DATA stackMask<>+56(SB)/8, $0
GLOBL stackMask<>(SB), RODATA|NOPTR, $64

// func stack16AVX(a *float32, z *float32, n int, c *float32, v *float32, d *float32, hid *float32, zo *float32, k int)
// The stacked layer with 16 hidden units (see stackLayer.applyGo, which it matches to the
// bit): hid = relu(c + Σ_i a[i]·z[i]) in input order, each product rounded, then
// out = d + Σ_j v[j]·hid[j] in unit order, and zo[o] += out[o] for o < k (8 ≤ k ≤ 16);
// a is n×16, v is 16×16, c, d, hid 16. The input loop takes four inputs a turn, each
// sum still in input order; the unit loop is written out.
TEXT ·stack16AVX(SB), NOSPLIT, $0-72
	MOVQ a+0(FP), SI
	MOVQ z+8(FP), BX
	MOVQ n+16(FP), CX
	MOVQ c+24(FP), DX
	VMOVUPS 0(DX), Y0
	VMOVUPS 32(DX), Y1
	CMPQ CX, $4
	JLT htail

hloop4:
	VBROADCASTSS 0(BX), Y2
	VMULPS 0(SI), Y2, Y3
	VMULPS 32(SI), Y2, Y4
	VADDPS Y3, Y0, Y0
	VADDPS Y4, Y1, Y1
	VBROADCASTSS 4(BX), Y2
	VMULPS 64(SI), Y2, Y3
	VMULPS 96(SI), Y2, Y4
	VADDPS Y3, Y0, Y0
	VADDPS Y4, Y1, Y1
	VBROADCASTSS 8(BX), Y2
	VMULPS 128(SI), Y2, Y3
	VMULPS 160(SI), Y2, Y4
	VADDPS Y3, Y0, Y0
	VADDPS Y4, Y1, Y1
	VBROADCASTSS 12(BX), Y2
	VMULPS 192(SI), Y2, Y3
	VMULPS 224(SI), Y2, Y4
	VADDPS Y3, Y0, Y0
	VADDPS Y4, Y1, Y1
	ADDQ $256, SI
	ADDQ $16, BX
	SUBQ $4, CX
	CMPQ CX, $4
	JGE hloop4

htail:
	TESTQ CX, CX
	JEQ hdone

hloop:
	VBROADCASTSS (BX), Y2
	VMULPS 0(SI), Y2, Y3
	VMULPS 32(SI), Y2, Y4
	VADDPS Y3, Y0, Y0
	VADDPS Y4, Y1, Y1
	ADDQ $64, SI
	ADDQ $4, BX
	DECQ CX
	JNE hloop

hdone:
	VXORPS Y5, Y5, Y5
	VMAXPS Y5, Y0, Y0
	VMAXPS Y5, Y1, Y1
	MOVQ hid+48(FP), DI
	VMOVUPS Y0, 0(DI)
	VMOVUPS Y1, 32(DI)
	MOVQ v+32(FP), SI
	MOVQ d+40(FP), DX
	VMOVUPS 0(DX), Y6
	VMOVUPS 32(DX), Y7
	VBROADCASTSS 0(DI), Y2
	VMULPS 0(SI), Y2, Y3
	VMULPS 32(SI), Y2, Y4
	VADDPS Y3, Y6, Y6
	VADDPS Y4, Y7, Y7
	VBROADCASTSS 4(DI), Y2
	VMULPS 64(SI), Y2, Y3
	VMULPS 96(SI), Y2, Y4
	VADDPS Y3, Y6, Y6
	VADDPS Y4, Y7, Y7
	VBROADCASTSS 8(DI), Y2
	VMULPS 128(SI), Y2, Y3
	VMULPS 160(SI), Y2, Y4
	VADDPS Y3, Y6, Y6
	VADDPS Y4, Y7, Y7
	VBROADCASTSS 12(DI), Y2
	VMULPS 192(SI), Y2, Y3
	VMULPS 224(SI), Y2, Y4
	VADDPS Y3, Y6, Y6
	VADDPS Y4, Y7, Y7
	VBROADCASTSS 16(DI), Y2
	VMULPS 256(SI), Y2, Y3
	VMULPS 288(SI), Y2, Y4
	VADDPS Y3, Y6, Y6
	VADDPS Y4, Y7, Y7
	VBROADCASTSS 20(DI), Y2
	VMULPS 320(SI), Y2, Y3
	VMULPS 352(SI), Y2, Y4
	VADDPS Y3, Y6, Y6
	VADDPS Y4, Y7, Y7
	VBROADCASTSS 24(DI), Y2
	VMULPS 384(SI), Y2, Y3
	VMULPS 416(SI), Y2, Y4
	VADDPS Y3, Y6, Y6
	VADDPS Y4, Y7, Y7
	VBROADCASTSS 28(DI), Y2
	VMULPS 448(SI), Y2, Y3
	VMULPS 480(SI), Y2, Y4
	VADDPS Y3, Y6, Y6
	VADDPS Y4, Y7, Y7
	VBROADCASTSS 32(DI), Y2
	VMULPS 512(SI), Y2, Y3
	VMULPS 544(SI), Y2, Y4
	VADDPS Y3, Y6, Y6
	VADDPS Y4, Y7, Y7
	VBROADCASTSS 36(DI), Y2
	VMULPS 576(SI), Y2, Y3
	VMULPS 608(SI), Y2, Y4
	VADDPS Y3, Y6, Y6
	VADDPS Y4, Y7, Y7
	VBROADCASTSS 40(DI), Y2
	VMULPS 640(SI), Y2, Y3
	VMULPS 672(SI), Y2, Y4
	VADDPS Y3, Y6, Y6
	VADDPS Y4, Y7, Y7
	VBROADCASTSS 44(DI), Y2
	VMULPS 704(SI), Y2, Y3
	VMULPS 736(SI), Y2, Y4
	VADDPS Y3, Y6, Y6
	VADDPS Y4, Y7, Y7
	VBROADCASTSS 48(DI), Y2
	VMULPS 768(SI), Y2, Y3
	VMULPS 800(SI), Y2, Y4
	VADDPS Y3, Y6, Y6
	VADDPS Y4, Y7, Y7
	VBROADCASTSS 52(DI), Y2
	VMULPS 832(SI), Y2, Y3
	VMULPS 864(SI), Y2, Y4
	VADDPS Y3, Y6, Y6
	VADDPS Y4, Y7, Y7
	VBROADCASTSS 56(DI), Y2
	VMULPS 896(SI), Y2, Y3
	VMULPS 928(SI), Y2, Y4
	VADDPS Y3, Y6, Y6
	VADDPS Y4, Y7, Y7
	VBROADCASTSS 60(DI), Y2
	VMULPS 960(SI), Y2, Y3
	VMULPS 992(SI), Y2, Y4
	VADDPS Y3, Y6, Y6
	VADDPS Y4, Y7, Y7

	// zo[o] += out[o]: the first eight whole, then k−8 lanes through the mask
	MOVQ zo+56(FP), DI
	MOVQ k+64(FP), CX
	VMOVUPS 0(DI), Y8
	VADDPS Y6, Y8, Y8
	VMOVUPS Y8, 0(DI)
	NEGQ CX
	ADDQ $16, CX
	LEAQ stackMask<>(SB), AX
	VMOVUPS (AX)(CX*4), Y9
	VMASKMOVPS 32(DI), Y9, Y10
	VADDPS Y7, Y10, Y10
	VMASKMOVPS Y10, Y9, 32(DI)
	VZEROUPPER
	RET
