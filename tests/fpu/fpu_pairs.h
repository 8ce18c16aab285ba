/*
 * fpu_pairs.h - the operations of the x87 host comparison: for each, a
 * function that runs it on the host x87 and one that runs it in softpc's
 * numeric core, both describing what happened as a `struct outcome`.
 * x86 hosts only (see host_x87.h).
 */
#ifndef SOFTPC_TESTS_FPU_PAIRS_H
#define SOFTPC_TESTS_FPU_PAIRS_H

#include <stdint.h>

#include "cpu/fpu/f80.h"
#include "tests/fpu/host_x87.h"

#define SW_FLAGS 0x007F /* IE DE ZE OE UE PE SF */
#define SW_C0 0x0100
#define SW_C1 0x0200
#define SW_C2 0x0400
#define SW_C3 0x4000

struct outcome {
    uint8_t bytes[20]; /* result(s) as stored in memory, little-endian */
    unsigned n;        /* bytes used */
    uint16_t sw;       /* status word (the driver masks what it compares) */
};

typedef void (*fpu_run_fn)(uint16_t cw, f80 a, f80 b, struct outcome *o);

struct fpu_pair {
    const char *name;
    fpu_run_fn host, emu;
};

/* Terminated by a NULL name. */
extern const struct fpu_pair fpu_pairs[];

#endif
