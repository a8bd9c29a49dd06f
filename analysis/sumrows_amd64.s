//go:build !purego

#include "textflag.h"

// func sumRows40(acc *float32, w *float32, rows *int32, n int)
TEXT ·sumRows40(SB), NOSPLIT, $0-32
	MOVQ acc+0(FP), DI
	MOVQ w+8(FP), SI
	MOVQ rows+16(FP), BX
	MOVQ n+24(FP), CX
	MOVUPS 0(DI), X0
	MOVUPS 16(DI), X1
	MOVUPS 32(DI), X2
	MOVUPS 48(DI), X3
	MOVUPS 64(DI), X4
	MOVUPS 80(DI), X5
	MOVUPS 96(DI), X6
	MOVUPS 112(DI), X7
	MOVUPS 128(DI), X8
	MOVUPS 144(DI), X9
	TESTQ CX, CX
	JEQ done

loop:
	MOVLQSX (BX), AX
	LEAQ (SI)(AX*4), DX
	MOVUPS 0(DX), X10
	MOVUPS 16(DX), X11
	MOVUPS 32(DX), X12
	MOVUPS 48(DX), X13
	MOVUPS 64(DX), X14
	ADDPS X10, X0
	ADDPS X11, X1
	ADDPS X12, X2
	ADDPS X13, X3
	ADDPS X14, X4
	MOVUPS 80(DX), X10
	MOVUPS 96(DX), X11
	MOVUPS 112(DX), X12
	MOVUPS 128(DX), X13
	MOVUPS 144(DX), X14
	ADDPS X10, X5
	ADDPS X11, X6
	ADDPS X12, X7
	ADDPS X13, X8
	ADDPS X14, X9
	ADDQ $4, BX
	DECQ CX
	JNE loop

done:
	MOVUPS X0, 0(DI)
	MOVUPS X1, 16(DI)
	MOVUPS X2, 32(DI)
	MOVUPS X3, 48(DI)
	MOVUPS X4, 64(DI)
	MOVUPS X5, 80(DI)
	MOVUPS X6, 96(DI)
	MOVUPS X7, 112(DI)
	MOVUPS X8, 128(DI)
	MOVUPS X9, 144(DI)
	RET

// func sumRows40AVX(acc *float32, w *float32, rows *int32, n int)
// The same sums as sumRows40, eight lanes to a register: each lane adds its rows in the
// same order, so the bits are the same.
TEXT ·sumRows40AVX(SB), NOSPLIT, $0-32
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
	JEQ avxdone

avxloop:
	MOVLQSX (BX), AX
	LEAQ (SI)(AX*4), DX
	VADDPS 0(DX), Y0, Y0
	VADDPS 32(DX), Y1, Y1
	VADDPS 64(DX), Y2, Y2
	VADDPS 96(DX), Y3, Y3
	VADDPS 128(DX), Y4, Y4
	ADDQ $4, BX
	DECQ CX
	JNE avxloop

avxdone:
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
