/*
 * test_flags.c - Check tests for the lazy arithmetic flags (cpu/flags.c)
 * and the ALU family (cpu/ops/arith.c, cpu/ops/alu.h).
 *
 * Expected values come from a naive reference written here from the flag
 * definitions of the Intel SDM (Vol. 1 §3.4.3 and Appendix A, Vol. 2 the
 * ADD/ADC/SUB/SBB/CMP/INC/DEC/NEG/AND/OR/XOR/TEST pages): CF from the
 * widened sum or a borrow comparison, OF from the operand and result
 * signs, AF from the low nibbles, ZF/SF/PF from the result.  Nothing in
 * it uses the emulator's carry-vector formulas.
 *
 * Instructions run through the real path: bytes in guest RAM, cpu_run for
 * one instruction, results read back from registers or RAM, flags read
 * with cpu_get_eflags(), flag_xx() and cond_true().  Each test instruction
 * sits at the very end of a 4 KiB page, so its decoded block holds it alone
 * and a budget of one instruction stops the CPU right after it, without
 * depending on HLT.  The 8-bit test is exhaustive: every a, b and carry-in
 * for ADD ADC SUB SBB CMP AND OR XOR INC DEC NEG, register and memory forms.
 */
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

static unsigned bit_of(uint64_t v, unsigned n)
{
    return (unsigned)(v >> n) & 1;
}

static uint64_t mask_of(unsigned w)
{
    return ((uint64_t)1 << w) - 1;
}

/* PF: set when the low byte of the result has an even number of 1 bits. */
static unsigned naive_parity(uint32_t v)
{
    unsigned ones = 0;
    for (unsigned k = 0; k < 8; k++)
        ones += bit_of(v, k);
    return ones % 2 == 0;
}

/* a op b at width w bits, with carry-in `cin` (the CF before). */
static struct ref naive(enum rop op, uint32_t a32, uint32_t b32, unsigned cin, unsigned w)
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
static uint32_t pack_flags(unsigned cf, unsigned pf, unsigned af, unsigned zf,
                           unsigned sf, unsigned of)
{
    return (uint32_t)cf << 0 | (uint32_t)pf << 2 | (uint32_t)af << 4 | (uint32_t)zf << 6 |
           (uint32_t)sf << 7 | (uint32_t)of << 11;
}

/* The Jcc table of the SDM: O NO B AE E NE BE A S NS P NP L GE LE G. */
static bool naive_cond(unsigned cc, unsigned cf, unsigned pf, unsigned zf, unsigned sf,
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

static void note_fail(const char *fmt, ...)
{
    if (fails++ == 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(first_fail, sizeof first_fail, fmt, ap);
        va_end(ap);
    }
}

static void reset_fails(void)
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

static void rig_setup(void)
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

static void rig_teardown(void)
{
    cpu_destroy(cpu);
    ports_destroy(pb);
    phys_destroy(ps);
}

/* Put `len` code bytes at the end of page `page`; returns their IP. */
static uint32_t place_code(unsigned page, const uint8_t *code, unsigned len)
{
    uint32_t ip = (page + 1) * PHYS_PAGE_SIZE - len;
    for (unsigned k = 0; k < len; k++)
        phys_write8(ps, ip + k, code[k]);
    return ip;
}

/* Run the one instruction at `ip`; false if the CPU did anything else. */
static bool run_at(uint32_t ip, uint32_t end)
{
    cpu->eip = ip;
    cpu->halted = false;
    uint64_t before = cpu->icount;
    enum cpu_stop s = cpu_run(cpu, 1);
    return s == CPU_STOP_BUDGET && cpu->icount == before + 1 && cpu->eip == end;
}

static uint32_t mem_get(uint32_t addr, unsigned bytes)
{
    uint32_t v = 0;
    for (unsigned k = 0; k < bytes; k++)
        v |= (uint32_t)phys_read8(ps, addr + k) << (8 * k);
    return v;
}

static void mem_put(uint32_t addr, unsigned bytes, uint32_t v)
{
    for (unsigned k = 0; k < bytes; k++)
        phys_write8(ps, addr + k, (uint8_t)(v >> (8 * k)));
}

/* Where an operand lives. */
enum loc { AT_A, AT_B, AT_MEM, AT_IMM };
/* AT_A: AL/AX/EAX; AT_B: BL/BX/EBX; AT_MEM: DS:DATA; AT_IMM: in the code. */

static uint64_t garbage(unsigned which, uint32_t a, uint32_t b)
{
    uint64_t g = 0x5A5A5A5AA5A5A5A5ull * (which + 1);
    return g ^ ((uint64_t)(a * 0x9E3779B1u ^ b) << 13);
}

/* Flags before the instruction: carry-in `cin`, the rest scrambled so a
 * handler that forgets a flag is caught.  Half the cases leave them in
 * eflags, half in a lazy record of another width. */
static void preset_flags(unsigned cin, uint32_t a, uint32_t b)
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
static void check_flags(const char *what, const struct ref *r)
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
static void check_case(uint32_t ip, uint32_t end, enum rop op, unsigned w, enum loc dst,
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
static unsigned encode_reg(enum rop op, unsigned w, uint8_t *out)
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
static unsigned encode_mem(enum rop op, unsigned w, uint8_t *out)
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

/* ---- tests ------------------------------------------------------------- */

START_TEST(test_exhaustive_8bit)
{
    /* _i selects register (0) or memory (1) destination. */
    bool mem = _i == 1;
    reset_fails();
    for (unsigned k = 0; k < N_OPS; k++) {
        enum rop op = all_ops[k];
        uint8_t code[8];
        unsigned len = mem ? encode_mem(op, 8, code) : encode_reg(op, 8, code);
        uint32_t ip = place_code(1 + k, code, len);
        for (unsigned a = 0; a < 256; a++)
            for (unsigned b = 0; b < 256; b++)
                for (unsigned cin = 0; cin < 2; cin++)
                    check_case(ip, ip + len, op, 8, mem ? AT_MEM : AT_A, AT_B, a, b, cin);
    }
    ck_assert_msg(fails == 0, "%u failures; first: %s", fails, first_fail);
}
END_TEST

static const uint32_t edges[] = {
    0, 1, 2, 0x0F, 0x10, 0x7E, 0x7F, 0x80, 0x81, 0xFE, 0xFF, 0x100,
    0x7FFE, 0x7FFF, 0x8000, 0x8001, 0xFFFE, 0xFFFF, 0x10000,
    0x7FFFFFFE, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFE, 0xFFFFFFFF,
    0x12345678, 0xEDCBA987, 0x0F0F0F0F, 0xF0F0F0F0,
};
#define N_EDGES (sizeof edges / sizeof edges[0])

/* 16- and 32-bit: every pair of edge values, every operation, both forms. */
START_TEST(test_edges_wide)
{
    unsigned w = _i == 0 ? 16 : 32;
    reset_fails();
    for (unsigned form = 0; form < 2; form++) {
        for (unsigned k = 0; k < N_OPS; k++) {
            enum rop op = all_ops[k];
            uint8_t code[8];
            unsigned len = form ? encode_mem(op, w, code) : encode_reg(op, w, code);
            uint32_t ip = place_code(1 + k, code, len);
            for (unsigned x = 0; x < N_EDGES; x++)
                for (unsigned y = 0; y < N_EDGES; y++)
                    for (unsigned cin = 0; cin < 2; cin++)
                        check_case(ip, ip + len, op, w, form ? AT_MEM : AT_A, AT_B, edges[x],
                                   edges[y], cin);
        }
    }
    ck_assert_msg(fails == 0, "%u failures; first: %s", fails, first_fail);
}
END_TEST

/*
 * Every operand shape of the eight ALU operations and TEST, at 8, 16 and
 * 32 bits, on a handful of values: the handlers' plumbing (which operand
 * is the destination, immediates, sign extension of Ibs, the 82 alias and
 * the F6/F7 /1 TEST alias).
 */
struct shape {
    const char *name;
    uint8_t op0, modrm;  /* opcode (add form: +op*8 for 00-3F) and ModRM, 0 if none */
    bool group;          /* ModRM.reg = operation (80-83) */
    bool wide;           /* Ev/Gv/eAX form */
    bool mem;            /* ModRM with disp16 DATA instead of mod 11 */
    unsigned imm;        /* immediate bytes: 0, 1, or the operand size (99) */
    bool ibs;            /* 83: the byte is sign-extended */
    enum loc dst, src;
};

#define IMM_Z 99
static const struct shape shapes[] = {
    { "Eb,Gb", 0x00, 0xD8, false, false, false, 0, false, AT_A, AT_B },
    { "Eb,Gb m", 0x00, 0x1E, false, false, true, 0, false, AT_MEM, AT_B },
    { "Ev,Gv", 0x01, 0xD8, false, true, false, 0, false, AT_A, AT_B },
    { "Ev,Gv m", 0x01, 0x1E, false, true, true, 0, false, AT_MEM, AT_B },
    { "Gb,Eb", 0x02, 0xC3, false, false, false, 0, false, AT_A, AT_B },
    { "Gb,Eb m", 0x02, 0x06, false, false, true, 0, false, AT_A, AT_MEM },
    { "Gv,Ev", 0x03, 0xC3, false, true, false, 0, false, AT_A, AT_B },
    { "Gv,Ev m", 0x03, 0x06, false, true, true, 0, false, AT_A, AT_MEM },
    { "AL,Ib", 0x04, 0, false, false, false, 1, false, AT_A, AT_IMM },
    { "eAX,Iz", 0x05, 0, false, true, false, IMM_Z, false, AT_A, AT_IMM },
    { "80 Eb,Ib", 0x80, 0xC0, true, false, false, 1, false, AT_A, AT_IMM },
    { "80 Eb,Ib m", 0x80, 0x06, true, false, true, 1, false, AT_MEM, AT_IMM },
    { "82 Eb,Ib", 0x82, 0xC0, true, false, false, 1, false, AT_A, AT_IMM },
    { "82 Eb,Ib m", 0x82, 0x06, true, false, true, 1, false, AT_MEM, AT_IMM },
    { "81 Ev,Iz", 0x81, 0xC0, true, true, false, IMM_Z, false, AT_A, AT_IMM },
    { "81 Ev,Iz m", 0x81, 0x06, true, true, true, IMM_Z, false, AT_MEM, AT_IMM },
    { "83 Ev,Ibs", 0x83, 0xC0, true, true, false, 1, true, AT_A, AT_IMM },
    { "83 Ev,Ibs m", 0x83, 0x06, true, true, true, 1, true, AT_MEM, AT_IMM },
};

struct test_shape {
    const char *name;
    uint8_t opcode, modrm;
    bool wide, mem;
    unsigned imm;
    enum loc dst, src;
};

static const struct test_shape test_shapes[] = {
    { "84 Eb,Gb", 0x84, 0xD8, false, false, 0, AT_A, AT_B },
    { "84 Eb,Gb m", 0x84, 0x1E, false, true, 0, AT_MEM, AT_B },
    { "85 Ev,Gv", 0x85, 0xD8, true, false, 0, AT_A, AT_B },
    { "85 Ev,Gv m", 0x85, 0x1E, true, true, 0, AT_MEM, AT_B },
    { "A8 AL,Ib", 0xA8, 0, false, false, 1, AT_A, AT_IMM },
    { "A9 eAX,Iz", 0xA9, 0, true, false, IMM_Z, AT_A, AT_IMM },
    { "F6/0 Eb,Ib", 0xF6, 0xC0, false, false, 1, AT_A, AT_IMM },
    { "F6/1 Eb,Ib", 0xF6, 0xC8, false, false, 1, AT_A, AT_IMM },
    { "F6/0 Eb,Ib m", 0xF6, 0x06, false, true, 1, AT_MEM, AT_IMM },
    { "F7/0 Ev,Iz", 0xF7, 0xC0, true, false, IMM_Z, AT_A, AT_IMM },
    { "F7/1 Ev,Iz", 0xF7, 0xC8, true, false, IMM_Z, AT_A, AT_IMM },
    { "F7/0 Ev,Iz m", 0xF7, 0x06, true, true, IMM_Z, AT_MEM, AT_IMM },
};

static const uint32_t shape_values[][2] = {
    { 0, 0 }, { 0x7F, 1 }, { 0x80, 0xFF }, { 0xFF, 0x01 }, { 0x7FFF, 0x0001 },
    { 0x8000, 0xFFFF }, { 0x1234, 0x00F0 }, { 0x7FFFFFFF, 0x00000001 },
    { 0x80000000, 0xFFFFFFFF }, { 0xDEADBEEF, 0x0000007F }, { 0x00000005, 0x00000080 },
};
#define N_SHAPE_VALUES (sizeof shape_values / sizeof shape_values[0])

static unsigned encode_shape(uint8_t opcode, uint8_t modrm, bool has_modrm, bool mem,
                             unsigned imm_bytes, uint32_t imm, unsigned w, uint8_t *out)
{
    unsigned n = 0;
    if (w == 32)
        out[n++] = 0x66;
    out[n++] = opcode;
    if (has_modrm) {
        out[n++] = modrm;
        if (mem) {
            out[n++] = DATA & 0xFF;
            out[n++] = DATA >> 8;
        }
    }
    for (unsigned k = 0; k < imm_bytes; k++)
        out[n++] = (uint8_t)(imm >> (8 * k));
    return n;
}

static uint32_t sign_extend8(uint32_t v)
{
    return (v & 0x80) ? (v & 0xFF) | 0xFFFFFF00u : v & 0xFF;
}

START_TEST(test_alu_shapes)
{
    static const enum rop alu[] = { R_ADD, R_OR, R_ADC, R_SBB, R_AND, R_SUB, R_XOR, R_CMP };
    reset_fails();
    for (unsigned s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        const struct shape *sh = &shapes[s];
        for (unsigned wi = 0; wi < 2; wi++) {
            if (!sh->wide && wi)
                continue;
            unsigned w = sh->wide ? (wi ? 32 : 16) : 8;
            unsigned imm_bytes = sh->imm == IMM_Z ? w / 8 : sh->imm;
            for (unsigned k = 0; k < 8; k++) {
                enum rop op = alu[k];
                uint8_t opcode = sh->group ? sh->op0 : (uint8_t)(sh->op0 + 8 * k);
                uint8_t modrm = sh->group ? (uint8_t)(sh->modrm | k << 3) : sh->modrm;
                for (unsigned v = 0; v < N_SHAPE_VALUES; v++) {
                    for (unsigned cin = 0; cin < 2; cin++) {
                        uint32_t a = shape_values[v][0], b = shape_values[v][1];
                        uint8_t code[16];
                        unsigned len = encode_shape(opcode, modrm, sh->modrm != 0, sh->mem,
                                                    imm_bytes, b, w, code);
                        if (sh->ibs)
                            b = sign_extend8(b);
                        uint32_t ip = place_code(1, code, len);
                        unsigned before = fails;
                        check_case(ip, ip + len, op, w, sh->dst, sh->src, a, b, cin);
                        if (fails != before && before == 0) {
                            char tmp[sizeof first_fail];
                            snprintf(tmp, sizeof tmp, "[%s] %s", sh->name, first_fail);
                            memcpy(first_fail, tmp, sizeof tmp);
                        }
                    }
                }
            }
        }
    }
    for (unsigned s = 0; s < sizeof test_shapes / sizeof test_shapes[0]; s++) {
        const struct test_shape *sh = &test_shapes[s];
        for (unsigned wi = 0; wi < 2; wi++) {
            if (!sh->wide && wi)
                continue;
            unsigned w = sh->wide ? (wi ? 32 : 16) : 8;
            unsigned imm_bytes = sh->imm == IMM_Z ? w / 8 : sh->imm;
            for (unsigned v = 0; v < N_SHAPE_VALUES; v++) {
                uint32_t a = shape_values[v][0], b = shape_values[v][1];
                uint8_t code[16];
                unsigned len = encode_shape(sh->opcode, sh->modrm, sh->modrm != 0, sh->mem,
                                            imm_bytes, b, w, code);
                uint32_t ip = place_code(1, code, len);
                unsigned before = fails;
                check_case(ip, ip + len, R_TEST, w, sh->dst, sh->src, a, b, v & 1);
                if (fails != before && before == 0) {
                    char tmp[sizeof first_fail];
                    snprintf(tmp, sizeof tmp, "[%s] %s", sh->name, first_fail);
                    memcpy(first_fail, tmp, sizeof tmp);
                }
            }
        }
    }
    ck_assert_msg(fails == 0, "%u failures; first: %s", fails, first_fail);
}
END_TEST

/* INC/DEC 40-4F name their register in the opcode; FE/FF and NOT too. */
START_TEST(test_incdec_registers)
{
    for (unsigned w = 16; w <= 32; w += 16) {
        for (unsigned r = 0; r < 8; r++) {
            for (unsigned dec = 0; dec < 2; dec++) {
                uint8_t code[2];
                unsigned n = 0;
                if (w == 32)
                    code[n++] = 0x66;
                code[n++] = (uint8_t)(0x40 + 8 * dec + r);
                uint32_t ip = place_code(1, code, n);
                uint64_t before[8];
                for (unsigned k = 0; k < 8; k++)
                    before[k] = cpu->gpr[k] = 0x1111111111111111ull * (k + 1);
                cpu_set_eflags(cpu, FLAG_CF, FLAGS_ARITH);
                ck_assert(run_at(ip, ip + n));
                for (unsigned k = 0; k < 8; k++) {
                    uint64_t m = mask_of(w);
                    uint64_t want = before[k];
                    if (k == r)
                        want = (before[k] & ~m) | ((dec ? before[k] + m : before[k] + 1) & m);
                    ck_assert_msg(cpu->gpr[k] == want, "%s%u r%u: reg %u is %llx, want %llx",
                                  dec ? "dec" : "inc", w, r, k,
                                  (unsigned long long)cpu->gpr[k], (unsigned long long)want);
                }
                ck_assert_uint_eq(flag_cf(cpu), 1); /* kept */
            }
        }
    }
    cpu->gpr[REG_SP] = STACK_TOP;
}
END_TEST

START_TEST(test_not)
{
    static const uint8_t forms[][6] = {
        { 0xF6, 0xD0 }, { 0xF7, 0xD0 }, { 0x66, 0xF7, 0xD0 },
        { 0xF6, 0x16, DATA & 0xFF, DATA >> 8 }, { 0xF7, 0x16, DATA & 0xFF, DATA >> 8 },
        { 0x66, 0xF7, 0x16, DATA & 0xFF, DATA >> 8 },
    };
    static const unsigned lens[] = { 2, 2, 3, 4, 4, 5 };
    static const unsigned widths[] = { 8, 16, 32, 8, 16, 32 };
    for (unsigned f = 0; f < 6; f++) {
        uint64_t m = mask_of(widths[f]);
        uint32_t ip = place_code(1, forms[f], lens[f]);
        for (unsigned v = 0; v < N_EDGES; v++) {
            cpu->gpr[REG_AX] = 0xABCDEF0100000000ull | edges[v];
            mem_put(DATA, 4, edges[v]);
            mem_put(DATA + 4, 1, 0x5A);
            lazy_set_explicit(cpu, edges[v], 32, v & 1, (v >> 1) & 1, (v >> 2) & 1);
            uint32_t flags = cpu_get_eflags(cpu);
            ck_assert(run_at(ip, ip + lens[f]));
            uint32_t want = (uint32_t)(~edges[v] & m);
            if (f < 3) {
                ck_assert_uint_eq(cpu->gpr[REG_AX] & m, want);
                ck_assert_uint_eq(cpu->gpr[REG_AX] >> widths[f],
                                  (0xABCDEF0100000000ull | edges[v]) >> widths[f]);
            } else {
                ck_assert_uint_eq(mem_get(DATA, widths[f] / 8), want);
                ck_assert_uint_eq(mem_get(DATA + widths[f] / 8, 1),
                                  f == 5 ? 0x5A : (edges[v] >> widths[f]) & 0xFF);
            }
            ck_assert_uint_eq(cpu_get_eflags(cpu), flags); /* NOT sets no flags */
        }
    }
}
END_TEST

/*
 * The fault rule: ADD word [FFFF],BX straddles the end of DS, raises #GP,
 * and must leave the memory and the flags as they were.  The #GP handler
 * is one INC BX at a page end, a block of its own.
 */
START_TEST(test_fault_leaves_state)
{
    static const uint8_t add[] = { 0x01, 0x1E, 0xFF, 0xFF };
    static const uint8_t handler[] = { 0x43 };
    uint32_t ip = place_code(1, add, sizeof add);
    uint32_t hip = place_code(5, handler, sizeof handler);
    mem_put(EXC_GP * 4, 2, hip);
    mem_put(EXC_GP * 4 + 2, 2, 0);
    mem_put(0xFFFF, 2, 0x1234);
    cpu->gpr[REG_BX] = 0x4321;
    cpu->gpr[REG_SP] = STACK_TOP;
    lazy_set_explicit(cpu, 0x80, 8, 1, 1, 0); /* CF OF SF, not ZF */
    uint32_t flags = cpu_get_eflags(cpu);
    /* Whether entering the handler uses up the budget is the dispatcher's
     * business: accept a stop at the handler's first byte and go on. */
    cpu->eip = ip;
    cpu_run(cpu, 1);
    if (cpu->eip == hip)
        cpu_run(cpu, 1);
    ck_assert_uint_eq(cpu->eip, hip + 1);
    ck_assert_uint_eq(mem_get(0xFFFF, 2), 0x1234);
    ck_assert_uint_eq(cpu->gpr[REG_SP], STACK_TOP - 6);
    ck_assert_uint_eq(mem_get(STACK_TOP - 6, 2), ip);        /* IP of the fault */
    ck_assert_uint_eq(mem_get(STACK_TOP - 2, 2), flags & 0xFFFF);
    ck_assert_uint_eq(cpu->gpr[REG_BX], 0x4322);             /* the handler ran */
    cpu_set_eflags(cpu, PRESET_FLAGS, PRESET_FLAGS);
}
END_TEST

/* lazy_set_explicit -> flag_xx / cpu_get_eflags -> flags_materialise ->
 * cpu_set_eflags, at every width, with edge results. */
START_TEST(test_round_trips)
{
    static const unsigned widths[] = { 8, 16, 32 };
    for (unsigned wi = 0; wi < 3; wi++) {
        unsigned w = widths[wi];
        for (unsigned v = 0; v < N_EDGES; v++) {
            for (unsigned bits = 0; bits < 8; bits++) {
                unsigned cf = bits & 1, of = (bits >> 1) & 1, af = (bits >> 2) & 1;
                uint32_t res = edges[v];
                uint32_t rm = (uint32_t)(res & mask_of(w));
                unsigned zf = rm == 0, sf = bit_of(rm, w - 1), pf = naive_parity(rm);
                uint32_t want = pack_flags(cf, pf, af, zf, sf, of);

                lazy_set_explicit(cpu, res, w, cf, of, af);
                ck_assert_uint_ne(cpu->lazy.width, 0);
                ck_assert_uint_eq(flag_cf(cpu), cf);
                ck_assert_uint_eq(flag_of(cpu), of);
                ck_assert_uint_eq(flag_af(cpu), af);
                ck_assert_uint_eq(flag_zf(cpu), zf);
                ck_assert_uint_eq(flag_sf(cpu), sf);
                ck_assert_uint_eq(flag_pf(cpu), pf);
                uint32_t e = cpu_get_eflags(cpu);
                ck_assert_uint_eq(e & FLAGS_ARITH, want);
                ck_assert_uint_eq(e & (PRESET_FLAGS | FLAG_RES1), PRESET_FLAGS | FLAG_RES1);
                bool cond[16];
                for (unsigned cc = 0; cc < 16; cc++) {
                    cond[cc] = cond_true(cpu, cc);
                    ck_assert_int_eq(cond[cc], naive_cond(cc, cf, pf, zf, sf, of));
                }

                flags_materialise(cpu);
                ck_assert_uint_eq(cpu->lazy.width, 0);
                ck_assert_uint_eq(cpu->eflags, e);
                ck_assert_uint_eq(cpu_get_eflags(cpu), e);
                for (unsigned cc = 0; cc < 16; cc++)
                    ck_assert_int_eq(cond_true(cpu, cc), cond[cc]);

                /* Writing only non-arithmetic bits keeps OSZAPC. */
                cpu_set_eflags(cpu, 0, FLAG_DF);
                ck_assert_uint_eq(cpu_get_eflags(cpu), e & ~(uint32_t)FLAG_DF);
                cpu_set_eflags(cpu, FLAG_DF, FLAG_DF);

                /* Invert every arithmetic flag. */
                lazy_set_explicit(cpu, res, w, cf, of, af);
                cpu_set_eflags(cpu, ~e, FLAGS_ARITH);
                uint32_t inv = pack_flags(!cf, !pf, !af, !zf, !sf, !of);
                ck_assert_uint_eq(cpu_get_eflags(cpu) & FLAGS_ARITH, inv);
                ck_assert_uint_eq(cpu_get_eflags(cpu) & ~(uint32_t)FLAGS_ARITH,
                                  e & ~(uint32_t)FLAGS_ARITH);
                ck_assert_uint_eq(flag_cf(cpu), !cf);
                ck_assert_uint_eq(flag_of(cpu), !of);
                ck_assert_uint_eq(flag_af(cpu), !af);
                ck_assert_uint_eq(flag_zf(cpu), !zf);
                ck_assert_uint_eq(flag_sf(cpu), !sf);
                ck_assert_uint_eq(flag_pf(cpu), !pf);
                for (unsigned cc = 0; cc < 16; cc++)
                    ck_assert_int_eq(cond_true(cpu, cc), naive_cond(cc, !cf, !pf, !zf, !sf, !of));
            }
        }
    }
}
END_TEST

/* lazy_set with the flags.h carry vectors, checked on their own against
 * the reference at the widths the CPU does not reach through 8-bit tests. */
START_TEST(test_carry_vectors)
{
    static const unsigned widths[] = { 8, 16, 32 };
    for (unsigned wi = 0; wi < 3; wi++) {
        unsigned w = widths[wi];
        uint64_t m = mask_of(w);
        for (unsigned x = 0; x < N_EDGES; x++) {
            for (unsigned y = 0; y < N_EDGES; y++) {
                for (unsigned cin = 0; cin < 2; cin++) {
                    uint64_t a = edges[x] & m, b = edges[y] & m;
                    struct ref r = naive(R_ADC, (uint32_t)a, (uint32_t)b, cin, w);
                    lazy_set(cpu, r.res, carry_out_add(a, b, r.res), w);
                    ck_assert_uint_eq(cpu_get_eflags(cpu) & FLAGS_ARITH,
                                      pack_flags(r.cf, r.pf, r.af, r.zf, r.sf, r.of));
                    r = naive(R_SBB, (uint32_t)a, (uint32_t)b, cin, w);
                    lazy_set(cpu, r.res, carry_out_sub(a, b, r.res), w);
                    ck_assert_uint_eq(cpu_get_eflags(cpu) & FLAGS_ARITH,
                                      pack_flags(r.cf, r.pf, r.af, r.zf, r.sf, r.of));
                    r = naive(R_INC, (uint32_t)a, 1, cin, w);
                    lazy_set_keep_cf(cpu, r.res, carry_out_add(a, 1, r.res), w, cin);
                    ck_assert_uint_eq(cpu_get_eflags(cpu) & FLAGS_ARITH,
                                      pack_flags(r.cf, r.pf, r.af, r.zf, r.sf, r.of));
                }
            }
        }
    }
}
END_TEST

static Suite *flags_suite(void)
{
    Suite *s = suite_create("flags");

    TCase *tc = tcase_create("exhaustive");
    tcase_add_checked_fixture(tc, rig_setup, rig_teardown);
    tcase_set_timeout(tc, 300);
    tcase_add_loop_test(tc, test_exhaustive_8bit, 0, 2);
    tcase_add_loop_test(tc, test_edges_wide, 0, 2);
    suite_add_tcase(s, tc);

    tc = tcase_create("shapes");
    tcase_add_checked_fixture(tc, rig_setup, rig_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_alu_shapes);
    tcase_add_test(tc, test_incdec_registers);
    tcase_add_test(tc, test_not);
    tcase_add_test(tc, test_fault_leaves_state);
    suite_add_tcase(s, tc);

    tc = tcase_create("lazy");
    tcase_add_checked_fixture(tc, rig_setup, rig_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_round_trips);
    tcase_add_test(tc, test_carry_vectors);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(flags_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
