/*
 * fault.h - raising exceptions from anywhere inside an instruction.
 *
 * cpu_raise() never returns: it records the exception and longjmps back
 * to the dispatcher (cpu/exec.c), which puts EIP back at the start of the
 * faulting instruction and delivers the exception.  Because of that
 * unwinding, every handler keeps one rule:
 *
 *   no architectural state is committed before the last access that can
 *   fault.
 *
 * A handler reads everything it needs (which may fault), computes into
 * locals, performs its memory writes (which may fault), and only then
 * writes registers and flags.  EIP is the exception: the dispatcher has
 * already advanced it, and the unwinding puts it back.
 */
#ifndef SOFTPC_CPU_FAULT_H
#define SOFTPC_CPU_FAULT_H

#include <stdint.h>
#include <stdnoreturn.h>

struct cpu;

/* Raise exception `vector`; `error_code` is pushed where the vector has one
 * (#DF #TS #NP #SS #GP #PF #AC), ignored otherwise. */
noreturn void cpu_raise(struct cpu *c, unsigned vector, uint32_t error_code);

#endif
