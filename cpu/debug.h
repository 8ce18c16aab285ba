/*
 * debug.h - the debug registers' breakpoints (Intel SDM Vol. 3, chapter
 * 17 "Debug, Branch Profile, TSC..."; 17.2 the registers, 17.3 the
 * exceptions).
 *
 * DR0-DR3 hold linear addresses; DR7 enables each (L/G bits) and says what
 * it watches (R/W: 00 execution, 01 data writes, 10 I/O when CR4.DE, 11
 * data reads and writes) and how wide (LEN: 1, 2, 8 (undefined on a P6;
 * we take the later CPUs' 8) or 4 bytes).  DR6 reports what hit.
 *
 * How we keep the fast paths free of checks: while any breakpoint is
 * enabled (DR7 bits 7:0), the dispatcher runs one instruction at a time
 * through step_one() (cpu/exec.c), which checks instruction breakpoints
 * before the fetch and delivers the #DB trap of data and I/O breakpoints
 * after the instruction; and the TLB sends every memory access to the
 * slow path (cpu/access.c), which checks data breakpoints.  Writing DR7
 * flushes the TLB.
 *
 * Not here: breakpoints on the accesses of REP string iterations trap
 * after the whole bounded run of iterations, not after the one that hit;
 * implicit accesses (descriptor tables, interrupt stack frames) are not
 * checked.
 */
#ifndef SOFTPC_CPU_DEBUG_H
#define SOFTPC_CPU_DEBUG_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"

enum {
    DR6_B_MASK = 0xFu,        /* B0-B3: breakpoint n hit */
    DR6_BD = 1u << 13,        /* a MOV DRn hit DR7.GD */
    DR6_BS = 1u << 14,        /* single-step trap (TF) */
    DR6_BT = 1u << 15,        /* task switch to a TSS with T set */
    DR6_FIXED1 = 0xFFFF0FF0u, /* bits that read as 1 on a P6 */
    DR6_WRITABLE = DR6_B_MASK | DR6_BD | DR6_BS | DR6_BT,
    DR7_ENABLES = 0xFFu,      /* L0 G0 ... L3 G3 */
    DR7_GD = 1u << 13,
    DR7_FIXED1 = 1u << 10,
    DR7_WRITABLE = 0xFFFF23FFu,
};

static inline bool debug_breakpoints_enabled(const struct cpu *c)
{
    return (c->dr[7] & DR7_ENABLES) != 0;
}

/* Data breakpoint check for an access of `size` bytes at linear `lin`
 * (records hits in c->debug_hits; the trap comes after the instruction). */
void debug_data_access(struct cpu *c, uint32_t lin, unsigned size, bool write);

static inline void debug_check_data(struct cpu *c, uint32_t lin, unsigned size, bool write)
{
    if (debug_breakpoints_enabled(c))
        debug_data_access(c, lin, size, write);
}

/* I/O breakpoint check (R/W = 10 with CR4.DE), for io_read / io_write. */
void debug_io_access(struct cpu *c, uint16_t port, unsigned size);

static inline void debug_check_io(struct cpu *c, uint16_t port, unsigned size)
{
    if (debug_breakpoints_enabled(c))
        debug_io_access(c, port, size);
}

/* Before fetching the instruction at CS:EIP: an enabled execution
 * breakpoint on its address raises the #DB fault (DR6.Bn set), unless
 * EFLAGS.RF says the instruction resumes after one. */
void debug_check_insn(struct cpu *c);

/* The breakpoint hits of the instruction that just completed, cleared. */
static inline uint32_t debug_take_hits(struct cpu *c)
{
    uint32_t hits = c->debug_hits;
    c->debug_hits = 0;
    return hits;
}

#endif
