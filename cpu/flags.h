/*
 * flags.h - EFLAGS bits and lazy evaluation of the six arithmetic flags.
 *
 * Most instructions set OF SF ZF AF PF CF, but few instructions read them,
 * so an arithmetic instruction does not compute them.  It stores two
 * numbers (Bochs taught us this pair):
 *
 *   res   the result, truncated to the operand width;
 *   cout  the carry-out vector: bit n is the carry (or, for subtraction,
 *         the borrow) out of bit n of the operation.
 *
 * and the operand width.  From these, each flag is one or two shifts:
 *
 *   CF = cout[w-1]            the carry out of the top bit
 *   OF = cout[w-1] ^ cout[w-2]  carry into the top bit differs from out
 *   AF = cout[3]              the carry out of the low nibble
 *   ZF = res == 0, SF = res[w-1], PF = even parity of res[7:0]
 *
 * Instructions whose CF/OF/AF do not come from an addition (shifts,
 * multiplies, logic ops) build an artificial cout with the bits they want
 * (lazy_set_explicit).  Instructions that write the flags directly (POPF,
 * SAHF, CLC...) first materialise them into cpu->eflags, which width == 0
 * marks as the place to read them from.
 *
 * Carry-out vectors for an add a + b = r and a subtraction a - b = r:
 *   add: cout = (a & b) | ((a | b) & ~r)
 *   sub: cout = (~a & b) | (~(a ^ b) & r)
 */
#ifndef SOFTPC_CPU_FLAGS_H
#define SOFTPC_CPU_FLAGS_H

#include <stdbool.h>
#include <stdint.h>

enum {
    FLAG_CF = 1u << 0,
    FLAG_RES1 = 1u << 1, /* always 1 */
    FLAG_PF = 1u << 2,
    FLAG_AF = 1u << 4,
    FLAG_ZF = 1u << 6,
    FLAG_SF = 1u << 7,
    FLAG_TF = 1u << 8,
    FLAG_IF = 1u << 9,
    FLAG_DF = 1u << 10,
    FLAG_OF = 1u << 11,
    FLAG_IOPL = 3u << 12,
    FLAG_NT = 1u << 14,
    FLAG_RF = 1u << 16,
    FLAG_VM = 1u << 17,
    FLAG_AC = 1u << 18,
    FLAG_VIF = 1u << 19,
    FLAG_VIP = 1u << 20,
    FLAG_ID = 1u << 21,
    FLAGS_ARITH = FLAG_CF | FLAG_PF | FLAG_AF | FLAG_ZF | FLAG_SF | FLAG_OF,
    /* Bits that exist on a P6; 1, 3, 5, 15 and 22-31 are fixed. */
    FLAGS_WRITABLE = FLAGS_ARITH | FLAG_TF | FLAG_IF | FLAG_DF | FLAG_IOPL | FLAG_NT |
                     FLAG_RF | FLAG_VM | FLAG_AC | FLAG_VIF | FLAG_VIP | FLAG_ID,
};

struct lazy_flags {
    uint64_t res;
    uint64_t cout;
    uint8_t width; /* operand width in bits; 0: flags are in cpu->eflags */
};

struct cpu;

/* Each reads one flag (0 or 1) from wherever it currently lives. */
static inline unsigned lazy_top(const struct lazy_flags *f, uint64_t v)
{
    return (unsigned)(v >> (f->width - 1)) & 1;
}

static inline unsigned parity_even(uint64_t v)
{
    unsigned x = (unsigned)(v & 0xFF);
    x ^= x >> 4;
    return (~(0x6996u >> (x & 0xF))) & 1; /* 0x6996: odd parity of a nibble */
}

unsigned flag_cf(const struct cpu *c);
unsigned flag_pf(const struct cpu *c);
unsigned flag_af(const struct cpu *c);
unsigned flag_zf(const struct cpu *c);
unsigned flag_sf(const struct cpu *c);
unsigned flag_of(const struct cpu *c);

/* The full EFLAGS value (materialises nothing, just computes). */
uint32_t cpu_get_eflags(const struct cpu *c);
/* Write EFLAGS bits selected by `mask`; the arithmetic ones leave lazy mode. */
void cpu_set_eflags(struct cpu *c, uint32_t value, uint32_t mask);
/* Move OSZAPC out of the lazy record into cpu->eflags. */
void flags_materialise(struct cpu *c);

/* Condition codes 0-15 as in Jcc/SETcc/CMOVcc (O NO B AE E NE BE A S NS P NP L GE LE G). */
bool cond_true(const struct cpu *c, unsigned cc);

/* Record the flags of an operation.  `width` in bits (8, 16, 32). */
void lazy_set(struct cpu *c, uint64_t res, uint64_t cout, unsigned width);
/* Same, but CF is forced to `cf` while OF/AF stay as cout says (INC/DEC). */
void lazy_set_keep_cf(struct cpu *c, uint64_t res, uint64_t cout, unsigned width, unsigned cf);
/* SF/ZF/PF from res, CF/OF/AF given explicitly. */
void lazy_set_explicit(struct cpu *c, uint64_t res, unsigned width,
                       unsigned cf, unsigned of, unsigned af);

static inline uint64_t carry_out_add(uint64_t a, uint64_t b, uint64_t r)
{
    return (a & b) | ((a | b) & ~r);
}

static inline uint64_t carry_out_sub(uint64_t a, uint64_t b, uint64_t r)
{
    return (~a & b) | (~(a ^ b) & r);
}

#endif
