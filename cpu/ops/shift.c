/*
 * shift.c - the shift and rotate group: ROL ROR RCL RCR SHL/SAL SHR SAR on
 * Eb/Ev, with the count from an immediate (C0/C1, and D0/D1 where the
 * decoder supplies imm = 1) or from CL (D2/D3).
 *
 * Follows the Intel SDM, Vol. 2B, "RCL/RCR/ROL/ROR" and "SAL/SAR/SHL/SHR".
 * The count is masked to 5 bits for every operand size, as on the 286 and
 * every later CPU (the 8086 did not mask); a masked count of 0 changes
 * neither the operand nor any flag.  RCL/RCR rotate through width + 1 bits
 * (CF included), so an 8- or 16-bit operand rotates by count mod 9 or 17.
 *
 * Flags the SDM leaves undefined are made to match the real-286 vectors,
 * which agree with the simple rule "OF is the one-bit formula applied to
 * the last single-bit step": ROL/RCL/SHL: OF = MSB(result) XOR CF; ROR/RCR:
 * OF = XOR of the two top bits of the result; SHR: OF = MSB of the operand
 * for a count of 1, else 0 (the last step shifts a 0 into the top);
 * SAR: OF = 0.  (Which step a CPU takes OF from is model-specific: the
 * 286 takes the last, as here; a recent Intel core takes the first, i.e.
 * applies the one-bit formula to the original operand.  The SDM does not
 * say what a P6 does, and the vectors check OF after C0/C1 shifts of any
 * count, so the 286 rule stands.)  Shifts clear AF (undefined; the vectors
 * do not check it).  Rotates change only CF and OF.
 *
 * A memory operand is read even when the masked count is 0 (so a bad
 * address still faults) but is then not written back.
 */
#include "cpu/ops/ops.h"

#include "cpu/cpu.h"
#include "cpu/flags.h"
#include "cpu/operand.h"
#include "cpu/regs.h"

/* ModRM.reg of the group, which is also the operation. */
enum shift_op {
    SHIFT_ROL = 0, SHIFT_ROR = 1, SHIFT_RCL = 2, SHIFT_RCR = 3,
    SHIFT_SHL = 4, SHIFT_SHR = 5, SHIFT_SAR = 7,
};

struct shift_out {
    uint32_t res;
    unsigned cf, of;
};

static inline unsigned bit_at(uint64_t v, unsigned n)
{
    return (unsigned)(v >> n) & 1;
}

/* x rotated left by n (0 < n < bits) within `bits` bits. */
static inline uint64_t rotl_bits(uint64_t x, unsigned n, unsigned bits, uint64_t mask)
{
    return ((x << n) | (x >> (bits - n))) & mask;
}

static struct shift_out shift_rol(uint32_t x, unsigned count, unsigned bits, uint64_t mask)
{
    struct shift_out o;
    unsigned n = count % bits;
    o.res = n ? (uint32_t)rotl_bits(x, n, bits, mask) : x;
    o.cf = o.res & 1;
    o.of = bit_at(o.res, bits - 1) ^ o.cf;
    return o;
}

static struct shift_out shift_ror(uint32_t x, unsigned count, unsigned bits, uint64_t mask)
{
    struct shift_out o;
    unsigned n = count % bits;
    o.res = n ? (uint32_t)rotl_bits(x, bits - n, bits, mask) : x;
    o.cf = bit_at(o.res, bits - 1);
    o.of = o.cf ^ bit_at(o.res, bits - 2);
    return o;
}

/* RCL and RCR work on the (bits + 1)-bit value CF:x. */
static struct shift_out shift_rcl(uint32_t x, unsigned count, unsigned bits, uint64_t mask,
                                  unsigned cf)
{
    struct shift_out o;
    unsigned n = count % (bits + 1);
    uint64_t wide_mask = (mask << 1) | 1;
    uint64_t v = ((uint64_t)cf << bits) | x;
    if (n)
        v = rotl_bits(v, n, bits + 1, wide_mask);
    o.res = (uint32_t)(v & mask);
    o.cf = bit_at(v, bits);
    o.of = bit_at(o.res, bits - 1) ^ o.cf;
    return o;
}

static struct shift_out shift_rcr(uint32_t x, unsigned count, unsigned bits, uint64_t mask,
                                  unsigned cf)
{
    struct shift_out o;
    unsigned n = count % (bits + 1);
    uint64_t wide_mask = (mask << 1) | 1;
    uint64_t v = ((uint64_t)cf << bits) | x;
    if (n)
        v = rotl_bits(v, bits + 1 - n, bits + 1, wide_mask);
    o.res = (uint32_t)(v & mask);
    o.cf = bit_at(v, bits);
    o.of = bit_at(o.res, bits - 1) ^ bit_at(o.res, bits - 2);
    return o;
}

/* count is 1..31 here, so every host shift below is by less than 64. */
static struct shift_out shift_shl(uint32_t x, unsigned count, unsigned bits, uint64_t mask)
{
    struct shift_out o;
    uint64_t wide = (uint64_t)x << count;
    o.res = (uint32_t)(wide & mask);
    o.cf = bit_at(wide, bits); /* 0 once count > bits: only zeros got there */
    o.of = bit_at(o.res, bits - 1) ^ o.cf;
    return o;
}

static struct shift_out shift_shr(uint32_t x, unsigned count, unsigned bits)
{
    struct shift_out o;
    o.res = (uint32_t)((uint64_t)x >> count);
    o.cf = bit_at(x, count - 1);
    o.of = count == 1 ? bit_at(x, bits - 1) : 0;
    return o;
}

static struct shift_out shift_sar(uint32_t x, unsigned count, unsigned bits, uint64_t mask)
{
    struct shift_out o;
    /* Fill every bit above the operand with its sign: a logical shift of
     * that 64-bit value is an arithmetic shift of the operand. */
    uint64_t sx = bit_at(x, bits - 1) ? (uint64_t)x | ~mask : x;
    o.res = (uint32_t)((sx >> count) & mask);
    o.cf = bit_at(sx, count - 1);
    o.of = 0;
    return o;
}

/* The result and CF/OF of `op` on the `size`-byte value x; count is the
 * masked count, 1..31. */
static struct shift_out shift_compute(const struct cpu *c, unsigned op, uint32_t x,
                                      unsigned count, unsigned size)
{
    unsigned bits = size * 8;
    uint64_t mask = size_mask(size);
    switch (op) {
    case SHIFT_ROL: return shift_rol(x, count, bits, mask);
    case SHIFT_ROR: return shift_ror(x, count, bits, mask);
    case SHIFT_RCL: return shift_rcl(x, count, bits, mask, flag_cf(c));
    case SHIFT_RCR: return shift_rcr(x, count, bits, mask, flag_cf(c));
    case SHIFT_SHR: return shift_shr(x, count, bits);
    case SHIFT_SAR: return shift_sar(x, count, bits, mask);
    default: return shift_shl(x, count, bits, mask);
    }
}

static void shift_set_flags(struct cpu *c, unsigned op, const struct shift_out *o, unsigned size)
{
    if (op <= SHIFT_RCR) {
        /* Rotates keep SF ZF AF PF: materialise, then write CF and OF. */
        uint32_t v = (o->cf ? FLAG_CF : 0) | (o->of ? FLAG_OF : 0);
        cpu_set_eflags(c, v, FLAG_CF | FLAG_OF);
    } else {
        lazy_set_explicit(c, o->res, size * 8, o->cf, o->of, 0);
    }
}

static void shift_r(struct cpu *c, const struct insn *i, unsigned op, unsigned size,
                    unsigned count)
{
    count &= 0x1F;
    if (!count)
        return;
    struct shift_out o = shift_compute(c, op, read_er(c, i, size), count, size);
    write_er(c, i, size, o.res);
    shift_set_flags(c, op, &o, size);
}

static void shift_m(struct cpu *c, const struct insn *i, unsigned op, unsigned size,
                    unsigned count)
{
    uint32_t x = read_em(c, i, size);
    count &= 0x1F;
    if (!count)
        return;
    struct shift_out o = shift_compute(c, op, x, count, size);
    write_em(c, i, size, o.res);
    shift_set_flags(c, op, &o, size);
}

static inline unsigned count_cl(const struct cpu *c)
{
    return reg8(c, REG_CX);
}

/* Eight one-line entry points per operation: Eb/Ev x Ib/CL x reg/mem. */
#define SHIFT_FAMILY(name, OP)                                                                   \
    void op_##name##_eb_ib_r(struct cpu *c, const struct insn *i) { shift_r(c, i, OP, 1, i->imm); } \
    void op_##name##_eb_ib_m(struct cpu *c, const struct insn *i) { shift_m(c, i, OP, 1, i->imm); } \
    void op_##name##_ev_ib_r(struct cpu *c, const struct insn *i) { shift_r(c, i, OP, i->osize, i->imm); } \
    void op_##name##_ev_ib_m(struct cpu *c, const struct insn *i) { shift_m(c, i, OP, i->osize, i->imm); } \
    void op_##name##_eb_cl_r(struct cpu *c, const struct insn *i) { shift_r(c, i, OP, 1, count_cl(c)); } \
    void op_##name##_eb_cl_m(struct cpu *c, const struct insn *i) { shift_m(c, i, OP, 1, count_cl(c)); } \
    void op_##name##_ev_cl_r(struct cpu *c, const struct insn *i) { shift_r(c, i, OP, i->osize, count_cl(c)); } \
    void op_##name##_ev_cl_m(struct cpu *c, const struct insn *i) { shift_m(c, i, OP, i->osize, count_cl(c)); }

SHIFT_FAMILY(rol, SHIFT_ROL)
SHIFT_FAMILY(ror, SHIFT_ROR)
SHIFT_FAMILY(rcl, SHIFT_RCL)
SHIFT_FAMILY(rcr, SHIFT_RCR)
SHIFT_FAMILY(shl, SHIFT_SHL)
SHIFT_FAMILY(shr, SHIFT_SHR)
SHIFT_FAMILY(sar, SHIFT_SAR)
