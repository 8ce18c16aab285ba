/*
 * piix4_pm.h - the power management function of the 82371AB PIIX4: PCI
 * function 01.3, 8086:7113 rev 03, class 0680, the ACPI hardware a guest
 * OS drives (as QEMU's PC puts it next to a PIIX3).  Follows the 82371AB
 * (PIIX4) datasheet: its function 3 configuration registers and its
 * "power management I/O space" registers.
 *
 * Configuration space: PMBA (40h, bits 15:6 the base of a 64-byte I/O
 * block, bit 0 hard-wired 1 for I/O) takes effect only while PMIOSE
 * (PMREGMISC 80h, bit 0) is set: then the block appears at PMBA on the
 * port bus, and moves or disappears when either changes.  Interrupt line
 * 3Ch is R/W, the interrupt pin 3Dh reads 01h (INTA#).  SMBBA (90h) and
 * the SMBus host configuration (D2h-D3h), the device-resource and
 * monitor registers (44h-77h) are stored only: there is no SMBus
 * controller and no device monitoring.
 *
 * The PM I/O block (offsets from PMBA):
 *   +00h PM1a status (PMSTS): TMROF_STS, BM_STS, GBL_STS, PWRBTN_STS,
 *        RTC_STS, PWRBTNOR_STS, RSM_STS; software clears a bit by writing 1.
 *   +02h PM1a enable (PMEN): TMROF_EN, GBL_EN, PWRBTN_EN, RTC_EN.
 *   +04h PM1a control (PMCNTRL): SCI_EN, BRLD_EN_BM (stored), SUS_TYP
 *        (bits 12:10), SUS_EN (bit 13, write-only).  Setting SUS_EN with
 *        SUS_TYP = 000b (soft off, S5; QEMU's DSDT declares _S5 as 0) calls
 *        the board's poweroff callback.  Other sleep types do nothing.
 *   +08h PM timer (PMTMR): 24 bits counting at 3.579545 MHz, computed
 *        from sched_now() (time 0 reads 0).  TMROF_STS sets each time
 *        bit 23 toggles; a scheduler event is armed for that moment only
 *        while TMROF_EN is set, otherwise the status bit is brought up to
 *        date when PMSTS is read.
 *   +0Ch GPE0 status (16 bits, write 1 to clear; nothing sets it here),
 *   +0Eh GPE0 enable (16 bits, stored).
 *   Every other offset reads 0 and ignores writes.
 * SCI is a level: SCI_EN and (a PM1 status bit with its enable, or a GPE0
 * status bit with its enable).  With SCI_EN clear the real chip would
 * raise SMI# instead; there is no SMM here, so nothing happens.
 *
 * The APM control and status ports B2h/B3h (APMC/APMS, in the real chip
 * part of function 0) are here too: writing F1h to B2h sets SCI_EN and
 * F0h clears it, which is what the FADT's ACPI_ENABLE/ACPI_DISABLE ask
 * for (the SMI handler a real BIOS runs there is not needed); other
 * values are stored.  B3h is a scratch byte.
 *
 * Not here: SMI# and SMM, suspend to RAM or disk and resume, the
 * power-button override (4 s hold), GBL_RLS/BIOS_RLS handshakes, the
 * global and device PM registers beyond +0Fh (PCNTRL, P_LVL2/3 CPU
 * throttling, GLBSTS...), GPIs, the SMBus controller.
 */
#ifndef SOFTPC_DEVICES_PIIX4_PM_H
#define SOFTPC_DEVICES_PIIX4_PM_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/irq.h"
#include "devices/pci_bus.h"
#include "devices/sched.h"

struct port_bus;

#define PIIX4_PM_DEVFN PCI_DEVFN(1, 3)

#define PIIX4_PM_PMBA 0x40u
#define PIIX4_PM_PMREGMISC 0x80u
#define PIIX4_PM_PMIOSE 0x01u
#define PIIX4_PM_SMBBA 0x90u
#define PIIX4_PM_IO_SIZE 64u

/* PM I/O registers, offsets in the block. */
#define PIIX4_PM_PMSTS 0x00u
#define PIIX4_PM_PMEN 0x02u
#define PIIX4_PM_PMCNTRL 0x04u
#define PIIX4_PM_PMTMR 0x08u
#define PIIX4_PM_GPSTS 0x0Cu
#define PIIX4_PM_GPEN 0x0Eu

#define PIIX4_PM_TMROF 0x0001u      /* PMSTS / PMEN bit 0 */
#define PIIX4_PM_BM_STS 0x0010u
#define PIIX4_PM_GBL 0x0020u
#define PIIX4_PM_PWRBTN 0x0100u
#define PIIX4_PM_RTC 0x0400u
#define PIIX4_PM_PWRBTNOR_STS 0x0800u
#define PIIX4_PM_RSM_STS 0x8000u

#define PIIX4_PM_SCI_EN 0x0001u     /* PMCNTRL */
#define PIIX4_PM_BRLD_EN_BM 0x0002u
#define PIIX4_PM_SUS_TYP_SHIFT 10u
#define PIIX4_PM_SUS_TYP_MASK 0x1C00u
#define PIIX4_PM_SUS_EN 0x2000u
#define PIIX4_PM_SUS_TYP_SOFT_OFF 0u

#define PIIX4_PM_TIMER_HZ 3579545u

#define PIIX4_APM_CNT_PORT 0xB2u
#define PIIX4_APM_STS_PORT 0xB3u
#define PIIX4_APM_ACPI_ENABLE 0xF1u
#define PIIX4_APM_ACPI_DISABLE 0xF0u

#define PIIX4_PM_IO_UNMAPPED UINT32_MAX

struct piix4_pm {
    struct pci_function fn;
    struct sched *sched;
    struct port_bus *ports;       /* where the PM block is placed; set by attach */
    struct irq_line sci;
    void (*poweroff)(void *opaque);
    void *opaque;

    uint32_t io_base;             /* where the PM block decodes, or ..._UNMAPPED */
    uint16_t pmsts, pmen, pmcntrl, gpsts, gpen;
    uint64_t tmr_period_seen;     /* timer ticks >> 23 when TMROF_STS was last updated */
    struct sched_event tmr_event; /* the next bit-23 toggle, armed while TMROF_EN */
    uint8_t apmc, apms;
    bool sci_level;               /* what sci was last driven to */
};

/* Sets up the function and PM registers in their reset state (block not
 * mapped, SCI low).  `sched` must not be NULL; the callback may be. */
void piix4_pm_init(struct piix4_pm *pm, struct sched *sched, struct irq_line sci,
                   void (*poweroff)(void *opaque), void *opaque);
/* The RESET pin: configuration and PM registers to their defaults (the
 * block leaves the port bus, SCI goes low); the PM timer keeps counting. */
void piix4_pm_reset(struct piix4_pm *pm);
/* Registers function 01.3 on the PCI bus and ports B2h-B3h on pb, which
 * the PM block will also use; false if either is taken. */
bool piix4_pm_attach(struct piix4_pm *pm, struct pci_bus *bus, struct port_bus *pb);

/* The frontend's power button: sets PWRBTN_STS (SCI if PWRBTN_EN and
 * SCI_EN are set). */
void piix4_pm_power_button(struct piix4_pm *pm);

/* The 24-bit PM timer now. */
uint32_t piix4_pm_timer(const struct piix4_pm *pm);

#endif
