//go:build !purego

#include "textflag.h"
#include "go_asm.h"

// putRow: rows[nr] = r; nr++ when r ≥ 0 (bit 31 clear: SBB adds 1 − CF).
#define PUTROW(r) MOVL r, (R11)(R12*4); BTL $31, r; SBBQ $-1, R12

// func readTokensASM(p *tokenPass)
//
// readTokensGo's loop over toks[p.i0:p.i1], step for step and in the same order, so the
// rows come out in the same order (their float sums are the same bits).
//
// Registers: SI p, R8 toks, R9 i, R10 scope, R11 rows, R12 nr, R13 nv, DI n (the feature
// count); AX the token, BX its lexicon entry (or p.noEntry); CX, DX, R14 scratch. The
// previous hash lives in p; the token's negation is its flagNegated (set above for a
// content token in a negation's scope; every token comes from the scanner with it clear).
TEXT ·readTokensASM(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), SI
	MOVQ tokenPass_toks(SI), R8
	MOVQ tokenPass_i0(SI), R9
	MOVQ tokenPass_scope(SI), R10
	MOVQ tokenPass_rows(SI), R11
	MOVQ tokenPass_nr(SI), R12
	MOVQ tokenPass_nv(SI), R13
	MOVQ tokenPass_n(SI), DI

loop:
	CMPQ R9, tokenPass_i1(SI)
	JGE exit
	LEAQ (R9)(R9*2), AX
	LEAQ (R8)(AX*8), AX
	CMPB token_kind(AX), $const_tokPunct
	JEQ punct

	// a content token: vw[nv] = i
	MOVQ tokenPass_vw(SI), BX
	MOVL R9, (BX)(R13*4)
	INCQ R13
	MOVLQSX token_lex(AX), BX
	TESTQ BX, BX
	JLT nolex
	IMULQ $lexEntry__size, BX
	ADDQ tokenPass_lex(SI), BX
	TESTQ R10, R10
	JGT lexneg
	MOVWQSX (lexEntry_wr+wordRows_n)(BX), CX
	CMPQ CX, $1
	JNE lexmulti
	// the common case: the unigram alone
	MOVL (lexEntry_wr+wordRows_row0)(BX), DX
	MOVL DX, (R11)(R12*4)
	INCQ R12
	JMP bigram

lexmulti:
	MOVLQSX (lexEntry_wr+wordRows_at)(BX), DX
	JMP copyrows

lexneg:
	ORB $const_flagNegated, token_flags(AX)
	DECQ R10
	MOVWQSX (lexEntry_wr+wordRows_negN)(BX), CX
	MOVLQSX (lexEntry_wr+wordRows_negAt)(BX), DX

copyrows:
	// CX rows from wrows[DX:]
	SHLQ $2, DX
	ADDQ tokenPass_wrows(SI), DX

copyloop:
	TESTQ CX, CX
	JLE bigram
	MOVL (DX), R14
	MOVL R14, (R11)(R12*4)
	INCQ R12
	ADDQ $4, DX
	DECQ CX
	JMP copyloop

nolex:
	// a word the lexicon lacks: the zero entry; its one feature; negated, its row
	MOVQ tokenPass_noEntry(SI), BX
	INCQ DI
	TESTQ R10, R10
	JLE bigram
	ORB $const_flagNegated, token_flags(AX)
	DECQ R10
	MOVQ token_h(AX), CX
	MOVQ tokenPass_tags(SI), DX
	MOVQ tagKeys_neg(DX), DX
	CALL pairRow<>(SB)
	PUTROW(CX)

bigram:
	MOVQ tokenPass_prev(SI), CX
	MOVQ token_h(AX), DX
	MOVQ DX, tokenPass_prev(SI)
	// pairRow written out here, its commonest call: the first probe inline, the others
	// out of line (bgprobe), and no row put for a missing bigram
	MOVQ $0x9e3779b97f4a7c15, R14
	IMULQ R14, CX
	MOVQ $0x632be59bd9b4e019, R14
	ADDQ R14, DX
	XORQ DX, CX
	MOVQ CX, DX
	SHRQ $30, DX
	XORQ DX, CX
	MOVQ $0xbf58476d1ce4e5b9, R14
	IMULQ R14, CX
	MOVQ CX, DX
	SHRQ $27, DX
	XORQ DX, CX
	MOVQ $0x94d049bb133111eb, R14
	IMULQ R14, CX
	MOVQ CX, DX
	SHRQ $31, DX
	XORQ DX, CX
	MOVL $1, DX
	TESTQ CX, CX
	CMOVQEQ DX, CX
	MOVQ tokenPass_fslots(SI), R14
	MOVQ CX, DX
	SHLQ $4, DX
	ANDQ tokenPass_fmask16(SI), DX
	CMPQ CX, (R14)(DX*1)
	JNE bgprobe

bgfound:
	MOVLQSX 8(R14)(DX*1), CX
	PUTROW(CX)

bgdone:

	MOVBLZX token_kind(AX), CX
	TESTL CX, CX
	JNE nonword
	// a word: its prefix row, known from New or worked out from the text
	CMPB (lexEntry_wr+wordRows_pref)(BX), $const_prefUnknown
	JEQ prefunknown
	TESTB $const_flagASCII, token_flags(AX)
	JEQ prefunknown
	MOVLQSX (lexEntry_wr+wordRows_prefRow)(BX), CX
	TESTB $const_flagNegated, token_flags(AX)
	JEQ prefput
	MOVLQSX (lexEntry_wr+wordRows_negPrefRow)(BX), CX

prefput:
	PUTROW(CX)
	MOVBQZX (lexEntry_wr+wordRows_featsP)(BX), CX
	ADDQ CX, DI
	JMP caps

prefunknown:
	MOVWQSX (lexEntry_wr+wordRows_feats)(BX), CX
	ADDQ CX, DI
	MOVLQSX token_start(AX), CX
	MOVLQSX token_end(AX), DX
	SUBQ CX, DX
	CMPQ DX, $(const_prefixLen+2)
	JLT caps
	// prefix4: four ASCII letters, lower-cased with |0x20, hashed with FNV-1a
	ADDQ tokenPass_text(SI), CX
	MOVQ $0xcbf29ce484222325, R14
	MOVBLZX 0(CX), DX
	ORL $0x20, DX
	XORQ DX, R14
	SUBL $97, DX
	CMPL DX, $26
	JAE caps
	IMULQ tokenPass_prime(SI), R14
	MOVBLZX 1(CX), DX
	ORL $0x20, DX
	XORQ DX, R14
	SUBL $97, DX
	CMPL DX, $26
	JAE caps
	IMULQ tokenPass_prime(SI), R14
	MOVBLZX 2(CX), DX
	ORL $0x20, DX
	XORQ DX, R14
	SUBL $97, DX
	CMPL DX, $26
	JAE caps
	IMULQ tokenPass_prime(SI), R14
	MOVBLZX 3(CX), DX
	ORL $0x20, DX
	XORQ DX, R14
	SUBL $97, DX
	CMPL DX, $26
	JAE caps
	IMULQ tokenPass_prime(SI), R14
	MOVQ R14, CX
	CALL mixCX<>(SB)
	MOVQ tokenPass_tags(SI), DX
	MOVQ tagKeys_prefix(DX), R14
	TESTB $const_flagNegated, token_flags(AX)
	JEQ prefkey
	MOVQ tagKeys_negPrefix(DX), R14

prefkey:
	MOVQ R14, DX
	CALL pairRow<>(SB)
	PUTROW(CX)
	INCQ DI

caps:
	TESTB $const_flagCaps, token_flags(AX)
	JEQ rare
	MOVQ tokenPass_st(SI), CX
	INCQ tokenStats_capsAny(CX)
	MOVL token_end(AX), DX
	SUBL token_start(AX), DX
	CMPL DX, $3
	JLT capsrow
	INCQ tokenStats_capsWords(CX)

capsrow:
	MOVQ tokenPass_trows(SI), CX
	MOVLQSX tagRows_caps(CX), CX
	PUTROW(CX)
	INCQ DI
	JMP rare

nonword:
	// a number, emoji or emoticon (CX its kind)
	MOVWQSX (lexEntry_wr+wordRows_feats)(BX), DX
	ADDQ DX, DI
	MOVQ tokenPass_st(SI), DX
	INCQ tokenStats_nonWords(DX)
	CMPL CX, $const_tokNumber
	JEQ rare
	MOVB $1, tokenStats_emoji(DX)
	MOVQ tokenPass_trows(SI), CX
	MOVLQSX tagRows_emoji(CX), CX
	PUTROW(CX)
	INCQ DI

rare:
	// what the rules read, for the entries marked with a rare class (AX is scratch now)
	MOVL lexEntry_class(BX), CX
	TESTL $const_classRare, CX
	JEQ next
	MOVQ tokenPass_st(SI), DX
	TESTL $const_classStarts, CX
	JEQ r1
	// a phrase candidate: a word phrases start with, or the first of a pair when the
	// next content token (past a single hyphen) passes the pairs' filter (pairMayFollow)
	CMPL lexEntry_phrases(BX), $0
	JGE addcand
	CMPB lexEntry_pairs(BX), $0
	JEQ r1
	LEAQ 1(R9), AX
	CMPQ AX, (tokenPass_toks+8)(SI)
	JGE r1
	LEAQ (AX)(AX*2), R14
	LEAQ (R8)(R14*8), R14
	CMPB token_kind(R14), $const_tokPunct
	JNE paircontent
	// hyphenSkip: a '-' of one, between this word and a content token
	CMPB token_punct(R14), $0x2d
	JNE r1
	CMPB token_n(R14), $1
	JNE r1
	LEAQ 2(R9), AX
	CMPQ AX, (tokenPass_toks+8)(SI)
	JGE r1
	ADDQ $token__size, R14

paircontent:
	CMPB token_kind(R14), $const_tokNumber
	JHI r1
	// pairBit(t.h, next.h), tested in pairBits
	MOVQ token_h(R14), AX
	MOVQ $0x9e3779b97f4a7c15, CX
	IMULQ CX, AX
	LEAQ (R9)(R9*2), CX
	LEAQ (R8)(CX*8), CX
	XORQ token_h(CX), AX
	SHRQ $(64-const_pairBitsLog2), AX
	MOVQ AX, CX
	SHRQ $6, CX
	MOVQ tokenPass_pairBits(SI), R14
	MOVQ (R14)(CX*8), R14
	MOVL lexEntry_class(BX), CX
	BTQ AX, R14
	JCC r1

addcand:
	MOVQ tokenStats_cand(DX), AX
	MOVQ tokenStats_nc(DX), R14
	MOVL R9, (AX)(R14*4)
	INCQ tokenStats_nc(DX)

r1:
	// CX is the class on every way here (the pair test reloads it before its last jump)
	TESTL $const_classMoodLean, CX
	JEQ r2
	LEAQ (R9)(R9*2), AX
	LEAQ (R8)(AX*8), AX
	TESTB $const_flagNegated, token_flags(AX)
	JNE r2
	MOVL token_end(AX), R14
	SUBL token_start(AX), R14
	CMPL R14, $1
	JLE r2
	MOVQ tokenStats_moodCand(DX), AX
	MOVQ tokenStats_nm(DX), R14
	MOVL R9, (AX)(R14*4)
	INCQ tokenStats_nm(DX)

r2:
	TESTL $const_classScored, CX
	JEQ r3
	MOVQ tokenStats_scored(DX), AX
	MOVQ tokenStats_ns(DX), R14
	LEAQ (AX)(R14*4), AX
	MOVL R13, (AX)
	DECL (AX)
	INCQ tokenStats_ns(DX)

r3:
	// most marked words are candidates, mood leaners or scored alone: one test for the rest
	TESTL $const_classCounted, CX
	JEQ next
	TESTL $const_classQuestion, CX
	JEQ r4
	CMPQ R13, $1
	JNE r4
	MOVQ tokenPass_trows(SI), AX
	MOVLQSX tagRows_quest(AX), AX
	PUTROW(AX)
	INCQ DI

r4:
	TESTL $const_classButWord, CX
	JEQ r5
	CMPQ tokenStats_butAt(DX), $0
	JGE r5
	LEAQ -1(R13), AX
	MOVQ AX, tokenStats_butAt(DX)

r5:
	TESTL $const_classConcession, CX
	JEQ r6
	CMPQ tokenStats_concAt(DX), $0
	JGE r6
	LEAQ -1(R13), AX
	MOVQ AX, tokenStats_concAt(DX)

r6:
	TESTL $const_classProblem, CX
	JEQ r6h
	INCQ tokenStats_problems(DX)

r6h:
	TESTL $const_classHelp, CX
	JEQ r6p
	INCQ tokenStats_helps(DX)

r6p:
	TESTL $const_classProfanity, CX
	JEQ r7
	INCQ tokenStats_profane(DX)

r7:
	// a mood word not straight after a negation
	TESTL $const_classMoodWord, CX
	JEQ r8
	CMPQ R13, $2
	JLT moodcount
	MOVQ tokenPass_vw(SI), AX
	MOVLQSX -8(AX)(R13*4), AX
	LEAQ (AX)(AX*2), AX
	LEAQ (R8)(AX*8), AX
	MOVLQSX token_lex(AX), AX
	TESTQ AX, AX
	JLT moodcount
	IMULQ $lexEntry__size, AX
	ADDQ tokenPass_lex(SI), AX
	TESTL $const_classNegation, lexEntry_class(AX)
	JNE r8

moodcount:
	MOVBQZX lexEntry_mood(BX), AX
	INCQ (tokenStats_moodWords-8)(DX)(AX*8)

r8:
	TESTL $const_classNegation, CX
	JEQ r9
	MOVQ $3, R10

r9:
	TESTL $const_classBut, CX
	JEQ next
	XORL R10, R10

next:
	INCQ R9
	JMP loop

bgprobe:
	// the bigram's probe past its first slot: an empty slot ends it (no row)
	CMPQ (R14)(DX*1), $0
	JEQ bgdone
	ADDQ $16, DX
	ANDQ tokenPass_fmask16(SI), DX
	CMPQ CX, (R14)(DX*1)
	JNE bgprobe
	JMP bgfound

punct:
	XORL R10, R10
	MOVBLZX token_punct(AX), CX
	CMPL CX, $0x21
	JEQ pexcl
	CMPL CX, $0x3f
	JEQ pques
	CMPL CX, $0x2e
	JEQ pbos
	CMPL CX, $0x3b
	JEQ pbos
	JMP next

pexcl:
	MOVQ tokenPass_st(SI), DX
	MOVBQZX token_n(AX), BX
	ADDQ BX, tokenStats_exclMarks(DX)
	MOVQ tokenPass_trows(SI), CX
	MOVLQSX tagRows_excl(CX), R14
	PUTROW(R14)
	INCQ DI
	CMPQ BX, $2
	JLT pbos
	INCQ tokenStats_exclRuns(DX)
	MOVLQSX tagRows_excl2(CX), R14
	PUTROW(R14)
	INCQ DI
	JMP pbos

pques:
	MOVQ tokenPass_st(SI), DX
	INCQ tokenStats_questions(DX)
	MOVBQZX token_n(AX), BX
	ADDQ BX, tokenStats_quesMarks(DX)
	MOVQ tokenPass_trows(SI), CX
	MOVLQSX tagRows_ques(CX), R14
	PUTROW(R14)
	INCQ DI
	CMPQ BX, $2
	JLT pbos
	INCQ tokenStats_quesRuns(DX)
	MOVLQSX tagRows_ques2(CX), R14
	PUTROW(R14)
	INCQ DI

pbos:
	MOVQ tokenPass_tags(SI), CX
	MOVQ tagKeys_bos(CX), CX
	MOVQ CX, tokenPass_prev(SI)
	JMP next

exit:
	MOVQ R10, tokenPass_scope(SI)
	MOVQ R12, tokenPass_nr(SI)
	MOVQ R13, tokenPass_nv(SI)
	MOVQ DI, tokenPass_n(SI)
	RET

// mixCX: CX = mix(CX), splitmix64's finaliser (1 for 0). Clobbers DX, R14.
TEXT mixCX<>(SB), NOSPLIT, $0-0
	MOVQ CX, DX
	SHRQ $30, DX
	XORQ DX, CX
	MOVQ $0xbf58476d1ce4e5b9, R14
	IMULQ R14, CX
	MOVQ CX, DX
	SHRQ $27, DX
	XORQ DX, CX
	MOVQ $0x94d049bb133111eb, R14
	IMULQ R14, CX
	MOVQ CX, DX
	SHRQ $31, DX
	XORQ DX, CX
	MOVL $1, DX
	TESTQ CX, CX
	CMOVQEQ DX, CX
	RET

// pairRow: CX = the feature table's row for pairHash(CX, DX), or −1 (rowOf). Reads SI's
// fslots and fmask16; clobbers DX, R14.
TEXT pairRow<>(SB), NOSPLIT, $0-0
	MOVQ $0x9e3779b97f4a7c15, R14
	IMULQ R14, CX
	MOVQ $0x632be59bd9b4e019, R14
	ADDQ R14, DX
	XORQ DX, CX
	MOVQ CX, DX
	SHRQ $30, DX
	XORQ DX, CX
	MOVQ $0xbf58476d1ce4e5b9, R14
	IMULQ R14, CX
	MOVQ CX, DX
	SHRQ $27, DX
	XORQ DX, CX
	MOVQ $0x94d049bb133111eb, R14
	IMULQ R14, CX
	MOVQ CX, DX
	SHRQ $31, DX
	XORQ DX, CX
	MOVL $1, DX
	TESTQ CX, CX
	CMOVQEQ DX, CX
	// table.get: linear probing from the key's low bits, offsets scaled by 16
	MOVQ tokenPass_fslots(SI), R14
	MOVQ CX, DX
	SHLQ $4, DX

probe:
	ANDQ tokenPass_fmask16(SI), DX
	CMPQ CX, (R14)(DX*1)
	JEQ found
	CMPQ (R14)(DX*1), $0
	JEQ missing
	ADDQ $16, DX
	JMP probe

found:
	MOVLQSX 8(R14)(DX*1), CX
	RET

missing:
	MOVQ $-1, CX
	RET
