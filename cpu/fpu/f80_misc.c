/*
 * f80_misc.c - FRNDINT, FSCALE and FXTRACT (Intel SDM Vol. 2, those
 * pages).  These are not affected by precision control: FRNDINT rounds to
 * an integer by the rounding mode, FSCALE rounds to 64 bits only when its
 * result leaves the normal range, FXTRACT is exact.
 */
#include "cpu/fpu/f80_internal.h"

/* An f80 from a non-negative integer held in a u128 (exact when it has
 * at most 64 significant bits, which is all callers pass). */
static f80 from_u128(bool sign, u128 v)
{
    if (u128_is_zero(v))
        return f80_zero(sign);
    unsigned n = u128_clz(v);
    v = u128_shl(v, n);
    return f80_make(sign, F80_BIAS + 127 - (int32_t)n, v.hi);
}

f80 f80_round_to_int(f80 a, struct f80_env *env)
{
    if (f80_is_unsupported(a))
        return f80_invalid(env);
    if (f80_is_nan(a))
        return f80_nan1(a, env);
    if (f80_is_inf(a) || f80_is_zero(a))
        return a;
    if (f80_is_denormal(a) && f80_raise(env, F80_DE))
        return a;
    int32_t e = f80_eff_exp(a);
    if (e >= F80_BIAS + 63)
        return a;
    bool sign = f80_sign(a), inexact, up;
    unsigned frac_bits = (unsigned)(F80_BIAS + 63 - e);
    u128 q = f80_round_shift(u128_make(0, a.mant), frac_bits, f80_env_rc(env), sign, &inexact,
                             &up);
    if (inexact)
        f80_raise(env, F80_PE);
    env->c1 = up;
    return from_u128(sign, q);
}

f80 f80_scale(f80 a, f80 b, struct f80_env *env)
{
    f80 out;
    if (f80_binary_special(a, b, env, &out))
        return out;
    if (f80_is_inf(b)) {
        bool down = f80_sign(b);
        if ((f80_is_zero(a) && !down) || (f80_is_inf(a) && down))
            return f80_invalid(env);
        if (f80_is_denormal(a) && f80_raise(env, F80_DE))
            return a;
        if (f80_is_zero(a) || f80_is_inf(a))
            return a;
        return down ? f80_zero(f80_sign(a)) : f80_inf(f80_sign(a));
    }
    if ((f80_is_denormal(a) || f80_is_denormal(b)) && f80_raise(env, F80_DE))
        return a;
    if (f80_is_zero(a) || f80_is_inf(a))
        return a;
    /* trunc(b), clamped: beyond 2^16 the result saturates anyway. */
    int32_t n = 0;
    int32_t eb = f80_eff_exp(b);
    if (!f80_is_zero(b) && eb >= F80_BIAS) {
        if (eb >= F80_BIAS + 17)
            n = 1 << 17;
        else
            n = (int32_t)(b.mant >> (63 - (eb - F80_BIAS)));
        if (f80_sign(b))
            n = -n;
    }
    /* Measured on the host: a zero ST(1) leaves the operand as it is
     * (pseudo-denormals written as normals), even a denormal with UE unmasked (no UE then); any other ST(1)
     * with trunc() = 0 goes through rounding (pseudo-denormals become
     * normal, unmasked UE wraps). */
    if (f80_is_zero(b))
        return f80_exp(a) == 0 && (a.mant & F80_INT_BIT) ? f80_make(f80_sign(a), 1, a.mant) : a;
    return f80_round_prec(f80_sign(a), f80_eff_exp(a) + n, u128_make(a.mant, 0), 64, env);
}

f80 f80_xtract(f80 a, f80 *exponent, struct f80_env *env)
{
    if (f80_is_unsupported(a)) {
        *exponent = f80_invalid(env);
        return *exponent;
    }
    if (f80_is_nan(a)) {
        *exponent = f80_nan1(a, env);
        return *exponent;
    }
    if (f80_is_inf(a)) {
        *exponent = f80_inf(false);
        return a;
    }
    if (f80_is_zero(a)) {
        f80_raise(env, F80_ZE);
        *exponent = f80_inf(true);
        return a;
    }
    if (f80_is_denormal(a) && f80_raise(env, F80_DE)) {
        *exponent = a;
        return a;
    }
    int32_t e;
    uint64_t m;
    f80_normalize(a, &e, &m);
    *exponent = f80_from_int(e - F80_BIAS);
    return f80_make(f80_sign(a), F80_BIAS, m);
}

f80 f80_from_int(int64_t v)
{
    bool sign = v < 0;
    uint64_t mag = sign ? 0 - (uint64_t)v : (uint64_t)v;
    return from_u128(sign, u128_make(0, mag));
}
