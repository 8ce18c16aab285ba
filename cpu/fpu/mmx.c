/*
 * mmx.c - the MMX instruction handlers: the "Pq,Qq" arithmetic family
 * (0F 60-6B, 74-76, D1-FE), the shift-by-immediate groups 0F 71/72/73,
 * MOVD and MOVQ (0F 6E/6F/7E/7F) and EMMS (0F 77).  See mmx.h for the
 * state rules and mmx_lanes.c for the arithmetic.
 *
 * Follows the Intel SDM Vol. 2 pages of each instruction and Vol. 3,
 * 12.5 "MMX instructions and the x87 FPU tag word".  A 66, F2 or F3
 * prefix selects an SSE form a P6 without SSE does not have: #UD.
 */
#include "cpu/fpu/mmx.h"

#include "cpu/cpu.h"
#include "cpu/fault.h"
#include "cpu/fpu/x87.h"
#include "cpu/operand.h"
#include "cpu/ops/ops.h"
#include "cpu/regs.h"

/* Was there a 66 prefix?  The operand size differs from CS's default. */
static bool has_66(const struct cpu *c, const struct insn *i)
{
    bool code32 = (c->seg[SEG_CS].access & SEG_ACCESS_DB) != 0;
    return (i->osize == 4) != code32;
}

static void mmx_begin(struct cpu *c, const struct insn *i)
{
    if (has_66(c, i) || i->rep != REP_NONE)
        cpu_raise(c, EXC_UD, 0);
    if (c->cr0 & CR0_EM)
        cpu_raise(c, EXC_UD, 0);
    if (c->cr0 & CR0_TS)
        cpu_raise(c, EXC_NM, 0);
    x87_check_pending(c);
}

/* After the last access that can fault: the x87 stack becomes the MMX
 * register file (TOP = 0, every tag valid). */
static void mmx_enter(struct cpu *c)
{
    c->fpu.top = 0;
    c->fpu.tw = 0;
}

static uint64_t mm(const struct cpu *c, unsigned n)
{
    return c->fpu.reg[n & 7].mant;
}

static void set_mm(struct cpu *c, unsigned n, uint64_t v)
{
    c->fpu.reg[n & 7].mant = v;
    c->fpu.reg[n & 7].se = 0xFFFF;
}

/* ---- Pq,Qq ------------------------------------------------------------- */

static void binary(struct cpu *c, const struct insn *i, uint64_t src)
{
    uint64_t r;
    if (!mmx_binary(i->opcode & 0xFF, mm(c, i->reg), src, &r))
        cpu_raise(c, EXC_UD, 0);
    mmx_enter(c);
    set_mm(c, i->reg, r);
}

void op_mmx_pq_qq_r(struct cpu *c, const struct insn *i)
{
    mmx_begin(c, i);
    binary(c, i, mm(c, i->rm));
}

void op_mmx_pq_qq_m(struct cpu *c, const struct insn *i)
{
    mmx_begin(c, i);
    uint32_t ea = insn_ea(c, i);
    unsigned op = i->opcode & 0xFF;
    /* PUNPCKL* read only the low half: an m32 operand. */
    uint64_t src = (op >= 0x60 && op <= 0x62) ? mem_read32(c, i->seg, ea)
                                              : x87_read64(c, i->seg, ea);
    binary(c, i, src);
}

/* 0F 71 (words), 72 (dwords), 73 (quadword): /2 PSRL, /4 PSRA, /6 PSLL. */
void op_mmx_shift_nq_ib_r(struct cpu *c, const struct insn *i)
{
    mmx_begin(c, i);
    unsigned bits = 16u << ((i->opcode & 0xFF) - 0x71);
    enum mmx_shift kind = i->reg == 2 ? MMX_SRL : i->reg == 4 ? MMX_SRA : MMX_SLL;
    uint64_t r = mmx_shift(mm(c, i->rm), i->imm & 0xFF, bits, kind);
    mmx_enter(c);
    set_mm(c, i->rm, r);
}

/* ---- MOVD / MOVQ ----------------------------------------------------------- */

void op_movd_pq_ed_r(struct cpu *c, const struct insn *i)
{
    mmx_begin(c, i);
    uint32_t v = reg32(c, i->rm);
    mmx_enter(c);
    set_mm(c, i->reg, v);
}

void op_movd_pq_ed_m(struct cpu *c, const struct insn *i)
{
    mmx_begin(c, i);
    uint32_t v = mem_read32(c, i->seg, insn_ea(c, i));
    mmx_enter(c);
    set_mm(c, i->reg, v);
}

void op_movq_pq_qq_r(struct cpu *c, const struct insn *i)
{
    mmx_begin(c, i);
    uint64_t v = mm(c, i->rm);
    mmx_enter(c);
    set_mm(c, i->reg, v);
}

void op_movq_pq_qq_m(struct cpu *c, const struct insn *i)
{
    mmx_begin(c, i);
    uint64_t v = x87_read64(c, i->seg, insn_ea(c, i));
    mmx_enter(c);
    set_mm(c, i->reg, v);
}

void op_movd_ed_pq_r(struct cpu *c, const struct insn *i)
{
    mmx_begin(c, i);
    set_reg32(c, i->rm, (uint32_t)mm(c, i->reg));
    mmx_enter(c);
}

void op_movd_ed_pq_m(struct cpu *c, const struct insn *i)
{
    mmx_begin(c, i);
    mem_write32(c, i->seg, insn_ea(c, i), (uint32_t)mm(c, i->reg));
    mmx_enter(c);
}

void op_movq_qq_pq_r(struct cpu *c, const struct insn *i)
{
    mmx_begin(c, i);
    uint64_t v = mm(c, i->reg);
    mmx_enter(c);
    set_mm(c, i->rm, v);
}

void op_movq_qq_pq_m(struct cpu *c, const struct insn *i)
{
    mmx_begin(c, i);
    x87_write64(c, i->seg, insn_ea(c, i), mm(c, i->reg));
    mmx_enter(c);
}

/* ---- EMMS ------------------------------------------------------------------ */

void op_emms(struct cpu *c, const struct insn *i)
{
    mmx_begin(c, i);
    c->fpu.top = 0;       /* every MMX instruction, EMMS too (SDM Vol. 3, 12.2) */
    c->fpu.tw = 0xFFFF;
}
