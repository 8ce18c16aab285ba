/*
 * test_piix.c - Check unit tests for the chipset functions on PCI bus 0:
 * the i440FX host bridge (devices/i440fx_host.c: identity, a PAM callback
 * for each register nibble, reserved PAM bits, multi-register writes,
 * reset, SMRAM lock), the PIIX3 (devices/piix3.c: identity of 01.0 and
 * 01.1, CF9h reset control, PIRQ routing, the IDE bus-master BAR) and the
 * PIIX4 power management function (devices/piix4_pm.c: the PM block
 * appearing at PMBA only while PMIOSE is set and following it, the PM
 * timer's rate over a simulated second with the manual clock and its
 * 24-bit wrap, TMROF_STS at the bit-23 toggle with and without its
 * event, S5 soft-off through SUS_EN, the APM B2h ACPI enable/disable, the
 * SCI level, the power button, GPE0), and random guest accesses to all
 * of it.
 *
 * Everything is driven through the I/O ports the way firmware and a
 * guest OS would.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "devices/i440fx_host.h"
#include "devices/pci_bus.h"
#include "devices/piix3.h"
#include "devices/piix4_pm.h"
#include "devices/sched.h"
#include "mem/ports.h"
#include "tests/unit/check_main.h"

static struct port_bus *pb;
static struct pci_bus bus;
static struct sched sched;
static struct i440fx_host host;
static struct piix3 piix3;
static struct piix4_pm pm;

/* What the board would see. */
struct pam_call {
    uint32_t base, size;
    bool read_dram, write_dram;
};
static struct pam_call pam_log[32];
static unsigned pam_calls;
static unsigned resets, pirq_changes, poweroffs;
static bool reset_clears_chip;
static bool sci_level;
static unsigned sci_edges;

static void on_pam(void *opaque, uint32_t base, uint32_t size, bool rd, bool wr)
{
    (void)opaque;
    if (pam_calls < 32)
        pam_log[pam_calls] = (struct pam_call){ base, size, rd, wr };
    pam_calls++;
}

static void on_reset(void *opaque)
{
    (void)opaque;
    resets++;
    if (reset_clears_chip)
        piix3_reset(&piix3);
}

static void on_pirq(void *opaque)
{
    (void)opaque;
    pirq_changes++;
}

static void on_poweroff(void *opaque)
{
    (void)opaque;
    poweroffs++;
}

static void on_sci(void *opaque, unsigned pin, bool level)
{
    (void)opaque;
    ck_assert_uint_eq(pin, 9);
    if (level && !sci_level)
        sci_edges++;
    sci_level = level;
}

static void setup(void)
{
    pb = ports_create();
    ck_assert_ptr_nonnull(pb);
    sched_init(&sched);
    pci_bus_init(&bus);
    ck_assert(pci_bus_attach(&bus, pb));
    pam_calls = resets = pirq_changes = poweroffs = sci_edges = 0;
    reset_clears_chip = true;
    sci_level = false;
    i440fx_host_init(&host, on_pam, NULL);
    ck_assert(i440fx_host_attach(&host, &bus));
    piix3_init(&piix3, on_reset, on_pirq, NULL);
    ck_assert(piix3_attach(&piix3, &bus));
    piix4_pm_init(&pm, &sched, irq_line_make(on_sci, NULL, 9), on_poweroff, NULL);
    ck_assert(piix4_pm_attach(&pm, &bus, pb));
}

static void teardown(void)
{
    ports_destroy(pb);
}

static uint32_t cfg_read(uint8_t devfn, unsigned reg, unsigned size)
{
    ports_write(pb, 0xCF8, 4, 0x80000000u | (uint32_t)devfn << 8 | (reg & 0xFCu));
    return ports_read(pb, (uint16_t)(0xCFC + (reg & 3u)), size);
}

static void cfg_write(uint8_t devfn, unsigned reg, unsigned size, uint32_t v)
{
    ports_write(pb, 0xCF8, 4, 0x80000000u | (uint32_t)devfn << 8 | (reg & 0xFCu));
    ports_write(pb, (uint16_t)(0xCFC + (reg & 3u)), size, v);
}

/* ---- i440FX ---- */

START_TEST(test_host_identity)
{
    ck_assert_uint_eq(cfg_read(I440FX_DEVFN, 0x00, 4), 0x12378086u);
    ck_assert_uint_eq(cfg_read(I440FX_DEVFN, 0x08, 4), 0x06000002u);
    ck_assert_uint_eq(cfg_read(I440FX_DEVFN, PCI_HEADER_TYPE, 1), 0x00u);
    ck_assert_uint_eq(cfg_read(I440FX_DEVFN, PCI_COMMAND, 2), 0x0006u);
    cfg_write(I440FX_DEVFN, PCI_COMMAND, 2, 0);
    ck_assert_uint_eq(cfg_read(I440FX_DEVFN, PCI_COMMAND, 2), 0x0006u);
    ck_assert_uint_eq(cfg_read(I440FX_DEVFN, I440FX_DRB0 + 7, 1), 0x01u);
    cfg_write(I440FX_DEVFN, I440FX_DRB0, 4, 0x10080402u);
    ck_assert_uint_eq(cfg_read(I440FX_DEVFN, I440FX_DRB0, 4), 0x10080402u);
    ck_assert_uint_eq(pam_calls, 0);
}
END_TEST

/* Every nibble of every PAM register, each of the four modes. */
START_TEST(test_pam_each_nibble)
{
    for (unsigned r = 0; r < I440FX_PAM_REGS; r++) {
        for (unsigned hi = 0; hi < 2; hi++) {
            if (r == 0 && hi == 0)
                continue; /* PAM0's low nibble is reserved */
            unsigned k = r == 0 ? 0 : 1 + 2 * (r - 1) + hi;
            uint32_t want_base = r == 0 ? 0xF0000u : 0xC0000u + 0x4000u * (k - 1);
            uint32_t want_size = r == 0 ? 0x10000u : 0x4000u;
            for (unsigned mode = 1; mode <= 4; mode++) {
                unsigned m = mode & 3u; /* 1, 2, 3, then back to 0 */
                pam_calls = 0;
                cfg_write(I440FX_DEVFN, I440FX_PAM0 + r, 1, m << (4 * hi));
                ck_assert_uint_eq(cfg_read(I440FX_DEVFN, I440FX_PAM0 + r, 1), m << (4 * hi));
                ck_assert_uint_eq(pam_calls, 1);
                ck_assert_uint_eq(pam_log[0].base, want_base);
                ck_assert_uint_eq(pam_log[0].size, want_size);
                ck_assert(pam_log[0].read_dram == ((m & 1u) != 0));
                ck_assert(pam_log[0].write_dram == ((m & 2u) != 0));
            }
        }
    }
}
END_TEST

START_TEST(test_pam_details)
{
    /* Reserved bits read 0 and change nothing. */
    cfg_write(I440FX_DEVFN, I440FX_PAM0, 1, 0xCF);
    ck_assert_uint_eq(cfg_read(I440FX_DEVFN, I440FX_PAM0, 1), 0x00u);
    ck_assert_uint_eq(pam_calls, 0);
    cfg_write(I440FX_DEVFN, I440FX_PAM0 + 1, 1, 0xCC);
    ck_assert_uint_eq(cfg_read(I440FX_DEVFN, I440FX_PAM0 + 1, 1), 0x00u);
    ck_assert_uint_eq(pam_calls, 0);
    /* Rewriting the same mode is no change. */
    cfg_write(I440FX_DEVFN, I440FX_PAM0, 1, 0x30);
    cfg_write(I440FX_DEVFN, I440FX_PAM0, 1, 0x30);
    ck_assert_uint_eq(pam_calls, 1);
    /* A dword at 5Ch reaches PAM3-PAM6: 8 segments D0000h-EFFFFh; only the
     * nibbles that changed report, in address order. */
    pam_calls = 0;
    cfg_write(I440FX_DEVFN, 0x5C, 4, 0x33003311u);
    ck_assert_uint_eq(pam_calls, 6);
    ck_assert_uint_eq(pam_log[0].base, 0xD0000u);
    ck_assert(pam_log[0].read_dram && !pam_log[0].write_dram);
    ck_assert_uint_eq(pam_log[1].base, 0xD4000u);
    ck_assert_uint_eq(pam_log[2].base, 0xD8000u);
    ck_assert(pam_log[2].read_dram && pam_log[2].write_dram);
    ck_assert_uint_eq(pam_log[3].base, 0xDC000u);
    ck_assert_uint_eq(pam_log[4].base, 0xE8000u);
    ck_assert_uint_eq(pam_log[5].base, 0xEC000u);
    /* Reset: everything back to 00b, a call for each segment that was not. */
    pam_calls = 0;
    i440fx_host_reset(&host);
    ck_assert_uint_eq(pam_calls, 7);
    ck_assert_uint_eq(pam_log[0].base, 0xF0000u);
    ck_assert(!pam_log[0].read_dram && !pam_log[0].write_dram);
    ck_assert_uint_eq(cfg_read(I440FX_DEVFN, 0x5C, 4), 0u);
    /* Replay tells the board all 13. */
    pam_calls = 0;
    i440fx_host_pam_replay(&host);
    ck_assert_uint_eq(pam_calls, 13);
    ck_assert_uint_eq(pam_log[12].base, 0xEC000u);
}
END_TEST

START_TEST(test_smram_lock)
{
    ck_assert_uint_eq(cfg_read(I440FX_DEVFN, I440FX_SMRAM, 1), 0x02u);
    cfg_write(I440FX_DEVFN, I440FX_SMRAM, 1, 0xFF);
    ck_assert_uint_eq(cfg_read(I440FX_DEVFN, I440FX_SMRAM, 1), 0x3Au); /* D_LCK: D_OPEN off */
    cfg_write(I440FX_DEVFN, I440FX_SMRAM, 1, 0x40); /* locked: only D_CLS moves */
    ck_assert_uint_eq(cfg_read(I440FX_DEVFN, I440FX_SMRAM, 1), 0x1Au);
    i440fx_host_reset(&host);
    cfg_write(I440FX_DEVFN, I440FX_SMRAM, 1, 0x48);
    ck_assert_uint_eq(cfg_read(I440FX_DEVFN, I440FX_SMRAM, 1), 0x4Au);
}
END_TEST

/* ---- PIIX3 ---- */

START_TEST(test_piix3_identity)
{
    ck_assert_uint_eq(cfg_read(PIIX3_ISA_DEVFN, 0x00, 4), 0x70008086u);
    ck_assert_uint_eq(cfg_read(PIIX3_ISA_DEVFN, 0x08, 4) >> 8, 0x060100u);
    ck_assert_uint_eq(cfg_read(PIIX3_ISA_DEVFN, PCI_HEADER_TYPE, 1), 0x80u);
    ck_assert_uint_eq(cfg_read(PIIX3_ISA_DEVFN, PCI_COMMAND, 2), 0x0007u);
    ck_assert_uint_eq(cfg_read(PIIX3_ISA_DEVFN, PIIX3_TOM, 1), 0x02u);
    cfg_write(PIIX3_ISA_DEVFN, PIIX3_TOM, 1, 0x70);
    ck_assert_uint_eq(cfg_read(PIIX3_ISA_DEVFN, PIIX3_TOM, 1), 0x70u);
    ck_assert_uint_eq(cfg_read(PIIX3_IDE_DEVFN, 0x00, 4), 0x70108086u);
    ck_assert_uint_eq(cfg_read(PIIX3_IDE_DEVFN, 0x08, 4) >> 8, 0x010180u);
    ck_assert_uint_eq(cfg_read(PIIX3_IDE_DEVFN, PCI_HEADER_TYPE, 1), 0x00u);
    /* The bus-master base: a 16-byte I/O BAR4. */
    cfg_write(PIIX3_IDE_DEVFN, 0x20, 4, 0xFFFFFFFFu);
    ck_assert_uint_eq(cfg_read(PIIX3_IDE_DEVFN, 0x20, 4), 0xFFFFFFF1u);
    cfg_write(PIIX3_IDE_DEVFN, 0x20, 4, 0xC040);
    cfg_write(PIIX3_IDE_DEVFN, PCI_COMMAND, 2, 0xFFFF);
    ck_assert_uint_eq(cfg_read(PIIX3_IDE_DEVFN, PCI_COMMAND, 2), 0x0005u);
    ck_assert_uint_eq(pci_bar_decode_address(&piix3.ide, PIIX3_IDE_BMIBA_BAR), 0xC040u);
    cfg_write(PIIX3_IDE_DEVFN, 0x40, 4, 0x8000A307u); /* IDETIM, stored */
    ck_assert_uint_eq(cfg_read(PIIX3_IDE_DEVFN, 0x40, 4), 0x8000A307u);
    /* Slot 1 has no function 2 here (no USB). */
    ck_assert_uint_eq(cfg_read(PCI_DEVFN(1, 2), 0x00, 4), 0xFFFFFFFFu);
}
END_TEST

START_TEST(test_cf9_reset)
{
    ck_assert_uint_eq(ports_read(pb, 0xCF9, 1), 0x00u);
    ports_write(pb, 0xCF9, 1, 0x02); /* hard reset chosen, not started */
    ck_assert_uint_eq(resets, 0);
    ck_assert_uint_eq(ports_read(pb, 0xCF9, 1), 0x02u);
    ports_write(pb, 0xCF9, 1, 0x06);
    ck_assert_uint_eq(resets, 1);
    ck_assert(piix3.last_reset_hard);
    ck_assert_uint_eq(ports_read(pb, 0xCF9, 1), 0x00u); /* the board reset the chip */
    ports_write(pb, 0xCF9, 1, 0x0E);
    ck_assert_uint_eq(resets, 2);
    ports_write(pb, 0xCF9, 1, 0x04); /* soft reset */
    ck_assert_uint_eq(resets, 3);
    ck_assert(!piix3.last_reset_hard);
    /* Without a 0 -> 1 transition of RCPU nothing happens. */
    reset_clears_chip = false;
    ports_write(pb, 0xCF9, 1, 0x06);
    ck_assert_uint_eq(resets, 4);
    ports_write(pb, 0xCF9, 1, 0x06);
    ck_assert_uint_eq(resets, 4);
    ports_write(pb, 0xCF9, 1, 0x00);
    ports_write(pb, 0xCF9, 1, 0x06);
    ck_assert_uint_eq(resets, 5);
    /* CF8h still works as the address register, and a byte at CFAh is no
     * reset. */
    ports_write(pb, 0xCFA, 1, 0xFF);
    ck_assert_uint_eq(resets, 5);
    ck_assert_uint_eq(cfg_read(I440FX_DEVFN, 0x00, 2), 0x8086u);
}
END_TEST

START_TEST(test_pirq_routing)
{
    for (unsigned i = 0; i < 4; i++) {
        ck_assert_uint_eq(cfg_read(PIIX3_ISA_DEVFN, PIIX3_PIRQRC + i, 1), 0x80u);
        ck_assert_int_eq(piix3_pirq_to_irq(&piix3, i), -1);
    }
    cfg_write(PIIX3_ISA_DEVFN, PIIX3_PIRQRC, 4, 0x0B0A0B0Au);
    ck_assert_uint_eq(pirq_changes, 1);
    ck_assert_int_eq(piix3_pirq_to_irq(&piix3, 0), 10);
    ck_assert_int_eq(piix3_pirq_to_irq(&piix3, 1), 11);
    ck_assert_int_eq(piix3_pirq_to_irq(&piix3, 2), 10);
    ck_assert_int_eq(piix3_pirq_to_irq(&piix3, 3), 11);
    ck_assert_int_eq(piix3_pirq_to_irq(&piix3, 4), -1);
    /* Bits 6:4 are reserved. */
    cfg_write(PIIX3_ISA_DEVFN, PIIX3_PIRQRC + 2, 1, 0x75);
    ck_assert_uint_eq(cfg_read(PIIX3_ISA_DEVFN, PIIX3_PIRQRC + 2, 1), 0x05u);
    ck_assert_int_eq(piix3_pirq_to_irq(&piix3, 2), 5);
    cfg_write(PIIX3_ISA_DEVFN, PIIX3_PIRQRC + 2, 1, 0x85);
    ck_assert_int_eq(piix3_pirq_to_irq(&piix3, 2), -1);
    /* Reserved IRQ numbers route nowhere. */
    static const unsigned reserved[] = { 0, 1, 2, 8, 13 };
    for (unsigned i = 0; i < 5; i++) {
        cfg_write(PIIX3_ISA_DEVFN, PIIX3_PIRQRC + 3, 1, reserved[i]);
        ck_assert_int_eq(piix3_pirq_to_irq(&piix3, 3), -1);
    }
    /* A write elsewhere says nothing about PIRQs. */
    unsigned before = pirq_changes;
    cfg_write(PIIX3_ISA_DEVFN, PIIX3_TOM, 1, 0x10);
    ck_assert_uint_eq(pirq_changes, before);
    piix3_reset(&piix3);
    ck_assert_int_eq(piix3_pirq_to_irq(&piix3, 0), -1);
    ck_assert_uint_eq(pirq_changes, before + 1);
}
END_TEST

/* ---- PIIX4 PM ---- */

static void pm_enable_at(uint16_t base)
{
    cfg_write(PIIX4_PM_DEVFN, PIIX4_PM_PMBA, 4, base | 1u);
    cfg_write(PIIX4_PM_DEVFN, PIIX4_PM_PMREGMISC, 1, PIIX4_PM_PMIOSE);
}

START_TEST(test_pm_identity)
{
    ck_assert_uint_eq(cfg_read(PIIX4_PM_DEVFN, 0x00, 4), 0x71138086u);
    ck_assert_uint_eq(cfg_read(PIIX4_PM_DEVFN, 0x08, 4), 0x06800003u);
    ck_assert_uint_eq(cfg_read(PIIX4_PM_DEVFN, PCI_INTERRUPT_PIN, 1), 0x01u);
    cfg_write(PIIX4_PM_DEVFN, PCI_INTERRUPT_LINE, 1, 9);
    ck_assert_uint_eq(cfg_read(PIIX4_PM_DEVFN, PCI_INTERRUPT_LINE, 1), 9u);
    ck_assert_uint_eq(cfg_read(PIIX4_PM_DEVFN, PIIX4_PM_PMBA, 4), 0x00000001u);
    cfg_write(PIIX4_PM_DEVFN, PIIX4_PM_PMBA, 4, 0xFFFFFFFFu);
    ck_assert_uint_eq(cfg_read(PIIX4_PM_DEVFN, PIIX4_PM_PMBA, 4), 0x0000FFC1u);
    cfg_write(PIIX4_PM_DEVFN, PIIX4_PM_SMBBA, 4, 0xFFFFFFFFu);
    ck_assert_uint_eq(cfg_read(PIIX4_PM_DEVFN, PIIX4_PM_SMBBA, 4), 0x0000FFF1u);
    cfg_write(PIIX4_PM_DEVFN, PIIX4_PM_PMREGMISC, 1, 0xFF);
    ck_assert_uint_eq(cfg_read(PIIX4_PM_DEVFN, PIIX4_PM_PMREGMISC, 1), 0x01u);
}
END_TEST

START_TEST(test_pm_base_relocation)
{
    uint64_t misses = ports_unmapped_reads(pb);
    ck_assert_uint_eq(ports_read(pb, 0xB008, 4), 0xFFFFFFFFu);
    cfg_write(PIIX4_PM_DEVFN, PIIX4_PM_PMBA, 4, 0xB001);
    ck_assert_uint_eq(ports_read(pb, 0xB004, 2), 0xFFFFu); /* PMIOSE still off */
    ck_assert_uint_eq(ports_unmapped_reads(pb), misses + 2);
    cfg_write(PIIX4_PM_DEVFN, PIIX4_PM_PMREGMISC, 1, PIIX4_PM_PMIOSE);
    ck_assert_uint_eq(pm.io_base, 0xB000u);
    ck_assert_uint_eq(ports_read(pb, 0xB004, 2), 0x0000u);
    ports_write(pb, 0xB002, 2, PIIX4_PM_PWRBTN);
    ck_assert_uint_eq(ports_read(pb, 0xB002, 2), PIIX4_PM_PWRBTN);
    /* The whole 64-byte block, and nothing past it. */
    ck_assert_uint_eq(ports_read(pb, 0xB03F, 1), 0x00u);
    ck_assert_uint_eq(ports_read(pb, 0xB040, 1), 0xFFu);
    /* Move it: the old place empties, the new one shows the same state. */
    cfg_write(PIIX4_PM_DEVFN, PIIX4_PM_PMBA, 2, 0x6001);
    ck_assert_uint_eq(pm.io_base, 0x6000u);
    ck_assert_uint_eq(ports_read(pb, 0xB002, 2), 0xFFFFu);
    ck_assert_uint_eq(ports_read(pb, 0x6002, 2), PIIX4_PM_PWRBTN);
    /* PMIOSE off: gone; on again: back at PMBA. */
    cfg_write(PIIX4_PM_DEVFN, PIIX4_PM_PMREGMISC, 1, 0);
    ck_assert_uint_eq(pm.io_base, PIIX4_PM_IO_UNMAPPED);
    ck_assert_uint_eq(ports_read(pb, 0x6002, 2), 0xFFFFu);
    cfg_write(PIIX4_PM_DEVFN, PIIX4_PM_PMREGMISC, 1, PIIX4_PM_PMIOSE);
    ck_assert_uint_eq(ports_read(pb, 0x6002, 2), PIIX4_PM_PWRBTN);
    /* A reset takes the block off the bus. */
    piix4_pm_reset(&pm);
    ck_assert_uint_eq(ports_read(pb, 0x6002, 2), 0xFFFFu);
    ck_assert_uint_eq(cfg_read(PIIX4_PM_DEVFN, PIIX4_PM_PMBA, 4), 0x00000001u);
}
END_TEST

START_TEST(test_pm_base_taken)
{
    /* CFCh lies in the 64-byte block at CC0h: the PCI bus holds it. */
    pm_enable_at(0x0CC0);
    ck_assert_uint_eq(pm.io_base, PIIX4_PM_IO_UNMAPPED);
    ck_assert_uint_eq(ports_read(pb, 0x0CC8, 4), 0xFFFFFFFFu);
    pm_enable_at(0xB000);
    ck_assert_uint_eq(pm.io_base, 0xB000u);
}
END_TEST

START_TEST(test_pm_timer_rate)
{
    pm_enable_at(0xB000);
    ck_assert_uint_eq(ports_read(pb, 0xB008, 4), 0u);
    sched_set_manual_time(&sched, SCHED_NS_PER_SEC / 2);
    ck_assert_uint_eq(ports_read(pb, 0xB008, 4), 1789772u);
    sched_set_manual_time(&sched, SCHED_NS_PER_SEC);
    ck_assert_uint_eq(ports_read(pb, 0xB008, 4), PIIX4_PM_TIMER_HZ);
    /* Bytes and words of the same register. */
    ck_assert_uint_eq(ports_read(pb, 0xB008, 2), PIIX4_PM_TIMER_HZ & 0xFFFFu);
    ck_assert_uint_eq(ports_read(pb, 0xB00A, 1), PIIX4_PM_TIMER_HZ >> 16);
    ck_assert_uint_eq(ports_read(pb, 0xB00B, 1), 0u);
    /* Writes do not disturb it. */
    ports_write(pb, 0xB008, 4, 0);
    ck_assert_uint_eq(ports_read(pb, 0xB008, 4), PIIX4_PM_TIMER_HZ);
    /* 24 bits: 5 s is 17897725 ticks, which wraps. */
    sched_set_manual_time(&sched, 5 * SCHED_NS_PER_SEC);
    ck_assert_uint_eq(ports_read(pb, 0xB008, 4), 17897725u & 0xFFFFFFu);
    /* An hour on, still exact: 3600 s * 3579545 Hz mod 2^24. */
    sched_set_manual_time(&sched, 3600 * SCHED_NS_PER_SEC);
    ck_assert_uint_eq(piix4_pm_timer(&pm), (uint32_t)((3600ull * 3579545u) & 0xFFFFFFu));
}
END_TEST

/* 2^23 ticks at 3.579545 MHz end at 2343484437.27 ns: bit 23 turns on at
 * 2343484438 ns. */
#define TOGGLE_NS UINT64_C(2343484438)

START_TEST(test_pm_tmr_sts_polled)
{
    pm_enable_at(0xB000);
    /* TMROF_EN off: no event is armed, the status is computed on read. */
    ck_assert_uint_eq(sched_next_deadline(&sched), SCHED_NEVER);
    sched_set_manual_time(&sched, TOGGLE_NS - 1);
    ck_assert_uint_eq(ports_read(pb, 0xB008, 4), 0x7FFFFFu);
    ck_assert_uint_eq(ports_read(pb, 0xB000, 2) & PIIX4_PM_TMROF, 0u);
    sched_set_manual_time(&sched, TOGGLE_NS);
    ck_assert_uint_eq(ports_read(pb, 0xB008, 4), 0x800000u);
    ck_assert_uint_eq(ports_read(pb, 0xB000, 2) & PIIX4_PM_TMROF, PIIX4_PM_TMROF);
    /* Writing 0 leaves it, writing 1 clears it. */
    ports_write(pb, 0xB000, 2, 0);
    ck_assert_uint_eq(ports_read(pb, 0xB000, 2) & PIIX4_PM_TMROF, PIIX4_PM_TMROF);
    ports_write(pb, 0xB000, 2, PIIX4_PM_TMROF);
    ck_assert_uint_eq(ports_read(pb, 0xB000, 2) & PIIX4_PM_TMROF, 0u);
    /* The next toggle (bit 23 back to 0, at the 24-bit wrap) sets it again. */
    sched_set_manual_time(&sched, 2 * TOGGLE_NS - 2);
    ck_assert_uint_eq(ports_read(pb, 0xB000, 2) & PIIX4_PM_TMROF, 0u);
    sched_set_manual_time(&sched, 2 * TOGGLE_NS);
    ck_assert_uint_eq(ports_read(pb, 0xB008, 4), 0u);
    ck_assert_uint_eq(ports_read(pb, 0xB000, 2) & PIIX4_PM_TMROF, PIIX4_PM_TMROF);
    ck_assert(!sci_level);
}
END_TEST

START_TEST(test_pm_tmr_sci_event)
{
    pm_enable_at(0xB000);
    ports_write(pb, 0xB2, 1, PIIX4_APM_ACPI_ENABLE);
    ports_write(pb, 0xB002, 2, PIIX4_PM_TMROF);
    ck_assert_uint_eq(sched_next_deadline(&sched), TOGGLE_NS);
    sched_advance_to(&sched, TOGGLE_NS - 1);
    ck_assert(!sci_level);
    /* No port access: the event alone raises SCI at the toggle. */
    sched_advance_to(&sched, TOGGLE_NS);
    ck_assert(sci_level);
    ck_assert_uint_eq(sci_edges, 1);
    ck_assert_uint_eq(sched_next_deadline(&sched), 2 * TOGGLE_NS - 1); /* 2^24 ticks */
    ports_write(pb, 0xB000, 2, PIIX4_PM_TMROF);
    ck_assert(!sci_level);
    sched_advance_to(&sched, 2 * TOGGLE_NS);
    ck_assert(sci_level);
    ck_assert_uint_eq(sci_edges, 2);
    /* TMROF_EN off: the level drops (status stays) and the event goes. */
    ports_write(pb, 0xB002, 2, 0);
    ck_assert(!sci_level);
    ck_assert_uint_eq(sched_next_deadline(&sched), SCHED_NEVER);
    ck_assert_uint_eq(ports_read(pb, 0xB000, 2) & PIIX4_PM_TMROF, PIIX4_PM_TMROF);
}
END_TEST

START_TEST(test_pm_soft_off)
{
    pm_enable_at(0xB000);
    /* SUS_TYP 5 with SUS_EN: not soft off, nothing happens. */
    ports_write(pb, 0xB004, 2, 5u << 10 | PIIX4_PM_SUS_EN);
    ck_assert_uint_eq(poweroffs, 0);
    ck_assert_uint_eq(ports_read(pb, 0xB004, 2), 5u << 10); /* SUS_EN reads 0 */
    /* SUS_TYP written first, without SUS_EN: nothing either. */
    ports_write(pb, 0xB004, 2, 0);
    ck_assert_uint_eq(poweroffs, 0);
    /* Linux's S5: SLP_TYP 0 with SLP_EN, keeping SCI_EN. */
    ports_write(pb, 0xB2, 1, PIIX4_APM_ACPI_ENABLE);
    ports_write(pb, 0xB004, 2, PIIX4_PM_SCI_EN | PIIX4_PM_SUS_EN);
    ck_assert_uint_eq(poweroffs, 1);
    /* A byte write of the high half does it too. */
    ports_write(pb, 0xB005, 1, PIIX4_PM_SUS_EN >> 8);
    ck_assert_uint_eq(poweroffs, 2);
}
END_TEST

START_TEST(test_pm_apm_acpi_enable)
{
    pm_enable_at(0xB000);
    ck_assert_uint_eq(ports_read(pb, 0xB004, 2) & PIIX4_PM_SCI_EN, 0u);
    ports_write(pb, 0xB2, 1, PIIX4_APM_ACPI_ENABLE);
    ck_assert_uint_eq(ports_read(pb, 0xB004, 2) & PIIX4_PM_SCI_EN, PIIX4_PM_SCI_EN);
    ck_assert_uint_eq(ports_read(pb, 0xB2, 1), PIIX4_APM_ACPI_ENABLE);
    ports_write(pb, 0xB2, 1, 0x55); /* other commands change nothing */
    ck_assert_uint_eq(ports_read(pb, 0xB004, 2) & PIIX4_PM_SCI_EN, PIIX4_PM_SCI_EN);
    ports_write(pb, 0xB2, 1, PIIX4_APM_ACPI_DISABLE);
    ck_assert_uint_eq(ports_read(pb, 0xB004, 2) & PIIX4_PM_SCI_EN, 0u);
    ports_write(pb, 0xB3, 1, 0xA5);
    ck_assert_uint_eq(ports_read(pb, 0xB3, 1), 0xA5u);
    ck_assert_uint_eq(ports_read(pb, 0xB2, 2), 0xA5F0u);
}
END_TEST

START_TEST(test_pm_sci_and_power_button)
{
    pm_enable_at(0xB000);
    /* Button with nothing enabled: status only. */
    piix4_pm_power_button(&pm);
    ck_assert_uint_eq(ports_read(pb, 0xB000, 2), PIIX4_PM_PWRBTN);
    ck_assert(!sci_level);
    /* Enable without SCI_EN: still no SCI (the chip would SMI). */
    ports_write(pb, 0xB002, 2, PIIX4_PM_PWRBTN);
    ck_assert(!sci_level);
    /* ACPI on: the pending event raises SCI at once, a level. */
    ports_write(pb, 0xB2, 1, PIIX4_APM_ACPI_ENABLE);
    ck_assert(sci_level);
    ck_assert_uint_eq(sci_edges, 1);
    piix4_pm_power_button(&pm);
    ck_assert(sci_level);
    ck_assert_uint_eq(sci_edges, 1);
    /* The handler clears the status (the high byte alone here). */
    ports_write(pb, 0xB001, 1, PIIX4_PM_PWRBTN >> 8);
    ck_assert(!sci_level);
    ck_assert_uint_eq(ports_read(pb, 0xB000, 2), 0u);
    piix4_pm_power_button(&pm);
    ck_assert(sci_level);
    ck_assert_uint_eq(sci_edges, 2);
    /* Masking the enable drops the level; the status stays. */
    ports_write(pb, 0xB002, 2, 0);
    ck_assert(!sci_level);
    ck_assert_uint_eq(ports_read(pb, 0xB000, 2), PIIX4_PM_PWRBTN);
    /* Enable bits that do not exist read 0. */
    ports_write(pb, 0xB002, 2, 0xFFFF);
    ck_assert_uint_eq(ports_read(pb, 0xB002, 2), PIIX4_PM_TMROF | PIIX4_PM_GBL |
                                                     PIIX4_PM_PWRBTN | PIIX4_PM_RTC);
    /* Reset: SCI low, registers cleared. */
    ck_assert(sci_level);
    piix4_pm_reset(&pm);
    ck_assert(!sci_level);
    ck_assert_uint_eq(sched_next_deadline(&sched), SCHED_NEVER);
}
END_TEST

START_TEST(test_pm_gpe0)
{
    pm_enable_at(0xB000);
    ports_write(pb, 0xB2, 1, PIIX4_APM_ACPI_ENABLE);
    ports_write(pb, 0xB00E, 2, 0x0201);
    ck_assert_uint_eq(ports_read(pb, 0xB00C, 4), 0x02010000u);
    /* Nothing in this model sets GPE0 status; a status bit the test sets
     * with its enable raises SCI through the next access, and W1C clears. */
    pm.gpsts = 0x0001;
    ck_assert_uint_eq(ports_read(pb, 0xB00C, 2), 0x0001u);
    ck_assert(sci_level);
    ports_write(pb, 0xB00C, 2, 0x0001);
    ck_assert_uint_eq(ports_read(pb, 0xB00C, 2), 0u);
    ck_assert(!sci_level);
    /* Unmodelled registers past GPE0 read 0. */
    ck_assert_uint_eq(ports_read(pb, 0xB010, 4), 0u);
    ck_assert_uint_eq(ports_read(pb, 0xB014, 1), 0u);
}
END_TEST

static uint32_t fuzz_state = 0x12345678u;

static uint32_t fuzz_next(void) /* xorshift32: the same run every time */
{
    fuzz_state ^= fuzz_state << 13;
    fuzz_state ^= fuzz_state >> 17;
    fuzz_state ^= fuzz_state << 5;
    return fuzz_state;
}

/* A guest may write anything anywhere in any order: random accesses of
 * every size to the configuration ports (any function, any register), the
 * reset and APM ports and the PM block wherever it went, with time
 * moving on.  Nothing may crash (ASan/UBSan runs watch), identities stay
 * and the outputs stay in range. */
START_TEST(test_guest_writes_anything)
{
    static const uint8_t devfns[] = { I440FX_DEVFN, PIIX3_ISA_DEVFN, PIIX3_IDE_DEVFN,
                                      PIIX4_PM_DEVFN, PCI_DEVFN(5, 0) };
    static const unsigned sizes[] = { 1, 2, 4 };
    reset_clears_chip = true;
    pm_enable_at(0xB000);
    for (unsigned i = 0; i < 200000; i++) {
        uint32_t r = fuzz_next(), v = fuzz_next();
        unsigned size = sizes[r % 3];
        uint16_t port;
        switch ((r >> 2) % 6) {
        case 0:
        case 1: {
            uint8_t devfn = devfns[(r >> 5) % 5];
            ports_write(pb, 0xCF8, 4, 0x80000000u | (uint32_t)devfn << 8 | ((r >> 8) & 0xFCu));
            port = (uint16_t)(0xCFC + ((r >> 16) & 3u));
            break;
        }
        case 2:
            port = (uint16_t)(0xCF8 + ((r >> 5) & 3u));
            break;
        case 3:
            port = (uint16_t)(0xB2 + ((r >> 5) & 1u));
            break;
        default:
            port = (uint16_t)((pm.io_base != PIIX4_PM_IO_UNMAPPED ? pm.io_base : 0xB000u) +
                              ((r >> 5) & 63u));
            break;
        }
        if (r & 0x80000000u)
            ports_write(pb, port, size, v);
        else
            (void)ports_read(pb, port, size);
        if ((r & 0xFFu) == 0)
            sched_advance_to(&sched, sched_now(&sched) + (v & 0xFFFFFFFu));
    }
    ck_assert_uint_eq(cfg_read(I440FX_DEVFN, 0, 4), 0x12378086u);
    ck_assert_uint_eq(cfg_read(PIIX3_ISA_DEVFN, 0, 4), 0x70008086u);
    ck_assert_uint_eq(cfg_read(PIIX3_IDE_DEVFN, 0, 4), 0x70108086u);
    ck_assert_uint_eq(cfg_read(PIIX4_PM_DEVFN, 0, 4), 0x71138086u);
    for (unsigned p = 0; p < 4; p++) {
        int irq = piix3_pirq_to_irq(&piix3, p);
        ck_assert(irq == -1 || (irq >= 3 && irq <= 15 && irq != 8 && irq != 13));
    }
    ck_assert_uint_lt(piix4_pm_timer(&pm), 1u << 24);
    ck_assert(resets > 0 && pam_calls > 0);
}
END_TEST

static Suite *piix_suite(void)
{
    Suite *s = suite_create("piix");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_host_identity);
    tcase_add_test(tc, test_pam_each_nibble);
    tcase_add_test(tc, test_pam_details);
    tcase_add_test(tc, test_smram_lock);
    tcase_add_test(tc, test_piix3_identity);
    tcase_add_test(tc, test_cf9_reset);
    tcase_add_test(tc, test_pirq_routing);
    tcase_add_test(tc, test_pm_identity);
    tcase_add_test(tc, test_pm_base_relocation);
    tcase_add_test(tc, test_pm_base_taken);
    tcase_add_test(tc, test_pm_timer_rate);
    tcase_add_test(tc, test_pm_tmr_sts_polled);
    tcase_add_test(tc, test_pm_tmr_sci_event);
    tcase_add_test(tc, test_pm_soft_off);
    tcase_add_test(tc, test_pm_apm_acpi_enable);
    tcase_add_test(tc, test_pm_sci_and_power_button);
    tcase_add_test(tc, test_pm_gpe0);
    tcase_add_test(tc, test_guest_writes_anything);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(piix_suite(), CK_ENV);
}
