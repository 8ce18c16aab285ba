/*
 * flags_fixture.h - what the lazy-flags tests (test_flags.c) and the ALU
 * form tests (test_flags_shapes.c) share: a naive flag reference, failure
 * bookkeeping for hot loops, a real-mode guest machine that runs one
 * instruction at a time, and the encodings of the ALU operations.
 *
 * The reference is written here from the flag definitions of the Intel
 * SDM (Vol. 1 §3.4.3 and Appendix A, Vol. 2 the ADD/ADC/SUB/SBB/CMP/INC/
 * DEC/NEG/AND/OR/XOR/TEST pages): CF from the widened sum or a borrow
 * comparison, OF from the operand and result signs, AF from the low
 * nibbles, ZF/SF/PF from the result.  Nothing in it uses the emulator's
 * carry-vector formulas.
 *
 * Instructions run through the real path: bytes in guest RAM, cpu_run for
 * one instruction, results read back from registers or RAM, flags read
 * with cpu_get_eflags(), flag_xx() and cond_true().  Each test instruction
 * sits at the very end of a 4 KiB page, so its decoded block holds it alone
 * and a budget of one instruction stops the CPU right after it, without
 * depending on HLT.  Only header-static helpers: each test program
 * includes it once.
 */
#ifndef SOFTPC_TESTS_FLAGS_FIXTURE_H
#define SOFTPC_TESTS_FLAGS_FIXTURE_H

#include <check.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "cpu/flags.h"
#include "mem/phys.h"
#include "mem/ports.h"

/* ---- the naive reference ----------------------------------------------- */

enum rop { R_ADD, R_OR, R_ADC, R_SBB, R_AND, R_SUB, R_XOR, R_CMP, R_INC, R_DEC, R_NEG, R_TEST };

static const char *const rop_name[] = {
    "add", "or", "adc", "sbb", "and", "sub", "xor", "cmp", "inc", "dec", "neg", "test",
};

struct ref {
    uint32_t res;
    unsigned cf, pf, af, zf, sf, of;
    bool writes; /* the destination changes (not CMP/TEST) */
};

static inline unsigned bit_of(uint64_t v, unsigned n)
{
    return (unsigned)(v >> n) & 1;
}

static inline uint64_t mask_of(unsigned w)
{
    return ((uint64_t)1 << w) - 1;
}

/* PF: set when the low byte of the result has an even number of 1 bits. */
static inline unsigned naive_parity(uint32_t v)
{
    unsigned ones = 0;
    for (unsigned k = 0; k < 8; k++)
        ones += bit_of(v, k);
    return ones % 2 == 0;
}

/* a op b at width w bits, with carry-in `cin` (the CF before). */
static inline struct ref naive(enum rop op, uint32_t a32, uint32_t b32, unsigned cin, unsigned w)
{
    uint64_t m = mask_of(w), a = a32 & m, b = b32 & m;
    uint64_t signbit = (uint64_t)1 << (w - 1);
    unsigned sa = bit_of(a, w - 1), sb = bit_of(b, w - 1);
    struct ref r = { .writes = op != R_CMP && op != R_TEST };
    uint64_t res = 0;

    switch (op) {
    case R_ADD:
    case R_ADC: {
        uint64_t ci = op == R_ADC ? cin : 0;
        uint64_t sum = a + b + ci; /* w+1 bits: the top one is the carry */
        res = sum & m;
        r.cf = sum > m;
        r.af = (a & 0xF) + (b & 0xF) + ci > 0xF;
        r.of = sa == sb && bit_of(res, w - 1) != sa;
        break;
    }
    case R_SUB:
    case R_SBB:
    case R_CMP: {
        uint64_t bi = op == R_SBB ? cin : 0;
        res = (a + (m + 1) - b - bi) & m;
        r.cf = a < b + bi; /* a borrow out of the top bit */
        r.af = (a & 0xF) < (b & 0xF) + bi;
        r.of = sa != sb && bit_of(res, w - 1) != sa;
        break;
    }
    case R_AND:
    case R_TEST:
        res = a & b;
        break;
    case R_OR:
        res = a | b;
        break;
    case R_XOR:
        res = a ^ b;
        break;
    case R_INC:
        res = (a + 1) & m;
        r.cf = cin;
        r.of = a == signbit - 1;
        r.af = (a & 0xF) == 0xF;
        break;
    case R_DEC:
        res = (a + m) & m;
        r.cf = cin;
        r.of = a == signbit;
        r.af = (a & 0xF) == 0;
        break;
    case R_NEG:
        res = ((m + 1) - a) & m;
        r.cf = a != 0;
        r.of = a == signbit;
        r.af = (a & 0xF) != 0;
        break;
    }
    r.res = (uint32_t)res;
    r.zf = res == 0;
    r.sf = bit_of(res, w - 1);
    r.pf = naive_parity(r.res);
    return r;
}

/* EFLAGS bit positions, written out from the SDM rather than flags.h. */
static inline uint32_t pack_flags(unsigned cf, unsigned pf, unsigned af, unsigned zf,
                                  unsigned sf, unsigned of)
{
    return (uint32_t)cf << 0 | (uint32_t)pf << 2 | (uint32_t)af << 4 | (uint32_t)zf << 6 |
           (uint32_t)sf << 7 | (uint32_t)of << 11;
}

/* The Jcc table of the SDM: O NO B AE E NE BE A S NS P NP L GE LE G. */
static inline bool naive_cond(unsigned cc, unsigned cf, unsigned pf, unsigned zf, unsigned sf,
                              unsigned of)
{
    bool r = false;
    switch (cc >> 1) {
    case 0: r = of; break;
    case 1: r = cf; break;
    case 2: r = zf; break;
    case 3: r = cf || zf; break;
    case 4: r = sf; break;
    case 5: r = pf; break;
    case 6: r = sf != of; break;
    case 7: r = zf || sf != of; break;
    }
    return (cc & 1) ? !r : r;
}

/* ---- failure bookkeeping (ck_assert in a hot loop is slow) ------------- */

static unsigned fails;
static char first_fail[512];

static inline void note_fail(const char *fmt, ...)
{
    if (fails++ == 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(first_fail, sizeof first_fail, fmt, ap);
        va_end(ap);
    }
}

static inline void reset_fails(void)
{
    fails = 0;
    first_fail[0] = 0;
}

/* ---- the guest machine ------------------------------------------------- */

enum {
    DATA = 0xD000,       /* DS:D000, the memory operand (code uses pages 1-C) */
    STACK_TOP = 0xF000,
    PRESET_FLAGS = FLAG_DF | FLAG_IF, /* non-arithmetic flags that must survive */
    REG_GARBAGE_A = 0, REG_GARBAGE_B = 1,
};

static struct phys_space *ps;
static struct port_bus *pb;
static struct cpu *cpu;

static inline void rig_setup(void)
{
    ps = phys_create();
    ck_assert_ptr_nonnull(ps);
    ck_assert_ptr_nonnull(phys_add_ram(ps, "ram", 0, 1u << 20, 0));
    pb = ports_create();
    ck_assert_ptr_nonnull(pb);
    cpu = cpu_create(ps, pb);
    ck_assert_ptr_nonnull(cpu);
    for (int s = 0; s < SEG_COUNT; s++)
        cpu_load_seg_real(cpu, s, 0);
    cpu->gpr[REG_SP] = STACK_TOP;
    cpu_set_eflags(cpu, PRESET_FLAGS, PRESET_FLAGS);
}

static inline void rig_teardown(void)
{
    cpu_destroy(cpu);
    ports_destroy(pb);
    phys_destroy(ps);
}

/* Put `len` code bytes at the end of page `page`; returns their IP. */
static inline uint32_t place_code(unsigned page, const uint8_t *code, unsigned len)
{
    uint32_t ip = (page + 1) * PHYS_PAGE_SIZE - len;
    for (unsigned k = 0; k < len; k++)
        phys_write8(ps, ip + k, code[k]);
    return ip;
}

/* Run the one instruction at `ip`; false if the CPU did anything else. */
static inline bool run_at(uint32_t ip, uint32_t end)
{
    cpu->eip = ip;
    cpu->halted = false;
    uint64_t before = cpu->icount;
    enum cpu_stop s = cpu_run(cpu, 1);
    return s == CPU_STOP_BUDGET && cpu->icount == before + 1 && cpu->eip == end;
}

static inline uint32_t mem_get(uint32_t addr, unsigned bytes)
{
    uint32_t v = 0;
    for (unsigned k = 0; k < bytes; k++)
        v |= (uint32_t)phys_read8(ps, addr + k) << (8 * k);
    return v;
}

static inline void mem_put(uint32_t addr, unsigned bytes, uint32_t v)
{
    for (unsigned k = 0; k < bytes; k++)
        phys_write8(ps, addr + k, (uint8_t)(v >> (8 * k)));
}

/* Where an operand lives. */
enum loc { AT_A, AT_B, AT_MEM, AT_IMM };
/* AT_A: AL/AX/EAX; AT_B: BL/BX/EBX; AT_MEM: DS:DATA; AT_IMM: in the code. */

static inline uint64_t garbage(unsigned which, uint32_t a, uint32_t b)
{
    uint64_t g = 0x5A5A5A5AA5A5A5A5ull * (which + 1);
    return g ^ ((uint64_t)(a * 0x9E3779B1u ^ b) << 13);
}

/* Flags before the instruction: carry-in `cin`, the rest scrambled so a
 * handler that forgets a flag is caught.  Half the cases leave them in
 * eflags, half in a lazy record of another width. */
static inline void preset_flags(unsigned cin, uint32_t a, uint32_t b)
{
    uint32_t scramble = (a * 0x2545F491u) ^ (b * 0x9E3779B9u);
    if ((a ^ b ^ cin) & 1) {
        uint32_t v = (scramble & FLAGS_ARITH & ~(uint32_t)FLAG_CF) | (cin ? FLAG_CF : 0);
        cpu_set_eflags(cpu, v, FLAGS_ARITH);
    } else {
        lazy_set_explicit(cpu, scramble, 16, cin, (scramble >> 3) & 1, (scramble >> 7) & 1);
    }
}

/* Compare the CPU's flags with the reference, every way they can be read. */
static inline void check_flags(const char *what, const struct ref *r)
{
    uint32_t want = pack_flags(r->cf, r->pf, r->af, r->zf, r->sf, r->of);
    uint32_t e = cpu_get_eflags(cpu);
    if ((e & FLAGS_ARITH) != want) {
        note_fail("%s: eflags %03x, want %03x", what, e & FLAGS_ARITH, want);
        return;
    }
    if ((e & PRESET_FLAGS) != PRESET_FLAGS || !(e & FLAG_RES1)) {
        note_fail("%s: non-arithmetic flags changed: %08x", what, e);
        return;
    }
    if (flag_cf(cpu) != r->cf || flag_pf(cpu) != r->pf || flag_af(cpu) != r->af ||
        flag_zf(cpu) != r->zf || flag_sf(cpu) != r->sf || flag_of(cpu) != r->of) {
        note_fail("%s: flag_xx() disagree with eflags %03x", what, e & FLAGS_ARITH);
        return;
    }
    for (unsigned cc = 0; cc < 16; cc++) {
        if (cond_true(cpu, cc) != naive_cond(cc, r->cf, r->pf, r->zf, r->sf, r->of)) {
            note_fail("%s: cond_true(%u) wrong with flags %03x", what, cc, want);
            return;
        }
    }
}

/*
 * One case: the instruction at ip..end computes `op` at width w bits on
 * the destination at `dst` (value a) and the source at `src` (value b,
 * already in the code for AT_IMM; NEG/INC/DEC/NOT ignore it).
 */
static inline void check_case(uint32_t ip, uint32_t end, enum rop op, unsigned w, enum loc dst,
                              enum loc src, uint32_t a, uint32_t b, unsigned cin)
{
    unsigned bytes = w / 8;
    uint64_t m = mask_of(w);
    uint64_t ga = garbage(REG_GARBAGE_A, a, b), gb = garbage(REG_GARBAGE_B, a, b);
    uint64_t reg_a = (ga & ~m) | (a & m), reg_b = (gb & ~m) | (b & m);
    cpu->gpr[REG_AX] = dst == AT_A ? reg_a : ga;
    cpu->gpr[REG_BX] = src == AT_B ? reg_b : gb;
    uint32_t mem_after = (uint32_t)(ga >> 32) & 0xFF; /* the byte after the operand */
    mem_put(DATA, bytes, dst == AT_MEM ? a : (uint32_t)(b & m));
    mem_put(DATA + bytes, 1, mem_after);
    preset_flags(cin, a, b);

    struct ref r = naive(op, a, b, cin, w);
    char what[96];
    snprintf(what, sizeof what, "%s%u a=%x b=%x cf=%u (dst %d src %d)", rop_name[op], w,
             (unsigned)(a & m), (unsigned)(b & m), cin, (int)dst, (int)src);

    if (!run_at(ip, end)) {
        note_fail("%s: did not run as one instruction (eip %x, stop %d)", what, cpu->eip,
                  (int)cpu->stop);
        return;
    }
    uint32_t want = r.writes ? r.res : (uint32_t)(a & m);
    if (dst == AT_MEM) {
        uint32_t got = mem_get(DATA, bytes);
        if (got != want || mem_get(DATA + bytes, 1) != mem_after) {
            note_fail("%s: memory %x, want %x", what, got, want);
            return;
        }
    } else {
        uint64_t full = (ga & ~m) | want;
        if (cpu->gpr[REG_AX] != full) {
            note_fail("%s: eax %llx, want %llx", what, (unsigned long long)cpu->gpr[REG_AX],
                      (unsigned long long)full);
            return;
        }
    }
    if (cpu->gpr[REG_BX] != (src == AT_B ? reg_b : gb)) {
        note_fail("%s: source register changed", what);
        return;
    }
    if (src == AT_MEM && mem_get(DATA, bytes) != (b & m)) {
        note_fail("%s: source memory changed", what);
        return;
    }
    check_flags(what, &r);
}

/* ---- instruction encodings --------------------------------------------- */

/* Opcode and ModRM for "op AL/AX/EAX, BL/BX/EBX" in the Eb,Gb / Ev,Gv form,
 * or the one-operand group forms on AL/AX/EAX. */
static inline unsigned encode_reg(enum rop op, unsigned w, uint8_t *out)
{
    unsigned n = 0;
    if (w == 32)
        out[n++] = 0x66;
    bool wide = w != 8;
    switch (op) {
    case R_INC: out[n++] = wide ? 0xFF : 0xFE; out[n++] = 0xC0; break;
    case R_DEC: out[n++] = wide ? 0xFF : 0xFE; out[n++] = 0xC8; break;
    case R_NEG: out[n++] = wide ? 0xF7 : 0xF6; out[n++] = 0xD8; break;
    case R_TEST: out[n++] = wide ? 0x85 : 0x84; out[n++] = 0xD8; break;
    default: out[n++] = (uint8_t)((unsigned)op << 3 | wide); out[n++] = 0xD8; break;
    }
    return n;
}

/* The same with the destination at DS:[DATA] (mod 00, r/m 110, disp16). */
static inline unsigned encode_mem(enum rop op, unsigned w, uint8_t *out)
{
    unsigned n = encode_reg(op, w, out);
    out[n - 1] = (uint8_t)((out[n - 1] & 0x38) | 0x06);
    out[n++] = DATA & 0xFF;
    out[n++] = DATA >> 8;
    return n;
}

static const enum rop all_ops[] = {
    R_ADD, R_ADC, R_SUB, R_SBB, R_CMP, R_AND, R_OR, R_XOR, R_INC, R_DEC, R_NEG, R_TEST,
};
#define N_OPS (sizeof all_ops / sizeof all_ops[0])

/* Values at the edges of each width, and a few mixed patterns. */
static const uint32_t edges[] = {
    0, 1, 2, 0x0F, 0x10, 0x7E, 0x7F, 0x80, 0x81, 0xFE, 0xFF, 0x100,
    0x7FFE, 0x7FFF, 0x8000, 0x8001, 0xFFFE, 0xFFFF, 0x10000,
    0x7FFFFFFE, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFE, 0xFFFFFFFF,
    0x12345678, 0xEDCBA987, 0x0F0F0F0F, 0xF0F0F0F0,
};
#define N_EDGES (sizeof edges / sizeof edges[0])

#endif
