/*
 * pmode.c - the protected-mode segment instructions: SLDT, STR, LLDT,
 * LTR, VERR, VERW (group 0F 00), LAR (0F 02), LSL (0F 03) and ARPL (63),
 * after their pages in the Intel SDM Vol. 2.
 *
 * All of them are #UD in real-address and virtual-8086 mode on a P6.
 * LLDT and LTR need CPL 0 (#GP(0)).  LAR, LSL, VERR and VERW never fault
 * on the selector they test: a null, out-of-table, wrong-type or too-
 * privileged selector only clears ZF (they can still fault reading a
 * memory operand).  LAR with a 32-bit operand returns the descriptor's
 * second dword masked with 00F0FF00h (the SDM leaves bits 19:16 undefined;
 * we clear them).  Not here: SMSW/SGDT/SIDT (system.c, which work in
 * every mode).
 */
#include "cpu/ops/ops.h"

#include "cpu/fault.h"
#include "cpu/operand.h"
#include "cpu/segment.h"

/* ---- helpers ---------------------------------------------------------- */

static void require_pmode(struct cpu *c)
{
    if (!cpu_in_pmode(c))
        cpu_raise(c, EXC_UD, 0);
}

static void require_cpl0(struct cpu *c)
{
    if (c->cpl != 0)
        cpu_raise(c, EXC_GP, 0);
}

static void set_zf(struct cpu *c, bool zf)
{
    cpu_set_eflags(c, zf ? FLAG_ZF : 0, FLAG_ZF);
}

/* The 16-bit selector operand of the Ew forms. */
static uint16_t selector_r(const struct cpu *c, const struct insn *i)
{
    return (uint16_t)read_er(c, i, 2);
}

static uint16_t selector_m(struct cpu *c, const struct insn *i)
{
    return (uint16_t)read_em(c, i, 2);
}

/* The descriptor `sel` names, when LAR/LSL/VERR/VERW may look at it:
 * not null, inside its table, and - unless it is a conforming code
 * segment - with DPL >= CPL and DPL >= RPL. */
static bool visible_descriptor(struct cpu *c, uint16_t sel, struct descriptor *d)
{
    if (sel_is_null(sel) || !desc_read(c, sel, d))
        return false;
    if (desc_is_conforming_code(d))
        return true;
    unsigned dpl = desc_dpl(d);
    return dpl >= c->cpl && dpl >= sel_rpl(sel);
}

/* ---- SLDT / STR ------------------------------------------------------- */

/* To a register: the selector zero-extended to the operand size; to
 * memory: always 16 bits. */
void op_sldt_ew_r(struct cpu *c, const struct insn *i)
{
    require_pmode(c);
    write_er(c, i, i->osize, c->ldtr.selector);
}

void op_sldt_ew_m(struct cpu *c, const struct insn *i)
{
    require_pmode(c);
    write_em(c, i, 2, c->ldtr.selector);
}

void op_str_ew_r(struct cpu *c, const struct insn *i)
{
    require_pmode(c);
    write_er(c, i, i->osize, c->tr.selector);
}

void op_str_ew_m(struct cpu *c, const struct insn *i)
{
    require_pmode(c);
    write_em(c, i, 2, c->tr.selector);
}

/* ---- LLDT / LTR ------------------------------------------------------- */

/* A null selector leaves the LDTR unusable; otherwise the selector must
 * name a present LDT descriptor in the GDT. */
static void lldt(struct cpu *c, uint16_t sel)
{
    if (sel_is_null(sel)) {
        segment_set_null(&c->ldtr, sel);
        return;
    }
    struct descriptor d;
    if (sel_is_ldt(sel))
        cpu_raise(c, EXC_GP, sel_error(sel));
    desc_fetch(c, sel, &d, EXC_GP);
    if (!desc_is_system(&d) || desc_sys_type(&d) != SYS_LDT)
        cpu_raise(c, EXC_GP, sel_error(sel));
    if (!desc_present(&d))
        cpu_raise(c, EXC_NP, sel_error(sel));
    segment_from_desc(&c->ldtr, sel, &d);
}

void op_lldt_ew_r(struct cpu *c, const struct insn *i)
{
    require_pmode(c);
    require_cpl0(c);
    lldt(c, selector_r(c, i));
}

void op_lldt_ew_m(struct cpu *c, const struct insn *i)
{
    require_pmode(c);
    require_cpl0(c);
    lldt(c, selector_m(c, i));
}

/* LTR: an available TSS in the GDT; it is marked busy, in memory and in
 * the TR cache. */
static void ltr(struct cpu *c, uint16_t sel)
{
    if (sel_is_null(sel))
        cpu_raise(c, EXC_GP, 0);
    if (sel_is_ldt(sel))
        cpu_raise(c, EXC_GP, sel_error(sel));
    struct descriptor d;
    desc_fetch(c, sel, &d, EXC_GP);
    unsigned type = desc_sys_type(&d);
    if (!desc_is_system(&d) || (type != SYS_TSS16 && type != SYS_TSS32))
        cpu_raise(c, EXC_GP, sel_error(sel));
    if (!desc_present(&d))
        cpu_raise(c, EXC_NP, sel_error(sel));
    desc_set_busy(c, sel, true);
    d.access |= DESC_TSS_BUSY;
    d.raw[1] |= (uint32_t)DESC_TSS_BUSY << 8;
    segment_from_desc(&c->tr, sel, &d);
}

void op_ltr_ew_r(struct cpu *c, const struct insn *i)
{
    require_pmode(c);
    require_cpl0(c);
    ltr(c, selector_r(c, i));
}

void op_ltr_ew_m(struct cpu *c, const struct insn *i)
{
    require_pmode(c);
    require_cpl0(c);
    ltr(c, selector_m(c, i));
}

/* ---- VERR / VERW ------------------------------------------------------ */

static bool readable(struct cpu *c, uint16_t sel)
{
    struct descriptor d;
    if (!visible_descriptor(c, sel, &d) || desc_is_system(&d))
        return false;
    return desc_is_data(&d) || (d.access & DESC_RW);
}

static bool writable(struct cpu *c, uint16_t sel)
{
    struct descriptor d;
    if (!visible_descriptor(c, sel, &d))
        return false;
    return desc_is_data(&d) && (d.access & DESC_RW);
}

void op_verr_ew_r(struct cpu *c, const struct insn *i)
{
    require_pmode(c);
    set_zf(c, readable(c, selector_r(c, i)));
}

void op_verr_ew_m(struct cpu *c, const struct insn *i)
{
    require_pmode(c);
    set_zf(c, readable(c, selector_m(c, i)));
}

void op_verw_ew_r(struct cpu *c, const struct insn *i)
{
    require_pmode(c);
    set_zf(c, writable(c, selector_r(c, i)));
}

void op_verw_ew_m(struct cpu *c, const struct insn *i)
{
    require_pmode(c);
    set_zf(c, writable(c, selector_m(c, i)));
}

/* ---- LAR / LSL -------------------------------------------------------- */

/* System types LAR reports: TSSs (available and busy), LDT, call and task
 * gates - not interrupt or trap gates, not reserved types. */
static bool lar_type_ok(const struct descriptor *d)
{
    if (!desc_is_system(d))
        return true;
    switch (desc_sys_type(d)) {
    case SYS_TSS16: case SYS_LDT: case SYS_TSS16_BUSY: case SYS_CALL_GATE16:
    case SYS_TASK_GATE: case SYS_TSS32: case SYS_TSS32_BUSY: case SYS_CALL_GATE32:
        return true;
    default:
        return false;
    }
}

/* LSL: segments with a limit - code, data, TSSs, LDT. */
static bool lsl_type_ok(const struct descriptor *d)
{
    if (!desc_is_system(d))
        return true;
    switch (desc_sys_type(d)) {
    case SYS_TSS16: case SYS_LDT: case SYS_TSS16_BUSY: case SYS_TSS32: case SYS_TSS32_BUSY:
        return true;
    default:
        return false;
    }
}

/* The destination is written only when ZF is set. */
static void lar(struct cpu *c, const struct insn *i, uint16_t sel)
{
    struct descriptor d;
    bool ok = visible_descriptor(c, sel, &d) && lar_type_ok(&d);
    if (ok)
        write_g(c, i, i->osize, d.raw[1] & (i->osize == 2 ? 0xFF00u : 0x00F0FF00u));
    set_zf(c, ok);
}

static void lsl(struct cpu *c, const struct insn *i, uint16_t sel)
{
    struct descriptor d;
    bool ok = visible_descriptor(c, sel, &d) && lsl_type_ok(&d);
    if (ok)
        write_g(c, i, i->osize, d.limit);
    set_zf(c, ok);
}

void op_lar_gv_ew_r(struct cpu *c, const struct insn *i)
{
    require_pmode(c);
    lar(c, i, selector_r(c, i));
}

void op_lar_gv_ew_m(struct cpu *c, const struct insn *i)
{
    require_pmode(c);
    lar(c, i, selector_m(c, i));
}

void op_lsl_gv_ew_r(struct cpu *c, const struct insn *i)
{
    require_pmode(c);
    lsl(c, i, selector_r(c, i));
}

void op_lsl_gv_ew_m(struct cpu *c, const struct insn *i)
{
    require_pmode(c);
    lsl(c, i, selector_m(c, i));
}

/* ---- ARPL ------------------------------------------------------------- */

/* ARPL Ew,Gw: raise the destination selector's RPL to the source's;
 * ZF says whether it changed.  Always 16 bits. */
static bool arpl_adjust(uint16_t *dest, uint16_t src)
{
    if ((*dest & 3u) >= (src & 3u))
        return false;
    *dest = (uint16_t)((*dest & ~3u) | (src & 3u));
    return true;
}

void op_arpl_ew_gw_r(struct cpu *c, const struct insn *i)
{
    require_pmode(c);
    uint16_t dest = (uint16_t)read_er(c, i, 2);
    bool changed = arpl_adjust(&dest, (uint16_t)read_g(c, i, 2));
    write_er(c, i, 2, dest);
    set_zf(c, changed);
}

void op_arpl_ew_gw_m(struct cpu *c, const struct insn *i)
{
    require_pmode(c);
    uint32_t ea = insn_ea(c, i);
    uint16_t dest = mem_read16(c, i->seg, ea);
    bool changed = arpl_adjust(&dest, (uint16_t)read_g(c, i, 2));
    if (changed)
        mem_write16(c, i->seg, ea, dest);
    set_zf(c, changed);
}
