/*
 * f80_internal.h - helpers shared by the files of the x87 numeric core
 * (cpu/fpu/f80_*.c), not part of the contract in f80.h: field access,
 * operand tests, exception raising, NaN propagation and the one rounding
 * routine every operation ends in.
 *
 * Exact intermediate values travel as (sign, E, sig): sig is a 128-bit
 * significand whose bit 127 has the weight 2^(E - 16383), i.e. E is the
 * biased exponent the value would have if bit 127 were the integer bit.
 * sig need not be normalized; the rounding routine normalizes it.  The
 * least significant bit may be a "sticky" bit standing for anything
 * non-zero further down.
 */
#ifndef SOFTPC_CPU_FPU_F80_INTERNAL_H
#define SOFTPC_CPU_FPU_F80_INTERNAL_H

#include "cpu/fpu/f80.h"
#include "cpu/fpu/f80_u128.h"

#define F80_BIAS 16383
#define F80_EXP_MAX 0x7FFF
#define F80_INT_BIT 0x8000000000000000ull
#define F80_QUIET_BIT 0x4000000000000000ull
#define F80_WRAP 24576 /* exponent bias adjust for unmasked OE/UE (SDM 8.5.4) */

static inline bool f80_sign(f80 a) { return (a.se >> 15) != 0; }
static inline int32_t f80_exp(f80 a) { return a.se & 0x7FFF; }

static inline f80 f80_make(bool sign, int32_t exp, uint64_t mant)
{
    f80 r;
    r.mant = mant;
    r.se = (uint16_t)(((unsigned)sign << 15) | ((unsigned)exp & 0x7FFF));
    return r;
}

static inline bool f80_is_nan(f80 a)
{
    return f80_exp(a) == F80_EXP_MAX && (a.mant & F80_INT_BIT) && (a.mant << 1) != 0;
}
static inline bool f80_is_snan(f80 a) { return f80_is_nan(a) && !(a.mant & F80_QUIET_BIT); }
static inline bool f80_is_inf(f80 a)
{
    return f80_exp(a) == F80_EXP_MAX && a.mant == F80_INT_BIT;
}
static inline bool f80_is_zero(f80 a) { return f80_exp(a) == 0 && a.mant == 0; }
/* Denormal or pseudo-denormal (exponent 0, significand non-zero). */
static inline bool f80_is_denormal(f80 a) { return f80_exp(a) == 0 && a.mant != 0; }
/* Encodings a P6 refuses as operands: unnormals, pseudo-NaNs and
 * pseudo-infinities (exponent non-zero, integer bit clear). */
static inline bool f80_is_unsupported(f80 a)
{
    return f80_exp(a) != 0 && !(a.mant & F80_INT_BIT);
}

/* The operand's exponent as used in arithmetic: denormals and
 * pseudo-denormals have the weight of exponent 1. */
static inline int32_t f80_eff_exp(f80 a) { return f80_exp(a) ? f80_exp(a) : 1; }

/* Normalize a finite non-zero operand: *exp may drop below 1. */
static inline void f80_normalize(f80 a, int32_t *exp, uint64_t *mant)
{
    unsigned n = clz64(a.mant);
    *exp = f80_eff_exp(a) - (int32_t)n;
    *mant = a.mant << n;
}

static inline unsigned f80_env_rc(const struct f80_env *env) { return (env->cw >> 10) & 3; }
/* Significand bits kept by precision control (the reserved PC value acts as 64). */
static inline unsigned f80_env_prec(const struct f80_env *env)
{
    unsigned pc = (env->cw >> 8) & 3;
    return pc == F80_PC_24 ? 24 : pc == F80_PC_53 ? 53 : 64;
}
static inline bool f80_masked(const struct f80_env *env, unsigned flag)
{
    return (env->cw & flag) != 0;
}

/* Record exception flags; an unmasked IE, DE or ZE marks the fault.
 * Returns true when the caller must stop (unmasked IE/DE/ZE). */
bool f80_raise(struct f80_env *env, unsigned flags);

/* Invalid operation, masked response: the QNaN indefinite. */
f80 f80_invalid(struct f80_env *env);

/* A NaN result from one or two operands, at least one of which is a NaN
 * (SDM Vol. 1, table 4-7): SNaNs raise IE and are quieted; of two NaNs the
 * one with the larger significand wins. */
f80 f80_nan1(f80 a, struct f80_env *env);
f80 f80_nan2(f80 a, f80 b, struct f80_env *env);

/* Target formats for rounding: significand bits, and the smallest and
 * largest normal E in the f80 bias. */
struct f80_format {
    unsigned prec;
    int32_t emin, emax;
    int32_t wrap; /* exponent adjust for unmasked OE/UE; 0: none (memory) */
};

/* A rounded value: q holds the significand with its integer bit at bit
 * prec-1 (clear for denormals, E == emin then); inf set for infinity. */
struct f80_rounded {
    bool sign, inf, zero;
    int32_t exp;
    uint64_t q;
};

/* Round (sign, E, sig) into fmt by env's rounding mode, raising OE, UE,
 * PE and setting C1 as the x87 does.  sig must not be zero. */
struct f80_rounded f80_round(bool sign, int32_t exp, u128 sig, const struct f80_format *fmt,
                             struct f80_env *env);

/* Round to the extended format with `prec` significand bits and pack. */
f80 f80_round_prec(bool sign, int32_t exp, u128 sig, unsigned prec, struct f80_env *env);

/* Round sig right by `drop` bits (any count) to an integer by mode rc;
 * sets *inexact and *up (the magnitude was increased). */
u128 f80_round_shift(u128 sig, unsigned drop, unsigned rc, bool sign, bool *inexact, bool *up);

/* Check the common operand cases of a two-operand arithmetic instruction:
 * unsupported encodings and NaNs.  Returns true with *out set when done. */
bool f80_binary_special(f80 a, f80 b, struct f80_env *env, f80 *out);

#endif
