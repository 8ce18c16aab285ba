/*
 * f80_rem.c - FPREM and FPREM1 (Intel SDM Vol. 2, those pages): the exact
 * partial remainder of ST(0) by ST(1).  FPREM truncates the quotient
 * (like C's fmod), FPREM1 rounds it to nearest-even (IEEE remainder).
 * When the exponent difference D is 64 or more, only a partial reduction
 * is done: ST(0) is reduced by ST(1) * QQ * 2^(D-N), QQ truncated, with N
 * an implementation constant between 32 and 63, and C2 reports it; N
 * is 32 + D mod 32 here, so that the difference left is a multiple of 32,
 * which is what the host comparison (tests/fpu) measures.
 * The remainder is always exact, so rounding mode and precision control
 * do not apply.
 */
#include "cpu/fpu/f80_internal.h"

f80 f80_rem(f80 a, f80 b, bool round_nearest, unsigned *quotient, bool *incomplete,
            struct f80_env *env)
{
    f80 out;
    *quotient = 0;
    *incomplete = false;
    if (f80_binary_special(a, b, env, &out))
        return out;
    if (f80_is_inf(a) || f80_is_zero(b))
        return f80_invalid(env);
    if ((f80_is_denormal(a) || f80_is_denormal(b)) && f80_raise(env, F80_DE))
        return a;
    if (f80_is_inf(b) || f80_is_zero(a))
        return f80_is_denormal(a) ? f80_round_prec(f80_sign(a), 1, u128_make(a.mant, 0), 64, env) : a;

    bool sign = f80_sign(a);
    int32_t ea, eb;
    uint64_t ma, mb;
    f80_normalize(a, &ea, &ma);
    f80_normalize(b, &eb, &mb);
    int32_t d = ea - eb;

    if (d < 0) {
        /* |a| < |b|: the quotient is 0, or 1 for FPREM1 when |a| > |b|/2. */
        if (round_nearest && d == -1 && ma > mb) {
            /* b - a in units of a's last bit: 2*mb - ma < 2^64 (ma > mb). */
            u128 r = u128_sub(u128_shl(u128_make(0, mb), 1), u128_make(0, ma));
            *quotient = 1;
            return f80_round_prec(!sign, ea, u128_make(r.lo, 0), 64, env);
        }
        return f80_round_prec(sign, ea, u128_make(ma, 0), 64, env);
    }
    int32_t steps = d;
    if (d >= 64) {
        *incomplete = true;
        /* The host reduces so that the exponent difference left is a
         * multiple of 32: N = 32 + D mod 32. */
        steps = 32 + d % 32;
        round_nearest = false;
    }
    /* Long division of ma * 2^steps by mb, keeping quotient and remainder. */
    uint64_t r = ma, q = 0;
    if (r >= mb) {
        r -= mb;
        q = 1;
    }
    for (int32_t i = 0; i < steps; i++) {
        uint64_t carry = r >> 63;
        r <<= 1;
        q <<= 1;
        if (carry || r >= mb) {
            r -= mb;
            q |= 1;
        }
    }
    if (round_nearest) {
        /* Compare 2r with mb (2r may need 65 bits). */
        bool twice_over = (r >> 63) || (r << 1) > mb;
        bool twice_equal = !(r >> 63) && (r << 1) == mb;
        if (twice_over || (twice_equal && (q & 1))) {
            r = mb - r;
            q += 1;
            sign = !sign;
        }
    }
    *quotient = *incomplete ? 0 : (unsigned)(q & 7);
    /* remainder = r * 2^(eb' - 16383 - 63), eb' = eb + (d - steps) */
    int32_t e = eb + (d - steps);
    if (r == 0)
        return f80_zero(f80_sign(a));
    return f80_round_prec(sign, e, u128_make(r, 0), 64, env);
}
