/*
 * x87_stack.c - the x87 instructions that move values around the register
 * stack without arithmetic: FLD/FST/FSTP ST(i), FLD/FSTP m80, FXCH,
 * FCMOVcc, FCHS, FABS, FFREE, FFREEP, FINCSTP, FDECSTP, FNOP, and the
 * constant loads FLDZ FLD1 FLDPI FLDL2T FLDL2E FLDLG2 FLDLN2.
 *
 * Follows the Intel SDM Vol. 2 page of each instruction: stack underflow
 * and overflow (IE+SF, C1; masked response the QNaN indefinite), C1
 * cleared otherwise.  FLD m80 and register moves never raise IE for an
 * SNaN (the 80-bit format needs no conversion).  The constants are held
 * with more bits than 64 and rounded by RC only (SDM Vol. 1, 8.3.8, and
 * the P6's behaviour: precision control does not apply, no PE is raised).
 * The undocumented aliases a P6 executes (D9 D8+i FSTP, DD C8+i and
 * DF C8+i FXCH, DF D0+i/D8+i FSTP, DF C0+i FFREEP) share these handlers.
 */
#include "cpu/fpu/x87.h"

#include "cpu/cpu.h"
#include "cpu/flags.h"
#include "cpu/operand.h"
#include "cpu/ops/ops.h"

/* ---- FLD / FST / FSTP ---------------------------------------------------- */

/* Pushes v (or, on a stack fault, the masked response).  `src_empty`
 * says the value came from an empty register. */
static void push_checked(struct cpu *c, f80 v, bool src_empty)
{
    if (!x87_empty(c, 7)) {
        if (!x87_stack_overflow(c))
            return;
        v = f80_indefinite();
    } else if (src_empty) {
        if (!x87_stack_underflow(c))
            return;
        v = f80_indefinite();
    } else {
        x87_set_cc(c, 0, X87_SW_C1);
    }
    x87_push(c, v);
}

void op_fld_sti_r(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    push_checked(c, x87_st(c, i->rm), x87_empty(c, i->rm));
    x87_note_insn(c, i);
}

void op_fld_m80_m(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    f80 v = x87_read80(c, i->seg, insn_ea(c, i));
    push_checked(c, v, false);
    x87_note_insn_mem(c, i);
}

/* FST ST(i) (DD D0+i) and FSTP ST(i) (DD D8+i, and the aliases). */
static void store_st(struct cpu *c, const struct insn *i, bool pop)
{
    x87_begin(c);
    x87_note_insn(c, i);
    f80 v = x87_st(c, 0);
    if (x87_empty(c, 0)) {
        if (!x87_stack_underflow(c))
            return;
        v = f80_indefinite();
    } else {
        x87_set_cc(c, 0, X87_SW_C1);
    }
    x87_set_st(c, i->rm, v);
    if (pop)
        x87_pop(c);
}

void op_fst_sti_r(struct cpu *c, const struct insn *i) { store_st(c, i, false); }
void op_fstp_sti_r(struct cpu *c, const struct insn *i) { store_st(c, i, true); }

void op_fstp_m80_m(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    f80 v = x87_st(c, 0);
    bool fault = x87_empty(c, 0);
    uint32_t ea = insn_ea(c, i);
    if (fault) {
        if (x87_unmasked(c, F80_IE)) {
            x87_stack_underflow(c);
            x87_note_insn_mem(c, i);
            return;
        }
        v = f80_indefinite();
    }
    x87_write80(c, i->seg, ea, v);
    if (fault)
        x87_stack_underflow(c);
    else
        x87_set_cc(c, 0, X87_SW_C1);
    x87_note_insn_mem(c, i);
    x87_pop(c);
}

/* ---- FXCH, FCMOVcc, FCHS, FABS ------------------------------------------- */

void op_fxch_sti_r(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    x87_note_insn(c, i);
    f80 a = x87_st(c, 0), b = x87_st(c, i->rm);
    if (x87_empty(c, 0) || x87_empty(c, i->rm)) {
        if (!x87_stack_underflow(c))
            return;
        if (x87_empty(c, 0))
            a = f80_indefinite();
        if (x87_empty(c, i->rm))
            b = f80_indefinite();
    } else {
        x87_set_cc(c, 0, X87_SW_C1);
    }
    x87_set_st(c, 0, b);
    x87_set_st(c, i->rm, a);
}

/* DA /0-/3 move if B, E, BE, U; DB /0-/3 if the opposite.  The EFLAGS
 * conditions are those of Jcc 2, 4, 6, 10 (CF, ZF, CF|ZF, PF). */
void op_fcmov_sti_r(struct cpu *c, const struct insn *i)
{
    static const unsigned cc[4] = { 2, 4, 6, 10 };
    x87_begin(c);
    x87_note_insn(c, i);
    bool move = cond_true(c, cc[i->reg & 3] | ((i->opcode & 1) ? 1u : 0u));
    if (x87_empty(c, 0) || x87_empty(c, i->rm)) {
        if (!x87_stack_underflow(c))
            return;
        x87_set_st(c, 0, f80_indefinite());
        return;
    }
    x87_set_cc(c, 0, X87_SW_C1);
    if (move)
        x87_set_st(c, 0, x87_st(c, i->rm));
}

static void sign_op(struct cpu *c, const struct insn *i, uint16_t clear, uint16_t flip)
{
    x87_begin(c);
    x87_note_insn(c, i);
    if (x87_empty(c, 0)) {
        if (x87_stack_underflow(c))
            x87_set_st(c, 0, f80_indefinite());
        return;
    }
    f80 v = x87_st(c, 0);
    v.se = (uint16_t)((v.se & ~clear) ^ flip);
    x87_set_cc(c, 0, X87_SW_C1);
    x87_set_st(c, 0, v);
}

void op_fchs(struct cpu *c, const struct insn *i) { sign_op(c, i, 0, 0x8000); }
void op_fabs(struct cpu *c, const struct insn *i) { sign_op(c, i, 0x8000, 0); }

/* ---- tags and TOP: FFREE FFREEP FINCSTP FDECSTP FNOP (control) ------------ */

void op_ffree_sti_r(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    x87_set_empty(c, i->rm);
}

void op_ffreep_sti_r(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    x87_set_empty(c, i->rm);
    x87_pop(c);
}

void op_fincstp(struct cpu *c, const struct insn *i)
{
    (void)i;
    x87_begin(c);
    x87_set_cc(c, 0, X87_SW_C1);
    c->fpu.top = (c->fpu.top + 1) & 7;
}

void op_fdecstp(struct cpu *c, const struct insn *i)
{
    (void)i;
    x87_begin(c);
    x87_set_cc(c, 0, X87_SW_C1);
    c->fpu.top = (c->fpu.top + 7) & 7;
}

void op_fnop(struct cpu *c, const struct insn *i)
{
    (void)i;
    x87_begin(c);
}

/* ---- constants (D9 E8-EE) -------------------------------------------------- */

/* Each constant truncated to 64 bits, and whether the bits beyond make
 * round-to-nearest go up.  All are positive and (but 0 and 1) inexact, so
 * RC up adds one ulp and RC down/zero truncate. */
struct x87_constant {
    uint16_t se;
    uint64_t mant;
    bool inexact;
    bool nearest_up;
};

static const struct x87_constant constants[7] = {
    /* E8 FLD1   */ { 0x3FFF, 0x8000000000000000u, false, false },
    /* E9 FLDL2T */ { 0x4000, 0xD49A784BCD1B8AFEu, true, false },  /* ...492BF6FF */
    /* EA FLDL2E */ { 0x3FFF, 0xB8AA3B295C17F0BBu, true, true },   /* ...BE87FED0 */
    /* EB FLDPI  */ { 0x4000, 0xC90FDAA22168C234u, true, true },   /* ...C4C6628B */
    /* EC FLDLG2 */ { 0x3FFD, 0x9A209A84FBCFF798u, true, true },   /* ...8F8959AC */
    /* ED FLDLN2 */ { 0x3FFE, 0xB17217F7D1CF79ABu, true, true },   /* ...C9E3B398 */
    /* EE FLDZ   */ { 0x0000, 0x0000000000000000u, false, false },
};

/* The constant of D9 E8+k as RC rounds it.  None of the truncated
 * significands is all ones, so adding one ulp never carries out. */
f80 x87_constant(unsigned k, unsigned rc)
{
    const struct x87_constant *k_ = &constants[k < 7 ? k : 6];
    f80 v = { k_->mant, k_->se };
    bool up = k_->inexact && (rc == F80_RC_UP || (rc == F80_RC_NEAREST && k_->nearest_up));
    if (up)
        v.mant++;
    return v;
}

void op_fldconst(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    unsigned rc = (c->fpu.cw >> 10) & 3;
    push_checked(c, x87_constant((i->modrm - 0xE8u) & 7, rc), false);
    x87_note_insn(c, i);
}
