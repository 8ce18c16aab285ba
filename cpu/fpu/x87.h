/*
 * x87.h - the x87 FPU's architectural state and the helpers the x87 and
 * MMX instruction handlers (cpu/fpu/x87_*.c, cpu/fpu/mmx*.c) share.
 *
 * Follows the Intel SDM Vol. 1, chapter 8 (the register stack, status,
 * control and tag words, the instruction and data pointers) and chapter 9
 * (MMX registers alias the low 64 bits of the physical registers), and
 * Vol. 3, 2.5 (CR0.EM/MP/TS/NE).  The numbers themselves are the numeric
 * core's business (cpu/fpu/f80.h); this layer keeps the stack, tags,
 * condition codes, exception bookkeeping (#MF or FERR#) and the pointers.
 *
 * Not here: SSE state (XMM registers, MXCSR), the Pentium 4's FOP rules.
 */
#ifndef SOFTPC_CPU_FPU_X87_H
#define SOFTPC_CPU_FPU_X87_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/fpu/f80.h"

struct cpu;
struct insn;

/* Status word bits (SDM Vol. 1, Figure 8-4).  TOP (13:11) is kept apart in
 * x87_state.top and merged in by x87_status(). */
enum {
    X87_SW_IE = 1u << 0, X87_SW_DE = 1u << 1, X87_SW_ZE = 1u << 2,
    X87_SW_OE = 1u << 3, X87_SW_UE = 1u << 4, X87_SW_PE = 1u << 5,
    X87_SW_SF = 1u << 6, X87_SW_ES = 1u << 7,
    X87_SW_C0 = 1u << 8, X87_SW_C1 = 1u << 9, X87_SW_C2 = 1u << 10,
    X87_SW_TOP = 7u << 11,
    X87_SW_C3 = 1u << 14, X87_SW_B = 1u << 15,
    X87_SW_EXCEPTIONS = 0x3F,
    X87_SW_CC = X87_SW_C0 | X87_SW_C1 | X87_SW_C2 | X87_SW_C3,
};

/* Tags, two bits per physical register, as FNSTENV stores them. */
enum { X87_TAG_VALID = 0, X87_TAG_ZERO = 1, X87_TAG_SPECIAL = 2, X87_TAG_EMPTY = 3 };

#define X87_CW_INIT 0x037Fu

struct x87_state {
    f80 reg[8];         /* physical registers R0-R7; ST(i) is R((top + i) & 7).
                           MMi is the mant of R(i). */
    uint8_t top;
    uint16_t cw;        /* control word (bits 6, 7, 13-15 read as stored: a P6
                           keeps bit 6 set after FLDCW, see x87_env.c) */
    uint16_t sw;        /* status word without TOP */
    uint16_t tw;        /* tag word, 2 bits per physical register */
    /* Last non-control instruction: CS selector and offset, opcode (11
     * bits: low 3 bits of the first opcode byte, then ModRM), and its
     * memory operand's selector and offset. */
    uint32_t fip, fdp;
    uint16_t fcs, fds, fop;
    bool ferr;          /* FERR# is asserted (CR0.NE=0 error reporting) */
};

/* ---- state (x87_state.c) ---------------------------------------------- */

/* FNINIT: CW 037F, SW 0, all tags empty, pointers cleared.  Registers are
 * left as they are. */
void x87_init(struct cpu *c);
/* Power-on state: FNINIT plus every register +0.0. */
void x87_reset(struct cpu *c);

uint16_t x87_status(const struct cpu *c);       /* SW with TOP */
/* The tag a value gets when written (valid, zero or special). */
unsigned x87_tag_of(f80 v);
unsigned x87_tag(const struct cpu *c, unsigned phys);
bool x87_empty(const struct cpu *c, unsigned st);  /* is ST(st) empty? */
f80 x87_st(const struct cpu *c, unsigned st);
/* Writes ST(st) and gives it the tag its value deserves. */
void x87_set_st(struct cpu *c, unsigned st, f80 v);
void x87_set_empty(struct cpu *c, unsigned st);
void x87_pop(struct cpu *c);                      /* tag ST(0) empty, TOP++ */
/* TOP--, then ST(0) = v. */
void x87_push(struct cpu *c, f80 v);

/* Condition codes: sets C0-C3 to `cc` (X87_SW_C* bits) within `mask`. */
void x87_set_cc(struct cpu *c, uint16_t cc, uint16_t mask);
/* ES and B follow the unmasked exception flags (after SW or CW change);
 * FERR# drops when ES clears. */
void x87_update_es(struct cpu *c);
/* OR exception flags (F80_*) into SW and update ES/B. */
void x87_raise_flags(struct cpu *c, unsigned flags);
/* Is exception `flags` (F80_*) unmasked in CW? */
bool x87_unmasked(const struct cpu *c, unsigned flags);

/* After an f80 operation: OR its flags into SW and set C1 from its
 * rounding (rounded up in magnitude).  x87_result_ok: may the result be
 * stored in a register (no unmasked IE/DE/ZE)?  x87_store_ok: in memory
 * (also no unmasked OE/UE: the memory operand is then left unchanged). */
void x87_commit_flags(struct cpu *c, const struct f80_env *env);
bool x87_result_ok(const struct f80_env *env);
bool x87_store_ok(const struct cpu *c, const struct f80_env *env);

/* Checks at the start of an x87 instruction: #NM with CR0.EM or CR0.TS. */
void x87_check_nm(struct cpu *c);
/* A waiting instruction with an unmasked exception pending: #MF when
 * CR0.NE=1; with CR0.NE=0 FERR# is asserted and the instruction runs. */
void x87_check_pending(struct cpu *c);
/* Both, for the waiting (non-control) x87 instructions. */
void x87_begin(struct cpu *c);

/* Stack faults (IE + SF; C1 = 1 for overflow, 0 for underflow).  Return
 * true when the fault is masked (the caller stores the masked response). */
bool x87_stack_underflow(struct cpu *c);
bool x87_stack_overflow(struct cpu *c);

/* Record FIP/FCS/FOP (and FDP/FDS for a memory operand) of a non-control
 * instruction; call once the instruction can no longer fault. */
void x87_note_insn(struct cpu *c, const struct insn *i);
void x87_note_insn_mem(struct cpu *c, const struct insn *i);

/* An f80 environment for the current control word. */
struct f80_env x87_env(const struct cpu *c);

/* Memory operands (all accesses check the whole operand first). */
uint32_t x87_ea(const struct cpu *c, const struct insn *i);
uint64_t x87_read64(struct cpu *c, unsigned seg, uint32_t off);
void x87_write64(struct cpu *c, unsigned seg, uint32_t off, uint64_t v);
f80 x87_read80(struct cpu *c, unsigned seg, uint32_t off);
void x87_write80(struct cpu *c, unsigned seg, uint32_t off, f80 v);

/* The constant D9 E8+k loads (k = 0 FLD1 ... 6 FLDZ), rounded by RC. */
f80 x87_constant(unsigned k, unsigned rc);

/* Are we using the real-mode environment layouts (real or V86 mode)? */
bool x87_real_layout(const struct cpu *c);

#endif
