/*
 * flags.c - reading the lazily kept arithmetic flags (see flags.h for the
 * representation) and the condition codes built from them.
 */
#include "cpu/flags.h"

#include "cpu/cpu.h"

unsigned flag_cf(const struct cpu *c)
{
    const struct lazy_flags *f = &c->lazy;
    return f->width ? lazy_top(f, f->cout) : (c->eflags & FLAG_CF) != 0;
}

unsigned flag_of(const struct cpu *c)
{
    const struct lazy_flags *f = &c->lazy;
    if (!f->width)
        return (c->eflags & FLAG_OF) != 0;
    return lazy_top(f, f->cout ^ (f->cout << 1));
}

unsigned flag_af(const struct cpu *c)
{
    const struct lazy_flags *f = &c->lazy;
    return f->width ? (unsigned)(f->cout >> 3) & 1 : (c->eflags & FLAG_AF) != 0;
}

unsigned flag_zf(const struct cpu *c)
{
    const struct lazy_flags *f = &c->lazy;
    return f->width ? f->res == 0 : (c->eflags & FLAG_ZF) != 0;
}

unsigned flag_sf(const struct cpu *c)
{
    const struct lazy_flags *f = &c->lazy;
    return f->width ? lazy_top(f, f->res) : (c->eflags & FLAG_SF) != 0;
}

unsigned flag_pf(const struct cpu *c)
{
    const struct lazy_flags *f = &c->lazy;
    return f->width ? parity_even(f->res) : (c->eflags & FLAG_PF) != 0;
}

uint32_t cpu_get_eflags(const struct cpu *c)
{
    if (!c->lazy.width)
        return c->eflags | FLAG_RES1;
    return (c->eflags & ~(uint32_t)FLAGS_ARITH) | FLAG_RES1 |
           (flag_cf(c) ? FLAG_CF : 0) | (flag_pf(c) ? FLAG_PF : 0) |
           (flag_af(c) ? FLAG_AF : 0) | (flag_zf(c) ? FLAG_ZF : 0) |
           (flag_sf(c) ? FLAG_SF : 0) | (flag_of(c) ? FLAG_OF : 0);
}

void flags_materialise(struct cpu *c)
{
    c->eflags = cpu_get_eflags(c);
    c->lazy.width = 0;
}

void cpu_set_eflags(struct cpu *c, uint32_t value, uint32_t mask)
{
    mask &= FLAGS_WRITABLE;
    flags_materialise(c);
    c->eflags = ((c->eflags & ~mask) | (value & mask)) | FLAG_RES1;
}

bool cond_true(const struct cpu *c, unsigned cc)
{
    bool r;
    switch (cc >> 1) {
    case 0: r = flag_of(c); break;                       /* O */
    case 1: r = flag_cf(c); break;                       /* B */
    case 2: r = flag_zf(c); break;                       /* E */
    case 3: r = flag_cf(c) || flag_zf(c); break;         /* BE */
    case 4: r = flag_sf(c); break;                       /* S */
    case 5: r = flag_pf(c); break;                       /* P */
    case 6: r = flag_sf(c) != flag_of(c); break;         /* L */
    default: r = flag_zf(c) || flag_sf(c) != flag_of(c); /* LE */
    }
    return r != (cc & 1);
}

static uint64_t width_mask(unsigned width)
{
    return width >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << width) - 1;
}

void lazy_set(struct cpu *c, uint64_t res, uint64_t cout, unsigned width)
{
    c->lazy.res = res & width_mask(width);
    c->lazy.cout = cout;
    c->lazy.width = (uint8_t)width;
}

void lazy_set_keep_cf(struct cpu *c, uint64_t res, uint64_t cout, unsigned width, unsigned cf)
{
    unsigned of = (unsigned)((cout ^ (cout << 1)) >> (width - 1)) & 1;
    uint64_t top2 = (uint64_t)3 << (width - 2);
    cout = (cout & ~top2) | ((uint64_t)cf << (width - 1)) | ((uint64_t)(cf ^ of) << (width - 2));
    lazy_set(c, res, cout, width);
}

void lazy_set_explicit(struct cpu *c, uint64_t res, unsigned width,
                       unsigned cf, unsigned of, unsigned af)
{
    uint64_t cout = ((uint64_t)cf << (width - 1)) | ((uint64_t)(cf ^ of) << (width - 2)) |
                    ((uint64_t)af << 3);
    lazy_set(c, res, cout, width);
}
