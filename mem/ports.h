/*
 * ports.h - the x86 I/O port bus (64 Ki byte ports).
 *
 * Devices register a port range with the common io_ops callbacks.  Each
 * port maps to at most one range (a later registration over an occupied
 * port is refused).  Accesses wider than the range accepts are split into
 * narrower ones at consecutive ports, little-endian, each half going to
 * whatever owns that port.  Unmapped reads return all ones; unmapped
 * writes are dropped and counted.
 *
 * Not here: I/O permission checks (the CPU does those), port-access timing.
 */
#ifndef SOFTPC_MEM_PORTS_H
#define SOFTPC_MEM_PORTS_H

#include <stdbool.h>
#include <stdint.h>

#include "mem/io_ops.h"

struct port_bus;

struct port_bus *ports_create(void);
void ports_destroy(struct port_bus *pb);

/* Returns false (and registers nothing) if any port in the range is taken. */
bool ports_register(struct port_bus *pb, const char *name, uint16_t base,
                    uint32_t count, const struct io_ops *ops, void *state);
void ports_unregister(struct port_bus *pb, uint16_t base, uint32_t count);

uint32_t ports_read(struct port_bus *pb, uint16_t port, unsigned size);
void ports_write(struct port_bus *pb, uint16_t port, unsigned size, uint32_t value);

uint64_t ports_unmapped_reads(const struct port_bus *pb);
uint64_t ports_unmapped_writes(const struct port_bus *pb);

#endif
