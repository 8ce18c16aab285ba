/*
 * cpuid.h - what CPUID reports (Intel SDM Vol. 2, CPUID; Intel AP-485
 * "Processor Identification and the CPUID Instruction").
 *
 * The values and why each one is what it is are in cpuid.c.  The feature
 * word of leaf 1 is built from the named bits below in one place
 * (CPUID_1_EDX in cpuid.c), so a unit that lands (x87, MMX, FXSR) turns
 * its bit on with one line there.
 */
#ifndef SOFTPC_CPU_CPUID_H
#define SOFTPC_CPU_CPUID_H

#include <stdbool.h>
#include <stdint.h>

/* Leaf 1 EDX feature bits. */
enum {
    CPUID_FPU = 1u << 0,
    CPUID_VME = 1u << 1,
    CPUID_DE = 1u << 2,
    CPUID_PSE = 1u << 3,
    CPUID_TSC = 1u << 4,
    CPUID_MSR = 1u << 5,
    CPUID_PAE = 1u << 6,
    CPUID_MCE = 1u << 7,
    CPUID_CX8 = 1u << 8,
    CPUID_APIC = 1u << 9,
    CPUID_SEP = 1u << 11,
    CPUID_MTRR = 1u << 12,
    CPUID_PGE = 1u << 13,
    CPUID_MCA = 1u << 14,
    CPUID_CMOV = 1u << 15,
    CPUID_PAT = 1u << 16,
    CPUID_PSE36 = 1u << 17,
    CPUID_MMX = 1u << 23,
    CPUID_FXSR = 1u << 24,
};

/* Family 6, model 3, stepping 3: a Pentium II (Klamath).  Also the value
 * of EDX after reset. */
#define CPUID_SIGNATURE 0x0633u

struct cpuid_regs {
    uint32_t eax, ebx, ecx, edx;
};

/* The answer for leaf `leaf` (ECX does not matter for any leaf we have);
 * has_apic: the board wired a local APIC (leaf 1 EDX bit 9, APIC ID 0). */
struct cpuid_regs cpuid_query(uint32_t leaf, bool has_apic);

#endif
