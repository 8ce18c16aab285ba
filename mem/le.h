/*
 * le.h - little-endian loads and stores of 1, 2 or 4 bytes.
 *
 * Guest memory is little-endian whatever the host is, so every place that
 * turns host bytes into guest values (the physical bus, the CPU's TLB fast
 * path) goes through these: byte shifts, never pointer casts, so
 * big-endian hosts and unaligned addresses behave the same.
 */
#ifndef SOFTPC_MEM_LE_H
#define SOFTPC_MEM_LE_H

#include <stdint.h>

static inline uint32_t le_load(const uint8_t *p, unsigned n)
{
    switch (n) {
    case 1: return p[0];
    case 2: return (uint32_t)p[0] | (uint32_t)p[1] << 8;
    default:
        return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
               (uint32_t)p[3] << 24;
    }
}

static inline void le_store(uint8_t *p, uint32_t v, unsigned n)
{
    p[0] = (uint8_t)v;
    if (n >= 2)
        p[1] = (uint8_t)(v >> 8);
    if (n == 4) {
        p[2] = (uint8_t)(v >> 16);
        p[3] = (uint8_t)(v >> 24);
    }
}

#endif
