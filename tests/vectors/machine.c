/*
 * machine.c - running one SingleStepTests vector on a bare machine and
 * comparing the result (../shared/vectors/README.md, "How to run one test").
 *
 * A test: reset the CPU, write the INIT bytes into RAM, load the INIT
 * registers (real mode: segment base = selector << 4, limits 64 KiB from
 * the reset), run from CS:IP until the HLT that follows the instruction,
 * or that the test placed at its exception handler, has executed, then
 * compare every register (FINA's value, else INIT's) and the RAM: every
 * FINA byte, and every INIT byte FINA does not list must be unchanged.
 *
 * Running is done in small steps (cpu_run with a budget of one returns
 * after one decoded block, plus the handler block of any exception it
 * raised), so a CPU that goes astray is caught early: the instruction
 * under test may repeat at the same CS:IP (REP, LOOP to itself) as long
 * as it likes, but once CS:IP has moved a few times without a HLT the
 * test has failed.
 *
 * RAM stays all-zero between tests.  Afterwards every 64 KiB segment
 * window the test could reach (the CS/SS/DS/ES/FS/GS bases seen between
 * steps) is scanned: a non-zero byte no INIT or FINA entry accounts for
 * is a stray write, reported as a failure, and is cleared.  A run that
 * went astray clears the whole RAM.
 *
 * One more thing differs from plain zero RAM: the interrupt vector table.
 * Every IVT byte the test does not set points to a HLT at an address the
 * test does not use.  An exception the real CPU did not raise then stops
 * at once, instead of running whatever the zero vector 0000:0000 points
 * at (often code that faults again, for ever).  A correct CPU never reads
 * a byte INIT does not list (the vectors list every byte the real CPU
 * read), so passing tests cannot tell.
 */

#include "tests/vectors/machine.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "cpu/decode.h"
#include "cpu/flags.h"
#include "mem/phys.h"
#include "mem/ports.h"

#define RAM_SIZE (16u << 20)
#define RAM_MASK (RAM_SIZE - 1u)
#define IVT_SIZE 0x400u
#define WINDOW_SIZE 0x10010u  /* a segment's 64 KiB plus a word past its end */
#define MAX_WINDOWS 64
#define INSN_LIMIT 2000000u   /* instructions per test (REP with CX = 65535) */
#define MOVES_LIMIT 8         /* CS:IP changes without reaching a HLT */
#define SLICE_MAX 65536u      /* budget per cpu_run while CS:IP stays put */

struct machine {
    struct phys_space *ps;
    struct port_bus *pb;
    struct cpu *c;
    struct phys_region *ram;
    uint32_t windows[MAX_WINDOWS]; /* segment bases seen in this test */
    unsigned nwindows;
    bool windows_overflow;
    uint32_t hlt_addr;                 /* where unset IVT entries point */
    uint8_t listed_ivt[IVT_SIZE / 8];  /* IVT bytes INIT or FINA list */
};

/* ---- the machine -------------------------------------------------------- */

struct machine *machine_create(void)
{
    struct machine *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->ps = phys_create();
    m->pb = ports_create();
    if (!m->ps || !m->pb)
        goto fail;
    m->ram = phys_add_ram(m->ps, "ram", 0, RAM_SIZE, 0);
    if (!m->ram || !m->ram->host)
        goto fail;
    phys_set_addr_bits(m->ps, 24);
    phys_set_a20(m->ps, true);
    m->c = cpu_create(m->ps, m->pb);
    if (!m->c)
        goto fail;
    return m;
fail:
    machine_destroy(m);
    return NULL;
}

void machine_destroy(struct machine *m)
{
    if (!m)
        return;
    cpu_destroy(m->c);
    ports_destroy(m->pb);
    phys_destroy(m->ps);
    free(m);
}

/* Remembers the window of every segment base now loaded. */
static void note_windows(struct machine *m)
{
    for (int s = 0; s < SEG_COUNT; s++) {
        uint32_t base = m->c->seg[s].base & RAM_MASK;
        bool seen = false;
        for (unsigned k = 0; k < m->nwindows && !seen; k++)
            seen = m->windows[k] == base;
        if (seen)
            continue;
        if (m->nwindows == MAX_WINDOWS)
            m->windows_overflow = true;
        else
            m->windows[m->nwindows++] = base;
    }
}

static bool in_state(const struct moo_state *s, uint32_t addr)
{
    for (uint32_t k = 0; k < s->ram_count; k++) {
        uint32_t a;
        uint8_t v;
        moo_ram_entry(s, k, &a, &v);
        if ((a & RAM_MASK) == addr)
            return true;
    }
    return false;
}

static void note_listed_ivt(struct machine *m, const struct moo_state *s)
{
    for (uint32_t k = 0; k < s->ram_count; k++) {
        uint32_t a;
        uint8_t v;
        moo_ram_entry(s, k, &a, &v);
        a &= RAM_MASK;
        if (a < IVT_SIZE)
            m->listed_ivt[a / 8] |= (uint8_t)(1u << (a % 8));
    }
}

static bool ivt_listed(const struct machine *m, uint32_t a)
{
    return m->listed_ivt[a / 8] >> (a % 8) & 1u;
}

/* The byte an unset IVT entry holds: every vector -> hlt_addr's seg:0. */
static uint8_t ivt_poison(const struct machine *m, uint32_t a)
{
    uint16_t seg = (uint16_t)(m->hlt_addr >> 4);
    switch (a % 4) {
    case 2: return (uint8_t)seg;
    case 3: return (uint8_t)(seg >> 8);
    default: return 0; /* offset 0 */
    }
}

/* Fills the unset IVT and places the HLT (see the top of the file).
 * Straight into RAM: cpu_reset has just dropped every decoded block. */
static void poison_ivt(struct machine *m, const struct moo_test *t)
{
    memset(m->listed_ivt, 0, sizeof m->listed_ivt);
    note_listed_ivt(m, &t->init);
    note_listed_ivt(m, &t->fina);
    uint32_t h = IVT_SIZE;
    while (in_state(&t->init, h) || in_state(&t->fina, h))
        h += 16; /* terminates: a test lists finitely many bytes */
    m->hlt_addr = h & RAM_MASK;
    for (uint32_t a = 0; a < IVT_SIZE; a++)
        m->ram->host[a] = ivt_poison(m, a);
    m->ram->host[m->hlt_addr] = 0xF4;
}

/* Takes the poison away again, leaving bytes the CPU changed for the
 * stray-write scan. */
static void unpoison_ivt(struct machine *m)
{
    for (uint32_t a = 0; a < IVT_SIZE; a++)
        if (!ivt_listed(m, a) && m->ram->host[a] == ivt_poison(m, a))
            m->ram->host[a] = 0;
    if (m->ram->host[m->hlt_addr] == 0xF4)
        m->ram->host[m->hlt_addr] = 0;
}

static void load_state(struct machine *m, const struct moo_test *t)
{
    struct cpu *c = m->c;
    const uint16_t *r = t->init.regs;
    cpu_reset(c); /* also drops every decoded block */
    poison_ivt(m, t);
    for (uint32_t k = 0; k < t->init.ram_count; k++) {
        uint32_t addr;
        uint8_t v;
        moo_ram_entry(&t->init, k, &addr, &v);
        phys_write8(m->ps, addr, v);
    }
    c->gpr[REG_AX] = r[MOO_AX];
    c->gpr[REG_BX] = r[MOO_BX];
    c->gpr[REG_CX] = r[MOO_CX];
    c->gpr[REG_DX] = r[MOO_DX];
    c->gpr[REG_SP] = r[MOO_SP];
    c->gpr[REG_BP] = r[MOO_BP];
    c->gpr[REG_SI] = r[MOO_SI];
    c->gpr[REG_DI] = r[MOO_DI];
    cpu_load_seg_real(c, SEG_CS, r[MOO_CS]);
    cpu_load_seg_real(c, SEG_SS, r[MOO_SS]);
    cpu_load_seg_real(c, SEG_DS, r[MOO_DS]);
    cpu_load_seg_real(c, SEG_ES, r[MOO_ES]);
    c->eip = r[MOO_IP];
    /* IOPL, NT and bit 15 read as 0 on a real-mode 286 whatever INIT says:
     * its PUSHF pushes them as 0 (see the 9C vectors).  Our P6 would keep
     * and push them, so they are dropped here. */
    cpu_set_eflags(c, r[MOO_FLAGS] & 0x0FFFu, ~0u);
}

enum run_end { RUN_HALT, RUN_BUDGET, RUN_MOVES, RUN_SHUTDOWN };

static enum run_end run_to_hlt(struct machine *m)
{
    struct cpu *c = m->c;
    uint64_t start = c->icount;
    uint64_t slice = 1;
    unsigned moves = 0;
    enum run_end end = RUN_BUDGET;
    while (c->icount - start < INSN_LIMIT) {
        uint16_t cs = c->seg[SEG_CS].selector;
        uint32_t ip = c->eip;
        enum cpu_stop st = cpu_run(c, slice);
        note_windows(m);
        if (c->halted) {
            end = RUN_HALT;
            break;
        }
        if (st == CPU_STOP_SHUTDOWN) {
            end = RUN_SHUTDOWN;
            break;
        }
        if (c->seg[SEG_CS].selector == cs && c->eip == ip) {
            /* Still at the instruction (REP, LOOP $): let it run longer. */
            slice = slice * 2 < SLICE_MAX ? slice * 2 : SLICE_MAX;
        } else {
            slice = 1;
            if (++moves == MOVES_LIMIT) {
                end = RUN_MOVES;
                break;
            }
        }
    }
    return end;
}

/* ---- comparing ---------------------------------------------------------- */

static void fail_msg(struct test_outcome *out, const char *fmt, ...)
{
    if (!out->pass)
        return; /* keep the first difference */
    out->pass = false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->what, sizeof out->what, fmt, ap);
    va_end(ap);
}

static uint64_t actual_reg(const struct cpu *c, enum moo_reg r)
{
    switch (r) {
    case MOO_AX: return c->gpr[REG_AX];
    case MOO_BX: return c->gpr[REG_BX];
    case MOO_CX: return c->gpr[REG_CX];
    case MOO_DX: return c->gpr[REG_DX];
    case MOO_CS: return c->seg[SEG_CS].selector;
    case MOO_SS: return c->seg[SEG_SS].selector;
    case MOO_DS: return c->seg[SEG_DS].selector;
    case MOO_ES: return c->seg[SEG_ES].selector;
    case MOO_SP: return c->gpr[REG_SP];
    case MOO_BP: return c->gpr[REG_BP];
    case MOO_SI: return c->gpr[REG_SI];
    case MOO_DI: return c->gpr[REG_DI];
    case MOO_IP: return c->eip;
    case MOO_FLAGS: return cpu_get_eflags(c);
    default: return 0;
    }
}

static void compare_regs(const struct cpu *c, const struct moo_test *t, uint16_t fmask,
                         struct test_outcome *out)
{
    for (int r = 0; r < MOO_NREGS; r++) {
        uint64_t got = actual_reg(c, (enum moo_reg)r);
        uint16_t want = moo_expected_reg(t, (enum moo_reg)r);
        if (r == MOO_FLAGS) {
            if (((got ^ want) & fmask) != 0)
                fail_msg(out, "flags = 0x%04x, expected 0x%04x (compared bits 0x%04x)",
                         (unsigned)(got & 0xFFFF), (unsigned)want, (unsigned)fmask);
        } else if (got > 0xFFFF) {
            /* 16-bit code must leave the upper halves (still 0) alone. */
            fail_msg(out, "e%s = 0x%08llx, expected 0x%04x (upper half changed)",
                     moo_reg_names[r], (unsigned long long)got, (unsigned)want);
        } else if (got != want) {
            fail_msg(out, "%s = 0x%04x, expected 0x%04x", moo_reg_names[r], (unsigned)got,
                     (unsigned)want);
        }
    }
}

/* Bits of a RAM byte that are compared: all, except in the FLAGS word an
 * exception pushed, where the flags mask applies.  The word is found from
 * the final SS:SP (the handler is a HLT, so SP is just past the pushed
 * IP, CS, FLAGS), not from the EXCP address: in these vectors that
 * address is rounded down to even, one byte short when SP is odd. */
static uint8_t ram_mask(const struct moo_test *t, uint32_t addr, uint16_t fmask)
{
    if (t->has_excp) {
        uint32_t base = (uint32_t)moo_expected_reg(t, MOO_SS) << 4;
        uint16_t sp = moo_expected_reg(t, MOO_SP);
        uint32_t lo = (base + (uint16_t)(sp + 4u)) & RAM_MASK;
        uint32_t hi = (base + (uint16_t)(sp + 5u)) & RAM_MASK;
        if ((addr & RAM_MASK) == lo)
            return (uint8_t)fmask;
        if ((addr & RAM_MASK) == hi)
            return (uint8_t)(fmask >> 8);
    }
    return 0xFF;
}

static void compare_ram(struct machine *m, const struct moo_test *t, uint16_t fmask,
                        struct test_outcome *out)
{
    for (uint32_t k = 0; k < t->fina.ram_count; k++) {
        uint32_t addr;
        uint8_t want;
        moo_ram_entry(&t->fina, k, &addr, &want);
        uint8_t got = phys_read8(m->ps, addr);
        uint8_t bits = ram_mask(t, addr, fmask);
        if ((got ^ want) & bits) {
            if (bits != 0xFF)
                fail_msg(out, "[0x%06x] = 0x%02x, expected 0x%02x (pushed flags, compared bits 0x%02x)",
                         (unsigned)addr, (unsigned)got, (unsigned)want, (unsigned)bits);
            else
                fail_msg(out, "[0x%06x] = 0x%02x, expected 0x%02x", (unsigned)addr, (unsigned)got,
                         (unsigned)want);
        }
    }
    /* Bytes INIT wrote and FINA does not list kept their value. */
    for (uint32_t k = 0; k < t->init.ram_count; k++) {
        uint32_t addr;
        uint8_t want;
        moo_ram_entry(&t->init, k, &addr, &want);
        if (in_state(&t->fina, addr & RAM_MASK))
            continue;
        uint8_t got = phys_read8(m->ps, addr);
        if (got != want)
            fail_msg(out, "[0x%06x] = 0x%02x, expected 0x%02x (unchanged)", (unsigned)addr,
                     (unsigned)got, (unsigned)want);
    }
}

/* Clears [addr, addr + len) of RAM, wrapping at 16 MiB.  Straight into the
 * backing store: the next test's cpu_reset drops any decoded block. */
static void zero_ram(struct machine *m, uint32_t addr, uint32_t len)
{
    addr &= RAM_MASK;
    while (len) {
        uint32_t n = RAM_SIZE - addr < len ? RAM_SIZE - addr : len;
        memset(m->ram->host + addr, 0, n);
        len -= n;
        addr = 0;
    }
}

/* True if n bytes are all zero.  One OR per word and a single test at
 * the end, so the compiler can vectorise it: this scan is most of the
 * runner's time. */
static bool all_zero(const uint8_t *p, uint32_t n)
{
    uint64_t acc = 0;
    uint32_t k = 0;
    for (; k + 8 <= n; k += 8) {
        uint64_t w;
        memcpy(&w, p + k, 8);
        acc |= w;
    }
    for (; k < n; k++)
        acc |= p[k];
    return acc == 0;
}

#define SCAN_CHUNK 512u

/* Scans [addr, addr + len) (not wrapping) for bytes the test does not
 * account for, clearing every non-zero byte it finds. */
static void scan_range(struct machine *m, const struct moo_test *t, uint32_t addr, uint32_t len,
                       struct test_outcome *out)
{
    for (uint32_t off = 0; off < len; off += SCAN_CHUNK) {
        uint32_t n = len - off < SCAN_CHUNK ? len - off : SCAN_CHUNK;
        uint8_t *p = m->ram->host + addr + off;
        if (all_zero(p, n))
            continue;
        for (uint32_t k = 0; k < n; k++) {
            if (p[k] == 0)
                continue;
            uint32_t a = addr + off + k;
            if (!in_state(&t->init, a) && !in_state(&t->fina, a))
                fail_msg(out, "[0x%06x] = 0x%02x, expected 0x00 (stray write)", (unsigned)a,
                         (unsigned)p[k]);
            p[k] = 0;
        }
    }
}

/* One segment window, wrapping at 16 MiB like the address bus. */
static void scan_window(struct machine *m, const struct moo_test *t, uint32_t base,
                        struct test_outcome *out)
{
    base &= RAM_MASK;
    uint32_t first = RAM_SIZE - base < WINDOW_SIZE ? RAM_SIZE - base : WINDOW_SIZE;
    scan_range(m, t, base, first, out);
    if (first < WINDOW_SIZE)
        scan_range(m, t, 0, WINDOW_SIZE - first, out);
}

/* ---- LOCK: where the P6 rule replaces the 286 recording ------------------ *
 *
 * A 286 ignores a LOCK prefix on any instruction; a P6 raises #UD when the
 * instruction cannot be locked (or its destination is a register).  About
 * 2% of these vectors carry such a LOCK, far more than exclusions may
 * cover, so instead of skipping them the runner checks the P6 outcome,
 * which follows from INIT alone: nothing executes, #UD (vector 6) is
 * entered - FLAGS, CS and IP of the instruction pushed, SP 6 lower, IF and
 * TF clear - and the handler (the runner's HLT, IVT entry 6 being unset in
 * these tests) stops the CPU. */
struct p6_lock_case {
    struct moo_test t;
    uint8_t pushed[6 * 5]; /* FINA RAM entries: the three pushed words */
};

static bool needs_p6_lock_rule(const struct machine *m, const struct moo_test *t)
{
    struct insn i;
    if (decode_insn(&i, t->bytes, t->nbytes, 0) != DECODE_OK)
        return false;
    if (!(i.attr & ATTR_LOCKED) || i.fn != op_ud || i.table == UINT16_MAX)
        return false; /* not a LOCK-only #UD */
    for (uint32_t a = 6 * 4; a < 7 * 4; a++)
        if (ivt_listed(m, a))
            return false; /* the test has its own #UD handler */
    uint16_t sp = t->init.regs[MOO_SP];
    return !(sp & 1) || sp >= 6; /* pushes must not straddle the limit */
}

static void put_entry(uint8_t *e, uint32_t addr, uint8_t v)
{
    e[0] = (uint8_t)addr;
    e[1] = (uint8_t)(addr >> 8);
    e[2] = (uint8_t)(addr >> 16);
    e[3] = (uint8_t)(addr >> 24);
    e[4] = v;
}

static const struct moo_test *p6_lock_expectation(const struct moo_test *t,
                                                  struct p6_lock_case *k)
{
    k->t = *t;
    struct moo_state *f = &k->t.fina;
    const uint16_t *in = t->init.regs;
    uint16_t flags = (uint16_t)((in[MOO_FLAGS] & 0x0FFFu) | FLAG_RES1);
    uint16_t sp = (uint16_t)(in[MOO_SP] - 6u);
    uint16_t words[3] = { in[MOO_IP], in[MOO_CS], flags };
    memset(f, 0, sizeof *f);
    f->mask = 1u << MOO_CS | 1u << MOO_IP | 1u << MOO_SP | 1u << MOO_FLAGS;
    f->regs[MOO_CS] = 0; /* set by the caller once the handler is placed */
    f->regs[MOO_IP] = 1; /* just past the handler's HLT at offset 0 */
    f->regs[MOO_SP] = sp;
    f->regs[MOO_FLAGS] = (uint16_t)(flags & ~(FLAG_IF | FLAG_TF));
    for (unsigned w = 0; w < 3; w++)
        for (unsigned b = 0; b < 2; b++) {
            uint32_t addr = ((uint32_t)in[MOO_SS] << 4) + (uint16_t)(sp + 2 * w + b);
            put_entry(&k->pushed[(2 * w + b) * 5], addr & RAM_MASK, (uint8_t)(words[w] >> (8 * b)));
        }
    f->ram = k->pushed;
    f->ram_count = 6;
    k->t.has_excp = true;
    k->t.excp_vector = EXC_UD;
    return &k->t;
}

void machine_run_test(struct machine *m, const struct moo_test *t, uint16_t flags_mask,
                      struct test_outcome *out)
{
    struct p6_lock_case lock_case;
    struct cpu *c = m->c;
    memset(out, 0, sizeof *out);
    out->pass = true;
    m->nwindows = 0;
    m->windows_overflow = false;

    load_state(m, t);
    if (needs_p6_lock_rule(m, t)) {
        t = p6_lock_expectation(t, &lock_case);
        /* Load again so the IVT poison and the handler's HLT are placed
         * around the P6 outcome's bytes (its pushes), not the 286's. */
        unpoison_ivt(m);
        load_state(m, t);
        lock_case.t.fina.regs[MOO_CS] = (uint16_t)(m->hlt_addr >> 4);
        flags_mask = 0xFFFF; /* nothing ran: every flag is defined */
        out->p6_lock_rule = true;
    }
    uint16_t fmask = flags_mask & 0x0FFFu;
    note_windows(m);
    enum run_end end = run_to_hlt(m);
    switch (end) {
    case RUN_HALT:
        break;
    case RUN_BUDGET:
        fail_msg(out, "did not halt: still running after %u instructions, at %04x:%04x",
                 INSN_LIMIT, (unsigned)c->seg[SEG_CS].selector, (unsigned)c->eip);
        break;
    case RUN_MOVES:
        fail_msg(out, "did not halt: CS:IP moved %d times without a HLT, now %04x:%04x",
                 MOVES_LIMIT, (unsigned)c->seg[SEG_CS].selector, (unsigned)c->eip);
        break;
    case RUN_SHUTDOWN:
        fail_msg(out, "triple fault (shutdown) at %04x:%04x", (unsigned)c->seg[SEG_CS].selector,
                 (unsigned)c->eip);
        break;
    }
    out->runaway = end != RUN_HALT;
    compare_regs(c, t, fmask, out);
    compare_ram(m, t, fmask, out);

    /* Back to all-zero RAM. */
    unpoison_ivt(m);
    if (out->runaway || m->windows_overflow) {
        zero_ram(m, 0, RAM_SIZE);
        return;
    }
    for (unsigned k = 0; k < m->nwindows; k++)
        scan_window(m, t, m->windows[k], out);
    for (uint32_t k = 0; k < t->init.ram_count; k++) {
        uint32_t a;
        uint8_t v;
        moo_ram_entry(&t->init, k, &a, &v);
        zero_ram(m, a, 1);
    }
    for (uint32_t k = 0; k < t->fina.ram_count; k++) {
        uint32_t a;
        uint8_t v;
        moo_ram_entry(&t->fina, k, &a, &v);
        zero_ram(m, a, 1);
    }
}

bool machine_self_test(struct machine *m, char *err, size_t errlen)
{
    /* HLT at 0100:0000; afterwards only IP changes. */
    static const uint8_t ram[5] = { 0x00, 0x10, 0x00, 0x00, 0xF4 };
    struct moo_test t;
    struct test_outcome out;
    memset(&t, 0, sizeof t);
    t.name = "hlt";
    t.name_len = 3;
    t.init.mask = (1u << MOO_NREGS) - 1u;
    t.init.regs[MOO_CS] = 0x0100;
    t.init.regs[MOO_FLAGS] = FLAG_RES1;
    t.init.ram = ram;
    t.init.ram_count = 1;
    t.fina.mask = 1u << MOO_IP;
    t.fina.regs[MOO_IP] = 1;
    machine_run_test(m, &t, 0xFFFF, &out);
    if (!out.pass)
        snprintf(err, errlen, "the CPU fails a lone HLT (%s): every test would fail; "
                 "is op_hlt linked in?", out.what);
    return out.pass;
}
