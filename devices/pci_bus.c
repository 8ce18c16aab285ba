/*
 * pci_bus.c - PCI bus 0 and configuration mechanism #1 (the model is in
 * pci_bus.h).
 *
 * A write goes through the masks byte by byte: bits in wmask take the new
 * value, bits in w1c clear where the guest wrote 1, the rest stay.  BAR
 * sizing needs no special case: the BAR's write mask leaves the bits
 * below its size (and the type bits) alone, so all ones reads back as the
 * size mask.  After every write the BARs' decode addresses are compared
 * with the ones the function was last told about, which covers a BAR
 * rewrite and a command-register enable change alike.  The expansion
 * ROM BAR is the same mechanism at register 30h, with its bit 0 as a
 * second enable next to the command register's memory enable.
 */
#include "devices/pci_bus.h"

#include <string.h>

#include "mem/le.h"
#include "mem/ports.h"

/* CONFIG_ADDRESS bits 30:24 and 1:0 are reserved and read 0 (PCI 2.1,
 * section 3.7.4.1). */
#define PCI_CONFIG_ADDRESS_MASK 0x80FFFFFCu
#define PCI_CONFIG_ENABLE 0x80000000u

static uint32_t pci_ones(unsigned size)
{
    return size >= 4 ? UINT32_MAX : (UINT32_C(1) << (8 * size)) - 1u;
}

static bool pci_access_ok(unsigned offset, unsigned size)
{
    return (size == 1 || size == 2 || size == 4) && offset < 256 && (offset & 3u) + size <= 4;
}

void pci_bus_init(struct pci_bus *bus)
{
    memset(bus, 0, sizeof *bus);
}

struct pci_function *pci_bus_function(const struct pci_bus *bus, uint8_t devfn)
{
    return bus->fn[devfn];
}

bool pci_register_function(struct pci_bus *bus, uint8_t devfn, struct pci_function *f)
{
    if (f == NULL || bus->fn[devfn] != NULL)
        return false;
    bus->fn[devfn] = f;
    return true;
}

void pci_bus_set_narrow_cf8(struct pci_bus *bus, const struct io_ops *ops, void *state)
{
    bus->narrow_ops = ops;
    bus->narrow_state = state;
}

/* ---- one function's configuration space ---- */

uint32_t pci_get(const struct pci_function *f, unsigned offset, unsigned size)
{
    if (offset >= 256 || size > 256 - offset)
        return 0;
    return le_load(&f->config[offset], size);
}

void pci_set(struct pci_function *f, unsigned offset, unsigned size, uint32_t value)
{
    if (offset < 256 && size <= 256 - offset)
        le_store(&f->config[offset], value, size);
}

void pci_set_wmask(struct pci_function *f, unsigned offset, unsigned size, uint32_t mask)
{
    if (offset < 256 && size <= 256 - offset)
        le_store(&f->wmask[offset], mask, size);
}

void pci_function_init(struct pci_function *f, const char *name, uint16_t vendor,
                       uint16_t device, uint8_t revision, uint32_t class_code,
                       uint8_t header_type)
{
    memset(f, 0, sizeof *f);
    f->name = name;
    pci_set(f, PCI_VENDOR_ID, 2, vendor);
    pci_set(f, PCI_DEVICE_ID, 2, device);
    pci_set(f, PCI_REVISION_ID, 1, revision);
    pci_set(f, PCI_PROG_IF, 1, class_code & 0xFFu);
    pci_set(f, PCI_SUBCLASS, 1, (class_code >> 8) & 0xFFu);
    pci_set(f, PCI_CLASS, 1, (class_code >> 16) & 0xFFu);
    pci_set(f, PCI_HEADER_TYPE, 1, header_type);
    pci_set_wmask(f, PCI_COMMAND, 2, PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
    pci_set_wmask(f, PCI_INTERRUPT_LINE, 1, 0xFF);
    le_store(&f->w1c[PCI_STATUS], PCI_STATUS_W1C, 2);
    for (unsigned n = 0; n < PCI_BARS; n++)
        f->bars[n].mapped = PCI_BAR_UNMAPPED;
    f->rom.mapped = PCI_BAR_UNMAPPED;
}

static bool pci_is_pow2(uint32_t v)
{
    return v != 0 && (v & (v - 1u)) == 0;
}

void pci_function_set_bar(struct pci_function *f, unsigned n, uint32_t size, bool io)
{
    if (n >= PCI_BARS || !pci_is_pow2(size) || size < (io ? 4u : 16u))
        return;
    unsigned off = PCI_BAR0 + 4u * n;
    f->bars[n] = (struct pci_bar){ .size = size, .io = io, .mapped = PCI_BAR_UNMAPPED };
    /* Bit 0 says I/O (1) or memory (0); memory bits 2:1 = 00 is "anywhere
     * in 32 bits" and bit 3 = 0 not prefetchable (section 6.2.5.1). */
    pci_set(f, off, 4, io ? PCI_BAR_IO : 0);
    pci_set_wmask(f, off, 4, ~(size - 1u));
}

/* The ROM BAR's address field is bits 31:11; bit 0 is the enable. */
#define PCI_ROM_ENABLE 0x1u
#define PCI_ROM_ADDRESS_MASK 0xFFFFF800u
#define PCI_ROM_MIN_SIZE 0x800u

void pci_function_set_rom(struct pci_function *f, uint32_t size)
{
    if (!pci_is_pow2(size) || size < PCI_ROM_MIN_SIZE)
        return;
    f->rom = (struct pci_bar){ .size = size, .io = false, .mapped = PCI_BAR_UNMAPPED };
    pci_set(f, PCI_ROM_ADDRESS, 4, 0);
    pci_set_wmask(f, PCI_ROM_ADDRESS, 4, (~(size - 1u) & PCI_ROM_ADDRESS_MASK) | PCI_ROM_ENABLE);
}

static const struct pci_bar *pci_bar_of(const struct pci_function *f, unsigned n)
{
    if (n == PCI_ROM_BAR)
        return &f->rom;
    return n < PCI_BARS ? &f->bars[n] : NULL;
}

static struct pci_bar *pci_bar_of_mut(struct pci_function *f, unsigned n)
{
    return n == PCI_ROM_BAR ? &f->rom : &f->bars[n];
}

uint32_t pci_bar_decode_address(const struct pci_function *f, unsigned n)
{
    const struct pci_bar *b = pci_bar_of(f, n);
    if (b == NULL || b->size == 0)
        return PCI_BAR_UNMAPPED;
    uint16_t cmd = (uint16_t)pci_get(f, PCI_COMMAND, 2);
    unsigned reg = n == PCI_ROM_BAR ? PCI_ROM_ADDRESS : PCI_BAR0 + 4u * n;
    uint32_t raw = pci_get(f, reg, 4);
    if (n == PCI_ROM_BAR && !(raw & PCI_ROM_ENABLE))
        return PCI_BAR_UNMAPPED;
    uint32_t base = raw & ~(b->size - 1u) & (n == PCI_ROM_BAR ? PCI_ROM_ADDRESS_MASK : UINT32_MAX);
    uint64_t end = (uint64_t)base + b->size; /* one past the last byte */
    /* Base 0 is what an unprogrammed BAR holds, never a real assignment. */
    if (base == 0)
        return PCI_BAR_UNMAPPED;
    if (b->io)
        return (cmd & PCI_COMMAND_IO) && end <= 0x10000u ? base : PCI_BAR_UNMAPPED;
    /* A window ending at the very top is what the all-ones sizing pattern
     * leaves behind; the top of 4 GiB is the BIOS flash on a PC. */
    return (cmd & PCI_COMMAND_MEMORY) && end < (UINT64_C(1) << 32) ? base : PCI_BAR_UNMAPPED;
}

void pci_function_update_bars(struct pci_function *f)
{
    /* BARs 0-5, then the ROM BAR (PCI_ROM_BAR is 6, right after them). */
    for (unsigned n = 0; n <= PCI_ROM_BAR; n++) {
        struct pci_bar *b = pci_bar_of_mut(f, n);
        uint32_t now = pci_bar_decode_address(f, n);
        uint32_t old = b->mapped;
        if (now == old)
            continue;
        b->mapped = now;
        if (f->bar_moved != NULL)
            f->bar_moved(f->opaque, f, n, old, now);
    }
}

void pci_function_reset_header(struct pci_function *f)
{
    static const uint8_t regs[][2] = { /* offset, length */
        { PCI_COMMAND, 2 }, { PCI_CACHE_LINE, 2 }, { PCI_BAR0, 4 * PCI_BARS },
        { PCI_ROM_ADDRESS, 4 }, { PCI_INTERRUPT_LINE, 1 },
    };
    for (unsigned r = 0; r < sizeof regs / sizeof regs[0]; r++)
        for (unsigned i = regs[r][0]; i < (unsigned)regs[r][0] + regs[r][1]; i++)
            f->config[i] &= (uint8_t)~f->wmask[i];
    for (unsigned i = PCI_STATUS; i < PCI_STATUS + 2u; i++)
        f->config[i] &= (uint8_t)~f->w1c[i];
    pci_function_update_bars(f);
}

static uint32_t pci_function_read(struct pci_function *f, unsigned offset, unsigned size)
{
    uint32_t v = le_load(&f->config[offset], size);
    if (f->config_read != NULL)
        v = f->config_read(f->opaque, f, offset, size, v) & pci_ones(size);
    return v;
}

static void pci_function_write(struct pci_function *f, unsigned offset, unsigned size,
                               uint32_t value)
{
    for (unsigned i = 0; i < size; i++) {
        unsigned at = offset + i;
        uint8_t v = (uint8_t)(value >> (8 * i));
        uint8_t old = f->config[at];
        uint8_t kept = (uint8_t)(old & ~f->wmask[at] & ~(v & f->w1c[at]));
        f->config[at] = (uint8_t)(kept | (v & f->wmask[at]));
    }
    pci_function_update_bars(f);
    if (f->config_write != NULL)
        f->config_write(f->opaque, f, offset, size);
}

uint32_t pci_config_read(struct pci_bus *bus, uint8_t devfn, unsigned offset, unsigned size)
{
    struct pci_function *f = bus->fn[devfn];
    if (f == NULL || !pci_access_ok(offset, size))
        return pci_ones(size == 1 || size == 2 ? size : 4);
    return pci_function_read(f, offset, size);
}

void pci_config_write(struct pci_bus *bus, uint8_t devfn, unsigned offset, unsigned size,
                      uint32_t value)
{
    struct pci_function *f = bus->fn[devfn];
    if (f != NULL && pci_access_ok(offset, size))
        pci_function_write(f, offset, size, value & pci_ones(size));
}

/* ---- the ports ---- */

/* The port bus hands CF8h-CFBh over in bytes or one dword at CF8h (it
 * splits words, since this range does not accept 16-bit accesses, and a
 * dword anywhere else would reach into CFCh, another range). */
static uint32_t pci_address_port_read(void *state, uint32_t offset, unsigned size)
{
    struct pci_bus *bus = state;
    if (size == 4)
        return bus->config_address;
    if (bus->narrow_ops != NULL)
        return bus->narrow_ops->read(bus->narrow_state, offset, 1);
    return 0xFF;
}

static void pci_address_port_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    struct pci_bus *bus = state;
    if (size == 4)
        bus->config_address = value & PCI_CONFIG_ADDRESS_MASK;
    else if (bus->narrow_ops != NULL)
        bus->narrow_ops->write(bus->narrow_state, offset, 1, value & 0xFFu);
}

/* The function and register the data window reaches now; false when the
 * enable bit is clear or the bus is not 0 (nobody answers). */
static bool pci_data_target(const struct pci_bus *bus, uint8_t *devfn, unsigned *reg)
{
    uint32_t a = bus->config_address;
    if (!(a & PCI_CONFIG_ENABLE) || ((a >> 16) & 0xFFu) != 0)
        return false;
    *devfn = (uint8_t)(a >> 8);
    *reg = a & 0xFCu;
    return true;
}

/* The port bus keeps an access inside CFCh-CFFh (offset + size <= 4). */
static uint32_t pci_data_port_read(void *state, uint32_t offset, unsigned size)
{
    struct pci_bus *bus = state;
    uint8_t devfn;
    unsigned reg;
    if (!pci_data_target(bus, &devfn, &reg))
        return pci_ones(size);
    return pci_config_read(bus, devfn, reg + (offset & 3u), size);
}

static void pci_data_port_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    struct pci_bus *bus = state;
    uint8_t devfn;
    unsigned reg;
    if (pci_data_target(bus, &devfn, &reg))
        pci_config_write(bus, devfn, reg + (offset & 3u), size, value);
}

static const struct io_ops pci_address_ops = {
    .read = pci_address_port_read,
    .write = pci_address_port_write,
    .sizes = IO_SIZE_8 | IO_SIZE_32,
};

static const struct io_ops pci_data_ops = {
    .read = pci_data_port_read,
    .write = pci_data_port_write,
    .sizes = IO_SIZE_8 | IO_SIZE_16 | IO_SIZE_32,
};

bool pci_bus_attach(struct pci_bus *bus, struct port_bus *pb)
{
    if (!ports_register(pb, "pci-config-address", PCI_CONFIG_ADDRESS_PORT, 4,
                        &pci_address_ops, bus))
        return false;
    if (!ports_register(pb, "pci-config-data", PCI_CONFIG_DATA_PORT, 4, &pci_data_ops, bus)) {
        ports_unregister(pb, PCI_CONFIG_ADDRESS_PORT, 4);
        return false;
    }
    return true;
}
