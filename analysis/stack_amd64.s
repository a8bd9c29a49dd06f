//go:build !purego

#include "textflag.h"

// func stack16AVX(a *float32, z *float32, n int, c *float32, v *float32, d *float32, hid *float32, out *float32)
// The stacked layer with 16 hidden units (see stackLayer.applyGo, which it matches to the
// bit): hid = relu(c + Σ_i a[i]·z[i]) in input order, each product rounded, then
// out = d + Σ_j v[j]·hid[j] in unit order; a is n×16, v is 16×16, c, d, hid, out 16.
TEXT ·stack16AVX(SB), NOSPLIT, $0-64
	MOVQ a+0(FP), SI
	MOVQ z+8(FP), BX
	MOVQ n+16(FP), CX
	MOVQ c+24(FP), DX
	VMOVUPS 0(DX), Y0
	VMOVUPS 32(DX), Y1
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
	MOVQ $16, CX

oloop:
	VBROADCASTSS (DI), Y2
	VMULPS 0(SI), Y2, Y3
	VMULPS 32(SI), Y2, Y4
	VADDPS Y3, Y6, Y6
	VADDPS Y4, Y7, Y7
	ADDQ $64, SI
	ADDQ $4, DI
	DECQ CX
	JNE oloop

	MOVQ out+56(FP), DI
	VMOVUPS Y6, 0(DI)
	VMOVUPS Y7, 32(DI)
	VZEROUPPER
	RET
