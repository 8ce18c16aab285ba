/*
 * bcd.c - decimal adjust instructions: DAA, DAS (packed BCD in AL), AAA,
 * AAS, AAM, AAD (unpacked BCD in AX).
 *
 * Follows the pseudo-code of the Intel SDM, Vol. 2A, "AAA", "AAD", "AAM",
 * "AAS", "DAA", "DAS", which describes the P6 and later CPUs.  Notable
 * there: AAA and AAS add/subtract 6 to AX as a whole (a carry or borrow
 * out of AL reaches AH, on top of the +/-1 to AH); the real-286 vectors
 * agree.  AAM with an immediate of 0 raises #DE before touching anything;
 * a P6 leaves the flags unchanged, where the 286 alters SF/ZF/PF first.
 *
 * Undefined flags, chosen to be simple (none of them are checked by the
 * vectors): DAA/DAS clear OF; AAA/AAS set SF ZF PF from the final AL and
 * clear OF; AAM/AAD clear OF AF CF.
 */
#include "cpu/ops/ops.h"

#include "cpu/cpu.h"
#include "cpu/fault.h"
#include "cpu/flags.h"
#include "cpu/regs.h"

enum { REG_AL = 0, REG_AH = 4 }; /* byte register numbers */

void op_daa(struct cpu *c, const struct insn *i)
{
    (void)i;
    unsigned old_al = reg8(c, REG_AL), old_cf = flag_cf(c);
    unsigned al = old_al, cf = 0, af = 0;
    if ((al & 0x0F) > 9 || flag_af(c)) {
        al += 6;
        cf = old_cf | (al > 0xFF);
        af = 1;
    }
    if (old_al > 0x99 || old_cf) {
        al += 0x60;
        cf = 1;
    } else {
        cf = 0;
    }
    set_reg8(c, REG_AL, (uint8_t)al);
    lazy_set_explicit(c, al & 0xFF, 8, cf, 0, af);
}

void op_das(struct cpu *c, const struct insn *i)
{
    (void)i;
    unsigned old_al = reg8(c, REG_AL), old_cf = flag_cf(c);
    unsigned al = old_al, cf = 0, af = 0;
    if ((al & 0x0F) > 9 || flag_af(c)) {
        cf = old_cf | (al < 6); /* borrow out of AL - 6 */
        al = (al - 6) & 0xFF;
        af = 1;
    }
    /* Unlike DAA, no "else CF = 0" here: the borrow above stands. */
    if (old_al > 0x99 || old_cf) {
        al = (al - 0x60) & 0xFF;
        cf = 1;
    }
    set_reg8(c, REG_AL, (uint8_t)al);
    lazy_set_explicit(c, al, 8, cf, 0, af);
}

void op_aaa(struct cpu *c, const struct insn *i)
{
    (void)i;
    unsigned ax = reg16(c, REG_AX), adjust = 0;
    if ((ax & 0x0F) > 9 || flag_af(c)) {
        ax += 0x106;
        adjust = 1;
    }
    ax &= 0xFF0F;
    set_reg16(c, REG_AX, (uint16_t)ax);
    lazy_set_explicit(c, ax & 0xFF, 8, adjust, 0, adjust);
}

void op_aas(struct cpu *c, const struct insn *i)
{
    (void)i;
    unsigned ax = reg16(c, REG_AX), adjust = 0;
    if ((ax & 0x0F) > 9 || flag_af(c)) {
        ax -= 6;     /* a borrow out of AL reaches AH ... */
        ax -= 0x100; /* ... and AH is decremented as well */
        adjust = 1;
    }
    ax &= 0xFF0F;
    set_reg16(c, REG_AX, (uint16_t)ax);
    lazy_set_explicit(c, ax & 0xFF, 8, adjust, 0, adjust);
}

void op_aam_ib(struct cpu *c, const struct insn *i)
{
    unsigned base = i->imm & 0xFF, al = reg8(c, REG_AL);
    if (base == 0)
        cpu_raise(c, EXC_DE, 0);
    unsigned q = al / base, r = al % base;
    set_reg16(c, REG_AX, (uint16_t)((q << 8) | r));
    lazy_set_explicit(c, r, 8, 0, 0, 0);
}

void op_aad_ib(struct cpu *c, const struct insn *i)
{
    unsigned base = i->imm & 0xFF;
    unsigned al = (reg8(c, REG_AL) + reg8(c, REG_AH) * base) & 0xFF;
    set_reg16(c, REG_AX, (uint16_t)al);
    lazy_set_explicit(c, al, 8, 0, 0, 0);
}
