/*
 * interrupt.c - entering interrupt and exception handlers (see
 * interrupt.h).
 *
 * Real mode follows the Intel SDM Vol. 3, 20.1.4 "Interrupt and Exception
 * Handling"; protected and virtual-8086 mode follow 6.10-6.14 and the
 * INT n pseudo-code of Vol. 2.  The order is the SDM's: IDT limit, gate
 * type, gate DPL (software interrupts only), gate present, then the
 * target code segment, then (to a more privileged level) the new stack
 * from the TSS, then room on the stack and the new EIP against the CS
 * limit.  Everything is read and checked before the frame is written, and
 * registers are committed last, so a fault part-way leaves the CPU as it
 * was (fault.h).
 *
 * Error codes of faults found during delivery carry EXT (bit 0) unless a
 * software interrupt (INT n, INT3, INTO) is being delivered; IDT-related
 * ones have IDT (bit 1) set: vector * 8 + 2 + EXT.
 *
 * The EFLAGS image of a fault-class exception has RF set, so that the
 * handler's IRETD restarts the instruction without hitting its
 * instruction breakpoint again (SDM 17.3.1.1); traps and interrupts push
 * RF as it is.
 *
 * Choices where the SDM leaves room: selectors pushed in 32-bit slots
 * (CS, SS and, from V86, ES DS FS GS) are zero-extended.
 * Not here: CR4.VME interrupt redirection, CR4.PVI.
 */
#include "cpu/interrupt.h"

#include "cpu/cpu.h"
#include "cpu/fault.h"
#include "cpu/segment.h"
#include "cpu/stack.h"
#include "cpu/task.h"
#include "cpu/tss.h"

bool exception_has_error_code(unsigned vector)
{
    switch (vector) {
    case EXC_DF: case EXC_TS: case EXC_NP: case EXC_SS: case EXC_GP: case EXC_PF: case EXC_AC:
        return true;
    default:
        return false;
    }
}

void cpu_jump_far_real(struct cpu *c, uint16_t selector, uint32_t eip)
{
    cpu_load_seg_real(c, SEG_CS, selector);
    c->eip = eip;
}

/* ---- real mode -------------------------------------------------------- */

/* The IVT entry is read before anything is pushed, and the three pushes
 * are done on a local SP that is committed last. */
static void interrupt_real(struct cpu *c, uint8_t vector, uint32_t return_eip)
{
    uint32_t entry = (uint32_t)vector * 4;
    if (entry + 3 > c->idtr.limit)
        cpu_raise(c, EXC_GP, entry + 2);
    uint32_t ivt = c->idtr.base + entry;
    /* The IVT is read as physical memory, not through a segment. */
    uint16_t new_ip = mem_read16_linear(c, ivt);
    uint16_t new_cs = mem_read16_linear(c, ivt + 2);

    uint32_t sp = stack_sp(c);
    stack_write(c, &sp, 2, (uint16_t)cpu_get_eflags(c));
    stack_write(c, &sp, 2, c->seg[SEG_CS].selector);
    stack_write(c, &sp, 2, (uint16_t)return_eip);
    stack_set_sp(c, sp);

    cpu_set_eflags(c, 0, FLAG_IF | FLAG_TF | FLAG_AC | FLAG_RF);
    cpu_jump_far_real(c, new_cs, new_ip);
}

/* ---- the interrupt stack frame ---------------------------------------- */

/* Up to GS FS DS ES SS ESP EFLAGS CS EIP error: ten slots. */
enum { FRAME_MAX = 10 };

/* The values an interrupt pushes, first pushed first. */
struct frame {
    uint32_t v[FRAME_MAX];
    unsigned n;
    unsigned slot; /* 2 (16-bit gate) or 4 (32-bit gate) */
};

static void frame_add(struct frame *f, uint32_t v)
{
    f->v[f->n++] = f->slot == 2 ? v & 0xFFFF : v;
}

/* Next lower slot of a stack whose B bit is `big`. */
static uint32_t frame_down(uint32_t sp, unsigned slot, bool big)
{
    return big ? sp - slot : (sp - slot) & 0xFFFF;
}

/* Push the frame on the stack `ss` (a segment cache, loaded or about to
 * be) starting at *sp.  Every slot is checked against the stack's limit
 * first (#SS(ss_error)), then the values are written: through SS itself
 * when `ss` is the current stack (the access has the current privilege),
 * else as supervisor linear writes (a new, more privileged stack). */
static void frame_push(struct cpu *c, const struct cpu_segment *ss, bool current,
                       uint32_t *sp, const struct frame *f, uint32_t ss_error)
{
    bool big = (ss->access & SEG_ACCESS_DB) != 0;
    uint32_t p = *sp;
    if (!(ss->rights & SEG_CAN_WRITE))
        cpu_raise(c, EXC_SS, ss_error);
    for (unsigned k = 0; k < f->n; k++) {
        p = frame_down(p, f->slot, big);
        if (p < ss->lo || (uint64_t)p + f->slot - 1 > ss->hi)
            cpu_raise(c, EXC_SS, ss_error);
    }
    p = *sp;
    for (unsigned k = 0; k < f->n; k++) {
        p = frame_down(p, f->slot, big);
        if (current)
            mem_write(c, SEG_SS, p, f->slot, f->v[k]);
        else if (f->slot == 4)
            mem_write32_linear(c, ss->base + p, f->v[k]);
        else
            mem_write16_linear(c, ss->base + p, (uint16_t)f->v[k]);
    }
    *sp = p;
}

/* ---- protected mode --------------------------------------------------- */

/* What one delivery needs to know, gathered once. */
struct delivery {
    uint8_t vector;
    uint32_t return_eip;
    unsigned ext;          /* EXT bit of error codes raised on the way */
    bool push_error;
    uint32_t error_code;
    uint32_t rf;           /* FLAG_RF for a fault, else 0: ORed into the image */
};

static uint32_t idt_error(const struct delivery *d)
{
    return (uint32_t)d->vector * 8 + 2 + d->ext;
}

static uint32_t sel_error_ext(uint16_t sel, const struct delivery *d)
{
    return sel_error(sel) | d->ext;
}

/* Stack for privilege level `dpl` from the current TSS, checked as the
 * INT pseudo-code says; on return *ss_desc holds the validated SS. */
static void new_stack_from_tss(struct cpu *c, const struct delivery *d, unsigned dpl,
                               uint16_t *ss_sel, uint32_t *esp, struct descriptor *ss_desc)
{
    if (!tss_read_stack(c, dpl, ss_sel, esp))
        cpu_raise(c, EXC_TS, sel_error_ext(c->tr.selector, d));
    uint16_t sel = *ss_sel;
    if (sel_is_null(sel))
        cpu_raise(c, EXC_TS, d->ext);
    if (!desc_read(c, sel, ss_desc))
        cpu_raise(c, EXC_TS, sel_error_ext(sel, d));
    if (sel_rpl(sel) != dpl || desc_dpl(ss_desc) != dpl || !desc_is_data(ss_desc) ||
        !(ss_desc->access & DESC_RW))
        cpu_raise(c, EXC_TS, sel_error_ext(sel, d));
    if (!desc_present(ss_desc))
        cpu_raise(c, EXC_SS, sel_error_ext(sel, d));
}

/* EFLAGS bits an interrupt or trap gate clears after the push. */
static uint32_t gate_clears(unsigned gate_type)
{
    uint32_t mask = FLAG_TF | FLAG_NT | FLAG_RF | FLAG_VM;
    if (gate_type == SYS_INT_GATE16 || gate_type == SYS_INT_GATE32)
        mask |= FLAG_IF;
    return mask;
}

/* Interrupt or trap gate to a more privileged, non-conforming segment
 * (and every gate taken from V86 mode): switch to the TSS stack. */
static void enter_inner_level(struct cpu *c, const struct delivery *d, const struct descriptor *gate,
                              uint16_t cs_sel, const struct descriptor *cs)
{
    bool v86 = (c->eflags & FLAG_VM) != 0;
    unsigned dpl = desc_dpl(cs);
    if (v86 && dpl != 0)
        cpu_raise(c, EXC_GP, sel_error_ext(cs_sel, d));

    uint16_t ss_sel;
    uint32_t esp;
    struct descriptor ss_desc;
    new_stack_from_tss(c, d, dpl, &ss_sel, &esp, &ss_desc);
    struct cpu_segment new_ss;
    segment_from_desc(&new_ss, ss_sel, &ss_desc);

    unsigned gate_type = desc_sys_type(gate);
    struct frame f = { .n = 0, .slot = (gate_type & 8) ? 4 : 2 };
    if (v86) {
        frame_add(&f, c->seg[SEG_GS].selector);
        frame_add(&f, c->seg[SEG_FS].selector);
        frame_add(&f, c->seg[SEG_DS].selector);
        frame_add(&f, c->seg[SEG_ES].selector);
    }
    frame_add(&f, c->seg[SEG_SS].selector);
    frame_add(&f, reg32(c, REG_SP));
    frame_add(&f, cpu_get_eflags(c) | d->rf);
    frame_add(&f, c->seg[SEG_CS].selector);
    frame_add(&f, d->return_eip);
    if (d->push_error)
        frame_add(&f, d->error_code);

    bool big = (new_ss.access & SEG_ACCESS_DB) != 0;
    uint32_t sp = big ? esp : esp & 0xFFFF;
    if (gate->gate_offset > cs->limit)
        cpu_raise(c, EXC_GP, d->ext);
    frame_push(c, &new_ss, false, &sp, &f, sel_error_ext(ss_sel, d));
    struct descriptor cs_acc = *cs, ss_acc = ss_desc;
    desc_set_accessed(c, ss_sel, &ss_acc);
    desc_set_accessed(c, cs_sel, &cs_acc);

    /* Commit. */
    segment_from_desc(&c->seg[SEG_SS], ss_sel, &ss_acc);
    set_reg32(c, REG_SP, big ? sp : (esp & 0xFFFF0000u) | sp);
    if (v86) {
        segment_set_null(&c->seg[SEG_ES], 0);
        segment_set_null(&c->seg[SEG_DS], 0);
        segment_set_null(&c->seg[SEG_FS], 0);
        segment_set_null(&c->seg[SEG_GS], 0);
    }
    cpu_set_eflags(c, 0, gate_clears(gate_type));
    cpu_load_cs(c, cs_sel, &cs_acc, dpl);
    c->eip = gate->gate_offset;
}

/* Interrupt or trap gate to the current level (or a conforming segment):
 * the frame goes on the current stack, CPL stays. */
static void enter_same_level(struct cpu *c, const struct delivery *d, const struct descriptor *gate,
                             uint16_t cs_sel, const struct descriptor *cs)
{
    if (c->eflags & FLAG_VM)
        cpu_raise(c, EXC_GP, sel_error_ext(cs_sel, d));
    unsigned gate_type = desc_sys_type(gate);
    struct frame f = { .n = 0, .slot = (gate_type & 8) ? 4 : 2 };
    frame_add(&f, cpu_get_eflags(c) | d->rf);
    frame_add(&f, c->seg[SEG_CS].selector);
    frame_add(&f, d->return_eip);
    if (d->push_error)
        frame_add(&f, d->error_code);

    uint32_t sp = stack_sp(c);
    if (gate->gate_offset > cs->limit)
        cpu_raise(c, EXC_GP, d->ext);
    frame_push(c, &c->seg[SEG_SS], true, &sp, &f, d->ext);
    struct descriptor cs_acc = *cs;
    desc_set_accessed(c, cs_sel, &cs_acc);

    stack_set_sp(c, sp);
    cpu_set_eflags(c, 0, gate_clears(gate_type));
    cpu_load_cs(c, cs_sel, &cs_acc, c->cpl);
    c->eip = gate->gate_offset;
}

static void through_trap_or_interrupt_gate(struct cpu *c, const struct delivery *d,
                                           const struct descriptor *gate)
{
    uint16_t cs_sel = gate->gate_selector;
    struct descriptor cs;
    if (sel_is_null(cs_sel))
        cpu_raise(c, EXC_GP, d->ext);
    if (!desc_read(c, cs_sel, &cs) || !desc_is_code(&cs) || desc_dpl(&cs) > c->cpl)
        cpu_raise(c, EXC_GP, sel_error_ext(cs_sel, d));
    if (!desc_present(&cs))
        cpu_raise(c, EXC_NP, sel_error_ext(cs_sel, d));
    if (!desc_is_conforming_code(&cs) && desc_dpl(&cs) < c->cpl)
        enter_inner_level(c, d, gate, cs_sel, &cs);
    else
        enter_same_level(c, d, gate, cs_sel, &cs);
}

static void through_task_gate(struct cpu *c, const struct delivery *d, const struct descriptor *gate)
{
    uint16_t tss_sel = gate->gate_selector;
    struct descriptor tss;
    if (sel_is_ldt(tss_sel) || !desc_read(c, tss_sel, &tss))
        cpu_raise(c, EXC_GP, sel_error_ext(tss_sel, d));
    unsigned type = desc_sys_type(&tss);
    if (!desc_is_system(&tss) || (type != SYS_TSS16 && type != SYS_TSS32))
        cpu_raise(c, EXC_GP, sel_error_ext(tss_sel, d));
    if (!desc_present(&tss))
        cpu_raise(c, EXC_NP, sel_error_ext(tss_sel, d));
    task_switch_ext(c, tss_sel, &tss, TASK_SWITCH_INT, d->return_eip,
                    d->push_error, d->error_code, d->ext);
}

static void interrupt_protected(struct cpu *c, uint8_t vector, uint32_t return_eip,
                                enum int_source src, uint32_t error_code)
{
    bool software = src == INT_SRC_INTN || src == INT_SRC_SOFTWARE;
    struct delivery d = {
        .vector = vector,
        .return_eip = return_eip,
        .ext = software ? 0 : 1,
        .push_error = (src == INT_SRC_EXCEPTION || src == INT_SRC_FAULT) &&
                      exception_has_error_code(vector),
        .error_code = error_code,
        .rf = src == INT_SRC_FAULT ? FLAG_RF : 0,
    };
    /* INT n in V86 mode is IOPL-sensitive (no VME: the monitor gets #GP). */
    if (src == INT_SRC_INTN && (c->eflags & FLAG_VM) && (c->eflags & FLAG_IOPL) != FLAG_IOPL)
        cpu_raise(c, EXC_GP, 0);

    uint32_t entry = (uint32_t)vector * 8;
    if (entry + 7 > c->idtr.limit)
        cpu_raise(c, EXC_GP, idt_error(&d));
    uint32_t lo = mem_read32_linear(c, c->idtr.base + entry);
    uint32_t hi = mem_read32_linear(c, c->idtr.base + entry + 4);
    struct descriptor gate;
    desc_decode(&gate, lo, hi);

    unsigned type = desc_sys_type(&gate);
    bool is_gate = desc_is_system(&gate) &&
                   (type == SYS_TASK_GATE || type == SYS_INT_GATE16 || type == SYS_TRAP_GATE16 ||
                    type == SYS_INT_GATE32 || type == SYS_TRAP_GATE32);
    if (!is_gate)
        cpu_raise(c, EXC_GP, idt_error(&d));
    if (software && desc_dpl(&gate) < c->cpl)
        cpu_raise(c, EXC_GP, idt_error(&d));
    if (!desc_present(&gate))
        cpu_raise(c, EXC_NP, idt_error(&d));

    if (type == SYS_TASK_GATE)
        through_task_gate(c, &d, &gate);
    else
        through_trap_or_interrupt_gate(c, &d, &gate);
}

void cpu_interrupt(struct cpu *c, uint8_t vector, uint32_t return_eip,
                   enum int_source src, uint32_t error_code)
{
    if (c->cr0 & CR0_PE)
        interrupt_protected(c, vector, return_eip, src, error_code);
    else
        interrupt_real(c, vector, return_eip);
}
