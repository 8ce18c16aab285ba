/*
 * exec.c - the dispatcher: find the decoded block for CS:EIP, run its
 * handlers, deliver interrupts and exceptions between them.
 *
 * The hot loop is run_block(): per instruction it records where the
 * instruction starts (for faults), advances EIP, and calls the handler.
 * Everything slower - single-stepping for TF, the one-instruction shadow
 * after STI / MOV SS, code the cache must not keep - goes through
 * step_one(), which decodes and runs exactly one instruction.
 *
 * Faults: cpu_raise() longjmps to cpu_run(), which rewinds EIP to the
 * faulting instruction and enters the exception handler; a fault while
 * entering a handler becomes #DF by the rules of the SDM's table 6-5
 * (deliver_exception), and a fault while entering #DF shuts the CPU down
 * (triple fault).
 */
#include "cpu/cpu.h"

#include <string.h>

#include "cpu/access.h"
#include "cpu/block_cache.h"
#include "cpu/debug.h"
#include "cpu/decode.h"
#include "cpu/fault.h"
#include "cpu/interrupt.h"
#include "cpu/ops/ops.h"
#include "cpu/tlb.h"
#include "mem/phys.h"

noreturn void cpu_raise(struct cpu *c, unsigned vector, uint32_t error_code)
{
    c->exc_vector = (uint8_t)vector;
    c->exc_error = error_code;
    longjmp(c->fault_unwind, 1);
}

void op_ud(struct cpu *c, const struct insn *i)
{
    (void)i;
    cpu_raise(c, EXC_UD, 0);
}

void op_too_long(struct cpu *c, const struct insn *i)
{
    (void)i;
    cpu_raise(c, EXC_GP, 0);
}

static unsigned decode_mode(const struct cpu *c)
{
    return (c->seg[SEG_CS].access & SEG_ACCESS_DB) ? DECODE_CODE32 : 0;
}

static uint32_t eip_mask(const struct cpu *c)
{
    return (c->seg[SEG_CS].access & SEG_ACCESS_DB) ? 0xFFFFFFFFu : 0xFFFFu;
}

/* Physical address of CS:EIP, translated as a read with the current
 * privilege (#PF on the fetch); blocks are keyed by it. */
static uint32_t code_phys(struct cpu *c)
{
    return phys_mask(c->phys, mem_fetch_phys(c, c->seg[SEG_CS].base + c->eip));
}

/* Bytes that may be fetched from EIP before passing the CS limit. */
static uint32_t fetch_room(struct cpu *c)
{
    const struct cpu_segment *cs = &c->seg[SEG_CS];
    if (c->eip > cs->limit) {
        c->insn_eip = c->eip;
        cpu_raise(c, EXC_GP, 0);
    }
    return cs->limit - c->eip + 1;
}

static void execute(struct cpu *c, const struct insn *i)
{
    c->insn_eip = c->eip;
    c->eip = (c->eip + i->len) & eip_mask(c);
    i->fn(c, i);
    c->icount++;
}

static bool is_software_interrupt(const struct insn *i)
{
    return i->fn == op_int_ib || i->fn == op_int3 || i->fn == op_into || i->fn == op_int1;
}

/* Fetches and decodes the instruction at CS:EIP without the block cache,
 * page by page: the bytes of the next page are fetched only if the
 * instruction needs them, so a #PF there (CR2 = the first byte of that
 * page) happens only for an instruction that really straddles. */
static void fetch_decode(struct cpu *c, struct insn *i)
{
    uint8_t buf[INSN_MAX_LEN];
    uint32_t room = fetch_room(c);
    unsigned avail = room < INSN_MAX_LEN ? room : INSN_MAX_LEN;
    uint32_t lin = c->seg[SEG_CS].base + c->eip;
    unsigned first = PHYS_PAGE_SIZE - (lin & (PHYS_PAGE_SIZE - 1));
    if (first > avail)
        first = avail;
    uint32_t phys = mem_fetch_phys(c, lin);
    for (unsigned k = 0; k < first; k++)
        buf[k] = phys_read8(c->phys, phys + k);
    enum decode_result r = decode_insn(i, buf, first, decode_mode(c));
    if (r == DECODE_NEED_MORE && first < avail) {
        phys = mem_fetch_phys(c, lin + first);
        for (unsigned k = first; k < avail; k++)
            buf[k] = phys_read8(c->phys, phys + (k - first));
        r = decode_insn(i, buf, avail, decode_mode(c));
    }
    if (r != DECODE_OK) /* past the CS limit, or longer than 15 bytes */
        cpu_raise(c, EXC_GP, 0);
}

/* Decode and run one instruction without the block cache. */
static void step_one(struct cpu *c)
{
    c->insn_eip = c->eip;
    if (debug_breakpoints_enabled(c))
        debug_check_insn(c);
    struct insn i;
    fetch_decode(c, &i);
    c->eflags &= ~(uint32_t)FLAG_RF; /* RF lasts one instruction */
    c->debug_hits = 0;
    bool trap = (c->eflags & FLAG_TF) != 0;
    execute(c, &i);
    uint32_t hits = debug_take_hits(c);
    if (hits) { /* data / I/O breakpoints: a trap after the instruction */
        c->dr[6] = (c->dr[6] & ~(uint32_t)DR6_B_MASK) | hits;
        if (!(trap && !is_software_interrupt(&i) && !c->inhibit_irq)) {
            c->insn_eip = c->eip;
            cpu_interrupt(c, EXC_DB, c->eip, INT_SRC_EXCEPTION, 0);
            return;
        }
    }
    /* No trap after INT n (it cleared TF for its handler), nor right after
     * MOV SS / POP SS / STI: like interrupts, the trap waits one more
     * instruction. */
    if (trap && !is_software_interrupt(&i) && !c->inhibit_irq) {
        c->insn_eip = c->eip;
        c->dr[6] |= 1u << 14; /* DR6.BS: the #DB is a single-step trap */
        cpu_interrupt(c, EXC_DB, c->eip, INT_SRC_EXCEPTION, 0);
    }
}

/* Builds the block at `phys`.  If that puts the first code marks on a
 * RAM page, writes to the page must from now on go through phys_write*
 * (which sees self-modifying code): the TLB drops its direct write
 * pointers to it, whatever linear page they were made for. */
static struct block *build_block(struct cpu *c, uint32_t phys, unsigned mode, uint32_t room)
{
    uint8_t *unmarked = phys_host_ptr(c->phys, phys & ~(PHYS_PAGE_SIZE - 1), true);
    struct block *b = block_cache_build(c->blocks, phys, mode, room);
    if (unmarked && b->valid)
        tlb_drop_write_host(c->tlb, unmarked);
    return b;
}

static void run_block(struct cpu *c)
{
    c->insn_eip = c->eip;
    uint32_t room = fetch_room(c);
    uint32_t phys = code_phys(c);
    unsigned mode = decode_mode(c);
    struct block *b = block_cache_find(c->blocks, phys, mode);
    if (!b || b->span > room)
        b = build_block(c, phys, mode, room);
    if (b->count == 0) {
        /* The first instruction crosses the page end (its bytes come from
         * two pages, which need not be contiguous physically) or the CS
         * limit: the uncached path fetches it, or raises the fault. */
        step_one(c);
        return;
    }
    c->eflags &= ~(uint32_t)FLAG_RF;
    c->block_stale = false;
    block_cache_set_running(c->blocks, b, &c->block_stale);
    for (uint32_t k = 0; k < b->count; k++) {
        execute(c, &b->insns[k]);
        if (c->block_stale)
            break;
    }
    block_cache_set_running(c->blocks, NULL, NULL);
}

static void take_external_interrupt(struct cpu *c)
{
    c->halted = false;
    uint8_t vector = c->intr_ack ? c->intr_ack(c->intr_opaque) : 0;
    c->insn_eip = c->eip;
    cpu_interrupt(c, vector, c->eip, INT_SRC_EXTERNAL, 0);
}

static void run_loop(struct cpu *c)
{
    while (c->stop == CPU_STOP_NONE && c->icount < c->budget_end) {
        bool irq = c->intr_line && (c->eflags & FLAG_IF) && !c->inhibit_irq;
        if (irq) {
            take_external_interrupt(c);
            continue;
        }
        if (c->halted) {
            c->stop = CPU_STOP_HALT;
            return;
        }
        if (c->inhibit_irq || (c->eflags & FLAG_TF) || debug_breakpoints_enabled(c)) {
            c->inhibit_irq = 0;
            step_one(c);
            continue;
        }
        run_block(c);
    }
    if (c->stop == CPU_STOP_NONE)
        c->stop = CPU_STOP_BUDGET;
}

/* Exception classes of the SDM Vol. 3, table 6-4, for the double-fault
 * rule of table 6-5. */
enum exc_class { EXC_BENIGN, EXC_CONTRIBUTORY, EXC_PAGE_FAULT };

static enum exc_class exception_class(unsigned vector)
{
    switch (vector) {
    case EXC_DE: case EXC_TS: case EXC_NP: case EXC_SS: case EXC_GP:
        return EXC_CONTRIBUTORY;
    case EXC_PF:
        return EXC_PAGE_FAULT;
    default:
        return EXC_BENIGN;
    }
}

/* Table 6-5: a second exception while delivering the first becomes #DF
 * for contributory after contributory, and for contributory or #PF after
 * #PF; every other pair is handled serially (the second one is
 * delivered, the first is lost, and restarting the instruction brings a
 * fault back). */
static bool is_double_fault(unsigned first, unsigned second)
{
    enum exc_class a = exception_class(first), b = exception_class(second);
    if (a == EXC_CONTRIBUTORY)
        return b == EXC_CONTRIBUTORY;
    if (a == EXC_PAGE_FAULT)
        return b != EXC_BENIGN;
    return false;
}

/* Enter the handler of the exception cpu_raise() recorded.  c->delivering
 * is the exception whose delivery is under way when this one struck (-1:
 * none); a fault while delivering #DF shuts the CPU down. */
static void deliver_exception(struct cpu *c)
{
    unsigned vector = c->exc_vector;
    uint32_t error = c->exc_error;
    block_cache_set_running(c->blocks, NULL, NULL);
    c->eip = c->insn_eip; /* faults restart the instruction */
    if (c->delivering == EXC_DF) {
        c->stop = CPU_STOP_SHUTDOWN;
        return;
    }
    if (c->delivering >= 0 && is_double_fault((unsigned)c->delivering, vector)) {
        vector = EXC_DF;
        error = 0;
    }
    c->delivering = (int)vector;
    /* A faulting instruction retires nothing, but it must still use up the
     * budget: a guest that faults forever must not hang cpu_run(). */
    c->icount++;
    /* Every exception raised through cpu_raise() is a fault except #DB
     * (an instruction breakpoint, a fault that must not set RF, or the T
     * bit of a new task, a trap) and #DF (an abort). */
    bool fault = vector != EXC_DB && vector != EXC_DF;
    cpu_interrupt(c, (uint8_t)vector, c->eip, fault ? INT_SRC_FAULT : INT_SRC_EXCEPTION, error);
    c->delivering = -1;
}

enum cpu_stop cpu_run(struct cpu *c, uint64_t max_insns)
{
    c->stop = CPU_STOP_NONE;
    c->budget_end = c->icount + max_insns;
    c->delivering = -1;
    for (;;) {
        if (setjmp(c->fault_unwind) == 0) {
            run_loop(c);
            break;
        }
        deliver_exception(c);
        if (c->stop != CPU_STOP_NONE)
            break;
    }
    return c->stop;
}
