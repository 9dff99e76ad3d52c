#include "textflag.h"

// func addRowsSSE(row *[17]float32, vals *float32, offs *uint32, n int)
//
// For k in [0, n): row[l] += vals[offs[k]+l] for l in [0, 17). The sums
// stay in registers, four labels to a register (ADDPS adds each lane as
// ADDSS would: the same IEEE single-precision addition, so the same bits).
TEXT ·addRowsSSE(SB), NOSPLIT, $0-32
	MOVQ	row+0(FP), DI
	MOVQ	vals+8(FP), SI
	MOVQ	offs+16(FP), BX
	MOVQ	n+24(FP), CX
	MOVUPS	0(DI), X0
	MOVUPS	16(DI), X1
	MOVUPS	32(DI), X2
	MOVUPS	48(DI), X3
	MOVSS	64(DI), X4
	TESTQ	CX, CX
	JEQ	done

loop:
	MOVL	(BX), AX
	LEAQ	(SI)(AX*4), DX
	MOVUPS	0(DX), X5
	ADDPS	X5, X0
	MOVUPS	16(DX), X6
	ADDPS	X6, X1
	MOVUPS	32(DX), X7
	ADDPS	X7, X2
	MOVUPS	48(DX), X8
	ADDPS	X8, X3
	MOVSS	64(DX), X9
	ADDSS	X9, X4
	ADDQ	$4, BX
	DECQ	CX
	JNE	loop

done:
	MOVUPS	X0, 0(DI)
	MOVUPS	X1, 16(DI)
	MOVUPS	X2, 32(DI)
	MOVUPS	X3, 48(DI)
	MOVSS	X4, 64(DI)
	RET
