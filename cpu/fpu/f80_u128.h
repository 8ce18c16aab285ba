/*
 * f80_u128.h - 128-bit unsigned integers built from two uint64_t halves,
 * for the x87 numeric core (cpu/fpu/f80*.c).  Portable C11: no __int128
 * (not every host compiler has it), no host floating point.  Only what the
 * core needs: add, subtract, compare, shifts (right shifts can "jam" the
 * bits shifted out into the least significant bit, so a later rounding
 * still sees that the value was inexact), and the full 64x64->128 product.
 */
#ifndef SOFTPC_CPU_FPU_F80_U128_H
#define SOFTPC_CPU_FPU_F80_U128_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    uint64_t hi, lo;
} u128;

static inline u128 u128_make(uint64_t hi, uint64_t lo)
{
    u128 r = { hi, lo };
    return r;
}

static inline bool u128_is_zero(u128 a) { return (a.hi | a.lo) == 0; }

static inline int u128_cmp(u128 a, u128 b)
{
    if (a.hi != b.hi)
        return a.hi < b.hi ? -1 : 1;
    if (a.lo != b.lo)
        return a.lo < b.lo ? -1 : 1;
    return 0;
}

static inline u128 u128_add(u128 a, u128 b)
{
    u128 r;
    r.lo = a.lo + b.lo;
    r.hi = a.hi + b.hi + (r.lo < a.lo);
    return r;
}

static inline u128 u128_sub(u128 a, u128 b)
{
    u128 r;
    r.lo = a.lo - b.lo;
    r.hi = a.hi - b.hi - (a.lo < b.lo);
    return r;
}

static inline u128 u128_neg(u128 a) { return u128_sub(u128_make(0, 0), a); }

static inline u128 u128_shl(u128 a, unsigned n)
{
    if (n == 0)
        return a;
    if (n >= 128)
        return u128_make(0, 0);
    if (n >= 64)
        return u128_make(a.lo << (n - 64), 0);
    return u128_make((a.hi << n) | (a.lo >> (64 - n)), a.lo << n);
}

static inline u128 u128_shr(u128 a, unsigned n)
{
    if (n == 0)
        return a;
    if (n >= 128)
        return u128_make(0, 0);
    if (n >= 64)
        return u128_make(0, a.hi >> (n - 64));
    return u128_make(a.hi >> n, (a.lo >> n) | (a.hi << (64 - n)));
}

/* Right shift that ORs every bit shifted out into bit 0 ("sticky"). */
static inline u128 u128_shr_jam(u128 a, unsigned n)
{
    if (n == 0)
        return a;
    if (n >= 128)
        return u128_make(0, !u128_is_zero(a));
    u128 r = u128_shr(a, n);
    u128 back = u128_shl(r, n);
    if (u128_cmp(back, a) != 0)
        r.lo |= 1;
    return r;
}

/* Number of leading zero bits of a 64-bit value (64 for zero). */
static inline unsigned clz64(uint64_t v)
{
    unsigned n = 0;
    if (v == 0)
        return 64;
    while (!(v & 0xFFFFFFFF00000000ull)) { n += 32; v <<= 32; }
    while (!(v & 0x8000000000000000ull)) { n += 1; v <<= 1; }
    return n;
}

static inline unsigned u128_clz(u128 a)
{
    return a.hi ? clz64(a.hi) : 64 + clz64(a.lo);
}

/* The exact 128-bit product of two 64-bit values, from 32-bit halves. */
static inline u128 u128_mul64(uint64_t a, uint64_t b)
{
    uint64_t a0 = a & 0xFFFFFFFFu, a1 = a >> 32;
    uint64_t b0 = b & 0xFFFFFFFFu, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (p01 & 0xFFFFFFFFu) + (p10 & 0xFFFFFFFFu);
    u128 r;
    r.lo = (mid << 32) | (p00 & 0xFFFFFFFFu);
    r.hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
    return r;
}

#endif
