/*
 * test_segment.c - Check tests for protected-mode segmentation: descriptor
 * decoding and table reads, segment register loads with their exceptions
 * and error codes, far JMP/CALL/RETF (direct, through call gates, with a
 * privilege change), the 0F 00 group, LAR/LSL/ARPL and the CPL-0 checks.
 *
 * The machine: 2 MiB of RAM, a GDT, an IDT (every exception vector leads
 * to a HLT of its own in ring-0 code) and a TSS, built byte by byte.  Two
 * ways of testing: whole programs through cpu_run (exceptions then show
 * as "halted in handler v" with the frame on the ring-0 stack), and
 * single handlers or segment calls under a setjmp on c->fault_unwind,
 * which is where cpu_raise() lands, so the vector and error code can be
 * read from c->exc_vector / c->exc_error and the state checked unchanged.
 * Program bytes were assembled with nasm (bits 32 unless marked).
 */
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

static void put_desc(uint32_t at, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    uint32_t lo = (limit & 0xFFFF) | (base << 16);
    uint32_t hi = ((base >> 16) & 0xFF) | ((uint32_t)access << 8) | (limit & 0xF0000) |
                  ((uint32_t)(flags & 0xF) << 20) | (base & 0xFF000000u);
    phys_write32(ps, at, lo);
    phys_write32(ps, at + 4, hi);
}

static void gdt_set(uint16_t sel, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    put_desc(GDT + (sel & 0xFFF8u), base, limit, access, flags);
}

/* A gate: selector, offset, parameter count, type byte (P, DPL, type). */
static void put_gate(uint32_t at, uint16_t sel, uint32_t offset, uint8_t params, uint8_t access)
{
    phys_write32(ps, at, (offset & 0xFFFF) | ((uint32_t)sel << 16));
    phys_write32(ps, at + 4, (offset & 0xFFFF0000u) | ((uint32_t)access << 8) | params);
}

static uint32_t handler_at(unsigned v)
{
    return HANDLERS + 16 * v;
}

static void load(uint32_t addr, const uint8_t *bytes, size_t n)
{
    phys_write_block(ps, addr, bytes, n);
}

static void build_tables(void)
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

static void setup(void)
{
    ps = phys_create();
    pb = ports_create();
    ck_assert_ptr_nonnull(phys_add_ram(ps, "ram", 0, 2u << 20, 0));
    cpu = cpu_create(ps, pb);
    ck_assert_ptr_nonnull(cpu);
    build_tables();
}

static void teardown(void)
{
    cpu_destroy(cpu);
    ports_destroy(pb);
    phys_destroy(ps);
}

/* Protected mode at privilege `cpl` (0 or 3), flat segments, TR loaded,
 * about to run at `eip`; set up without running guest code. */
static void pm_start(unsigned cpl, uint32_t eip)
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

static void run_to_halt(void)
{
    cpu->halted = false;
    ck_assert_int_eq(cpu_run(cpu, 10000), CPU_STOP_HALT);
}

/* The CPU stopped in the handler of exception `v`, whose ring-0 frame
 * (same-level or after a stack switch) holds `err` (if v has one) and the
 * faulting CS:EIP. */
static void check_exception(unsigned v, bool has_err, uint32_t err, uint16_t cs, uint32_t eip)
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
static int catch_load(int seg, uint16_t sel)
{
    if (setjmp(cpu->fault_unwind) == 0) {
        cpu_load_seg(cpu, seg, sel);
        return -1;
    }
    return cpu->exc_vector;
}

static int catch_read8(int seg, uint32_t off)
{
    if (setjmp(cpu->fault_unwind) == 0) {
        (void)mem_read8(cpu, (unsigned)seg, off);
        return -1;
    }
    return cpu->exc_vector;
}

static int catch_jmp(uint16_t sel, uint32_t off)
{
    if (setjmp(cpu->fault_unwind) == 0) {
        far_jmp_pmode(cpu, sel, off, 4);
        return -1;
    }
    return cpu->exc_vector;
}

/* Decode one instruction of 32-bit code and run its handler. */
static int exec1(const uint8_t *bytes, unsigned n)
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

/* ---- descriptors -------------------------------------------------------- */

START_TEST(test_decode_fields)
{
    struct descriptor d;
    /* base 12345678, limit FFFFF with G, 32-bit data, DPL 3 */
    desc_decode(&d, 0x5678FFFFu, 0x12CFF334u);
    ck_assert_uint_eq(d.base, 0x12345678u);
    ck_assert_uint_eq(d.limit, 0xFFFFFFFFu);
    ck_assert_uint_eq(d.access, 0xC0F3u);
    ck_assert_uint_eq(desc_dpl(&d), 3);
    ck_assert(desc_is_data(&d));
    /* limit 00001 with G: 0x1FFF */
    desc_decode(&d, 0x00000001u, 0x00809300u);
    ck_assert_uint_eq(d.limit, 0x1FFFu);
    /* 16-bit call gate: offset 31:16 is not part of it */
    desc_decode(&d, 0x00081234u, 0xABCD8403u);
    ck_assert_uint_eq(d.gate_selector, 0x0008);
    ck_assert_uint_eq(d.gate_offset, 0x1234u);
    ck_assert_uint_eq(d.gate_params, 3);
    /* 32-bit call gate keeps it */
    desc_decode(&d, 0x00081234u, 0xABCD8C00u);
    ck_assert_uint_eq(d.gate_offset, 0xABCD1234u);
}
END_TEST

START_TEST(test_table_reads)
{
    struct descriptor d;
    pm_start(0, CODE);
    ck_assert(!desc_read(cpu, 0x0000, &d));                 /* null */
    ck_assert(!desc_read(cpu, 0x0003, &d));                 /* null with RPL */
    ck_assert(!desc_read(cpu, GDT_ENTRIES * 8, &d));        /* past the limit */
    ck_assert(desc_read(cpu, (GDT_ENTRIES - 1) * 8, &d));   /* the last one */
    /* LDT: not usable before LLDT with a null selector leaves it unusable */
    segment_set_null(&cpu->ldtr, 0);
    ck_assert(!desc_read(cpu, S_LDT_DATA3, &d));
    ck_assert(desc_read(cpu, S_LDT, &d));
    segment_from_desc(&cpu->ldtr, S_LDT, &d);
    ck_assert(desc_read(cpu, S_LDT_DATA3, &d));
    ck_assert_uint_eq(d.access & 0xFF, 0xF3);
    ck_assert(!desc_read(cpu, 0x1C, &d));                   /* LDT index 3: past 0x17 */
    /* desc_fetch raises with the selector minus RPL */
    if (setjmp(cpu->fault_unwind) == 0) {
        desc_fetch(cpu, 0x1F, &d, EXC_TS);
        ck_abort_msg("no fault");
    }
    ck_assert_uint_eq(cpu->exc_vector, EXC_TS);
    ck_assert_uint_eq(cpu->exc_error, 0x1C);
}
END_TEST

START_TEST(test_accessed_and_busy_bits)
{
    pm_start(0, CODE);
    ck_assert_uint_eq(phys_read8(ps, GDT + S_FRESH + 5), 0x92);
    ck_assert_int_eq(catch_load(SEG_DS, S_FRESH), -1);
    ck_assert_uint_eq(phys_read8(ps, GDT + S_FRESH + 5), 0x93);
    ck_assert_uint_eq(cpu->seg[SEG_DS].access & 0xFF, 0x93);
    desc_set_busy(cpu, S_TSS2, true);
    ck_assert_uint_eq(phys_read8(ps, GDT + S_TSS2 + 5), 0x8B);
    desc_set_busy(cpu, S_TSS2, false);
    ck_assert_uint_eq(phys_read8(ps, GDT + S_TSS2 + 5), 0x89);
}
END_TEST

/* ---- data and stack segment loads --------------------------------------- */

START_TEST(test_load_data_segments)
{
    pm_start(0, CODE);
    ck_assert_int_eq(catch_load(SEG_DS, S_SMALL), -1);
    ck_assert_uint_eq(cpu->seg[SEG_DS].base, 0x20000u);
    ck_assert_uint_eq(cpu->seg[SEG_DS].limit, 0xFFu);
    ck_assert_int_eq(catch_read8(SEG_DS, 0xFF), -1);
    ck_assert_int_eq(catch_read8(SEG_DS, 0x100), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, 0);
    /* readable code is fine in DS, execute-only is not */
    ck_assert_int_eq(catch_load(SEG_ES, S_CONF0), -1);
    ck_assert_int_eq(catch_load(SEG_ES, S_XONLY), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, S_XONLY);
    ck_assert_uint_eq(cpu->seg[SEG_ES].selector, S_CONF0); /* unchanged */
    /* system descriptors are #GP(sel) */
    ck_assert_int_eq(catch_load(SEG_FS, S_TSS), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, S_TSS);
    /* not present: #NP(sel) */
    ck_assert_int_eq(catch_load(SEG_GS, S_ABSENT), EXC_NP);
    ck_assert_uint_eq(cpu->exc_error, S_ABSENT);
    /* outside the table: #GP(sel) */
    ck_assert_int_eq(catch_load(SEG_DS, 0x400), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, 0x400);
    /* expand-down: offsets above the limit only */
    ck_assert_int_eq(catch_load(SEG_DS, S_EXPDOWN), -1);
    ck_assert_int_eq(catch_read8(SEG_DS, 0x0FFF), EXC_GP);
    ck_assert_int_eq(catch_read8(SEG_DS, 0x1000), -1);
    ck_assert_int_eq(catch_read8(SEG_DS, 0xFFFF), -1);
}
END_TEST

START_TEST(test_null_data_segment)
{
    pm_start(0, CODE);
    ck_assert_int_eq(catch_load(SEG_DS, 0x0003), -1);
    ck_assert_uint_eq(cpu->seg[SEG_DS].selector, 0x0003);
    ck_assert_uint_eq(cpu->seg[SEG_DS].rights, 0);
    ck_assert_int_eq(catch_read8(SEG_DS, 0), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, 0);
}
END_TEST

START_TEST(test_data_privilege)
{
    pm_start(3, CODE);
    /* DPL 0 data from CPL 3, and RPL 3 on DPL 0 data, are #GP(sel) */
    ck_assert_int_eq(catch_load(SEG_DS, S_DATA0), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, S_DATA0);
    ck_assert_int_eq(catch_load(SEG_DS, S_DATA3 | 3), -1);
    /* conforming code is readable from any level */
    ck_assert_int_eq(catch_load(SEG_DS, S_CONF0 | 3), -1);
    /* the LDT works as the GDT does */
    struct descriptor d;
    ck_assert(desc_read(cpu, S_LDT, &d));
    segment_from_desc(&cpu->ldtr, S_LDT, &d);
    ck_assert_int_eq(catch_load(SEG_ES, S_LDT_DATA3 | 3), -1);
    ck_assert_uint_eq(cpu->seg[SEG_ES].selector, S_LDT_DATA3 | 3);

    teardown();
    setup();
    pm_start(0, CODE);
    ck_assert_int_eq(catch_load(SEG_DS, S_DATA0 | 3), EXC_GP); /* RPL 3 > DPL 0 */
    ck_assert_uint_eq(cpu->exc_error, S_DATA0);
}
END_TEST

START_TEST(test_load_stack_segment)
{
    pm_start(0, CODE);
    ck_assert_int_eq(catch_load(SEG_SS, 0), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, 0);
    ck_assert_int_eq(catch_load(SEG_SS, S_RODATA), EXC_GP);      /* not writable */
    ck_assert_uint_eq(cpu->exc_error, S_RODATA);
    ck_assert_int_eq(catch_load(SEG_SS, S_DATA3 | 3), EXC_GP);   /* RPL != CPL */
    ck_assert_uint_eq(cpu->exc_error, S_DATA3);
    ck_assert_int_eq(catch_load(SEG_SS, S_DATA3), EXC_GP);       /* DPL != CPL */
    ck_assert_int_eq(catch_load(SEG_SS, S_CODE0), EXC_GP);       /* code */
    ck_assert_int_eq(catch_load(SEG_SS, S_ABSENT), EXC_SS);      /* not present */
    ck_assert_uint_eq(cpu->exc_error, S_ABSENT);
    ck_assert_uint_eq(cpu->seg[SEG_SS].selector, S_DATA0);       /* unchanged */
    ck_assert_int_eq(catch_load(SEG_SS, S_SMALL), -1);
    ck_assert_uint_eq(cpu->seg[SEG_SS].base, 0x20000u);
}
END_TEST

/* Real and V86 mode loads ignore the tables. */
START_TEST(test_real_and_v86_loads)
{
    ck_assert_int_eq(catch_load(SEG_DS, 0x1234), -1);
    ck_assert_uint_eq(cpu->seg[SEG_DS].base, 0x12340u);
    pm_start(0, CODE);
    cpu->eflags |= FLAG_VM;
    ck_assert_int_eq(catch_load(SEG_ES, 0x0030), -1);
    ck_assert_uint_eq(cpu->seg[SEG_ES].base, 0x300u);
    ck_assert_uint_eq(cpu->seg[SEG_ES].limit, 0xFFFFu);
    ck_assert_uint_eq(cpu->seg[SEG_ES].rights, SEG_CAN_READ | SEG_CAN_WRITE);
}
END_TEST

/* POP SS that faults leaves ESP where it was; LSS loads SS:ESP. */
START_TEST(test_pop_ss_and_lss)
{
    pm_start(0, CODE);
    set_reg32(cpu, REG_SP, 0x7FFF0);
    phys_write32(ps, 0x7FFF0, S_RODATA);
    ck_assert_int_eq(EXEC1(0x17), EXC_GP);                        /* pop ss */
    ck_assert_uint_eq(cpu->exc_error, S_RODATA);
    ck_assert_uint_eq(reg32(cpu, REG_SP), 0x7FFF0u);
    phys_write32(ps, 0x7FFF0, S_SMALL);
    ck_assert_int_eq(EXEC1(0x17), -1);
    ck_assert_uint_eq(reg32(cpu, REG_SP), 0x7FFF4u);
    ck_assert_uint_eq(cpu->seg[SEG_SS].selector, S_SMALL);

    cpu_load_seg(cpu, SEG_SS, S_DATA0);
    set_reg32(cpu, REG_AX, 0x9000);
    phys_write32(ps, 0x9000, 0x12345678u);
    phys_write16(ps, 0x9004, S_ABSENT);
    ck_assert_int_eq(EXEC1(0x0F, 0xB2, 0x20), EXC_SS);            /* lss esp,[eax] */
    ck_assert_uint_eq(reg32(cpu, REG_SP), 0x7FFF4u);
    phys_write16(ps, 0x9004, S_SMALL);
    ck_assert_int_eq(EXEC1(0x0F, 0xB2, 0x20), -1);
    ck_assert_uint_eq(reg32(cpu, REG_SP), 0x12345678u);
    ck_assert_uint_eq(cpu->seg[SEG_SS].selector, S_SMALL);
}
END_TEST

/* A fault in a running program reaches the handler with the selector as
 * error code and CS:EIP of the faulting MOV. */
START_TEST(test_mov_ds_fault_delivered)
{
    static const uint8_t code[] = {
        0x66, 0xB8, 0x30, 0x00,   /* mov ax,0x30 */
        0x8E, 0xD8,               /* mov ds,ax   (not present) */
        0xF4,                     /* hlt */
    };
    load(CODE, code, sizeof code);
    pm_start(0, CODE);
    run_to_halt();
    check_exception(EXC_NP, true, S_ABSENT, S_CODE0, CODE + 4);
}
END_TEST

/* ---- far transfers ------------------------------------------------------ */

START_TEST(test_far_jmp_checks)
{
    pm_start(0, CODE);
    ck_assert_int_eq(catch_jmp(0, 0), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, 0);
    ck_assert_int_eq(catch_jmp(S_DATA0, 0), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, S_DATA0);
    ck_assert_int_eq(catch_jmp(0x7F8, 0), EXC_GP);              /* past the GDT */
    ck_assert_uint_eq(cpu->exc_error, 0x7F8);
    ck_assert_int_eq(catch_jmp(S_CODE3 | 3, 0), EXC_GP);        /* DPL 3 != CPL 0 */
    ck_assert_uint_eq(cpu->exc_error, S_CODE3);
    ck_assert_int_eq(catch_jmp(S_CODE0 | 1, 0), EXC_GP);        /* RPL 1 > CPL 0 */
    ck_assert_int_eq(catch_jmp(S_ABSCODE, 0), EXC_NP);
    ck_assert_uint_eq(cpu->exc_error, S_ABSCODE);
    ck_assert_int_eq(catch_jmp(S_CODE16, 0x10000), EXC_GP);     /* past the limit */
    ck_assert_uint_eq(cpu->exc_error, 0);
    ck_assert_int_eq(catch_jmp(S_INTGATE, 0), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, S_INTGATE);
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, S_CODE0);      /* nothing committed */
    ck_assert_uint_eq(cpu->eip, CODE);

    ck_assert_int_eq(catch_jmp(S_CODE16, 0x6000), -1);
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, S_CODE16);
    ck_assert_uint_eq(cpu->eip, 0x6000);
}
END_TEST

/* JMP to a conforming segment keeps CPL (and sets CS.RPL to it). */
START_TEST(test_far_jmp_conforming)
{
    pm_start(3, CODE);
    ck_assert_int_eq(catch_jmp(S_CONF0, 0x1234), -1);
    ck_assert_uint_eq(cpu->cpl, 3);
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, S_CONF0 | 3);
    ck_assert_uint_eq(cpu->eip, 0x1234);
}
END_TEST

/* A far JMP to a 16-bit code segment switches decoding to 16 bits. */
START_TEST(test_far_jmp_to_16bit_code)
{
    static const uint8_t code[] = { 0xEA, 0x00, 0x60, 0x00, 0x00, 0x38, 0x00 }; /* jmp 0x38:0x6000 */
    static const uint8_t code16[] = { 0xB8, 0x34, 0x12, 0xF4 };  /* bits 16: mov ax,0x1234; hlt */
    load(CODE, code, sizeof code);
    load(CODE16, code16, sizeof code16);
    pm_start(0, CODE);
    set_reg32(cpu, REG_AX, 0xAAAA0000u);
    run_to_halt();
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, S_CODE16);
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0xAAAA1234u);
    ck_assert_uint_eq(cpu->eip, CODE16 + 4);
}
END_TEST

/* CALL through a 32-bit call gate from ring 3 to ring 0 with two dword
 * parameters, then RETF 8 back to ring 3, which nulls DS (DPL 0) but
 * keeps ES (conforming code). */
START_TEST(test_call_gate_inner_and_return)
{
    static const uint8_t code[] = {
        0x68, 0x11, 0x11, 0x11, 0x11,             /* push dword 0x11111111 */
        0x68, 0x22, 0x22, 0x22, 0x22,             /* push dword 0x22222222 */
        0x9A, 0x00, 0x00, 0x00, 0x00, 0x50, 0x00, /* call 0x50:0 (the gate) */
        0x89, 0xE3,                               /* mov ebx,esp */
        0x66, 0x8C, 0xC9,                         /* mov cx,cs */
        0x66, 0x8C, 0xDA,                         /* mov dx,ds */
        0x66, 0x8C, 0xC6,                         /* mov si,es */
        0xF4,                                     /* hlt: #GP at ring 3 */
    };
    static const uint8_t target[] = {
        0xF4,                                     /* hlt */
        0x66, 0xB8, 0x10, 0x00,                   /* mov ax,0x10 */
        0x8E, 0xD8,                               /* mov ds,ax */
        0x66, 0xB8, 0x58, 0x00,                   /* mov ax,0x58 */
        0x8E, 0xC0,                               /* mov es,ax */
        0xCA, 0x08, 0x00,                         /* retf 8 */
    };
    load(CODE, code, sizeof code);
    load(GATE_TARGET, target, sizeof target);
    pm_start(3, CODE);
    run_to_halt();

    ck_assert_uint_eq(cpu->eip, GATE_TARGET + 1);
    ck_assert_uint_eq(cpu->cpl, 0);
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, S_CODE0);
    ck_assert_uint_eq(cpu->seg[SEG_SS].selector, S_DATA0);
    uint32_t sp = reg32(cpu, REG_SP);
    ck_assert_uint_eq(sp, STACK0 - 24);
    ck_assert_uint_eq(phys_read32(ps, sp), CODE + 17);             /* return EIP */
    ck_assert_uint_eq(phys_read32(ps, sp + 4) & 0xFFFF, S_CODE3 | 3);
    ck_assert_uint_eq(phys_read32(ps, sp + 8), 0x22222222u);       /* parameters */
    ck_assert_uint_eq(phys_read32(ps, sp + 12), 0x11111111u);
    ck_assert_uint_eq(phys_read32(ps, sp + 16), STACK3 - 8);       /* old ESP */
    ck_assert_uint_eq(phys_read32(ps, sp + 20) & 0xFFFF, S_DATA3 | 3);

    run_to_halt();
    check_exception(EXC_GP, true, 0, S_CODE3 | 3, CODE + 28);
    ck_assert_uint_eq(reg32(cpu, REG_BX), STACK3);
    ck_assert_uint_eq(reg16(cpu, REG_CX), S_CODE3 | 3);
    ck_assert_uint_eq(reg16(cpu, REG_DX), 0);
    ck_assert_uint_eq(reg16(cpu, REG_SI), S_CONF0);
}
END_TEST

/* CALL through a 16-bit call gate at the same level pushes 16-bit CS:IP. */
START_TEST(test_call_gate16_same_level)
{
    static const uint8_t code[] = { 0x9A, 0x00, 0x00, 0x00, 0x00, 0x78, 0x00, 0xF4 };
    static const uint8_t code16[] = { 0xF4 };
    load(CODE, code, sizeof code);
    load(CODE16, code16, sizeof code16);
    pm_start(0, CODE);
    run_to_halt();
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, S_CODE16);
    ck_assert_uint_eq(cpu->eip, CODE16 + 1);
    ck_assert_uint_eq(reg32(cpu, REG_SP), STACK0 - 4);
    ck_assert_uint_eq(phys_read16(ps, STACK0 - 4), (CODE + 7) & 0xFFFF);
    ck_assert_uint_eq(phys_read16(ps, STACK0 - 2), S_CODE0);
}
END_TEST

/* A call gate with DPL 0 cannot be used from ring 3. */
START_TEST(test_call_gate_privilege)
{
    pm_start(3, CODE);
    if (setjmp(cpu->fault_unwind) == 0) {
        far_call_pmode(cpu, S_GATE16 | 3, 0, 4);
        ck_abort_msg("no fault");
    }
    ck_assert_uint_eq(cpu->exc_vector, EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, S_GATE16);
    ck_assert_uint_eq(reg32(cpu, REG_SP), STACK3);
}
END_TEST

/* RETF to ring 3 with an SS that is not a ring-3 segment: #GP(SS). */
START_TEST(test_retf_outer_bad_ss)
{
    static const uint8_t code[] = {
        0x6A, 0x10,                               /* push dword 0x10 (ring-0 SS) */
        0x68, 0x00, 0xFF, 0x06, 0x00,             /* push dword 0x6ff00 */
        0x6A, 0x1B,                               /* push dword 0x1b */
        0x68, 0x00, 0x00, 0x01, 0x00,             /* push dword 0x10000 */
        0xCB,                                     /* retf */
    };
    load(CODE, code, sizeof code);
    pm_start(0, CODE);
    run_to_halt();
    check_exception(EXC_GP, true, S_DATA0, S_CODE0, CODE + 14);
    ck_assert_uint_eq(cpu->cpl, 0);
}
END_TEST

/* RETF to ring 3 through the direct function: CPL, SS:ESP and the
 * invalidation of a ring-0 DS. */
START_TEST(test_retf_outer)
{
    pm_start(0, CODE);
    uint32_t sp = STACK0 - 16;
    phys_write32(ps, sp, 0x2000);             /* EIP */
    phys_write32(ps, sp + 4, S_CODE3 | 3);    /* CS */
    phys_write32(ps, sp + 8, 0x6FF00);        /* ESP */
    phys_write32(ps, sp + 12, S_DATA3 | 3);   /* SS */
    set_reg32(cpu, REG_SP, sp);
    if (setjmp(cpu->fault_unwind) == 0)
        far_ret_pmode(cpu, 4, 0);
    else
        ck_abort_msg("fault %u", cpu->exc_vector);
    ck_assert_uint_eq(cpu->cpl, 3);
    ck_assert_uint_eq(cpu->eip, 0x2000);
    ck_assert_uint_eq(reg32(cpu, REG_SP), 0x6FF00);
    ck_assert_uint_eq(cpu->seg[SEG_SS].selector, S_DATA3 | 3);
    ck_assert_uint_eq(cpu->seg[SEG_DS].selector, 0);
    ck_assert_uint_eq(cpu->seg[SEG_DS].rights, 0);
}
END_TEST

/* Direct far CALL at the same level and RETF imm16 back; a stack with no
 * room for the return address is #SS(0) with nothing changed. */
START_TEST(test_far_call_direct_and_retf)
{
    pm_start(0, CODE);
    cpu->eip = CODE + 7;
    if (setjmp(cpu->fault_unwind) == 0)
        far_call_pmode(cpu, S_CODE16, 0x6000, 4);
    else
        ck_abort_msg("fault %u", cpu->exc_vector);
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, S_CODE16);
    ck_assert_uint_eq(cpu->eip, 0x6000);
    ck_assert_uint_eq(reg32(cpu, REG_SP), STACK0 - 8);
    ck_assert_uint_eq(phys_read32(ps, STACK0 - 8), CODE + 7);
    ck_assert_uint_eq(phys_read16(ps, STACK0 - 4), S_CODE0);

    if (setjmp(cpu->fault_unwind) == 0)
        far_ret_pmode(cpu, 4, 0x10);
    else
        ck_abort_msg("fault %u", cpu->exc_vector);
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, S_CODE0);
    ck_assert_uint_eq(cpu->eip, CODE + 7);
    ck_assert_uint_eq(reg32(cpu, REG_SP), STACK0 + 0x10);
    ck_assert_uint_eq(cpu->cpl, 0);

    cpu_load_seg(cpu, SEG_SS, S_SMALL);
    set_reg32(cpu, REG_SP, 6);
    if (setjmp(cpu->fault_unwind) == 0) {
        far_call_pmode(cpu, S_CODE16, 0x6000, 4);
        ck_abort_msg("no fault");
    }
    ck_assert_uint_eq(cpu->exc_vector, EXC_SS);
    ck_assert_uint_eq(cpu->exc_error, 0);
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, S_CODE0);
    ck_assert_uint_eq(reg32(cpu, REG_SP), 6);
}
END_TEST

/* JMP through a task gate reaches task_switch: TR and EIP of the new task. */
START_TEST(test_far_jmp_task_gate)
{
    static const uint8_t code[] = { 0xEA, 0x00, 0x00, 0x00, 0x00, 0x98, 0x00 }; /* jmp 0x98:0 */
    load(CODE, code, sizeof code);
    phys_write8(ps, CODE + 0x100, 0xF4);
    phys_write32(ps, TSS2 + 0x20, CODE + 0x100);   /* EIP */
    phys_write32(ps, TSS2 + 0x24, 0x2);            /* EFLAGS */
    phys_write32(ps, TSS2 + 0x38, STACK0 - 0x100); /* ESP */
    phys_write32(ps, TSS2 + 0x2C, 0x55);           /* ECX */
    static const uint16_t segs[6] = { S_DATA0, S_CODE0, S_DATA0, S_DATA0, S_DATA0, S_DATA0 };
    for (unsigned g = 0; g < 6; g++)
        phys_write32(ps, TSS2 + 0x48 + 4 * g, segs[g]);
    pm_start(0, CODE);
    run_to_halt();
    ck_assert_uint_eq(cpu->tr.selector, S_TSS2);
    ck_assert_uint_eq(cpu->eip, CODE + 0x101);
    ck_assert_uint_eq(reg32(cpu, REG_CX), 0x55);
    ck_assert_uint_eq(phys_read32(ps, TSS + 0x20), CODE + 7); /* old EIP saved */
}
END_TEST

/* ---- 0F 00, LAR, LSL, ARPL ---------------------------------------------- */

START_TEST(test_lar_lsl)
{
    pm_start(0, CODE);
    set_reg32(cpu, REG_BX, S_SMALL);
    set_reg32(cpu, REG_AX, 0xDEADBEEF);
    ck_assert_int_eq(EXEC1(0x0F, 0x02, 0xC3), -1);                /* lar eax,ebx */
    ck_assert(flag_zf(cpu));
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0x00409300u);
    ck_assert_int_eq(EXEC1(0x0F, 0x03, 0xC3), -1);                /* lsl eax,ebx */
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0xFFu);
    set_reg32(cpu, REG_BX, S_DATA0);
    ck_assert_int_eq(EXEC1(0x0F, 0x03, 0xC3), -1);
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0xFFFFFFFFu);          /* G-scaled */
    /* an interrupt gate: LAR says no, LSL too; registers untouched */
    set_reg32(cpu, REG_AX, 0x12345678);
    set_reg32(cpu, REG_BX, S_INTGATE);
    ck_assert_int_eq(EXEC1(0x0F, 0x02, 0xC3), -1);
    ck_assert(!flag_zf(cpu));
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0x12345678u);
    /* a call gate: LAR yes, LSL no */
    set_reg32(cpu, REG_BX, S_GATE3);
    ck_assert_int_eq(EXEC1(0x0F, 0x02, 0xC3), -1);
    ck_assert(flag_zf(cpu));
    ck_assert_int_eq(EXEC1(0x0F, 0x03, 0xC3), -1);
    ck_assert(!flag_zf(cpu));
    /* null and out-of-table selectors clear ZF without faulting */
    set_reg32(cpu, REG_BX, 0);
    ck_assert_int_eq(EXEC1(0x0F, 0x02, 0xC3), -1);
    ck_assert(!flag_zf(cpu));
    set_reg32(cpu, REG_BX, 0xFFF8);
    ck_assert_int_eq(EXEC1(0x0F, 0x03, 0xC3), -1);
    ck_assert(!flag_zf(cpu));
}
END_TEST

START_TEST(test_lar_privilege)
{
    pm_start(3, CODE);
    set_reg32(cpu, REG_BX, S_DATA0 | 3);                          /* DPL 0 from CPL 3 */
    ck_assert_int_eq(EXEC1(0x0F, 0x02, 0xC3), -1);
    ck_assert(!flag_zf(cpu));
    set_reg32(cpu, REG_BX, S_CONF0 | 3);                          /* conforming: visible */
    ck_assert_int_eq(EXEC1(0x0F, 0x02, 0xC3), -1);
    ck_assert(flag_zf(cpu));
}
END_TEST

START_TEST(test_verr_verw)
{
    pm_start(0, CODE);
    struct { uint16_t sel; bool r, w; } cases[] = {
        { S_DATA0, true, true }, { S_RODATA, true, false }, { S_CODE0, true, false },
        { S_XONLY, false, false }, { S_TSS, false, false }, { 0, false, false },
        { S_ABSENT, true, true }, /* presence is not checked */
        { S_DATA0 | 3, false, false }, /* RPL 3 > DPL 0 */
    };
    for (unsigned k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        set_reg32(cpu, REG_BX, cases[k].sel);
        ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xE3), -1);            /* verr bx */
        ck_assert_msg(flag_zf(cpu) == cases[k].r, "verr %x", cases[k].sel);
        ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xEB), -1);            /* verw bx */
        ck_assert_msg(flag_zf(cpu) == cases[k].w, "verw %x", cases[k].sel);
    }
}
END_TEST

START_TEST(test_arpl)
{
    pm_start(3, CODE);
    set_reg32(cpu, REG_BX, 0xAAAA0010);
    set_reg32(cpu, REG_CX, 0x0003);
    ck_assert_int_eq(EXEC1(0x63, 0xCB), -1);                      /* arpl bx,cx */
    ck_assert(flag_zf(cpu));
    ck_assert_uint_eq(reg32(cpu, REG_BX), 0xAAAA0013u);
    ck_assert_int_eq(EXEC1(0x63, 0xCB), -1);
    ck_assert(!flag_zf(cpu));
    ck_assert_uint_eq(reg32(cpu, REG_BX), 0xAAAA0013u);
}
END_TEST

START_TEST(test_ud_outside_protected_mode)
{
    /* real mode */
    ck_assert_int_eq(EXEC1(0x0F, 0x02, 0xC3), EXC_UD);            /* lar */
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xC0), EXC_UD);            /* sldt */
    ck_assert_int_eq(EXEC1(0x63, 0xCB), EXC_UD);                  /* arpl */
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xE3), EXC_UD);            /* verr */
    /* V86 */
    pm_start(0, CODE);
    cpu->eflags |= FLAG_VM;
    ck_assert_int_eq(EXEC1(0x0F, 0x03, 0xC3), EXC_UD);            /* lsl */
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xC8), EXC_UD);            /* str */
}
END_TEST

START_TEST(test_ltr_lldt_sldt_str)
{
    pm_start(0, CODE);
    set_reg32(cpu, REG_AX, S_TSS2);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD8), -1);                /* ltr ax */
    ck_assert_uint_eq(cpu->tr.selector, S_TSS2);
    ck_assert_uint_eq(cpu->tr.base, TSS2);
    ck_assert_uint_eq(cpu->tr.access & 0xF, SYS_TSS32_BUSY);
    ck_assert_uint_eq(phys_read8(ps, GDT + S_TSS2 + 5), 0x8B);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD8), EXC_GP);            /* now busy */
    ck_assert_uint_eq(cpu->exc_error, S_TSS2);
    set_reg32(cpu, REG_AX, 0);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD8), EXC_GP);            /* null */
    ck_assert_uint_eq(cpu->exc_error, 0);
    set_reg32(cpu, REG_AX, S_DATA0);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD8), EXC_GP);            /* not a TSS */
    ck_assert_uint_eq(cpu->exc_error, S_DATA0);

    set_reg32(cpu, REG_AX, S_LDT);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD0), -1);                /* lldt ax */
    ck_assert_uint_eq(cpu->ldtr.base, LDT);
    ck_assert_uint_eq(cpu->ldtr.limit, 0x17);
    set_reg32(cpu, REG_AX, S_TSS);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD0), EXC_GP);            /* not an LDT */
    set_reg32(cpu, REG_AX, S_LDT_DATA3);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD0), EXC_GP);            /* TI = 1 */
    ck_assert_uint_eq(cpu->exc_error, S_LDT_DATA3);

    set_reg32(cpu, REG_AX, 0xFFFFFFFF);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xC0), -1);                /* sldt eax */
    ck_assert_uint_eq(reg32(cpu, REG_AX), S_LDT);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xC8), -1);                /* str eax */
    ck_assert_uint_eq(reg32(cpu, REG_AX), S_TSS2);

    set_reg32(cpu, REG_AX, 0);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD0), -1);                /* lldt 0 */
    struct descriptor d;
    ck_assert(!desc_read(cpu, S_LDT_DATA3, &d));
}
END_TEST

/* LLDT, LTR, LGDT, LIDT, LMSW, CLTS, HLT at CPL 3: #GP(0). */
START_TEST(test_cpl0_instructions)
{
    pm_start(3, CODE);
    set_reg32(cpu, REG_AX, 0x9000);
    uint32_t gdt_base = cpu->gdtr.base;
    ck_assert_int_eq(EXEC1(0x0F, 0x01, 0x10), EXC_GP);            /* lgdt [eax] */
    ck_assert_uint_eq(cpu->exc_error, 0);
    ck_assert_uint_eq(cpu->gdtr.base, gdt_base);
    ck_assert_int_eq(EXEC1(0x0F, 0x01, 0x18), EXC_GP);            /* lidt [eax] */
    ck_assert_int_eq(EXEC1(0x0F, 0x01, 0xF0), EXC_GP);            /* lmsw ax */
    ck_assert_int_eq(EXEC1(0x0F, 0x06), EXC_GP);                  /* clts */
    ck_assert_int_eq(EXEC1(0xF4), EXC_GP);                        /* hlt */
    ck_assert(!cpu->halted);
    set_reg32(cpu, REG_AX, S_TSS2);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD8), EXC_GP);            /* ltr ax */
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD0), EXC_GP);            /* lldt ax */
    /* the same in real mode at CPL 0 is fine */
    teardown();
    setup();
    phys_write16(ps, 0x9000, 0x3FF);
    phys_write32(ps, 0x9002, 0x12345678);
    set_reg32(cpu, REG_AX, 0x9000);
    ck_assert_int_eq(EXEC1(0x66, 0x0F, 0x01, 0x18), -1);          /* lidt [eax], o16 in 32-bit decode */
    ck_assert_uint_eq(cpu->idtr.base, 0x345678u);                 /* 24-bit base */
}
END_TEST

static Suite *segment_suite(void)
{
    Suite *s = suite_create("segment");
    TCase *t = tcase_create("core");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_decode_fields);
    tcase_add_test(t, test_table_reads);
    tcase_add_test(t, test_accessed_and_busy_bits);
    tcase_add_test(t, test_load_data_segments);
    tcase_add_test(t, test_null_data_segment);
    tcase_add_test(t, test_data_privilege);
    tcase_add_test(t, test_load_stack_segment);
    tcase_add_test(t, test_real_and_v86_loads);
    tcase_add_test(t, test_pop_ss_and_lss);
    tcase_add_test(t, test_mov_ds_fault_delivered);
    tcase_add_test(t, test_far_jmp_checks);
    tcase_add_test(t, test_far_jmp_conforming);
    tcase_add_test(t, test_far_jmp_to_16bit_code);
    tcase_add_test(t, test_call_gate_inner_and_return);
    tcase_add_test(t, test_call_gate16_same_level);
    tcase_add_test(t, test_call_gate_privilege);
    tcase_add_test(t, test_retf_outer_bad_ss);
    tcase_add_test(t, test_retf_outer);
    tcase_add_test(t, test_far_call_direct_and_retf);
    tcase_add_test(t, test_far_jmp_task_gate);
    tcase_add_test(t, test_lar_lsl);
    tcase_add_test(t, test_lar_privilege);
    tcase_add_test(t, test_verr_verw);
    tcase_add_test(t, test_arpl);
    tcase_add_test(t, test_ud_outside_protected_mode);
    tcase_add_test(t, test_ltr_lldt_sldt_str);
    tcase_add_test(t, test_cpl0_instructions);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(segment_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
