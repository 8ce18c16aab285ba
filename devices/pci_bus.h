/*
 * pci_bus.h - PCI bus 0 and its configuration space, reached through
 * configuration mechanism #1 (PCI Local Bus Specification 2.1, section
 * 3.7.4.1): a 32-bit address register at CF8h (enable bit 31, bus 23:16,
 * device 15:11, function 10:8, register 7:2) and a data window at
 * CFCh-CFFh where byte, word and dword accesses reach the register bytes
 * at the window offset (address bits 1:0).
 *
 * A function is a `struct pci_function`: 256 bytes of configuration space,
 * a write mask per byte (bits outside it keep their value, so identity,
 * class and other read-only fields stay), a write-1-to-clear mask (the
 * status register's error bits), optional hooks to compute a read or to
 * react to a write, and up to six base address registers.  A BAR is an
 * I/O or 32-bit memory window whose size is a power of two: its write
 * mask keeps the bits below the size at zero, so writing all ones reads
 * back the size mask as section 6.2.5.1 of the spec asks.  The function
 * hears, through `bar_moved`, whenever the address where a BAR decodes
 * changes: the BAR itself was rewritten, or the command register's I/O or
 * memory enable changed (then the address is PCI_BAR_UNMAPPED).
 *
 * A function may also have an expansion ROM BAR (register 30h, section
 * 6.2.5.2): bits 31:11 hold the address (the bits below the ROM's size
 * stay 0, so all ones reads back the size), bit 0 enables decoding, which
 * happens only while the command register's memory enable is set too.
 * bar_moved reports it as bar PCI_ROM_BAR.  Without one, 30h reads 0.
 *
 * Empty slots (and any bus other than 0, and any access with the enable
 * bit clear) read FFFFFFFFh, the master-abort value; writes there vanish.
 * Only the dword at CF8h is the address register (as on the i440FX, whose
 * CONFADD decodes only dword accesses); byte and word accesses at
 * CF8h-CFBh are ordinary I/O.  Because a port has one owner on the port
 * bus, the PCI bus owns CF8h-CFBh and passes those narrow accesses to a
 * handler a chip installs with pci_bus_set_narrow_cf8 (the PIIX3's Reset
 * Control register at CF9h); without one they read FFh and are dropped.
 *
 * Not here: buses behind bridges (type-1 headers, configuration type 1
 * cycles), 64-bit memory BARs (a device marks a BAR prefetchable by
 * setting bit 3 of its config[] itself), capability lists, configuration mechanism #2, INTx routing
 * (the board's, through the PIIX3's PIRQ registers).
 */
#ifndef SOFTPC_DEVICES_PCI_BUS_H
#define SOFTPC_DEVICES_PCI_BUS_H

#include <stdbool.h>
#include <stdint.h>

#include "mem/io_ops.h"

struct port_bus;

#define PCI_CONFIG_ADDRESS_PORT 0xCF8u
#define PCI_CONFIG_DATA_PORT    0xCFCu

#define PCI_SLOTS     32u
#define PCI_FUNCTIONS 8u
#define PCI_DEVFN(dev, fn) ((uint8_t)(((dev) & 31u) << 3 | ((fn) & 7u)))

/* Type-0 header offsets (PCI 2.1, section 6.1). */
#define PCI_VENDOR_ID      0x00u
#define PCI_DEVICE_ID      0x02u
#define PCI_COMMAND        0x04u
#define PCI_STATUS         0x06u
#define PCI_REVISION_ID    0x08u
#define PCI_PROG_IF        0x09u
#define PCI_SUBCLASS       0x0Au
#define PCI_CLASS          0x0Bu
#define PCI_CACHE_LINE     0x0Cu
#define PCI_LATENCY_TIMER  0x0Du
#define PCI_HEADER_TYPE    0x0Eu
#define PCI_BAR0           0x10u
#define PCI_INTERRUPT_LINE 0x3Cu
#define PCI_INTERRUPT_PIN  0x3Du

#define PCI_COMMAND_IO     0x0001u
#define PCI_COMMAND_MEMORY 0x0002u
#define PCI_COMMAND_MASTER 0x0004u

/* Status bits software clears by writing 1 (section 6.2.3): parity
 * error, signalled system error, master abort, target abort received and
 * signalled, data parity error. */
#define PCI_STATUS_W1C 0xF900u
#define PCI_STATUS_DEVSEL_MEDIUM 0x0200u

#define PCI_HEADER_MULTIFUNCTION 0x80u

#define PCI_BARS 6u
#define PCI_BAR_IO 0x1u               /* bit 0 of an I/O BAR */
#define PCI_BAR_UNMAPPED UINT32_MAX   /* no window: never a valid base */
/* The expansion ROM BAR (PCI 2.1 section 6.2.5.2): register 30h, enable
 * bit 0; bar_moved reports it as bar PCI_ROM_BAR. */
#define PCI_ROM_ADDRESS 0x30u
#define PCI_ROM_BAR     6u

struct pci_function;

struct pci_bar {
    uint32_t size;    /* bytes, a power of two; 0: no BAR here */
    bool io;          /* I/O space (else 32-bit memory) */
    uint32_t mapped;  /* where it decodes now, or PCI_BAR_UNMAPPED */
};

struct pci_function {
    const char *name;
    uint8_t config[256];
    uint8_t wmask[256];  /* 1: the guest may write this bit */
    uint8_t w1c[256];    /* 1: writing 1 clears this bit (not in wmask) */
    struct pci_bar bars[PCI_BARS];
    struct pci_bar rom;  /* the expansion ROM BAR; size 0: none */

    /* All optional (NULL).  config_read sees the stored bytes' value of
     * the access and returns what the guest reads.  config_write runs
     * after a write changed config[] (offset, size as the guest wrote).
     * bar_moved runs when BAR `bar` starts, stops or moves decoding; old
     * and new are addresses or PCI_BAR_UNMAPPED. */
    uint32_t (*config_read)(void *opaque, struct pci_function *f, unsigned offset,
                            unsigned size, uint32_t value);
    void (*config_write)(void *opaque, struct pci_function *f, unsigned offset,
                         unsigned size);
    void (*bar_moved)(void *opaque, struct pci_function *f, unsigned bar, uint32_t old_addr,
                      uint32_t new_addr);
    void *opaque;
};

struct pci_bus {
    uint32_t config_address;  /* CF8h as last written (bits 30:24, 1:0 zero) */
    struct pci_function *fn[PCI_SLOTS * PCI_FUNCTIONS];  /* by devfn */
    const struct io_ops *narrow_ops;  /* byte/word accesses at CF8h-CFBh */
    void *narrow_state;
};

void pci_bus_init(struct pci_bus *bus);
/* Claims CF8h-CFBh and CFCh-CFFh; false if either is taken. */
bool pci_bus_attach(struct pci_bus *bus, struct port_bus *pb);
/* Byte accesses at CF8h-CFBh go to ops as (offset 0-3, size 1); word
 * accesses there arrive as two bytes.  NULL removes the handler. */
void pci_bus_set_narrow_cf8(struct pci_bus *bus, const struct io_ops *ops, void *state);

/* Puts f at devfn (dev << 3 | fn); false if taken.  f must have been set
 * up with pci_function_init (and BARs declared) first. */
bool pci_register_function(struct pci_bus *bus, uint8_t devfn, struct pci_function *f);
struct pci_function *pci_bus_function(const struct pci_bus *bus, uint8_t devfn);

/* Firmware-style access for tests and the board: size 1, 2 or 4 bytes at
 * `offset`, which must not cross a dword (else it reads all ones and a
 * write is ignored).  Absent functions read all ones. */
uint32_t pci_config_read(struct pci_bus *bus, uint8_t devfn, unsigned offset, unsigned size);
void pci_config_write(struct pci_bus *bus, uint8_t devfn, unsigned offset, unsigned size,
                      uint32_t value);

/* Clears f and fills in the identity a type-0 header needs: IDs,
 * revision, the 24-bit class code (class << 16 | subclass << 8 | prog-if),
 * header type.  Write masks start as: command I/O, memory, bus-master
 * enables; interrupt line; status W1C bits; nothing else. */
void pci_function_init(struct pci_function *f, const char *name, uint16_t vendor,
                       uint16_t device, uint8_t revision, uint32_t class_code,
                       uint8_t header_type);
/* Declares BAR n (size a power of two, at least 4 for I/O and 16 for
 * memory); its register starts at 0.  Ignored for a bad n or size. */
void pci_function_set_bar(struct pci_function *f, unsigned n, uint32_t size, bool io);
/* Declares the expansion ROM BAR (size a power of two, at least 2 KiB);
 * its register starts at 0 (disabled).  Ignored for a bad size. */
void pci_function_set_rom(struct pci_function *f, uint32_t size);
/* Where BAR n (0-5, or PCI_ROM_BAR) decodes under the current BAR and
 * command register values, or PCI_BAR_UNMAPPED (no BAR, decoding off, a
 * ROM BAR whose enable bit is clear, or an I/O window that does not fit
 * below 64 KiB). */
uint32_t pci_bar_decode_address(const struct pci_function *f, unsigned n);
/* Recomputes every BAR's decode address and calls bar_moved for those
 * that changed; device code calls it after changing config[] itself. */
void pci_function_update_bars(struct pci_function *f);
/* What RST# does to the standard header: the writable bits of the
 * command, cache line, latency timer, BAR, ROM BAR and interrupt line
 * registers go
 * to 0 and the status error bits clear, so decoding stops and bar_moved
 * hears of every BAR that was mapped.  Read-only bits (identity, hard-wired
 * command bits) stay.  A device with live BARs resets through this rather
 * than pci_function_init, which would forget where its BARs were. */
void pci_function_reset_header(struct pci_function *f);

/* Little helpers for device code working on its own config[]. */
uint32_t pci_get(const struct pci_function *f, unsigned offset, unsigned size);
void pci_set(struct pci_function *f, unsigned offset, unsigned size, uint32_t value);
void pci_set_wmask(struct pci_function *f, unsigned offset, unsigned size, uint32_t mask);

#endif
