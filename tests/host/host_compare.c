/*
 * host_compare.c - runs every row of host_ops.def on the host CPU and in
 * softpc with the same inputs and compares the registers and the flags
 * the SDM defines for that instruction and those inputs (see
 * defined_flags).  Flags and results the SDM leaves undefined are compared
 * too, but only counted ("undefined differs"), never failed: they are
 * model-specific, and the host is not a P6.  The BCD instructions need a
 * 32-bit host and are done by host_bcd.c.
 *
 * Inputs: first every pair from a list of edge values (0, 1, sign bits,
 * all ones... and shift counts 0, 1, width-1, width, 31, 32...), then
 * random values.  Cases alternate between 32-bit code and 16-bit code with
 * the operand-size prefix toggled, so both decoder paths are checked.
 * Divisions whose result would not fit (or a zero divisor) are not run on
 * the host: softpc must raise #DE for them and leave the registers alone.
 *
 * Usage: host_compare [--cases N] [--seed S] [--bcd-oracle PATH]
 * Exit status 0 pass, 1 mismatch, 77 skipped (not an x86 host).
 */
#include "tests/host/host_compare.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/host/host_bcd.h"
#include "tests/host/host_rng.h"

#define SKIP_STATUS 77
#define MAX_REPORTS 12

enum { F_CF = 0x001, F_PF = 0x004, F_AF = 0x010, F_ZF = 0x040, F_SF = 0x080, F_OF = 0x800,
       F_ALL = 0x8D5 };

const struct hop_row hop_rows[] = {
#define HOP(name, kind, size, ...) \
    { #name, kind, size, { __VA_ARGS__ }, sizeof((const uint8_t[]){ __VA_ARGS__ }) },
#include "tests/host/host_ops.def"
#undef HOP
};
const unsigned hop_row_count = sizeof hop_rows / sizeof hop_rows[0];

static const uint32_t edge_values[] = {
    0, 1, 2, 3, 0x0F, 0x10, 0x7F, 0x80, 0x81, 0xFF, 0x100, 0x7FFF, 0x8000, 0x8001, 0xFFFF,
    0x10000, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFE, 0xFFFFFFFF, 0x55555555,
    0xAAAAAAAA, 0x12345678,
};
#define N_EDGE (sizeof edge_values / sizeof edge_values[0])

static const uint8_t edge_counts[] = { 0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 18, 24, 31, 32, 33, 63, 64, 65, 255 };
#define N_COUNT (sizeof edge_counts / sizeof edge_counts[0])

static uint32_t gen_value(struct rng *g)
{
    switch (rng_next(g) % 4) {
    case 0: return edge_values[rng_next(g) % N_EDGE];
    case 1: return (uint32_t)(rng_next(g) % 33) - 16;
    default: return (uint32_t)rng_next(g);
    }
}

static uint8_t gen_count(struct rng *g)
{
    return rng_next(g) % 2 ? edge_counts[rng_next(g) % N_COUNT] : (uint8_t)rng_next(g);
}

static uint32_t mask_of(unsigned size)
{
    return size == 4 ? 0xFFFFFFFFu : (1u << (size * 8)) - 1;
}

static bool is_shift_kind(enum hop_kind k)
{
    return k == K_SHIFT || k == K_SAR || k == K_ROT || k == K_RCX || k == K_SHD;
}

/* The shift count the row uses: 1 for D0/D1, the immediate for C0/C1 and
 * SHLD/SHRD Ib, else CL; masked to 5 bits as every 386+ does. */
static unsigned count_of(const struct hop_row *row, const struct hregs *in)
{
    const uint8_t *b = row->bytes[0] == 0x66 ? row->bytes + 1 : row->bytes;
    unsigned raw = in->ecx & 0xFF;
    if (b[0] == 0xD0 || b[0] == 0xD1)
        raw = 1;
    else if (b[0] == 0xC0 || b[0] == 0xC1 || (b[0] == 0x0F && (b[1] == 0xA4 || b[1] == 0xAC)))
        raw = row->bytes[row->len - 1];
    return raw & 0x1F;
}

/* Flags the SDM defines after this row with these inputs. */
static uint32_t defined_flags(const struct hop_row *row, const struct hregs *in)
{
    unsigned bits = row->size * 8;
    unsigned n = is_shift_kind(row->kind) ? count_of(row, in) : 0;
    switch (row->kind) {
    case K_LOGIC: return F_ALL & ~F_AF;
    case K_SHIFT:
    case K_SAR:
        if (n == 0)
            return F_ALL;
        return (F_ALL & ~F_AF & ~(n != 1 ? F_OF : 0)) &
               ~(row->kind == K_SHIFT && n >= bits ? F_CF : 0);
    case K_ROT:
    case K_RCX:
        return n == 1 || n == 0 ? F_ALL : F_ALL & ~F_OF;
    case K_SHD:
        if (n == 0)
            return F_ALL;
        if (n > bits)
            return 0;
        return F_ALL & ~F_AF & ~(n != 1 ? F_OF : 0);
    case K_MUL: return F_CF | F_OF;
    case K_DIV:
    case K_IDIV: return 0;
    case K_BSF: return F_ZF;
    case K_BT: return F_CF | F_ZF;
    default: return F_ALL;
    }
}

/* Register bits whose value the SDM leaves undefined (for EBX). */
static uint32_t undefined_ebx(const struct hop_row *row, const struct hregs *in)
{
    if (row->kind == K_BSWAP16)
        return 0xFFFF;
    if (row->kind == K_SHD && count_of(row, in) > row->size * 8)
        return mask_of(row->size);
    return 0;
}

/* Would DIV/IDIV with these inputs raise #DE?  (The test's own check.) */
static bool divide_faults(const struct hop_row *row, const struct hregs *in)
{
    unsigned bits = row->size * 8;
    uint64_t dividend = row->size == 1 ? (in->eax & 0xFFFF)
                        : ((uint64_t)(in->edx & mask_of(row->size)) << bits) | (in->eax & mask_of(row->size));
    uint64_t divisor = in->ebx & mask_of(row->size);
    if (divisor == 0)
        return true;
    if (row->kind == K_DIV)
        return dividend / divisor > mask_of(row->size);
    /* Magnitudes by two's complement negation within each width. */
    uint64_t pair_mask = bits == 32 ? ~(uint64_t)0 : ((uint64_t)1 << (2 * bits)) - 1;
    bool nneg = (dividend >> (2 * bits - 1)) & 1, dneg = (divisor >> (bits - 1)) & 1;
    uint64_t un = nneg ? ((uint64_t)0 - dividend) & pair_mask : dividend;
    uint64_t ud = dneg ? ((uint64_t)0 - divisor) & mask_of(row->size) : divisor;
    uint64_t q = un / ud, lim = (uint64_t)1 << (bits - 1);
    return nneg != dneg ? q > lim : q >= lim;
}

static void gen_inputs(const struct hop_row *row, struct rng *g, unsigned k, struct hregs *in)
{
    in->eax = gen_value(g);
    in->ebx = gen_value(g);
    in->ecx = gen_value(g);
    in->edx = gen_value(g);
    in->flags = (uint32_t)rng_next(g) & F_ALL;
    bool edge = k < N_EDGE * N_EDGE;
    uint32_t x = edge ? edge_values[k / N_EDGE] : in->ebx;
    uint32_t y = edge ? edge_values[k % N_EDGE] : in->edx;
    in->ebx = x;
    switch (row->kind) {
    case K_SHIFT: case K_SAR: case K_ROT: case K_RCX: case K_SHD:
        in->ecx = (in->ecx & ~0xFFu) | (edge ? edge_counts[k % N_COUNT] : gen_count(g));
        break;
    case K_MUL:
        in->eax = y;
        break;
    case K_DIV:
        in->eax = y;
        /* Mostly divisions that fit: high part below the divisor. */
        if (rng_next(g) % 8 && (x & mask_of(row->size))) {
            uint32_t d = x & mask_of(row->size);
            if (row->size == 1)
                in->eax = (in->eax & ~0xFF00u) | ((uint32_t)(rng_next(g) % d % 256) << 8);
            else
                in->edx = (uint32_t)(rng_next(g) % d);
        }
        break;
    case K_IDIV:
        in->eax = y;
        if (rng_next(g) % 2) { /* a sign-extended dividend: fits unless MIN / -1 */
            unsigned bits = row->size * 8;
            uint32_t top = (y >> (bits - 1)) & 1;
            if (row->size == 1)
                in->eax = (in->eax & ~0xFF00u) | (top ? 0xFF00u : 0);
            else
                in->edx = top ? 0xFFFFFFFFu : 0;
        }
        break;
    case K_CMPXCHG:
        in->edx = y;
        in->eax = rng_next(g) % 2 ? in->ebx : y;
        if (row->bytes[row->len - 1] == 0xFC) /* cmpxchg ah,bh: AL vs AH */
            in->eax = rng_next(g) % 2 ? (in->eax & ~0xFFu) | ((in->eax >> 8) & 0xFF) : in->eax;
        break;
    default:
        in->edx = y;
        break;
    }
}

struct row_stats {
    unsigned long cases, mismatches, undefined_differs, de_checked;
};

static unsigned reports;

static void report(const struct hop_row *row, bool code32, const struct hregs *in,
                   const struct hregs *h, const struct hregs *s, const char *what)
{
    if (reports++ >= MAX_REPORTS)
        return;
    printf("MISMATCH %s (%s code): %s\n"
           "  in:     eax=%08" PRIx32 " ebx=%08" PRIx32 " ecx=%08" PRIx32 " edx=%08" PRIx32 " fl=%03" PRIx32 "\n"
           "  host:   eax=%08" PRIx32 " ebx=%08" PRIx32 " ecx=%08" PRIx32 " edx=%08" PRIx32 " fl=%03" PRIx32 "\n"
           "  softpc: eax=%08" PRIx32 " ebx=%08" PRIx32 " ecx=%08" PRIx32 " edx=%08" PRIx32 " fl=%03" PRIx32 "\n",
           row->name, code32 ? "32-bit" : "16-bit", what,
           in->eax, in->ebx, in->ecx, in->edx, in->flags,
           h->eax, h->ebx, h->ecx, h->edx, h->flags,
           s->eax, s->ebx, s->ecx, s->edx, s->flags);
}

static void run_case(struct sp_machine *m, const struct hop_row *row, unsigned k,
                     const struct hregs *in, struct row_stats *st)
{
    bool code32 = (k & 1) == 0;
    struct hregs h = *in, s = *in;
    st->cases++;
    if ((row->kind == K_DIV || row->kind == K_IDIV) && divide_faults(row, in)) {
        int v = sp_run(m, row->bytes, row->len, code32, &s);
        st->de_checked++;
        bool same = s.eax == in->eax && s.ebx == in->ebx && s.ecx == in->ecx && s.edx == in->edx;
        if (v != 0 || !same) {
            st->mismatches++;
            report(row, code32, in, in, &s, "expected #DE with registers unchanged");
        }
        return;
    }
    host_run((unsigned)(row - hop_rows), &h);
    int v = sp_run(m, row->bytes, row->len, code32, &s);
    if (v != -1) {
        st->mismatches++;
        report(row, code32, in, &h, &s, v >= 0 ? "softpc raised an exception" : "softpc did not stop");
        return;
    }
    uint32_t undef = undefined_ebx(row, in);
    uint32_t defined = defined_flags(row, in);
    bool regs_ok = h.eax == s.eax && h.ecx == s.ecx && h.edx == s.edx &&
                   ((h.ebx ^ s.ebx) & ~undef) == 0;
    bool flags_ok = ((h.flags ^ s.flags) & defined) == 0;
    if (!regs_ok || !flags_ok) {
        st->mismatches++;
        report(row, code32, in, &h, &s, !regs_ok ? "registers differ" : "defined flags differ");
    } else if (((h.flags ^ s.flags) & F_ALL) || ((h.ebx ^ s.ebx) & undef)) {
        st->undefined_differs++;
    }
}

int main(int argc, char **argv)
{
    unsigned long cases = 2500;
    uint64_t seed = 0x50F7C0DEu;
    const char *oracle = NULL;
    for (int a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "--cases") && a + 1 < argc)
            cases = strtoul(argv[++a], NULL, 0);
        else if (!strcmp(argv[a], "--seed") && a + 1 < argc)
            seed = strtoull(argv[++a], NULL, 0);
        else if (!strcmp(argv[a], "--bcd-oracle") && a + 1 < argc)
            oracle = argv[++a];
        else {
            fprintf(stderr, "usage: %s [--cases N] [--seed S] [--bcd-oracle PATH]\n", argv[0]);
            return 2;
        }
    }
    if (!host_is_x86) {
        printf("host_compare: not an x86 host, nothing to compare against (skipped)\n");
        return SKIP_STATUS;
    }
    struct sp_machine *m = sp_create();
    if (!m) {
        fprintf(stderr, "host_compare: cannot create the softpc machine\n");
        return 1;
    }
    struct rng g = rng_seeded(seed);
    unsigned long total = 0, bad = 0, undef_total = 0;
    printf("host_compare: seed %#" PRIx64 ", %lu cases per instruction form\n", seed, cases);
    for (unsigned r = 0; r < hop_row_count; r++) {
        const struct hop_row *row = &hop_rows[r];
        struct row_stats st = { 0 };
        unsigned long n = cases < N_EDGE * N_EDGE ? N_EDGE * N_EDGE : cases;
        for (unsigned long k = 0; k < n; k++) {
            struct hregs in;
            gen_inputs(row, &g, (unsigned)k, &in);
            run_case(m, row, (unsigned)k, &in, &st);
        }
        printf("  %-14s %7lu cases  %lu mismatches", row->name, st.cases, st.mismatches);
        if (st.de_checked)
            printf("  (%lu #DE checked)", st.de_checked);
        if (st.undefined_differs)
            printf("  [undefined flags/result differ in %lu]", st.undefined_differs);
        printf("\n");
        total += st.cases;
        bad += st.mismatches;
        undef_total += st.undefined_differs;
    }
    struct bcd_result b = bcd_compare(m, oracle, &g);
    total += b.cases;
    bad += b.mismatches;
    sp_destroy(m);
    printf("host_compare: %lu cases, %lu mismatches, undefined parts differ in %lu%s\n", total, bad,
           undef_total, b.skipped ? " (BCD skipped)" : "");
    return bad ? 1 : 0;
}
