#include "textflag.h"

// func copyToSpecialAVX2(dst, src []byte) int
//
// Copies src to dst (as long) up to the first byte a JSON string cannot
// hold as it is: '"', '\\' or one below 0x20, and returns its index, or
// len(src). src holds at least 32 bytes. Each block is stored before it
// is tested, so dst may hold bytes after the one returned: the caller
// keeps only those before it. The last block overlaps the one before
// rather than reading past the end.
TEXT ·copyToSpecialAVX2(SB), NOSPLIT, $0-56
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), DX
	MOVL $0x22, CX // '"'
	MOVQ CX, X1
	VPBROADCASTB X1, Y1
	MOVL $0x5C, CX // '\\'
	MOVQ CX, X2
	VPBROADCASTB X2, Y2
	MOVL $0x1F, CX // the largest control byte
	MOVQ CX, X3
	VPBROADCASTB X3, Y3
	XORQ AX, AX
	LEAQ -32(DX), BX // the last block's start

block:
	VMOVDQU   (SI)(AX*1), Y0
	VMOVDQU   Y0, (DI)(AX*1)
	VPCMPEQB  Y1, Y0, Y4
	VPCMPEQB  Y2, Y0, Y5
	VPMINUB   Y3, Y0, Y6
	VPCMPEQB  Y6, Y0, Y6 // x <= 0x1F
	VPOR      Y5, Y4, Y4
	VPOR      Y6, Y4, Y4
	VPMOVMSKB Y4, CX
	TESTL     CX, CX
	JNZ       found
	CMPQ      AX, BX
	JGE       none // that was the last block
	ADDQ      $32, AX
	CMPQ      AX, BX
	JLE       block
	MOVQ      BX, AX // the last block, overlapping the one before
	JMP       block

none:
	VZEROUPPER
	MOVQ DX, ret+48(FP)
	RET

found:
	VZEROUPPER
	TZCNTL CX, CX
	ADDQ   CX, AX
	MOVQ   AX, ret+48(FP)
	RET

// func indexSpecialAVX2(src []byte) int
//
// Returns the index of the first byte of src a JSON string cannot hold as
// it is ('"', '\\' or one below 0x20), or len(src): copyToSpecialAVX2
// without the copy. src holds at least 32 bytes.
TEXT ·indexSpecialAVX2(SB), NOSPLIT, $0-32
	MOVQ src_base+0(FP), SI
	MOVQ src_len+8(FP), DX
	MOVL $0x22, CX // '"'
	MOVQ CX, X1
	VPBROADCASTB X1, Y1
	MOVL $0x5C, CX // '\\'
	MOVQ CX, X2
	VPBROADCASTB X2, Y2
	MOVL $0x1F, CX // the largest control byte
	MOVQ CX, X3
	VPBROADCASTB X3, Y3
	XORQ AX, AX
	LEAQ -32(DX), BX // the last block's start

iblock:
	VMOVDQU   (SI)(AX*1), Y0
	VPCMPEQB  Y1, Y0, Y4
	VPCMPEQB  Y2, Y0, Y5
	VPMINUB   Y3, Y0, Y6
	VPCMPEQB  Y6, Y0, Y6 // x <= 0x1F
	VPOR      Y5, Y4, Y4
	VPOR      Y6, Y4, Y4
	VPMOVMSKB Y4, CX
	TESTL     CX, CX
	JNZ       ifound
	CMPQ      AX, BX
	JGE       inone // that was the last block
	ADDQ      $32, AX
	CMPQ      AX, BX
	JLE       iblock
	MOVQ      BX, AX // the last block, overlapping the one before
	JMP       iblock

inone:
	VZEROUPPER
	MOVQ DX, ret+24(FP)
	RET

ifound:
	VZEROUPPER
	TZCNTL CX, CX
	ADDQ   CX, AX
	MOVQ   AX, ret+24(FP)
	RET
