/*
 * control.c - control transfers: conditional and unconditional jumps,
 * near and far CALL/RET, LOOP/JCXZ, software interrupts and IRET, the
 * ENTER/LEAVE frame instructions and BOUND.
 *
 * Follows the instruction pages of the Intel SDM Vol. 2 (Jcc, JMP, CALL,
 * RET, LOOP/LOOPcc, JCXZ/JECXZ, INT n/INTO/INT3/INT1, IRET/IRETD, ENTER,
 * LEAVE, BOUND) for a P6 in real-address mode.  Every new EIP is checked
 * against the CS limit before anything is committed (#GP(0) otherwise, as
 * on a 386+; a 286 had no 32-bit EIP to overflow with).
 *
 * Far JMP/CALL/RETF: in protected mode proper they go to cpu/ops/far.c
 * (descriptors, call gates, privilege changes); in real and virtual-8086
 * mode they go through far_target_check() (the EIP limit test) and
 * far_target_commit() (the real-mode or V86 CS load) here.
 */
#include "cpu/ops/ops.h"

#include "cpu/fault.h"
#include "cpu/interrupt.h"
#include "cpu/operand.h"
#include "cpu/ops/far.h"
#include "cpu/segment.h"
#include "cpu/stack.h"

/* ---- helpers ---------------------------------------------------------- */

/* A near target must lie inside the current CS. */
static void check_code_limit(struct cpu *c, uint32_t eip)
{
    if (eip > c->seg[SEG_CS].limit)
        cpu_raise(c, EXC_GP, 0);
}

static void near_jump(struct cpu *c, uint32_t eip)
{
    check_code_limit(c, eip);
    c->eip = eip;
}

/* A far destination, validated by far_target_check() before the handler
 * commits anything and entered by far_target_commit() at the end. */
struct far_target {
    uint16_t sel;
    uint32_t eip;
};

static void far_target_check(struct cpu *c, const struct far_target *t)
{
    /* Real mode: the new CS keeps the limit the old one had
     * (cpu_load_seg_real), so EIP is checked against that limit. */
    check_code_limit(c, t->eip);
}

static void far_target_commit(struct cpu *c, const struct far_target *t)
{
    if (cpu_in_v86(c)) {
        cpu_load_seg_v86(c, SEG_CS, t->sel);
        c->eip = t->eip;
        return;
    }
    cpu_jump_far_real(c, t->sel, t->eip);
}

/* EIP as a transfer of operand size `osize` sees it: 16-bit transfers
 * clear the upper half of EIP. */
static uint32_t eip_for_size(uint32_t v, unsigned osize)
{
    return osize == 2 ? v & 0xFFFF : v;
}

/* Second part of a memory operand made of consecutive fields (far
 * pointer, BOUND's pair): offsets wrap at the address size, so a far
 * pointer at DS:FFFE takes its selector from DS:0000, as on the 286. */
static uint32_t ea_plus(const struct insn *i, uint32_t ea, uint32_t delta)
{
    uint32_t off = ea + delta;
    return i->asize == 2 ? off & 0xFFFF : off;
}

/* Far pointer m16:16 / m16:32 at the memory operand: offset, then selector. */
static struct far_target read_far_pointer(struct cpu *c, const struct insn *i)
{
    uint32_t ea = insn_ea(c, i);
    struct far_target t;
    t.eip = mem_read(c, i->seg, ea, i->osize);
    t.sel = mem_read16(c, i->seg, ea_plus(i, ea, i->osize));
    return t;
}

/* ---- jumps ------------------------------------------------------------ */

static void jcc(struct cpu *c, const struct insn *i)
{
    if (cond_true(c, i->opcode & 0xF))
        near_jump(c, jump_target(c, i, i->imm));
}

void op_jcc_jb(struct cpu *c, const struct insn *i) { jcc(c, i); }
void op_jcc_jz(struct cpu *c, const struct insn *i) { jcc(c, i); }

void op_jmp_jb(struct cpu *c, const struct insn *i)
{
    near_jump(c, jump_target(c, i, i->imm));
}

void op_jmp_jz(struct cpu *c, const struct insn *i)
{
    near_jump(c, jump_target(c, i, i->imm));
}

void op_jmp_ev_r(struct cpu *c, const struct insn *i)
{
    near_jump(c, read_er(c, i, i->osize));
}

void op_jmp_ev_m(struct cpu *c, const struct insn *i)
{
    near_jump(c, read_em(c, i, i->osize));
}

static void jump_far(struct cpu *c, const struct insn *i, const struct far_target *t)
{
    if (cpu_in_pmode(c)) {
        far_jmp_pmode(c, t->sel, t->eip, i->osize);
        return;
    }
    far_target_check(c, t);
    far_target_commit(c, t);
}

void op_jmp_ap(struct cpu *c, const struct insn *i)
{
    struct far_target t = { (uint16_t)i->imm2, eip_for_size(i->imm, i->osize) };
    jump_far(c, i, &t);
}

void op_jmpf_mp_m(struct cpu *c, const struct insn *i)
{
    struct far_target t = read_far_pointer(c, i);
    jump_far(c, i, &t);
}

/* ---- LOOP family: the counter is CX or ECX by ADDRESS size ------------ */

static uint32_t loop_counter(const struct cpu *c, const struct insn *i)
{
    return reg_get(c, REG_CX, i->asize);
}

/* Decrement the counter and jump if it is not zero and `cond` holds.  The
 * target is checked before the counter is written. */
static void loop_common(struct cpu *c, const struct insn *i, bool cond)
{
    uint32_t count = (loop_counter(c, i) - 1) & size_mask(i->asize);
    if (count != 0 && cond) {
        uint32_t target = jump_target(c, i, i->imm);
        check_code_limit(c, target);
        c->eip = target;
    }
    reg_set(c, REG_CX, i->asize, count);
}

void op_loop_jb(struct cpu *c, const struct insn *i) { loop_common(c, i, true); }
void op_loope_jb(struct cpu *c, const struct insn *i) { loop_common(c, i, flag_zf(c) != 0); }
void op_loopne_jb(struct cpu *c, const struct insn *i) { loop_common(c, i, flag_zf(c) == 0); }

void op_jcxz_jb(struct cpu *c, const struct insn *i)
{
    if (loop_counter(c, i) == 0)
        near_jump(c, jump_target(c, i, i->imm));
}

/* ---- CALL ------------------------------------------------------------- */

/* Near call: check the target, push the return EIP, jump. */
static void call_near(struct cpu *c, const struct insn *i, uint32_t target)
{
    check_code_limit(c, target);
    push(c, i->osize, c->eip);
    c->eip = target;
}

void op_call_jz(struct cpu *c, const struct insn *i)
{
    call_near(c, i, jump_target(c, i, i->imm));
}

void op_call_ev_r(struct cpu *c, const struct insn *i)
{
    /* CALL SP jumps to SP's value before the push. */
    call_near(c, i, read_er(c, i, i->osize));
}

void op_call_ev_m(struct cpu *c, const struct insn *i)
{
    call_near(c, i, read_em(c, i, i->osize)); /* target read before the push */
}

/* Push a selector into a stack slot of `size` bytes.  With a 32-bit slot
 * a P6 writes only the low 16 bits and leaves the upper half untouched. */
static void stack_write_sel(struct cpu *c, uint32_t *sp, unsigned size, uint16_t sel)
{
    *sp = stack_wrap(c, *sp - size);
    mem_check_write(c, SEG_SS, *sp, size);
    mem_write16(c, SEG_SS, *sp, sel);
}

/* Far call: push CS then EIP on a local SP, commit SP and CS:EIP last. */
static void call_far(struct cpu *c, const struct insn *i, const struct far_target *t)
{
    if (cpu_in_pmode(c)) {
        far_call_pmode(c, t->sel, t->eip, i->osize);
        return;
    }
    far_target_check(c, t);
    uint32_t sp = stack_sp(c);
    stack_write_sel(c, &sp, i->osize, c->seg[SEG_CS].selector);
    stack_write(c, &sp, i->osize, c->eip);
    stack_set_sp(c, sp);
    far_target_commit(c, t);
}

void op_call_ap(struct cpu *c, const struct insn *i)
{
    struct far_target t = { (uint16_t)i->imm2, eip_for_size(i->imm, i->osize) };
    call_far(c, i, &t);
}

void op_callf_mp_m(struct cpu *c, const struct insn *i)
{
    struct far_target t = read_far_pointer(c, i);
    call_far(c, i, &t);
}

/* ---- RET -------------------------------------------------------------- */

/* Near return, then release `extra` bytes of parameters. */
static void ret_near(struct cpu *c, const struct insn *i, uint16_t extra)
{
    uint32_t sp = stack_sp(c);
    uint32_t eip = stack_read(c, &sp, i->osize);
    check_code_limit(c, eip);
    stack_set_sp(c, stack_wrap(c, sp + extra));
    c->eip = eip;
}

void op_ret(struct cpu *c, const struct insn *i) { ret_near(c, i, 0); }
void op_ret_iw(struct cpu *c, const struct insn *i) { ret_near(c, i, (uint16_t)i->imm); }

/* Far return: pop EIP then CS (a 32-bit slot whose upper half is
 * ignored), then release `extra` bytes. */
static void ret_far(struct cpu *c, const struct insn *i, uint16_t extra)
{
    if (cpu_in_pmode(c)) {
        far_ret_pmode(c, i->osize, extra);
        return;
    }
    uint32_t sp = stack_sp(c);
    struct far_target t;
    t.eip = stack_read(c, &sp, i->osize);
    t.sel = (uint16_t)stack_read(c, &sp, i->osize);
    far_target_check(c, &t);
    stack_set_sp(c, stack_wrap(c, sp + extra));
    far_target_commit(c, &t);
}

void op_retf(struct cpu *c, const struct insn *i) { ret_far(c, i, 0); }
void op_retf_iw(struct cpu *c, const struct insn *i) { ret_far(c, i, (uint16_t)i->imm); }

/* ---- software interrupts and IRET ------------------------------------- */

/* c->eip already points past the instruction: the handler returns there.
 * cpu_interrupt() reads the gate and pushes on a local SP, so a fault
 * inside it leaves the CPU as it was.  INT n is IOPL-sensitive in V86
 * mode; INT3 and INTO are not, but like INT n they check the gate's DPL;
 * INT1 (ICEBP) is delivered as the #DB exception, with no DPL check. */
void op_int3(struct cpu *c, const struct insn *i)
{
    (void)i;
    cpu_interrupt(c, EXC_BP, c->eip, INT_SRC_SOFTWARE, 0);
}

void op_int_ib(struct cpu *c, const struct insn *i)
{
    cpu_interrupt(c, (uint8_t)i->imm, c->eip, INT_SRC_INTN, 0);
}

void op_into(struct cpu *c, const struct insn *i)
{
    (void)i;
    if (flag_of(c))
        cpu_interrupt(c, EXC_OF, c->eip, INT_SRC_SOFTWARE, 0);
}

/* F1 (INT1 / ICEBP): a #DB trap without a debug-register cause. */
void op_int1(struct cpu *c, const struct insn *i)
{
    (void)i;
    cpu_interrupt(c, EXC_DB, c->eip, INT_SRC_EXCEPTION, 0);
}

/* IRET/IRETD in every mode: cpu/iret.c. */
void op_iret(struct cpu *c, const struct insn *i)
{
    cpu_iret(c, i->osize);
}

/* ---- ENTER / LEAVE ---------------------------------------------------- */

/* ENTER (SDM pseudo-code): push BP, copy level-1 outer frame pointers
 * from SS:[BP-n], push the new frame pointer, then allocate.  The frame
 * slots are osize wide; BP/SP arithmetic follows the stack size.  All
 * writes go through a local SP; BP and SP are committed last. */
void op_enter_iw_ib(struct cpu *c, const struct insn *i)
{
    unsigned size = i->osize;
    uint16_t alloc = (uint16_t)i->imm;
    unsigned level = i->imm2 & 31;
    uint32_t sp = stack_sp(c);

    stack_write(c, &sp, size, reg_get(c, REG_BP, size));
    uint32_t frame = sp;
    if (level > 0) {
        uint32_t bp = stack_is32(c) ? reg32(c, REG_BP) : reg16(c, REG_BP);
        for (unsigned k = 1; k < level; k++) {
            bp = stack_wrap(c, bp - size);
            stack_write(c, &sp, size, mem_read(c, SEG_SS, bp, size));
        }
        stack_write(c, &sp, size, frame);
    }
    reg_set(c, REG_BP, size, frame);
    stack_set_sp(c, stack_wrap(c, sp - alloc));
}

/* LEAVE: SP = BP (at stack size), then pop BP (at operand size). */
void op_leave(struct cpu *c, const struct insn *i)
{
    uint32_t sp = stack_wrap(c, reg32(c, REG_BP));
    uint32_t bp = stack_read(c, &sp, i->osize);
    stack_set_sp(c, sp);
    reg_set(c, REG_BP, i->osize, bp);
}

/* ---- BOUND ------------------------------------------------------------ */

/* Signed order as unsigned order: flip the sign bit of a `size`-byte value. */
static uint32_t signed_key(uint32_t v, unsigned size)
{
    return size == 2 ? (v ^ 0x8000u) & 0xFFFFu : v ^ 0x80000000u;
}

/* BOUND Gv,Ma: #BR (a fault: it returns to the BOUND) when the signed
 * index is below the lower or above the upper bound. */
void op_bound_gv_ma_m(struct cpu *c, const struct insn *i)
{
    unsigned size = i->osize;
    uint32_t ea = insn_ea(c, i);
    uint32_t lower = signed_key(mem_read(c, i->seg, ea, size), size);
    uint32_t upper = signed_key(mem_read(c, i->seg, ea_plus(i, ea, size), size), size);
    uint32_t index = signed_key(read_g(c, i, size), size);
    if (index < lower || index > upper)
        cpu_raise(c, EXC_BR, 0);
}
