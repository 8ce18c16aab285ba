/*
 * muldiv.c - multiply and divide: MUL, IMUL (one-operand Eb/Ev and the
 * three-operand Gv,Ev,Iz / Gv,Ev,Ibs forms), DIV and IDIV.
 *
 * Follows the Intel SDM, Vol. 2A/2B, "DIV", "IDIV", "IMUL", "MUL".
 * Products are formed in 64-bit host integers (a 32x32 product fits).  MUL
 * and IMUL set CF = OF = "the upper half is significant"; SF ZF AF PF are
 * undefined and are set here from the low half of the result, AF cleared.
 * DIV and IDIV leave all flags undefined; this model leaves them
 * unchanged.  A zero divisor or a quotient that does not fit raises #DE
 * before any register is written.  IDIV accepts the most negative
 * quotient (-80h, -8000h, -80000000h) as the 286 and every later CPU do
 * (the 8086 raised #DE for it).  Signed division is done on magnitudes in
 * unsigned arithmetic, so INT64_MIN / -1 and friends never reach the host's
 * signed division.
 */
#include "cpu/ops/ops.h"

#include "cpu/cpu.h"
#include "cpu/fault.h"
#include "cpu/flags.h"
#include "cpu/operand.h"
#include "cpu/regs.h"

/* The `bits`-bit value v (upper bits ignored) as a signed number. */
static inline int64_t sign_extend(uint64_t v, unsigned bits)
{
    uint64_t m = (uint64_t)1 << (bits - 1);
    uint64_t low = v & ((m << 1) - 1);
    return (int64_t)(low ^ m) - (int64_t)m;
}

/* The accumulator pair that holds a double-width value: AX for bytes,
 * DX:AX for words, EDX:EAX for doublewords. */
static uint64_t acc_pair_get(const struct cpu *c, unsigned size)
{
    if (size == 1)
        return reg16(c, REG_AX);
    return ((uint64_t)reg_get(c, REG_DX, size) << (size * 8)) | reg_get(c, REG_AX, size);
}

static void acc_pair_set(struct cpu *c, unsigned size, uint64_t v)
{
    if (size == 1) {
        set_reg16(c, REG_AX, (uint16_t)v);
        return;
    }
    reg_set(c, REG_AX, size, (uint32_t)(v & size_mask(size)));
    reg_set(c, REG_DX, size, (uint32_t)((v >> (size * 8)) & size_mask(size)));
}

/* Flags of a multiply whose result is `prod` (double width, low half is
 * the destination's width) and whose upper half is significant if `big`. */
static void mul_flags(struct cpu *c, uint64_t prod, unsigned size, unsigned big)
{
    lazy_set_explicit(c, prod & size_mask(size), size * 8, big, big, 0);
}

static void mul_acc(struct cpu *c, unsigned size, uint32_t src)
{
    uint64_t prod = (uint64_t)reg_get(c, REG_AX, size) * src;
    acc_pair_set(c, size, prod);
    mul_flags(c, prod, size, (prod >> (size * 8)) != 0);
}

static void imul_acc(struct cpu *c, unsigned size, uint32_t src)
{
    unsigned bits = size * 8;
    int64_t prod = sign_extend(reg_get(c, REG_AX, size), bits) * sign_extend(src, bits);
    uint64_t uprod = (uint64_t)prod;
    acc_pair_set(c, size, uprod);
    mul_flags(c, uprod, size, sign_extend(uprod, bits) != prod);
}

/* IMUL Gv, src, imm: truncated product into Gv. */
static void imul_3op(struct cpu *c, const struct insn *i, uint32_t src)
{
    unsigned bits = i->osize * 8;
    int64_t prod = sign_extend(src, bits) * sign_extend(i->imm, bits);
    uint64_t uprod = (uint64_t)prod;
    write_g(c, i, i->osize, (uint32_t)(uprod & size_mask(i->osize)));
    mul_flags(c, uprod, i->osize, sign_extend(uprod, bits) != prod);
}

static void div_acc(struct cpu *c, unsigned size, uint32_t divisor)
{
    if (divisor == 0)
        cpu_raise(c, EXC_DE, 0);
    uint64_t n = acc_pair_get(c, size);
    uint64_t q = n / divisor, r = n % divisor;
    if (q > size_mask(size))
        cpu_raise(c, EXC_DE, 0);
    /* Quotient in the low register (AL/AX/EAX), remainder in the high. */
    acc_pair_set(c, size, (r << (size * 8)) | q);
}

static void idiv_acc(struct cpu *c, unsigned size, uint32_t divisor)
{
    unsigned bits = size * 8;
    if ((divisor & size_mask(size)) == 0)
        cpu_raise(c, EXC_DE, 0);
    uint64_t n = acc_pair_get(c, size);
    bool n_neg = (n >> (2 * bits - 1)) & 1;
    bool d_neg = (divisor >> (bits - 1)) & 1;
    /* Magnitudes; two's complement negation of the double-width dividend. */
    uint64_t pair_mask = bits == 32 ? ~(uint64_t)0 : ((uint64_t)1 << (2 * bits)) - 1;
    uint64_t un = n_neg ? (0 - n) & pair_mask : n;
    uint64_t ud = d_neg ? (0 - (uint64_t)divisor) & size_mask(size) : divisor;
    uint64_t uq = un / ud, ur = un % ud;
    bool q_neg = n_neg != d_neg;
    uint64_t limit = (uint64_t)1 << (bits - 1); /* |most negative quotient| */
    if (q_neg ? uq > limit : uq >= limit)
        cpu_raise(c, EXC_DE, 0);
    uint64_t q = (q_neg ? 0 - uq : uq) & size_mask(size);
    uint64_t r = (n_neg ? 0 - ur : ur) & size_mask(size); /* sign of the dividend */
    acc_pair_set(c, size, (r << bits) | q);
}

void op_mul_eb_r(struct cpu *c, const struct insn *i) { mul_acc(c, 1, read_er(c, i, 1)); }
void op_mul_eb_m(struct cpu *c, const struct insn *i) { mul_acc(c, 1, read_em(c, i, 1)); }
void op_mul_ev_r(struct cpu *c, const struct insn *i) { mul_acc(c, i->osize, read_er(c, i, i->osize)); }
void op_mul_ev_m(struct cpu *c, const struct insn *i) { mul_acc(c, i->osize, read_em(c, i, i->osize)); }

void op_imul_eb_r(struct cpu *c, const struct insn *i) { imul_acc(c, 1, read_er(c, i, 1)); }
void op_imul_eb_m(struct cpu *c, const struct insn *i) { imul_acc(c, 1, read_em(c, i, 1)); }
void op_imul_ev_r(struct cpu *c, const struct insn *i) { imul_acc(c, i->osize, read_er(c, i, i->osize)); }
void op_imul_ev_m(struct cpu *c, const struct insn *i) { imul_acc(c, i->osize, read_em(c, i, i->osize)); }

void op_div_eb_r(struct cpu *c, const struct insn *i) { div_acc(c, 1, read_er(c, i, 1)); }
void op_div_eb_m(struct cpu *c, const struct insn *i) { div_acc(c, 1, read_em(c, i, 1)); }
void op_div_ev_r(struct cpu *c, const struct insn *i) { div_acc(c, i->osize, read_er(c, i, i->osize)); }
void op_div_ev_m(struct cpu *c, const struct insn *i) { div_acc(c, i->osize, read_em(c, i, i->osize)); }

void op_idiv_eb_r(struct cpu *c, const struct insn *i) { idiv_acc(c, 1, read_er(c, i, 1)); }
void op_idiv_eb_m(struct cpu *c, const struct insn *i) { idiv_acc(c, 1, read_em(c, i, 1)); }
void op_idiv_ev_r(struct cpu *c, const struct insn *i) { idiv_acc(c, i->osize, read_er(c, i, i->osize)); }
void op_idiv_ev_m(struct cpu *c, const struct insn *i) { idiv_acc(c, i->osize, read_em(c, i, i->osize)); }

/* The immediate of Iz is zero-extended by the decoder and that of Ibs
 * sign-extended; imul_3op sign-extends from the operand width either way. */
void op_imul_gv_ev_iz_r(struct cpu *c, const struct insn *i) { imul_3op(c, i, read_er(c, i, i->osize)); }
void op_imul_gv_ev_iz_m(struct cpu *c, const struct insn *i) { imul_3op(c, i, read_em(c, i, i->osize)); }
void op_imul_gv_ev_ibs_r(struct cpu *c, const struct insn *i) { imul_3op(c, i, read_er(c, i, i->osize)); }
void op_imul_gv_ev_ibs_m(struct cpu *c, const struct insn *i) { imul_3op(c, i, read_em(c, i, i->osize)); }
