/*
 * stack.h - the guest stack: SS:SP (16-bit stack) or SS:ESP (32-bit, when
 * SS.B is set in protected mode).
 *
 * Two styles, for the fault rule of fault.h:
 *  - push()/pop() commit SP at once; fine for an instruction that does
 *    one stack access and nothing else that can fault afterwards.
 *  - stack_write()/stack_read() work on a local copy of SP that the
 *    handler commits with stack_set_sp() after its last faulting access
 *    (INT, CALL far, IRET, PUSHA, ENTER...).
 */
#ifndef SOFTPC_CPU_STACK_H
#define SOFTPC_CPU_STACK_H

#include "cpu/access.h"
#include "cpu/regs.h"

/* Big stack: SS.B.  Real mode: always 16-bit. */
static inline bool stack_is32(const struct cpu *c)
{
    return (c->seg[SEG_SS].access & SEG_ACCESS_DB) != 0;
}

static inline uint32_t stack_sp(const struct cpu *c)
{
    return stack_is32(c) ? reg32(c, REG_SP) : reg16(c, REG_SP);
}

static inline void stack_set_sp(struct cpu *c, uint32_t sp)
{
    if (stack_is32(c))
        set_reg32(c, REG_SP, sp);
    else
        set_reg16(c, REG_SP, (uint16_t)sp);
}

static inline uint32_t stack_wrap(const struct cpu *c, uint32_t sp)
{
    return stack_is32(c) ? sp : sp & 0xFFFF;
}

/* Writes `size` bytes below *sp and moves *sp down; SP itself unchanged. */
static inline void stack_write(struct cpu *c, uint32_t *sp, unsigned size, uint32_t v)
{
    *sp = stack_wrap(c, *sp - size);
    mem_write(c, SEG_SS, *sp, size, v);
}

/* Reads `size` bytes at *sp and moves *sp up; SP itself unchanged. */
static inline uint32_t stack_read(struct cpu *c, uint32_t *sp, unsigned size)
{
    uint32_t v = mem_read(c, SEG_SS, *sp, size);
    *sp = stack_wrap(c, *sp + size);
    return v;
}

static inline void push(struct cpu *c, unsigned size, uint32_t v)
{
    uint32_t sp = stack_sp(c);
    stack_write(c, &sp, size, v);
    stack_set_sp(c, sp);
}

static inline uint32_t pop(struct cpu *c, unsigned size)
{
    uint32_t sp = stack_sp(c);
    uint32_t v = stack_read(c, &sp, size);
    stack_set_sp(c, sp);
    return v;
}

#endif
