/*
 * decode.h - turning instruction bytes into a struct insn.
 *
 * The decoder is driven entirely by cpu/opcodes.def: at start-up each
 * row's operand notation ("Ev,Gv", "AL,Ib", "Jz" ...) is parsed once into a
 * small description (does a ModRM byte follow, which immediates, how
 * wide), and decode_insn() then walks prefixes, opcode, ModRM, SIB,
 * displacement and immediates with no per-opcode code at all.
 *
 * Not here: fetching bytes (the caller supplies them), executing.
 */
#ifndef SOFTPC_CPU_DECODE_H
#define SOFTPC_CPU_DECODE_H

#include <stdint.h>

#include "cpu/insn.h"

/* Mode bits that change how bytes decode; part of every block's key. */
enum {
    DECODE_CODE32 = 1u << 0, /* CS.D: default operand and address size 32 */
};

#define INSN_MAX_LEN 15

enum decode_result {
    DECODE_OK = 0,
    DECODE_NEED_MORE = -1, /* ran past `avail` bytes: fetch more and retry */
    DECODE_TOO_LONG = -2,  /* more than 15 bytes: #GP(0) when executed */
};

/* Decode one instruction from bytes[0..avail).  On DECODE_OK, *i is
 * complete (invalid opcodes decode to a handler that raises #UD, so that
 * the fault happens only if the instruction is really reached). */
enum decode_result decode_insn(struct insn *i, const uint8_t *bytes, unsigned avail,
                               unsigned mode);

/* The table row an insn came from, for messages and disassembly. */
struct opcode_row {
    uint16_t opcode;
    int8_t group_reg;       /* ModRM.reg for group rows, -1 otherwise */
    const char *mnemonic;
    const char *operands;
    insn_handler reg_form;
    insn_handler mem_form;
    uint8_t attr;
    int16_t modrm;          /* MODRM rows: the whole ModRM byte, -1 otherwise */
};
const struct opcode_row *decode_row(const struct insn *i);

/* Handler of opcodes the table does not list. */
void op_ud(struct cpu *c, const struct insn *i);
/* Handler for instructions longer than 15 bytes. */
void op_too_long(struct cpu *c, const struct insn *i);

#endif
