/*
 * far.h - far JMP, CALL and RET in protected mode (cpu/ops/far.c).
 *
 * control.c's handlers read the far pointer (or pop it) and hand the
 * transfer to these when the CPU is in protected mode proper (PE set, VM
 * clear); real and virtual-8086 mode stay in control.c.  Each function
 * does every check and every memory access first and commits CS:EIP, SS:
 * ESP and CPL last, so a fault leaves the CPU at the instruction.
 */
#ifndef SOFTPC_CPU_OPS_FAR_H
#define SOFTPC_CPU_OPS_FAR_H

#include <stdint.h>

struct cpu;

/* JMP ptr16:16/32 or m16:16/32: to a code segment, through a call gate,
 * or to a task (TSS or task gate).  `osize` truncates `offset` for a
 * direct jump (gates carry their own offset). */
void far_jmp_pmode(struct cpu *c, uint16_t sel, uint32_t offset, unsigned osize);

/* CALL ptr16:16/32 or m16:16/32: `osize` is the size of the return
 * address pushed by a direct call; a call gate pushes at its own size. */
void far_call_pmode(struct cpu *c, uint16_t sel, uint32_t offset, unsigned osize);

/* RETF / RETF imm16: pops EIP and CS at `osize`, releases `extra` bytes,
 * and on a return to an outer level pops ESP and SS as well. */
void far_ret_pmode(struct cpu *c, unsigned osize, uint16_t extra);

#endif
