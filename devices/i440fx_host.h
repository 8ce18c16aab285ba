/*
 * i440fx_host.h - the host bridge of the 440FX chipset: the 82441FX PMC
 * (PCI and Memory Controller) as PCI function 00.0, 8086:1237 rev 02,
 * class 0600 (host bridge), type-0 header.  Follows the 82441FX datasheet
 * (Intel 290549), its PCI configuration register descriptions.
 *
 * What it does: the seven PAM registers (59h-5Fh) that decide, for each
 * segment of C0000h-FFFFFh, whether reads and writes go to DRAM or to the
 * ROM/PCI side (the shadow RAM the BIOS uses).  Bits 1:0 of each register
 * (RE, WE) control the low segment and bits 5:4 the high one; PAM0's low
 * nibble is reserved and its high nibble covers the 64 KiB F0000h-FFFFFh;
 * PAM1-PAM6 cover C0000h-EFFFFh in 16 KiB segments, low nibble first.
 * Whenever a segment's (RE, WE) pair changes, the board's pam_changed
 * callback hears it and remaps that segment; the chip itself maps nothing.
 *
 * What is only stored: SMRAM (72h; the D_LCK lock works, but there is no
 * SMM, so the SMRAM window never opens), the DRAM row boundaries DRB0-7
 * (60h-67h) and the other DRAM, timing and error registers (50h-58h,
 * 68h, 70h-71h, 90h-93h): the board decides the RAM size, not these.
 * Not here: the 82442FX data path, the host-to-PCI posting and timing,
 * the PCI-side view of the PAM segments.
 */
#ifndef SOFTPC_DEVICES_I440FX_HOST_H
#define SOFTPC_DEVICES_I440FX_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/pci_bus.h"

#define I440FX_DEVFN PCI_DEVFN(0, 0)

#define I440FX_PAM0 0x59u     /* PAM0-PAM6 at 59h-5Fh */
#define I440FX_PAM_REGS 7u
#define I440FX_DRB0 0x60u     /* DRB0-DRB7 at 60h-67h */
#define I440FX_SMRAM 0x72u

#define I440FX_PAM_RE 0x1u    /* per nibble: reads go to DRAM */
#define I440FX_PAM_WE 0x2u    /* per nibble: writes go to DRAM */

/* F0000h-FFFFFh, then C0000h-EFFFFh in 16 KiB steps. */
#define I440FX_PAM_SEGMENTS 13u
/* Their bases and sizes (i440fx_pam_segment). */
#define I440FX_SEG_F0000 0xF0000u
#define I440FX_SEG_C0000 0xC0000u
#define I440FX_SEG_SMALL 0x4000u
#define I440FX_SEG_BIG 0x10000u

#define I440FX_SMRAM_D_OPEN 0x40u
#define I440FX_SMRAM_D_CLS  0x20u
#define I440FX_SMRAM_D_LCK  0x10u
#define I440FX_SMRAM_G_SMRAME 0x08u
#define I440FX_SMRAM_C_BASE_SEG 0x02u  /* 010b: SMRAM at A0000h, read-only */

struct i440fx_host {
    struct pci_function fn;
    /* The board maps `size` bytes at `base`: reads from DRAM if read_dram
     * (else the ROM/PCI side), writes to DRAM if write_dram (else the
     * ROM/PCI side, which for a ROM drops them). */
    void (*pam_changed)(void *opaque, uint32_t base, uint32_t size, bool read_dram,
                        bool write_dram);
    void *opaque;
    uint8_t pam_mode[I440FX_PAM_SEGMENTS]; /* (WE << 1 | RE) the board was told */
};

/* Sets up the function in its reset state (every PAM segment at 00b:
 * reads and writes to the ROM/PCI side), without calling pam_changed: the
 * board's first memory map must match that, or it calls
 * i440fx_host_pam_replay. */
void i440fx_host_init(struct i440fx_host *h,
                      void (*pam_changed)(void *opaque, uint32_t base, uint32_t size,
                                          bool read_dram, bool write_dram),
                      void *opaque);
/* The RESET pin: registers back to their defaults; pam_changed for every
 * segment that was not 00b. */
void i440fx_host_reset(struct i440fx_host *h);
/* Registers the function at 00.0; false if taken. */
bool i440fx_host_attach(struct i440fx_host *h, struct pci_bus *bus);
/* Calls pam_changed for all 13 segments with their current mode. */
void i440fx_host_pam_replay(struct i440fx_host *h);

/* Segment k's range (0: F0000h, 64 KiB; 1-12: C0000h + 16 KiB * (k-1)). */
void i440fx_pam_segment(unsigned k, uint32_t *base, uint32_t *size);

#endif
