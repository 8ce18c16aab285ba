/*
 * system.c - flag-control instructions (CLC STC CMC CLI STI CLD STD), HLT,
 * port I/O (IN, OUT), the descriptor-table and machine-status-word
 * instructions (SGDT SIDT LGDT LIDT SMSW LMSW CLTS), and WAIT (the x87
 * escapes D8-DF are in cpu/fpu/).
 *
 * Follows the Intel SDM Vol. 2 instruction pages for a P6.  In protected
 * and virtual-8086 mode CLI/STI check IOPL, IN/OUT the I/O permission
 * (cpu/access.c), and LGDT/LIDT/LMSW/CLTS/HLT need CPL 0.  LMSW setting
 * CR0.PE switches to protected mode; CPL stays as it is until CS is next
 * loaded.  The x87 instructions are in cpu/fpu/.
 */
#include "cpu/ops/ops.h"

#include "cpu/fault.h"
#include "cpu/fpu/x87.h"
#include "cpu/operand.h"

/* The CR0 bits LMSW can load: bits 0-3 (CR0_* are in cpu/cpu.h). */
enum { CR0_MSW_LOADABLE = CR0_PE | CR0_MP | CR0_EM | CR0_TS };

/* ---- flags ------------------------------------------------------------ */

void op_clc(struct cpu *c, const struct insn *i) { (void)i; cpu_set_eflags(c, 0, FLAG_CF); }
void op_stc(struct cpu *c, const struct insn *i) { (void)i; cpu_set_eflags(c, FLAG_CF, FLAG_CF); }
void op_cld(struct cpu *c, const struct insn *i) { (void)i; cpu_set_eflags(c, 0, FLAG_DF); }
void op_std(struct cpu *c, const struct insn *i) { (void)i; cpu_set_eflags(c, FLAG_DF, FLAG_DF); }

void op_cmc(struct cpu *c, const struct insn *i)
{
    (void)i;
    cpu_set_eflags(c, flag_cf(c) ? 0 : FLAG_CF, FLAG_CF);
}

/* CLI and STI need CPL <= IOPL in protected mode, and IOPL 3 in V86
 * mode (CPL 3 there), else #GP(0).  CR4.PVI/VME (VIF instead of IF) are
 * not implemented. */
static void if_change_check(struct cpu *c)
{
    if ((c->cr0 & CR0_PE) && c->cpl > ((c->eflags & FLAG_IOPL) >> 12))
        cpu_raise(c, EXC_GP, 0);
}

void op_cli(struct cpu *c, const struct insn *i)
{
    (void)i;
    if_change_check(c);
    cpu_set_eflags(c, 0, FLAG_IF);
}

/* STI that sets IF delays interrupts until after the next instruction,
 * so that STI; HLT or STI; RET cannot be interrupted in between. */
void op_sti(struct cpu *c, const struct insn *i)
{
    (void)i;
    if_change_check(c);
    if (!(cpu_get_eflags(c) & FLAG_IF))
        c->inhibit_irq = 1;
    cpu_set_eflags(c, FLAG_IF, FLAG_IF);
}

/* LGDT, LIDT, LMSW, CLTS and HLT need CPL 0 in protected mode, which
 * includes virtual-8086 mode (CPL 3 there): #GP(0) before anything else,
 * the memory operand included. */
static void require_cpl0(struct cpu *c)
{
    if ((c->cr0 & CR0_PE) && c->cpl != 0)
        cpu_raise(c, EXC_GP, 0);
}

/* The dispatcher sees `halted` and waits for an interrupt (or stops). */
void op_hlt(struct cpu *c, const struct insn *i)
{
    (void)i;
    require_cpl0(c);
    c->halted = true;
}

/* ---- WAIT ------------------------------------------------------------- */

/* WAIT/FWAIT: #NM only when both CR0.MP and CR0.TS are set (SDM Vol. 3,
 * 2.5); then a pending unmasked x87 exception is reported (#MF, or FERR#
 * with CR0.NE=0).  The x87 instructions themselves are in cpu/fpu/. */
void op_wait(struct cpu *c, const struct insn *i)
{
    (void)i;
    if ((c->cr0 & (CR0_MP | CR0_TS)) == (CR0_MP | CR0_TS))
        cpu_raise(c, EXC_NM, 0);
    x87_check_pending(c);
}

/* ---- port I/O --------------------------------------------------------- */

void op_in_al_ib(struct cpu *c, const struct insn *i)
{
    set_reg8(c, REG_AX, (uint8_t)io_read(c, (uint8_t)i->imm, 1));
}

void op_in_eax_ib(struct cpu *c, const struct insn *i)
{
    reg_set(c, REG_AX, i->osize, io_read(c, (uint8_t)i->imm, i->osize));
}

void op_out_ib_al(struct cpu *c, const struct insn *i)
{
    io_write(c, (uint8_t)i->imm, 1, reg8(c, REG_AX));
}

void op_out_ib_eax(struct cpu *c, const struct insn *i)
{
    io_write(c, (uint8_t)i->imm, i->osize, reg_get(c, REG_AX, i->osize));
}

void op_in_al_dx(struct cpu *c, const struct insn *i)
{
    (void)i;
    set_reg8(c, REG_AX, (uint8_t)io_read(c, reg16(c, REG_DX), 1));
}

void op_in_eax_dx(struct cpu *c, const struct insn *i)
{
    reg_set(c, REG_AX, i->osize, io_read(c, reg16(c, REG_DX), i->osize));
}

void op_out_dx_al(struct cpu *c, const struct insn *i)
{
    (void)i;
    io_write(c, reg16(c, REG_DX), 1, reg8(c, REG_AX));
}

void op_out_dx_eax(struct cpu *c, const struct insn *i)
{
    io_write(c, reg16(c, REG_DX), i->osize, reg_get(c, REG_AX, i->osize));
}

/* ---- descriptor-table registers --------------------------------------- */

/* Offset of the base field after the 16-bit limit, wrapped at the
 * address size like the other multi-field operands. */
static uint32_t base_field(const struct insn *i, uint32_t ea)
{
    return i->asize == 2 ? (ea + 2) & 0xFFFF : ea + 2;
}

/* SGDT/SIDT store the limit, then the base.  With a 16-bit operand size
 * the P6-era SDM (Pentium Pro manual, SGDT page) stores 24 bits of base
 * and zero in the sixth byte; the 286 wrote 0FFh there; current SDMs
 * describe a full 32-bit store.  We follow the P6 manual.  Both fields are
 * checked before either is written. */
static void store_table_reg(struct cpu *c, const struct insn *i, uint16_t limit, uint32_t base)
{
    uint32_t ea = insn_ea(c, i);
    uint32_t at = base_field(i, ea);
    if (i->osize == 2)
        base &= 0xFFFFFF;
    mem_check_write(c, i->seg, ea, 2);
    mem_check_write(c, i->seg, at, 4);
    mem_write16(c, i->seg, ea, limit);
    mem_write32(c, i->seg, at, base);
}

void op_sgdt_ms_m(struct cpu *c, const struct insn *i)
{
    store_table_reg(c, i, c->gdtr.limit, c->gdtr.base);
}

void op_sidt_ms_m(struct cpu *c, const struct insn *i)
{
    store_table_reg(c, i, c->idtr.limit, c->idtr.base);
}

/* LGDT/LIDT: a 16-bit operand size loads only 24 bits of base. */
static void load_table_reg(struct cpu *c, const struct insn *i, uint16_t *limit, uint32_t *base)
{
    uint32_t ea = insn_ea(c, i);
    uint16_t new_limit = mem_read16(c, i->seg, ea);
    uint32_t new_base = mem_read32(c, i->seg, base_field(i, ea));
    if (i->osize == 2)
        new_base &= 0xFFFFFF;
    *limit = new_limit;
    *base = new_base;
}

void op_lgdt_ms_m(struct cpu *c, const struct insn *i)
{
    require_cpl0(c);
    load_table_reg(c, i, &c->gdtr.limit, &c->gdtr.base);
}

void op_lidt_ms_m(struct cpu *c, const struct insn *i)
{
    require_cpl0(c);
    load_table_reg(c, i, &c->idtr.limit, &c->idtr.base);
}

/* ---- machine status word ---------------------------------------------- */

/* SMSW to a 32-bit register: the SDM leaves bits 31:16 undefined; we
 * store all of CR0 there (Bochs's choice; software cannot rely on it).
 * Other forms store CR0[15:0]; to memory always 16 bits, whatever the
 * operand size. */
void op_smsw_ew_r(struct cpu *c, const struct insn *i)
{
    write_er(c, i, i->osize, i->osize == 4 ? c->cr0 : c->cr0 & 0xFFFF);
}

void op_smsw_ew_m(struct cpu *c, const struct insn *i)
{
    write_em(c, i, 2, c->cr0 & 0xFFFF);
}

/* LMSW loads CR0 bits 0-3 (PE MP EM TS); it can set PE but never clear
 * it.  Setting PE changes nothing else until the next far jump loads CS. */
static void lmsw(struct cpu *c, uint16_t msw)
{
    uint32_t keep = c->cr0 & (~(uint32_t)CR0_MSW_LOADABLE | CR0_PE);
    c->cr0 = keep | (msw & CR0_MSW_LOADABLE);
}

void op_lmsw_ew_r(struct cpu *c, const struct insn *i)
{
    require_cpl0(c);
    lmsw(c, (uint16_t)read_er(c, i, 2));
}

void op_lmsw_ew_m(struct cpu *c, const struct insn *i)
{
    require_cpl0(c);
    lmsw(c, (uint16_t)read_em(c, i, 2));
}

void op_clts(struct cpu *c, const struct insn *i)
{
    (void)i;
    require_cpl0(c);
    c->cr0 &= ~(uint32_t)CR0_TS;
}
