/*
 * x87_env.c - the x87 control instructions that move the FPU's state as a
 * whole: FNINIT, FNCLEX, FLDCW, FNSTCW, FNSTSW, FNSTENV, FLDENV, FNSAVE,
 * FRSTOR, FXSAVE and FXRSTOR.
 *
 * Layouts: Intel SDM Vol. 1, Figures 8-9 to 8-12 (the 14- and 28-byte
 * environment, protected and real mode; real and V86 mode store the
 * linear instruction and operand addresses, 20 significant bits, with FOP)
 * and Vol. 2 FXSAVE, Table 3-53 (the 512-byte area).  The reserved upper
 * halves of the 32-bit environment's CW, SW, TW, FIP (real mode), FDP
 * (real mode) and FDS dwords are stored as FFFFh, as P6 processors do.
 * This CPU has FXSR but no SSE: FXSAVE writes neither MXCSR (bytes 24-31)
 * nor the XMM area (160-511), and FXRSTOR ignores them (the SDM leaves
 * them implementation-dependent when the OS has not set CR4.OSFXSR); the
 * reserved bytes 10-15 of each register slot are stored as zero.
 *
 * These are control instructions: they do not change FIP/FDP/FOP.  The
 * no-wait ones (FNINIT FNCLEX FNSTCW FNSTSW FNSTENV FNSAVE) do not check
 * for a pending exception.
 */
#include "cpu/fpu/x87.h"

#include "cpu/access.h"
#include "cpu/cpu.h"
#include "cpu/fault.h"
#include "cpu/operand.h"
#include "cpu/ops/ops.h"
#include "cpu/regs.h"

/* ---- FNINIT FNCLEX FLDCW FNSTCW FNSTSW ---------------------------------- */

void op_fninit(struct cpu *c, const struct insn *i)
{
    (void)i;
    x87_check_nm(c);
    x87_init(c);
}

void op_fnclex(struct cpu *c, const struct insn *i)
{
    (void)i;
    x87_check_nm(c);
    c->fpu.sw &= (uint16_t)~(X87_SW_EXCEPTIONS | X87_SW_SF | X87_SW_ES | X87_SW_B);
    x87_update_es(c);
}

/* DB E0/E1/E4: the 8087's FENI/FDISI and the 287's FSETPM, which a P6
 * executes as no-ops (SDM Vol. 1, 8.4 and Appendix D notes on 287/387). */
void op_fnop_legacy(struct cpu *c, const struct insn *i)
{
    (void)i;
    x87_check_nm(c);
}

/* The control word as a 387-or-later keeps it: reserved bit 6 reads as 1
 * and reserved bits 7 and 13-15 as 0 whatever was loaded; bit 12 (the
 * 287's infinity control) is kept but has no effect. */
static uint16_t cw_loaded(uint16_t v)
{
    return (uint16_t)((v & 0x1F3F) | 0x0040);
}

void op_fldcw_m(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    uint16_t v = mem_read16(c, i->seg, insn_ea(c, i));
    c->fpu.cw = cw_loaded(v);
    x87_update_es(c);
}

void op_fnstcw_m(struct cpu *c, const struct insn *i)
{
    x87_check_nm(c);
    mem_write16(c, i->seg, insn_ea(c, i), c->fpu.cw);
}

void op_fnstsw_m(struct cpu *c, const struct insn *i)
{
    x87_check_nm(c);
    mem_write16(c, i->seg, insn_ea(c, i), x87_status(c));
}

void op_fnstsw_ax(struct cpu *c, const struct insn *i)
{
    (void)i;
    x87_check_nm(c);
    set_reg16(c, REG_AX, x87_status(c));
}

/* ---- the environment --------------------------------------------------- */

/* Tags after a load: only "empty" is taken from the image; the others
 * follow the register contents (SDM Vol. 1, 8.1.7). */
static uint16_t tags_from_image(const struct cpu *c, uint16_t image, const f80 *regs)
{
    uint16_t tw = 0;
    for (unsigned p = 0; p < 8; p++) {
        unsigned t = (image >> (2 * p)) & 3;
        if (t != X87_TAG_EMPTY)
            t = x87_tag_of(regs[p]);
        tw = (uint16_t)(tw | t << (2 * p));
    }
    (void)c;
    return tw;
}

/* Tags as FNSTENV/FNSAVE store them: recomputed from the register
 * contents for every non-empty register (after MMX code every tag is
 * "valid" inside, whatever the registers hold; SDM Vol. 3, 12.2.1). */
static uint16_t tags_to_store(const struct cpu *c)
{
    uint16_t tw = 0;
    for (unsigned p = 0; p < 8; p++) {
        unsigned t = x87_tag(c, p);
        if (t != X87_TAG_EMPTY)
            t = x87_tag_of(c->fpu.reg[p]);
        tw = (uint16_t)(tw | t << (2 * p));
    }
    return tw;
}

/* The environment as the layouts hold it. */
struct x87_env_image {
    uint16_t cw, sw, tw, fop, fcs, fds;
    uint32_t fip, fdp;
};

static unsigned env_size(const struct insn *i)
{
    return i->osize == 4 ? 28 : 14;
}

/* Stores the environment at seg:off (the caller checked the whole area is
 * writable). */
static void env_store(struct cpu *c, const struct insn *i, unsigned seg, uint32_t off)
{
    const struct x87_state *f = &c->fpu;
    uint16_t sw = x87_status(c);
    uint16_t tw = tags_to_store(c);
    if (x87_real_layout(c)) {
        uint32_t ip = ((uint32_t)f->fcs << 4) + f->fip;
        uint32_t dp = ((uint32_t)f->fds << 4) + f->fdp;
        if (i->osize == 4) {
            mem_write32(c, seg, off + 0, 0xFFFF0000u | f->cw);
            mem_write32(c, seg, off + 4, 0xFFFF0000u | sw);
            mem_write32(c, seg, off + 8, 0xFFFF0000u | tw);
            mem_write32(c, seg, off + 12, 0xFFFF0000u | (ip & 0xFFFF));
            mem_write32(c, seg, off + 16, ((ip >> 16) << 12 & 0x0FFFF000u) | (f->fop & 0x7FF));
            mem_write32(c, seg, off + 20, 0xFFFF0000u | (dp & 0xFFFF));
            mem_write32(c, seg, off + 24, (dp >> 16) << 12 & 0x0FFFF000u);
        } else {
            mem_write16(c, seg, off + 0, f->cw);
            mem_write16(c, seg, off + 2, sw);
            mem_write16(c, seg, off + 4, tw);
            mem_write16(c, seg, off + 6, (uint16_t)ip);
            mem_write16(c, seg, off + 8, (uint16_t)(((ip >> 16) & 0xF) << 12 | (f->fop & 0x7FF)));
            mem_write16(c, seg, off + 10, (uint16_t)dp);
            mem_write16(c, seg, off + 12, (uint16_t)(((dp >> 16) & 0xF) << 12));
        }
    } else if (i->osize == 4) {
        mem_write32(c, seg, off + 0, 0xFFFF0000u | f->cw);
        mem_write32(c, seg, off + 4, 0xFFFF0000u | sw);
        mem_write32(c, seg, off + 8, 0xFFFF0000u | tw);
        mem_write32(c, seg, off + 12, f->fip);
        mem_write32(c, seg, off + 16, (uint32_t)(f->fop & 0x7FF) << 16 | f->fcs);
        mem_write32(c, seg, off + 20, f->fdp);
        mem_write32(c, seg, off + 24, 0xFFFF0000u | f->fds);
    } else {
        mem_write16(c, seg, off + 0, f->cw);
        mem_write16(c, seg, off + 2, sw);
        mem_write16(c, seg, off + 4, tw);
        mem_write16(c, seg, off + 6, (uint16_t)f->fip);
        mem_write16(c, seg, off + 8, f->fcs);
        mem_write16(c, seg, off + 10, (uint16_t)f->fdp);
        mem_write16(c, seg, off + 12, f->fds);
    }
}

/* Reads the environment at seg:off (may fault; commits nothing).  In the
 * real-mode layouts the pointers are linear addresses: they come back as
 * offsets with selector 0, which stores the same image again. */
static struct x87_env_image env_load(struct cpu *c, const struct insn *i, unsigned seg,
                                     uint32_t off)
{
    struct x87_env_image e = { 0 };
    seg_check(c, seg, off, env_size(i), SEG_CAN_READ);
    unsigned step = i->osize == 4 ? 4 : 2;
    uint32_t w[7];
    for (unsigned k = 0; k < 7; k++)
        w[k] = step == 4 ? mem_read32(c, seg, off + 4 * k) : mem_read16(c, seg, off + 2 * k);
    e.cw = (uint16_t)w[0];
    e.sw = (uint16_t)w[1];
    e.tw = (uint16_t)w[2];
    if (x87_real_layout(c)) {
        unsigned hi_bits = step == 4 ? 16 : 4;
        uint32_t hi_mask = (hi_bits == 16) ? 0xFFFFu : 0xFu;
        e.fip = (w[3] & 0xFFFF) | ((w[4] >> 12) & hi_mask) << 16;
        e.fop = (uint16_t)(w[4] & 0x7FF);
        e.fdp = (w[5] & 0xFFFF) | ((w[6] >> 12) & hi_mask) << 16;
        e.fcs = e.fds = 0;
    } else if (step == 4) {
        e.fip = w[3];
        e.fcs = (uint16_t)w[4];
        e.fop = (uint16_t)((w[4] >> 16) & 0x7FF);
        e.fdp = w[5];
        e.fds = (uint16_t)w[6];
    } else {
        e.fip = w[3] & 0xFFFF;
        e.fcs = (uint16_t)w[4];
        e.fdp = w[5] & 0xFFFF;
        e.fds = (uint16_t)w[6];
        e.fop = c->fpu.fop; /* the 16-bit protected layout has no FOP */
    }
    return e;
}

static void env_commit(struct cpu *c, const struct x87_env_image *e, const f80 *regs)
{
    struct x87_state *f = &c->fpu;
    f->cw = cw_loaded(e->cw);
    f->sw = (uint16_t)(e->sw & ~X87_SW_TOP);
    f->top = (e->sw >> 11) & 7;
    f->tw = tags_from_image(c, e->tw, regs);
    f->fip = e->fip;
    f->fcs = e->fcs;
    f->fop = e->fop;
    f->fdp = e->fdp;
    f->fds = e->fds;
    /* ES is recomputed from the loaded flags and masks, not taken from
     * the image: a pending exception is raised by the next waiting
     * instruction. */
    x87_update_es(c);
}

void op_fnstenv_m(struct cpu *c, const struct insn *i)
{
    x87_check_nm(c);
    uint32_t off = insn_ea(c, i);
    mem_check_write(c, i->seg, off, env_size(i));
    env_store(c, i, i->seg, off);
    /* FNSTENV masks every exception after storing (SDM Vol. 2 FSTENV). */
    c->fpu.cw |= X87_SW_EXCEPTIONS;
    x87_update_es(c);
}

void op_fldenv_m(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    struct x87_env_image e = env_load(c, i, i->seg, insn_ea(c, i));
    env_commit(c, &e, c->fpu.reg);
}

void op_fnsave_m(struct cpu *c, const struct insn *i)
{
    x87_check_nm(c);
    uint32_t off = insn_ea(c, i);
    unsigned env = env_size(i);
    mem_check_write(c, i->seg, off, env + 80);
    env_store(c, i, i->seg, off);
    for (unsigned st = 0; st < 8; st++)
        x87_write80(c, i->seg, off + env + 10 * st, x87_st(c, st));
    x87_init(c);
}

void op_frstor_m(struct cpu *c, const struct insn *i)
{
    x87_begin(c);
    uint32_t off = insn_ea(c, i);
    unsigned env = env_size(i);
    seg_check(c, i->seg, off, env + 80, SEG_CAN_READ);
    struct x87_env_image e = env_load(c, i, i->seg, off);
    /* The image holds ST(0)..ST(7) of its own TOP. */
    unsigned top = (e.sw >> 11) & 7;
    f80 regs[8];
    for (unsigned st = 0; st < 8; st++)
        regs[(top + st) & 7] = x87_read80(c, i->seg, off + env + 10 * st);
    for (unsigned p = 0; p < 8; p++)
        c->fpu.reg[p] = regs[p];
    env_commit(c, &e, regs);
}

/* ---- FXSAVE / FXRSTOR (0F AE /0, /1) -------------------------------------- */

/* The 512-byte area must be 16-byte aligned, else #GP(0).  The check is
 * on the linear address (segment base + offset). */
static uint32_t fxsave_area(struct cpu *c, const struct insn *i, unsigned need)
{
    uint32_t off = insn_ea(c, i);
    if ((c->seg[i->seg].base + off) & 15)
        cpu_raise(c, EXC_GP, 0);
    if (need == SEG_CAN_WRITE)
        mem_check_write(c, i->seg, off, 512);
    else
        seg_check(c, i->seg, off, 512, SEG_CAN_READ);
    return off;
}

void op_fxsave_m(struct cpu *c, const struct insn *i)
{
    x87_check_nm(c);
    uint32_t off = fxsave_area(c, i, SEG_CAN_WRITE);
    const struct x87_state *f = &c->fpu;
    uint8_t abridged = 0;
    for (unsigned p = 0; p < 8; p++)
        if (x87_tag(c, p) != X87_TAG_EMPTY)
            abridged |= (uint8_t)(1u << p);
    mem_write16(c, i->seg, off + 0, f->cw);
    mem_write16(c, i->seg, off + 2, x87_status(c));
    mem_write16(c, i->seg, off + 4, abridged);   /* byte 5 reserved: 0 */
    mem_write16(c, i->seg, off + 6, f->fop & 0x7FF);
    mem_write32(c, i->seg, off + 8, f->fip);
    mem_write32(c, i->seg, off + 12, f->fcs);    /* bytes 14-15 reserved: 0 */
    mem_write32(c, i->seg, off + 16, f->fdp);
    mem_write32(c, i->seg, off + 20, f->fds);
    for (unsigned st = 0; st < 8; st++) {
        uint32_t slot = off + 32 + 16 * st;
        x87_write80(c, i->seg, slot, x87_st(c, st));
        mem_write16(c, i->seg, slot + 10, 0);
        mem_write32(c, i->seg, slot + 12, 0);
    }
}

void op_fxrstor_m(struct cpu *c, const struct insn *i)
{
    x87_check_nm(c);
    uint32_t off = fxsave_area(c, i, SEG_CAN_READ);
    struct x87_env_image e;
    e.cw = mem_read16(c, i->seg, off + 0);
    e.sw = mem_read16(c, i->seg, off + 2);
    uint8_t abridged = mem_read8(c, i->seg, off + 4);
    e.fop = mem_read16(c, i->seg, off + 6) & 0x7FF;
    e.fip = mem_read32(c, i->seg, off + 8);
    e.fcs = mem_read16(c, i->seg, off + 12);
    e.fdp = mem_read32(c, i->seg, off + 16);
    e.fds = mem_read16(c, i->seg, off + 20);
    unsigned top = (e.sw >> 11) & 7;
    f80 regs[8];
    for (unsigned st = 0; st < 8; st++)
        regs[(top + st) & 7] = x87_read80(c, i->seg, off + 32 + 16 * st);
    e.tw = 0;
    for (unsigned p = 0; p < 8; p++)
        if (!(abridged & (1u << p)))
            e.tw = (uint16_t)(e.tw | X87_TAG_EMPTY << (2 * p));
    for (unsigned p = 0; p < 8; p++)
        c->fpu.reg[p] = regs[p];
    env_commit(c, &e, regs);
}
