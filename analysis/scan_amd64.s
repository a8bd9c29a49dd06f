//go:build !purego

#include "textflag.h"
#include "go_asm.h"

// func scanWordsASCII(s string, i int, toks []token, nt int, slots []slot, mask16 uint64) (int, int, bool)
//
// scanWordsGo step for step: skip spaces; a word of ASCII letters and digits (with inner
// ' and _) is hashed with FNV-1a as it is read (lower-cased), its upper-case letters and
// its digits and marks counted; a word followed by a byte outside ASCII returns at its
// start (for scanWordAny); a word before "://" is skipped with the link; otherwise the
// hash is mixed (mix), looked up in the slots (table.get) and the token's fields stored
// (start, end, h, lex, then kind and flags as one 16-bit store; punct and n untouched).
//
// Registers: SI s, CX len(s), DI i, DX the word's start, BX toks, R9 the slots, R10 nt,
// R8 the FNV prime, R13 the hash, R11 upper-case letters, R12 digits and marks, AX the
// byte, R14 scratch.
// token: start +0, end +4, h +8, lex +16, kind +20, flags +21 (24 bytes). slot: key +0,
// val +8 (16 bytes).
//
// When the text's last byte is not a letter (or the text is empty), no run of letters
// reaches the end, so a word that starts with a lower-case letter, or with a capital then
// lower-case letters, is read by hashfast, the letter loop without the test for the end
// (the local flag "fast" says which). On that path R12 holds the token's kind and flags
// (spaceend's 0x800, or 0xa00 with flagUpper after a capital) until the word ends at
// something other than a space or a mark, when it is the count of digits and marks again.
TEXT ·scanWordsASCII(SB), NOSPLIT, $8-105
	MOVQ s_base+0(FP), SI
	MOVQ s_len+8(FP), CX
	MOVB $1, fast-1(SP)
	TESTQ CX, CX
	JEQ fastset
	MOVBLZX -1(SI)(CX*1), AX
	ORL $0x20, AX
	SUBL $97, AX
	CMPL AX, $26
	SETCC fast-1(SP)

fastset:
	MOVQ i+16(FP), DI
	MOVQ toks_base+24(FP), BX
	MOVQ slots_base+56(FP), R9
	MOVQ nt+48(FP), R10
	MOVQ $0x100000001b3, R8

next:
	CMPQ R10, toks_len+32(FP)
	JGE done

spaces:
	CMPQ DI, CX
	JGE done
	MOVBLZX (SI)(DI*1), AX
	CMPL AX, $0x20
	JNE wordstart
	INCQ DI
	JMP spaces

wordstart:
	// the common start, a lower-case letter; else a capital, another word byte, or a mark
	LEAL -97(AX), R14
	CMPL R14, $26
	JCS lowerstart
	LEAL -65(AX), R14
	CMPL R14, $26
	JCS upperstart
	LEAQ ·wordByte(SB), DX
	CMPB (DX)(AX*1), $0
	JEQ mark
	MOVQ DI, DX
	MOVQ $0xcbf29ce484222325, R13
	XORL R11, R11
	XORL R12, R12
	JMP notlower

upperstart:
	// a capital first: counted and lower-cased as notlower does
	MOVQ DI, DX
	MOVQ $0xcbf29ce484222325, R13
	MOVL $1, R11
	XORL R12, R12
	ADDL $32, AX
	CMPB fast-1(SP), $0
	JEQ hashc
	MOVL $0xa00, R12
	JMP hashfast

lowerstart:
	MOVQ DI, DX
	MOVQ $0xcbf29ce484222325, R13
	XORL R11, R11
	XORL R12, R12
	CMPB fast-1(SP), $0
	JEQ hashc
	MOVL $0x800, R12

hashfast:
	// hashc without the test for the end: the run stops at a byte before it (so the byte
	// after any letter of the word, its capital too, can always be read), two letters a turn
	XORQ AX, R13
	IMULQ R8, R13
	MOVBLZX 1(SI)(DI*1), AX
	LEAL -97(AX), R14
	CMPL R14, $26
	JAE hashfast1
	XORQ AX, R13
	IMULQ R8, R13
	ADDQ $2, DI
	MOVBLZX (SI)(DI*1), AX
	LEAL -97(AX), R14
	CMPL R14, $26
	JB hashfast
	JMP hashfastend

hashfast1:
	INCQ DI

hashfastend:
	CMPL AX, $0x20
	JNE fastnotspace

	// the common word: lower-case letters (after a capital or not), ended by a space
	// (kind and flags in R12), mixed, looked up and stored as below; then the space is
	// stepped over when there is room for another token (next's test, so the offset
	// returned with a full buffer is the same)
	MOVQ R13, AX
	SHRQ $30, AX
	XORQ AX, R13
	MOVQ $0xbf58476d1ce4e5b9, AX
	IMULQ AX, R13
	MOVQ R13, AX
	SHRQ $27, AX
	XORQ AX, R13
	MOVQ $0x94d049bb133111eb, AX
	IMULQ AX, R13
	MOVQ R13, AX
	SHRQ $31, AX
	XORQ AX, R13
	MOVL $1, AX
	TESTQ R13, R13
	CMOVQEQ AX, R13
	MOVQ R13, R14
	SHLQ $4, R14

fprobe:
	ANDQ mask16+80(FP), R14
	CMPQ R13, (R9)(R14*1)
	JNE fprobenext
	MOVL 8(R9)(R14*1), AX

fstore:
	LEAQ (R10)(R10*2), R14
	LEAQ (BX)(R14*8), R14
	MOVL DX, 0(R14)
	MOVL DI, 4(R14)
	MOVQ R13, 8(R14)
	MOVL AX, 16(R14)
	MOVW R12, 20(R14)
	INCQ R10
	CMPQ R10, toks_len+32(FP)
	JGE done
	INCQ DI
	// the next byte: a lower-case letter starts the next such word here (lowerstart's
	// registers); else spaces' loop
	CMPQ DI, CX
	JGE done
	MOVBLZX (SI)(DI*1), AX
	LEAL -97(AX), R14
	CMPL R14, $26
	JAE fnotlower
	MOVQ DI, DX
	MOVQ $0xcbf29ce484222325, R13
	XORL R11, R11
	MOVL $0x800, R12
	JMP hashfast

fnotlower:
	CMPL AX, $0x20
	JNE wordstart
	INCQ DI
	JMP spaces

fprobenext:
	CMPQ (R9)(R14*1), $0
	JEQ fmissing
	ADDQ $16, R14
	ANDQ mask16+80(FP), R14
	CMPQ R13, (R9)(R14*1)
	JNE fprobenext
	MOVL 8(R9)(R14*1), AX
	JMP fstore

fmissing:
	MOVL $-1, AX
	JMP fstore

fastnotspace:
	// a word of hashfast's before '.', ',', '?' or '!' is stored as before a space too
	// (none of them goes on with a word, starts a link or is outside ASCII):
	// mixed, looked up and stored as above, then the mark is read at once (mark, as
	// spaces and wordstart would reach it, after next's test for room)
	CMPL AX, $0x2e
	JEQ fastmark
	CMPL AX, $0x2c
	JEQ fastmark
	CMPL AX, $0x3f
	JEQ fastmark
	CMPL AX, $0x21
	JNE fastslow

fastmark:
	MOVQ R13, AX
	SHRQ $30, AX
	XORQ AX, R13
	MOVQ $0xbf58476d1ce4e5b9, AX
	IMULQ AX, R13
	MOVQ R13, AX
	SHRQ $27, AX
	XORQ AX, R13
	MOVQ $0x94d049bb133111eb, AX
	IMULQ AX, R13
	MOVQ R13, AX
	SHRQ $31, AX
	XORQ AX, R13
	MOVL $1, AX
	TESTQ R13, R13
	CMOVQEQ AX, R13
	MOVQ R13, R14
	SHLQ $4, R14
	ANDQ mask16+80(FP), R14
	CMPQ R13, (R9)(R14*1)
	JNE fmprobenext
	MOVL 8(R9)(R14*1), AX

fmstore:
	LEAQ (R10)(R10*2), R14
	LEAQ (BX)(R14*8), R14
	MOVL DX, 0(R14)
	MOVL DI, 4(R14)
	MOVQ R13, 8(R14)
	MOVL AX, 16(R14)
	MOVW R12, 20(R14)
	INCQ R10
	CMPQ R10, toks_len+32(FP)
	JGE done
	MOVBLZX (SI)(DI*1), AX
	JMP mark

fmprobenext:
	CMPQ (R9)(R14*1), $0
	JEQ fmmissing
	ADDQ $16, R14
	ANDQ mask16+80(FP), R14
	CMPQ R13, (R9)(R14*1)
	JNE fmprobenext
	MOVL 8(R9)(R14*1), AX
	JMP fmstore

fmmissing:
	MOVL $-1, AX
	JMP fmstore

fastslow:
	// the word goes on (or ends) some other way: notlower's registers
	XORL R12, R12
	JMP notlower

mark:
	// not a word: a line break or tab is skipped, a run of '!' and '?' read, and a mark
	// of tokenize's runs alone before a space (or the end, or a byte outside ASCII) is a
	// token of its own; anything else goes back to tokenize. '.' and ',', the commonest,
	// are tested first (both are in punctRun).
	CMPL AX, $0x2e
	JEQ markalone
	CMPL AX, $0x2c
	JEQ markalone
	CMPL AX, $0x21
	JEQ bangs
	CMPL AX, $0x3f
	JEQ bangs
	CMPL AX, $0x0a
	JEQ skipbyte
	CMPL AX, $0x09
	JEQ skipbyte
	CMPL AX, $0x0d
	JEQ skipbyte
	LEAQ ·punctRun(SB), DX
	CMPB (DX)(AX*1), $0
	JEQ done

markalone:
	LEAQ 1(DI), R14
	CMPQ R14, CX
	JGE single
	MOVBLZX 1(SI)(DI*1), DX
	CMPL DX, $0x20
	JEQ singlesp
	JLS single
	CMPL DX, $0x80
	JCS done

single:
	// toks[nt] = {i, i+1, h 0, lex −1, tokPunct, flags 0, the mark, n 1}
	LEAQ (R10)(R10*2), R14
	LEAQ (BX)(R14*8), R14
	MOVL DI, 0(R14)
	INCQ DI
	MOVL DI, 4(R14)
	MOVQ $0, 8(R14)
	MOVL $-1, 16(R14)
	SHLL $16, AX
	ORL $(const_tokPunct|1<<24), AX
	MOVL AX, 20(R14)
	INCQ R10
	JMP next

singlesp:
	// single's token, then the space after it is stepped over when there is room for
	// another token (next's test, so the offset returned with a full buffer is the same)
	LEAQ (R10)(R10*2), R14
	LEAQ (BX)(R14*8), R14
	MOVL DI, 0(R14)
	INCQ DI
	MOVL DI, 4(R14)
	MOVQ $0, 8(R14)
	MOVL $-1, 16(R14)
	SHLL $16, AX
	ORL $(const_tokPunct|1<<24), AX
	MOVL AX, 20(R14)
	INCQ R10
	CMPQ R10, toks_len+32(FP)
	JGE done
	INCQ DI
	JMP spaces

skipbyte:
	INCQ DI
	JMP spaces

bangs:
	// a run of '!' and '?': a '?' token, then a '!' token, each with its count (room for
	// two, or back to tokenize)
	LEAQ 2(R10), R14
	CMPQ R14, toks_len+32(FP)
	JGT done
	MOVQ DI, DX
	XORL R11, R11

bangloop:
	CMPQ DI, CX
	JGE bangend
	MOVBLZX (SI)(DI*1), AX
	CMPL AX, $0x21
	JEQ bang
	CMPL AX, $0x3f
	JNE bangend
	INCQ DI
	JMP bangloop

bang:
	INCQ R11
	INCQ DI
	JMP bangloop

bangend:
	// R12 the '?' count, R11 the '!' count
	MOVQ DI, R12
	SUBQ DX, R12
	SUBQ R11, R12
	MOVL $255, R13
	JEQ bangonly
	CMPQ R12, R13
	CMOVQGT R13, R12
	LEAQ (R10)(R10*2), R14
	LEAQ (BX)(R14*8), R14
	MOVL DX, 0(R14)
	MOVL DI, 4(R14)
	MOVQ $0, 8(R14)
	MOVL $-1, 16(R14)
	SHLL $24, R12
	ORL $(const_tokPunct|0x3f<<16), R12
	MOVL R12, 20(R14)
	INCQ R10

bangonly:
	TESTQ R11, R11
	JEQ next
	CMPQ R11, R13
	CMOVQGT R13, R11
	LEAQ (R10)(R10*2), R14
	LEAQ (BX)(R14*8), R14
	MOVL DX, 0(R14)
	MOVL DI, 4(R14)
	MOVQ $0, 8(R14)
	MOVL $-1, 16(R14)
	SHLL $24, R11
	ORL $(const_tokPunct|0x21<<16), R11
	MOVL R11, 20(R14)
	INCQ R10
	JMP next

hashc:
	XORQ AX, R13
	IMULQ R8, R13
	INCQ DI
	CMPQ DI, CX
	JGE wordend
	MOVBLZX (SI)(DI*1), AX
	LEAL -97(AX), R14
	CMPL R14, $26
	JB hashc

notlower:
	// a space ends most words: nothing outside ASCII or "://" can follow
	CMPL AX, $0x20
	JEQ spaceend
	LEAL -65(AX), R14
	CMPL R14, $26
	JAE notupper
	INCQ R11
	ADDL $32, AX
	JMP hashc

notupper:
	LEAL -48(AX), R14
	CMPL R14, $10
	JAE notdigit
	INCQ R12
	JMP hashc

notdigit:
	// ' or _ inside a word: not first, and a letter or digit after it
	CMPL AX, $0x27
	JEQ inner
	CMPL AX, $0x5f
	JNE wordend

inner:
	LEAQ 1(DI), R14
	CMPQ R14, CX
	JGE wordend
	CMPQ DI, DX
	JLE wordend
	MOVBLZX 1(SI)(DI*1), R14
	LEAQ ·wordByte(SB), R9
	MOVBLZX (R9)(R14*1), R14
	MOVQ slots_base+56(FP), R9
	TESTL R14, R14
	JEQ wordend
	INCQ R12
	JMP hashc

wordend:
	// a byte outside ASCII after the word: scanWordAny reads it from its start
	CMPQ DI, CX
	JGE kindflags
	MOVBLZX (SI)(DI*1), AX
	CMPL AX, $0x80
	JAE other
	JMP kindflags

spaceend:
	// a word of lower-case letters alone (no upper case, digits or marks) is a tokWord
	// with flagASCII alone
	MOVQ R11, AX
	ORQ R12, AX
	JNE kindflags
	MOVL $0x800, R12
	JMP mix

kindflags:
	// kind in R14 (tokWord 0, tokNumber 1), flags in R12 (flagASCII 8, flagCaps 1,
	// flagUpper 2)
	MOVQ DI, AX
	SUBQ DX, AX
	ADDQ R11, R12
	XORL R14, R14
	CMPQ AX, R12
	MOVL $8, R12
	JNE upperflag
	TESTQ R11, R11
	JNE capsflag
	MOVL $1, R14
	JMP upperflag

capsflag:
	CMPQ R11, $2
	JLT upperflag
	ORL $1, R12

upperflag:
	TESTQ R11, R11
	JEQ linkcheck
	ORL $2, R12

linkcheck:
	LEAQ 2(DI), AX
	CMPQ AX, CX
	JGE kfmix
	CMPB (SI)(DI*1), $0x3a
	JNE kfmix
	CMPB 1(SI)(DI*1), $0x2f
	JNE kfmix
	CMPB 2(SI)(DI*1), $0x2f
	JNE kfmix
	TESTL R14, R14
	JNE kfmix

skiplink:
	// a link: skip to the next space, newline or tab (skipLink)
	CMPQ DI, CX
	JGE next
	MOVBLZX (SI)(DI*1), AX
	CMPL AX, $0x20
	JEQ next
	CMPL AX, $0x0a
	JEQ next
	CMPL AX, $0x09
	JEQ next
	INCQ DI
	JMP skiplink

kfmix:
	// kind and flags in one register: kind | flags<<8
	SHLL $8, R12
	ORL R14, R12

mix:
	// splitmix64's finaliser, and 1 for 0
	MOVQ R13, AX
	SHRQ $30, AX
	XORQ AX, R13
	MOVQ $0xbf58476d1ce4e5b9, AX
	IMULQ AX, R13
	MOVQ R13, AX
	SHRQ $27, AX
	XORQ AX, R13
	MOVQ $0x94d049bb133111eb, AX
	IMULQ AX, R13
	MOVQ R13, AX
	SHRQ $31, AX
	XORQ AX, R13
	MOVL $1, AX
	TESTQ R13, R13
	CMOVQEQ AX, R13

	// table.get: linear probing from the hash's low bits, offsets kept scaled by 16
	MOVQ R13, R14
	SHLQ $4, R14

probe:
	ANDQ mask16+80(FP), R14
	CMPQ R13, (R9)(R14*1)
	JNE probenext

found:
	MOVL 8(R9)(R14*1), AX
	JMP store

probenext:
	CMPQ (R9)(R14*1), $0
	JEQ missing
	ADDQ $16, R14
	ANDQ mask16+80(FP), R14
	CMPQ R13, (R9)(R14*1)
	JNE probenext
	JMP found

missing:
	MOVL $-1, AX

store:
	LEAQ (R10)(R10*2), R11
	LEAQ (BX)(R11*8), R11
	MOVL DX, 0(R11)
	MOVL DI, 4(R11)
	MOVQ R13, 8(R11)
	MOVL AX, 16(R11)
	MOVW R12, 20(R11)
	INCQ R10
	JMP next

done:
	MOVQ DI, ret+88(FP)
	MOVQ R10, ret1+96(FP)
	MOVB $0, ret2+104(FP)
	RET

other:
	MOVQ DX, ret+88(FP)
	MOVQ R10, ret1+96(FP)
	MOVB $1, ret2+104(FP)
	RET
