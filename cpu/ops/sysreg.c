/*
 * sysreg.c - control and debug registers, TLB and cache control, CPUID,
 * the time-stamp counter, MSRs, RDPMC, SYSENTER/SYSEXIT.
 *
 * Follows the Intel SDM Vol. 2 pages of MOV (control / debug registers),
 * INVLPG, INVD, WBINVD, CPUID, RDTSC, RDMSR, WRMSR, RDPMC, SYSENTER and
 * SYSEXIT, for a P6 (Pentium II).  Every one of these that the SDM calls
 * privileged checks CPL 0 here (real mode is CPL 0; V86 mode is CPL 3).
 *
 * What is left out: there are no caches, so INVD/WBINVD do nothing beyond
 * their privilege check and the MTRRs only keep what is written; RDPMC's
 * two counters always read 0 (nothing is counted); MSRs a P6 has but we
 * do not model (machine check, performance-event selects, microcode
 * update trigger, ...) raise #GP(0) like unknown ones.
 */
#include "cpu/ops/ops.h"

#include <stddef.h>

#include "cpu/cpuid.h"
#include "cpu/debug.h"
#include "cpu/fault.h"
#include "cpu/operand.h"
#include "cpu/paging.h"
#include "cpu/segment.h"

static void require_cpl0(struct cpu *c)
{
    if (c->cpl != 0)
        cpu_raise(c, EXC_GP, 0);
}

/* ---- MOV to and from CRn ---------------------------------------------- */

/* 0F 20-23 take ModRM with a register operand whatever mod says (the
 * table's "Rd"); CR1 and CR5-CR7 do not exist. */
static void check_cr_number(struct cpu *c, unsigned n)
{
    if (n == 1 || n > 4)
        cpu_raise(c, EXC_UD, 0);
}

void op_mov_rd_cd(struct cpu *c, const struct insn *i)
{
    check_cr_number(c, i->reg);
    require_cpl0(c);
    uint32_t v;
    switch (i->reg) {
    case 0: v = c->cr0; break;
    case 2: v = c->cr2; break;
    case 3: v = c->cr3; break;
    default: v = c->cr4; break;
    }
    reg_set(c, i->rm, 4, v);
}

void op_mov_cd_rd(struct cpu *c, const struct insn *i)
{
    check_cr_number(c, i->reg);
    require_cpl0(c);
    uint32_t v = reg_get(c, i->rm, 4);
    switch (i->reg) {
    case 0: paging_write_cr0(c, v); break;
    case 2: c->cr2 = v; break;
    case 3: paging_write_cr3(c, v); break;
    default: paging_write_cr4(c, v); break;
    }
}

/* ---- MOV to and from DRn ---------------------------------------------- */

/* The register a MOV DRn reaches: DR4/DR5 are DR6/DR7 unless CR4.DE,
 * which makes them #UD.  DR7.GD turns any access into a #DB fault with
 * DR6.BD, and clears GD so the handler can use the registers. */
static unsigned dr_access(struct cpu *c, unsigned n)
{
    require_cpl0(c);
    if (n == 4 || n == 5) {
        if (c->cr4 & CR4_DE)
            cpu_raise(c, EXC_UD, 0);
        n += 2;
    }
    if (c->dr[7] & DR7_GD) {
        c->dr[6] |= DR6_BD;
        c->dr[7] &= ~(uint32_t)DR7_GD;
        cpu_raise(c, EXC_DB, 0);
    }
    return n;
}

void op_mov_rd_dd(struct cpu *c, const struct insn *i)
{
    unsigned n = dr_access(c, i->reg);
    reg_set(c, i->rm, 4, c->dr[n]);
}

void op_mov_dd_rd(struct cpu *c, const struct insn *i)
{
    unsigned n = dr_access(c, i->reg);
    uint32_t v = reg_get(c, i->rm, 4);
    switch (n) {
    case 6:
        c->dr[6] = (v & DR6_WRITABLE) | DR6_FIXED1;
        break;
    case 7:
        c->dr[7] = (v & DR7_WRITABLE) | DR7_FIXED1;
        tlb_flush_all(c); /* fast-path tags depend on breakpoints being off */
        break;
    default:
        c->dr[n] = v;
        break;
    }
}

/* ---- TLB and caches --------------------------------------------------- */

/* INVLPG m: no segment-limit check, no access; the linear address of the
 * operand leaves the TLB (SDM: no fault for a non-canonical or absent
 * page either). */
void op_invlpg_m(struct cpu *c, const struct insn *i)
{
    require_cpl0(c);
    tlb_flush_page(c, c->seg[i->seg].base + insn_ea(c, i));
}

void op_invd(struct cpu *c, const struct insn *i)
{
    (void)i;
    require_cpl0(c);
}

void op_wbinvd(struct cpu *c, const struct insn *i)
{
    (void)i;
    require_cpl0(c);
}

/* ---- CPUID, TSC, PMC -------------------------------------------------- */

void op_cpuid(struct cpu *c, const struct insn *i)
{
    (void)i;
    struct cpuid_regs r = cpuid_query(reg32(c, REG_AX), c->apic_base_read != NULL);
    set_reg32(c, REG_AX, r.eax);
    set_reg32(c, REG_BX, r.ebx);
    set_reg32(c, REG_CX, r.ecx);
    set_reg32(c, REG_DX, r.edx);
}

static void set_edx_eax(struct cpu *c, uint64_t v)
{
    set_reg32(c, REG_AX, (uint32_t)v);
    set_reg32(c, REG_DX, (uint32_t)(v >> 32));
}

static uint64_t tsc_now(const struct cpu *c)
{
    return c->icount + c->msr.tsc_offset; /* wraps like the 64-bit counter */
}

void op_rdtsc(struct cpu *c, const struct insn *i)
{
    (void)i;
    if ((c->cr4 & CR4_TSD) && c->cpl != 0)
        cpu_raise(c, EXC_GP, 0);
    set_edx_eax(c, tsc_now(c));
}

/* A P6 has two counters (ECX 0 and 1).  Nothing is counted: they read 0. */
void op_rdpmc(struct cpu *c, const struct insn *i)
{
    (void)i;
    if (!(c->cr4 & CR4_PCE) && c->cpl != 0)
        cpu_raise(c, EXC_GP, 0);
    if (reg32(c, REG_CX) > 1)
        cpu_raise(c, EXC_GP, 0);
    set_edx_eax(c, 0);
}

/* ---- MSRs ------------------------------------------------------------- */

enum {
    MSR_TSC = 0x10,
    MSR_PLATFORM_ID = 0x17,
    MSR_APIC_BASE = 0x1B,
    MSR_BIOS_SIGN_ID = 0x8B,
    MSR_MTRRCAP = 0xFE,
    MSR_SYSENTER_CS = 0x174,
    MSR_SYSENTER_ESP = 0x175,
    MSR_SYSENTER_EIP = 0x176,
    MSR_MTRR_PHYS_FIRST = 0x200,
    MSR_MTRR_PHYS_LAST = 0x20F,
    MSR_MTRR_FIX64K = 0x250,
    MSR_MTRR_FIX16K_80000 = 0x258,
    MSR_MTRR_FIX16K_A0000 = 0x259,
    MSR_MTRR_FIX4K_FIRST = 0x268,
    MSR_MTRR_FIX4K_LAST = 0x26F,
    MSR_MTRR_DEF_TYPE = 0x2FF,
};

/* MTRRcap: 8 variable ranges, fixed ranges supported, write-combining. */
#define MTRRCAP_VALUE 0x508u
#define PHYS_ADDR_RSVD 0xFFFFFFF000000000ull /* above 36 bits */

/* Memory types an MTRR may hold: UC WC WT WP WB. */
static bool mtrr_type_ok(unsigned t)
{
    return t == 0 || t == 1 || t == 4 || t == 5 || t == 6;
}

static bool mtrr_fixed_ok(uint64_t v)
{
    for (unsigned k = 0; k < 8; k++)
        if (!mtrr_type_ok((v >> (8 * k)) & 0xFF))
            return false;
    return true;
}

/* Index into msr.mtrr_fix of a fixed-range MTRR, or -1. */
static int mtrr_fixed_index(uint32_t msr)
{
    if (msr == MSR_MTRR_FIX64K)
        return 0;
    if (msr == MSR_MTRR_FIX16K_80000)
        return 1;
    if (msr == MSR_MTRR_FIX16K_A0000)
        return 2;
    if (msr >= MSR_MTRR_FIX4K_FIRST && msr <= MSR_MTRR_FIX4K_LAST)
        return 3 + (int)(msr - MSR_MTRR_FIX4K_FIRST);
    return -1;
}

/* Reads MSR `msr`; false if we have no such MSR. */
static bool msr_read(struct cpu *c, uint32_t msr, uint64_t *v)
{
    int fix = mtrr_fixed_index(msr);
    if (fix >= 0) {
        *v = c->msr.mtrr_fix[fix];
        return true;
    }
    if (msr >= MSR_MTRR_PHYS_FIRST && msr <= MSR_MTRR_PHYS_LAST) {
        *v = c->msr.mtrr_var[msr - MSR_MTRR_PHYS_FIRST];
        return true;
    }
    switch (msr) {
    case MSR_TSC: *v = tsc_now(c); return true;
    case MSR_PLATFORM_ID: *v = 0; return true;
    case MSR_APIC_BASE:
        *v = c->apic_base_read != NULL ? c->apic_base_read(c->apic_opaque) : c->msr.apic_base;
        return true;
    case MSR_BIOS_SIGN_ID: *v = 0; return true; /* no microcode update loaded */
    case MSR_MTRRCAP: *v = MTRRCAP_VALUE; return true;
    case MSR_SYSENTER_CS: *v = c->msr.sysenter_cs; return true;
    case MSR_SYSENTER_ESP: *v = c->msr.sysenter_esp; return true;
    case MSR_SYSENTER_EIP: *v = c->msr.sysenter_eip; return true;
    case MSR_MTRR_DEF_TYPE: *v = c->msr.mtrr_cap_def; return true;
    default: return false;
    }
}

/* Writes MSR `msr`; false if there is no such MSR or the value sets
 * reserved bits (both #GP(0)). */
static bool msr_write(struct cpu *c, uint32_t msr, uint64_t v)
{
    int fix = mtrr_fixed_index(msr);
    if (fix >= 0) {
        if (!mtrr_fixed_ok(v))
            return false;
        c->msr.mtrr_fix[fix] = v;
        return true;
    }
    if (msr >= MSR_MTRR_PHYS_FIRST && msr <= MSR_MTRR_PHYS_LAST) {
        bool is_mask = msr & 1;
        uint64_t rsvd = PHYS_ADDR_RSVD | (is_mask ? 0x7FFu : 0xF00u);
        if ((v & rsvd) || (!is_mask && !mtrr_type_ok(v & 0xFF)))
            return false;
        c->msr.mtrr_var[msr - MSR_MTRR_PHYS_FIRST] = v;
        return true;
    }
    switch (msr) {
    case MSR_TSC:
        c->msr.tsc_offset = v - c->icount;
        return true;
    case MSR_APIC_BASE: /* BSP (8), enable (11), base (35:12) */
        if (v & (PHYS_ADDR_RSVD | 0x6FFu))
            return false;
        if (c->apic_base_write != NULL)
            return c->apic_base_write(c->apic_opaque, v);
        c->msr.apic_base = v;
        return true;
    case MSR_BIOS_SIGN_ID:
        return true; /* BIOSes write 0 before CPUID; reads stay 0 */
    case MSR_SYSENTER_CS: c->msr.sysenter_cs = (uint32_t)v; return true;
    case MSR_SYSENTER_ESP: c->msr.sysenter_esp = (uint32_t)v; return true;
    case MSR_SYSENTER_EIP: c->msr.sysenter_eip = (uint32_t)v; return true;
    case MSR_MTRR_DEF_TYPE: /* type (7:0), fixed enable (10), enable (11) */
        if ((v & ~0xCFFull) || !mtrr_type_ok(v & 0xFF))
            return false;
        c->msr.mtrr_cap_def = v;
        return true;
    default:
        return false; /* read-only (MTRRcap, PLATFORM_ID) or unknown */
    }
}

void op_rdmsr(struct cpu *c, const struct insn *i)
{
    (void)i;
    require_cpl0(c);
    uint64_t v;
    if (!msr_read(c, reg32(c, REG_CX), &v))
        cpu_raise(c, EXC_GP, 0);
    set_edx_eax(c, v);
}

void op_wrmsr(struct cpu *c, const struct insn *i)
{
    (void)i;
    require_cpl0(c);
    uint64_t v = (uint64_t)reg32(c, REG_DX) << 32 | reg32(c, REG_AX);
    if (!msr_write(c, reg32(c, REG_CX), v))
        cpu_raise(c, EXC_GP, 0);
}

/* ---- SYSENTER / SYSEXIT ----------------------------------------------- */

/* The flat 4 GiB segments SYSENTER and SYSEXIT load, whatever the GDT
 * says: access byte `type_dpl_s` (P set), G and D/B set. */
static struct descriptor flat_descriptor(uint16_t access_byte)
{
    return (struct descriptor){ .base = 0, .limit = 0xFFFFFFFFu,
                                .access = (uint16_t)(access_byte | 0xC000u) };
}

static void load_flat_ss(struct cpu *c, uint16_t selector, uint16_t access_byte)
{
    struct descriptor d = flat_descriptor(access_byte);
    segment_from_desc(&c->seg[SEG_SS], selector, &d);
}

void op_sysenter(struct cpu *c, const struct insn *i)
{
    (void)i;
    uint16_t cs = (uint16_t)c->msr.sysenter_cs;
    if (!(c->cr0 & CR0_PE) || sel_is_null(cs))
        cpu_raise(c, EXC_GP, 0);
    cpu_set_eflags(c, 0, FLAG_VM | FLAG_IF | FLAG_RF);
    struct descriptor code = flat_descriptor(0x9B); /* DPL 0 execute/read, accessed */
    cpu_load_cs(c, cs & 0xFFFCu, &code, 0);
    load_flat_ss(c, (uint16_t)((cs & 0xFFFCu) + 8), 0x93); /* DPL 0 read/write */
    set_reg32(c, REG_SP, c->msr.sysenter_esp);
    c->eip = c->msr.sysenter_eip;
}

void op_sysexit(struct cpu *c, const struct insn *i)
{
    (void)i;
    uint16_t cs = (uint16_t)c->msr.sysenter_cs;
    if (!(c->cr0 & CR0_PE) || sel_is_null(cs) || c->cpl != 0)
        cpu_raise(c, EXC_GP, 0);
    struct descriptor code = flat_descriptor(0xFB); /* DPL 3 execute/read */
    cpu_load_cs(c, (uint16_t)(cs + 16), &code, 3);
    load_flat_ss(c, (uint16_t)((cs + 24) | 3), 0xF3); /* DPL 3 read/write */
    set_reg32(c, REG_SP, reg32(c, REG_CX));
    c->eip = reg32(c, REG_DX);
}
