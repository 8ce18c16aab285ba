/*
 * tss.h - the task-state segment: its two layouts and the few fields the
 * CPU reads outside a task switch (Intel SDM Vol. 3, 7.2.1 "Task-State
 * Segment" and 7.6 "16-Bit Task-State Segment").
 *
 * The TSS that TR names supplies the stack for a privilege change
 * (interrupt.c) and the I/O permission bitmap (access.c io_read/io_write).
 * A task switch (task.c) reads and writes the whole layout.
 *
 * Offsets are in bytes from the TSS base.  The 16-bit TSS (types 1/3) is
 * 44 bytes; the 32-bit TSS (types 9/B) is 104 bytes plus the optional
 * I/O bitmap.  Not here: the interrupt redirection bitmap of CR4.VME.
 */
#ifndef SOFTPC_CPU_TSS_H
#define SOFTPC_CPU_TSS_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"

enum {
    /* 32-bit TSS */
    TSS32_LINK = 0x00,
    TSS32_ESP0 = 0x04,        /* ESPn at 4 + 8n, SSn at 8 + 8n */
    TSS32_CR3 = 0x1C,
    TSS32_EIP = 0x20,
    TSS32_EFLAGS = 0x24,
    TSS32_EAX = 0x28,         /* EAX ECX EDX EBX ESP EBP ESI EDI, 4 bytes each */
    TSS32_ES = 0x48,          /* ES CS SS DS FS GS, 4 bytes each */
    TSS32_LDT = 0x60,
    TSS32_TRAP = 0x64,        /* bit 0: T, #DB on entry to the task */
    TSS32_IOMAP = 0x66,       /* 16-bit offset of the I/O bitmap */
    TSS32_MIN_LIMIT = 0x67,
    /* 16-bit TSS */
    TSS16_LINK = 0x00,
    TSS16_SP0 = 0x02,         /* SPn at 2 + 4n, SSn at 4 + 4n */
    TSS16_IP = 0x0E,
    TSS16_FLAGS = 0x10,
    TSS16_AX = 0x12,          /* AX CX DX BX SP BP SI DI, 2 bytes each */
    TSS16_ES = 0x22,          /* ES CS SS DS, 2 bytes each */
    TSS16_LDT = 0x2A,
    TSS16_MIN_LIMIT = 0x2B,
};

/* A TSS descriptor type (1/3: 16-bit, 9/B: 32-bit) or the type in a
 * cpu_segment.access: is it a 32-bit TSS? */
static inline bool tss_type_is32(unsigned access)
{
    return (access & 0x08) != 0;
}

/* SS:ESP for privilege level `dpl` (0-2) from the current TSS.  False if
 * the TSS limit does not reach the field (the caller raises #TS). */
bool tss_read_stack(struct cpu *c, unsigned dpl, uint16_t *ss, uint32_t *esp);

/* May the current task access `size` bytes of ports from `port`?  Reads
 * the I/O permission bitmap of a 32-bit TSS: every bit must be 0.  A
 * 16-bit TSS, a bitmap offset past the limit, or bits past the limit all
 * deny.  (The caller knows the check applies: CPL > IOPL or V86.) */
bool tss_io_allowed(struct cpu *c, uint16_t port, unsigned size);

#endif
