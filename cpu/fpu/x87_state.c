/*
 * x87_state.c - the register stack, tags, condition codes and exception
 * bookkeeping shared by every x87 instruction (see x87.h).
 *
 * Follows the Intel SDM Vol. 1, 8.1 (registers, TOP, tags), 8.1.8 (the
 * instruction and data pointers), 8.5.1.1 (stack overflow and underflow)
 * and 8.7 (software exception handling: #MF when CR0.NE=1, FERR# when
 * CR0.NE=0; the no-wait instructions skip the check).  What the board does
 * with FERR# (IRQ 13, port F0h) is not here: the CPU only calls c->ferr.
 */
#include "cpu/fpu/x87.h"

#include "cpu/access.h"
#include "cpu/cpu.h"
#include "cpu/fault.h"
#include "cpu/insn.h"
#include "cpu/operand.h"

void x87_init(struct cpu *c)
{
    struct x87_state *f = &c->fpu;
    f->cw = X87_CW_INIT;
    f->sw = 0;
    f->top = 0;
    f->tw = 0xFFFF;
    f->fip = f->fdp = 0;
    f->fcs = f->fds = f->fop = 0;
    x87_update_es(c);
}

/* Power-up/RESET state of a P6 (SDM Vol. 3, Table 9-1 "IA-32 Processor
 * States Following Power-up, Reset, or INIT"): CW 0040h, SW 0, TW 5555h
 * (every register +0.0, tagged zero), pointers 0.  Not FNINIT's state:
 * firmware runs FNINIT itself before using the unit. */
void x87_reset(struct cpu *c)
{
    for (unsigned r = 0; r < 8; r++)
        c->fpu.reg[r] = (f80){ 0, 0 };
    x87_init(c);   /* clears ES: drops FERR# if it was asserted */
    c->fpu.cw = 0x0040;
    c->fpu.tw = 0x5555;
    c->fpu.ferr = false;
}

uint16_t x87_status(const struct cpu *c)
{
    return (uint16_t)((c->fpu.sw & ~X87_SW_TOP) | ((c->fpu.top & 7u) << 11));
}

/* SDM Vol. 1, 8.1.7: zero, special (NaN, infinity, denormal, and the
 * unsupported encodings), or valid. */
unsigned x87_tag_of(f80 v)
{
    unsigned exp = v.se & 0x7FFF;
    if (exp == 0)
        return v.mant == 0 ? X87_TAG_ZERO : X87_TAG_SPECIAL;
    if (exp == 0x7FFF || !(v.mant >> 63))
        return X87_TAG_SPECIAL;
    return X87_TAG_VALID;
}

unsigned x87_tag(const struct cpu *c, unsigned phys)
{
    return (c->fpu.tw >> (2 * (phys & 7))) & 3;
}

static void set_tag(struct cpu *c, unsigned phys, unsigned tag)
{
    unsigned shift = 2 * (phys & 7);
    c->fpu.tw = (uint16_t)((c->fpu.tw & ~(3u << shift)) | (tag << shift));
}

static unsigned phys_of(const struct cpu *c, unsigned st)
{
    return (c->fpu.top + st) & 7;
}

bool x87_empty(const struct cpu *c, unsigned st)
{
    return x87_tag(c, phys_of(c, st)) == X87_TAG_EMPTY;
}

f80 x87_st(const struct cpu *c, unsigned st)
{
    return c->fpu.reg[phys_of(c, st)];
}

void x87_set_st(struct cpu *c, unsigned st, f80 v)
{
    unsigned p = phys_of(c, st);
    c->fpu.reg[p] = v;
    set_tag(c, p, x87_tag_of(v));
}

void x87_set_empty(struct cpu *c, unsigned st)
{
    set_tag(c, phys_of(c, st), X87_TAG_EMPTY);
}

void x87_pop(struct cpu *c)
{
    x87_set_empty(c, 0);
    c->fpu.top = (c->fpu.top + 1) & 7;
}

void x87_push(struct cpu *c, f80 v)
{
    c->fpu.top = (c->fpu.top + 7) & 7;
    x87_set_st(c, 0, v);
}

void x87_set_cc(struct cpu *c, uint16_t cc, uint16_t mask)
{
    c->fpu.sw = (uint16_t)((c->fpu.sw & ~mask) | (cc & mask));
}

bool x87_unmasked(const struct cpu *c, unsigned flags)
{
    return (flags & ~c->fpu.cw & X87_SW_EXCEPTIONS) != 0;
}

void x87_update_es(struct cpu *c)
{
    struct x87_state *f = &c->fpu;
    /* A stack fault is an invalid operation: IM masks it. */
    if (f->sw & ~f->cw & X87_SW_EXCEPTIONS) {
        f->sw |= X87_SW_ES | X87_SW_B;
    } else {
        f->sw &= (uint16_t)~(X87_SW_ES | X87_SW_B);
        if (f->ferr) {
            f->ferr = false;
            if (c->ferr)
                c->ferr(c->ferr_opaque, false);
        }
    }
}

void x87_raise_flags(struct cpu *c, unsigned flags)
{
    c->fpu.sw |= (uint16_t)(flags & (X87_SW_EXCEPTIONS | X87_SW_SF));
    x87_update_es(c);
}

void x87_commit_flags(struct cpu *c, const struct f80_env *env)
{
    x87_set_cc(c, env->c1 ? X87_SW_C1 : 0, X87_SW_C1);
    x87_raise_flags(c, env->flags);
}

bool x87_result_ok(const struct f80_env *env)
{
    return !env->unmasked_fault;
}

bool x87_store_ok(const struct cpu *c, const struct f80_env *env)
{
    return !env->unmasked_fault && !x87_unmasked(c, env->flags & (F80_OE | F80_UE));
}

void x87_check_nm(struct cpu *c)
{
    if (c->cr0 & (CR0_EM | CR0_TS))
        cpu_raise(c, EXC_NM, 0);
}

void x87_check_pending(struct cpu *c)
{
    if (!(c->fpu.sw & X87_SW_ES))
        return;
    if (c->cr0 & CR0_NE)
        cpu_raise(c, EXC_MF, 0);
    /* MS-DOS style reporting: FERR# goes to the interrupt controller and
     * the instruction runs (the board's IGNNE# logic is what lets it). */
    if (!c->fpu.ferr) {
        c->fpu.ferr = true;
        if (c->ferr)
            c->ferr(c->ferr_opaque, true);
    }
}

void x87_begin(struct cpu *c)
{
    x87_check_nm(c);
    x87_check_pending(c);
}

bool x87_stack_underflow(struct cpu *c)
{
    x87_set_cc(c, 0, X87_SW_C1);
    x87_raise_flags(c, F80_IE | F80_SF);
    return !x87_unmasked(c, F80_IE);
}

bool x87_stack_overflow(struct cpu *c)
{
    x87_set_cc(c, X87_SW_C1, X87_SW_C1);
    x87_raise_flags(c, F80_IE | F80_SF);
    return !x87_unmasked(c, F80_IE);
}

void x87_note_insn(struct cpu *c, const struct insn *i)
{
    struct x87_state *f = &c->fpu;
    f->fip = c->insn_eip;
    f->fcs = c->seg[SEG_CS].selector;
    f->fop = (uint16_t)(((i->opcode & 7u) << 8) | i->modrm);
}

void x87_note_insn_mem(struct cpu *c, const struct insn *i)
{
    x87_note_insn(c, i);
    c->fpu.fdp = insn_ea(c, i);
    c->fpu.fds = c->seg[i->seg].selector;
}

struct f80_env x87_env(const struct cpu *c)
{
    return (struct f80_env){ .cw = c->fpu.cw };
}

uint32_t x87_ea(const struct cpu *c, const struct insn *i)
{
    return insn_ea(c, i);
}

uint64_t x87_read64(struct cpu *c, unsigned seg, uint32_t off)
{
    seg_check(c, seg, off, 8, SEG_CAN_READ);
    uint64_t lo = mem_read32(c, seg, off);
    uint64_t hi = mem_read32(c, seg, off + 4);
    return lo | hi << 32;
}

void x87_write64(struct cpu *c, unsigned seg, uint32_t off, uint64_t v)
{
    mem_check_write(c, seg, off, 8);
    mem_write32(c, seg, off, (uint32_t)v);
    mem_write32(c, seg, off + 4, (uint32_t)(v >> 32));
}

f80 x87_read80(struct cpu *c, unsigned seg, uint32_t off)
{
    seg_check(c, seg, off, 10, SEG_CAN_READ);
    f80 v;
    v.mant = x87_read64(c, seg, off);
    v.se = mem_read16(c, seg, off + 8);
    return v;
}

void x87_write80(struct cpu *c, unsigned seg, uint32_t off, f80 v)
{
    mem_check_write(c, seg, off, 10);
    x87_write64(c, seg, off, v.mant);
    mem_write16(c, seg, off + 8, v.se);
}

bool x87_real_layout(const struct cpu *c)
{
    return !(c->cr0 & CR0_PE) || (c->eflags & FLAG_VM);
}
