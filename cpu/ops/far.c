/*
 * far.c - far JMP, CALL and RET in protected mode (see far.h), after the
 * Intel SDM Vol. 2 pages JMP, CALL and RET (their protected-mode
 * pseudo-code) and Vol. 3, 5.8 "Privilege Level Checking When
 * Transferring Program Control Between Code Segments".
 *
 * Targets: conforming and non-conforming code segments directly; 16- and
 * 32-bit call gates (JMP: same level only; CALL: same level, or an inner
 * level with the stack switch through the TSS, copying the gate's
 * parameter count of words/dwords); RETF to the same or an outer level.
 * JMP/CALL to a TSS or a task gate: the privilege checks of the JMP/CALL
 * pages are here, the TSS checks and the switch itself in task_switch()
 * (cpu/task.h).
 *
 * Order: every check and read first, then the stack writes (the new
 * stack's writes go through the *_linear calls, as supervisor accesses
 * to a stack not yet loaded), then the accessed bits, then SS:ESP, CS:EIP
 * and CPL.  The error codes are those of the pseudo-code: #GP(0) for a
 * null selector and for an EIP past the new CS limit, #GP/#NP(selector)
 * for the target, #TS for the TSS and its SS, #SS(new SS) for a new
 * stack without room, #SS(0) for the current one.
 *
 * Selector slots on the stack: a 32-bit push of CS into the current stack
 * writes only the low 16 bits (as PUSH sreg does on a P6); on the new
 * stack of an inner call, SS and CS are zero-extended (the slot is fresh
 * memory either way).
 */
#include "cpu/ops/far.h"

#include "cpu/access.h"
#include "cpu/cpu.h"
#include "cpu/fault.h"
#include "cpu/regs.h"
#include "cpu/segment.h"
#include "cpu/stack.h"
#include "cpu/task.h"
#include "cpu/tss.h"

/* ---- checks ----------------------------------------------------------- */

/* A null selector is #GP(0); outside its table #GP(selector). */
static void fetch_target(struct cpu *c, uint16_t sel, struct descriptor *d)
{
    if (sel_is_null(sel))
        cpu_raise(c, EXC_GP, 0);
    desc_fetch(c, sel, d, EXC_GP);
}

static void check_eip(struct cpu *c, const struct descriptor *code, uint32_t eip)
{
    if (eip > code->limit)
        cpu_raise(c, EXC_GP, 0);
}

/* A code segment named directly by JMP or CALL: conforming with DPL <=
 * CPL, or non-conforming with DPL = CPL and RPL <= CPL.  CPL stays. */
static void check_direct_code(struct cpu *c, uint16_t sel, const struct descriptor *d)
{
    unsigned dpl = desc_dpl(d);
    bool ok = desc_is_conforming_code(d) ? dpl <= c->cpl
                                         : sel_rpl(sel) <= c->cpl && dpl == c->cpl;
    if (!ok)
        cpu_raise(c, EXC_GP, sel_error(sel));
    if (!desc_present(d))
        cpu_raise(c, EXC_NP, sel_error(sel));
}

/* A gate (or TSS) is usable when DPL >= CPL and DPL >= RPL. */
static void check_gate(struct cpu *c, uint16_t sel, const struct descriptor *gate)
{
    unsigned dpl = desc_dpl(gate);
    if (dpl < c->cpl || dpl < sel_rpl(sel))
        cpu_raise(c, EXC_GP, sel_error(sel));
    if (!desc_present(gate))
        cpu_raise(c, EXC_NP, sel_error(sel));
}

/* The code segment a call gate points to.  CALL may go to a more
 * privileged level (DPL <= CPL); JMP only to the same one (conforming
 * DPL <= CPL, non-conforming DPL = CPL).  The RPL of the gate's selector
 * is not checked. */
static void fetch_gate_code(struct cpu *c, const struct descriptor *gate,
                            struct descriptor *code, bool is_call)
{
    uint16_t sel = gate->gate_selector;
    fetch_target(c, sel, code);
    if (!desc_is_code(code))
        cpu_raise(c, EXC_GP, sel_error(sel));
    unsigned dpl = desc_dpl(code);
    bool ok = (is_call || desc_is_conforming_code(code)) ? dpl <= c->cpl : dpl == c->cpl;
    if (!ok)
        cpu_raise(c, EXC_GP, sel_error(sel));
    if (!desc_present(code))
        cpu_raise(c, EXC_NP, sel_error(sel));
}

static bool is_call_gate(const struct descriptor *d)
{
    return desc_is_system(d) &&
           (desc_sys_type(d) == SYS_CALL_GATE16 || desc_sys_type(d) == SYS_CALL_GATE32);
}

static unsigned gate_size(const struct descriptor *gate)
{
    return desc_sys_type(gate) == SYS_CALL_GATE32 ? 4 : 2;
}

/* ---- commits ---------------------------------------------------------- */

static void enter_code(struct cpu *c, uint16_t sel, struct descriptor *code, uint32_t eip,
                       unsigned cpl)
{
    desc_set_accessed(c, sel, code);
    cpu_load_cs(c, sel, code, cpl);
    c->eip = eip;
}

/* ---- the new stack of an inner-level call ----------------------------- */

/* SS:ESP for privilege level `dpl` from the current TSS; past the TSS
 * limit: #TS(TR). */
static void tss_stack(struct cpu *c, unsigned dpl, uint16_t *ss, uint32_t *esp)
{
    if (!tss_read_stack(c, dpl, ss, esp))
        cpu_raise(c, EXC_TS, sel_error(c->tr.selector));
}

/* A stack that is not loaded yet: its cache and a moving SP. */
struct new_stack {
    struct cpu_segment ss;
    uint32_t sp;
};

static uint32_t new_stack_wrap(const struct new_stack *ns, uint32_t sp)
{
    return (ns->ss.access & SEG_ACCESS_DB) ? sp : sp & 0xFFFF;
}

/* Room for `slots` pushes of `size` bytes below ns->sp, or #SS(new SS). */
static void new_stack_check(struct cpu *c, const struct new_stack *ns, unsigned slots,
                            unsigned size)
{
    uint32_t sp = ns->sp;
    for (unsigned k = 0; k < slots; k++) {
        sp = new_stack_wrap(ns, sp - size);
        if (sp < ns->ss.lo || (uint64_t)sp + size - 1 > ns->ss.hi)
            cpu_raise(c, EXC_SS, sel_error(ns->ss.selector));
    }
}

static void new_stack_push(struct cpu *c, struct new_stack *ns, unsigned size, uint32_t v)
{
    ns->sp = new_stack_wrap(ns, ns->sp - size);
    uint32_t lin = ns->ss.base + ns->sp;
    if (size == 4)
        mem_write32_linear(c, lin, v);
    else
        mem_write16_linear(c, lin, (uint16_t)v);
}

/* Maximum parameter count of a call gate (5 bits). */
enum { GATE_PARAMS_MAX = 31 };

/* CALL through `gate` to the non-conforming `code` at a more privileged
 * level (SDM CALL, MORE-PRIVILEGE): new SS:ESP from the TSS, then on the
 * new stack the old SS, old ESP, the parameters, the old CS and EIP. */
static void call_gate_inner(struct cpu *c, const struct descriptor *gate,
                            struct descriptor *code)
{
    unsigned size = gate_size(gate);
    unsigned new_cpl = desc_dpl(code);
    uint16_t code_sel = gate->gate_selector;
    uint16_t ss_sel;
    uint32_t esp;
    tss_stack(c, new_cpl, &ss_sel, &esp);

    struct descriptor ss_desc;
    segment_check_stack(c, ss_sel, new_cpl, EXC_TS, &ss_desc);
    struct new_stack ns;
    segment_from_desc(&ns.ss, ss_sel, &ss_desc);
    ns.sp = new_stack_wrap(&ns, esp);
    unsigned nparams = gate->gate_params & GATE_PARAMS_MAX;
    new_stack_check(c, &ns, 4 + nparams, size);
    uint32_t eip = gate->gate_offset;
    check_eip(c, code, eip);

    /* The parameters, read from the caller's stack at its privilege. */
    uint32_t params[GATE_PARAMS_MAX];
    uint32_t old_sp = stack_sp(c);
    for (unsigned k = 0; k < nparams; k++)
        params[k] = mem_read(c, SEG_SS, stack_wrap(c, old_sp + k * size), size);

    uint32_t old_esp = size == 4 ? reg32(c, REG_SP) : reg16(c, REG_SP);
    new_stack_push(c, &ns, size, c->seg[SEG_SS].selector);
    new_stack_push(c, &ns, size, old_esp);
    for (unsigned k = nparams; k-- > 0;)
        new_stack_push(c, &ns, size, params[k]);
    new_stack_push(c, &ns, size, c->seg[SEG_CS].selector);
    new_stack_push(c, &ns, size, c->eip);

    desc_set_accessed(c, code_sel, code);
    c->seg[SEG_SS] = ns.ss;
    if (ns.ss.access & SEG_ACCESS_DB)
        set_reg32(c, REG_SP, ns.sp);
    else
        set_reg32(c, REG_SP, (esp & 0xFFFF0000u) | (ns.sp & 0xFFFF));
    cpu_load_cs(c, code_sel, code, new_cpl);
    c->eip = eip;
}

/* ---- same-level calls ------------------------------------------------- */

/* Push a selector into a stack slot of `size` bytes of the current stack:
 * a P6 writes only its 16 bits. */
static void stack_write_sel(struct cpu *c, uint32_t *sp, unsigned size, uint16_t sel)
{
    *sp = stack_wrap(c, *sp - size);
    mem_write16(c, SEG_SS, *sp, sel);
}

/* Push CS:EIP at `size` on the current stack and enter `code` at the same
 * CPL.  Room for both slots (#SS(0)) is checked before the EIP limit
 * (#GP(0)), as the pseudo-code orders them. */
static void call_same_level(struct cpu *c, uint16_t sel, struct descriptor *code,
                            uint32_t eip, unsigned size)
{
    uint32_t sp = stack_sp(c);
    mem_check_write(c, SEG_SS, stack_wrap(c, sp - size), size);
    mem_check_write(c, SEG_SS, stack_wrap(c, sp - 2 * size), size);
    check_eip(c, code, eip);
    stack_write_sel(c, &sp, size, c->seg[SEG_CS].selector);
    stack_write(c, &sp, size, c->eip);
    desc_set_accessed(c, sel, code);
    stack_set_sp(c, sp);
    cpu_load_cs(c, sel, code, c->cpl);
    c->eip = eip;
}

/* ---- tasks ------------------------------------------------------------ */

static bool is_task_target(const struct descriptor *d)
{
    if (!desc_is_system(d))
        return false;
    unsigned t = desc_sys_type(d);
    return t == SYS_TASK_GATE || t == SYS_TSS16 || t == SYS_TSS32 ||
           t == SYS_TSS16_BUSY || t == SYS_TSS32_BUSY;
}

/* JMP/CALL to a TSS directly (DPL >= CPL and >= RPL, like a gate) or
 * through a task gate, whose TSS selector must name the GDT.  task_switch
 * checks the TSS itself (available, present, limit) and the new EIP. */
static void far_task(struct cpu *c, uint16_t sel, const struct descriptor *d,
                     enum task_switch_source src)
{
    struct descriptor tss = *d;
    uint16_t tss_sel = sel;
    check_gate(c, sel, d);
    if (desc_sys_type(d) == SYS_TASK_GATE) {
        tss_sel = d->gate_selector;
        if (sel_is_ldt(tss_sel) || !desc_read(c, tss_sel, &tss))
            cpu_raise(c, EXC_GP, sel_error(tss_sel));
    }
    task_switch(c, tss_sel, &tss, src, c->eip, false, 0);
}

/* ---- entry points ----------------------------------------------------- */

void far_jmp_pmode(struct cpu *c, uint16_t sel, uint32_t offset, unsigned osize)
{
    struct descriptor d;
    fetch_target(c, sel, &d);
    if (desc_is_code(&d)) {
        uint32_t eip = osize == 2 ? offset & 0xFFFF : offset;
        check_direct_code(c, sel, &d);
        check_eip(c, &d, eip);
        enter_code(c, sel, &d, eip, c->cpl);
        return;
    }
    if (is_call_gate(&d)) {
        struct descriptor code;
        check_gate(c, sel, &d);
        fetch_gate_code(c, &d, &code, false);
        check_eip(c, &code, d.gate_offset);
        enter_code(c, d.gate_selector, &code, d.gate_offset, c->cpl);
        return;
    }
    if (is_task_target(&d)) {
        far_task(c, sel, &d, TASK_SWITCH_JMP);
        return;
    }
    /* Data segments, LDTs, interrupt and trap gates. */
    cpu_raise(c, EXC_GP, sel_error(sel));
}

void far_call_pmode(struct cpu *c, uint16_t sel, uint32_t offset, unsigned osize)
{
    struct descriptor d;
    fetch_target(c, sel, &d);
    if (desc_is_code(&d)) {
        uint32_t eip = osize == 2 ? offset & 0xFFFF : offset;
        check_direct_code(c, sel, &d);
        call_same_level(c, sel, &d, eip, osize);
        return;
    }
    if (is_call_gate(&d)) {
        struct descriptor code;
        check_gate(c, sel, &d);
        fetch_gate_code(c, &d, &code, true);
        if (!desc_is_conforming_code(&code) && desc_dpl(&code) < c->cpl)
            call_gate_inner(c, &d, &code);
        else
            call_same_level(c, d.gate_selector, &code, d.gate_offset, gate_size(&d));
        return;
    }
    if (is_task_target(&d)) {
        far_task(c, sel, &d, TASK_SWITCH_CALL);
        return;
    }
    cpu_raise(c, EXC_GP, sel_error(sel));
}

void far_ret_pmode(struct cpu *c, unsigned osize, uint16_t extra)
{
    uint32_t sp = stack_sp(c);
    uint32_t eip = stack_read(c, &sp, osize);
    uint16_t sel = (uint16_t)stack_read(c, &sp, osize);
    struct descriptor code;
    fetch_target(c, sel, &code);
    unsigned rpl = sel_rpl(sel), dpl = desc_dpl(&code);
    if (!desc_is_code(&code) || rpl < c->cpl)
        cpu_raise(c, EXC_GP, sel_error(sel));
    if (desc_is_conforming_code(&code) ? dpl > rpl : dpl != rpl)
        cpu_raise(c, EXC_GP, sel_error(sel));
    if (!desc_present(&code))
        cpu_raise(c, EXC_NP, sel_error(sel));

    if (rpl == c->cpl) {
        check_eip(c, &code, eip);
        desc_set_accessed(c, sel, &code);
        stack_set_sp(c, stack_wrap(c, sp + extra));
        cpu_load_cs(c, sel, &code, rpl);
        c->eip = eip;
        return;
    }

    /* Return to an outer level: the caller's SS:ESP sits above the
     * released parameters. */
    sp = stack_wrap(c, sp + extra);
    uint32_t esp = stack_read(c, &sp, osize);
    uint16_t ss_sel = (uint16_t)stack_read(c, &sp, osize);
    struct descriptor ss;
    segment_check_stack(c, ss_sel, rpl, EXC_GP, &ss);
    check_eip(c, &code, eip);
    desc_set_accessed(c, sel, &code);

    cpu_load_cs(c, sel, &code, rpl);
    segment_from_desc(&c->seg[SEG_SS], ss_sel, &ss);
    stack_set_sp(c, stack_wrap(c, esp + extra));
    c->eip = eip;
    segment_invalidate_for_cpl(c);
}
