/*
 * ext.c - the 386-P6 two-byte forms that widen or reshape an operand
 * without a family of their own: MOVZX and MOVSX (0F B6/B7, 0F BE/BF),
 * the two-operand IMUL Gv,Ev (0F AF), BSWAP (0F C8+r) and the long NOP
 * space (0F 18-1F).  Intel SDM Vol. 2, the page of each mnemonic, and
 * Vol. 2 Appendix A for the NOP and hint-NOP rows.
 *
 * Choices where the SDM leaves room:
 *  - IMUL Gv,Ev sets CF = OF = "the product did not fit"; SF ZF AF PF are
 *    undefined, and are set here like the other IMUL forms (muldiv.c):
 *    SF ZF PF from the truncated result, AF cleared.
 *  - BSWAP with a 16-bit operand is undefined.  The Intel parts we checked
 *    (tests/host) clear the low word and leave the upper word alone; we do
 *    the same.
 *  - 0F 1F /0 is the documented multi-byte NOP.  A P6 decodes all of
 *    0F 18-1F as ModRM instructions that do nothing (the "hint NOP" space;
 *    0F 18 /0-/3 later became PREFETCHh, which also never faults).  A
 *    memory operand is never accessed, so these cannot fault; LOCK is #UD.
 * Not here: CMOVcc and SETcc (cond.c), BSF/BSR (bitops.c).
 */
#include "cpu/ops/ops.h"

#include "cpu/cpu.h"
#include "cpu/flags.h"
#include "cpu/operand.h"
#include "cpu/regs.h"

/* ---- MOVZX / MOVSX ------------------------------------------------------ */

static inline uint32_t sign_extend_from(uint32_t v, unsigned from_size)
{
    uint32_t top = 1u << (from_size * 8 - 1);
    uint32_t low = v & size_mask(from_size);
    return (low ^ top) - top; /* wraps in unsigned arithmetic: no UB */
}

void op_movzx_gv_eb_r(struct cpu *c, const struct insn *i) { write_g(c, i, i->osize, read_er(c, i, 1)); }
void op_movzx_gv_eb_m(struct cpu *c, const struct insn *i) { write_g(c, i, i->osize, read_em(c, i, 1)); }
void op_movzx_gv_ew_r(struct cpu *c, const struct insn *i) { write_g(c, i, i->osize, read_er(c, i, 2)); }
void op_movzx_gv_ew_m(struct cpu *c, const struct insn *i) { write_g(c, i, i->osize, read_em(c, i, 2)); }

void op_movsx_gv_eb_r(struct cpu *c, const struct insn *i)
{
    write_g(c, i, i->osize, sign_extend_from(read_er(c, i, 1), 1));
}

void op_movsx_gv_eb_m(struct cpu *c, const struct insn *i)
{
    write_g(c, i, i->osize, sign_extend_from(read_em(c, i, 1), 1));
}

void op_movsx_gv_ew_r(struct cpu *c, const struct insn *i)
{
    write_g(c, i, i->osize, sign_extend_from(read_er(c, i, 2), 2));
}

void op_movsx_gv_ew_m(struct cpu *c, const struct insn *i)
{
    write_g(c, i, i->osize, sign_extend_from(read_em(c, i, 2), 2));
}

/* ---- IMUL Gv,Ev ----------------------------------------------------------- */

static void imul_g_by(struct cpu *c, const struct insn *i, uint32_t src)
{
    unsigned size = i->osize;
    int64_t a = (int32_t)sign_extend_from(read_g(c, i, size), size);
    int64_t b = (int32_t)sign_extend_from(src, size);
    int64_t prod = a * b; /* |a|, |b| <= 2^31: the product fits in 63 bits */
    uint32_t low = (uint32_t)((uint64_t)prod & size_mask(size));
    unsigned big = (int64_t)(int32_t)sign_extend_from(low, size) != prod;
    write_g(c, i, size, low);
    lazy_set_explicit(c, low, size * 8, big, big, 0);
}

void op_imul_gv_ev_r(struct cpu *c, const struct insn *i) { imul_g_by(c, i, read_er(c, i, i->osize)); }
void op_imul_gv_ev_m(struct cpu *c, const struct insn *i) { imul_g_by(c, i, read_em(c, i, i->osize)); }

/* ---- BSWAP ---------------------------------------------------------------- */

void op_bswap_zv(struct cpu *c, const struct insn *i)
{
    if (i->osize == 2) {
        set_reg16(c, i->reg, 0);
        return;
    }
    uint32_t v = reg32(c, i->reg);
    v = (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24);
    set_reg32(c, i->reg, v);
}

/* ---- NOP Ev and the hint-NOP space ---------------------------------------- */

void op_nop_ev(struct cpu *c, const struct insn *i)
{
    (void)c;
    (void)i;
}
