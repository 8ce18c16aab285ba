/*
 * alu.h - the core of the eight classic ALU operations (ADD OR ADC SBB AND
 * SUB XOR CMP), shared by every instruction family that does one of them
 * (arith.c, and CMPS/SCAS in string.c).  Intel SDM Vol. 2, the pages of
 * each mnemonic, and Vol. 1 §3.4.3 for the status flags.
 *
 * The operation is split in two so handlers can obey the fault rule:
 * alu_compute() returns the result and the carry-out vector (flags.h) in a
 * local, the handler does its memory write (which may fault), and only then
 * alu_commit() records the flags.  alu_op() does both at once for callers
 * with nothing left that can fault.
 *
 * ADC and SBB fold the incoming carry into the sum/difference; the carry
 * vector formulas of flags.h still hold, because they recover the carry
 * into each bit from a ^ b ^ r, which includes the carry-in at bit 0.
 *
 * The logic ops clear CF and OF; AF is undefined after them (SDM) and we
 * clear it too.
 */
#ifndef SOFTPC_CPU_OPS_ALU_H
#define SOFTPC_CPU_OPS_ALU_H

#include <stdint.h>

#include "cpu/flags.h"
#include "cpu/regs.h"

/* In the order of ModRM.reg in group 1 (opcodes 80-83) and of opcode
 * bits 5:3 in 00-3F, so `opcode >> 3 & 7` names the operation. */
enum alu_op { ALU_ADD, ALU_OR, ALU_ADC, ALU_SBB, ALU_AND, ALU_SUB, ALU_XOR, ALU_CMP };

struct alu_out {
    uint32_t res;  /* result, truncated to the operand size */
    uint64_t cout; /* carry/borrow-out vector for lazy_set */
};

/* a OP b at `size` bytes (1, 2, 4); `cf` is the carry-in for ADC/SBB. */
static inline struct alu_out alu_compute(enum alu_op op, uint32_t a, uint32_t b,
                                         unsigned cf, unsigned size)
{
    uint64_t m = size_mask(size);
    uint64_t x = a & m, y = b & m;
    uint64_t cin = (op == ALU_ADC || op == ALU_SBB) ? (cf & 1) : 0;
    uint64_t r, cout = 0;

    switch (op) {
    case ALU_ADD:
    case ALU_ADC:
        r = (x + y + cin) & m;
        cout = carry_out_add(x, y, r);
        break;
    case ALU_SUB:
    case ALU_SBB:
    case ALU_CMP:
        r = (x - y - cin) & m;
        cout = carry_out_sub(x, y, r);
        break;
    case ALU_OR:
        r = x | y;
        break;
    case ALU_AND:
        r = x & y;
        break;
    default: /* ALU_XOR */
        r = x ^ y;
        break;
    }
    return (struct alu_out){ (uint32_t)r, cout };
}

static inline void alu_commit(struct cpu *c, struct alu_out o, unsigned size)
{
    lazy_set(c, o.res, o.cout, size * 8);
}

/* Compute, record the flags, return the result: for callers that have no
 * faulting access left after the operation. */
static inline uint32_t alu_op(struct cpu *c, enum alu_op op, uint32_t a, uint32_t b,
                              unsigned size)
{
    struct alu_out o = alu_compute(op, a, b, flag_cf(c), size);
    alu_commit(c, o, size);
    return o.res;
}

#endif
