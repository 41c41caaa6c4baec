#include "textflag.h"

// func plainBlocksAVX2(src []byte, i int, carry, want uint32) (j int, bad, cand, carryOut uint32)
//
// plainWords' test (see plainOK) 32 bytes at a time. Byte classes are
// tested with a bias and a signed compare: x+bias <s limit holds exactly
// for x in [lo, hi] when bias = 0x80-lo and limit = lo+bias+(hi-lo)+1.
// The masks are then combined as bits, one per byte, so that the
// continuation byte after a lead (bit k+1 of lead<<1) needs no shuffle
// across the vector's halves, and carry brings bit 31 of the block
// before.
TEXT ·plainBlocksAVX2(SB), NOSPLIT, $0-60
	MOVQ src_base+0(FP), SI
	MOVQ src_len+8(FP), DX
	MOVQ i+24(FP), AX
	MOVL carry+32(FP), BX
	MOVL want+36(FP), R8

	MOVL $0x5F, CX // bias: 0x21-0x7E, printable ASCII but space
	MOVQ CX, X10
	VPBROADCASTB X10, Y10
	MOVL $0xDE, CX // its limit
	MOVQ CX, X11
	VPBROADCASTB X11, Y11
	MOVL $0x20, CX // space
	MOVQ CX, X12
	VPBROADCASTB X12, Y12
	MOVL $0xBD, CX // bias: 0xC3-0xCB, the lead bytes of a run
	MOVQ CX, X13
	VPBROADCASTB X13, Y13
	MOVL $0x89, CX // its limit
	MOVQ CX, X14
	VPBROADCASTB X14, Y14
	MOVL $0xC0, CX // limit of 0x80-0xBF, continuation bytes (no bias)
	MOVQ CX, X15
	VPBROADCASTB X15, Y15
	MOVL $0x83, CX // limit of 0xC3-0xC5 with the lead bias: mojibake
	MOVQ CX, X9
	VPBROADCASTB X9, Y9
	XORL R11, R11
	XORL R12, R12

loop:
	LEAQ 34(AX), CX // the block, the byte after it, and one more
	CMPQ CX, DX
	JGT  out

	VMOVDQU (SI)(AX*1), Y0  // x: the block
	VMOVDQU 1(SI)(AX*1), Y1 // the byte after each
	VMOVDQU 2(SI)(AX*1), Y2 // the byte two on

	VPADDB   Y10, Y0, Y3
	VPCMPGTB Y3, Y11, Y3    // x printable, not space
	VPADDB   Y10, Y1, Y4
	VPCMPGTB Y4, Y11, Y4    // next printable, not space
	VPADDB   Y13, Y1, Y5
	VPCMPGTB Y5, Y14, Y5    // next a lead byte
	VPCMPGTB Y2, Y15, Y8    // and the byte two on a continuation byte
	VPAND    Y8, Y5, Y5
	VPOR     Y5, Y4, Y4
	VPCMPEQB Y12, Y0, Y5    // x space
	VPAND    Y5, Y4, Y5     // a space before printable ASCII or a lead
	VPOR     Y5, Y3, Y3
	VPADDB   Y13, Y0, Y6
	VPCMPGTB Y6, Y14, Y7    // x a lead byte 0xC3-0xCB
	VPCMPGTB Y1, Y15, Y8    // next a continuation byte
	VPAND    Y8, Y7, Y7     // lead: a lead before a continuation byte
	VPOR     Y7, Y3, Y3     // ok, but for continuation bytes
	VPCMPGTB Y6, Y9, Y6     // x 0xC3-0xC5
	VPAND    Y2, Y6, Y6     // and the byte two on 0x80 or more
	VPMOVMSKB Y3, R9
	VPMOVMSKB Y7, R10
	VPMOVMSKB Y6, R11

	MOVL R10, R12
	SHLL $1, R12
	ORL  BX, R12
	ORL  R9, R12
	NOTL R12        // bad: bytes not in a run
	ANDL R8, R11    // candidates, if wanted
	MOVL R10, BX
	SHRL $31, BX    // carry: the last byte is a lead before a continuation
	MOVL R12, R13
	ORL  R11, R13
	JNZ  out
	ADDQ $32, AX
	JMP  loop

out:
	VZEROUPPER
	MOVQ AX, j+40(FP)
	MOVL R12, bad+48(FP)
	MOVL R11, cand+52(FP)
	MOVL BX, carryOut+56(FP)
	RET

// func indexRangesAVX2(b []byte, ranges uint32) int
//
// The index of the first byte of b in either of two byte ranges, or -1;
// b holds at least 32 bytes. ranges holds, from its low byte up, each
// range's bias and limit: x+bias <s limit holds exactly for the range
// (see plainBlocksAVX2); a limit of 0x80 makes a range empty. The last
// block overlaps the one before rather than reading past the end.
TEXT ·indexRangesAVX2(SB), NOSPLIT, $0-40
	MOVQ b_base+0(FP), SI
	MOVQ b_len+8(FP), DX
	MOVL ranges+24(FP), R8
	MOVL R8, CX
	MOVQ CX, X1
	VPBROADCASTB X1, Y1 // the first range's bias
	SHRL $8, R8
	MOVL R8, CX
	MOVQ CX, X2
	VPBROADCASTB X2, Y2 // its limit
	SHRL $8, R8
	MOVL R8, CX
	MOVQ CX, X3
	VPBROADCASTB X3, Y3 // the second range's bias
	SHRL $8, R8
	MOVL R8, CX
	MOVQ CX, X4
	VPBROADCASTB X4, Y4 // its limit
	XORQ AX, AX
	LEAQ -32(DX), BX // the last block's start

rangeblock:
	VMOVDQU   (SI)(AX*1), Y0
	VPADDB    Y1, Y0, Y5
	VPCMPGTB  Y5, Y2, Y5
	VPADDB    Y3, Y0, Y6
	VPCMPGTB  Y6, Y4, Y6
	VPOR      Y6, Y5, Y5
	VPMOVMSKB Y5, CX
	TESTL     CX, CX
	JNZ       rangefound
	CMPQ      AX, BX
	JGE       rangenone // that was the last block
	ADDQ      $32, AX
	CMPQ      AX, BX
	JLE       rangeblock
	MOVQ      BX, AX    // the last block, overlapping the one before
	JMP       rangeblock

rangenone:
	VZEROUPPER
	MOVQ $-1, ret+32(FP)
	RET

rangefound:
	VZEROUPPER
	TZCNTL CX, CX
	ADDQ   CX, AX
	MOVQ   AX, ret+32(FP)
	RET
