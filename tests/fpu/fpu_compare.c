/*
 * fpu_compare.c - the driver of the x87 host comparison: for each
 * operation in fpu_pairs.c, generate operands (fpu_operands.c) and a
 * control word (all exceptions masked, rounding mode and precision
 * control random), run host and emulation, compare.  Exact operations
 * must agree on the result bytes and the status word bits they define;
 * transcendentals must be within 1 ulp of the host (the share of
 * bit-exact results and the worst error are printed).  Prints counts per
 * operation and the first mismatches in detail; exits 1 on any mismatch
 * not listed in tests/fpu/README.md.
 *
 * Usage: fpu_host_compare [scale] [seed]   (scale multiplies the counts)
 * On hosts without an x87 it prints a notice and exits 77 (ctest skip).
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fpu/fpu_operands.h"
#include "tests/fpu/fpu_pairs.h"

#ifndef HOST_HAS_X87
int main(void)
{
    printf("fpu_host_compare: the host has no x87; skipped\n");
    return 77;
}
#else

#define BIAS 16383

typedef void (*gen_fn)(struct rng *r, f80 *a, f80 *b);

/* Operands whose sum, product or quotient lands next to the smallest
 * normal, where tininess before and after rounding differ. */
static void gen_boundary(struct rng *r, f80 *a, f80 *b)
{
    *a = gen_range(r, -16382, -16381);
    switch (rng_below(r, 3)) {
    case 0: *b = gen_range(r, -1, 0); break;
    case 1:
        b->mant = rng_next(r) >> (1 + rng_below(r, 63));
        b->se = (uint16_t)(rng_below(r, 2) << 15);
        break;
    default: *b = gen_range(r, -16382, -16381); break;
    }
}

static void gen_binary(struct rng *r, f80 *a, f80 *b)
{
    if (rng_below(r, 10) == 0) {
        gen_boundary(r, a, b);
        return;
    }
    *a = gen_any(r);
    *b = rng_below(r, 6) == 0 ? gen_near(r, *a) : gen_any(r);
}

static void gen_unary(struct rng *r, f80 *a, f80 *b)
{
    *a = gen_any(r);
    *b = *a;
}

static void gen_rem(struct rng *r, f80 *a, f80 *b)
{
    if (rng_below(r, 5) == 0) {
        gen_binary(r, a, b);
        return;
    }
    *b = gen_any(r);
    int eb = (b->se & 0x7FFF) - BIAS;
    *a = gen_range(r, eb - 2, eb + 80);
}

static void gen_scale(struct rng *r, f80 *a, f80 *b)
{
    *a = gen_any(r);
    switch (rng_below(r, 5)) {
    case 0: *b = gen_any(r); break;
    case 1: *b = gen_range(r, -1, 4); break;
    case 2: *b = f80_zero(rng_below(r, 2)); break; /* ST(0) left as is */
    default: *b = f80_from_int((int64_t)rng_below(r, 70000) - 35000); break;
    }
}

static void gen_int(struct rng *r, f80 *a, f80 *b)
{
    *a = rng_below(r, 5) == 0 ? gen_any(r) : gen_range(r, -2, 66);
    *b = *a;
}

static void gen_f32(struct rng *r, f80 *a, f80 *b)
{
    *a = rng_below(r, 4) == 0 ? gen_any(r) : rng_below(r, 4) == 0 ? gen_range(r, -128, -126)
                                                                 : gen_range(r, -155, 130);
    *b = *a;
}

static void gen_f64(struct rng *r, f80 *a, f80 *b)
{
    *a = rng_below(r, 4) == 0 ? gen_any(r) : rng_below(r, 4) == 0 ? gen_range(r, -1024, -1022)
                                                                 : gen_range(r, -1080, 1026);
    *b = *a;
}

static void gen_load_bits(struct rng *r, f80 *a, f80 *b)
{
    uint64_t v = rng_next(r);
    switch (rng_below(r, 6)) {
    case 0: v &= 0x800FFFFFFFFFFFFFull; break; /* double denormal / zero */
    case 1: v |= 0x7FF0000000000000ull; break; /* double inf/NaN */
    case 2: v &= 0x807FFFFFu; break;           /* single denormal / zero */
    case 3: v |= 0x7F800000u; break;           /* single inf/NaN */
    default: break;
    }
    a->mant = v;
    a->se = 0;
    *b = *a;
}

static void gen_bcd(struct rng *r, f80 *a, f80 *b)
{
    uint64_t digits = 0;
    bool invalid = rng_below(r, 10) == 0;
    unsigned n = 1 + (unsigned)rng_below(r, 16);
    for (unsigned i = 0; i < n; i++) {
        uint64_t d = invalid ? rng_below(r, 16) : rng_below(r, 10);
        digits |= d << (4 * i);
    }
    a->mant = digits;
    a->se = (uint16_t)(rng_below(r, 2) ? 0x8000 : 0); /* bytes 8 and 9: digits 16-17 zero */
    if (rng_below(r, 4) == 0)
        a->se |= (uint16_t)(rng_below(r, 10) | (rng_below(r, 10) << 4));
    *b = *a;
}

static void gen_trig(struct rng *r, f80 *a, f80 *b)
{
    unsigned k = (unsigned)rng_below(r, 20);
    *a = k < 8 ? gen_range(r, -70, 2) : k < 16 ? gen_range(r, -2, 62)
       : k < 17 ? gen_range(r, 62, 64) : gen_any(r);
    *b = *a;
}

static void gen_2xm1(struct rng *r, f80 *a, f80 *b)
{
    *a = rng_below(r, 10) == 0 ? gen_special(r) : gen_range(r, -70, -1);
    *b = *a;
}

static void gen_yl2x(struct rng *r, f80 *a, f80 *b)
{
    unsigned k = (unsigned)rng_below(r, 10);
    *a = k < 4 ? gen_range(r, -16382, 16383) : k < 8 ? gen_range(r, -1, 0) : gen_any(r);
    if (k < 8)
        a->se &= 0x7FFF;
    *b = rng_below(r, 8) == 0 ? gen_any(r) : gen_range(r, -100, 100);
    if (rng_below(r, 50) == 0) {
        /* x = 0 with a denormal y: ZE outranks DE */
        *a = f80_zero(rng_below(r, 2));
        b->se &= 0x8000;
        b->mant >>= 1 + rng_below(r, 60);
    }
}

static void gen_yl2xp1(struct rng *r, f80 *a, f80 *b)
{
    *a = rng_below(r, 10) == 0 ? gen_special(r) : gen_range(r, -70, -3);
    *b = rng_below(r, 8) == 0 ? gen_any(r) : gen_range(r, -100, 100);
}

struct op {
    const char *name;
    gen_fn gen;
    uint16_t sw_mask;
    bool transcendental;
    unsigned count;    /* cases at scale 1 */
    bool unmasked;     /* random exception masks instead of all masked */
};

#define CMP_MASK (SW_FLAGS | SW_C0 | SW_C1 | SW_C2 | SW_C3)
static const struct op ops[] = {
    { "fadd", gen_binary, SW_FLAGS | SW_C1, false, 120000, false },
    { "fsub", gen_binary, SW_FLAGS | SW_C1, false, 120000, false },
    { "fmul", gen_binary, SW_FLAGS | SW_C1, false, 120000, false },
    { "fdiv", gen_binary, SW_FLAGS | SW_C1, false, 120000, false },
    { "fsqrt", gen_unary, SW_FLAGS | SW_C1, false, 80000, false },
    { "fcom", gen_binary, CMP_MASK, false, 40000, false },
    { "fucom", gen_binary, CMP_MASK, false, 40000, false },
    { "frndint", gen_int, SW_FLAGS | SW_C1, false, 50000, false },
    { "fscale", gen_scale, SW_FLAGS | SW_C1, false, 50000, false },
    { "fxtract", gen_unary, SW_FLAGS | SW_C1, false, 30000, false },
    { "fprem", gen_rem, CMP_MASK, false, 60000, false },
    { "fprem1", gen_rem, CMP_MASK, false, 60000, false },
    { "fst32", gen_f32, SW_FLAGS | SW_C1, false, 60000, false },
    { "fst64", gen_f64, SW_FLAGS | SW_C1, false, 60000, false },
    { "fist16", gen_int, SW_FLAGS | SW_C1, false, 30000, false },
    { "fist32", gen_int, SW_FLAGS | SW_C1, false, 30000, false },
    { "fist64", gen_int, SW_FLAGS | SW_C1, false, 30000, false },
    { "fbstp", gen_int, SW_FLAGS | SW_C1, false, 30000, false },
    { "fld32", gen_load_bits, SW_FLAGS | SW_C1, false, 20000, false },
    { "fld64", gen_load_bits, SW_FLAGS | SW_C1, false, 20000, false },
    { "fbld", gen_bcd, SW_FLAGS | SW_C1, false, 20000, false },
    { "fsin", gen_trig, SW_FLAGS | SW_C1 | SW_C2, true, 20000, false },
    { "fcos", gen_trig, SW_FLAGS | SW_C1 | SW_C2, true, 20000, false },
    { "fptan", gen_trig, SW_FLAGS | SW_C1 | SW_C2, true, 20000, false },
    { "fpatan", gen_binary, SW_FLAGS | SW_C1, true, 20000, false },
    { "f2xm1", gen_2xm1, SW_FLAGS | SW_C1, true, 20000, false },
    { "fyl2x", gen_yl2x, SW_FLAGS | SW_C1, true, 20000, false },
    { "fyl2xp1", gen_yl2xp1, SW_FLAGS | SW_C1, true, 20000, false },
    /* Unmasked exceptions: wrapped exponents for OE/UE, ST(0) untouched
     * for IE/DE/ZE. */
    { "fadd", gen_binary, SW_FLAGS | SW_C1, false, 20000, true },
    { "fmul", gen_binary, SW_FLAGS | SW_C1, false, 20000, true },
    { "fdiv", gen_binary, SW_FLAGS | SW_C1, false, 20000, true },
    { "fsqrt", gen_unary, SW_FLAGS | SW_C1, false, 10000, true },
    { "fscale", gen_scale, SW_FLAGS | SW_C1, false, 20000, true },
    { "frndint", gen_int, SW_FLAGS | SW_C1, false, 10000, true },
};

static const struct fpu_pair *find_pair(const char *name)
{
    for (const struct fpu_pair *p = fpu_pairs; p->name; p++)
        if (strcmp(p->name, name) == 0)
            return p;
    return NULL;
}

static uint16_t random_cw(struct rng *r, bool unmasked)
{
    static const unsigned pcs[3] = { 0, 2, 3 };
    unsigned pc = pcs[rng_below(r, 3)];
    unsigned rc = (unsigned)rng_below(r, 4);
    unsigned masks = unmasked ? (unsigned)rng_below(r, 64) : 0x3F;
    return (uint16_t)(0x40 | masks | (pc << 8) | (rc << 10));
}

static void print_f80(const char *label, f80 v)
{
    printf(" %s=%04x:%016" PRIx64, label, v.se, v.mant);
}

static void print_outcome(const char *label, const struct outcome *o, uint16_t mask)
{
    printf("    %s: sw=%04x bytes=", label, (unsigned)(o->sw & mask));
    for (unsigned i = o->n; i-- > 0;)
        printf("%02x", o->bytes[i]);
    printf("\n");
}

static f80 outcome_f80(const struct outcome *o)
{
    f80 v = { 0, 0 };
    for (int i = 7; i >= 0; i--)
        v.mant = (v.mant << 8) | o->bytes[i];
    v.se = (uint16_t)(o->bytes[8] | (o->bytes[9] << 8));
    return v;
}

/* Distance in units of the 64-bit significand's last place between two
 * finite values of the same sign; UINT64_MAX when not comparable. */
static uint64_t ulp_distance(f80 x, f80 y)
{
    unsigned ex = x.se & 0x7FFF, ey = y.se & 0x7FFF;
    if ((x.se ^ y.se) & 0x8000 || ex == 0x7FFF || ey == 0x7FFF)
        return UINT64_MAX;
    /* (exponent, significand without the integer bit) orders the values */
    uint64_t mx = x.mant & ~0x8000000000000000ull, my = y.mant & ~0x8000000000000000ull;
    if (ex < ey || (ex == ey && mx < my)) {
        f80 t = x; x = y; y = t;
        unsigned te = ex; ex = ey; ey = te;
        uint64_t tm = mx; mx = my; my = tm;
    }
    if (ex == 0 || ey == 0)
        return ex == ey ? mx - my : UINT64_MAX; /* keep denormals simple */
    if (ex == ey)
        return mx - my;
    if (ex == ey + 1)
        return (0x8000000000000000ull - my) + mx;
    return UINT64_MAX;
}

struct trans_stats {
    unsigned exact, within, worst, c1_differs;
};

/* For transcendentals: true when host and emulation agree up to 1 ulp
 * with the same exception flags (UE excepted when they differ by 1 ulp).
 * C1 (rounded up) is not compared: it reports the direction of rounding
 * from each implementation's own internal value, so it is only counted. */
static bool trans_agree(const struct op *op, const struct outcome *h, const struct outcome *e,
                        struct trans_stats *st)
{
    bool same_bytes = h->n == e->n && memcmp(h->bytes, e->bytes, h->n) == 0;
    uint16_t no_c1 = op->sw_mask & (uint16_t)~SW_C1;
    if ((h->sw & SW_C1) != (e->sw & SW_C1))
        st->c1_differs++;
    if (same_bytes && (h->sw & no_c1) == (e->sw & no_c1)) {
        st->exact++;
        return true;
    }
    uint16_t loose = no_c1 & (uint16_t)~0x0010; /* UE may follow the last bit */
    if (same_bytes || (h->sw & loose) != (e->sw & loose))
        return false;
    uint64_t d = ulp_distance(outcome_f80(h), outcome_f80(e));
    if (d > 1)
        return false;
    st->within++;
    if (d > st->worst)
        st->worst = (unsigned)d;
    return true;
}

static int run_op(const struct op *op, unsigned count, struct rng *r)
{
    struct trans_stats st = { 0, 0, 0, 0 };
    const struct fpu_pair *pair = find_pair(op->name);
    unsigned bad = 0;
    if (!pair) {
        printf("%-8s no implementation pair\n", op->name);
        return 1;
    }
    for (unsigned i = 0; i < count; i++) {
        f80 a, b;
        op->gen(r, &a, &b);
        uint16_t cw = random_cw(r, op->unmasked);
        struct outcome h = { { 0 }, 0, 0 }, e = { { 0 }, 0, 0 };
        pair->host(cw, a, b, &h);
        pair->emu(cw, a, b, &e);
        bool same = op->transcendental
                        ? trans_agree(op, &h, &e, &st)
                        : h.n == e.n && memcmp(h.bytes, e.bytes, h.n) == 0 &&
                              (h.sw & op->sw_mask) == (e.sw & op->sw_mask);
        if (!same) {
            if (bad < 6) {
                printf("  %s%s mismatch: cw=%04x", op->name, op->unmasked ? " (unmasked)" : "", cw);
                print_f80("a", a);
                print_f80("b", b);
                printf("\n");
                print_outcome("host", &h, op->sw_mask);
                print_outcome("emu ", &e, op->sw_mask);
            }
            bad++;
        }
    }
    printf("%-8s%s %8u cases %8u mismatches", op->name, op->unmasked ? "!u" : "  ", count, bad);
    if (op->transcendental)
        printf("  (bit-exact %.3f%%, 1 ulp apart %u, worst %u ulp, C1 differs %u)",
               count ? 100.0 * st.exact / count : 0.0, st.within, st.worst, st.c1_differs);
    printf("\n");
    return bad != 0;
}

int main(int argc, char **argv)
{
    double scale = argc > 1 ? atof(argv[1]) : 1.0;
    struct rng r = { argc > 2 ? strtoull(argv[2], NULL, 0) : 0x5EED5EED12345678ull };
    const char *only = argc > 3 ? argv[3] : NULL;
    unsigned long total = 0;
    int failed = 0;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        if (only && strcmp(only, ops[i].name) != 0)
            continue;
        unsigned n = (unsigned)(ops[i].count * scale);
        failed |= run_op(&ops[i], n, &r);
        total += n;
    }
    printf("total %lu cases: %s\n", total, failed ? "FAILED" : "all agree with the host x87");
    return failed;
}
#endif
