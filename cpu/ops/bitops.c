/*
 * bitops.c - single-bit test and modify, and bit scans: BT BTS BTR BTC
 * (0F A3/AB/B3/BB Ev,Gv and group 0F BA /4-/7 Ev,Ib), BSF and BSR
 * (0F BC/BD).  Intel SDM Vol. 2, "BT", "BTS", "BTR", "BTC", "BSF", "BSR".
 *
 * Bit offsets: a register operand and an immediate offset are taken
 * modulo the operand width.  A memory operand with a register offset
 * reaches outside the operand: the offset is signed (16 or 32 bits, by
 * operand size), the word or dword (offset >> 4 or >> 5, rounding towards
 * minus infinity) is addressed relative to the effective address, and the
 * sum wraps to the address size.  BTS/BTR/BTC always write their operand
 * back, so a read-only destination faults whether or not the bit changes.
 *
 * Flags: BT* set CF to the old bit and leave every other flag alone (ZF
 * is "unaffected" in the SDM; OF SF AF PF are undefined, and the Intel
 * parts we compared against keep them too).  BSF/BSR set ZF when the
 * source is zero and then leave the destination unchanged, as P6 parts
 * do.  CF OF SF AF PF are undefined; we follow the Intel host we checked
 * (tests/host): CF OF SF AF cleared, PF the parity of the bit index found,
 * PF = 1 for a zero source.
 */
#include "cpu/ops/ops.h"

#include "cpu/cpu.h"
#include "cpu/flags.h"
#include "cpu/operand.h"
#include "cpu/regs.h"

enum bit_op { BIT_TEST, BIT_SET, BIT_RESET, BIT_COMPLEMENT };

static inline uint32_t bit_apply(enum bit_op op, uint32_t v, unsigned bit)
{
    uint32_t m = 1u << bit;
    switch (op) {
    case BIT_SET: return v | m;
    case BIT_RESET: return v & ~m;
    case BIT_COMPLEMENT: return v ^ m;
    default: return v;
    }
}

static inline void set_cf_only(struct cpu *c, unsigned cf)
{
    cpu_set_eflags(c, cf ? FLAG_CF : 0, FLAG_CF);
}

/* Register destination, bit number `offset` modulo the width. */
static void bit_r(struct cpu *c, const struct insn *i, enum bit_op op, uint32_t offset)
{
    unsigned size = i->osize, bit = offset & (size * 8 - 1);
    uint32_t v = read_er(c, i, size);
    if (op != BIT_TEST)
        write_er(c, i, size, bit_apply(op, v, bit));
    set_cf_only(c, (v >> bit) & 1);
}

/* Memory destination at `ea` (already displaced for a register offset). */
static void bit_m_at(struct cpu *c, const struct insn *i, enum bit_op op, uint32_t ea, unsigned bit)
{
    unsigned size = i->osize;
    uint32_t v = mem_read(c, i->seg, ea, size);
    if (op != BIT_TEST)
        mem_write(c, i->seg, ea, size, bit_apply(op, v, bit));
    set_cf_only(c, (v >> bit) & 1);
}

/* Memory destination, bit offset from a register: may leave the operand. */
static void bit_m_reg(struct cpu *c, const struct insn *i, enum bit_op op)
{
    unsigned size = i->osize, bits = size * 8;
    uint32_t raw = read_g(c, i, size);
    int64_t off = size == 2 ? (int64_t)(int16_t)(uint16_t)raw : (int64_t)(int32_t)raw;
    /* Floor division by the width, without relying on >> of a negative. */
    int64_t unit = off >= 0 ? off / bits : -((-off + bits - 1) / bits);
    uint32_t ea = insn_ea(c, i) + (uint32_t)((uint64_t)unit * size);
    if (i->asize == 2)
        ea &= 0xFFFF;
    bit_m_at(c, i, op, ea, (unsigned)(raw & (bits - 1)));
}

static void bit_m_imm(struct cpu *c, const struct insn *i, enum bit_op op)
{
    bit_m_at(c, i, op, insn_ea(c, i), i->imm & (i->osize * 8 - 1));
}

#define BIT_FAMILY(name, OP)                                                                        \
    void op_##name##_ev_gv_r(struct cpu *c, const struct insn *i) { bit_r(c, i, OP, read_g(c, i, i->osize)); } \
    void op_##name##_ev_gv_m(struct cpu *c, const struct insn *i) { bit_m_reg(c, i, OP); }          \
    void op_##name##_ev_ib_r(struct cpu *c, const struct insn *i) { bit_r(c, i, OP, i->imm); }      \
    void op_##name##_ev_ib_m(struct cpu *c, const struct insn *i) { bit_m_imm(c, i, OP); }

BIT_FAMILY(bt, BIT_TEST)
BIT_FAMILY(bts, BIT_SET)
BIT_FAMILY(btr, BIT_RESET)
BIT_FAMILY(btc, BIT_COMPLEMENT)

/* ---- BSF / BSR ------------------------------------------------------------ */

static void bit_scan(struct cpu *c, const struct insn *i, uint32_t src, bool reverse)
{
    unsigned size = i->osize;
    src &= size_mask(size);
    if (src == 0) {
        cpu_set_eflags(c, FLAG_ZF | FLAG_PF, FLAGS_ARITH);
        return;
    }
    unsigned n = 0;
    if (reverse) {
        n = size * 8 - 1;
        while (!((src >> n) & 1))
            n--;
    } else {
        while (!((src >> n) & 1))
            n++;
    }
    write_g(c, i, size, n);
    cpu_set_eflags(c, parity_even(n) ? FLAG_PF : 0, FLAGS_ARITH);
}

void op_bsf_gv_ev_r(struct cpu *c, const struct insn *i) { bit_scan(c, i, read_er(c, i, i->osize), false); }
void op_bsf_gv_ev_m(struct cpu *c, const struct insn *i) { bit_scan(c, i, read_em(c, i, i->osize), false); }
void op_bsr_gv_ev_r(struct cpu *c, const struct insn *i) { bit_scan(c, i, read_er(c, i, i->osize), true); }
void op_bsr_gv_ev_m(struct cpu *c, const struct insn *i) { bit_scan(c, i, read_em(c, i, i->osize), true); }
