/*
 * debug_exit.h - the debug-exit port at 0x501, as QEMU's isa-debug-exit
 * device with iobase=0x501, iosize=2.
 *
 * A guest write of value v (a byte or a word, at either of the two ports;
 * the port offset does not matter, as in QEMU) asks the emulator to exit
 * with status (v << 1) | 1.  A process exit status has 8 bits, so only
 * v & 0x7F shows: v = 0 and v = 0x80 both give status 1, which softpc also
 * uses for its own errors, so test ROMs never signal with those.  Only the
 * first write counts: a REP OUTS that keeps writing cannot change the
 * status once the exit is requested.  Reads are not decoded (all ones).
 *
 * The device itself only latches the request and calls the board's hook;
 * stopping the CPU and exiting is the board's and the frontend's job.
 */
#ifndef SOFTPC_DEVICES_DEBUG_EXIT_H
#define SOFTPC_DEVICES_DEBUG_EXIT_H

#include <stdbool.h>
#include <stdint.h>

struct port_bus;

#define DEBUG_EXIT_BASE 0x501u
#define DEBUG_EXIT_PORTS 2u

struct debug_exit {
    bool requested;
    uint8_t status;                 /* ((v << 1) | 1) & 0xFF */
    void (*on_request)(void *opaque);
    void *opaque;
};

/* Sets up the device and claims ports 0x501-0x502; on_request (may be
 * NULL) runs once, at the first write.  False if a port is taken. */
bool debug_exit_attach(struct debug_exit *de, struct port_bus *pb,
                       void (*on_request)(void *opaque), void *opaque);

#endif
