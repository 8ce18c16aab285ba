/*
 * segment_fixture.h - the protected-mode machine of the segmentation tests
 * (test_segment.c, test_segment_far.c): 2 MiB of RAM, a GDT, an LDT, an
 * IDT (every exception vector leads to a HLT of its own in ring-0 code)
 * and TSSs, built byte by byte.  Two ways of testing: whole programs
 * through cpu_run (exceptions then show as "halted in handler v" with the
 * frame on the ring-0 stack), and single handlers or segment calls under a
 * setjmp on c->fault_unwind, which is where cpu_raise() lands, so the
 * vector and error code can be read from c->exc_vector / c->exc_error and
 * the state checked unchanged.  Only header-static helpers: each test
 * program includes it once.
 */
#ifndef SOFTPC_TESTS_SEGMENT_FIXTURE_H
#define SOFTPC_TESTS_SEGMENT_FIXTURE_H

#include <check.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "cpu/decode.h"
#include "cpu/insn.h"
#include "cpu/access.h"
#include "cpu/ops/far.h"
#include "cpu/regs.h"
#include "cpu/segment.h"
#include "mem/phys.h"
#include "mem/ports.h"

enum {
    GDT = 0x1000, IDT = 0x2000, TSS = 0x3000, TSS2 = 0x3400, LDT = 0x3800,
    CODE16 = 0x6000, CODE = 0x10000, HANDLERS = 0x11000, GATE_TARGET = 0x12000,
    STACK3 = 0x70000, STACK0 = 0x80000,
    /* GDT selectors */
    S_CODE0 = 0x08, S_DATA0 = 0x10, S_CODE3 = 0x18, S_DATA3 = 0x20, S_TSS = 0x28,
    S_ABSENT = 0x30, S_CODE16 = 0x38, S_RODATA = 0x40, S_XONLY = 0x48, S_GATE3 = 0x50,
    S_CONF0 = 0x58, S_LDT = 0x60, S_FRESH = 0x68, S_EXPDOWN = 0x70, S_GATE16 = 0x78,
    S_SMALL = 0x80, S_INTGATE = 0x88, S_TSS2 = 0x90, S_TASKGATE = 0x98, S_ABSCODE = 0xA0,
    GDT_ENTRIES = 21,
    /* LDT selector: index 1, TI = 1 */
    S_LDT_DATA3 = 0x0C,
};

static struct phys_space *ps;
static struct port_bus *pb;
static struct cpu *cpu;

static inline void put_desc(uint32_t at, uint32_t base, uint32_t limit, uint8_t access,
                            uint8_t flags)
{
    uint32_t lo = (limit & 0xFFFF) | (base << 16);
    uint32_t hi = ((base >> 16) & 0xFF) | ((uint32_t)access << 8) | (limit & 0xF0000) |
                  ((uint32_t)(flags & 0xF) << 20) | (base & 0xFF000000u);
    phys_write32(ps, at, lo);
    phys_write32(ps, at + 4, hi);
}

static inline void gdt_set(uint16_t sel, uint32_t base, uint32_t limit, uint8_t access,
                           uint8_t flags)
{
    put_desc(GDT + (sel & 0xFFF8u), base, limit, access, flags);
}

/* A gate: selector, offset, parameter count, type byte (P, DPL, type). */
static inline void put_gate(uint32_t at, uint16_t sel, uint32_t offset, uint8_t params,
                            uint8_t access)
{
    phys_write32(ps, at, (offset & 0xFFFF) | ((uint32_t)sel << 16));
    phys_write32(ps, at + 4, (offset & 0xFFFF0000u) | ((uint32_t)access << 8) | params);
}

static inline uint32_t handler_at(unsigned v)
{
    return HANDLERS + 16 * v;
}

static inline void load(uint32_t addr, const uint8_t *bytes, size_t n)
{
    phys_write_block(ps, addr, bytes, n);
}

static inline void build_tables(void)
{
    gdt_set(S_CODE0, 0, 0xFFFFF, 0x9B, 0xC);
    gdt_set(S_DATA0, 0, 0xFFFFF, 0x93, 0xC);
    gdt_set(S_CODE3, 0, 0xFFFFF, 0xFB, 0xC);
    gdt_set(S_DATA3, 0, 0xFFFFF, 0xF3, 0xC);
    gdt_set(S_TSS, TSS, 0x67, 0x89, 0);
    gdt_set(S_ABSENT, 0, 0xFFFFF, 0x13, 0xC);       /* data, not present */
    gdt_set(S_CODE16, 0, 0xFFFF, 0x9B, 0);           /* 16-bit code */
    gdt_set(S_RODATA, 0, 0xFFFFF, 0x91, 0xC);        /* read-only data */
    gdt_set(S_XONLY, 0, 0xFFFFF, 0x99, 0xC);         /* execute-only code */
    put_gate(GDT + S_GATE3, S_CODE0, GATE_TARGET, 2, 0xEC); /* 32-bit call gate, DPL 3 */
    gdt_set(S_CONF0, 0, 0xFFFFF, 0x9F, 0xC);         /* conforming readable code */
    gdt_set(S_LDT, LDT, 0x17, 0x82, 0);
    gdt_set(S_FRESH, 0, 0xFFFFF, 0x92, 0xC);         /* accessed bit clear */
    gdt_set(S_EXPDOWN, 0x20000, 0x0FFF, 0x97, 0);    /* expand-down, 16-bit */
    put_gate(GDT + S_GATE16, S_CODE16, CODE16, 0, 0x84); /* 16-bit call gate, DPL 0 */
    gdt_set(S_SMALL, 0x20000, 0xFF, 0x93, 0x4);      /* 256 bytes, byte granular */
    put_gate(GDT + S_INTGATE, S_CODE0, 0, 0, 0x8E);  /* an interrupt gate in the GDT */
    gdt_set(S_TSS2, TSS2, 0x67, 0x89, 0);
    put_gate(GDT + S_TASKGATE, S_TSS2, 0, 0, 0x85);  /* task gate, DPL 0 */
    gdt_set(S_ABSCODE, 0, 0xFFFFF, 0x1B, 0xC);       /* code, not present */
    put_desc(LDT + 8, 0, 0xFFFFF, 0xF3, 0xC);        /* LDT 1: ring-3 data */

    for (unsigned v = 0; v < 32; v++) {
        put_gate(IDT + 8 * v, S_CODE0, handler_at(v), 0, 0x8E);
        phys_write8(ps, handler_at(v), 0xF4); /* hlt */
    }
    phys_write32(ps, TSS + 4, STACK0);   /* ESP0 */
    phys_write32(ps, TSS + 8, S_DATA0);  /* SS0 */
}

static inline void setup(void)
{
    ps = phys_create();
    pb = ports_create();
    ck_assert_ptr_nonnull(phys_add_ram(ps, "ram", 0, 2u << 20, 0));
    cpu = cpu_create(ps, pb);
    ck_assert_ptr_nonnull(cpu);
    build_tables();
}

static inline void teardown(void)
{
    cpu_destroy(cpu);
    ports_destroy(pb);
    phys_destroy(ps);
}

/* Protected mode at privilege `cpl` (0 or 3), flat segments, TR loaded,
 * about to run at `eip`; set up without running guest code. */
static inline void pm_start(unsigned cpl, uint32_t eip)
{
    struct descriptor d;
    cpu->cr0 |= CR0_PE;
    cpu->gdtr.base = GDT;
    cpu->gdtr.limit = GDT_ENTRIES * 8 - 1;
    cpu->idtr.base = IDT;
    cpu->idtr.limit = 32 * 8 - 1;
    ck_assert(desc_read(cpu, S_TSS, &d));
    d.access |= DESC_TSS_BUSY;
    segment_from_desc(&cpu->tr, S_TSS, &d);
    uint16_t cs = cpl ? S_CODE3 | 3 : S_CODE0;
    uint16_t ds = cpl ? S_DATA3 | 3 : S_DATA0;
    ck_assert(desc_read(cpu, cs, &d));
    cpu_load_cs(cpu, cs, &d, cpl);
    cpu_load_seg(cpu, SEG_SS, ds);
    cpu_load_seg(cpu, SEG_DS, ds);
    cpu_load_seg(cpu, SEG_ES, ds);
    set_reg32(cpu, REG_SP, cpl ? STACK3 : STACK0);
    cpu->eip = eip;
}

static inline void run_to_halt(void)
{
    cpu->halted = false;
    ck_assert_int_eq(cpu_run(cpu, 10000), CPU_STOP_HALT);
}

/* The CPU stopped in the handler of exception `v`, whose ring-0 frame
 * (same-level or after a stack switch) holds `err` (if v has one) and the
 * faulting CS:EIP. */
static inline void check_exception(unsigned v, bool has_err, uint32_t err, uint16_t cs,
                                   uint32_t eip)
{
    ck_assert_uint_eq(cpu->eip, handler_at(v) + 1);
    uint32_t sp = reg32(cpu, REG_SP);
    if (has_err) {
        ck_assert_uint_eq(phys_read32(ps, sp), err);
        sp += 4;
    }
    ck_assert_uint_eq(phys_read32(ps, sp), eip);
    ck_assert_uint_eq(phys_read32(ps, sp + 4) & 0xFFFF, cs);
}

/* setjmp harnesses: -1 when nothing was raised, else the vector. */
static inline int catch_load(int seg, uint16_t sel)
{
    if (setjmp(cpu->fault_unwind) == 0) {
        cpu_load_seg(cpu, seg, sel);
        return -1;
    }
    return cpu->exc_vector;
}

static inline int catch_read8(int seg, uint32_t off)
{
    if (setjmp(cpu->fault_unwind) == 0) {
        (void)mem_read8(cpu, (unsigned)seg, off);
        return -1;
    }
    return cpu->exc_vector;
}

static inline int catch_jmp(uint16_t sel, uint32_t off)
{
    if (setjmp(cpu->fault_unwind) == 0) {
        far_jmp_pmode(cpu, sel, off, 4);
        return -1;
    }
    return cpu->exc_vector;
}

/* Decode one instruction of 32-bit code and run its handler. */
static inline int exec1(const uint8_t *bytes, unsigned n)
{
    static struct insn i;
    ck_assert_int_eq(decode_insn(&i, bytes, n, DECODE_CODE32), DECODE_OK);
    cpu->eip += i.len;
    if (setjmp(cpu->fault_unwind) == 0) {
        i.fn(cpu, &i);
        return -1;
    }
    return cpu->exc_vector;
}

#define EXEC1(...) exec1((const uint8_t[]){ __VA_ARGS__ }, sizeof((const uint8_t[]){ __VA_ARGS__ }))

#endif
