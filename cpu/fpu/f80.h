/*
 * f80.h - exact arithmetic on the x87's 80-bit extended-precision format,
 * in portable C (no host floating point: softpc's hosts may have a 64-bit
 * or 128-bit long double, or none worth using).
 *
 * This is the contract between the numeric core (cpu/fpu/f80*.c) and the
 * x87 instruction layer (cpu/fpu/x87*.c).  The core knows nothing about the
 * register stack, tags or instructions; it takes operands and an
 * environment (rounding, precision, exception masks) and returns the
 * result the x87 would produce, with the exception flags it would set.
 *
 * Format (Intel SDM Vol. 1, 4.2.2 and 8.2): sign (1), biased exponent (15,
 * bias 16383), significand (64, with an explicit integer bit 63).
 *
 * Masked and unmasked responses (SDM Vol. 1, 8.5): when an exception is
 * masked in env->cw, the result is the masked response (QNaN indefinite,
 * infinity, denormal, rounded value...).  When IE, DE or ZE is unmasked the
 * core still reports the flag and sets env->unmasked_fault; the caller must
 * then leave the destination unchanged.  Unmasked OE/UE on a register
 * destination return the result with the exponent wrapped by 24576;
 * conversions to memory formats (f80_to_f32/f64) return the masked
 * response with the flags, and the caller decides not to store.
 */
#ifndef SOFTPC_CPU_FPU_F80_H
#define SOFTPC_CPU_FPU_F80_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    uint64_t mant; /* bit 63: explicit integer bit */
    uint16_t se;   /* bit 15: sign, bits 14:0: biased exponent */
} f80;

/* Exception flags, in the bit positions of the x87 status word. */
enum {
    F80_IE = 1u << 0, F80_DE = 1u << 1, F80_ZE = 1u << 2,
    F80_OE = 1u << 3, F80_UE = 1u << 4, F80_PE = 1u << 5,
    F80_SF = 1u << 6, /* stack fault: set by the x87 layer, not the core */
};

/* Control word fields. */
enum {
    F80_RC_NEAREST = 0, F80_RC_DOWN = 1, F80_RC_UP = 2, F80_RC_ZERO = 3,
    F80_PC_24 = 0, F80_PC_53 = 2, F80_PC_64 = 3,
};

struct f80_env {
    uint16_t cw;        /* x87 control word: masks (5:0), PC (9:8), RC (11:10) */
    uint16_t flags;     /* OUT: F80_* raised by the operation (OR-ed in) */
    bool c1;            /* OUT: the result was rounded up in magnitude (C1) */
    bool unmasked_fault;/* OUT: an unmasked IE/DE/ZE: do not store */
};

/* Classes, for FXAM and for callers' fast paths. */
enum f80_class {
    F80_ZERO, F80_DENORMAL, F80_NORMAL, F80_INF, F80_QNAN, F80_SNAN,
    F80_UNSUPPORTED, /* pseudo-NaN, pseudo-infinity, unnormal, pseudo-denormal is DENORMAL */
};
enum f80_class f80_classify(f80 a);

/* Constants. */
f80 f80_indefinite(void);                   /* the QNaN indefinite: FFFF C000000000000000 */
f80 f80_zero(bool negative);
f80 f80_inf(bool negative);
f80 f80_one(void);

/* Arithmetic, rounded to env precision and mode. */
f80 f80_add(f80 a, f80 b, struct f80_env *env);
f80 f80_sub(f80 a, f80 b, struct f80_env *env);
f80 f80_mul(f80 a, f80 b, struct f80_env *env);
f80 f80_div(f80 a, f80 b, struct f80_env *env);
f80 f80_sqrt(f80 a, struct f80_env *env);
f80 f80_round_to_int(f80 a, struct f80_env *env);      /* FRNDINT */
f80 f80_scale(f80 a, f80 b, struct f80_env *env);      /* FSCALE: a * 2^trunc(b) */
/* FXTRACT: *exponent gets the unbiased exponent as an f80, returns the
 * significand with exponent 0 (sign kept). */
f80 f80_xtract(f80 a, f80 *exponent, struct f80_env *env);
/* FPREM (round_nearest false) and FPREM1 (true): partial remainder.
 * *quotient gets the low three bits of the quotient (for C0, C3, C1),
 * *incomplete is set when the reduction is partial (C2). */
f80 f80_rem(f80 a, f80 b, bool round_nearest, unsigned *quotient, bool *incomplete,
            struct f80_env *env);

/* Comparison: FCOM (quiet false: any NaN operand is IE) and FUCOM (quiet:
 * only SNaN is IE). */
enum f80_relation { F80_LESS, F80_EQUAL, F80_GREATER, F80_UNORDERED };
enum f80_relation f80_compare(f80 a, f80 b, bool quiet, struct f80_env *env);

/* Conversions.  Loads of single/double are exact (denormal and SNaN
 * operands raise DE / IE as FLD does); stores round by env. */
f80 f80_from_f32(uint32_t bits, struct f80_env *env);
f80 f80_from_f64(uint64_t bits, struct f80_env *env);
uint32_t f80_to_f32(f80 a, struct f80_env *env);
uint64_t f80_to_f64(f80 a, struct f80_env *env);
f80 f80_from_int(int64_t v);                            /* exact */
/* To a signed integer of `bytes` (2, 4, 8): rounds by env (truncate: set
 * RC to F80_RC_ZERO in env->cw, as FISTTP would).  Out of range or NaN:
 * IE and the integer indefinite (the most negative value). */
int64_t f80_to_int(f80 a, unsigned bytes, struct f80_env *env);
/* 18-digit packed BCD (FBLD/FBSTP), 10 bytes little-endian. */
f80 f80_from_bcd(const uint8_t bcd[10]);
void f80_to_bcd(f80 a, uint8_t bcd[10], struct f80_env *env);

/* Round an exact value to the 64-bit significand by env's rounding mode
 * (precision control is NOT applied: on the x87 it only affects FADD,
 * FSUB, FMUL, FDIV and FSQRT), raising OE/UE/PE and setting C1.  The value
 * is (mant_hi + mant_lo / 2^64) * 2^(exponent - 16383 - 63): `exponent` is
 * the biased exponent the result would have if bit 63 of mant_hi were its
 * integer bit; the significand need not be normalized, and anything
 * non-zero below mant_lo should be OR-ed into its bit 0.  A zero
 * significand gives a zero of the given sign.  For FLD of constants. */
f80 f80_round_pack(bool sign, int32_t exponent, uint64_t mant_hi, uint64_t mant_lo,
                   struct f80_env *env);

/* Transcendentals (cpu/fpu/f80_trans.c), results as a P6 gives them. */
f80 f80_sin(f80 a, bool *out_of_range, struct f80_env *env);  /* C2 if |a| >= 2^63 */
f80 f80_cos(f80 a, bool *out_of_range, struct f80_env *env);
f80 f80_tan(f80 a, bool *out_of_range, struct f80_env *env);  /* FPTAN's ST(0) result */
f80 f80_atan2(f80 y, f80 x, struct f80_env *env);             /* FPATAN: atan(y/x) */
f80 f80_2xm1(f80 a, struct f80_env *env);                     /* F2XM1 */
f80 f80_yl2x(f80 y, f80 x, struct f80_env *env);              /* FYL2X: y * log2(x) */
f80 f80_yl2xp1(f80 y, f80 x, struct f80_env *env);            /* FYL2XP1: y * log2(x+1) */

#endif
