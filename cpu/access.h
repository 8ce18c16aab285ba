/*
 * access.h - memory access through segment registers: the only way
 * instruction handlers touch guest memory.
 *
 * Every access checks the offset against the segment limit (a word at
 * offset 0xFFFF of a real-mode segment raises #GP, or #SS for the stack
 * segment, as on a 386 and later) and the segment's rights, forms the
 * linear address, and goes through the software TLB and paging
 * (cpu/tlb.h, cpu/paging.h) to the physical address space.
 *
 * Writes go through phys_write*, which is where self-modifying code is
 * noticed (mem/phys.h).
 */
#ifndef SOFTPC_CPU_ACCESS_H
#define SOFTPC_CPU_ACCESS_H

#include <stdint.h>

#include "cpu/cpu.h"

/* Limit and rights check for `size` bytes at seg:off; `need` is
 * SEG_CAN_READ or SEG_CAN_WRITE.  Raises #GP(0), or #SS(0) for SS. */
void seg_check(struct cpu *c, unsigned seg, uint32_t off, unsigned size, unsigned need);

uint8_t mem_read8(struct cpu *c, unsigned seg, uint32_t off);
uint16_t mem_read16(struct cpu *c, unsigned seg, uint32_t off);
uint32_t mem_read32(struct cpu *c, unsigned seg, uint32_t off);
void mem_write8(struct cpu *c, unsigned seg, uint32_t off, uint8_t v);
void mem_write16(struct cpu *c, unsigned seg, uint32_t off, uint16_t v);
void mem_write32(struct cpu *c, unsigned seg, uint32_t off, uint32_t v);

/* Width-generic forms, size in bytes (1, 2, 4). */
uint32_t mem_read(struct cpu *c, unsigned seg, uint32_t off, unsigned size);
void mem_write(struct cpu *c, unsigned seg, uint32_t off, unsigned size, uint32_t v);

/* Check that `size` bytes at seg:off can be written, without writing:
 * lets read-modify-write and multi-store instructions fault before they
 * commit anything. */
void mem_check_write(struct cpu *c, unsigned seg, uint32_t off, unsigned size);

/* System structures (IVT, descriptor tables, TSS): linear addresses, no
 * segment; translated by paging as supervisor accesses whatever the CPL. */
uint16_t mem_read16_linear(struct cpu *c, uint32_t lin);
uint32_t mem_read32_linear(struct cpu *c, uint32_t lin);
void mem_write16_linear(struct cpu *c, uint32_t lin, uint16_t v);
void mem_write32_linear(struct cpu *c, uint32_t lin, uint32_t v);

/* Instruction fetch (cpu/exec.c): the physical address of the code byte
 * at linear `lin`, and one byte, translated as reads with the current
 * privilege (#PF with CR2 = lin when the page is not accessible). */
uint32_t mem_fetch_phys(struct cpu *c, uint32_t lin);
uint8_t mem_fetch8(struct cpu *c, uint32_t lin);

/* Alignment check of a misaligned data access (the caller has seen the
 * misalignment): #AC(0) at CPL 3 with CR0.AM and EFLAGS.AC set. */
void mem_alignment_check(struct cpu *c);

/* Port I/O.  Both check I/O permission first (io_check_permission). */
uint32_t io_read(struct cpu *c, uint16_t port, unsigned size);
void io_write(struct cpu *c, uint16_t port, unsigned size, uint32_t v);

/* #GP(0) unless the current task may access `size` bytes of ports from
 * `port`: protected mode with CPL > IOPL, and V86 mode, consult the TSS
 * I/O permission bitmap.  INS checks this before its memory operand. */
void io_check_permission(struct cpu *c, uint16_t port, unsigned size);

#endif
