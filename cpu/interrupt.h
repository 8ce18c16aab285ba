/*
 * interrupt.h - delivering interrupts and exceptions to the guest.
 *
 * Real mode (this stage): push FLAGS, CS, IP; clear IF, TF, AC; jump
 * through the interrupt vector table at IDTR.base + 4 * vector.  Protected
 * mode gates come with the protected-mode work.
 */
#ifndef SOFTPC_CPU_INTERRUPT_H
#define SOFTPC_CPU_INTERRUPT_H

#include <stdint.h>

struct cpu;

/* Enter the handler for `vector`.  `return_eip` is what the handler's
 * IRET returns to: the next instruction for traps and INT n, the faulting
 * instruction for faults. May itself fault (stack limits). */
void cpu_interrupt(struct cpu *c, uint8_t vector, uint32_t return_eip);

/* Far transfer in real mode: CS = selector (base selector << 4), EIP. */
void cpu_jump_far_real(struct cpu *c, uint16_t selector, uint32_t eip);

#endif
