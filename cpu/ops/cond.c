/*
 * cond.c - the instructions that act on a condition code without jumping:
 * SETcc Eb (0F 90-9F) and CMOVcc Gv,Ev (0F 40-4F).  Intel SDM Vol. 2,
 * "SETcc" and "CMOVcc"; the condition is the low nibble of the opcode, in
 * the order of Jcc (cond_true in cpu/flags.c).
 *
 * SETcc ignores ModRM.reg (any value is the same instruction).  CMOVcc
 * always reads its source, so a memory source faults even when the
 * condition is false; with a false condition nothing is written.  That
 * matches the 32-bit CPU this models; in long mode a false 32-bit CMOV
 * still zeroes the upper half of the register, which cpu/regs.h will do
 * for every 32-bit write when long mode comes.  Neither changes a flag.
 */
#include "cpu/ops/ops.h"

#include "cpu/cpu.h"
#include "cpu/flags.h"
#include "cpu/operand.h"

static inline unsigned cond_of(const struct insn *i)
{
    return i->opcode & 0xF;
}

void op_setcc_eb_r(struct cpu *c, const struct insn *i)
{
    write_er(c, i, 1, cond_true(c, cond_of(i)));
}

void op_setcc_eb_m(struct cpu *c, const struct insn *i)
{
    write_em(c, i, 1, cond_true(c, cond_of(i)));
}

void op_cmovcc_gv_ev_r(struct cpu *c, const struct insn *i)
{
    uint32_t v = read_er(c, i, i->osize);
    if (cond_true(c, cond_of(i)))
        write_g(c, i, i->osize, v);
}

void op_cmovcc_gv_ev_m(struct cpu *c, const struct insn *i)
{
    uint32_t v = read_em(c, i, i->osize);
    if (cond_true(c, cond_of(i)))
        write_g(c, i, i->osize, v);
}
