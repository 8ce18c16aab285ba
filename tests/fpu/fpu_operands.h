/*
 * fpu_operands.h - random operands for the host comparison of the x87
 * numeric core: a small deterministic generator and a mix of value
 * classes (normals over the whole exponent range, values near overflow
 * and underflow, denormals, zeros, infinities, QNaNs and SNaNs, the
 * encodings a P6 refuses, integers, short significands that make ties,
 * and pairs close to each other for cancellation).
 */
#ifndef SOFTPC_TESTS_FPU_OPERANDS_H
#define SOFTPC_TESTS_FPU_OPERANDS_H

#include <stdint.h>

#include "cpu/fpu/f80.h"

struct rng {
    uint64_t s;
};

uint64_t rng_next(struct rng *r);
/* A value in [0, n). */
uint64_t rng_below(struct rng *r, uint64_t n);

/* Any operand, classes mixed. */
f80 gen_any(struct rng *r);
/* A finite value whose unbiased exponent lies in [lo, hi], random sign,
 * often with a short significand. */
f80 gen_range(struct rng *r, int lo, int hi);
/* A value near `a` (same or neighbouring exponent, few bits changed). */
f80 gen_near(struct rng *r, f80 a);
/* Specials only: zeros, infinities, NaNs, denormals, unsupported. */
f80 gen_special(struct rng *r);

#endif
