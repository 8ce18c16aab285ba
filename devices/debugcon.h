/*
 * debugcon.h - the Bochs/QEMU debug console, port 0xE9.
 *
 * Each byte a guest writes to port 0xE9 is copied to a host stream, so
 * test ROMs and firmware can print diagnostics without any video or
 * serial device (our test ROMs print why a check failed there).  A read
 * returns 0xE9, which is how guests detect the port, as on Bochs and QEMU.
 *
 * Not here: input (the port is output-only).
 */
#ifndef SOFTPC_DEVICES_DEBUGCON_H
#define SOFTPC_DEVICES_DEBUGCON_H

#include <stdbool.h>
#include <stdio.h>

struct port_bus;

#define DEBUGCON_PORT 0xE9u

struct debugcon {
    FILE *out;          /* where bytes go; NULL: dropped */
};

/* Claims port 0xE9; false if it is taken. */
bool debugcon_attach(struct debugcon *d, struct port_bus *pb, FILE *out);

#endif
