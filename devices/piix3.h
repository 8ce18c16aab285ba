/*
 * piix3.h - the 82371SB PIIX3 PCI-to-ISA bridge: PCI function 01.0 (the
 * ISA bridge, 8086:7000, class 0601), function 01.1 (the IDE controller,
 * 8086:7010, class 0101, prog-if 80h) and the Reset Control register at
 * I/O port CF9h.  Follows the 82371FB/82371SB (PIIX/PIIX3) datasheet,
 * its function 0 and function 1 configuration registers and the Reset
 * Control register.
 *
 * Function 0 is multi-function (header type 80h), so software probes the
 * other functions of slot 1.  Its PIRQ route control registers (60h-63h,
 * reset 80h = routing off) say which ISA IRQ each PCI interrupt line
 * PIRQA#-PIRQD# drives: piix3_pirq_to_irq answers for the board, which
 * does the routing itself, and the board's pirq_changed callback (if any)
 * hears every write to them.  Top of memory (69h) and the other function 0
 * registers (ISA clock, X-bus chip selects, motherboard IRQ/DMA routing,
 * APIC base, SMI control) are stored as written and do nothing here.
 *
 * Function 1 is the IDE controller's configuration face only: legacy mode
 * (prog-if 80h: both channels at their ISA ports and IRQ 14/15, bus
 * master capable), the IDE timing registers (40h-44h, stored; they reset
 * to 0, so firmware must set IDE decode enable, bit 15 of 40h and 42h,
 * which Linux's ata_piix checks before it uses a channel) and the
 * bus-master I/O base BMIBA (BAR4, 16 bytes), which is sized and stored
 * but decodes nothing: bus-master DMA is not done.  Neither does the
 * command register's I/O enable switch the legacy ports on or off (the
 * ATA model owns those and is always there).
 *
 * Reset Control (CF9h): a write that takes bit 2 (RCPU) from 0 to 1
 * resets the machine through the board's reset callback; bit 1 (SRST)
 * chooses hard (1) or soft (0) reset and is only recorded (the board
 * resets everything either way).  06h (and 0Eh, bit 3 being reserved on
 * the PIIX3) from the reset value 00h resets.
 *
 * Not here: the ISA bus itself (the board), the USB function 01.2, the
 * interrupt controllers, DMA controllers and timers the real chip holds
 * (their own files), SMI, the X-bus and BIOS chip-select decode, APIC
 * chip select.
 */
#ifndef SOFTPC_DEVICES_PIIX3_H
#define SOFTPC_DEVICES_PIIX3_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/pci_bus.h"

#define PIIX3_SLOT 1u
#define PIIX3_ISA_DEVFN PCI_DEVFN(PIIX3_SLOT, 0)
#define PIIX3_IDE_DEVFN PCI_DEVFN(PIIX3_SLOT, 1)

#define PIIX3_PIRQRC 0x60u         /* PIRQRC[A:D] at 60h-63h */
#define PIIX3_PIRQ_DISABLE 0x80u   /* IRQROUTEN: 1 = not routed */
#define PIIX3_PIRQ_IRQ_MASK 0x0Fu
#define PIIX3_TOM 0x69u
#define PIIX3_IDE_BMIBA_BAR 4u

#define PIIX3_RC_PORT 0xCF9u
#define PIIX3_RC_SRST 0x02u        /* 1: hard reset, 0: soft reset */
#define PIIX3_RC_RCPU 0x04u        /* 0 -> 1 starts the reset */

struct piix3 {
    struct pci_function isa;   /* 01.0 */
    struct pci_function ide;   /* 01.1 */
    uint8_t rc;                /* Reset Control, bits 2:1 */
    bool last_reset_hard;      /* SRST at the last reset this chip asked for */
    void (*reset)(void *opaque);
    void (*pirq_changed)(void *opaque);  /* may be NULL */
    void *opaque;
};

/* Sets up both functions in their reset state; callbacks may be NULL. */
void piix3_init(struct piix3 *p, void (*reset)(void *opaque),
                void (*pirq_changed)(void *opaque), void *opaque);
/* The RESET pin: both functions' registers and the RC register back to
 * their defaults (PIRQs unrouted; pirq_changed is called). */
void piix3_reset(struct piix3 *p);
/* Registers 01.0 and 01.1 and the Reset Control byte at CF9h (through
 * the PCI bus, which owns the CF8h dword); false if a slot is taken. */
bool piix3_attach(struct piix3 *p, struct pci_bus *bus);

/* The ISA IRQ that PIRQ line `pirq` (0 = PIRQA# .. 3 = PIRQD#) drives, or
 * -1 if it is not routed (IRQROUTEN set, a reserved IRQ number: 0-2, 8,
 * 13, or pirq out of range). */
int piix3_pirq_to_irq(const struct piix3 *p, unsigned pirq);

#endif
