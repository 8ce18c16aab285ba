/*
 * f80_muldiv.c - FMUL and FDIV on the 80-bit format (Intel SDM Vol. 2,
 * FMUL and FDIV; Vol. 1 8.5).  The product of two 64-bit significands is
 * exact in 128 bits; the quotient is produced bit by bit (restoring
 * division) to 128 bits with the remainder as a sticky bit.  Both are then
 * rounded once by precision control and rounding mode.
 */
#include "cpu/fpu/f80_internal.h"

f80 f80_mul(f80 a, f80 b, struct f80_env *env)
{
    f80 out;
    bool sign = f80_sign(a) != f80_sign(b);
    if (f80_binary_special(a, b, env, &out))
        return out;
    if ((f80_is_inf(a) && f80_is_zero(b)) || (f80_is_zero(a) && f80_is_inf(b)))
        return f80_invalid(env);
    if (f80_is_denormal(a) || f80_is_denormal(b))
        if (f80_raise(env, F80_DE))
            return a;
    if (f80_is_inf(a) || f80_is_inf(b))
        return f80_inf(sign);
    if (f80_is_zero(a) || f80_is_zero(b))
        return f80_zero(sign);
    u128 p = u128_mul64(a.mant, b.mant);
    int32_t e = f80_eff_exp(a) + f80_eff_exp(b) - F80_BIAS + 1;
    return f80_round_prec(sign, e, p, f80_env_prec(env), env);
}

/* floor(n * 2^127 / d) for normalized n, d (bit 63 set); *rest_nonzero
 * tells whether the division left a remainder. */
static u128 divide_sig(uint64_t n, uint64_t d, bool *rest_nonzero)
{
    u128 q = u128_make(0, 0);
    uint64_t r = n;
    if (r >= d) {
        r -= d;
        q.hi = F80_INT_BIT;
    }
    for (int bit = 126; bit >= 0; bit--) {
        uint64_t carry = r >> 63;
        r <<= 1;
        if (carry || r >= d) {
            r -= d;
            if (bit >= 64)
                q.hi |= 1ull << (bit - 64);
            else
                q.lo |= 1ull << bit;
        }
    }
    *rest_nonzero = r != 0;
    return q;
}

f80 f80_div(f80 a, f80 b, struct f80_env *env)
{
    f80 out;
    bool sign = f80_sign(a) != f80_sign(b);
    if (f80_binary_special(a, b, env, &out))
        return out;
    if ((f80_is_inf(a) && f80_is_inf(b)) || (f80_is_zero(a) && f80_is_zero(b)))
        return f80_invalid(env);
    /* Division by zero outranks the denormal operand (SDM Vol. 1 8.7.1
     * lists #Z before #D; the host agrees: no DE for denormal / 0). */
    if (f80_is_zero(b) && !f80_is_inf(a)) {
        f80_raise(env, F80_ZE);
        return f80_inf(sign);
    }
    if (f80_is_denormal(a) || f80_is_denormal(b))
        if (f80_raise(env, F80_DE))
            return a;
    if (f80_is_inf(a))
        return f80_inf(sign);
    if (f80_is_inf(b) || f80_is_zero(a))
        return f80_zero(sign);
    int32_t ea, eb;
    uint64_t ma, mb;
    bool rest;
    f80_normalize(a, &ea, &ma);
    f80_normalize(b, &eb, &mb);
    u128 q = divide_sig(ma, mb, &rest);
    q.lo |= rest;
    return f80_round_prec(sign, ea - eb + F80_BIAS, q, f80_env_prec(env), env);
}
