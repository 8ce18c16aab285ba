/*
 * f80_wide.h - a wider binary float for the transcendentals of the x87
 * numeric core (f80_trans.c): a 128-bit significand and a 32-bit
 * exponent, about twice the precision of the 80-bit format, so a result
 * evaluated in it and rounded once to 64 bits is correctly rounded except
 * in rare near-ties.  Operations truncate (error below 2^-126 relative);
 * no special values: callers handle zeros, infinities and NaNs first.
 */
#ifndef SOFTPC_CPU_FPU_F80_WIDE_H
#define SOFTPC_CPU_FPU_F80_WIDE_H

#include "cpu/fpu/f80_internal.h"

/* value = (neg ? -1 : 1) * m * 2^(exp - 127); m has bit 127 set, or is 0. */
struct wide {
    bool neg;
    int32_t exp;
    u128 m;
};

struct wide wide_make(bool neg, int32_t exp, u128 m);   /* normalizes m */
struct wide wide_from_f80(f80 a);                       /* finite a */
struct wide wide_from_int(int64_t v);
static inline bool wide_is_zero(struct wide a) { return u128_is_zero(a.m); }
struct wide wide_neg(struct wide a);
struct wide wide_ldexp(struct wide a, int32_t n);
struct wide wide_add(struct wide a, struct wide b);
struct wide wide_sub(struct wide a, struct wide b);
struct wide wide_mul(struct wide a, struct wide b);
struct wide wide_div(struct wide a, struct wide b);
struct wide wide_div_small(struct wide a, uint32_t d);
struct wide wide_sqrt(struct wide a);
/* Round to the 80-bit format (64-bit significand) by env. */
f80 wide_to_f80(struct wide a, struct f80_env *env);

/* Constants to 128 bits. */
struct wide wide_pi(void);
struct wide wide_ln2(void);

#endif
