/*
 * bcd_oracle32.c - the host CPU's answer for DAA DAS AAA AAS AAM AAD,
 * which do not exist in 64-bit mode.  Built with -m32 (host.cmake) and
 * driven by host_bcd.c.  Not part of softpc: a plain 32-bit x86 program.
 *
 * stdin:  one case per line, hex: "op ax flags imm"
 *         op 0 DAA, 1 DAS, 2 AAA, 3 AAS, 4 AAM imm, 5 AAD imm
 * stdout: one line per case, hex: "ax flags" (arithmetic flags only)
 *
 * AAM/AAD take their base as an immediate byte, so every one of the 256
 * values gets its own .byte sequence (BYTE_CASES below).
 */
#include <stdint.h>
#include <stdio.h>

#if !defined(__i386__)
#error "bcd_oracle32.c must be built for 32-bit x86 (-m32)"
#endif

#define ARITH_FLAGS 0x8D5u

#define RUN(bytes)                                                              \
    __asm__ volatile("push %[f]\n\tpopf\n\t.byte " bytes "\n\tpushf\n\tpop %[f]" \
                     : "+a"(ax), [f] "+r"(f)                                    \
                     :                                                          \
                     : "cc", "memory")

#define CASE_AAM(n) case n: RUN("0xD4, " #n); break;
#define CASE_AAD(n) case n: RUN("0xD5, " #n); break;
#define HEX16(fn, hi) fn(hi##0) fn(hi##1) fn(hi##2) fn(hi##3) fn(hi##4) fn(hi##5) \
                      fn(hi##6) fn(hi##7) fn(hi##8) fn(hi##9) fn(hi##A) fn(hi##B) \
                      fn(hi##C) fn(hi##D) fn(hi##E) fn(hi##F)
#define BYTE_CASES(fn) HEX16(fn, 0x0) HEX16(fn, 0x1) HEX16(fn, 0x2) HEX16(fn, 0x3) \
                       HEX16(fn, 0x4) HEX16(fn, 0x5) HEX16(fn, 0x6) HEX16(fn, 0x7) \
                       HEX16(fn, 0x8) HEX16(fn, 0x9) HEX16(fn, 0xA) HEX16(fn, 0xB) \
                       HEX16(fn, 0xC) HEX16(fn, 0xD) HEX16(fn, 0xE) HEX16(fn, 0xF)

static int run(unsigned op, uint32_t *ax_io, uint32_t *flags_io, unsigned imm)
{
    uint32_t ax = *ax_io;
    uint32_t f = (*flags_io & ARITH_FLAGS) | 0x202u;
    switch (op) {
    case 0: RUN("0x27"); break;
    case 1: RUN("0x2F"); break;
    case 2: RUN("0x37"); break;
    case 3: RUN("0x3F"); break;
    case 4:
        switch (imm) { BYTE_CASES(CASE_AAM) default: return -1; }
        break;
    case 5:
        switch (imm) { BYTE_CASES(CASE_AAD) default: return -1; }
        break;
    default:
        return -1;
    }
    *ax_io = ax;
    *flags_io = f & ARITH_FLAGS;
    return 0;
}

int main(void)
{
    unsigned op, imm;
    uint32_t ax, flags;
    while (scanf("%x %x %x %x", &op, &ax, &flags, &imm) == 4) {
        if (op == 4 && (imm & 0xFF) == 0)
            return 1; /* #DE: the driver never asks */
        if (run(op, &ax, &flags, imm & 0xFF) != 0)
            return 1;
        printf("%x %x\n", ax, flags);
    }
    return 0;
}
