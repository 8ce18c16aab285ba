/*
 * move.c - data movement that leaves the arithmetic flags alone (apart
 * from SAHF): MOV in all its forms, XCHG, NOP/PAUSE, LEA, LES/LDS, XLAT,
 * CBW/CWDE, CWD/CDQ, LAHF/SAHF and the undocumented SALC (Intel SDM
 * Vol. 2, the page of each instruction).
 *
 * Segment register loads go through cpu_load_seg (cpu/segment.h), which
 * does the real-mode, virtual-8086 or protected-mode load with its checks
 * and exceptions.  The model is a P6, so MOV to/from a segment register knows FS and GS
 * (ModRM.reg 4, 5), where a 286 raises #UD; reg 6 and 7 are #UD.
 *
 * Not here: MOV to/from control and debug registers (system.c), MOVZX,
 * MOVSX and CMOVcc (two-byte opcodes, other files).
 */
#include "cpu/ops/ops.h"

#include "cpu/access.h"
#include "cpu/cpu.h"
#include "cpu/fault.h"
#include "cpu/flags.h"
#include "cpu/operand.h"
#include "cpu/regs.h"
#include "cpu/segment.h"

/* ---- MOV between general registers and memory ---- */

static inline void mov_e_g_r(struct cpu *c, const struct insn *i, unsigned size)
{
    write_er(c, i, size, read_g(c, i, size));
}

static inline void mov_e_g_m(struct cpu *c, const struct insn *i, unsigned size)
{
    write_em(c, i, size, read_g(c, i, size));
}

static inline void mov_g_e_r(struct cpu *c, const struct insn *i, unsigned size)
{
    write_g(c, i, size, read_er(c, i, size));
}

static inline void mov_g_e_m(struct cpu *c, const struct insn *i, unsigned size)
{
    write_g(c, i, size, read_em(c, i, size));
}

void op_mov_eb_gb_r(struct cpu *c, const struct insn *i) { mov_e_g_r(c, i, 1); }
void op_mov_eb_gb_m(struct cpu *c, const struct insn *i) { mov_e_g_m(c, i, 1); }
void op_mov_ev_gv_r(struct cpu *c, const struct insn *i) { mov_e_g_r(c, i, i->osize); }
void op_mov_ev_gv_m(struct cpu *c, const struct insn *i) { mov_e_g_m(c, i, i->osize); }
void op_mov_gb_eb_r(struct cpu *c, const struct insn *i) { mov_g_e_r(c, i, 1); }
void op_mov_gb_eb_m(struct cpu *c, const struct insn *i) { mov_g_e_m(c, i, 1); }
void op_mov_gv_ev_r(struct cpu *c, const struct insn *i) { mov_g_e_r(c, i, i->osize); }
void op_mov_gv_ev_m(struct cpu *c, const struct insn *i) { mov_g_e_m(c, i, i->osize); }

/* ---- MOV with an immediate ---- */

/* B0-B7: the register is in the opcode's low bits (insn.reg). */
void op_mov_zb_ib(struct cpu *c, const struct insn *i) { set_reg8(c, i->reg, (uint8_t)i->imm); }
void op_mov_zv_iv(struct cpu *c, const struct insn *i) { reg_set(c, i->reg, i->osize, i->imm); }

void op_mov_eb_ib_r(struct cpu *c, const struct insn *i) { write_er(c, i, 1, i->imm); }
void op_mov_eb_ib_m(struct cpu *c, const struct insn *i) { write_em(c, i, 1, i->imm); }
void op_mov_ev_iz_r(struct cpu *c, const struct insn *i) { write_er(c, i, i->osize, i->imm); }
void op_mov_ev_iz_m(struct cpu *c, const struct insn *i) { write_em(c, i, i->osize, i->imm); }

/* ---- MOV with a memory offset in the instruction (A0-A3) ---- */

void op_mov_al_ob(struct cpu *c, const struct insn *i)
{
    set_reg8(c, REG_AX, mem_read8(c, i->seg, i->disp));
}

void op_mov_eax_ov(struct cpu *c, const struct insn *i)
{
    reg_set(c, REG_AX, i->osize, mem_read(c, i->seg, i->disp, i->osize));
}

void op_mov_ob_al(struct cpu *c, const struct insn *i)
{
    mem_write8(c, i->seg, i->disp, reg8(c, REG_AX));
}

void op_mov_ov_eax(struct cpu *c, const struct insn *i)
{
    mem_write(c, i->seg, i->disp, i->osize, reg_get(c, REG_AX, i->osize));
}

/* ---- MOV to and from segment registers ---- */

/* ModRM.reg of MOV Sw: ES CS SS DS FS GS; 6 and 7 name nothing. */
static inline unsigned sreg_or_ud(struct cpu *c, const struct insn *i)
{
    if (i->reg >= SEG_COUNT)
        cpu_raise(c, EXC_UD, 0);
    return i->reg;
}

/* A register destination takes the selector zero-extended when the
 * operand size is 32 (P6 behaviour; earlier CPUs left the top undefined).
 * A memory destination is always a 16-bit store. */
void op_mov_ev_sw_r(struct cpu *c, const struct insn *i)
{
    unsigned s = sreg_or_ud(c, i);
    write_er(c, i, i->osize, c->seg[s].selector);
}

void op_mov_ev_sw_m(struct cpu *c, const struct insn *i)
{
    unsigned s = sreg_or_ud(c, i);
    write_em(c, i, 2, c->seg[s].selector);
}

/* CS cannot be loaded by MOV (#UD).  Loading SS holds off interrupts
 * for one instruction so that a following MOV SP completes the switch. */
static void mov_sreg_load(struct cpu *c, unsigned s, uint16_t selector)
{
    cpu_load_seg(c, (int)s, selector);
    if (s == SEG_SS)
        c->inhibit_irq = 1;
}

void op_mov_sw_ew_r(struct cpu *c, const struct insn *i)
{
    unsigned s = sreg_or_ud(c, i);
    if (s == SEG_CS)
        cpu_raise(c, EXC_UD, 0);
    mov_sreg_load(c, s, (uint16_t)read_er(c, i, 2));
}

void op_mov_sw_ew_m(struct cpu *c, const struct insn *i)
{
    unsigned s = sreg_or_ud(c, i);
    if (s == SEG_CS)
        cpu_raise(c, EXC_UD, 0);
    mov_sreg_load(c, s, (uint16_t)read_em(c, i, 2));
}

/* ---- XCHG ---- */

static inline void xchg_e_g_r(struct cpu *c, const struct insn *i, unsigned size)
{
    uint32_t e = read_er(c, i, size), g = read_g(c, i, size);
    write_er(c, i, size, g);
    write_g(c, i, size, e);
}

/* Memory first: the register is written only once the store is done. */
static inline void xchg_e_g_m(struct cpu *c, const struct insn *i, unsigned size)
{
    uint32_t e = read_em(c, i, size);
    write_em(c, i, size, read_g(c, i, size));
    write_g(c, i, size, e);
}

void op_xchg_eb_gb_r(struct cpu *c, const struct insn *i) { xchg_e_g_r(c, i, 1); }
void op_xchg_eb_gb_m(struct cpu *c, const struct insn *i) { xchg_e_g_m(c, i, 1); }
void op_xchg_ev_gv_r(struct cpu *c, const struct insn *i) { xchg_e_g_r(c, i, i->osize); }
void op_xchg_ev_gv_m(struct cpu *c, const struct insn *i) { xchg_e_g_m(c, i, i->osize); }

/* 91-97: XCHG eAX with the register in the opcode's low bits. */
void op_xchg_zv_eax(struct cpu *c, const struct insn *i)
{
    uint32_t a = reg_get(c, REG_AX, i->osize), z = reg_get(c, i->reg, i->osize);
    reg_set(c, REG_AX, i->osize, z);
    reg_set(c, i->reg, i->osize, a);
}

/* 90: NOP, which is also F3 90 (PAUSE, a spin-loop hint) and 66 90. */
void op_nop(struct cpu *c, const struct insn *i)
{
    (void)c;
    (void)i;
}

/* ---- Address and far-pointer loads ---- */

/* The offset, truncated to the operand size; insn_ea already wrapped it
 * to the address size. */
void op_lea_gv_m(struct cpu *c, const struct insn *i)
{
    write_g(c, i, i->osize, insn_ea(c, i));
}

/* Mp: offset (operand size) then a 16-bit selector.  Both are read before
 * anything is loaded; the segment goes before the register because in
 * protected mode its load is the step that can fault.  LSS does not hold
 * off interrupts the way MOV SS does: it loads SS:SP in one instruction. */
static void load_far_pointer(struct cpu *c, const struct insn *i, unsigned s)
{
    uint32_t ea = insn_ea(c, i);
    uint32_t off = mem_read(c, i->seg, ea, i->osize);
    uint16_t sel = mem_read16(c, i->seg, ea + i->osize);
    cpu_load_seg(c, (int)s, sel);
    write_g(c, i, i->osize, off);
}

void op_les_gv_mp_m(struct cpu *c, const struct insn *i) { load_far_pointer(c, i, SEG_ES); }
void op_lds_gv_mp_m(struct cpu *c, const struct insn *i) { load_far_pointer(c, i, SEG_DS); }
void op_lss_gv_mp_m(struct cpu *c, const struct insn *i) { load_far_pointer(c, i, SEG_SS); }
void op_lfs_gv_mp_m(struct cpu *c, const struct insn *i) { load_far_pointer(c, i, SEG_FS); }
void op_lgs_gv_mp_m(struct cpu *c, const struct insn *i) { load_far_pointer(c, i, SEG_GS); }

/* D7: AL = seg:[(E)BX + AL], the table base wrapping at the address size. */
void op_xlat(struct cpu *c, const struct insn *i)
{
    uint32_t off = (uint32_t)c->gpr[REG_BX] + reg8(c, REG_AX);
    if (i->asize == 2)
        off &= 0xFFFF;
    set_reg8(c, REG_AX, mem_read8(c, i->seg, off));
}

/* ---- Sign extension within eAX / into eDX ---- */

/* 98: CBW (AX = AL sign-extended) or CWDE (EAX = AX sign-extended). */
void op_cbw(struct cpu *c, const struct insn *i)
{
    if (i->osize == 2) {
        uint8_t al = reg8(c, REG_AX);
        set_reg16(c, REG_AX, (al & 0x80) ? (uint16_t)(0xFF00u | al) : al);
    } else {
        uint16_t ax = reg16(c, REG_AX);
        set_reg32(c, REG_AX, (ax & 0x8000) ? 0xFFFF0000u | ax : ax);
    }
}

/* 99: CWD (DX = sign of AX) or CDQ (EDX = sign of EAX). */
void op_cwd(struct cpu *c, const struct insn *i)
{
    uint32_t a = reg_get(c, REG_AX, i->osize);
    uint32_t top = a >> (i->osize * 8 - 1);
    reg_set(c, REG_DX, i->osize, top ? 0xFFFFFFFFu : 0);
}

/* ---- Flags to and from AH ---- */

#define AH_FLAGS (FLAG_SF | FLAG_ZF | FLAG_AF | FLAG_PF | FLAG_CF)

/* 9F: AH = SF ZF 0 AF 0 PF 1 CF. */
void op_lahf(struct cpu *c, const struct insn *i)
{
    (void)i;
    uint32_t f = cpu_get_eflags(c);
    set_reg8(c, 4 /* AH */, (uint8_t)((f & AH_FLAGS) | FLAG_RES1));
}

/* 9E: SF ZF AF PF CF from AH; OF and the reserved bits are untouched. */
void op_sahf(struct cpu *c, const struct insn *i)
{
    (void)i;
    cpu_set_eflags(c, reg8(c, 4 /* AH */), AH_FLAGS);
}

/* D6: SALC, undocumented (AL = CF ? FF : 00); present on every P6. */
void op_salc(struct cpu *c, const struct insn *i)
{
    (void)i;
    set_reg8(c, REG_AX, flag_cf(c) ? 0xFF : 0x00);
}
