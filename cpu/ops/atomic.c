/*
 * atomic.c - the read-modify-write instructions made for locking: XADD
 * (0F C0/C1), CMPXCHG (0F B0/B1) and CMPXCHG8B (0F C7 /1).  Intel SDM
 * Vol. 2, the page of each.
 *
 * softpc runs one CPU and no device sees the bus between our read and our
 * write, so LOCK needs no work here; the decoder only checks it is legal
 * (memory forms of all three).
 *
 * XADD: TEMP = SRC + DEST, SRC = DEST, DEST = TEMP, flags as ADD.  With
 * the same register as both operands, DEST is written last, so it ends up
 * holding the sum.
 * CMPXCHG: compares the accumulator with DEST (flags as CMP acc, DEST).
 * Equal: DEST = SRC.  Unequal: acc = DEST, and DEST is written with its
 * own value, as a P6 does (a locked cycle always writes) - so a read-only
 * destination faults either way, and the accumulator is not changed when
 * it does.
 * CMPXCHG8B: the same with EDX:EAX against the quadword m64 and ECX:EBX
 * as the new value; only ZF changes.  The operand size prefix does not
 * matter.  The register form is #UD (a NULL row in the table).
 */
#include "cpu/ops/ops.h"

#include "cpu/access.h"
#include "cpu/cpu.h"
#include "cpu/flags.h"
#include "cpu/operand.h"
#include "cpu/ops/alu.h"
#include "cpu/regs.h"

/* ---- XADD ----------------------------------------------------------------- */

static void xadd_r(struct cpu *c, const struct insn *i, unsigned size)
{
    uint32_t dst = read_er(c, i, size);
    struct alu_out o = alu_compute(ALU_ADD, dst, read_g(c, i, size), 0, size);
    write_g(c, i, size, dst);
    write_er(c, i, size, o.res);
    alu_commit(c, o, size);
}

static void xadd_m(struct cpu *c, const struct insn *i, unsigned size)
{
    uint32_t ea = insn_ea(c, i);
    uint32_t dst = mem_read(c, i->seg, ea, size);
    struct alu_out o = alu_compute(ALU_ADD, dst, read_g(c, i, size), 0, size);
    mem_write(c, i->seg, ea, size, o.res);
    write_g(c, i, size, dst);
    alu_commit(c, o, size);
}

void op_xadd_eb_gb_r(struct cpu *c, const struct insn *i) { xadd_r(c, i, 1); }
void op_xadd_eb_gb_m(struct cpu *c, const struct insn *i) { xadd_m(c, i, 1); }
void op_xadd_ev_gv_r(struct cpu *c, const struct insn *i) { xadd_r(c, i, i->osize); }
void op_xadd_ev_gv_m(struct cpu *c, const struct insn *i) { xadd_m(c, i, i->osize); }

/* ---- CMPXCHG -------------------------------------------------------------- */

static void cmpxchg_r(struct cpu *c, const struct insn *i, unsigned size)
{
    uint32_t dst = read_er(c, i, size);
    struct alu_out o = alu_compute(ALU_CMP, reg_get(c, REG_AX, size), dst, 0, size);
    if (o.res == 0)
        write_er(c, i, size, read_g(c, i, size));
    else
        reg_set(c, REG_AX, size, dst);
    alu_commit(c, o, size);
}

static void cmpxchg_m(struct cpu *c, const struct insn *i, unsigned size)
{
    uint32_t ea = insn_ea(c, i);
    uint32_t dst = mem_read(c, i->seg, ea, size);
    struct alu_out o = alu_compute(ALU_CMP, reg_get(c, REG_AX, size), dst, 0, size);
    bool equal = o.res == 0;
    mem_write(c, i->seg, ea, size, equal ? read_g(c, i, size) : dst);
    if (!equal)
        reg_set(c, REG_AX, size, dst);
    alu_commit(c, o, size);
}

void op_cmpxchg_eb_gb_r(struct cpu *c, const struct insn *i) { cmpxchg_r(c, i, 1); }
void op_cmpxchg_eb_gb_m(struct cpu *c, const struct insn *i) { cmpxchg_m(c, i, 1); }
void op_cmpxchg_ev_gv_r(struct cpu *c, const struct insn *i) { cmpxchg_r(c, i, i->osize); }
void op_cmpxchg_ev_gv_m(struct cpu *c, const struct insn *i) { cmpxchg_m(c, i, i->osize); }

/* ---- CMPXCHG8B ------------------------------------------------------------ */

/* The high dword's offset wraps like any other offset of the address size. */
static uint32_t next_dword(const struct insn *i, uint32_t ea)
{
    uint32_t hi = ea + 4;
    return i->asize == 2 ? hi & 0xFFFF : hi;
}

void op_cmpxchg8b_mq_m(struct cpu *c, const struct insn *i)
{
    uint32_t ea = insn_ea(c, i), ea_hi = next_dword(i, ea);
    uint32_t lo = mem_read32(c, i->seg, ea);
    uint32_t hi = mem_read32(c, i->seg, ea_hi);
    bool equal = lo == reg32(c, REG_AX) && hi == reg32(c, REG_DX);
    uint32_t new_lo = equal ? reg32(c, REG_BX) : lo;
    uint32_t new_hi = equal ? reg32(c, REG_CX) : hi;
    /* Probe both halves first: a fault on the second must not leave the
     * first written. */
    mem_check_write(c, i->seg, ea, 4);
    mem_check_write(c, i->seg, ea_hi, 4);
    mem_write32(c, i->seg, ea, new_lo);
    mem_write32(c, i->seg, ea_hi, new_hi);
    if (!equal) {
        set_reg32(c, REG_AX, lo);
        set_reg32(c, REG_DX, hi);
    }
    cpu_set_eflags(c, equal ? FLAG_ZF : 0, FLAG_ZF);
}
