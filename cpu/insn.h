/*
 * insn.h - one decoded instruction, as stored in a decoded block.
 *
 * The decoder (cpu/decode.c) does all the work that does not depend on
 * register or memory contents once: prefixes, operand and address size,
 * the ModRM/SIB split into base/index/scale/displacement, immediates
 * (already sign- or zero-extended as the table says), and the choice of
 * handler for the register or the memory form of the instruction.  A
 * handler then runs straight-line code with everything it needs in here.
 */
#ifndef SOFTPC_CPU_INSN_H
#define SOFTPC_CPU_INSN_H

#include <stdint.h>

struct cpu;
struct insn;

typedef void (*insn_handler)(struct cpu *c, const struct insn *i);

enum {
    REP_NONE = 0,
    REP_E = 1,   /* F3: REP / REPE / REPZ */
    REP_NE = 2,  /* F2: REPNE / REPNZ */
};

/* insn.attr bits, copied from the instruction table. */
enum {
    ATTR_LOCK_OK = 1u << 0, /* LOCK allowed with a memory destination */
    ATTR_ENDS_BLOCK = 1u << 1, /* control transfer or mode change: ends a block */
    ATTR_STRING = 1u << 2,  /* REP prefixes apply */
    ATTR_LOCKED = 1u << 7,  /* a LOCK prefix was present (decoded, not table) */
};

struct insn {
    insn_handler fn;
    uint16_t opcode;    /* 0x00-0xFF, or 0x0F00-0x0FFF for two-byte opcodes */
    uint8_t len;        /* total length in bytes, prefixes included */
    uint8_t osize;      /* operand size in bytes: 2 or 4 (8 later) */
    uint8_t asize;      /* address size in bytes: 2 or 4 */
    uint8_t seg;        /* segment of the memory operand (override applied) */
    uint8_t seg_override; /* 1 + SEG_x if a segment prefix was seen, else 0 */
    uint8_t rep;        /* REP_NONE / REP_E / REP_NE */
    uint8_t attr;       /* ATTR_* */
    uint8_t modrm;      /* raw ModRM byte (0 if none) */
    uint8_t reg;        /* ModRM.reg: G operand, segment or group member */
    uint8_t rm;         /* register form: the E operand's register number */
    uint8_t base;       /* memory form: base register, REG_ZERO if none */
    uint8_t index;      /* memory form: index register, REG_ZERO if none */
    uint8_t scale;      /* memory form: index shift 0-3 */
    uint16_t table;     /* row of the instruction table (for the disassembler) */
    uint32_t disp;      /* memory form: displacement (sign-extended) */
    uint32_t imm;       /* first immediate (Jb/Jz: the relative offset) */
    uint32_t imm2;      /* second immediate (ENTER's Ib, Ap's selector) */
};

#endif
