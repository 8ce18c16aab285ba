/*
 * task.c - hardware task switches (see task.h), after the Intel SDM
 * Vol. 3, 7.3 "Task Switching" (the numbered steps), table 7-1
 * "Exception Conditions Checked During a Task Switch", 7.4 "Task
 * Linking", and the TASK-SWITCH parts of the CALL/JMP/INT/IRET pages.
 *
 * The switch has two halves.  Up to the switch point everything that can
 * fault is done first: the new TSS descriptor is checked (type, busy,
 * present, limit), the whole new state is read, the old state is written
 * into the old TSS, the busy bits and the back link are written.  Then TR,
 * the general registers, EFLAGS, EIP, CR3, LDTR and the segment selectors
 * are committed, and from then on faults belong to the new task
 * (insn_eip = the new EIP): the LDT and the segment descriptors are
 * validated and loaded in table 7-1's order, each fault raising #TS, #NP
 * or #SS with the offending selector.
 *
 * Choices where the SDM leaves room: a 16-bit TSS loads only the low 16
 * bits of the general registers (the upper halves keep their values),
 * clears EFLAGS[31:16], and leaves FS and GS null; CR3 is loaded from a
 * 32-bit TSS only when paging is on.  Not done: the x87/SSE state (the
 * CPU only sets CR0.TS so the next FPU instruction traps), debug register
 * local-enable bits (L0-L3 are not cleared on a switch).
 */
#include "cpu/task.h"

#include "cpu/access.h"
#include "cpu/cpu.h"
#include "cpu/fault.h"
#include "cpu/paging.h"
#include "cpu/regs.h"
#include "cpu/segment.h"
#include "cpu/stack.h"
#include "cpu/tss.h"

/* DR6.BT: the #DB was caused by the T bit of the new task's TSS. */
enum { DR6_BT = 1u << 15 };

/* Everything a TSS gives the new task. */
struct task_state {
    uint32_t eip, eflags, cr3;
    uint32_t gpr[8];
    uint16_t seg[SEG_COUNT];
    uint16_t ldt;
    bool trap;
};

static void tss_read_state(struct cpu *c, uint32_t base, bool is32, struct task_state *s)
{
    if (is32) {
        s->cr3 = mem_read32_linear(c, base + TSS32_CR3);
        s->eip = mem_read32_linear(c, base + TSS32_EIP);
        s->eflags = mem_read32_linear(c, base + TSS32_EFLAGS);
        for (unsigned r = 0; r < 8; r++)
            s->gpr[r] = mem_read32_linear(c, base + TSS32_EAX + 4 * r);
        for (unsigned g = 0; g < SEG_COUNT; g++)
            s->seg[g] = mem_read16_linear(c, base + TSS32_ES + 4 * g);
        s->ldt = mem_read16_linear(c, base + TSS32_LDT);
        s->trap = (mem_read16_linear(c, base + TSS32_TRAP) & 1) != 0;
    } else {
        s->cr3 = c->cr3;
        s->eip = mem_read16_linear(c, base + TSS16_IP);
        s->eflags = mem_read16_linear(c, base + TSS16_FLAGS);
        for (unsigned r = 0; r < 8; r++)
            s->gpr[r] = mem_read16_linear(c, base + TSS16_AX + 2 * r);
        /* ES CS SS DS in segment-register order; no FS or GS. */
        for (unsigned g = SEG_ES; g <= SEG_DS; g++)
            s->seg[g] = mem_read16_linear(c, base + TSS16_ES + 2 * g);
        s->seg[SEG_FS] = s->seg[SEG_GS] = 0;
        s->ldt = mem_read16_linear(c, base + TSS16_LDT);
        s->trap = false;
    }
}

/* Step 8: the dynamic fields of the outgoing task into its TSS. */
static void tss_save_state(struct cpu *c, uint32_t eip, uint32_t eflags)
{
    uint32_t base = c->tr.base;
    if (tss_type_is32(c->tr.access)) {
        mem_write32_linear(c, base + TSS32_EIP, eip);
        mem_write32_linear(c, base + TSS32_EFLAGS, eflags);
        for (unsigned r = 0; r < 8; r++)
            mem_write32_linear(c, base + TSS32_EAX + 4 * r, reg32(c, r));
        for (unsigned g = 0; g < SEG_COUNT; g++)
            mem_write16_linear(c, base + TSS32_ES + 4 * g, c->seg[g].selector);
    } else {
        mem_write16_linear(c, base + TSS16_IP, (uint16_t)eip);
        mem_write16_linear(c, base + TSS16_FLAGS, (uint16_t)eflags);
        for (unsigned r = 0; r < 8; r++)
            mem_write16_linear(c, base + TSS16_AX + 2 * r, reg16(c, r));
        for (unsigned g = SEG_ES; g <= SEG_DS; g++)
            mem_write16_linear(c, base + TSS16_ES + 2 * g, c->seg[g].selector);
    }
}

/* ---- after the switch point: the new task's segments ------------------ */

static uint32_t ts_error(uint16_t sel, unsigned ext)
{
    return sel_error(sel) | ext;
}

static void load_ldt(struct cpu *c, uint16_t sel, unsigned ext)
{
    if (sel_is_null(sel)) {
        segment_set_null(&c->ldtr, sel);
        return;
    }
    struct descriptor d;
    if (sel_is_ldt(sel) || !desc_read(c, sel, &d) || !desc_is_system(&d) ||
        desc_sys_type(&d) != SYS_LDT || !desc_present(&d))
        cpu_raise(c, EXC_TS, ts_error(sel, ext));
    segment_from_desc(&c->ldtr, sel, &d);
}

/* CS: its RPL is the new CPL. */
static void load_code(struct cpu *c, uint16_t sel, unsigned ext)
{
    struct descriptor d;
    if (sel_is_null(sel) || !desc_read(c, sel, &d) || !desc_is_code(&d))
        cpu_raise(c, EXC_TS, ts_error(sel, ext));
    unsigned rpl = sel_rpl(sel);
    if (desc_is_conforming_code(&d) ? desc_dpl(&d) > rpl : desc_dpl(&d) != rpl)
        cpu_raise(c, EXC_TS, ts_error(sel, ext));
    if (!desc_present(&d))
        cpu_raise(c, EXC_NP, ts_error(sel, ext));
    desc_set_accessed(c, sel, &d);
    cpu_load_cs(c, sel, &d, rpl);
}

static void load_stack(struct cpu *c, uint16_t sel, unsigned ext)
{
    struct descriptor d;
    if (sel_is_null(sel) || !desc_read(c, sel, &d) || !desc_is_data(&d) ||
        !(d.access & DESC_RW))
        cpu_raise(c, EXC_TS, ts_error(sel, ext));
    if (sel_rpl(sel) != c->cpl || desc_dpl(&d) != c->cpl)
        cpu_raise(c, EXC_TS, ts_error(sel, ext));
    if (!desc_present(&d))
        cpu_raise(c, EXC_SS, ts_error(sel, ext));
    desc_set_accessed(c, sel, &d);
    segment_from_desc(&c->seg[SEG_SS], sel, &d);
}

static void load_data(struct cpu *c, int seg, uint16_t sel, unsigned ext)
{
    if (sel_is_null(sel)) {
        segment_set_null(&c->seg[seg], sel);
        return;
    }
    struct descriptor d;
    if (!desc_read(c, sel, &d))
        cpu_raise(c, EXC_TS, ts_error(sel, ext));
    bool readable = desc_is_data(&d) || (desc_is_code(&d) && (d.access & DESC_RW));
    if (!readable)
        cpu_raise(c, EXC_TS, ts_error(sel, ext));
    if (!desc_is_conforming_code(&d) && (desc_dpl(&d) < c->cpl || desc_dpl(&d) < sel_rpl(sel)))
        cpu_raise(c, EXC_TS, ts_error(sel, ext));
    if (!desc_present(&d))
        cpu_raise(c, EXC_NP, ts_error(sel, ext));
    desc_set_accessed(c, sel, &d);
    segment_from_desc(&c->seg[seg], sel, &d);
}

/* Step 12/13 for a protected-mode task: LDT first (the others may live in
 * it), then CS (which fixes CPL), SS, and the data segments. */
static void load_task_segments(struct cpu *c, const struct task_state *s, unsigned ext)
{
    load_ldt(c, s->ldt, ext);
    if (s->eflags & FLAG_VM) {
        for (int g = 0; g < SEG_COUNT; g++)
            cpu_load_seg_v86(c, g, s->seg[g]);
        c->cpl = 3;
        return;
    }
    load_code(c, s->seg[SEG_CS], ext);
    load_stack(c, s->seg[SEG_SS], ext);
    load_data(c, SEG_DS, s->seg[SEG_DS], ext);
    load_data(c, SEG_ES, s->seg[SEG_ES], ext);
    load_data(c, SEG_FS, s->seg[SEG_FS], ext);
    load_data(c, SEG_GS, s->seg[SEG_GS], ext);
}

/* Push the error code of an exception that switched tasks, on the new
 * task's stack, with the new TSS's width. */
static void push_error_code(struct cpu *c, bool is32, uint32_t error_code, unsigned ext)
{
    unsigned size = is32 ? 4 : 2;
    uint32_t sp = stack_wrap(c, stack_sp(c) - size);
    const struct cpu_segment *ss = &c->seg[SEG_SS];
    if (!(ss->rights & SEG_CAN_WRITE) || sp < ss->lo || (uint64_t)sp + size - 1 > ss->hi)
        cpu_raise(c, EXC_SS, ext);
    mem_write(c, SEG_SS, sp, size, error_code);
    stack_set_sp(c, sp);
}

/* ---- the switch ------------------------------------------------------- */

/* Checks of the new TSS descriptor before anything happens: a TSS type,
 * available (JMP/CALL/INT) or busy (IRET), present, big enough. */
static void check_new_tss(struct cpu *c, uint16_t sel, const struct descriptor *d,
                          enum task_switch_source src, unsigned ext)
{
    uint32_t err = ts_error(sel, ext);
    unsigned type = desc_sys_type(d);
    bool is_tss = desc_is_system(d) && (type == SYS_TSS16 || type == SYS_TSS16_BUSY ||
                                         type == SYS_TSS32 || type == SYS_TSS32_BUSY);
    bool busy = (type & DESC_TSS_BUSY) != 0;
    if (src == TASK_SWITCH_IRET) {
        if (!is_tss || !busy || sel_is_ldt(sel))
            cpu_raise(c, EXC_TS, err);
    } else if (!is_tss || busy || sel_is_ldt(sel)) {
        cpu_raise(c, EXC_GP, err);
    }
    if (!desc_present(d))
        cpu_raise(c, EXC_NP, err);
    if (d->limit < (tss_type_is32(d->access) ? TSS32_MIN_LIMIT : TSS16_MIN_LIMIT))
        cpu_raise(c, EXC_TS, err);
}

void task_switch_ext(struct cpu *c, uint16_t tss_selector, const struct descriptor *tss_desc,
                     enum task_switch_source src, uint32_t return_eip,
                     bool has_error, uint32_t error_code, unsigned ext)
{
    check_new_tss(c, tss_selector, tss_desc, src, ext);
    bool new32 = tss_type_is32(tss_desc->access);
    struct task_state s;
    tss_read_state(c, tss_desc->base, new32, &s);
    if (!new32)
        s.eflags &= 0xFFFF;

    /* Steps 6-10: the old task's TSS, busy bits, back link. */
    uint16_t old_sel = c->tr.selector;
    uint32_t old_flags = cpu_get_eflags(c);
    if (src == TASK_SWITCH_IRET)
        old_flags &= ~(uint32_t)FLAG_NT;
    tss_save_state(c, return_eip, old_flags);
    if ((src == TASK_SWITCH_JMP || src == TASK_SWITCH_IRET) && !sel_is_null(old_sel))
        desc_set_busy(c, old_sel, false);
    if (src == TASK_SWITCH_CALL || src == TASK_SWITCH_INT) {
        mem_write16_linear(c, tss_desc->base + TSS32_LINK, old_sel);
        s.eflags |= FLAG_NT;
    }
    if (src != TASK_SWITCH_IRET)
        desc_set_busy(c, tss_selector, true);

    /* Step 11 onwards: the switch point.  Faults now belong to the new task. */
    struct descriptor tr_desc = *tss_desc;
    tr_desc.access |= DESC_TSS_BUSY;
    segment_from_desc(&c->tr, tss_selector, &tr_desc);
    c->cr0 |= CR0_TS;
    for (unsigned r = 0; r < 8; r++) {
        if (new32)
            set_reg32(c, r, s.gpr[r]);
        else
            set_reg16(c, r, (uint16_t)s.gpr[r]);
    }
    cpu_set_eflags(c, s.eflags, FLAGS_WRITABLE);
    c->eip = s.eip;
    c->insn_eip = s.eip;
    /* Selectors go in unusable until their descriptors are checked, so a
     * fault on the way shows the new task's selectors, none of its caches. */
    for (int g = 0; g < SEG_COUNT; g++)
        segment_set_null(&c->seg[g], s.seg[g]);
    segment_set_null(&c->ldtr, s.ldt);
    c->cpl = (s.eflags & FLAG_VM) ? 3 : sel_rpl(s.seg[SEG_CS]);
    if (new32 && (c->cr0 & CR0_PG))
        paging_write_cr3(c, s.cr3);

    load_task_segments(c, &s, ext);
    if (has_error)
        push_error_code(c, new32, error_code, ext);
    if (c->eip > c->seg[SEG_CS].limit)
        cpu_raise(c, EXC_GP, ext);
    if (s.trap) {
        c->dr[6] |= DR6_BT;
        cpu_raise(c, EXC_DB, 0);
    }
}

void task_switch(struct cpu *c, uint16_t tss_selector, const struct descriptor *tss_desc,
                 enum task_switch_source src, uint32_t return_eip,
                 bool has_error, uint32_t error_code)
{
    task_switch_ext(c, tss_selector, tss_desc, src, return_eip, has_error, error_code, 0);
}
