/*
 * dshift.c - double-precision shifts: SHLD and SHRD Ev,Gv,Ib / Ev,Gv,CL
 * (0F A4/A5, 0F AC/AD).  Intel SDM Vol. 2B, "SHLD", "SHRD".
 *
 * The destination is shifted and the vacated bits are filled from the
 * source register, which is not changed.  The count is masked to 5 bits;
 * a masked count of 0 changes nothing (a memory destination is still read,
 * so a bad address faults, as in shift.c).
 *
 * Where the SDM says "undefined", we do what the Intel host we compared
 * against does (tests/host checks it every run and counts agreement):
 *  - 16-bit operand with a count of 17-31: the CPU shifts the 48-bit
 *    value dst:src:dst (destination in bits 47:32 and again in 15:0):
 *    SHLD takes bits 47:32 after shifting it left, SHRD bits 15:0 after
 *    shifting it right, so bits of the destination come back in after
 *    the source.  CF is the last bit shifted out of that value.
 *  - OF for a count other than 1: the one-bit rule applied to the first
 *    step (MSB of the destination XOR the bit that becomes the MSB after
 *    one step); for a count of 1 this is the SDM's "sign changed".
 *  - AF is cleared.  SF ZF PF come from the result for every count.
 */
#include "cpu/ops/ops.h"

#include "cpu/cpu.h"
#include "cpu/flags.h"
#include "cpu/operand.h"
#include "cpu/regs.h"

struct dshift_out {
    uint32_t res;
    unsigned cf, of;
};

/* The (size*8 + 32)-bit value the shift works on, and its result;
 * n is the masked count, 1..31, so every host shift is below 64. */
static struct dshift_out shld_compute(uint32_t dst, uint32_t src, unsigned n, unsigned size)
{
    unsigned bits = size * 8;
    uint64_t v = size == 4 ? ((uint64_t)dst << 32) | src
                           : ((uint64_t)dst << 32) | ((uint64_t)src << 16) | dst;
    unsigned top = bits + 32; /* width of v */
    struct dshift_out o;
    o.res = (uint32_t)((v >> (32 - n)) & size_mask(size));
    o.cf = (unsigned)(v >> (top - n)) & 1;
    o.of = ((dst >> (bits - 1)) ^ (dst >> (bits - 2))) & 1;
    return o;
}

static struct dshift_out shrd_compute(uint32_t dst, uint32_t src, unsigned n, unsigned size)
{
    unsigned bits = size * 8;
    uint64_t v = size == 4 ? ((uint64_t)src << 32) | dst
                           : ((uint64_t)dst << 32) | ((uint64_t)src << 16) | dst;
    struct dshift_out o;
    o.res = (uint32_t)((v >> n) & size_mask(size));
    o.cf = (unsigned)(v >> (n - 1)) & 1;
    o.of = ((dst >> (bits - 1)) ^ src) & 1;
    return o;
}

static struct dshift_out dshift_compute(bool left, uint32_t dst, uint32_t src, unsigned n,
                                        unsigned size)
{
    return left ? shld_compute(dst, src, n, size) : shrd_compute(dst, src, n, size);
}

static void dshift_flags(struct cpu *c, const struct dshift_out *o, unsigned size)
{
    lazy_set_explicit(c, o->res, size * 8, o->cf, o->of, 0);
}

static void dshift_r(struct cpu *c, const struct insn *i, bool left, unsigned count)
{
    unsigned size = i->osize, n = count & 0x1F;
    if (!n)
        return;
    struct dshift_out o = dshift_compute(left, read_er(c, i, size), read_g(c, i, size), n, size);
    write_er(c, i, size, o.res);
    dshift_flags(c, &o, size);
}

static void dshift_m(struct cpu *c, const struct insn *i, bool left, unsigned count)
{
    unsigned size = i->osize, n = count & 0x1F;
    uint32_t ea = insn_ea(c, i);
    uint32_t dst = mem_read(c, i->seg, ea, size);
    if (!n)
        return;
    struct dshift_out o = dshift_compute(left, dst, read_g(c, i, size), n, size);
    mem_write(c, i->seg, ea, size, o.res);
    dshift_flags(c, &o, size);
}

static inline unsigned count_cl(const struct cpu *c)
{
    return reg8(c, REG_CX);
}

void op_shld_ev_gv_ib_r(struct cpu *c, const struct insn *i) { dshift_r(c, i, true, i->imm); }
void op_shld_ev_gv_ib_m(struct cpu *c, const struct insn *i) { dshift_m(c, i, true, i->imm); }
void op_shld_ev_gv_cl_r(struct cpu *c, const struct insn *i) { dshift_r(c, i, true, count_cl(c)); }
void op_shld_ev_gv_cl_m(struct cpu *c, const struct insn *i) { dshift_m(c, i, true, count_cl(c)); }
void op_shrd_ev_gv_ib_r(struct cpu *c, const struct insn *i) { dshift_r(c, i, false, i->imm); }
void op_shrd_ev_gv_ib_m(struct cpu *c, const struct insn *i) { dshift_m(c, i, false, i->imm); }
void op_shrd_ev_gv_cl_r(struct cpu *c, const struct insn *i) { dshift_r(c, i, false, count_cl(c)); }
void op_shrd_ev_gv_cl_m(struct cpu *c, const struct insn *i) { dshift_m(c, i, false, count_cl(c)); }
