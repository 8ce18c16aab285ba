/*
 * f80_wide.c - arithmetic on the 128-bit-significand float of f80_wide.h.
 * Products keep the top 128 bits of the 256-bit product, sums align with
 * truncation, quotients are produced bit by bit; all truncate, so every
 * operation is within one unit of the 128th bit.  The constants were
 * checked against an independent high-precision evaluation (Machin's
 * formula for pi, the logarithm series for ln 2).
 */
#include "cpu/fpu/f80_wide.h"

struct wide wide_make(bool neg, int32_t exp, u128 m)
{
    struct wide w = { neg, exp, m };
    if (u128_is_zero(m)) {
        w.exp = 0;
        return w;
    }
    unsigned n = u128_clz(m);
    w.m = u128_shl(m, n);
    w.exp = exp - (int32_t)n;
    return w;
}

struct wide wide_from_f80(f80 a)
{
    /* mant bit 63 has weight 2^(e - 16383): as bit 127 that is exp. */
    return wide_make(f80_sign(a), f80_eff_exp(a) - F80_BIAS, u128_make(a.mant, 0));
}

struct wide wide_from_int(int64_t v)
{
    uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    return wide_make(v < 0, 127, u128_make(0, mag));
}

struct wide wide_neg(struct wide a)
{
    a.neg = !a.neg;
    return a;
}

struct wide wide_ldexp(struct wide a, int32_t n)
{
    if (!wide_is_zero(a))
        a.exp += n;
    return a;
}

struct wide wide_add(struct wide a, struct wide b)
{
    if (wide_is_zero(a))
        return b;
    if (wide_is_zero(b))
        return a;
    if (a.exp < b.exp || (a.exp == b.exp && u128_cmp(a.m, b.m) < 0)) {
        struct wide t = a;
        a = b;
        b = t;
    }
    /* |a| >= |b|.  Bits of b shifted out stay as a sticky bit, so a tiny
     * b still moves the sum in the right direction. */
    uint32_t d = (uint32_t)(a.exp - b.exp);
    u128 bm = u128_shr_jam(b.m, d >= 200 ? 200 : d);
    if (a.neg != b.neg)
        return wide_make(a.neg, a.exp, u128_sub(a.m, bm));
    u128 s = u128_add(a.m, bm);
    if (u128_cmp(s, a.m) < 0) {
        /* carry out of bit 127: shift it back in */
        s = u128_shr_jam(s, 1);
        s.hi |= F80_INT_BIT;
        return wide_make(a.neg, a.exp + 1, s);
    }
    return wide_make(a.neg, a.exp, s);
}

struct wide wide_sub(struct wide a, struct wide b) { return wide_add(a, wide_neg(b)); }

struct wide wide_mul(struct wide a, struct wide b)
{
    if (wide_is_zero(a) || wide_is_zero(b))
        return wide_make(false, 0, u128_make(0, 0));
    u128 hh = u128_mul64(a.m.hi, b.m.hi);
    u128 hl = u128_mul64(a.m.hi, b.m.lo);
    u128 lh = u128_mul64(a.m.lo, b.m.hi);
    u128 ll = u128_mul64(a.m.lo, b.m.lo);
    /* top half of hh*2^128 + (hl + lh)*2^64 + ll */
    u128 mid = u128_add(u128_make(0, hl.lo), u128_make(0, lh.lo));
    mid = u128_add(mid, u128_make(0, ll.hi));
    u128 top = u128_add(hh, u128_make(0, hl.hi));
    top = u128_add(top, u128_make(0, lh.hi));
    top = u128_add(top, u128_make(0, mid.hi));
    /* value = top * 2^128 * 2^(ea-127) * 2^(eb-127) / ... */
    return wide_make(a.neg != b.neg, a.exp + b.exp + 1, top);
}

struct wide wide_div(struct wide a, struct wide b)
{
    if (wide_is_zero(a) || wide_is_zero(b))
        return wide_make(false, 0, u128_make(0, 0));
    /* Restoring division of a.m by b.m, 128 quotient bits; the partial
     * remainder needs 129 bits: a u128 plus the bit shifted out. */
    u128 r = a.m, q = u128_make(0, 0);
    bool carry = false;
    for (int bit = 127; bit >= 0; bit--) {
        if (carry || u128_cmp(r, b.m) >= 0) {
            r = u128_sub(r, b.m);
            if (bit >= 64)
                q.hi |= 1ull << (bit - 64);
            else
                q.lo |= 1ull << bit;
        }
        carry = r.hi >> 63;
        r = u128_shl(r, 1);
    }
    q.lo |= carry || !u128_is_zero(r); /* sticky: the quotient goes on */
    return wide_make(a.neg != b.neg, a.exp - b.exp, q);
}

struct wide wide_div_small(struct wide a, uint32_t d)
{
    if (wide_is_zero(a) || d == 0)
        return wide_make(false, 0, u128_make(0, 0));
    /* Q = a.m * 2^32 / d, 160 bits in five 32-bit limbs, top first. */
    uint64_t limbs[5] = { a.m.hi >> 32, a.m.hi & 0xFFFFFFFFu, a.m.lo >> 32, a.m.lo & 0xFFFFFFFFu, 0 };
    uint64_t q[5], rem = 0;
    for (int i = 0; i < 5; i++) {
        uint64_t cur = (rem << 32) | limbs[i];
        q[i] = cur / d;
        rem = cur % d;
    }
    u128 hi = u128_make((q[0] << 32) | q[1], (q[2] << 32) | q[3]);
    unsigned n = u128_clz(hi); /* at most 32, since a.m >= 2^127 > d * 2^95 */
    u128 m = u128_shl(hi, n);
    if (n)
        m.lo |= q[4] >> (32 - n);
    /* a/d = Q * 2^(a.exp - 159), Q = m * 2^(32 - n) */
    struct wide w = { a.neg, a.exp - (int32_t)n, m };
    return w;
}

struct wide wide_sqrt(struct wide a)
{
    if (wide_is_zero(a))
        return a;
    /* a = (m / 2^127) * 2^p * 2^(e - p) with e - p even; a 64-bit root of
     * the first factor, then one Newton step y' = (y + a/y) / 2 doubles
     * the precision. */
    int32_t p = (a.exp % 2) != 0;
    struct f80_env env = { 0x037F, 0, false, false };
    f80 root = f80_sqrt(f80_make(false, F80_BIAS + p, a.m.hi), &env);
    struct wide y = wide_ldexp(wide_from_f80(root), (a.exp - p) / 2);
    struct wide x = a;
    x.neg = false;
    return wide_ldexp(wide_add(y, wide_div(x, y)), -1);
}

f80 wide_to_f80(struct wide a, struct f80_env *env)
{
    if (wide_is_zero(a))
        return f80_zero(a.neg);
    return f80_round_prec(a.neg, a.exp + F80_BIAS, a.m, 64, env);
}

struct wide wide_pi(void)
{
    return wide_make(false, 1, u128_make(0xC90FDAA22168C234ull, 0xC4C6628B80DC1CD1ull));
}

struct wide wide_ln2(void)
{
    return wide_make(false, -1, u128_make(0xB17217F7D1CF79ABull, 0xC9E3B39803F2F6AFull));
}
