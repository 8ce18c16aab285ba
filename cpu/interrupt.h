/*
 * interrupt.h - delivering interrupts and exceptions to the guest, and
 * IRET, the way back.
 *
 * Real mode: push FLAGS, CS, IP; clear IF, TF, AC; jump through the
 * interrupt vector table at IDTR.base + 4 * vector.
 *
 * Protected and virtual-8086 mode (Intel SDM Vol. 3, chapter 6
 * "Interrupt and Exception Handling", and the INT n / IRET pages of
 * Vol. 2): the IDT holds interrupt, trap and task gates; a gate may lead
 * to a more privileged level (new stack from the TSS) or to another task
 * (cpu/task.h).  cpu/iret.c holds IRET.
 *
 * Not here: the virtual-8086 mode extensions (CR4.VME: interrupt
 * redirection, VIF/VIP) and protected-mode virtual interrupts (CR4.PVI);
 * with them off, as here, V86 and CPL 3 behave as on a 386.
 */
#ifndef SOFTPC_CPU_INTERRUPT_H
#define SOFTPC_CPU_INTERRUPT_H

#include <stdbool.h>
#include <stdint.h>

struct cpu;

/* Where an interrupt comes from.  It decides three things: whether the
 * gate's DPL is checked against CPL (software interrupts only), whether
 * INT n is IOPL-sensitive in V86 mode (INT n only, not INT3/INTO), and
 * whether error codes of faults raised during delivery carry EXT (bit 0:
 * set for everything but software interrupts). */
enum int_source {
    INT_SRC_INTN,       /* INT n (CD ib) */
    INT_SRC_SOFTWARE,   /* INT3 (CC), INTO (CE): DPL-checked, not IOPL-sensitive */
    INT_SRC_EXCEPTION,  /* processor exceptions (traps, aborts), and INT1 (F1) */
    INT_SRC_FAULT,      /* a fault-class exception: as INT_SRC_EXCEPTION, and
                           the pushed EFLAGS image has RF set (SDM 17.3.1.1) */
    INT_SRC_EXTERNAL,   /* INTR (the PIC), NMI */
};

/* True for the vectors that push an error code when raised as an
 * exception: #DF #TS #NP #SS #GP #PF #AC. */
bool exception_has_error_code(unsigned vector);

/* Enter the handler for `vector`.  `return_eip` is what the handler's
 * IRET returns to: the next instruction for traps and INT n, the faulting
 * instruction for faults.  `error_code` is pushed when `src` is
 * INT_SRC_EXCEPTION or INT_SRC_FAULT and the vector has one.  May itself fault (cpu_raise):
 * everything it reads and checks comes first, the frame is written next,
 * registers are committed last. */
void cpu_interrupt(struct cpu *c, uint8_t vector, uint32_t return_eip,
                   enum int_source src, uint32_t error_code);

/* IRET/IRETD with operand size `osize` (2 or 4), in any mode. */
void cpu_iret(struct cpu *c, unsigned osize);

/* Far transfer in real mode: CS = selector (base selector << 4), EIP. */
void cpu_jump_far_real(struct cpu *c, uint16_t selector, uint32_t eip);

#endif
