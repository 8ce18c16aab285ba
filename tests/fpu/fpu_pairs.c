/*
 * fpu_pairs.c - for each x87 operation the host comparison covers, the
 * pair of functions that run it: once on the host x87 (host_x87.c) and
 * once in softpc's numeric core (cpu/fpu/f80.h), both filling a `struct
 * outcome` the same way (result bytes, status word bits), so the driver
 * (fpu_compare.c) can compare them byte for byte.
 */
#include <stdbool.h>
#include <string.h>

#include "cpu/fpu/f80.h"
#include "tests/fpu/fpu_operands.h"
#include "tests/fpu/fpu_pairs.h"

#ifdef HOST_HAS_X87

static void put_f80(struct outcome *o, f80 v)
{
    for (int i = 0; i < 8; i++)
        o->bytes[o->n + i] = (uint8_t)(v.mant >> (8 * i));
    o->bytes[o->n + 8] = (uint8_t)v.se;
    o->bytes[o->n + 9] = (uint8_t)(v.se >> 8);
    o->n += 10;
}

static void put_bytes(struct outcome *o, const void *p, unsigned n)
{
    memcpy(o->bytes + o->n, p, n); /* host integers: the host is little-endian x86 */
    o->n += n;
}

static struct x87_reg to_reg(f80 v)
{
    struct x87_reg r;
    struct outcome o = { { 0 }, 0, 0 };
    put_f80(&o, v);
    memcpy(r.b, o.bytes, 10);
    return r;
}

static uint16_t env_sw(const struct f80_env *env)
{
    return (uint16_t)(env->flags | (env->c1 ? SW_C1 : 0));
}

static struct f80_env env_for(uint16_t cw)
{
    struct f80_env env = { cw, 0, false, false };
    return env;
}

/* ---- the operations ------------------------------------------------------ */

#define BINARY_PAIR(name, hostfn, expr)                                                     \
    static void host_##name(uint16_t cw, f80 a, f80 b, struct outcome *o)                    \
    {                                                                                        \
        struct x87_reg ra = to_reg(a), rb = to_reg(b), rr;                                   \
        o->sw = hostfn(cw, &ra, &rb, &rr);                                                   \
        put_bytes(o, rr.b, 10);                                                              \
    }                                                                                        \
    static void emu_##name(uint16_t cw, f80 a, f80 b, struct outcome *o)                     \
    {                                                                                        \
        struct f80_env env = env_for(cw);                                                    \
        f80 res = expr;                                                                      \
        put_f80(o, env.unmasked_fault ? a : res); /* ST(0) is left alone */                 \
        o->sw = env_sw(&env);                                                                \
    }

BINARY_PAIR(fadd, x87_fadd, f80_add(a, b, &env))
BINARY_PAIR(fsub, x87_fsub, f80_sub(a, b, &env))
BINARY_PAIR(fmul, x87_fmul, f80_mul(a, b, &env))
BINARY_PAIR(fdiv, x87_fdiv, f80_div(a, b, &env))
BINARY_PAIR(fscale, x87_fscale, f80_scale(a, b, &env))
/* Transcendentals of two operands: a is ST(0), b is ST(1). */
BINARY_PAIR(fpatan, x87_fpatan, f80_atan2(b, a, &env))
BINARY_PAIR(fyl2x, x87_fyl2x, f80_yl2x(b, a, &env))
BINARY_PAIR(fyl2xp1, x87_fyl2xp1, f80_yl2xp1(b, a, &env))

#define UNARY_PAIR(name, hostfn, expr)                                                      \
    static void host_##name(uint16_t cw, f80 a, f80 b, struct outcome *o)                    \
    {                                                                                        \
        (void)b;                                                                             \
        struct x87_reg ra = to_reg(a), rr;                                                   \
        o->sw = hostfn(cw, &ra, &rr);                                                        \
        put_bytes(o, rr.b, 10);                                                              \
    }                                                                                        \
    static void emu_##name(uint16_t cw, f80 a, f80 b, struct outcome *o)                     \
    {                                                                                        \
        (void)b;                                                                             \
        struct f80_env env = env_for(cw);                                                    \
        bool c2 = false;                                                                     \
        f80 res = expr;                                                                      \
        put_f80(o, env.unmasked_fault ? a : res); /* ST(0) is left alone */                 \
        o->sw = (uint16_t)(env_sw(&env) | (c2 ? SW_C2 : 0));                                 \
    }

UNARY_PAIR(fsqrt, x87_fsqrt, f80_sqrt(a, &env))
UNARY_PAIR(frndint, x87_frndint, f80_round_to_int(a, &env))
UNARY_PAIR(f2xm1, x87_f2xm1, f80_2xm1(a, &env))
UNARY_PAIR(fsin, x87_fsin, f80_sin(a, &c2, &env))
UNARY_PAIR(fcos, x87_fcos, f80_cos(a, &c2, &env))
UNARY_PAIR(fptan, x87_fptan, f80_tan(a, &c2, &env))

static uint16_t relation_sw(enum f80_relation rel)
{
    switch (rel) {
    case F80_LESS: return SW_C0;
    case F80_EQUAL: return SW_C3;
    case F80_UNORDERED: return SW_C0 | SW_C2 | SW_C3;
    default: return 0;
    }
}

#define COMPARE_PAIR(name, hostfn, quiet)                                                   \
    static void host_##name(uint16_t cw, f80 a, f80 b, struct outcome *o)                    \
    {                                                                                        \
        struct x87_reg ra = to_reg(a), rb = to_reg(b), rr;                                   \
        o->sw = hostfn(cw, &ra, &rb, &rr);                                                   \
    }                                                                                        \
    static void emu_##name(uint16_t cw, f80 a, f80 b, struct outcome *o)                     \
    {                                                                                        \
        struct f80_env env = env_for(cw);                                                    \
        enum f80_relation rel = f80_compare(a, b, quiet, &env);                              \
        o->sw = (uint16_t)(env_sw(&env) | relation_sw(rel));                                 \
    }

COMPARE_PAIR(fcom, x87_fcom, false)
COMPARE_PAIR(fucom, x87_fucom, true)

#define REM_PAIR(name, hostfn, nearest)                                                     \
    static void host_##name(uint16_t cw, f80 a, f80 b, struct outcome *o)                    \
    {                                                                                        \
        struct x87_reg ra = to_reg(a), rb = to_reg(b), rr;                                   \
        o->sw = hostfn(cw, &ra, &rb, &rr);                                                   \
        put_bytes(o, rr.b, 10);                                                              \
    }                                                                                        \
    static void emu_##name(uint16_t cw, f80 a, f80 b, struct outcome *o)                     \
    {                                                                                        \
        struct f80_env env = env_for(cw);                                                    \
        unsigned q;                                                                          \
        bool partial;                                                                        \
        put_f80(o, f80_rem(a, b, nearest, &q, &partial, &env));                              \
        env.c1 = false;                                                                      \
        o->sw = (uint16_t)(env_sw(&env) | (partial ? SW_C2 : 0) | ((q & 4) ? SW_C0 : 0) |    \
                           ((q & 2) ? SW_C3 : 0) | ((q & 1) ? SW_C1 : 0));                   \
    }

REM_PAIR(fprem, x87_fprem, false)
REM_PAIR(fprem1, x87_fprem1, true)

static void host_fxtract(uint16_t cw, f80 a, f80 b, struct outcome *o)
{
    (void)b;
    struct x87_reg ra = to_reg(a), rs, re;
    o->sw = x87_fxtract(cw, &ra, &rs, &re);
    put_bytes(o, rs.b, 10);
    put_bytes(o, re.b, 10);
}

static void emu_fxtract(uint16_t cw, f80 a, f80 b, struct outcome *o)
{
    (void)b;
    struct f80_env env = env_for(cw);
    f80 e, s = f80_xtract(a, &e, &env);
    put_f80(o, s);
    put_f80(o, e);
    o->sw = env_sw(&env);
}

#define STORE_PAIR(name, hostfn, type, expr)                                                \
    static void host_##name(uint16_t cw, f80 a, f80 b, struct outcome *o)                    \
    {                                                                                        \
        (void)b;                                                                             \
        struct x87_reg ra = to_reg(a);                                                       \
        type m;                                                                              \
        o->sw = hostfn(cw, &ra, &m);                                                         \
        put_bytes(o, &m, sizeof m);                                                          \
    }                                                                                        \
    static void emu_##name(uint16_t cw, f80 a, f80 b, struct outcome *o)                     \
    {                                                                                        \
        (void)b;                                                                             \
        struct f80_env env = env_for(cw);                                                    \
        type m = (type)(expr);                                                               \
        put_bytes(o, &m, sizeof m);                                                          \
        o->sw = env_sw(&env);                                                                \
    }

STORE_PAIR(fst32, x87_fst32, uint32_t, f80_to_f32(a, &env))
STORE_PAIR(fst64, x87_fst64, uint64_t, f80_to_f64(a, &env))
STORE_PAIR(fist16, x87_fist16, int16_t, f80_to_int(a, 2, &env))
STORE_PAIR(fist32, x87_fist32, int32_t, f80_to_int(a, 4, &env))
STORE_PAIR(fist64, x87_fist64, int64_t, f80_to_int(a, 8, &env))

static void host_fbstp(uint16_t cw, f80 a, f80 b, struct outcome *o)
{
    (void)b;
    struct x87_reg ra = to_reg(a), m;
    o->sw = x87_fbstp(cw, &ra, &m);
    put_bytes(o, m.b, 10);
}

static void emu_fbstp(uint16_t cw, f80 a, f80 b, struct outcome *o)
{
    (void)b;
    struct f80_env env = env_for(cw);
    uint8_t m[10];
    f80_to_bcd(a, m, &env);
    put_bytes(o, m, 10);
    o->sw = env_sw(&env);
}

/* Loads take their memory image from the operand's bits: a.mant holds the
 * 32/64-bit pattern, or a's ten bytes are the BCD. */
static void host_fld32(uint16_t cw, f80 a, f80 b, struct outcome *o)
{
    (void)b;
    uint32_t m = (uint32_t)a.mant;
    struct x87_reg rr;
    o->sw = x87_fld32(cw, &m, &rr);
    put_bytes(o, rr.b, 10);
}

static void emu_fld32(uint16_t cw, f80 a, f80 b, struct outcome *o)
{
    (void)b;
    struct f80_env env = env_for(cw);
    put_f80(o, f80_from_f32((uint32_t)a.mant, &env));
    o->sw = env_sw(&env);
}

static void host_fld64(uint16_t cw, f80 a, f80 b, struct outcome *o)
{
    (void)b;
    uint64_t m = a.mant;
    struct x87_reg rr;
    o->sw = x87_fld64(cw, &m, &rr);
    put_bytes(o, rr.b, 10);
}

static void emu_fld64(uint16_t cw, f80 a, f80 b, struct outcome *o)
{
    (void)b;
    struct f80_env env = env_for(cw);
    put_f80(o, f80_from_f64(a.mant, &env));
    o->sw = env_sw(&env);
}

static void host_fbld(uint16_t cw, f80 a, f80 b, struct outcome *o)
{
    (void)b;
    struct x87_reg m = to_reg(a), rr;
    o->sw = x87_fbld(cw, &m, &rr);
    put_bytes(o, rr.b, 10);
}

static void emu_fbld(uint16_t cw, f80 a, f80 b, struct outcome *o)
{
    (void)cw;
    (void)b;
    struct x87_reg m = to_reg(a);
    put_f80(o, f80_from_bcd(m.b));
    o->sw = 0;
}

#define PAIR(name) { #name, host_##name, emu_##name }
const struct fpu_pair fpu_pairs[] = {
    PAIR(fadd), PAIR(fsub), PAIR(fmul), PAIR(fdiv), PAIR(fsqrt), PAIR(fcom), PAIR(fucom),
    PAIR(frndint), PAIR(fscale), PAIR(fxtract), PAIR(fprem), PAIR(fprem1),
    PAIR(fst32), PAIR(fst64), PAIR(fist16), PAIR(fist32), PAIR(fist64), PAIR(fbstp),
    PAIR(fld32), PAIR(fld64), PAIR(fbld),
    PAIR(fsin), PAIR(fcos), PAIR(fptan), PAIR(fpatan), PAIR(f2xm1), PAIR(fyl2x), PAIR(fyl2xp1),
    { NULL, NULL, NULL },
};

#endif
