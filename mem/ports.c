/*
 * ports.c - the x86 I/O port bus (the model is in ports.h).
 *
 * A table of 65536 entries gives, for every port, the index (plus one; 0
 * means unmapped) of the range that owns it, so routing is one load.  An
 * access that the owner cannot take whole - it reaches past the owner's
 * ports, or the owner does not accept that size - is split in halves at
 * consecutive ports, each half routed afresh; port numbers wrap from
 * 0xFFFF to 0 as the 16-bit address does.  A device that accepts only
 * sizes wider than an access gets one wider access at the aligned offset
 * below it (reads keep the wanted bytes, writes carry zeros in the rest).
 *
 * Not here: I/O permission checks (the CPU's), port-access timing.
 */
#include "mem/ports.h"

#include <stdlib.h>

#define PORTS_COUNT 0x10000u
#define PORTS_MAX_RANGES 0xFFFFu /* indices 1..0xFFFF fit the uint16_t table */

struct port_range {
    const char *name;
    const struct io_ops *ops;
    void *state;
    uint16_t base;
    uint32_t live; /* ports still routed here; 0 means the slot is free */
};

struct port_bus {
    uint16_t owner[PORTS_COUNT]; /* 0: unmapped; else index + 1 into ranges */
    struct port_range *ranges;
    size_t count, cap;
    uint64_t unmapped_reads, unmapped_writes;
};

struct port_bus *ports_create(void)
{
    return calloc(1, sizeof(struct port_bus)); /* every port unmapped */
}

void ports_destroy(struct port_bus *pb)
{
    if (pb == NULL)
        return;
    free(pb->ranges);
    free(pb);
}

/* A free slot in the range array, growing it if need be; 0 if none. */
static uint16_t ports_new_slot(struct port_bus *pb)
{
    for (size_t i = 0; i < pb->count; i++)
        if (pb->ranges[i].live == 0)
            return (uint16_t)(i + 1);
    if (pb->count == PORTS_MAX_RANGES)
        return 0;
    if (pb->count == pb->cap) {
        size_t cap = pb->cap != 0 ? pb->cap * 2 : 32;
        struct port_range *grown = realloc(pb->ranges, cap * sizeof *grown);
        if (grown == NULL)
            return 0;
        pb->ranges = grown;
        pb->cap = cap;
    }
    pb->ranges[pb->count].live = 0;
    pb->count++;
    return (uint16_t)pb->count;
}

bool ports_register(struct port_bus *pb, const char *name, uint16_t base,
                    uint32_t count, const struct io_ops *ops, void *state)
{
    if (count == 0 || count > PORTS_COUNT - base || ops == NULL || ops->read == NULL ||
        ops->write == NULL)
        return false;
    for (uint32_t p = base; p < base + count; p++)
        if (pb->owner[p] != 0)
            return false;
    uint16_t idx = ports_new_slot(pb);
    if (idx == 0)
        return false;
    struct port_range *r = &pb->ranges[idx - 1];
    r->name = name;
    r->ops = ops;
    r->state = state;
    r->base = base;
    r->live = count;
    for (uint32_t p = base; p < base + count; p++)
        pb->owner[p] = idx;
    return true;
}

void ports_unregister(struct port_bus *pb, uint16_t base, uint32_t count)
{
    if (count > PORTS_COUNT - base)
        count = PORTS_COUNT - base;
    for (uint32_t p = base; p < base + count; p++) {
        uint16_t idx = pb->owner[p];
        if (idx != 0) {
            pb->ranges[idx - 1].live--;
            pb->owner[p] = 0;
        }
    }
}

uint64_t ports_unmapped_reads(const struct port_bus *pb)
{
    return pb->unmapped_reads;
}

uint64_t ports_unmapped_writes(const struct port_bus *pb)
{
    return pb->unmapped_writes;
}

/* The index owning all of ports [port, port+size), wrapping; 0 if they
 * are not all one owner's (or all unmapped). */
static uint16_t ports_sole_owner(const struct port_bus *pb, uint16_t port, unsigned size)
{
    uint16_t idx = pb->owner[port];
    for (unsigned i = 1; i < size; i++)
        if (pb->owner[(uint16_t)(port + i)] != idx)
            return 0;
    return idx;
}

static bool ports_all_unmapped(const struct port_bus *pb, uint16_t port, unsigned size)
{
    for (unsigned i = 0; i < size; i++)
        if (pb->owner[(uint16_t)(port + i)] != 0)
            return false;
    return true;
}

static bool ports_size_ok(unsigned size)
{
    return size == 1 || size == 2 || size == 4;
}

uint32_t ports_read(struct port_bus *pb, uint16_t port, unsigned size)
{
    if (!ports_size_ok(size))
        return UINT32_MAX;
    uint16_t idx = ports_sole_owner(pb, port, size);
    if (idx != 0) {
        const struct port_range *r = &pb->ranges[idx - 1];
        uint32_t off = (uint16_t)(port - r->base);
        unsigned acc = io_accepted(r->ops), w;
        uint32_t woff;
        if (acc & io_size_bit(size))
            return r->ops->read(r->state, off, size) & io_ones(size);
        if (io_widen(acc, size, off, &w, &woff))
            return (r->ops->read(r->state, woff, w) >> (8 * (off - woff))) & io_ones(size);
    } else if (ports_all_unmapped(pb, port, size)) {
        pb->unmapped_reads++;
        return io_ones(size);
    }
    /* Two statements: the low port must be read first, and the operands
     * of | are unsequenced. */
    unsigned half = size / 2;
    uint32_t lo = ports_read(pb, port, half);
    uint32_t hi = ports_read(pb, (uint16_t)(port + half), half);
    return lo | hi << (8 * half);
}

void ports_write(struct port_bus *pb, uint16_t port, unsigned size, uint32_t value)
{
    if (!ports_size_ok(size))
        return;
    value &= io_ones(size);
    uint16_t idx = ports_sole_owner(pb, port, size);
    if (idx != 0) {
        const struct port_range *r = &pb->ranges[idx - 1];
        uint32_t off = (uint16_t)(port - r->base);
        unsigned acc = io_accepted(r->ops), w;
        uint32_t woff;
        if (acc & io_size_bit(size)) {
            r->ops->write(r->state, off, size, value);
            return;
        }
        if (io_widen(acc, size, off, &w, &woff)) {
            r->ops->write(r->state, woff, w, value << (8 * (off - woff)));
            return;
        }
    } else if (ports_all_unmapped(pb, port, size)) {
        pb->unmapped_writes++;
        return;
    }
    unsigned half = size / 2;
    ports_write(pb, port, half, value & io_ones(half));
    ports_write(pb, (uint16_t)(port + half), half, value >> (8 * half));
}
