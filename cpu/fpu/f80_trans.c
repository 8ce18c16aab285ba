/*
 * f80_trans.c - the x87 transcendentals: FSIN, FCOS, FPTAN, FPATAN,
 * F2XM1, FYL2X, FYL2XP1 (Intel SDM Vol. 2, those pages; Vol. 1 8.3.10).
 *
 * Each is evaluated in the 128-bit float of f80_wide.h by plain series
 * (Taylor for sin, cos and e^t - 1; atanh for logarithms; atan after two
 * half-angle steps) and rounded once, so results are correctly rounded
 * except in rare near-ties.  Like the P6 and its successors, FSIN, FCOS
 * and FPTAN reduce their argument by a 66-bit approximation of pi/2,
 * exactly: results for large arguments are those of x - k * pi66/2, which
 * is what the host comparison measures.  |x| >= 2^63 sets C2 and leaves
 * the operand alone.  Not done: the SDM leaves F2XM1 outside [-1, 1] and
 * FYL2XP1 outside |x| < 1 - sqrt(2)/2 undefined; this evaluates the
 * mathematical function there, which need not match any real chip.
 */
#include "cpu/fpu/f80_wide.h"

/* A series stops after adding the first term that falls below the sum's
 * 128-bit precision: that term leaves only a sticky bit of the right sign
 * (the rest of the series is smaller still), so the sum is known to be
 * inexact and on which side. */
static bool negligible(struct wide term, struct wide sum)
{
    return wide_is_zero(term) || (!wide_is_zero(sum) && term.exp < sum.exp - 126);
}

static struct wide wide_one(void) { return wide_from_int(1); }

/* sin r and cos r for |r| <= pi/4 (a little more is fine). */
static struct wide sin_series(struct wide r)
{
    struct wide r2 = wide_mul(r, r), term = r, sum = r;
    for (uint32_t k = 1; k < 60; k++) {
        term = wide_neg(wide_div_small(wide_mul(term, r2), (2 * k) * (2 * k + 1)));
        sum = wide_add(sum, term);
        if (negligible(term, sum))
            break;
    }
    return sum;
}

static struct wide cos_series(struct wide r)
{
    struct wide r2 = wide_mul(r, r), term = wide_one(), sum = wide_one();
    for (uint32_t k = 1; k < 60; k++) {
        term = wide_neg(wide_div_small(wide_mul(term, r2), (2 * k - 1) * (2 * k)));
        sum = wide_add(sum, term);
        if (negligible(term, sum))
            break;
    }
    return sum;
}

/* tan r for |r| < 2^-32: r + r^3/3 + 2r^5/15 + 17r^7/315, the last term
 * only a sticky bit.  sin/cos would lose the r^3 term's last bits in their
 * own stickies, which matters when r has a short significand. */
static struct wide tan_small(struct wide r)
{
    struct wide r2 = wide_mul(r, r), r3 = wide_mul(r, r2), r5 = wide_mul(r3, r2);
    struct wide sum = wide_add(r, wide_div_small(r3, 3));
    sum = wide_add(sum, wide_div_small(wide_ldexp(r5, 1), 15));
    return wide_add(sum, wide_div_small(wide_mul(wide_mul(r5, r2), wide_from_int(17)), 315));
}

/* x = k * P + r exactly, P = pi66 / 2 = 0x3243F6A8885A308D3 * 2^-65,
 * k rounded to nearest; returns r and k mod 4. */
static struct wide reduce(f80 x, unsigned *quadrant)
{
    const u128 mp = u128_make(0x3, 0x243F6A8885A308D3ull);
    int32_t e;
    uint64_t mx;
    f80_normalize(x, &e, &mx);
    int32_t t = e - F80_BIAS - 63 + 65; /* x / P = mx * 2^t / mp */
    *quadrant = 0;
    if (t < 0)
        return wide_from_f80(x);
    u128 r = u128_make(0, mx);
    uint64_t q = 0;
    for (int32_t i = 0;; i++) {
        q <<= 1;
        if (u128_cmp(r, mp) >= 0) {
            r = u128_sub(r, mp);
            q |= 1;
        }
        if (i == t)
            break;
        r = u128_shl(r, 1);
    }
    bool neg = f80_sign(x);
    /* round the quotient to nearest: compare 2r with mp */
    u128 twice = u128_shl(r, 1);
    int c = u128_cmp(twice, mp);
    if (c > 0 || (c == 0 && (q & 1))) {
        r = u128_sub(mp, r);
        q += 1;
        neg = !neg;
    }
    *quadrant = (unsigned)(q & 3);
    if (f80_sign(x))
        *quadrant = (4 - *quadrant) & 3;
    return wide_make(neg, 127 - 65, r);
}

enum trig { TRIG_SIN, TRIG_COS, TRIG_TAN };

static f80 trig(f80 a, enum trig fn, bool *out_of_range, struct f80_env *env)
{
    *out_of_range = false;
    if (f80_is_unsupported(a) || f80_is_inf(a))
        return f80_invalid(env);
    if (f80_is_nan(a))
        return f80_nan1(a, env);
    if (f80_is_denormal(a) && f80_raise(env, F80_DE))
        return a;
    if (f80_is_zero(a))
        return fn == TRIG_COS ? f80_one() : a;
    if (f80_exp(a) >= F80_BIAS + 63) {
        *out_of_range = true;
        return a;
    }
    if (f80_exp(a) < F80_BIAS - 68) {
        /* Measured on the host: below 2^-68 the x87 answers x (sin, tan)
         * or 1 (cos) with PE, whatever the rounding mode, C1 clear. */
        f80_raise(env, F80_PE);
        env->c1 = false;
        if (fn == TRIG_COS)
            return f80_one();
        if (f80_exp(a) == 0 && (a.mant & F80_INT_BIT))
            return f80_make(f80_sign(a), 1, a.mant);
        if (f80_exp(a) == 0)
            f80_raise(env, F80_UE); /* a denormal result: tiny and inexact */
        return a;
    }
    unsigned k;
    struct wide r = reduce(a, &k);
    struct wide s = sin_series(r), c = cos_series(r), res;
    switch (fn) {
    case TRIG_SIN: res = (k & 1) ? c : s; if (k & 2) res = wide_neg(res); break;
    case TRIG_COS: res = (k & 1) ? s : c; if (((k + 1) & 2)) res = wide_neg(res); break;
    default:
        if (k == 0 && r.exp < -32)
            res = tan_small(r);
        else
            res = (k & 1) ? wide_neg(wide_div(c, s)) : wide_div(s, c);
        break;
    }
    return wide_to_f80(res, env);
}

f80 f80_sin(f80 a, bool *out_of_range, struct f80_env *env)
{
    return trig(a, TRIG_SIN, out_of_range, env);
}

f80 f80_cos(f80 a, bool *out_of_range, struct f80_env *env)
{
    return trig(a, TRIG_COS, out_of_range, env);
}

f80 f80_tan(f80 a, bool *out_of_range, struct f80_env *env)
{
    return trig(a, TRIG_TAN, out_of_range, env);
}

/* atan z for 0 <= z <= 1. */
static struct wide atan_unit(struct wide z)
{
    /* atan z = 2 atan(z / (1 + sqrt(1 + z^2))), twice: z <= tan(pi/16). */
    for (int i = 0; i < 2; i++)
        z = wide_div(z, wide_add(wide_one(), wide_sqrt(wide_add(wide_one(), wide_mul(z, z)))));
    struct wide z2 = wide_mul(z, z), pow = z, sum = z;
    for (uint32_t k = 1; k < 80; k++) {
        pow = wide_neg(wide_mul(pow, z2));
        struct wide term = wide_div_small(pow, 2 * k + 1);
        sum = wide_add(sum, term);
        if (negligible(term, sum))
            break;
    }
    return wide_ldexp(sum, 2);
}

f80 f80_atan2(f80 y, f80 x, struct f80_env *env)
{
    f80 out;
    if (f80_binary_special(x, y, env, &out))
        return out;
    if ((f80_is_denormal(x) || f80_is_denormal(y)) && f80_raise(env, F80_DE))
        return x;
    bool sy = f80_sign(y), sx = f80_sign(x);
    struct wide pi = wide_pi(), res;
    if (f80_is_zero(y))
        return sx ? wide_to_f80(wide_make(sy, pi.exp, pi.m), env) : f80_zero(sy);
    if (f80_is_inf(y)) {
        if (f80_is_inf(x))
            res = sx ? wide_add(wide_ldexp(pi, -1), wide_ldexp(pi, -2)) : wide_ldexp(pi, -2);
        else
            res = wide_ldexp(pi, -1);
    } else if (f80_is_zero(x)) {
        res = wide_ldexp(pi, -1);
    } else if (f80_is_inf(x)) {
        if (!sx)
            return f80_zero(sy);
        res = pi;
    } else {
        struct wide ay = wide_from_f80(y), ax = wide_from_f80(x);
        ay.neg = ax.neg = false;
        bool swap = ay.exp > ax.exp || (ay.exp == ax.exp && u128_cmp(ay.m, ax.m) > 0);
        res = swap ? wide_sub(wide_ldexp(pi, -1), atan_unit(wide_div(ax, ay)))
                   : atan_unit(wide_div(ay, ax));
        if (sx)
            res = wide_sub(pi, res);
    }
    res.neg = sy;
    return wide_to_f80(res, env);
}

f80 f80_2xm1(f80 a, struct f80_env *env)
{
    if (f80_is_unsupported(a))
        return f80_invalid(env);
    if (f80_is_nan(a))
        return f80_nan1(a, env);
    if (f80_is_inf(a))
        return f80_sign(a) ? f80_make(true, F80_BIAS, F80_INT_BIT) : a;
    if (f80_is_zero(a))
        return a;
    if (f80_is_denormal(a) && f80_raise(env, F80_DE))
        return a;
    /* 2^x - 1 = e^t - 1, t = x ln 2: t + t^2/2! + t^3/3! ... */
    struct wide t = wide_mul(wide_from_f80(a), wide_ln2()), term = t, sum = t;
    for (uint32_t k = 2; k < 80; k++) {
        term = wide_div_small(wide_mul(term, t), k);
        sum = wide_add(sum, term);
        if (negligible(term, sum))
            break;
    }
    return wide_to_f80(sum, env);
}

/* ln(1 + u) for u = (m - 1) given exactly, by 2 atanh(u / (2 + u)). */
static struct wide ln1p_wide(struct wide u)
{
    struct wide s = wide_div(u, wide_add(wide_from_int(2), u));
    struct wide s2 = wide_mul(s, s), pow = s, sum = s;
    for (uint32_t k = 1; k < 80; k++) {
        pow = wide_mul(pow, s2);
        struct wide term = wide_div_small(pow, 2 * k + 1);
        sum = wide_add(sum, term);
        if (negligible(term, sum))
            break;
    }
    return wide_ldexp(sum, 1);
}

/* log2 of a finite positive x, as a wide. */
static struct wide log2_wide(f80 x)
{
    int32_t e;
    uint64_t m;
    f80_normalize(x, &e, &m);
    int32_t k = e - F80_BIAS;
    /* m in [1, 2); use [sqrt(2)/2, sqrt(2)) so x near 1 keeps precision */
    struct wide mw = wide_make(false, 0, u128_make(m, 0));
    if (m > 0xB504F333F9DE6484ull) {
        mw = wide_ldexp(mw, -1);
        k += 1;
    }
    if (m == F80_INT_BIT) {
        /* x = 2^k.  Measured on the host: the x87 still treats log2(x) as
         * inexact, a little smaller in magnitude than k (PE, UE for tiny
         * products, truncation towards zero). */
        struct wide kw = wide_from_int(k);
        return wide_sub(kw, wide_make(kw.neg, kw.exp - 200, u128_make(F80_INT_BIT, 0)));
    }
    struct wide ln = ln1p_wide(wide_sub(mw, wide_one()));
    return wide_add(wide_from_int(k), wide_div(ln, wide_ln2()));
}

f80 f80_yl2x(f80 y, f80 x, struct f80_env *env)
{
    f80 out;
    if (f80_binary_special(x, y, env, &out))
        return out;
    bool sy = f80_sign(y);
    bool is_one = f80_exp(x) == F80_BIAS && x.mant == F80_INT_BIT;
    if ((f80_sign(x) && !f80_is_zero(x)) || (f80_is_zero(x) && f80_is_zero(y)) ||
        (f80_is_inf(x) && f80_is_zero(y)) || (is_one && f80_is_inf(y)))
        return f80_invalid(env);
    if (f80_is_zero(x)) {
        /* as in FDIV, division by zero outranks a denormal y (host) */
        if (!f80_is_inf(y) && f80_raise(env, F80_ZE))
            return x;
        return f80_inf(!sy);
    }
    if ((f80_is_denormal(x) || f80_is_denormal(y)) && f80_raise(env, F80_DE))
        return x;
    if (f80_is_inf(x))
        return f80_inf(sy);
    bool below_one = f80_exp(x) < F80_BIAS;
    if (f80_is_inf(y))
        return f80_inf(sy != below_one);
    if (f80_is_zero(y) || is_one)
        return f80_zero(sy != (below_one && !is_one));
    return wide_to_f80(wide_mul(wide_from_f80(y), log2_wide(x)), env);
}

f80 f80_yl2xp1(f80 y, f80 x, struct f80_env *env)
{
    f80 out;
    if (f80_binary_special(x, y, env, &out))
        return out;
    bool sy = f80_sign(y), sx = f80_sign(x);
    struct wide xw = wide_from_f80(x);
    /* invalid: x = -inf, or x <= -1 (log of a non-positive), inf * 0 */
    if ((f80_is_inf(x) && (sx || f80_is_zero(y))) || (f80_is_zero(x) && f80_is_inf(y)) ||
        (sx && !f80_is_zero(x) && xw.exp >= 0))
        return f80_invalid(env);
    if ((f80_is_denormal(x) || f80_is_denormal(y)) && f80_raise(env, F80_DE))
        return x;
    if (f80_is_inf(x))
        return f80_inf(sy);
    if (f80_is_zero(x))
        return f80_zero(sx != sy);
    if (f80_is_inf(y))
        return f80_inf(sx != sy);
    if (f80_is_zero(y))
        return f80_zero(sx != sy);
    struct wide l = wide_div(ln1p_wide(xw), wide_ln2());
    return wide_to_f80(wide_mul(wide_from_f80(y), l), env);
}
