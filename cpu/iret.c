/*
 * iret.c - IRET/IRETD in every mode (declared in interrupt.h), after the
 * IRET pseudo-code of the Intel SDM Vol. 2 and Vol. 3, 6.12.1 and 20.3.
 *
 *   real mode               pop EIP, CS, EFLAGS (real-mode CS load)
 *   V86, IOPL = 3           the same, but VM, IOPL (and VIF/VIP) stay
 *   V86, IOPL < 3           #GP(0): the V86 monitor emulates it
 *   PM, EFLAGS.NT = 1       task return through the TSS back link
 *   PM, image VM = 1, CPL 0 return to V86: also pop ESP, SS, ES, DS, FS, GS
 *   PM, RPL(CS) = CPL       same-level return
 *   PM, RPL(CS) > CPL       outer-level return: also pop ESP, SS; then
 *                           DS/ES/FS/GS more privileged than the new CPL
 *                           become null
 *
 * Which EFLAGS bits the popped image may change depends on the CPL and
 * IOPL the IRET runs with: IOPL only at CPL 0, IF only when CPL <= IOPL,
 * VIF/VIP only at CPL 0 with IRETD.  Every read and check comes before the
 * first register is written (fault.h).  Not here: CR4.VME/PVI.
 */
#include "cpu/interrupt.h"

#include "cpu/cpu.h"
#include "cpu/fault.h"
#include "cpu/segment.h"
#include "cpu/stack.h"
#include "cpu/task.h"
#include "cpu/tss.h"

/* EFLAGS bits a real-mode IRET writes: 16-bit: FLAGS[15:0] except the
 * fixed bits (IOPL and NT included); 32-bit: those of 257FD5h, keeping VM,
 * VIF and VIP. */
enum {
    IRET16_FLAGS = 0x7FD5,
    IRET32_FLAGS = 0x257FD5,
    /* Protected mode, always: CF PF AF ZF SF TF DF OF NT. */
    IRET_PM_FLAGS = FLAGS_ARITH | FLAG_TF | FLAG_DF | FLAG_NT,
};

/* The three words (or dwords) every IRET pops. */
struct iret_frame {
    uint32_t eip;
    uint16_t cs;
    uint32_t eflags;
    uint32_t sp;   /* the stack pointer after them */
};

static struct iret_frame pop_frame(struct cpu *c, unsigned osize)
{
    struct iret_frame f;
    f.sp = stack_sp(c);
    f.eip = stack_read(c, &f.sp, osize);
    f.cs = (uint16_t)stack_read(c, &f.sp, osize);
    f.eflags = stack_read(c, &f.sp, osize);
    return f;
}

/* Real mode, and V86 with IOPL 3: a far return that pops flags.  The new
 * CS keeps the old limit (real mode) or FFFF (V86), so EIP is checked
 * against the current CS limit. */
static void iret_real_style(struct cpu *c, unsigned osize, uint32_t writable)
{
    struct iret_frame f = pop_frame(c, osize);
    if (f.eip > c->seg[SEG_CS].limit)
        cpu_raise(c, EXC_GP, 0);
    stack_set_sp(c, f.sp);
    cpu_set_eflags(c, f.eflags, writable);
    if (c->eflags & FLAG_VM)
        cpu_load_seg_v86(c, SEG_CS, f.cs);
    else
        cpu_load_seg_real(c, SEG_CS, f.cs);
    c->eip = f.eip;
}

/* EFLAGS bits a protected-mode IRET (not to V86) may write. */
static uint32_t iret_pm_writable(const struct cpu *c, unsigned osize)
{
    unsigned iopl = (c->eflags & FLAG_IOPL) >> 12;
    uint32_t m = IRET_PM_FLAGS;
    if (osize == 4)
        m |= FLAG_RF | FLAG_AC | FLAG_ID;
    if (c->cpl <= iopl)
        m |= FLAG_IF;
    if (c->cpl == 0) {
        m |= FLAG_IOPL;
        if (osize == 4)
            m |= FLAG_VIF | FLAG_VIP;
    }
    return m;
}

/* NT set: back to the task in the current TSS's link field. */
static void iret_task_return(struct cpu *c)
{
    uint16_t link = mem_read16_linear(c, c->tr.base + TSS32_LINK);
    struct descriptor d;
    if (sel_is_ldt(link) || !desc_read(c, link, &d))
        cpu_raise(c, EXC_TS, sel_error(link));
    task_switch(c, link, &d, TASK_SWITCH_IRET, c->eip, false, 0);
}

/* IRETD at CPL 0 with VM set in the image: into virtual-8086 mode. */
static void iret_to_v86(struct cpu *c, const struct iret_frame *f)
{
    uint32_t sp = f->sp;
    uint32_t esp = stack_read(c, &sp, 4);
    uint16_t sel[SEG_COUNT];
    sel[SEG_SS] = (uint16_t)stack_read(c, &sp, 4);
    sel[SEG_ES] = (uint16_t)stack_read(c, &sp, 4);
    sel[SEG_DS] = (uint16_t)stack_read(c, &sp, 4);
    sel[SEG_FS] = (uint16_t)stack_read(c, &sp, 4);
    sel[SEG_GS] = (uint16_t)stack_read(c, &sp, 4);
    sel[SEG_CS] = f->cs;
    if (f->eip > 0xFFFF)
        cpu_raise(c, EXC_GP, 0);

    cpu_set_eflags(c, f->eflags, FLAGS_WRITABLE);
    for (int g = 0; g < SEG_COUNT; g++)
        cpu_load_seg_v86(c, g, sel[g]);
    c->cpl = 3;
    set_reg32(c, REG_SP, esp);
    c->eip = f->eip;
}

/* The return CS, checked as the PROTECTED-MODE-RETURN pseudo-code says. */
static void check_return_cs(struct cpu *c, uint16_t sel, struct descriptor *d)
{
    if (sel_is_null(sel))
        cpu_raise(c, EXC_GP, 0);
    if (!desc_read(c, sel, d) || !desc_is_code(d))
        cpu_raise(c, EXC_GP, sel_error(sel));
    unsigned rpl = sel_rpl(sel);
    if (rpl < c->cpl)
        cpu_raise(c, EXC_GP, sel_error(sel));
    if (desc_is_conforming_code(d) ? desc_dpl(d) > rpl : desc_dpl(d) != rpl)
        cpu_raise(c, EXC_GP, sel_error(sel));
    if (!desc_present(d))
        cpu_raise(c, EXC_NP, sel_error(sel));
}

/* The return SS of an outer-level return to privilege `rpl`. */
static void check_return_ss(struct cpu *c, uint16_t sel, unsigned rpl, struct descriptor *d)
{
    if (sel_is_null(sel))
        cpu_raise(c, EXC_GP, 0);
    if (!desc_read(c, sel, d) || sel_rpl(sel) != rpl || !desc_is_data(d) ||
        !(d->access & DESC_RW) || desc_dpl(d) != rpl)
        cpu_raise(c, EXC_GP, sel_error(sel));
    if (!desc_present(d))
        cpu_raise(c, EXC_SS, sel_error(sel));
}

static void iret_protected(struct cpu *c, unsigned osize)
{
    if (c->eflags & FLAG_NT) {
        iret_task_return(c);
        return;
    }
    struct iret_frame f = pop_frame(c, osize);
    if (osize == 4 && (f.eflags & FLAG_VM) && c->cpl == 0) {
        iret_to_v86(c, &f);
        return;
    }
    if (osize == 2)
        f.eip &= 0xFFFF;

    struct descriptor cs;
    check_return_cs(c, f.cs, &cs);
    unsigned rpl = sel_rpl(f.cs);
    uint32_t writable = iret_pm_writable(c, osize);

    if (rpl == c->cpl) {
        if (f.eip > cs.limit)
            cpu_raise(c, EXC_GP, 0);
        desc_set_accessed(c, f.cs, &cs);
        stack_set_sp(c, f.sp);
        cpu_set_eflags(c, f.eflags, writable);
        cpu_load_cs(c, f.cs, &cs, rpl);
        c->eip = f.eip;
        return;
    }

    /* Outer level: the stack of the interrupted procedure follows. */
    uint32_t sp = f.sp;
    uint32_t esp = stack_read(c, &sp, osize);
    uint16_t ss_sel = (uint16_t)stack_read(c, &sp, osize);
    struct descriptor ss;
    check_return_ss(c, ss_sel, rpl, &ss);
    if (f.eip > cs.limit)
        cpu_raise(c, EXC_GP, 0);
    desc_set_accessed(c, f.cs, &cs);
    desc_set_accessed(c, ss_sel, &ss);

    cpu_set_eflags(c, f.eflags, writable);
    cpu_load_cs(c, f.cs, &cs, rpl);
    c->eip = f.eip;
    segment_from_desc(&c->seg[SEG_SS], ss_sel, &ss);
    if (ss.access & SEG_ACCESS_DB)
        set_reg32(c, REG_SP, esp);
    else
        set_reg16(c, REG_SP, (uint16_t)esp);
    segment_invalidate_for_cpl(c);
}

void cpu_iret(struct cpu *c, unsigned osize)
{
    if (!(c->cr0 & CR0_PE)) {
        iret_real_style(c, osize, osize == 2 ? IRET16_FLAGS : IRET32_FLAGS);
        return;
    }
    if (c->eflags & FLAG_VM) {
        if ((c->eflags & FLAG_IOPL) != FLAG_IOPL)
            cpu_raise(c, EXC_GP, 0);
        uint32_t keep = FLAG_VM | FLAG_IOPL | FLAG_VIF | FLAG_VIP;
        uint32_t writable = osize == 2 ? 0xFFFFu : FLAGS_WRITABLE;
        iret_real_style(c, osize, writable & ~keep);
        return;
    }
    iret_protected(c, osize);
}
