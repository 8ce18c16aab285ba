/*
 * port_b.h - port 61h, the AT's "port B" (on the i440FX board: the PIIX3
 * NMI status and control register, PIIX3 datasheet 2.2.11.7).
 *
 * Bit 0 is the GATE of timer channel 2 and bit 1 the speaker data enable
 * (both read back as written); bits 2 and 3 (parity / IOCHK NMI enables)
 * are stored and read back; bit 4 is the refresh request toggle, which
 * flips every 15.085 us of emulated time (channel 1's 18-tick refresh
 * period on a PC), computed from sched_now(); bit 5 is channel 2's OUT.
 * Bits 6 and 7 (SERR# and IOCHK# NMI status) read 0: nothing here raises
 * an NMI.
 *
 * A file of its own rather than part of the 8254: port 61h belongs to
 * the chipset, and later grows the speaker output and NMI sources that
 * have nothing to do with the timer.  It reaches the timer only through
 * the two callbacks the board wires (i8254_port_b_set_gate2 and
 * i8254_port_b_out2 in devices/i8254_pit.h).
 *
 * Not here: sound (bit 1 only latches), NMI status.
 */
#ifndef SOFTPC_DEVICES_PORT_B_H
#define SOFTPC_DEVICES_PORT_B_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/sched.h"

struct port_bus;

#define PORT_B_PORT 0x61u
#define PORT_B_GATE2       0x01u
#define PORT_B_SPEAKER     0x02u
#define PORT_B_WRITABLE    0x0Fu
#define PORT_B_REFRESH     0x10u
#define PORT_B_OUT2        0x20u
#define PORT_B_REFRESH_NS  15085u  /* half-period of the refresh toggle */

struct port_b {
    uint8_t written;                       /* bits 0-3 as last written */
    struct sched *sched;
    void (*set_gate2)(void *timer, bool level);
    bool (*out2)(void *timer);
    void *timer;
};

/* Wires the callbacks (either may be NULL: gate goes nowhere, OUT2 reads
 * 0) and resets. */
void port_b_init(struct port_b *pb, struct sched *sched,
                 void (*set_gate2)(void *timer, bool level),
                 bool (*out2)(void *timer), void *timer);
/* Writable bits to 0, which drives channel 2's GATE low. */
void port_b_reset(struct port_b *pb);
/* Claims port 61h; false if taken. */
bool port_b_attach(struct port_b *pb, struct port_bus *bus);

uint8_t port_b_read(struct port_b *pb);
void port_b_write(struct port_b *pb, uint8_t value);

#endif
