/*
 * f80_sqrt.c - FSQRT on the 80-bit format (Intel SDM Vol. 2, FSQRT).
 * The root is computed digit by digit (two radicand bits per root bit) to
 * 67 bits, with the final remainder as a sticky bit, then rounded once by
 * precision control and rounding mode.  A square root is never tiny and
 * never overflows; -0 gives -0, other negatives are invalid.
 */
#include "cpu/fpu/f80_internal.h"

f80 f80_sqrt(f80 a, struct f80_env *env)
{
    if (f80_is_unsupported(a))
        return f80_invalid(env);
    if (f80_is_nan(a))
        return f80_nan1(a, env);
    if (f80_is_zero(a))
        return a;
    if (f80_sign(a))
        return f80_invalid(env);
    if (f80_is_inf(a))
        return a;
    if (f80_is_denormal(a) && f80_raise(env, F80_DE))
        return a;

    int32_t e;
    uint64_t m;
    f80_normalize(a, &e, &m);
    /* value = M * 2^k with k even; M has 66 bits (top pair may be 0). */
    int32_t k = e - F80_BIAS - 63;
    u128 M = u128_make(0, m);
    if (k & 1) {
        M = u128_shl(M, 1);
        k -= 1;
    }
    /* Root of M * 2^68: 33 iterations eat M's 66 bits, 34 more eat zeros. */
    u128 r = u128_make(0, 0), q = u128_make(0, 0);
    for (int i = 0; i < 67; i++) {
        unsigned pair = i < 33 ? (unsigned)(u128_shr(M, (unsigned)(64 - 2 * i)).lo & 3) : 0;
        r = u128_add(u128_shl(r, 2), u128_make(0, pair));
        u128 t = u128_add(u128_shl(q, 2), u128_make(0, 1));
        q = u128_shl(q, 1);
        if (u128_cmp(r, t) >= 0) {
            r = u128_sub(r, t);
            q.lo |= 1;
        }
    }
    u128 sig = u128_shl(q, 1);
    sig.lo |= !u128_is_zero(r);
    /* sqrt = q * 2^(k/2 - 34); sig = 2q (+sticky) */
    return f80_round_prec(false, k / 2 - 34 + F80_BIAS + 126, sig, f80_env_prec(env), env);
}
