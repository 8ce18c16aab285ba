/*
 * f80_round.c - classification, constants, exception raising, NaN
 * propagation and rounding for the x87 numeric core.
 *
 * Rounding follows Intel SDM Vol. 1 4.8.4 and 8.1.5: the exact result is
 * rounded to the significand width chosen by precision control (24, 53 or
 * 64 bits) while the exponent keeps its 15-bit range; results below the
 * normal range are denormalized with gradual underflow.  Tininess is
 * detected after rounding (the exact value rounded to the target width
 * with an unbounded exponent is below the smallest normal), as x86 does;
 * the host comparison in tests/fpu checks this.  Masked underflow raises
 * UE only when the result is also inexact; unmasked underflow or overflow
 * on an extended destination returns the rounded value with the exponent
 * wrapped by 24576 (SDM 8.5.4, 8.5.5).
 */
#include "cpu/fpu/f80_internal.h"

enum f80_class f80_classify(f80 a)
{
    int32_t e = f80_exp(a);
    if (e == 0)
        return a.mant ? F80_DENORMAL : F80_ZERO;
    if (!(a.mant & F80_INT_BIT))
        return F80_UNSUPPORTED;
    if (e == F80_EXP_MAX) {
        if ((a.mant << 1) == 0)
            return F80_INF;
        return (a.mant & F80_QUIET_BIT) ? F80_QNAN : F80_SNAN;
    }
    return F80_NORMAL;
}

f80 f80_indefinite(void) { return f80_make(true, F80_EXP_MAX, F80_INT_BIT | F80_QUIET_BIT); }
f80 f80_zero(bool negative) { return f80_make(negative, 0, 0); }
f80 f80_inf(bool negative) { return f80_make(negative, F80_EXP_MAX, F80_INT_BIT); }
f80 f80_one(void) { return f80_make(false, F80_BIAS, F80_INT_BIT); }

bool f80_raise(struct f80_env *env, unsigned flags)
{
    env->flags |= (uint16_t)flags;
    if (flags & (F80_IE | F80_DE | F80_ZE) & ~env->cw) {
        env->unmasked_fault = true;
        return true;
    }
    return false;
}

f80 f80_invalid(struct f80_env *env)
{
    f80_raise(env, F80_IE);
    return f80_indefinite();
}

static f80 quiet(f80 a)
{
    a.mant |= F80_QUIET_BIT;
    return a;
}

f80 f80_nan1(f80 a, struct f80_env *env)
{
    if (f80_is_snan(a))
        f80_raise(env, F80_IE);
    return quiet(a);
}

f80 f80_nan2(f80 a, f80 b, struct f80_env *env)
{
    if (f80_is_snan(a) || f80_is_snan(b))
        f80_raise(env, F80_IE);
    if (!f80_is_nan(a))
        return quiet(b);
    if (!f80_is_nan(b))
        return quiet(a);
    /* Comparing raw significands also makes a QNaN win over an SNaN. */
    if (a.mant != b.mant)
        return quiet(a.mant > b.mant ? a : b);
    return quiet(f80_sign(a) ? b : a);
}

bool f80_binary_special(f80 a, f80 b, struct f80_env *env, f80 *out)
{
    if (f80_is_unsupported(a) || f80_is_unsupported(b)) {
        *out = f80_invalid(env);
        return true;
    }
    if (f80_is_nan(a) || f80_is_nan(b)) {
        *out = f80_nan2(a, b, env);
        return true;
    }
    return false;
}

u128 f80_round_shift(u128 sig, unsigned drop, unsigned rc, bool sign, bool *inexact, bool *up)
{
    u128 q, rem;
    int half_cmp; /* rem compared with half a unit of the kept part */
    if (drop == 0) {
        *inexact = *up = false;
        return sig;
    }
    if (drop > 128) {
        q = u128_make(0, 0);
        rem = sig;
        half_cmp = -1;
    } else {
        q = u128_shr(sig, drop);
        rem = u128_sub(sig, u128_shl(q, drop));
        half_cmp = u128_cmp(rem, u128_shl(u128_make(0, 1), drop - 1));
    }
    *inexact = !u128_is_zero(rem);
    switch (rc) {
    case F80_RC_NEAREST: *up = half_cmp > 0 || (half_cmp == 0 && (q.lo & 1)); break;
    case F80_RC_UP: *up = *inexact && !sign; break;
    case F80_RC_DOWN: *up = *inexact && sign; break;
    default: *up = false; break;
    }
    if (*up)
        q = u128_add(q, u128_make(0, 1));
    return q;
}

static struct f80_rounded overflow(bool sign, const struct f80_format *fmt, struct f80_env *env)
{
    struct f80_rounded r = { sign, false, false, fmt->emax, 0 };
    unsigned rc = f80_env_rc(env);
    f80_raise(env, F80_OE | F80_PE);
    r.inf = rc == F80_RC_NEAREST || (rc == F80_RC_UP && !sign) || (rc == F80_RC_DOWN && sign);
    if (!r.inf)
        r.q = fmt->prec == 64 ? ~0ull : (1ull << fmt->prec) - 1;
    env->c1 = r.inf;
    return r;
}

struct f80_rounded f80_round(bool sign, int32_t exp, u128 sig, const struct f80_format *fmt,
                             struct f80_env *env)
{
    struct f80_rounded r = { sign, false, false, 0, 0 };
    unsigned n = u128_clz(sig), drop = 128 - fmt->prec, rc = f80_env_rc(env);
    bool inexact, up;
    sig = u128_shl(sig, n);
    exp -= (int32_t)n;

    /* Round with an unbounded exponent first: that decides overflow and,
     * since x86 detects tininess after rounding, underflow too. */
    u128 q = f80_round_shift(sig, drop, rc, sign, &inexact, &up);
    int32_t e = exp;
    if (q.hi || (fmt->prec < 64 && (q.lo >> fmt->prec))) {
        q = u128_shr(q, 1);
        e++;
    }
    if (e > fmt->emax) {
        if (fmt->wrap && !f80_masked(env, F80_OE)) {
            e -= fmt->wrap;
            f80_raise(env, F80_OE);
            if (e > fmt->emax) {
                /* Still out of range after wrapping (only FSCALE gets
                 * there): the host answers a signed infinity, any RC. */
                f80_raise(env, F80_PE);
                r.inf = true;
                env->c1 = true;
                return r;
            }
        } else {
            return overflow(sign, fmt, env);
        }
    } else if (e < fmt->emin) {
        if (fmt->wrap && !f80_masked(env, F80_UE)) {
            e += fmt->wrap;
            f80_raise(env, F80_UE);
            if (e < fmt->emin) {
                /* Still too small after wrapping (FSCALE): a signed zero. */
                f80_raise(env, F80_PE);
                r.zero = true;
                r.exp = fmt->emin;
                env->c1 = false;
                return r;
            }
        } else {
            /* Gradual underflow: shift to the smallest exponent and round
             * at the same bit position as a normal result would. */
            if (!f80_masked(env, F80_UE))
                f80_raise(env, F80_UE);
            u128 d = u128_shr_jam(sig, (unsigned)(fmt->emin - exp));
            q = f80_round_shift(d, drop, rc, sign, &inexact, &up);
            r.exp = fmt->emin;
            r.q = q.lo;
            r.zero = q.lo == 0;
            if (inexact)
                f80_raise(env, F80_UE | F80_PE);
            env->c1 = up;
            return r;
        }
    }
    r.exp = e;
    r.q = q.lo;
    if (inexact)
        f80_raise(env, F80_PE);
    env->c1 = up;
    return r;
}

static const struct f80_format *extended_format(unsigned prec)
{
    static const struct f80_format fmts[3] = {
        { 24, 1, F80_EXP_MAX - 1, F80_WRAP },
        { 53, 1, F80_EXP_MAX - 1, F80_WRAP },
        { 64, 1, F80_EXP_MAX - 1, F80_WRAP },
    };
    return &fmts[prec == 24 ? 0 : prec == 53 ? 1 : 2];
}

f80 f80_round_prec(bool sign, int32_t exp, u128 sig, unsigned prec, struct f80_env *env)
{
    if (u128_is_zero(sig))
        return f80_zero(sign);
    struct f80_rounded r = f80_round(sign, exp, sig, extended_format(prec), env);
    if (r.inf)
        return f80_inf(sign);
    uint64_t mant = r.q << (64 - prec);
    if (r.zero)
        return f80_zero(sign);
    return f80_make(sign, (mant & F80_INT_BIT) ? r.exp : 0, mant);
}

f80 f80_round_pack(bool sign, int32_t exponent, uint64_t mant_hi, uint64_t mant_lo,
                   struct f80_env *env)
{
    return f80_round_prec(sign, exponent, u128_make(mant_hi, mant_lo), 64, env);
}
