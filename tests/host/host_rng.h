/*
 * host_rng.h - a small seeded pseudo-random generator (xorshift64*) so
 * every run of the host comparison is reproducible from its seed.
 */
#ifndef SOFTPC_TESTS_HOST_RNG_H
#define SOFTPC_TESTS_HOST_RNG_H

#include <stdint.h>

struct rng {
    uint64_t s;
};

static inline struct rng rng_seeded(uint64_t seed)
{
    struct rng g = { seed ? seed : 0x9E3779B97F4A7C15u };
    return g;
}

static inline uint64_t rng_next(struct rng *g)
{
    g->s ^= g->s >> 12;
    g->s ^= g->s << 25;
    g->s ^= g->s >> 27;
    return (g->s * 0x2545F4914F6CDD1Du) >> 16;
}

#endif
