/*
 * host_bcd.h - comparing DAA DAS AAA AAS AAM AAD with the host CPU through
 * the 32-bit helper program bcd_oracle32 (these opcodes are invalid in
 * 64-bit mode, where the comparer itself runs).
 */
#ifndef SOFTPC_TESTS_HOST_BCD_H
#define SOFTPC_TESTS_HOST_BCD_H

#include <stdbool.h>

#include "tests/host/host_compare.h"
#include "tests/host/host_rng.h"

struct bcd_result {
    unsigned long cases, mismatches;
    bool skipped;  /* no oracle: nothing compared (a notice is printed) */
};

/* oracle: path of bcd_oracle32, or NULL when it could not be built. */
struct bcd_result bcd_compare(struct sp_machine *m, const char *oracle, struct rng *g);

#endif
