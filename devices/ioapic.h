/*
 * ioapic.h - the Intel 82093AA I/O APIC at FEC00000h: 24 interrupt input
 * pins, each with a redirection entry that turns it into a message to the
 * local APIC.
 *
 * Follows the 82093AA datasheet (order no. 290566): IOREGSEL at offset
 * 00h selects a register, IOWIN at 10h reads or writes it (32-bit
 * accesses); registers ID (00h, bits 27-24), version (01h: 00170011h, 24
 * entries, version 11h), arbitration (02h, the ID, read-only) and the 24
 * redirection entries at 10h-3Fh (vector, delivery mode, destination
 * mode, delivery status, polarity, remote IRR, trigger mode, mask,
 * destination).
 *
 * An edge-triggered pin sends one message per assertion (a masked pin's
 * assertions are dropped, datasheet 3.2.4).  A level-triggered pin sends
 * a message while it is asserted and remote IRR is clear, and sets remote
 * IRR when the local APIC accepts; the local APIC's EOI of that vector
 * (ioapic_eoi) clears it, and a pin still asserted sends again.  Polarity
 * 1 means active low.  Messages go through the `deliver` callback (the
 * board points it at lapic_receive); delivery is immediate, so the
 * delivery status bit reads 0.
 *
 * Not here: the APIC serial bus and its arbitration (there is one local
 * APIC), the PCI-era IRQ pin assertion register (that is the 82093AA's
 * successor's), relocation of the MMIO window.
 */
#ifndef SOFTPC_DEVICES_IOAPIC_H
#define SOFTPC_DEVICES_IOAPIC_H

#include <stdbool.h>
#include <stdint.h>

#include "mem/io_ops.h"

#define IOAPIC_BASE     0xFEC00000u
#define IOAPIC_SIZE     0x1000u      /* the board maps a page; 20h bytes decode */
#define IOAPIC_PINS     24u
#define IOAPIC_VERSION  0x00170011u

#define IOAPIC_REGSEL   0x00u
#define IOAPIC_WIN      0x10u

/* Redirection entry bits (low half; the destination is in bits 63-56). */
#define IOAPIC_POLARITY_LOW 0x2000u
#define IOAPIC_REMOTE_IRR   0x4000u

typedef bool (*ioapic_deliver_fn)(void *opaque, uint8_t vector, unsigned delivery,
                                  uint8_t dest, bool logical, bool level_triggered);

struct ioapic {
    uint8_t regsel;
    uint32_t id;                        /* bits 27-24 */
    uint64_t redir[IOAPIC_PINS];
    uint32_t pins;                      /* input wire levels, bit per pin */
    ioapic_deliver_fn deliver;
    void *deliver_opaque;
};

/* Wires the message path (may be NULL: messages go nowhere) and resets. */
void ioapic_init(struct ioapic *io, ioapic_deliver_fn deliver, void *opaque);
/* RESET: every entry masked, ID 0; input levels are kept. */
void ioapic_reset(struct ioapic *io);

/* For phys_add_mmio(ps, "ioapic", IOAPIC_BASE, IOAPIC_SIZE, prio, &ioapic_mmio_ops, io). */
extern const struct io_ops ioapic_mmio_ops;
uint32_t ioapic_read(struct ioapic *io, uint32_t offset);
void ioapic_write(struct ioapic *io, uint32_t offset, uint32_t value);

/* An input pin, 0-23 (irq_line signature); others are ignored. */
void ioapic_set_irq(void *ioapic, unsigned pin, bool level);
/* The local APIC's EOI broadcast for a level-triggered vector. */
void ioapic_eoi(void *ioapic, uint8_t vector);

#endif
