/*
 * stack.c - PUSH and POP of registers, segment registers, immediates,
 * memory operands and FLAGS, and PUSHA/POPA.
 *
 * Follows the Intel SDM Vol. 2 pages PUSH, POP, PUSHA/PUSHAD, POPA/POPAD,
 * PUSHF/PUSHFD and POPF/POPFD for a P6 in real-address mode (CPL 0, so
 * no IOPL-sensitive cases).  Where a 286 differs, the P6 wins: POPF can
 * write IOPL and NT, and a 32-bit segment-register push moves SP by 4
 * but writes only the low 16 bits of the slot.  Stack-address size
 * (SP or ESP) comes from SS.B via cpu/stack.h; the slot size from the
 * operand size.  POP sreg loads through cpu/segment.h with the checks of
 * the current mode.  PUSHF/POPF follow the CPL/IOPL rules of protected
 * and virtual-8086 mode (no CR4.VME).
 */
#include "cpu/ops/ops.h"

#include "cpu/fault.h"
#include "cpu/operand.h"
#include "cpu/segment.h"
#include "cpu/stack.h"

/* ---- general registers ------------------------------------------------ */

/* PUSH SP pushes SP as it was before the push (286 and later). */
void op_push_zv(struct cpu *c, const struct insn *i)
{
    push(c, i->osize, reg_get(c, i->reg, i->osize));
}

/* POP SP: SP is incremented, then overwritten with the value read. */
void op_pop_zv(struct cpu *c, const struct insn *i)
{
    uint32_t v = pop(c, i->osize);
    reg_set(c, i->reg, i->osize, v);
}

/* PUSHA: AX CX DX BX, the original SP, BP SI DI, on a local SP. */
void op_pusha(struct cpu *c, const struct insn *i)
{
    unsigned size = i->osize;
    uint32_t sp = stack_sp(c);
    uint32_t old_sp = reg_get(c, REG_SP, size);
    for (unsigned r = REG_AX; r <= REG_DI; r++)
        stack_write(c, &sp, size, r == REG_SP ? old_sp : reg_get(c, r, size));
    stack_set_sp(c, sp);
}

/* POPA: DI SI BP, skip the saved SP, BX DX CX AX; all read first. */
void op_popa(struct cpu *c, const struct insn *i)
{
    unsigned size = i->osize;
    uint32_t sp = stack_sp(c);
    uint32_t v[8] = { 0 };
    for (int r = REG_DI; r >= REG_AX; r--) {
        if (r == REG_SP)
            sp = stack_wrap(c, sp + size); /* skipped, not read */
        else
            v[r] = stack_read(c, &sp, size);
    }
    for (unsigned r = REG_AX; r <= REG_DI; r++)
        if (r != REG_SP)
            reg_set(c, r, size, v[r]);
    stack_set_sp(c, sp);
}

/* ---- segment registers ------------------------------------------------ */

/* i->reg is the segment (from the table's ES/CS/SS/DS/FS/GS).  With a
 * 32-bit operand size a P6 moves SP by 4 and writes only the selector's
 * 16 bits, leaving the slot's upper half as it was. */
void op_push_sreg(struct cpu *c, const struct insn *i)
{
    uint32_t sp = stack_wrap(c, stack_sp(c) - i->osize);
    mem_check_write(c, SEG_SS, sp, i->osize);
    mem_write16(c, SEG_SS, sp, c->seg[i->reg].selector);
    stack_set_sp(c, sp);
}

/* POP sreg: the slot is osize wide, the selector its low 16 bits.  POP SS
 * holds off interrupts (and traps) for one instruction, so that a
 * following MOV SP completes the stack switch.  SP moves by the old SS's
 * size, so it is committed before the new SS is loaded - but in protected
 * mode only after the selector has passed every check. */
void op_pop_sreg(struct cpu *c, const struct insn *i)
{
    uint32_t sp = stack_sp(c);
    uint16_t sel = (uint16_t)stack_read(c, &sp, i->osize);
    if (cpu_in_pmode(c)) {
        struct descriptor d;
        segment_check_load(c, i->reg, sel, &d);
        stack_set_sp(c, sp);
        segment_commit(c, i->reg, sel, &d);
    } else {
        stack_set_sp(c, sp);
        cpu_load_seg(c, i->reg, sel);
    }
    if (i->reg == SEG_SS)
        c->inhibit_irq = 1;
}

/* ---- immediates and memory -------------------------------------------- */

void op_push_iz(struct cpu *c, const struct insn *i)
{
    push(c, i->osize, i->imm);
}

void op_push_ibs(struct cpu *c, const struct insn *i)
{
    push(c, i->osize, i->imm); /* already sign-extended by the decoder */
}

void op_push_ev_r(struct cpu *c, const struct insn *i)
{
    push(c, i->osize, read_er(c, i, i->osize));
}

void op_push_ev_m(struct cpu *c, const struct insn *i)
{
    push(c, i->osize, read_em(c, i, i->osize)); /* operand read before the push */
}

void op_pop_ev_r(struct cpu *c, const struct insn *i)
{
    uint32_t v = pop(c, i->osize);
    write_er(c, i, i->osize, v);
}

/* POP Ev to memory.  A P6 computes the effective address with SP
 * already incremented when SP/ESP is the base (SDM POP), so the EA is
 * formed with the new SP briefly in place.  SP itself is committed only
 * after the memory write, which may fault. */
void op_pop_ev_m(struct cpu *c, const struct insn *i)
{
    uint32_t sp = stack_sp(c);
    uint32_t v = stack_read(c, &sp, i->osize);
    uint64_t saved_sp = c->gpr[REG_SP];
    stack_set_sp(c, sp);
    uint32_t ea = insn_ea(c, i);
    c->gpr[REG_SP] = saved_sp;
    mem_write(c, i->seg, ea, i->osize, v);
    stack_set_sp(c, sp);
}

/* ---- FLAGS ------------------------------------------------------------ */

/* PUSHF/POPF in virtual-8086 mode with IOPL < 3 trap to the V86 monitor
 * (#GP(0)); no CR4.VME here, so no VIF-based virtual flags. */
static void flags_v86_check(struct cpu *c)
{
    if ((c->eflags & FLAG_VM) && (c->eflags & FLAG_IOPL) != FLAG_IOPL)
        cpu_raise(c, EXC_GP, 0);
}

/* PUSHFD clears VM and RF in the pushed image (EFLAGS AND 00FCFFFFh). */
void op_pushf(struct cpu *c, const struct insn *i)
{
    flags_v86_check(c);
    uint32_t flags = cpu_get_eflags(c);
    if (i->osize == 4)
        flags &= ~(uint32_t)(FLAG_VM | FLAG_RF);
    push(c, i->osize, flags);
}

/* POPF (SDM POPF).  16-bit: the defined bits of FLAGS[15:0] (bits 1, 3,
 * 5 and 15 keep their fixed values); 32-bit: AC and ID too, RF is
 * cleared, VM/VIF/VIP are never changed.  IOPL changes only at CPL 0, IF
 * only when CPL <= IOPL (real mode runs at CPL 0; V86 at CPL 3, where
 * IOPL < 3 has already trapped). */
enum {
    POPF16_WRITABLE = 0x7FD5,
    POPF32_WRITABLE = FLAG_AC | FLAG_ID | POPF16_WRITABLE,
};

void op_popf(struct cpu *c, const struct insn *i)
{
    flags_v86_check(c);
    uint32_t writable = i->osize == 2 ? POPF16_WRITABLE : POPF32_WRITABLE;
    unsigned iopl = (c->eflags & FLAG_IOPL) >> 12;
    unsigned cpl = (c->cr0 & CR0_PE) ? c->cpl : 0;
    if (cpl != 0)
        writable &= ~(uint32_t)FLAG_IOPL;
    if (cpl > iopl)
        writable &= ~(uint32_t)FLAG_IF;
    uint32_t flags = pop(c, i->osize);
    if (i->osize == 2)
        cpu_set_eflags(c, flags, writable);
    else
        cpu_set_eflags(c, flags & ~(uint32_t)FLAG_RF, writable | FLAG_RF);
}
