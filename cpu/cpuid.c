/*
 * cpuid.c - the CPUID leaves of our P6 (see cpuid.h).
 *
 * What is reported, and why:
 *   - Leaf 0: maximum basic leaf 2 and "GenuineIntel", as a Pentium II.
 *   - Leaf 1: EAX = signature 0633h (family 6, model 3, stepping 3: a
 *     Pentium II; SEP is real on it, since Intel's rule "SEP is not
 *     supported when the signature is below 0633h" excludes only the
 *     Pentium Pro).  EBX and ECX are 0: brand index, CLFLUSH size, APIC ID
 *     and the ECX features all came later.  EDX has exactly the features
 *     softpc implements: FPU (cpu/fpu/, exact 80-bit x87), DE (I/O
 *     breakpoints, CR4.DE), PSE, TSC, MSR, PAE, CX8, SEP, MTRR (the MSRs
 *     exist and keep their values; there is no cache, so memory types
 *     change nothing), PGE, CMOV (with FCMOVcc/FCOMI), MMX and FXSR
 *     (FXSAVE/FXRSTOR without XMM state).  Left out until the work
 *     exists: VME (virtual-8086 mode extensions), MCE/MCA (no machine-check MSRs),
 *     PAT and PSE-36.  APIC is reported when the board wired a local APIC
 *     (devices/lapic.c; pc_board always does), with APIC ID 0 in EBX
 *     bits 31:24 - which a Pentium II reports there only from the Pentium
 *     4 on, but it is 0 and so reads the same.
 *   - Leaf 2: the cache and TLB descriptors of a Pentium II with 512 KiB of
 *     L2: 01h instruction TLB 4 KiB pages, 02h instruction TLB 4 MiB, 03h
 *     data TLB 4 KiB, 04h data TLB 4 MiB, 08h 16 KiB L1 instruction cache,
 *     0Ch 16 KiB L1 data cache, 43h 512 KiB L2; AL = 01h (run the leaf
 *     once).  Nothing in softpc depends on these sizes.
 *   - Any higher leaf (0x80000000 and up included): the values of the
 *     highest basic leaf, which is what Intel processors return.
 */
#include "cpu/cpuid.h"

#define CPUID_MAX_LEAF 2u

/* The one place the leaf-1 feature word is defined. */
#define CPUID_1_EDX (CPUID_FPU | CPUID_DE | CPUID_PSE | CPUID_TSC | CPUID_MSR | CPUID_PAE | \
                     CPUID_CX8 | CPUID_SEP | CPUID_MTRR | CPUID_PGE | CPUID_CMOV | \
                     CPUID_MMX | CPUID_FXSR)

/* "GenuineIntel" in EBX, EDX, ECX order, little-endian. */
#define VENDOR_EBX 0x756E6547u /* "Genu" */
#define VENDOR_EDX 0x49656E69u /* "ineI" */
#define VENDOR_ECX 0x6C65746Eu /* "ntel" */

struct cpuid_regs cpuid_query(uint32_t leaf, bool has_apic)
{
    if (leaf > CPUID_MAX_LEAF)
        leaf = CPUID_MAX_LEAF;
    switch (leaf) {
    case 0:
        return (struct cpuid_regs){ CPUID_MAX_LEAF, VENDOR_EBX, VENDOR_ECX, VENDOR_EDX };
    case 1:
        return (struct cpuid_regs){ CPUID_SIGNATURE, 0, 0,
                                    CPUID_1_EDX | (has_apic ? CPUID_APIC : 0u) };
    default:
        return (struct cpuid_regs){ 0x03020101u, 0, 0, 0x0C040843u };
    }
}
