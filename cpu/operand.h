/*
 * operand.h - reading and writing an instruction's operands: the effective
 * address of its memory operand, and the E (ModRM r/m) and G (ModRM.reg)
 * operands at the instruction's operand size.
 *
 * Register-form handlers (suffix _r) use ereg_*; memory-form handlers
 * (suffix _m) use insn_ea() with mem_read/mem_write.  The decoder already
 * chose the form, so none of these test ModRM.mod at run time.
 */
#ifndef SOFTPC_CPU_OPERAND_H
#define SOFTPC_CPU_OPERAND_H

#include "cpu/access.h"
#include "cpu/insn.h"
#include "cpu/regs.h"

/* Effective address: base + index << scale + disp, wrapped to the address
 * size.  Absent base/index are REG_ZERO, which always holds 0. */
static inline uint32_t insn_ea(const struct cpu *c, const struct insn *i)
{
    uint32_t ea = (uint32_t)c->gpr[i->base] + ((uint32_t)c->gpr[i->index] << i->scale) + i->disp;
    return i->asize == 2 ? ea & 0xFFFF : ea;
}

/* Memory operand of `size` bytes. */
static inline uint32_t read_em(struct cpu *c, const struct insn *i, unsigned size)
{
    return mem_read(c, i->seg, insn_ea(c, i), size);
}

static inline void write_em(struct cpu *c, const struct insn *i, unsigned size, uint32_t v)
{
    mem_write(c, i->seg, insn_ea(c, i), size, v);
}

/* Register forms: E operand is register i->rm, G operand is i->reg. */
static inline uint32_t read_er(const struct cpu *c, const struct insn *i, unsigned size)
{
    return reg_get(c, i->rm, size);
}

static inline void write_er(struct cpu *c, const struct insn *i, unsigned size, uint32_t v)
{
    reg_set(c, i->rm, size, v);
}

static inline uint32_t read_g(const struct cpu *c, const struct insn *i, unsigned size)
{
    return reg_get(c, i->reg, size);
}

static inline void write_g(struct cpu *c, const struct insn *i, unsigned size, uint32_t v)
{
    reg_set(c, i->reg, size, v);
}

/* EIP after a relative jump of `rel` bytes, wrapped to the operand size
 * (a 16-bit jump wraps IP within the segment). */
static inline uint32_t jump_target(const struct cpu *c, const struct insn *i, uint32_t rel)
{
    uint32_t t = c->eip + rel;
    return i->osize == 2 ? t & 0xFFFF : t;
}

#endif
