/*
 * x87_arith.c - the x87 arithmetic instructions: FADD FMUL FSUB FSUBR
 * FDIV FDIVR in all their forms (m32fp, m64fp, m16int, m32int, ST(0) op
 * ST(i), ST(i) op ST(0), and the popping P forms), and the one-register
 * operations FSQRT FRNDINT FSCALE FXTRACT FPREM FPREM1.
 *
 * Follows the Intel SDM Vol. 2 pages of each instruction.  The numbers
 * come from the numeric core (cpu/fpu/f80.h); this file picks operands,
 * handles stack underflow/overflow (masked response: the QNaN
 * indefinite), and stores or withholds the result as the exception masks
 * say.  ModRM.reg numbers the operation (0 add, 1 mul, 4 sub, 5 subr,
 * 6 div, 7 divr); in the DC and DE register forms the SUB/SUBR and
 * DIV/DIVR encodings are swapped (DC E8+i is FSUB ST(i),ST(0)).
 */
#include "cpu/fpu/x87.h"

#include "cpu/cpu.h"
#include "cpu/fault.h"
#include "cpu/operand.h"
#include "cpu/ops/ops.h"

/* a op b, where a is the instruction's destination operand. */
static f80 arith(unsigned op, f80 a, f80 b, struct f80_env *env)
{
    switch (op & 7) {
    case 0: return f80_add(a, b, env);
    case 1: return f80_mul(a, b, env);
    case 4: return f80_sub(a, b, env);
    case 5: return f80_sub(b, a, env);
    case 6: return f80_div(a, b, env);
    default: return f80_div(b, a, env); /* 7; 2 and 3 are compares */
    }
}

/* ST(dst) = ST(dst) op ST(other), then pop if asked. */
static void arith_regs(struct cpu *c, const struct insn *i, unsigned op, unsigned dst,
                       unsigned other, bool pop)
{
    x87_begin(c);
    x87_note_insn(c, i);
    if (x87_empty(c, dst) || x87_empty(c, other)) {
        if (!x87_stack_underflow(c))
            return;
        x87_set_st(c, dst, f80_indefinite());
    } else {
        struct f80_env env = x87_env(c);
        f80 r = arith(op, x87_st(c, dst), x87_st(c, other), &env);
        x87_commit_flags(c, &env);
        if (!x87_result_ok(&env))
            return;
        x87_set_st(c, dst, r);
    }
    if (pop)
        x87_pop(c);
}

/* DC and DE register forms: swap SUB/SUBR and DIV/DIVR. */
static unsigned swapped(unsigned reg)
{
    return reg >= 4 ? reg ^ 1 : reg;
}

void op_farith_st_sti_r(struct cpu *c, const struct insn *i)
{
    arith_regs(c, i, i->reg, 0, i->rm, false);
}

void op_farith_sti_st_r(struct cpu *c, const struct insn *i)
{
    arith_regs(c, i, swapped(i->reg), i->rm, 0, false);
}

void op_farithp_sti_st_r(struct cpu *c, const struct insn *i)
{
    arith_regs(c, i, swapped(i->reg), i->rm, 0, true);
}

/* ST(0) = ST(0) op m, m already converted (with its own flags in env). */
static void arith_mem(struct cpu *c, const struct insn *i, f80 m, struct f80_env *env)
{
    x87_note_insn_mem(c, i);
    if (x87_empty(c, 0)) {
        if (x87_stack_underflow(c))
            x87_set_st(c, 0, f80_indefinite());
        return;
    }
    f80 r = m;
    if (x87_result_ok(env))
        r = arith(i->reg, x87_st(c, 0), m, env);
    x87_commit_flags(c, env);
    if (x87_result_ok(env))
        x87_set_st(c, 0, r);
}

void op_farith_m32_m(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    uint32_t bits = mem_read32(c, i->seg, insn_ea(c, i));
    struct f80_env env = x87_env(c);
    arith_mem(c, i, f80_from_f32(bits, &env), &env);
}

void op_farith_m64_m(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    uint64_t bits = x87_read64(c, i->seg, insn_ea(c, i));
    struct f80_env env = x87_env(c);
    arith_mem(c, i, f80_from_f64(bits, &env), &env);
}

void op_fiarith_m32_m(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    int32_t v = (int32_t)mem_read32(c, i->seg, insn_ea(c, i));
    struct f80_env env = x87_env(c);
    arith_mem(c, i, f80_from_int(v), &env);
}

void op_fiarith_m16_m(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    int16_t v = (int16_t)mem_read16(c, i->seg, insn_ea(c, i));
    struct f80_env env = x87_env(c);
    arith_mem(c, i, f80_from_int(v), &env);
}

/* ---- one-operand and ST(0),ST(1) operations ---------------------------- */

/* Common frame: ST(0) (and ST(1) when `two`) must be present. */
static bool operands_present(struct cpu *c, bool two)
{
    if (x87_empty(c, 0) || (two && x87_empty(c, 1))) {
        if (x87_stack_underflow(c))
            x87_set_st(c, 0, f80_indefinite());
        return false;
    }
    return true;
}

static void unary(struct cpu *c, const struct insn *i, f80 (*fn)(f80, struct f80_env *))
{
    x87_begin(c);
    x87_note_insn(c, i);
    if (!operands_present(c, false))
        return;
    struct f80_env env = x87_env(c);
    f80 r = fn(x87_st(c, 0), &env);
    x87_commit_flags(c, &env);
    if (x87_result_ok(&env))
        x87_set_st(c, 0, r);
}

void op_fsqrt(struct cpu *c, const struct insn *i) { unary(c, i, f80_sqrt); }
void op_frndint(struct cpu *c, const struct insn *i) { unary(c, i, f80_round_to_int); }

void op_fscale(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    x87_note_insn(c, i);
    if (!operands_present(c, true))
        return;
    struct f80_env env = x87_env(c);
    f80 r = f80_scale(x87_st(c, 0), x87_st(c, 1), &env);
    x87_commit_flags(c, &env);
    if (x87_result_ok(&env))
        x87_set_st(c, 0, r);
}

/* ST(0) becomes the exponent, then the significand is pushed. */
void op_fxtract(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    x87_note_insn(c, i);
    if (x87_empty(c, 0) || !x87_empty(c, 7)) {
        bool masked = x87_empty(c, 0) ? x87_stack_underflow(c) : x87_stack_overflow(c);
        if (masked) {
            x87_set_st(c, 0, f80_indefinite());
            x87_push(c, f80_indefinite());
        }
        return;
    }
    struct f80_env env = x87_env(c);
    f80 exponent;
    f80 sig = f80_xtract(x87_st(c, 0), &exponent, &env);
    x87_commit_flags(c, &env);
    if (!x87_result_ok(&env))
        return;
    x87_set_st(c, 0, exponent);
    x87_push(c, sig);
}

/* FPREM (D9 F8) and FPREM1 (D9 F5).  C2 = reduction incomplete; when
 * complete, C0 C3 C1 = quotient bits 2, 1, 0 (SDM Vol. 2 FPREM).  When
 * incomplete, C0 C1 C3 are cleared (what the host x87 does, measured by
 * tests/fpu). */
static void prem(struct cpu *c, const struct insn *i, bool nearest)
{
    x87_begin(c);
    x87_note_insn(c, i);
    if (!operands_present(c, true))
        return;
    struct f80_env env = x87_env(c);
    unsigned q;
    bool incomplete;
    f80 r = f80_rem(x87_st(c, 0), x87_st(c, 1), nearest, &q, &incomplete, &env);
    x87_raise_flags(c, env.flags);
    if (!x87_result_ok(&env))
        return;
    x87_set_st(c, 0, r);
    if (incomplete) {
        x87_set_cc(c, X87_SW_C2, X87_SW_CC);
    } else {
        uint16_t cc = (uint16_t)(((q & 4) ? X87_SW_C0 : 0) | ((q & 2) ? X87_SW_C3 : 0) |
                                 ((q & 1) ? X87_SW_C1 : 0));
        x87_set_cc(c, cc, X87_SW_CC);
    }
}

void op_fprem(struct cpu *c, const struct insn *i) { prem(c, i, false); }
void op_fprem1(struct cpu *c, const struct insn *i) { prem(c, i, true); }
