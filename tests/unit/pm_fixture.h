/*
 * pm_fixture.h - a small protected-mode machine for the Check tests of
 * interrupts, task switches and V86 mode (test_interrupt.c, test_task.c,
 * test_v86.c): 2 MiB of RAM, a GDT, an IDT and TSSs built in guest memory
 * byte by byte, and helpers to start the CPU at a given privilege level
 * without running any set-up code in the guest.
 *
 * Memory map (linear = physical, no paging):
 *   0x1000 GDT            0x2000 IDT (256 gates)
 *   0x4000 TSS A (32-bit, I/O bitmap at +0x68)   0x3400 TSS B (32-bit)
 *   0x3800 TSS C (32-bit) 0x3C00 TSS D (16-bit)
 *   0x10000 code          0x11000.. handlers (one HLT each, 16 bytes apart)
 *   ring-0 stack top 0x80000, ring-3 stack top 0x70000
 * Only header-static helpers: each test program includes it once.
 */
#ifndef SOFTPC_TESTS_PM_FIXTURE_H
#define SOFTPC_TESTS_PM_FIXTURE_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "cpu/regs.h"
#include "cpu/segment.h"
#include "mem/phys.h"
#include "mem/ports.h"

enum {
    GDT_BASE = 0x1000, IDT_BASE = 0x2000,
    TSS_A = 0x4000, TSS_B = 0x3400, TSS_C = 0x3800, TSS_D = 0x3C00,
    CODE = 0x10000, HANDLERS = 0x11000,
    STACK0_TOP = 0x80000, STACK3_TOP = 0x70000,
    /* GDT selectors */
    SEL_CODE0 = 0x08, SEL_DATA0 = 0x10, SEL_CODE3 = 0x18 | 3, SEL_DATA3 = 0x20 | 3,
    SEL_TSS_A = 0x28, SEL_TSS_B = 0x30, SEL_TSS_C = 0x38, SEL_TSS_D = 0x40,
    SEL_CODE16 = 0x48, SEL_DATA16 = 0x50, SEL_CODE1 = 0x58 | 1,
    GDT_ENTRIES = 16,
    TSS_A_LIMIT = 0x68 + 8192 / 8 + 1 - 1, /* TSS, full bitmap, the FF byte */
};

static struct phys_space *ps;
static struct port_bus *pb;
static struct cpu *cpu;

static inline void gdt_set(unsigned index, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    uint32_t lo = (limit & 0xFFFF) | (base << 16);
    uint32_t hi = ((base >> 16) & 0xFF) | ((uint32_t)access << 8) | (limit & 0xF0000) |
                  ((uint32_t)(flags & 0xF) << 20) | (base & 0xFF000000u);
    phys_write32(ps, GDT_BASE + index * 8, lo);
    phys_write32(ps, GDT_BASE + index * 8 + 4, hi);
}

/* Gate types: 0x5 task, 0x6/0x7 16-bit int/trap, 0xE/0xF 32-bit int/trap. */
static inline void idt_set(unsigned vector, unsigned type, uint16_t sel, uint32_t offset, unsigned dpl)
{
    uint32_t lo = (offset & 0xFFFF) | ((uint32_t)sel << 16);
    uint32_t hi = (offset & 0xFFFF0000u) | 0x8000u | ((dpl & 3u) << 13) | (type << 8);
    phys_write32(ps, IDT_BASE + vector * 8, lo);
    phys_write32(ps, IDT_BASE + vector * 8 + 4, hi);
}

/* A gate with its P bit clear. */
static inline void idt_set_absent(unsigned vector, unsigned type, uint16_t sel, uint32_t offset)
{
    idt_set(vector, type, sel, offset, 0);
    phys_write32(ps, IDT_BASE + vector * 8 + 4, phys_read32(ps, IDT_BASE + vector * 8 + 4) & ~0x8000u);
}

/* Handler for vector v: a HLT at HANDLERS + 16 * v (32-bit ring-0 code). */
static inline uint32_t handler_at(unsigned v)
{
    return HANDLERS + 16 * v;
}

static inline void load(uint32_t addr, const uint8_t *bytes, size_t n)
{
    phys_write_block(ps, addr, bytes, n);
}

static inline void pm_load_seg(int seg, uint16_t sel)
{
    struct descriptor d;
    ck_assert(desc_read(cpu, sel, &d));
    segment_from_desc(&cpu->seg[seg], sel, &d);
}

static inline void pm_load_tr(uint16_t sel)
{
    struct descriptor d;
    ck_assert(desc_read(cpu, sel, &d));
    d.access |= DESC_TSS_BUSY;
    segment_from_desc(&cpu->tr, sel, &d);
    desc_set_busy(cpu, sel, true);
}

/* Start in protected mode at CPL `cpl` (0 or 3) at CODE, flat segments,
 * TR = TSS A.  EFLAGS = 2 | extra. */
static inline void pm_start(unsigned cpl, uint32_t eflags)
{
    cpu->cr0 |= CR0_PE;
    cpu->gdtr.base = GDT_BASE;
    cpu->gdtr.limit = GDT_ENTRIES * 8 - 1;
    cpu->idtr.base = IDT_BASE;
    cpu->idtr.limit = 256 * 8 - 1;
    uint16_t code = cpl ? SEL_CODE3 : SEL_CODE0, data = cpl ? SEL_DATA3 : SEL_DATA0;
    pm_load_seg(SEG_CS, code);
    for (int s = 0; s < SEG_COUNT; s++)
        if (s != SEG_CS)
            pm_load_seg(s, data);
    cpu->cpl = (uint8_t)cpl;
    pm_load_tr(SEL_TSS_A);
    set_reg32(cpu, REG_SP, cpl ? STACK3_TOP : STACK0_TOP);
    cpu->eip = CODE;
    cpu_set_eflags(cpu, FLAG_RES1 | eflags, FLAGS_WRITABLE);
    cpu->halted = false;
}

static inline void pm_setup(void)
{
    ps = phys_create();
    pb = ports_create();
    ck_assert_ptr_nonnull(phys_add_ram(ps, "ram", 0, 2u << 20, 0));
    cpu = cpu_create(ps, pb);
    ck_assert_ptr_nonnull(cpu);
    gdt_set(1, 0, 0xFFFFF, 0x9A, 0xC);   /* ring-0 code, flat 32-bit */
    gdt_set(2, 0, 0xFFFFF, 0x92, 0xC);   /* ring-0 data */
    gdt_set(3, 0, 0xFFFFF, 0xFA, 0xC);   /* ring-3 code */
    gdt_set(4, 0, 0xFFFFF, 0xF2, 0xC);   /* ring-3 data */
    gdt_set(5, TSS_A, TSS_A_LIMIT, 0x89, 0);
    gdt_set(6, TSS_B, 0x67, 0x89, 0);
    gdt_set(7, TSS_C, 0x67, 0x89, 0);
    gdt_set(8, TSS_D, 0x2B, 0x81, 0);
    gdt_set(9, 0, 0xFFFF, 0x9A, 0);      /* ring-0 16-bit code */
    gdt_set(10, 0, 0xFFFF, 0x92, 0);     /* ring-0 16-bit data */
    gdt_set(11, 0, 0xFFFFF, 0xBA, 0xC);  /* ring-1 code */
    /* TSS A: ring-0 stack, and an I/O bitmap allowing nothing but what a
     * test clears. */
    phys_write32(ps, TSS_A + 4, STACK0_TOP);
    phys_write16(ps, TSS_A + 8, SEL_DATA0);
    phys_write16(ps, TSS_A + 0x66, 0x68);
    for (uint32_t k = 0; k <= 8192 / 8; k++)
        phys_write8(ps, TSS_A + 0x68 + k, 0xFF);
    /* Every handler is a HLT. */
    for (unsigned v = 0; v < 32; v++) {
        phys_write8(ps, handler_at(v), 0xF4);
        idt_set(v, 0xE, SEL_CODE0, handler_at(v), 0);
    }
}

static inline void pm_teardown(void)
{
    cpu_destroy(cpu);
    ports_destroy(pb);
    phys_destroy(ps);
}

static inline void run_to_halt(void)
{
    ck_assert_int_eq(cpu_run(cpu, 10000), CPU_STOP_HALT);
}

/* The dword (or word) at ESP + 4k (2k): the k-th slot of a frame. */
static inline uint32_t stack32(unsigned k)
{
    return phys_read32(ps, cpu->seg[SEG_SS].base + reg32(cpu, REG_SP) + 4 * k);
}

static inline uint16_t stack16(unsigned k)
{
    return phys_read16(ps, cpu->seg[SEG_SS].base + reg32(cpu, REG_SP) + 2 * k);
}

#endif
