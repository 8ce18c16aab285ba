/*
 * i8259_pic.h - the PC/AT's pair of Intel 8259A programmable interrupt
 * controllers, with the PIIX edge/level control registers (ELCR).
 *
 * Follows the Intel 8259A datasheet (order no. 231468): ICW1-ICW4, OCW1-3,
 * fully nested mode, rotation (automatic and specific), set priority,
 * special mask mode, poll command, automatic EOI, special fully nested
 * mode, and the spurious IR7 answer when no request is left at INTA.  The
 * master sits at 20h/21h, the slave at A0h/A1h with its INT on the
 * master's IR2, and the ELCR at 4D0h/4D1h selects edge or level per input
 * (PIIX3 datasheet, 2.2.12: IRQ 0, 1, 2, 8 and 13 are always edge, those
 * ELCR bits read 0).  As on the PIIX, the ELCR replaces ICW1's LTIM bit,
 * which is stored and otherwise ignored.
 *
 * Modelling choices a reader should know:
 *   - An edge-triggered input latches the rising edge in IRR and keeps the
 *     request until INTA even if the wire drops: devices here pulse their
 *     lines (devices/irq.h), where the datasheet asks real ones to hold IR
 *     high until the first INTA.  A level-triggered input's IRR bit
 *     follows the wire, so a request that goes away is forgotten.
 *   - The slave's INT reaches the master's IR2 as a level: the master sees
 *     a request on IR2 exactly while the slave has one to deliver, so a
 *     slave in AEOI mode with a second request pending is not lost for
 *     want of a new edge.  i8259_set_irq(2) is ignored: IR2 is the cascade.
 *   - ICW1 also clears ISR (the datasheet lists IMR, priority, special
 *     mask and read select; a stale in-service bit surviving a re-init
 *     would block that level forever).
 *   - x86 (8086) mode only: the MCS-80/85 CALL sequence of ICW4 uPM=0 is
 *     not emulated; INTA always returns one vector byte.  Buffered mode is
 *     stored, not used: which chip is master is fixed by the board.
 *   - A slave whose ICW3 ID does not match the master's cascade address
 *     leaves the data bus floating: INTA returns FFh.
 *   - The poll command acknowledges like an INTA (ISR bit, AEOI) and
 *     returns 80h | level; with nothing pending it returns 00h.  It takes
 *     effect at the next read of either port of that chip.
 */
#ifndef SOFTPC_DEVICES_I8259_PIC_H
#define SOFTPC_DEVICES_I8259_PIC_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/irq.h"

struct port_bus;

#define I8259_MASTER_BASE 0x20u
#define I8259_SLAVE_BASE  0xA0u
#define I8259_ELCR_BASE   0x4D0u
#define I8259_CASCADE_IR  2u     /* the master input the slave's INT drives */

/* ELCR bits that are reserved (always edge) on the PIIX: IRQ 0, 1, 2 on
 * the master, IRQ 8 and 13 on the slave. */
#define I8259_ELCR_MASTER_FIXED 0x07u
#define I8259_ELCR_SLAVE_FIXED  0x21u

/* One 8259A. */
struct i8259 {
    uint8_t irr;            /* interrupt request register */
    uint8_t isr;            /* in-service register */
    uint8_t imr;            /* interrupt mask register (OCW1) */
    uint8_t wire;           /* input levels as last driven */
    uint8_t level_mode;     /* ELCR: 1 = level-triggered input */
    uint8_t vector_base;    /* ICW2 T7-T3 */
    uint8_t icw3;           /* master: inputs with a slave; slave: its ID */
    uint8_t lowest;         /* the input with the lowest priority (rotation) */
    uint8_t init_step;      /* 0: initialised; 2, 3, 4: the ICW expected next */
    bool icw4_expected;     /* ICW1 IC4 */
    bool single;            /* ICW1 SNGL: no ICW3, no cascade */
    bool ltim;              /* ICW1 LTIM: stored only, the ELCR rules */
    bool upm;               /* ICW4 uPM: 8086 mode (assumed either way) */
    bool auto_eoi;          /* ICW4 AEOI */
    bool buffered;          /* ICW4 BUF (stored only) */
    bool buffered_master;   /* ICW4 M/S (stored only) */
    bool special_fully_nested; /* ICW4 SFNM */
    bool rotate_in_aeoi;    /* OCW2 R with AEOI */
    bool special_mask;      /* OCW3 SMM */
    bool read_isr;          /* OCW3 RIS: port A0=0 reads ISR, else IRR */
    bool poll;              /* OCW3 P: the next read is the poll word */
};

struct i8259_pair {
    struct i8259 chip[2];   /* [0] master (IRQ 0-7), [1] slave (IRQ 8-15) */
    struct irq_line intr;   /* the master's INT: the CPU's INTR pin */
    bool intr_level;        /* what intr was last driven to */
};

/* Wires the INT output (to the CPU, or to the local APIC's LINT0) and
 * resets the pair. */
void i8259_init(struct i8259_pair *pic, struct irq_line intr);
/* Power-on state.  The 8259A has no RESET pin; this is the state before
 * the BIOS programs it: vector base 0, nothing masked or in service,
 * every input edge-triggered (PIIX ELCR default 00h), and ICW1 not yet
 * written.  Input levels are kept (they belong to the devices). */
void i8259_reset(struct i8259_pair *pic);
/* Claims 20h-21h, A0h-A1h and 4D0h-4D1h; false (claiming none) if any is
 * taken. */
bool i8259_attach(struct i8259_pair *pic, struct port_bus *pb);

/* An input wire, IRQ 0-15 (the irq_line signature: opaque = the pair).
 * Out-of-range numbers and IRQ 2 (the cascade) are ignored. */
void i8259_set_irq(void *pic, unsigned irq, bool level);

/* The INTA cycle: returns the vector of the highest-priority request and
 * marks it in service (master and, through the cascade, slave).  With no
 * request left, the spurious vector: the master's base + 7, or the
 * slave's base + 7 with the master's IR2 in service. */
uint8_t i8259_acknowledge(struct i8259_pair *pic);
/* The same with the signature of cpu->intr_ack (opaque = the pair). */
uint8_t i8259_intr_ack(void *pic);

#endif
