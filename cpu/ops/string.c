/*
 * string.c - the string instructions MOVS, CMPS, STOS, LODS, SCAS, INS
 * and OUTS, with and without a REP prefix (Intel SDM Vol. 2, the pages of
 * each instruction and "REP/REPE/REPZ/REPNE/REPNZ").
 *
 * The source is seg:(E)SI, where seg is DS or the override prefix
 * (insn.seg); the destination is always ES:(E)DI.  The address size picks
 * SI/DI/CX (wrapping at 0xFFFF) or ESI/EDI/ECX.  DF says which way the
 * pointers move.
 *
 * REP is restartable: each iteration does its memory accesses first and
 * then commits its own pointers, flags and count, so a fault part-way
 * leaves a state from which executing the instruction again carries on.
 * A REP runs at most REP_BATCH iterations per execution; if the count is
 * not used up by then it points EIP back at itself and returns, which lets
 * the dispatcher take interrupts between batches.  REPE/REPNE end early on
 * ZF only for CMPS and SCAS; for the others F2 and F3 both mean plain REP.
 *
 * Not here: protected-mode I/O permission checks for INS/OUTS (they come
 * with protected mode), fast paths that move whole runs at once.
 */
#include "cpu/ops/ops.h"

#include <stdbool.h>

#include "cpu/access.h"
#include "cpu/cpu.h"
#include "cpu/flags.h"
#include "cpu/regs.h"

/* Iterations per execution of a REP instruction: bounds interrupt latency. */
#define REP_BATCH 4096u

/* (E)SI, (E)DI or (E)CX at the instruction's address size. */
static inline uint32_t addr_reg(const struct cpu *c, const struct insn *i, unsigned r)
{
    return i->asize == 2 ? reg16(c, r) : reg32(c, r);
}

static inline void set_addr_reg(struct cpu *c, const struct insn *i, unsigned r, uint32_t v)
{
    if (i->asize == 2)
        set_reg16(c, r, (uint16_t)v);
    else
        set_reg32(c, r, v);
}

/* How far the pointers move per element: +size, or -size when DF is set. */
static inline uint32_t str_delta(const struct cpu *c, unsigned size)
{
    return (c->eflags & FLAG_DF) ? (uint32_t)0 - size : size;
}

/* Flags of CMP a, b at `size` bytes. */
static inline void str_cmp_flags(struct cpu *c, uint32_t a, uint32_t b, unsigned size)
{
    uint64_t r = ((uint64_t)a - b) & size_mask(size);
    lazy_set(c, r, carry_out_sub(a, b, r), size * 8);
}

/* One element of each instruction: accesses first, then its commits. */

static void movs_step(struct cpu *c, const struct insn *i, unsigned size)
{
    uint32_t si = addr_reg(c, i, REG_SI), di = addr_reg(c, i, REG_DI);
    uint32_t v = mem_read(c, i->seg, si, size);
    mem_write(c, SEG_ES, di, size, v);
    uint32_t d = str_delta(c, size);
    set_addr_reg(c, i, REG_SI, si + d);
    set_addr_reg(c, i, REG_DI, di + d);
}

static void cmps_step(struct cpu *c, const struct insn *i, unsigned size)
{
    uint32_t si = addr_reg(c, i, REG_SI), di = addr_reg(c, i, REG_DI);
    uint32_t src = mem_read(c, i->seg, si, size);
    uint32_t dst = mem_read(c, SEG_ES, di, size);
    uint32_t d = str_delta(c, size);
    set_addr_reg(c, i, REG_SI, si + d);
    set_addr_reg(c, i, REG_DI, di + d);
    str_cmp_flags(c, src, dst, size);
}

static void stos_step(struct cpu *c, const struct insn *i, unsigned size)
{
    uint32_t di = addr_reg(c, i, REG_DI);
    mem_write(c, SEG_ES, di, size, reg_get(c, REG_AX, size));
    set_addr_reg(c, i, REG_DI, di + str_delta(c, size));
}

static void lods_step(struct cpu *c, const struct insn *i, unsigned size)
{
    uint32_t si = addr_reg(c, i, REG_SI);
    uint32_t v = mem_read(c, i->seg, si, size);
    set_addr_reg(c, i, REG_SI, si + str_delta(c, size));
    reg_set(c, REG_AX, size, v);
}

static void scas_step(struct cpu *c, const struct insn *i, unsigned size)
{
    uint32_t di = addr_reg(c, i, REG_DI);
    uint32_t dst = mem_read(c, SEG_ES, di, size);
    set_addr_reg(c, i, REG_DI, di + str_delta(c, size));
    str_cmp_flags(c, reg_get(c, REG_AX, size), dst, size);
}

/* INS checks the destination before reading the port: a port read can have
 * side effects (a FIFO pops), so it must not happen for a faulting store. */
static void ins_step(struct cpu *c, const struct insn *i, unsigned size)
{
    uint32_t di = addr_reg(c, i, REG_DI);
    io_check_permission(c, reg16(c, REG_DX), size); /* before the operand (SDM INS) */
    mem_check_write(c, SEG_ES, di, size);
    uint32_t v = io_read(c, reg16(c, REG_DX), size);
    mem_write(c, SEG_ES, di, size, v);
    set_addr_reg(c, i, REG_DI, di + str_delta(c, size));
}

static void outs_step(struct cpu *c, const struct insn *i, unsigned size)
{
    uint32_t si = addr_reg(c, i, REG_SI);
    io_check_permission(c, reg16(c, REG_DX), size); /* before the operand (SDM OUTS) */
    uint32_t v = mem_read(c, i->seg, si, size);
    io_write(c, reg16(c, REG_DX), size, v);
    set_addr_reg(c, i, REG_SI, si + str_delta(c, size));
}

typedef void (*string_step)(struct cpu *c, const struct insn *i, unsigned size);

/* Runs `step` once, or under REP while the count lasts.  `compares`: the
 * step sets ZF and REPE/REPNE end the loop on it (CMPS, SCAS). */
static void string_run(struct cpu *c, const struct insn *i, unsigned size,
                       string_step step, bool compares)
{
    if (i->rep == REP_NONE) {
        step(c, i, size);
        return;
    }
    for (uint32_t n = 0;; n++) {
        uint32_t count = addr_reg(c, i, REG_CX);
        if (count == 0)
            return;
        if (n == REP_BATCH) {
            c->eip = c->insn_eip; /* more to do: run again after interrupts */
            return;
        }
        step(c, i, size);
        set_addr_reg(c, i, REG_CX, count - 1);
        if (compares && flag_zf(c) != (i->rep == REP_E))
            return;
    }
}

void op_movs_yb_xb(struct cpu *c, const struct insn *i) { string_run(c, i, 1, movs_step, false); }
void op_movs_yv_xv(struct cpu *c, const struct insn *i) { string_run(c, i, i->osize, movs_step, false); }
void op_cmps_xb_yb(struct cpu *c, const struct insn *i) { string_run(c, i, 1, cmps_step, true); }
void op_cmps_xv_yv(struct cpu *c, const struct insn *i) { string_run(c, i, i->osize, cmps_step, true); }
void op_stos_yb_al(struct cpu *c, const struct insn *i) { string_run(c, i, 1, stos_step, false); }
void op_stos_yv_eax(struct cpu *c, const struct insn *i) { string_run(c, i, i->osize, stos_step, false); }
void op_lods_al_xb(struct cpu *c, const struct insn *i) { string_run(c, i, 1, lods_step, false); }
void op_lods_eax_xv(struct cpu *c, const struct insn *i) { string_run(c, i, i->osize, lods_step, false); }
void op_scas_al_yb(struct cpu *c, const struct insn *i) { string_run(c, i, 1, scas_step, true); }
void op_scas_eax_yv(struct cpu *c, const struct insn *i) { string_run(c, i, i->osize, scas_step, true); }
void op_ins_yb_dx(struct cpu *c, const struct insn *i) { string_run(c, i, 1, ins_step, false); }
void op_ins_yv_dx(struct cpu *c, const struct insn *i) { string_run(c, i, i->osize, ins_step, false); }
void op_outs_dx_xb(struct cpu *c, const struct insn *i) { string_run(c, i, 1, outs_step, false); }
void op_outs_dx_xv(struct cpu *c, const struct insn *i) { string_run(c, i, i->osize, outs_step, false); }
