/*
 * x87_trans.c - the x87 transcendental instructions: FSIN FCOS FSINCOS
 * FPTAN (D9 FE FF FB F2), FPATAN (D9 F3), F2XM1 (D9 F0), FYL2X (D9 F1),
 * FYL2XP1 (D9 F9).
 *
 * Follows the Intel SDM Vol. 2 pages: an operand with |x| >= 2^63 leaves
 * FSIN/FCOS/FSINCOS/FPTAN's stack unchanged and sets C2 (C2 is cleared
 * otherwise); FPTAN pushes 1.0 after the tangent, FSINCOS pushes the
 * cosine after replacing ST(0) by the sine; FPATAN, FYL2X and FYL2XP1
 * store into ST(1) and pop.  The values come from the numeric core
 * (f80_sin ... in cpu/fpu/f80.h); C1 reports its rounding.
 */
#include "cpu/fpu/x87.h"

#include "cpu/cpu.h"
#include "cpu/ops/ops.h"

typedef f80 (*trig_fn)(f80, bool *, struct f80_env *);

/* Stack checks for an instruction that reads ST(0) (and ST(1) when
 * `two`) and pushes one result when `pushes`.  On a fault, the masked
 * response: the destination(s) get the indefinite. */
static bool stack_ok(struct cpu *c, bool two, bool pushes)
{
    bool under = x87_empty(c, 0) || (two && x87_empty(c, 1));
    bool over = pushes && !x87_empty(c, 7);
    if (!under && !over)
        return true;
    bool masked = under ? x87_stack_underflow(c) : x87_stack_overflow(c);
    if (masked) {
        if (two) {
            x87_set_st(c, 1, f80_indefinite());
            x87_pop(c);
        } else {
            x87_set_st(c, 0, f80_indefinite());
            if (pushes)
                x87_push(c, f80_indefinite());
        }
    }
    return false;
}

static void trig(struct cpu *c, const struct insn *i, trig_fn fn, bool push_one)
{
    x87_begin(c);
    x87_note_insn(c, i);
    if (!stack_ok(c, false, push_one))
        return;
    struct f80_env env = x87_env(c);
    bool out_of_range = false;
    f80 r = fn(x87_st(c, 0), &out_of_range, &env);
    if (out_of_range) {
        x87_raise_flags(c, env.flags);
        x87_set_cc(c, X87_SW_C2, X87_SW_C2);
        return;
    }
    x87_commit_flags(c, &env);
    x87_set_cc(c, 0, X87_SW_C2);
    if (!x87_result_ok(&env))
        return;
    x87_set_st(c, 0, r);
    if (push_one)
        x87_push(c, f80_one());
}

void op_fsin(struct cpu *c, const struct insn *i) { trig(c, i, f80_sin, false); }
void op_fcos(struct cpu *c, const struct insn *i) { trig(c, i, f80_cos, false); }
void op_fptan(struct cpu *c, const struct insn *i) { trig(c, i, f80_tan, true); }

void op_fsincos(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    x87_note_insn(c, i);
    if (!stack_ok(c, false, true))
        return;
    f80 x = x87_st(c, 0);
    struct f80_env es = x87_env(c), ec = x87_env(c);
    bool oor_s = false, oor_c = false;
    f80 s = f80_sin(x, &oor_s, &es);
    f80 co = f80_cos(x, &oor_c, &ec);
    if (oor_s || oor_c) {
        x87_set_cc(c, X87_SW_C2, X87_SW_C2);
        return;
    }
    /* One instruction: the exception flags of both results; C1 is that
     * of the value left in ST(0), the cosine. */
    ec.flags |= es.flags;
    ec.unmasked_fault = ec.unmasked_fault || es.unmasked_fault;
    x87_commit_flags(c, &ec);
    x87_set_cc(c, 0, X87_SW_C2);
    if (!x87_result_ok(&ec))
        return;
    x87_set_st(c, 0, s);
    x87_push(c, co);
}

void op_f2xm1(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    x87_note_insn(c, i);
    if (!stack_ok(c, false, false))
        return;
    struct f80_env env = x87_env(c);
    f80 r = f80_2xm1(x87_st(c, 0), &env);
    x87_commit_flags(c, &env);
    if (x87_result_ok(&env))
        x87_set_st(c, 0, r);
}

/* ST(1) = fn(ST(1), ST(0)), then pop. */
static void into_st1(struct cpu *c, const struct insn *i,
                     f80 (*fn)(f80, f80, struct f80_env *))
{
    x87_begin(c);
    x87_note_insn(c, i);
    if (!stack_ok(c, true, false))
        return;
    struct f80_env env = x87_env(c);
    f80 r = fn(x87_st(c, 1), x87_st(c, 0), &env);
    x87_commit_flags(c, &env);
    if (!x87_result_ok(&env))
        return;
    x87_set_st(c, 1, r);
    x87_pop(c);
}

void op_fpatan(struct cpu *c, const struct insn *i) { into_st1(c, i, f80_atan2); }
void op_fyl2x(struct cpu *c, const struct insn *i) { into_st1(c, i, f80_yl2x); }
void op_fyl2xp1(struct cpu *c, const struct insn *i) { into_st1(c, i, f80_yl2xp1); }
