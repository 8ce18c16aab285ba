/*
 * irq.h - an interrupt request line, as a device sees it.
 *
 * A device holds one `struct irq_line` per output pin and drives it with
 * irq_set(line, level): the value of the wire, not an event.  Whoever
 * wired the line (the board) decides what the wire goes to: an i8259
 * input, an I/O APIC pin, the CPU's INTR, several of those at once.  An
 * edge-triggered input sees an edge when the level goes from 0 to 1; a
 * level-triggered input sees the level.  ISA devices that pulse (the PIT's
 * OUT0 in mode 2, for instance) set 1 then 0; the receiver latches the
 * rising edge.
 *
 * A line nobody wired (set == NULL) is legal and goes nowhere, so a device
 * can be unit-tested alone.
 *
 * Not here: sharing one line between several sources (wire-OR); the board
 * does that with a small mixer where it needs it (PCI INTx).
 */
#ifndef SOFTPC_DEVICES_IRQ_H
#define SOFTPC_DEVICES_IRQ_H

#include <stdbool.h>
#include <stddef.h>

struct irq_line {
    void (*set)(void *opaque, unsigned pin, bool level);
    void *opaque;
    unsigned pin;     /* which input of the receiver this wire ends at */
};

static inline struct irq_line irq_line_make(void (*set)(void *, unsigned, bool),
                                            void *opaque, unsigned pin)
{
    struct irq_line l = { set, opaque, pin };
    return l;
}

static inline void irq_set(const struct irq_line *l, bool level)
{
    if (l->set != NULL)
        l->set(l->opaque, l->pin, level);
}

static inline void irq_raise(const struct irq_line *l) { irq_set(l, true); }
static inline void irq_lower(const struct irq_line *l) { irq_set(l, false); }

/* An edge for an edge-triggered receiver: up, then down. */
static inline void irq_pulse(const struct irq_line *l)
{
    irq_set(l, true);
    irq_set(l, false);
}

#endif
