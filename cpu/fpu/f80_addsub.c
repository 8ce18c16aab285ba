/*
 * f80_addsub.c - FADD/FSUB on the 80-bit format (Intel SDM Vol. 2, FADD
 * and FSUB; Vol. 1 4.8.3, 8.5).  The exact sum is formed in 128 bits (one
 * significand shifted right with a sticky bit, so cancellation keeps
 * every bit that matters) and rounded once by precision control and
 * rounding mode.  An exact zero sum of opposite-signed operands is +0,
 * or -0 when rounding down (SDM Vol. 1 4.8.3.1).
 */
#include "cpu/fpu/f80_internal.h"

static f80 add_signed(f80 a, bool sb, f80 b, struct f80_env *env)
{
    f80 out;
    bool sa = f80_sign(a);
    if (f80_binary_special(a, b, env, &out))
        return out;
    if (f80_is_inf(a) || f80_is_inf(b)) {
        if (f80_is_inf(a) && f80_is_inf(b) && sa != sb)
            return f80_invalid(env);
        if (f80_is_denormal(a) || f80_is_denormal(b))
            if (f80_raise(env, F80_DE))
                return a;
        return f80_is_inf(a) ? a : f80_inf(sb);
    }
    if (f80_is_denormal(a) || f80_is_denormal(b))
        if (f80_raise(env, F80_DE))
            return a;
    if (f80_is_zero(a) && f80_is_zero(b)) {
        if (sa == sb)
            return f80_zero(sa);
        return f80_zero(f80_env_rc(env) == F80_RC_DOWN);
    }

    int32_t ea = f80_eff_exp(a), eb = f80_eff_exp(b);
    uint64_t ma = a.mant, mb = b.mant;
    if (ea < eb || (ea == eb && ma < mb)) {
        int32_t te = ea; ea = eb; eb = te;
        uint64_t tm = ma; ma = mb; mb = tm;
        bool ts = sa; sa = sb; sb = ts;
    }
    /* |a| >= |b| now.  One bit of headroom for the carry of a sum. */
    u128 A = u128_shr(u128_make(ma, 0), 1);
    u128 B = u128_shr_jam(u128_make(mb, 0), (unsigned)(ea - eb) + 1);
    u128 S = sa == sb ? u128_add(A, B) : u128_sub(A, B);
    if (u128_is_zero(S))
        return f80_zero(f80_env_rc(env) == F80_RC_DOWN);
    return f80_round_prec(sa, ea + 1, S, f80_env_prec(env), env);
}

f80 f80_add(f80 a, f80 b, struct f80_env *env)
{
    return add_signed(a, f80_sign(b), b, env);
}

f80 f80_sub(f80 a, f80 b, struct f80_env *env)
{
    f80 nb = b;
    /* The sign flip must not disturb NaN selection, which looks at the
     * operands as given. */
    if (f80_is_nan(b) || f80_is_unsupported(b))
        return add_signed(a, f80_sign(b), b, env);
    nb.se ^= 0x8000;
    return add_signed(a, f80_sign(nb), nb, env);
}
