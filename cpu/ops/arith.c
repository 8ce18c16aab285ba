/*
 * arith.c - the integer arithmetic and logic family: ADD OR ADC SBB AND SUB
 * XOR CMP in all their shapes (opcodes 00-3D, 80-83), TEST (84, 85, A8,
 * A9, F6/F7 /0 /1), INC and DEC (40-4F, FE, FF /0 /1), NOT and NEG (F6/F7
 * /2 /3).  Intel SDM Vol. 2, the instruction pages of each mnemonic.
 *
 * The arithmetic itself is in alu.h; here are the operand shapes.  Every
 * read-modify-write form with a memory destination reads the operand,
 * computes into locals, writes memory (the last access that can fault),
 * and only then records the flags.  CMP and TEST never write their
 * destination.  A legal LOCK prefix needs nothing here: the emulator runs
 * one CPU and no device sees the bus between our read and our write.
 *
 * AF, which the SDM leaves undefined after AND, OR, XOR and TEST, is
 * cleared, as Bochs and QEMU do (the 286 vectors mask it).  Not here: the
 * multiply/divide group (muldiv.c), BCD adjustments (bcd.c), shifts
 * (shift.c).
 */
#include "cpu/ops/ops.h"

#include "cpu/operand.h"
#include "cpu/ops/alu.h"

/* ops.h undefines its HANDLER macro; this one opens a definition. */
#define DEF_HANDLER(name) void name(struct cpu *c, const struct insn *i)

/* ---- the eight ALU operations ------------------------------------------ */

static inline bool alu_writes(enum alu_op op)
{
    return op != ALU_CMP;
}

/* E op= G, E a register. */
static inline void alu_e_g_r(struct cpu *c, const struct insn *i, enum alu_op op, unsigned size)
{
    struct alu_out o = alu_compute(op, read_er(c, i, size), read_g(c, i, size), flag_cf(c), size);
    if (alu_writes(op))
        write_er(c, i, size, o.res);
    alu_commit(c, o, size);
}

/* E op= G, E in memory. */
static inline void alu_e_g_m(struct cpu *c, const struct insn *i, enum alu_op op, unsigned size)
{
    uint32_t ea = insn_ea(c, i);
    uint32_t a = mem_read(c, i->seg, ea, size);
    struct alu_out o = alu_compute(op, a, read_g(c, i, size), flag_cf(c), size);
    if (alu_writes(op))
        mem_write(c, i->seg, ea, size, o.res);
    alu_commit(c, o, size);
}

/* G op= E, E a register. */
static inline void alu_g_e_r(struct cpu *c, const struct insn *i, enum alu_op op, unsigned size)
{
    struct alu_out o = alu_compute(op, read_g(c, i, size), read_er(c, i, size), flag_cf(c), size);
    if (alu_writes(op))
        write_g(c, i, size, o.res);
    alu_commit(c, o, size);
}

/* G op= E, E in memory. */
static inline void alu_g_e_m(struct cpu *c, const struct insn *i, enum alu_op op, unsigned size)
{
    uint32_t b = read_em(c, i, size);
    struct alu_out o = alu_compute(op, read_g(c, i, size), b, flag_cf(c), size);
    if (alu_writes(op))
        write_g(c, i, size, o.res);
    alu_commit(c, o, size);
}

/* AL/eAX op= immediate. */
static inline void alu_acc_imm(struct cpu *c, const struct insn *i, enum alu_op op, unsigned size)
{
    struct alu_out o = alu_compute(op, reg_get(c, REG_AX, size), i->imm, flag_cf(c), size);
    if (alu_writes(op))
        reg_set(c, REG_AX, size, o.res);
    alu_commit(c, o, size);
}

/* E op= immediate (group 1: Eb,Ib / Ev,Iz / Ev,Ibs; the decoder already
 * sign-extended Ibs), E a register. */
static inline void alu_e_imm_r(struct cpu *c, const struct insn *i, enum alu_op op, unsigned size)
{
    struct alu_out o = alu_compute(op, read_er(c, i, size), i->imm, flag_cf(c), size);
    if (alu_writes(op))
        write_er(c, i, size, o.res);
    alu_commit(c, o, size);
}

/* E op= immediate, E in memory. */
static inline void alu_e_imm_m(struct cpu *c, const struct insn *i, enum alu_op op, unsigned size)
{
    uint32_t ea = insn_ea(c, i);
    uint32_t a = mem_read(c, i->seg, ea, size);
    struct alu_out o = alu_compute(op, a, i->imm, flag_cf(c), size);
    if (alu_writes(op))
        mem_write(c, i->seg, ea, size, o.res);
    alu_commit(c, o, size);
}

/* One operation in all sixteen handler shapes. */
#define ALU_FAMILY(name, OP)                                                  \
    DEF_HANDLER(op_##name##_eb_gb_r) { alu_e_g_r(c, i, OP, 1); }              \
    DEF_HANDLER(op_##name##_eb_gb_m) { alu_e_g_m(c, i, OP, 1); }              \
    DEF_HANDLER(op_##name##_ev_gv_r) { alu_e_g_r(c, i, OP, i->osize); }       \
    DEF_HANDLER(op_##name##_ev_gv_m) { alu_e_g_m(c, i, OP, i->osize); }       \
    DEF_HANDLER(op_##name##_gb_eb_r) { alu_g_e_r(c, i, OP, 1); }              \
    DEF_HANDLER(op_##name##_gb_eb_m) { alu_g_e_m(c, i, OP, 1); }              \
    DEF_HANDLER(op_##name##_gv_ev_r) { alu_g_e_r(c, i, OP, i->osize); }       \
    DEF_HANDLER(op_##name##_gv_ev_m) { alu_g_e_m(c, i, OP, i->osize); }       \
    DEF_HANDLER(op_##name##_al_ib) { alu_acc_imm(c, i, OP, 1); }              \
    DEF_HANDLER(op_##name##_eax_iz) { alu_acc_imm(c, i, OP, i->osize); }      \
    DEF_HANDLER(op_##name##_eb_ib_r) { alu_e_imm_r(c, i, OP, 1); }            \
    DEF_HANDLER(op_##name##_eb_ib_m) { alu_e_imm_m(c, i, OP, 1); }            \
    DEF_HANDLER(op_##name##_ev_iz_r) { alu_e_imm_r(c, i, OP, i->osize); }     \
    DEF_HANDLER(op_##name##_ev_iz_m) { alu_e_imm_m(c, i, OP, i->osize); }     \
    DEF_HANDLER(op_##name##_ev_ibs_r) { alu_e_imm_r(c, i, OP, i->osize); }    \
    DEF_HANDLER(op_##name##_ev_ibs_m) { alu_e_imm_m(c, i, OP, i->osize); }

ALU_FAMILY(add, ALU_ADD)
ALU_FAMILY(or, ALU_OR)
ALU_FAMILY(adc, ALU_ADC)
ALU_FAMILY(sbb, ALU_SBB)
ALU_FAMILY(and, ALU_AND)
ALU_FAMILY(sub, ALU_SUB)
ALU_FAMILY(xor, ALU_XOR)
ALU_FAMILY(cmp, ALU_CMP)

/* ---- TEST: AND that only sets the flags -------------------------------- */

static inline void test_flags(struct cpu *c, uint32_t a, uint32_t b, unsigned size)
{
    alu_commit(c, alu_compute(ALU_AND, a, b, 0, size), size);
}

static inline void test_e_g_r(struct cpu *c, const struct insn *i, unsigned size)
{
    test_flags(c, read_er(c, i, size), read_g(c, i, size), size);
}

static inline void test_e_g_m(struct cpu *c, const struct insn *i, unsigned size)
{
    test_flags(c, read_em(c, i, size), read_g(c, i, size), size);
}

DEF_HANDLER(op_test_eb_gb_r) { test_e_g_r(c, i, 1); }
DEF_HANDLER(op_test_eb_gb_m) { test_e_g_m(c, i, 1); }
DEF_HANDLER(op_test_ev_gv_r) { test_e_g_r(c, i, i->osize); }
DEF_HANDLER(op_test_ev_gv_m) { test_e_g_m(c, i, i->osize); }
DEF_HANDLER(op_test_al_ib) { test_flags(c, reg_get(c, REG_AX, 1), i->imm, 1); }
DEF_HANDLER(op_test_eax_iz) { test_flags(c, reg_get(c, REG_AX, i->osize), i->imm, i->osize); }
DEF_HANDLER(op_test_eb_ib_r) { test_flags(c, read_er(c, i, 1), i->imm, 1); }
DEF_HANDLER(op_test_eb_ib_m) { test_flags(c, read_em(c, i, 1), i->imm, 1); }
DEF_HANDLER(op_test_ev_iz_r) { test_flags(c, read_er(c, i, i->osize), i->imm, i->osize); }
DEF_HANDLER(op_test_ev_iz_m) { test_flags(c, read_em(c, i, i->osize), i->imm, i->osize); }

/* ---- INC / DEC: like ADD/SUB 1, but CF is kept ------------------------- */

static inline struct alu_out incdec_compute(uint32_t a, bool dec, unsigned size)
{
    uint64_t m = size_mask(size), x = a & m;
    uint64_t r = (dec ? x - 1 : x + 1) & m;
    uint64_t cout = dec ? carry_out_sub(x, 1, r) : carry_out_add(x, 1, r);
    return (struct alu_out){ (uint32_t)r, cout };
}

static inline void incdec_commit(struct cpu *c, struct alu_out o, unsigned size)
{
    lazy_set_keep_cf(c, o.res, o.cout, size * 8, flag_cf(c));
}

/* Register number r (the +r forms and the register form of FE/FF). */
static inline void incdec_reg(struct cpu *c, unsigned r, bool dec, unsigned size)
{
    struct alu_out o = incdec_compute(reg_get(c, r, size), dec, size);
    reg_set(c, r, size, o.res);
    incdec_commit(c, o, size);
}

static inline void incdec_m(struct cpu *c, const struct insn *i, bool dec, unsigned size)
{
    uint32_t ea = insn_ea(c, i);
    struct alu_out o = incdec_compute(mem_read(c, i->seg, ea, size), dec, size);
    mem_write(c, i->seg, ea, size, o.res);
    incdec_commit(c, o, size);
}

/* 40-4F: the decoder put the register from the opcode's low bits in reg. */
DEF_HANDLER(op_inc_zv) { incdec_reg(c, i->reg, false, i->osize); }
DEF_HANDLER(op_dec_zv) { incdec_reg(c, i->reg, true, i->osize); }
DEF_HANDLER(op_inc_eb_r) { incdec_reg(c, i->rm, false, 1); }
DEF_HANDLER(op_inc_eb_m) { incdec_m(c, i, false, 1); }
DEF_HANDLER(op_dec_eb_r) { incdec_reg(c, i->rm, true, 1); }
DEF_HANDLER(op_dec_eb_m) { incdec_m(c, i, true, 1); }
DEF_HANDLER(op_inc_ev_r) { incdec_reg(c, i->rm, false, i->osize); }
DEF_HANDLER(op_inc_ev_m) { incdec_m(c, i, false, i->osize); }
DEF_HANDLER(op_dec_ev_r) { incdec_reg(c, i->rm, true, i->osize); }
DEF_HANDLER(op_dec_ev_m) { incdec_m(c, i, true, i->osize); }

/* ---- NOT (no flags) and NEG (flags of 0 - E; CF = E != 0) -------------- */

static inline void not_r(struct cpu *c, const struct insn *i, unsigned size)
{
    write_er(c, i, size, ~read_er(c, i, size));
}

static inline void not_m(struct cpu *c, const struct insn *i, unsigned size)
{
    uint32_t ea = insn_ea(c, i);
    mem_write(c, i->seg, ea, size, ~mem_read(c, i->seg, ea, size));
}

static inline void neg_r(struct cpu *c, const struct insn *i, unsigned size)
{
    struct alu_out o = alu_compute(ALU_SUB, 0, read_er(c, i, size), 0, size);
    write_er(c, i, size, o.res);
    alu_commit(c, o, size);
}

static inline void neg_m(struct cpu *c, const struct insn *i, unsigned size)
{
    uint32_t ea = insn_ea(c, i);
    struct alu_out o = alu_compute(ALU_SUB, 0, mem_read(c, i->seg, ea, size), 0, size);
    mem_write(c, i->seg, ea, size, o.res);
    alu_commit(c, o, size);
}

DEF_HANDLER(op_not_eb_r) { not_r(c, i, 1); }
DEF_HANDLER(op_not_eb_m) { not_m(c, i, 1); }
DEF_HANDLER(op_not_ev_r) { not_r(c, i, i->osize); }
DEF_HANDLER(op_not_ev_m) { not_m(c, i, i->osize); }
DEF_HANDLER(op_neg_eb_r) { neg_r(c, i, 1); }
DEF_HANDLER(op_neg_eb_m) { neg_m(c, i, 1); }
DEF_HANDLER(op_neg_ev_r) { neg_r(c, i, i->osize); }
DEF_HANDLER(op_neg_ev_m) { neg_m(c, i, i->osize); }
