/*
 * mmx.h - the MMX instruction set of a P6 (Pentium II class): packed
 * integer arithmetic on the eight 64-bit MMX registers, which alias the
 * significands of the x87 physical registers R0-R7 (Intel SDM Vol. 1,
 * chapter 9; Vol. 3, chapter 12 on the x87/MMX state sharing).
 *
 * The lane arithmetic (mmx_lanes.c) is pure and testable on its own; the
 * handlers (mmx.c) add the state rules: CR0.EM => #UD, CR0.TS => #NM, a
 * pending x87 exception => #MF (or FERR#), then TOP = 0 and every tag
 * valid (EMMS: every tag empty), and writes set bits 79:64 to all ones.
 * Not here: the SSE integer additions (PAVGB, PMINUB, PSADBW ...), the
 * 66-prefixed XMM forms (both #UD until SSE exists).
 */
#ifndef SOFTPC_CPU_FPU_MMX_H
#define SOFTPC_CPU_FPU_MMX_H

#include <stdbool.h>
#include <stdint.h>

enum mmx_shift { MMX_SLL, MMX_SRL, MMX_SRA };

/* The "Pq,Qq" operation of opcode 0F op on a (destination) and b
 * (source); false if op is not one. */
bool mmx_binary(unsigned op, uint64_t a, uint64_t b, uint64_t *out);

/* Lane shift of a by count (lanes of 16, 32 or 64 bits). */
uint64_t mmx_shift(uint64_t a, uint64_t count, unsigned bits, enum mmx_shift kind);

#endif
