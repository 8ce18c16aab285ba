/*
 * x87_memory.c - x87 loads and stores that convert between the register
 * format and a memory format: FLD/FST/FSTP m32fp and m64fp, FILD m16 m32
 * m64, FIST/FISTP m16 m32 (and FISTP m64), FBLD and FBSTP (18-digit
 * packed BCD).  FLD/FSTP m80 need no conversion and are in x87_stack.c.
 *
 * Follows the Intel SDM Vol. 2 pages.  A load pushes (stack overflow if
 * ST(7) is in use: masked, the indefinite is pushed).  A store of an
 * empty ST(0) is a stack underflow: masked, the indefinite of the memory
 * format is stored (QNaN, integer indefinite, BCD indefinite).  An
 * unmasked invalid operation, overflow or underflow leaves memory and
 * the stack unchanged (no pop); an unmasked inexact still stores.  FISTTP
 * (SSE3) is not a P6 instruction: its encodings are #UD.
 */
#include "cpu/fpu/x87.h"

#include "cpu/cpu.h"
#include "cpu/operand.h"
#include "cpu/ops/ops.h"

/* ---- loads ----------------------------------------------------------------- */

/* Pushes v converted under env (flags already in env). */
static void push_loaded(struct cpu *c, const struct insn *i, f80 v, struct f80_env *env)
{
    x87_note_insn_mem(c, i);
    if (!x87_empty(c, 7)) {
        if (x87_stack_overflow(c))
            x87_push(c, f80_indefinite());
        return;
    }
    x87_raise_flags(c, env->flags);
    if (!x87_result_ok(env))
        return;
    x87_set_cc(c, 0, X87_SW_C1);
    x87_push(c, v);
}

void op_fld_m32_m(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    uint32_t bits = mem_read32(c, i->seg, insn_ea(c, i));
    struct f80_env env = x87_env(c);
    f80 v = f80_from_f32(bits, &env);
    push_loaded(c, i, v, &env);
}

void op_fld_m64_m(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    uint64_t bits = x87_read64(c, i->seg, insn_ea(c, i));
    struct f80_env env = x87_env(c);
    f80 v = f80_from_f64(bits, &env);
    push_loaded(c, i, v, &env);
}

void op_fild_m16_m(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    int16_t v = (int16_t)mem_read16(c, i->seg, insn_ea(c, i));
    struct f80_env env = x87_env(c);
    push_loaded(c, i, f80_from_int(v), &env);
}

void op_fild_m32_m(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    int32_t v = (int32_t)mem_read32(c, i->seg, insn_ea(c, i));
    struct f80_env env = x87_env(c);
    push_loaded(c, i, f80_from_int(v), &env);
}

void op_fild_m64_m(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    uint64_t u = x87_read64(c, i->seg, insn_ea(c, i));
    /* Two's complement without an implementation-defined conversion. */
    int64_t v = (u >> 63) ? -(int64_t)(~u) - 1 : (int64_t)u;
    struct f80_env env = x87_env(c);
    push_loaded(c, i, f80_from_int(v), &env);
}

void op_fbld_m80_m(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    uint32_t ea = insn_ea(c, i);
    seg_check(c, i->seg, ea, 10, SEG_CAN_READ);
    uint8_t bcd[10];
    for (unsigned k = 0; k < 10; k++)
        bcd[k] = mem_read8(c, i->seg, ea + k);
    struct f80_env env = x87_env(c);
    push_loaded(c, i, f80_from_bcd(bcd), &env);
}

/* ---- stores ------------------------------------------------------------------ */

/* The memory image of ST(0) in one of the formats. */
enum store_kind { ST_F32, ST_F64, ST_I16, ST_I32, ST_I64, ST_BCD };

static const unsigned store_size[] = { 4, 8, 2, 4, 8, 10 };

struct image {
    uint64_t bits;
    uint8_t bcd[10];
};

static struct image convert(f80 v, enum store_kind k, struct f80_env *env)
{
    struct image m = { 0, { 0 } };
    switch (k) {
    case ST_F32: m.bits = f80_to_f32(v, env); break;
    case ST_F64: m.bits = f80_to_f64(v, env); break;
    case ST_I16: m.bits = (uint64_t)f80_to_int(v, 2, env); break;
    case ST_I32: m.bits = (uint64_t)f80_to_int(v, 4, env); break;
    case ST_I64: m.bits = (uint64_t)f80_to_int(v, 8, env); break;
    case ST_BCD: f80_to_bcd(v, m.bcd, env); break;
    }
    return m;
}

static void write_image(struct cpu *c, const struct insn *i, enum store_kind k,
                        const struct image *m)
{
    uint32_t ea = insn_ea(c, i);
    switch (store_size[k]) {
    case 2: mem_write16(c, i->seg, ea, (uint16_t)m->bits); break;
    case 4: mem_write32(c, i->seg, ea, (uint32_t)m->bits); break;
    case 8: x87_write64(c, i->seg, ea, m->bits); break;
    default:
        mem_check_write(c, i->seg, ea, 10);
        for (unsigned b = 0; b < 10; b++)
            mem_write8(c, i->seg, ea + b, m->bcd[b]);
        break;
    }
}

static void store(struct cpu *c, const struct insn *i, enum store_kind k, bool pop)
{
    x87_begin(c);
    struct f80_env env = x87_env(c);
    bool underflow = x87_empty(c, 0);
    struct image m;
    if (underflow) {
        if (x87_unmasked(c, F80_IE)) {
            x87_stack_underflow(c);
            x87_note_insn_mem(c, i);
            return;
        }
        /* The indefinite converts to each format's indefinite, quietly. */
        struct f80_env quiet = env;
        m = convert(f80_indefinite(), k, &quiet);
    } else {
        m = convert(x87_st(c, 0), k, &env);
        if (!x87_store_ok(c, &env)) {
            x87_note_insn_mem(c, i);
            x87_commit_flags(c, &env);
            return;
        }
    }
    write_image(c, i, k, &m);   /* may fault: nothing committed yet */
    x87_note_insn_mem(c, i);
    if (underflow)
        x87_stack_underflow(c);
    else
        x87_commit_flags(c, &env);
    if (pop)
        x87_pop(c);
}

void op_fst_m32_m(struct cpu *c, const struct insn *i) { store(c, i, ST_F32, i->reg == 3); }
void op_fst_m64_m(struct cpu *c, const struct insn *i) { store(c, i, ST_F64, i->reg == 3); }
void op_fist_m16_m(struct cpu *c, const struct insn *i) { store(c, i, ST_I16, i->reg == 3); }
void op_fist_m32_m(struct cpu *c, const struct insn *i) { store(c, i, ST_I32, i->reg == 3); }
void op_fistp_m64_m(struct cpu *c, const struct insn *i) { store(c, i, ST_I64, true); }
void op_fbstp_m80_m(struct cpu *c, const struct insn *i) { store(c, i, ST_BCD, true); }
