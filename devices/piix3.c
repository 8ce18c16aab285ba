/*
 * piix3.c - the PIIX3 ISA bridge, IDE function and Reset Control register
 * (the model is in piix3.h).
 *
 * Register defaults are the datasheet's reset values.  Everything the
 * chip only stores is a read/write byte in config space; reserved bits
 * have no write-mask bit and so read 0.
 */
#include "devices/piix3.h"

#include <stddef.h>

#include "mem/io_ops.h"

#define PIIX3_VENDOR 0x8086u
#define PIIX3_ISA_DEVICE 0x7000u
#define PIIX3_IDE_DEVICE 0x7010u
#define PIIX3_ISA_CLASS 0x060100u  /* bridge, PCI-to-ISA */
#define PIIX3_IDE_CLASS 0x010180u  /* mass storage, IDE, legacy + bus master */

#define PIIX3_PIRQS 4u
#define PIIX3_RC_BITS (PIIX3_RC_SRST | PIIX3_RC_RCPU)
#define PIIX3_IDE_BM_SIZE 16u

/* Function 0's stored registers: offset, reset value, writable bits. */
struct piix3_reg {
    uint8_t offset, reset, wmask;
};

static const struct piix3_reg piix3_isa_regs[] = {
    { 0x4C, 0x4D, 0xFF },  /* IORT: ISA I/O recovery timer */
    { 0x4E, 0x03, 0xFF },  /* XBCS: X-bus chip select, low byte */
    { 0x4F, 0x00, 0xFF },
    { 0x60, 0x80, 0x8F },  /* PIRQRC[A:D]: bit 7 off, bits 3:0 the IRQ */
    { 0x61, 0x80, 0x8F },
    { 0x62, 0x80, 0x8F },
    { 0x63, 0x80, 0x8F },
    { 0x69, 0x02, 0xFF },  /* TOM: top of memory */
    { 0x6A, 0x00, 0xFF },  /* MSTAT: miscellaneous status */
    { 0x6B, 0x00, 0xFF },
    { 0x70, 0x80, 0xFF },  /* MBIRQ0-1: motherboard IRQ routing */
    { 0x71, 0x80, 0xFF },
    { 0x76, 0x04, 0xFF },  /* MBDMA0-1: motherboard DMA */
    { 0x77, 0x04, 0xFF },
    { 0x78, 0x02, 0xFF },  /* PCSC: programmable chip select */
    { 0x79, 0x00, 0xFF },
    { 0x80, 0x00, 0xFF },  /* APICBASE */
    { 0x82, 0x00, 0xFF },  /* DLC: deterministic latency control */
    { 0xA0, 0x08, 0xFF },  /* SMICNTL */
    { 0xA2, 0x00, 0xFF },  /* SMIEN */
    { 0xA3, 0x00, 0xFF },
    { 0xA4, 0x00, 0xFF },  /* SEE: system event enable */
    { 0xA5, 0x00, 0xFF },
    { 0xA6, 0x00, 0xFF },
    { 0xA7, 0x00, 0xFF },
    { 0xA8, 0x0F, 0xFF },  /* FTMR: fast-off timer */
    { 0xAA, 0x00, 0xFF },  /* SMIREQ */
    { 0xAB, 0x00, 0xFF },
    { 0xAC, 0x00, 0xFF },  /* CTLTMR */
    { 0xAE, 0x00, 0xFF },  /* CTHTMR */
};

int piix3_pirq_to_irq(const struct piix3 *p, unsigned pirq)
{
    if (pirq >= PIIX3_PIRQS)
        return -1;
    uint8_t v = p->isa.config[PIIX3_PIRQRC + pirq];
    if (v & PIIX3_PIRQ_DISABLE)
        return -1;
    unsigned irq = v & PIIX3_PIRQ_IRQ_MASK;
    /* IRQ 0-2, 8 and 13 are reserved in PIRQRC: the timer, keyboard,
     * cascade, RTC and FERR# own them. */
    if (irq <= 2 || irq == 8 || irq == 13)
        return -1;
    return (int)irq;
}

static void piix3_isa_config_write(void *opaque, struct pci_function *f, unsigned offset,
                                   unsigned size)
{
    (void)f;
    struct piix3 *p = opaque;
    bool touches_pirq = offset < PIIX3_PIRQRC + PIIX3_PIRQS && offset + size > PIIX3_PIRQRC;
    if (touches_pirq && p->pirq_changed != NULL)
        p->pirq_changed(p->opaque);
}

static void piix3_isa_defaults(struct piix3 *p)
{
    struct pci_function *f = &p->isa;
    pci_function_init(f, "piix3-isa", PIIX3_VENDOR, PIIX3_ISA_DEVICE, 0x00, PIIX3_ISA_CLASS,
                      PCI_HEADER_MULTIFUNCTION);
    /* I/O, memory and bus master are hard-wired on; special cycles R/W. */
    pci_set(f, PCI_COMMAND, 2, 0x0007);
    pci_set_wmask(f, PCI_COMMAND, 2, 0x0008);
    pci_set(f, PCI_STATUS, 2, PCI_STATUS_DEVSEL_MEDIUM);
    /* The bridge does not interrupt, but Interrupt Line is a read/write
     * scratch byte for software in every function (PCI 2.1, 6.2.4). */
    for (unsigned i = 0; i < sizeof piix3_isa_regs / sizeof piix3_isa_regs[0]; i++) {
        pci_set(f, piix3_isa_regs[i].offset, 1, piix3_isa_regs[i].reset);
        pci_set_wmask(f, piix3_isa_regs[i].offset, 1, piix3_isa_regs[i].wmask);
    }
    f->config_write = piix3_isa_config_write;
    f->opaque = p;
}

static void piix3_ide_defaults(struct piix3 *p)
{
    struct pci_function *f = &p->ide;
    pci_function_init(f, "piix3-ide", PIIX3_VENDOR, PIIX3_IDE_DEVICE, 0x00, PIIX3_IDE_CLASS,
                      0x00);
    pci_set_wmask(f, PCI_COMMAND, 2, PCI_COMMAND_IO | PCI_COMMAND_MASTER);
    pci_set(f, PCI_STATUS, 2, 0x0280);
    pci_set_wmask(f, PCI_LATENCY_TIMER, 1, 0xF0);
    /* Legacy mode: the channels interrupt on IRQ 14/15, not on INTx;
     * Interrupt Line stays the read/write byte PCI 2.1, 6.2.4 makes it
     * (our BIOS's PCI BIOS test writes it; QEMU's PIIX3 takes it too). */
    pci_function_set_bar(f, PIIX3_IDE_BMIBA_BAR, PIIX3_IDE_BM_SIZE, true);
    /* IDETIM primary (40h-41h) and secondary (42h-43h), SIDETIM (44h). */
    pci_set_wmask(f, 0x40, 4, 0xFFFFFFFFu);
    pci_set_wmask(f, 0x44, 1, 0xFF);
    f->opaque = p;
}

/* The Reset Control byte is offset 1 of the CF8h-CFBh range; the other
 * bytes there are not the PIIX3's and float. */
static uint32_t piix3_rc_read(void *state, uint32_t offset, unsigned size)
{
    (void)size;
    const struct piix3 *p = state;
    return offset == 1 ? p->rc : 0xFF;
}

static void piix3_rc_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)size;
    struct piix3 *p = state;
    if (offset != 1)
        return;
    uint8_t old = p->rc;
    p->rc = (uint8_t)(value & PIIX3_RC_BITS);
    if (!(old & PIIX3_RC_RCPU) && (p->rc & PIIX3_RC_RCPU)) {
        p->last_reset_hard = (p->rc & PIIX3_RC_SRST) != 0;
        if (p->reset != NULL)
            p->reset(p->opaque); /* may call piix3_reset, which clears rc */
    }
}

static const struct io_ops piix3_rc_ops = {
    .read = piix3_rc_read,
    .write = piix3_rc_write,
    .sizes = IO_SIZE_8,
};

void piix3_init(struct piix3 *p, void (*reset)(void *opaque),
                void (*pirq_changed)(void *opaque), void *opaque)
{
    p->reset = reset;
    p->pirq_changed = pirq_changed;
    p->opaque = opaque;
    p->rc = 0;
    p->last_reset_hard = false;
    piix3_isa_defaults(p);
    piix3_ide_defaults(p);
}

void piix3_reset(struct piix3 *p)
{
    p->rc = 0;
    piix3_isa_defaults(p);
    piix3_ide_defaults(p);
    if (p->pirq_changed != NULL)
        p->pirq_changed(p->opaque);
}

bool piix3_attach(struct piix3 *p, struct pci_bus *bus)
{
    if (pci_bus_function(bus, PIIX3_ISA_DEVFN) != NULL ||
        pci_bus_function(bus, PIIX3_IDE_DEVFN) != NULL)
        return false;
    pci_register_function(bus, PIIX3_ISA_DEVFN, &p->isa);
    pci_register_function(bus, PIIX3_IDE_DEVFN, &p->ide);
    pci_bus_set_narrow_cf8(bus, &piix3_rc_ops, p);
    return true;
}
