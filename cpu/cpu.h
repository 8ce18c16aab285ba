/*
 * cpu.h - the architectural state of the emulated x86 CPU and the calls
 * the rest of the emulator makes into it.
 *
 * The CPU model is a P6 (Pentium II class): real, protected and
 * virtual-8086 mode, paging, the debug registers, MSRs, the x87 and MMX
 * (state in cpu/fpu/x87.h).  General registers are kept 64 bits wide so
 * long mode can come later without reshaping the state; operand size is a
 * decoder parameter.
 *
 * How it runs (docs/cpu.md tells the story): cpu_run() looks up the
 * decoded block for CS:EIP in the block cache (cpu/block_cache.h), runs its
 * instructions' handlers one after another, and repeats.  A fault anywhere
 * inside a handler calls cpu_raise() (cpu/fault.h), which unwinds with
 * longjmp back to cpu_run(), which then delivers the exception.
 *
 * Not here yet: SSE state, VME, NMI, SMM, long mode.
 */
#ifndef SOFTPC_CPU_CPU_H
#define SOFTPC_CPU_CPU_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "cpu/flags.h"
#include "cpu/fpu/x87.h"

struct phys_space;
struct port_bus;
struct block_cache;
struct tlb;

/* General register numbers, in ModRM order. */
enum { REG_AX, REG_CX, REG_DX, REG_BX, REG_SP, REG_BP, REG_SI, REG_DI,
       REG_COUNT = 16,
       REG_ZERO = 16 /* always reads 0: lets address arithmetic skip tests */ };

/* Segment register numbers, in the encoding order of ModRM.reg for MOV Sw. */
enum { SEG_ES, SEG_CS, SEG_SS, SEG_DS, SEG_FS, SEG_GS, SEG_COUNT };

/* cpu_segment.access bit: the descriptor's D/B flag (32-bit code / big stack). */
#define SEG_ACCESS_DB 0x4000u

/* CR0 bits (Intel SDM Vol. 3, 2.5 "Control Registers"). */
enum {
    CR0_PE = 1u << 0,
    CR0_MP = 1u << 1,
    CR0_EM = 1u << 2,
    CR0_TS = 1u << 3,
    CR0_ET = 1u << 4,
    CR0_NE = 1u << 5,
    CR0_WP = 1u << 16,
    CR0_AM = 1u << 18,
    CR0_NW = 1u << 29,
    CR0_CD = 1u << 30,
    CR0_PG = 1u << 31,
};

/* CR4 bits this CPU implements (a P6 without SSE yet). */
enum {
    CR4_VME = 1u << 0,
    CR4_PVI = 1u << 1,
    CR4_TSD = 1u << 2,
    CR4_DE = 1u << 3,
    CR4_PSE = 1u << 4,
    CR4_PAE = 1u << 5,
    CR4_PGE = 1u << 7,
    CR4_PCE = 1u << 8,
    CR4_OSFXSR = 1u << 9, /* FXSAVE/FXRSTOR may use the SSE area (no SSE yet: stored only) */
};

/* cpu_segment.rights: what an access through the segment may do.  Loading
 * a segment register computes these once, so the per-access check is two
 * compares and a bit test (cpu/access.c seg_check). */
enum {
    SEG_CAN_READ = 1u << 0,
    SEG_CAN_WRITE = 1u << 1,
};

struct cpu_segment {
    uint16_t selector;
    uint32_t base;
    uint32_t limit;   /* byte-granular effective limit (as LSL reports it) */
    uint16_t access;  /* bits 7:0 the descriptor's access byte (type, S, DPL, P),
                         bits 15:12 its flags nibble (AVL, L, D/B, G) */
    /* Derived from the above at load time (segment_derive in cpu/cpu.c):
     * offsets lo..hi inclusive are inside the segment (expand-down data
     * segments have lo = limit + 1, hi = 0xFFFF or 0xFFFFFFFF), and
     * `rights` says whether reads and writes are allowed at all (a null
     * selector in protected mode has rights 0: any access is #GP(0)). */
    uint32_t lo, hi;
    uint8_t rights;
};

/* Exception vectors. */
enum {
    EXC_DE = 0, EXC_DB = 1, EXC_NMI = 2, EXC_BP = 3, EXC_OF = 4, EXC_BR = 5,
    EXC_UD = 6, EXC_NM = 7, EXC_DF = 8, EXC_TS = 10, EXC_NP = 11, EXC_SS = 12,
    EXC_GP = 13, EXC_PF = 14, EXC_MF = 16, EXC_AC = 17,
};

/* Why cpu_run returned. */
enum cpu_stop {
    CPU_STOP_NONE = 0,
    CPU_STOP_HALT,      /* HLT executed and nothing can wake the CPU */
    CPU_STOP_BUDGET,    /* instruction budget used up */
    CPU_STOP_REQUEST,   /* someone called cpu_request_stop() */
    CPU_STOP_SHUTDOWN,  /* triple fault */
};

struct cpu {
    uint64_t gpr[REG_COUNT + 1]; /* +1: REG_ZERO */
    uint32_t eip;
    uint32_t eflags;             /* OSZAPC valid only when lazy.width == 0 */
    struct lazy_flags lazy;
    struct cpu_segment seg[SEG_COUNT];
    uint32_t cr0, cr2, cr3, cr4;
    struct { uint32_t base; uint16_t limit; } idtr, gdtr;
    struct cpu_segment ldtr, tr;  /* system segment registers, with caches */
    uint8_t cpl;                  /* current privilege level (CS.RPL in PM, 3 in V86) */
    uint32_t dr[8];               /* DR0-DR3 addresses, DR6 status, DR7 control
                                     (DR4/DR5 alias DR6/DR7) */

    /* Model-specific registers a P6 has and we keep. */
    struct {
        uint64_t tsc_offset;      /* TSC = icount + tsc_offset */
        uint32_t sysenter_cs, sysenter_esp, sysenter_eip;
        uint64_t apic_base;
        uint64_t mtrr_cap_def;    /* MTRRdefType */
        uint64_t mtrr_var[16];    /* 8 base/mask pairs */
        uint64_t mtrr_fix[11];
        uint64_t pat;
    } msr;

    /* x87 FPU and MMX state (cpu/fpu/x87.h).  With CR0.NE=0 an x87 error
     * is reported by asserting FERR#: the board routes it to IRQ 13. */
    struct x87_state fpu;
    void (*ferr)(void *opaque, bool asserted);
    void *ferr_opaque;

    /* Run state */
    uint32_t insn_eip;       /* EIP of the instruction being executed */
    bool halted;
    bool intr_line;          /* INTR asserted by the PIC */
    uint8_t inhibit_irq;     /* set by MOV SS/POP SS/STI: one insn of shadow */
    bool block_stale;        /* the running block was invalidated (SMC) */
    enum cpu_stop stop;
    uint64_t icount;         /* instructions retired */
    uint64_t budget_end;     /* cpu_run stops when icount reaches this */

    /* The exception being raised (cpu_raise -> dispatcher). */
    uint8_t exc_vector;
    uint32_t exc_error;
    int delivering;          /* -1, or the vector whose delivery is under way */

    struct phys_space *phys;
    struct port_bus *ports;
    struct block_cache *blocks;
    struct tlb *tlb;         /* software TLB and PAE PDPTEs (cpu/tlb.h) */
    uint8_t debug_hits;      /* DR6 B0-B3 of data/I-O breakpoints the current
                                instruction hit: #DB after it (cpu/debug.h) */

    /* External interrupt acknowledge: returns the vector. */
    uint8_t (*intr_ack)(void *opaque);
    void *intr_opaque;
    /* The local APIC, when the board has one: IA32_APIC_BASE reads and
     * writes go to it, and CPUID reports the APIC.  NULL apic_base_read:
     * no APIC (the MSR is kept in msr.apic_base, CPUID bit clear). */
    uint64_t (*apic_base_read)(void *opaque);
    bool (*apic_base_write)(void *opaque, uint64_t value); /* false: #GP */
    void *apic_opaque;

    jmp_buf fault_unwind;    /* cpu_raise() longjmps here */
};

struct cpu *cpu_create(struct phys_space *phys, struct port_bus *ports);
void cpu_destroy(struct cpu *c);
/* Power-on reset: real mode, CS:IP = F000:FFF0 with CS base 0xFFFF0000. */
void cpu_reset(struct cpu *c);
/* Runs until the budget of instructions is spent or the CPU stops. */
enum cpu_stop cpu_run(struct cpu *c, uint64_t max_insns);
/* Stops cpu_run() after the instruction under way (a device may call it
 * from inside an I/O access). */
void cpu_request_stop(struct cpu *c);
void cpu_set_intr(struct cpu *c, bool asserted);

/* Load a segment register as real mode does: base = selector << 4. */
void cpu_load_seg_real(struct cpu *c, int seg, uint16_t selector);

/* Recompute a segment's lo/hi/rights from limit and access, after anything
 * that sets those (descriptor loads, reset, loadall-style test setup). */
void segment_derive(struct cpu_segment *s);

/* Drop every decoded block (after loading new code behind the CPU's back
 * without going through phys_write*). */
void cpu_flush_blocks(struct cpu *c);

#endif
