/*
 * f80_intconv.c - conversions between the 80-bit format and integers:
 * FIST/FISTP (16, 32, 64 bits), FBSTP and FBLD (18-digit packed BCD),
 * following the Intel SDM Vol. 2 pages of those instructions.  Stores
 * round by the rounding mode; a NaN, an infinity, an unsupported encoding
 * or a value out of range raises IE and stores the integer indefinite
 * (the most negative integer) or the BCD indefinite (FFFF C000 0000 0000
 * 0000).  FBLD of a nibble above 9 is undefined in the SDM; it is taken
 * here at face value (digit * 10^position).
 */
#include "cpu/fpu/f80_internal.h"

/* Round a to an integer magnitude; false when it does not fit 64 bits or
 * is not a number.  Raises nothing. */
static bool round_magnitude(f80 a, struct f80_env *env, uint64_t *mag, bool *inexact, bool *up)
{
    *inexact = *up = false;
    *mag = 0;
    if (f80_is_unsupported(a) || f80_is_nan(a) || f80_is_inf(a))
        return false;
    if (f80_is_zero(a))
        return true;
    int32_t e = f80_eff_exp(a);
    if (e > F80_BIAS + 63)
        return false;
    u128 q = f80_round_shift(u128_make(0, a.mant), (unsigned)(F80_BIAS + 63 - e), f80_env_rc(env),
                             f80_sign(a), inexact, up);
    if (q.hi)
        return false;
    *mag = q.lo;
    return true;
}

int64_t f80_to_int(f80 a, unsigned bytes, struct f80_env *env)
{
    unsigned bits = bytes == 2 ? 16 : bytes == 4 ? 32 : 64;
    uint64_t limit = 1ull << (bits - 1); /* magnitude of the most negative value */
    int64_t indefinite = bits == 64 ? INT64_MIN : -(int64_t)limit;
    uint64_t mag;
    bool inexact, up, neg = f80_sign(a);
    if (!round_magnitude(a, env, &mag, &inexact, &up) || mag > limit || (mag == limit && !neg)) {
        f80_raise(env, F80_IE);
        return indefinite;
    }
    if (inexact)
        f80_raise(env, F80_PE);
    env->c1 = up;
    if (mag == limit)
        return indefinite;
    return neg ? -(int64_t)mag : (int64_t)mag;
}

static const uint64_t bcd_limit = 1000000000000000000ull; /* 10^18 */

void f80_to_bcd(f80 a, uint8_t bcd[10], struct f80_env *env)
{
    uint64_t mag;
    bool inexact, up;
    for (int i = 0; i < 10; i++)
        bcd[i] = 0;
    if (!round_magnitude(a, env, &mag, &inexact, &up) || mag >= bcd_limit) {
        f80_raise(env, F80_IE);
        bcd[9] = 0xFF;
        bcd[8] = 0xFF;
        bcd[7] = 0xC0;
        return;
    }
    if (inexact)
        f80_raise(env, F80_PE);
    env->c1 = up;
    for (int i = 0; i < 9; i++) {
        unsigned lo = (unsigned)(mag % 10);
        mag /= 10;
        unsigned hi = (unsigned)(mag % 10);
        mag /= 10;
        bcd[i] = (uint8_t)(lo | (hi << 4));
    }
    bcd[9] = f80_sign(a) ? 0x80 : 0;
}

f80 f80_from_bcd(const uint8_t bcd[10])
{
    uint64_t v = 0;
    for (int i = 8; i >= 0; i--) {
        v = v * 10 + (bcd[i] >> 4);
        v = v * 10 + (bcd[i] & 15);
    }
    f80 r = f80_from_int((int64_t)v);
    if (bcd[9] & 0x80)
        r.se |= 0x8000;
    return r;
}
