/*
 * f80_compare.c - FCOM/FUCOM ordering on the 80-bit format (Intel SDM
 * Vol. 2, FCOM and FUCOM; FCOMI/FUCOMI and FTST use the same rule).
 * FCOM calls any NaN invalid; FUCOM only an SNaN.  Unsupported encodings
 * are invalid for both.  +0 and -0 are equal.
 */
#include "cpu/fpu/f80_internal.h"

enum f80_relation f80_compare(f80 a, f80 b, bool quiet, struct f80_env *env)
{
    if (f80_is_unsupported(a) || f80_is_unsupported(b)) {
        f80_raise(env, F80_IE);
        return F80_UNORDERED;
    }
    if (f80_is_nan(a) || f80_is_nan(b)) {
        if (!quiet || f80_is_snan(a) || f80_is_snan(b))
            f80_raise(env, F80_IE);
        return F80_UNORDERED;
    }
    if ((f80_is_denormal(a) || f80_is_denormal(b)) && f80_raise(env, F80_DE))
        return F80_UNORDERED;
    bool za = f80_is_zero(a), zb = f80_is_zero(b);
    if (za && zb)
        return F80_EQUAL;
    bool sa = f80_sign(a) && !za, sb = f80_sign(b) && !zb;
    if (sa != sb)
        return sa ? F80_LESS : F80_GREATER;
    /* Same sign: order the magnitudes, then flip for negatives. */
    int32_t ea = f80_eff_exp(a), eb = f80_eff_exp(b);
    int mag;
    if (za || zb)
        mag = za ? -1 : 1;
    else if (ea != eb)
        mag = ea < eb ? -1 : 1;
    else
        mag = a.mant < b.mant ? -1 : a.mant > b.mant ? 1 : 0;
    if (sa)
        mag = -mag;
    return mag < 0 ? F80_LESS : mag > 0 ? F80_GREATER : F80_EQUAL;
}
