/*
 * regs.h - reading and writing general registers at every width.
 *
 * Registers live in 64-bit slots; the 8/16/32-bit views are made with
 * shifts and masks, never with unions or pointer casts, so the code is the
 * same on little- and big-endian hosts.  Byte registers follow the x86
 * numbering: 0-3 are AL CL DL BL, 4-7 are AH CH DH BH.
 *
 * Writes follow the x86 rules: an 8- or 16-bit write keeps the other bits;
 * a 32-bit write keeps the upper 32 bits for now (in long mode it will
 * zero them, which is the one place this header will change).
 */
#ifndef SOFTPC_CPU_REGS_H
#define SOFTPC_CPU_REGS_H

#include "cpu/cpu.h"

static inline uint8_t reg8(const struct cpu *c, unsigned r)
{
    return r < 4 ? (uint8_t)c->gpr[r] : (uint8_t)(c->gpr[r - 4] >> 8);
}

static inline void set_reg8(struct cpu *c, unsigned r, uint8_t v)
{
    if (r < 4)
        c->gpr[r] = (c->gpr[r] & ~(uint64_t)0xFF) | v;
    else
        c->gpr[r - 4] = (c->gpr[r - 4] & ~(uint64_t)0xFF00) | ((uint64_t)v << 8);
}

static inline uint16_t reg16(const struct cpu *c, unsigned r) { return (uint16_t)c->gpr[r]; }
static inline uint32_t reg32(const struct cpu *c, unsigned r) { return (uint32_t)c->gpr[r]; }

static inline void set_reg16(struct cpu *c, unsigned r, uint16_t v)
{
    c->gpr[r] = (c->gpr[r] & ~(uint64_t)0xFFFF) | v;
}

static inline void set_reg32(struct cpu *c, unsigned r, uint32_t v)
{
    c->gpr[r] = (c->gpr[r] & ~(uint64_t)0xFFFFFFFF) | v;
}

/* Width-generic forms, `size` in bytes (1, 2, 4). */
static inline uint32_t reg_get(const struct cpu *c, unsigned r, unsigned size)
{
    return size == 1 ? reg8(c, r) : size == 2 ? reg16(c, r) : reg32(c, r);
}

static inline void reg_set(struct cpu *c, unsigned r, unsigned size, uint32_t v)
{
    if (size == 1)
        set_reg8(c, r, (uint8_t)v);
    else if (size == 2)
        set_reg16(c, r, (uint16_t)v);
    else
        set_reg32(c, r, v);
}

/* All-ones mask for an operand of `size` bytes. */
static inline uint32_t size_mask(unsigned size)
{
    return size == 4 ? 0xFFFFFFFFu : (1u << (size * 8)) - 1;
}

#endif
