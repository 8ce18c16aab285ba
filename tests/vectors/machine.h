/*
 * machine.h - the bare machine a CPU test vector runs on, and running one
 * test on it: 16 MiB of RAM at 0 on a 24-bit address bus (A20 on), an
 * empty port bus, and a CPU.  One machine is reused for every test; each
 * test starts from a reset CPU and all-zero RAM.
 */
#ifndef SOFTPC_TESTS_VECTORS_MACHINE_H
#define SOFTPC_TESTS_VECTORS_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tests/vectors/moo.h"

struct machine;

struct machine *machine_create(void);
void machine_destroy(struct machine *m);

/* What a failing test got wrong, for the report. */
struct test_outcome {
    bool pass;
    bool runaway;     /* did not reach a HLT (then RAM was fully cleared) */
    bool p6_lock_rule; /* checked against the P6's LOCK #UD, not the recording */
    char what[160];   /* first difference, e.g. "ax = 0x1234, expected 0x1200" */
};

/* Runs test t.  flags_mask: the opcode's flags-mask from the metadata
 * (0xFFFF for none); 0x0FFF is applied on top (a real-mode 286 cannot
 * set IOPL, NT and bit 15).  Leaves the RAM all-zero again afterwards. */
void machine_run_test(struct machine *m, const struct moo_test *t, uint16_t flags_mask,
                      struct test_outcome *out);

/* Runs a built-in test, a lone HLT: false with err filled if the CPU
 * cannot even halt, when every test would fail the slow way. */
bool machine_self_test(struct machine *m, char *err, size_t errlen);

#endif
