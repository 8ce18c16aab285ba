/*
 * f80_convert.c - loads from and stores to the IEEE single and double
 * formats (Intel SDM Vol. 2, FLD and FST/FSTP; Vol. 1 4.2, 8.5).  Loads are
 * exact: a denormal operand raises DE and is normalized, an SNaN raises IE
 * and is quieted.  Stores round to the target's significand width and
 * exponent range by the rounding mode (precision control does not apply),
 * with the target's overflow and underflow; NaN significands are
 * truncated.  Unmasked OE/UE on a store are reported but the value
 * returned is the masked response: the caller must not store it.
 */
#include "cpu/fpu/f80_internal.h"

struct ieee_format {
    unsigned frac_bits, exp_bits;
    int32_t bias;
};

static const struct ieee_format ieee_single = { 23, 8, 127 };
static const struct ieee_format ieee_double = { 52, 11, 1023 };

static f80 from_ieee(uint64_t bits, const struct ieee_format *f, struct f80_env *env)
{
    uint64_t frac = bits & ((1ull << f->frac_bits) - 1);
    int32_t e = (int32_t)((bits >> f->frac_bits) & ((1u << f->exp_bits) - 1));
    int32_t emax = (1 << f->exp_bits) - 1;
    bool sign = (bits >> (f->frac_bits + f->exp_bits)) & 1;
    uint64_t mant = frac << (63 - f->frac_bits);
    if (e == emax) {
        f80 r = f80_make(sign, F80_EXP_MAX, F80_INT_BIT | mant);
        return frac ? f80_nan1(r, env) : r;
    }
    if (e == 0) {
        if (frac == 0)
            return f80_zero(sign);
        f80_raise(env, F80_DE);
        return f80_round_prec(sign, 1 - f->bias + F80_BIAS, u128_make(mant, 0), 64, env);
    }
    return f80_make(sign, e - f->bias + F80_BIAS, F80_INT_BIT | mant);
}

static uint64_t to_ieee(f80 a, const struct ieee_format *f, struct f80_env *env)
{
    bool sign = f80_sign(a);
    uint64_t sign_bit = (uint64_t)sign << (f->frac_bits + f->exp_bits);
    uint64_t exp_all = ((1ull << f->exp_bits) - 1) << f->frac_bits;
    uint64_t quiet_bit = 1ull << (f->frac_bits - 1);
    if (f80_is_unsupported(a)) {
        f80_raise(env, F80_IE);
        return sign_bit | exp_all | quiet_bit | ((uint64_t)1 << (f->frac_bits + f->exp_bits));
    }
    if (f80_is_nan(a)) {
        if (f80_is_snan(a))
            f80_raise(env, F80_IE);
        uint64_t frac = (a.mant << 1) >> (64 - f->frac_bits);
        return sign_bit | exp_all | quiet_bit | frac;
    }
    if (f80_is_inf(a))
        return sign_bit | exp_all;
    if (f80_is_zero(a))
        return sign_bit;
    struct f80_format fmt = {
        f->frac_bits + 1,
        F80_BIAS + 1 - f->bias,
        F80_BIAS + (1 << f->exp_bits) - 2 - f->bias,
        0,
    };
    struct f80_rounded r = f80_round(sign, f80_eff_exp(a), u128_make(a.mant, 0), &fmt, env);
    if (r.inf)
        return sign_bit | exp_all;
    if (r.zero)
        return sign_bit;
    uint64_t frac = r.q & ((1ull << f->frac_bits) - 1);
    bool normal = (r.q >> f->frac_bits) & 1;
    uint64_t e = normal ? (uint64_t)(r.exp - F80_BIAS + f->bias) : 0;
    return sign_bit | (e << f->frac_bits) | frac;
}

f80 f80_from_f32(uint32_t bits, struct f80_env *env) { return from_ieee(bits, &ieee_single, env); }
f80 f80_from_f64(uint64_t bits, struct f80_env *env) { return from_ieee(bits, &ieee_double, env); }

uint32_t f80_to_f32(f80 a, struct f80_env *env)
{
    return (uint32_t)to_ieee(a, &ieee_single, env);
}

uint64_t f80_to_f64(f80 a, struct f80_env *env) { return to_ieee(a, &ieee_double, env); }
