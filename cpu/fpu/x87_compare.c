/*
 * x87_compare.c - the x87 comparisons and classification: FCOM FCOMP
 * FCOMPP, FUCOM FUCOMP FUCOMPP, FICOM FICOMP, FTST, FXAM, and the P6's
 * FCOMI FCOMIP FUCOMI FUCOMIP that set EFLAGS.
 *
 * Follows the Intel SDM Vol. 2 pages.  Condition codes: greater 000,
 * less C0, equal C3, unordered C3 C2 C0; C1 cleared.  FCOMI sets ZF PF CF
 * the same way and clears OF SF AF.  An empty operand is a stack
 * underflow (masked: unordered).  An unmasked invalid operation leaves
 * the condition codes and the stack as they were (the instruction does
 * not complete).  The aliases DC D0+i / D8+i and DE D0+i (FCOM2, FCOMP3,
 * FCOMP5 in some listings) a P6 executes share these handlers.
 */
#include "cpu/fpu/x87.h"

#include "cpu/cpu.h"
#include "cpu/flags.h"
#include "cpu/operand.h"
#include "cpu/ops/ops.h"

static uint16_t relation_cc(enum f80_relation r)
{
    switch (r) {
    case F80_LESS: return X87_SW_C0;
    case F80_EQUAL: return X87_SW_C3;
    case F80_GREATER: return 0;
    default: return X87_SW_C0 | X87_SW_C2 | X87_SW_C3;
    }
}

/* Compares ST(0) with b (b_empty: b came from an empty register), sets
 * the condition codes and pops `pops` times.  m_env carries the flags of
 * a memory operand's conversion. */
static void compare(struct cpu *c, f80 b, bool b_empty, bool quiet, unsigned pops,
                    struct f80_env *env)
{
    uint16_t cc;
    if (x87_empty(c, 0) || b_empty) {
        if (!x87_stack_underflow(c))
            return;
        cc = relation_cc(F80_UNORDERED);
    } else {
        enum f80_relation r = F80_UNORDERED;
        if (x87_result_ok(env))
            r = f80_compare(x87_st(c, 0), b, quiet, env);
        x87_raise_flags(c, env->flags);
        if (!x87_result_ok(env))
            return;
        cc = relation_cc(r);
    }
    x87_set_cc(c, cc, X87_SW_CC);
    while (pops--)
        x87_pop(c);
}

static void compare_reg(struct cpu *c, const struct insn *i, unsigned st, bool quiet,
                        unsigned pops)
{
    x87_begin(c);
    x87_note_insn(c, i);
    struct f80_env env = x87_env(c);
    compare(c, x87_st(c, st), x87_empty(c, st), quiet, pops, &env);
}

void op_fcom_sti_r(struct cpu *c, const struct insn *i) { compare_reg(c, i, i->rm, false, 0); }
void op_fcomp_sti_r(struct cpu *c, const struct insn *i) { compare_reg(c, i, i->rm, false, 1); }
void op_fcompp(struct cpu *c, const struct insn *i) { compare_reg(c, i, 1, false, 2); }
void op_fucom_sti_r(struct cpu *c, const struct insn *i) { compare_reg(c, i, i->rm, true, 0); }
void op_fucomp_sti_r(struct cpu *c, const struct insn *i) { compare_reg(c, i, i->rm, true, 1); }
void op_fucompp(struct cpu *c, const struct insn *i) { compare_reg(c, i, 1, true, 2); }

/* Memory forms: ModRM.reg 2 compares, 3 compares and pops. */
void op_fcom_m32_m(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    uint32_t bits = mem_read32(c, i->seg, insn_ea(c, i));
    x87_note_insn_mem(c, i);
    struct f80_env env = x87_env(c);
    f80 b = f80_from_f32(bits, &env);
    compare(c, b, false, false, i->reg == 3, &env);
}

void op_fcom_m64_m(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    uint64_t bits = x87_read64(c, i->seg, insn_ea(c, i));
    x87_note_insn_mem(c, i);
    struct f80_env env = x87_env(c);
    f80 b = f80_from_f64(bits, &env);
    compare(c, b, false, false, i->reg == 3, &env);
}

void op_ficom_m32_m(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    int32_t v = (int32_t)mem_read32(c, i->seg, insn_ea(c, i));
    x87_note_insn_mem(c, i);
    struct f80_env env = x87_env(c);
    compare(c, f80_from_int(v), false, false, i->reg == 3, &env);
}

void op_ficom_m16_m(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    int16_t v = (int16_t)mem_read16(c, i->seg, insn_ea(c, i));
    x87_note_insn_mem(c, i);
    struct f80_env env = x87_env(c);
    compare(c, f80_from_int(v), false, false, i->reg == 3, &env);
}

void op_ftst(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    x87_note_insn(c, i);
    struct f80_env env = x87_env(c);
    compare(c, f80_zero(false), false, false, 0, &env);
}

/* FXAM: C1 = sign; C3 C2 C0 = class (SDM Vol. 2 FXAM table). */
void op_fxam(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    x87_note_insn(c, i);
    f80 v = x87_st(c, 0);
    uint16_t cc;
    if (x87_empty(c, 0)) {
        cc = X87_SW_C3 | X87_SW_C0;
    } else {
        switch (f80_classify(v)) {
        case F80_UNSUPPORTED: cc = 0; break;
        case F80_QNAN: case F80_SNAN: cc = X87_SW_C0; break;
        case F80_NORMAL: cc = X87_SW_C2; break;
        case F80_INF: cc = X87_SW_C2 | X87_SW_C0; break;
        case F80_ZERO: cc = X87_SW_C3; break;
        default: cc = X87_SW_C3 | X87_SW_C2; break; /* denormal */
        }
    }
    if (v.se & 0x8000)
        cc |= X87_SW_C1;
    x87_set_cc(c, cc, X87_SW_CC);
}

/* FCOMI/FUCOMI (DB /6, /5) and FCOMIP/FUCOMIP (DF /6, /5): ModRM.reg 5
 * is the quiet one, opcode DF pops. */
void op_fcomi_sti_r(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    x87_note_insn(c, i);
    bool quiet = i->reg == 5, pop = i->opcode == 0xDF;
    enum f80_relation r;
    if (x87_empty(c, 0) || x87_empty(c, i->rm)) {
        if (!x87_stack_underflow(c))
            return;
        r = F80_UNORDERED;
    } else {
        struct f80_env env = x87_env(c);
        r = f80_compare(x87_st(c, 0), x87_st(c, i->rm), quiet, &env);
        x87_raise_flags(c, env.flags);
        if (!x87_result_ok(&env))
            return;
        x87_set_cc(c, 0, X87_SW_C1);
    }
    uint32_t fl = r == F80_LESS ? FLAG_CF : r == F80_EQUAL ? FLAG_ZF
                : r == F80_GREATER ? 0 : FLAG_ZF | FLAG_PF | FLAG_CF;
    cpu_set_eflags(c, fl, FLAGS_ARITH);
    if (pop)
        x87_pop(c);
}
