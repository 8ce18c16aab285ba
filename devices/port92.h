/*
 * port92.h - System Control Port A at 92h ("fast A20" and "fast reset"),
 * as the PS/2 and the PIIX/PIIX3 south bridges have it.
 *
 * Bit 1 opens (1) or closes (0) the A20 gate; bit 0 going from 0 to 1
 * resets the CPU (Intel 82371SB PIIX3 datasheet, "Port 92h": FAST_INIT and
 * the alternate A20 gate).  A read returns what was last written.  The
 * board decides how this A20 bit combines with the 8042's (on a PC the
 * gate is open if either asks: they are ORed).
 *
 * Not here: the other bits (the PS/2's watchdog status, security lock and
 * disk activity LEDs) are latched but do nothing.
 */
#ifndef SOFTPC_DEVICES_PORT92_H
#define SOFTPC_DEVICES_PORT92_H

#include <stdbool.h>
#include <stdint.h>

struct port_bus;

#define PORT92_BASE 0x92u
#define PORT92_FAST_RESET 0x01u
#define PORT92_A20 0x02u

struct port92 {
    uint8_t value;                              /* as last written */
    void (*set_a20)(void *opaque, bool on);     /* bit 1 changed */
    void (*reset)(void *opaque);                /* bit 0 went 0 -> 1 */
    void *opaque;
};

/* Wires the callbacks (either may be NULL) and resets the port. */
void port92_init(struct port92 *p, void (*set_a20)(void *opaque, bool on),
                 void (*reset)(void *opaque), void *opaque);
/* Power-on: 00h (A20 bit clear; calls nothing). */
void port92_reset(struct port92 *p);
/* Claims port 92h; false if it is taken. */
bool port92_attach(struct port92 *p, struct port_bus *pb);

uint8_t port92_read(const struct port92 *p);
void port92_write(struct port92 *p, uint8_t value);

#endif
