/*
 * host_compare.h - what the host comparison shares between its files: the
 * register set an instruction works on, the kinds of instruction (how
 * inputs are chosen, which flags the SDM defines), the instruction table
 * (host_ops.def) and the two ways to run a row: on the host CPU
 * (host_x86.c) and in softpc (host_softpc.c).
 */
#ifndef SOFTPC_TESTS_HOST_COMPARE_H
#define SOFTPC_TESTS_HOST_COMPARE_H

#include <stdbool.h>
#include <stdint.h>

/* The registers every row may read or write, and the arithmetic flags. */
struct hregs {
    uint32_t eax, ebx, ecx, edx;
    uint32_t flags;
};

enum hop_kind {
    K_ALU,      /* add-like: every arithmetic flag defined */
    K_LOGIC,    /* AF undefined */
    K_INCDEC,
    K_NEG,
    K_NONE,     /* no flag changes */
    K_SHIFT,    /* SHL SHR SAL */
    K_SAR,
    K_ROT,      /* ROL ROR */
    K_RCX,      /* RCL RCR */
    K_SHD,      /* SHLD SHRD */
    K_MUL,      /* only CF OF defined */
    K_DIV,
    K_IDIV,
    K_BSF,      /* only ZF defined */
    K_BT,       /* CF defined, ZF unaffected */
    K_BSWAP16,  /* result undefined */
    K_CMPXCHG,
};

struct hop_row {
    const char *name;
    enum hop_kind kind;
    unsigned size;       /* operand size in bytes */
    uint8_t bytes[8];    /* 32-bit code encoding */
    unsigned len;
};

extern const struct hop_row hop_rows[];
extern const unsigned hop_row_count;

/* Host side: true if this build can run x86 code natively. */
extern const bool host_is_x86;
/* Runs row `k` on the host CPU on *r (flags in and out). */
void host_run(unsigned k, struct hregs *r);

/* softpc side. */
struct sp_machine;
struct sp_machine *sp_create(void);
void sp_destroy(struct sp_machine *m);
/* Runs `len` bytes as one instruction in 32-bit (code32) or 16-bit code.
 * Returns -1 on a normal finish, else the exception vector raised. */
int sp_run(struct sp_machine *m, const uint8_t *bytes, unsigned len, bool code32,
           struct hregs *r);

#endif
