/*
 * fpu_operands.c - the operand mix for the x87 host comparison (see
 * fpu_operands.h).  xorshift64* keeps runs reproducible from a seed.
 */
#include "tests/fpu/fpu_operands.h"

#define BIAS 16383

uint64_t rng_next(struct rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545F4914F6CDD1Dull;
}

uint64_t rng_below(struct rng *r, uint64_t n) { return n ? rng_next(r) % n : 0; }

static f80 make(unsigned sign, unsigned exp, uint64_t mant)
{
    f80 v;
    v.mant = mant;
    v.se = (uint16_t)((sign << 15) | (exp & 0x7FFF));
    return v;
}

/* A significand with the integer bit set; often only a few top bits are
 * random so that results land exactly on rounding boundaries. */
static uint64_t gen_mant(struct rng *r)
{
    uint64_t m = rng_next(r);
    switch (rng_below(r, 6)) {
    case 0: m &= ~0ull << (64 - 1 - rng_below(r, 30)); break;   /* short */
    case 1: m |= (1ull << rng_below(r, 63)) - 1; break;          /* runs of ones */
    case 2: m &= ~((1ull << rng_below(r, 63)) - 1); break;       /* runs of zeros */
    default: break;
    }
    return m | 0x8000000000000000ull;
}

f80 gen_range(struct rng *r, int lo, int hi)
{
    int e = lo + (int)rng_below(r, (uint64_t)(hi - lo + 1));
    int biased = e + BIAS;
    if (biased < 1)
        biased = 1;
    if (biased > 0x7FFE)
        biased = 0x7FFE;
    return make((unsigned)rng_below(r, 2), (unsigned)biased, gen_mant(r));
}

f80 gen_special(struct rng *r)
{
    unsigned s = (unsigned)rng_below(r, 2);
    uint64_t m = rng_next(r);
    switch (rng_below(r, 9)) {
    case 0: return make(s, 0, 0);
    case 1: return make(s, 0x7FFF, 0x8000000000000000ull);
    case 2: return make(s, 0x7FFF, m | 0xC000000000000000ull);                       /* QNaN */
    case 3: return make(s, 0x7FFF, (m & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000001ull); /* SNaN */
    case 4: return make(s, 0, m >> (1 + rng_below(r, 63)));                         /* denormal */
    case 5: return make(s, 0, m | 0x8000000000000000ull);                           /* pseudo-denormal */
    case 6: return make(s, 0x7FFF, m & 0x7FFFFFFFFFFFFFFFull);                      /* pseudo-NaN/inf */
    case 7: return make(s, 1 + (unsigned)rng_below(r, 0x7FFE), m & 0x7FFFFFFFFFFFFFFFull); /* unnormal */
    default: return make(s, 0x7FFF, 0xC000000000000000ull);                         /* indefinite-like */
    }
}

f80 gen_any(struct rng *r)
{
    unsigned k = (unsigned)rng_below(r, 100);
    if (k < 30)
        return gen_range(r, -16382, 16383);
    if (k < 55)
        return gen_range(r, -70, 70);
    if (k < 62)
        return gen_range(r, 16383 - 70, 16383);
    if (k < 70)
        return gen_range(r, -16382, -16382 + 70);
    if (k < 76) {
        uint64_t m = rng_next(r) >> (1 + rng_below(r, 63));
        return make((unsigned)rng_below(r, 2), 0, m);
    }
    if (k < 84) {
        /* a small integer */
        uint64_t v = rng_below(r, 1u << rng_below(r, 20)) + 1;
        unsigned n = 0;
        while (!(v & 0x8000000000000000ull)) { v <<= 1; n++; }
        return make((unsigned)rng_below(r, 2), (unsigned)(BIAS + 63 - n), v);
    }
    return gen_special(r);
}

f80 gen_near(struct rng *r, f80 a)
{
    f80 b = a;
    switch (rng_below(r, 4)) {
    case 0: b.mant ^= rng_next(r) & ((1ull << rng_below(r, 64)) - 1); break;
    case 1: b.mant += rng_below(r, 5); b.mant -= rng_below(r, 5); break;
    case 2: b.se = (uint16_t)((b.se & 0x8000) | (((b.se & 0x7FFF) + rng_below(r, 5) - 2) & 0x7FFF)); break;
    default: break;
    }
    if (rng_below(r, 2))
        b.se ^= 0x8000;
    if ((b.se & 0x7FFF) != 0)
        b.mant |= 0x8000000000000000ull;
    return b;
}
