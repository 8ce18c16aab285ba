/*
 * post_port.h - the POST code port 0x80.
 *
 * PC firmware writes a byte to port 0x80 at each step of its power-on
 * self test, so a diagnostic card (or here, a log file) shows how far it
 * got.  Each byte written is appended to the log as two upper-case hex
 * digits and a newline; a read returns the last code written (0 before
 * any).  Only the byte at port 0x80 itself is the POST port: a word OUT
 * to 0x80 logs its low byte, the high byte goes to port 0x81 (the DMA
 * page register on a real board, unclaimed here).
 *
 * Not here: the DMA page register that shares port 0x80 on a real PC.
 */
#ifndef SOFTPC_DEVICES_POST_PORT_H
#define SOFTPC_DEVICES_POST_PORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct port_bus;

#define POST_PORT_BASE 0x80u

struct post_port {
    FILE *log;          /* where codes go; NULL: codes are only latched */
    uint8_t last;       /* the last code written, what a read returns */
    bool write_failed;  /* a log write failed (the run reports it at exit) */
};

/* Sets up the device (log may be NULL) and claims port 0x80; false if the
 * port is taken. */
bool post_port_attach(struct post_port *pp, struct port_bus *pb, FILE *log);

#endif
