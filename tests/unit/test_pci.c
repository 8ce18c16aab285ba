/*
 * test_pci.c - Check unit tests for PCI bus 0 and configuration
 * mechanism #1 (devices/pci_bus.c), driven through the I/O ports as a
 * guest would: the CF8h address register (dword only, reserved bits),
 * byte/word/dword data accesses at each CFCh-CFFh offset, empty slots,
 * other buses and the enable bit, read-only and write-1-to-clear bits,
 * the command register, BAR sizing for I/O and memory BARs and the
 * bar_moved notifications, multi-function enumeration, the hooks, the
 * narrow CF8h-CFBh accesses handed to another chip, the RST# reset of
 * the standard header, and the expansion ROM BAR.
 */
#include "devices/pci_bus.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "mem/ports.h"
#include "tests/unit/check_main.h"

static struct port_bus *pb;
static struct pci_bus bus;

static void setup(void)
{
    pb = ports_create();
    ck_assert_ptr_nonnull(pb);
    pci_bus_init(&bus);
    ck_assert(pci_bus_attach(&bus, pb));
}

static void teardown(void)
{
    ports_destroy(pb);
}

static uint32_t cfg_addr(unsigned bus_no, unsigned dev, unsigned fn, unsigned reg)
{
    return 0x80000000u | bus_no << 16 | dev << 11 | fn << 8 | (reg & 0xFCu);
}

/* A guest's configuration read: address to CF8h, data at CFCh + reg&3. */
static uint32_t guest_read(unsigned dev, unsigned fn, unsigned reg, unsigned size)
{
    ports_write(pb, 0xCF8, 4, cfg_addr(0, dev, fn, reg));
    return ports_read(pb, (uint16_t)(0xCFC + (reg & 3u)), size);
}

static void guest_write(unsigned dev, unsigned fn, unsigned reg, unsigned size, uint32_t v)
{
    ports_write(pb, 0xCF8, 4, cfg_addr(0, dev, fn, reg));
    ports_write(pb, (uint16_t)(0xCFC + (reg & 3u)), size, v);
}

/* ---- a test function that logs its BAR notifications ---- */

struct moved {
    unsigned bar;
    uint32_t old_addr, new_addr;
};

struct test_fn {
    struct pci_function f;
    struct moved log[16];
    unsigned moves;
    unsigned writes, last_write_off, last_write_size;
};

static void test_bar_moved(void *opaque, struct pci_function *f, unsigned bar, uint32_t old_addr,
                           uint32_t new_addr)
{
    (void)f;
    struct test_fn *t = opaque;
    if (t->moves < 16)
        t->log[t->moves] = (struct moved){ bar, old_addr, new_addr };
    t->moves++;
}

static void test_config_write(void *opaque, struct pci_function *f, unsigned offset,
                              unsigned size)
{
    (void)f;
    struct test_fn *t = opaque;
    t->writes++;
    t->last_write_off = offset;
    t->last_write_size = size;
}

/* Register 40h reads as a counter of reads: a computed register. */
static uint32_t test_config_read(void *opaque, struct pci_function *f, unsigned offset,
                                 unsigned size, uint32_t value)
{
    (void)opaque;
    (void)size;
    if (offset == 0x40) {
        f->config[0x41]++;
        return 0xC0DE0000u | f->config[0x41];
    }
    return value;
}

static void test_fn_init(struct test_fn *t, uint16_t device, uint8_t header)
{
    memset(t, 0, sizeof *t);
    pci_function_init(&t->f, "test", 0x1234, device, 0x05, 0x020000, header);
    t->f.opaque = t;
    t->f.bar_moved = test_bar_moved;
    t->f.config_write = test_config_write;
}

START_TEST(test_address_register)
{
    ports_write(pb, 0xCF8, 4, 0xFFFFFFFFu);
    /* Bits 30:24 and 1:0 are reserved and read 0. */
    ck_assert_uint_eq(ports_read(pb, 0xCF8, 4), 0x80FFFFFCu);
    ports_write(pb, 0xCF8, 4, 0x80001234u);
    ck_assert_uint_eq(ports_read(pb, 0xCF8, 4), 0x80001234u);
    /* Byte and word accesses are not the address register. */
    ports_write(pb, 0xCF8, 1, 0x00);
    ports_write(pb, 0xCFA, 2, 0x0000);
    ck_assert_uint_eq(ports_read(pb, 0xCF8, 4), 0x80001234u);
    ck_assert_uint_eq(ports_read(pb, 0xCF8, 1), 0xFFu);
    ck_assert_uint_eq(ports_read(pb, 0xCF8, 2), 0xFFFFu);
}
END_TEST

START_TEST(test_data_sizes_and_offsets)
{
    struct test_fn t;
    test_fn_init(&t, 0xABCD, 0x00);
    pci_set(&t.f, 0x50, 4, 0x44332211u);
    ck_assert(pci_register_function(&bus, PCI_DEVFN(3, 0), &t.f));

    ck_assert_uint_eq(guest_read(3, 0, 0x00, 4), 0xABCD1234u);
    ck_assert_uint_eq(guest_read(3, 0, 0x00, 2), 0x1234u);
    ck_assert_uint_eq(guest_read(3, 0, 0x02, 2), 0xABCDu);
    ck_assert_uint_eq(guest_read(3, 0, 0x08, 4), 0x02000005u); /* class, revision */
    for (unsigned i = 0; i < 4; i++)
        ck_assert_uint_eq(guest_read(3, 0, 0x50 + i, 1), 0x11u * (i + 1));
    ck_assert_uint_eq(guest_read(3, 0, 0x51, 2), 0x3322u);
    /* A word at CFFh runs past the window: its high byte is not PCI's. */
    ck_assert_uint_eq(guest_read(3, 0, 0x53, 2), 0xFF44u);
    /* The same register byte through an address with any low bits. */
    ports_write(pb, 0xCF8, 4, cfg_addr(0, 3, 0, 0x52) | 2u);
    ck_assert_uint_eq(ports_read(pb, 0xCFE, 1), 0x33u);

    /* Writes of each size land at the right bytes (the line is R/W). */
    guest_write(3, 0, PCI_INTERRUPT_LINE, 1, 0x0B);
    ck_assert_uint_eq(t.f.config[PCI_INTERRUPT_LINE], 0x0Bu);
    ck_assert_uint_eq(t.last_write_off, PCI_INTERRUPT_LINE);
    ck_assert_uint_eq(t.last_write_size, 1);
    guest_write(3, 0, PCI_COMMAND, 2, 0x0001);
    ck_assert_uint_eq(guest_read(3, 0, PCI_COMMAND, 2), 0x0001u);
    guest_write(3, 0, PCI_COMMAND, 4, 0x00000006u);
    ck_assert_uint_eq(guest_read(3, 0, PCI_COMMAND, 2), 0x0006u);
}
END_TEST

START_TEST(test_empty_slots)
{
    struct test_fn t;
    test_fn_init(&t, 0x0001, 0x00);
    ck_assert(pci_register_function(&bus, PCI_DEVFN(0, 0), &t.f));
    ck_assert(!pci_register_function(&bus, PCI_DEVFN(0, 0), &t.f));

    ck_assert_uint_eq(guest_read(5, 0, 0, 4), 0xFFFFFFFFu);
    ck_assert_uint_eq(guest_read(0, 1, 0, 4), 0xFFFFFFFFu);
    ck_assert_uint_eq(guest_read(31, 7, 0xFC, 4), 0xFFFFFFFFu);
    ck_assert_uint_eq(guest_read(5, 0, 2, 2), 0xFFFFu);
    ck_assert_uint_eq(guest_read(5, 0, 3, 1), 0xFFu);
    guest_write(5, 0, 0x3C, 4, 0x12345678u); /* goes nowhere */
    /* Bus 1 does not exist, even at device 0 where bus 0 has one. */
    ports_write(pb, 0xCF8, 4, cfg_addr(1, 0, 0, 0));
    ck_assert_uint_eq(ports_read(pb, 0xCFC, 4), 0xFFFFFFFFu);
    /* With the enable bit clear the data port is not a config access. */
    ports_write(pb, 0xCF8, 4, cfg_addr(0, 0, 0, 0) & 0x7FFFFFFFu);
    ck_assert_uint_eq(ports_read(pb, 0xCFC, 4), 0xFFFFFFFFu);
    ports_write(pb, 0xCFC, 1, 0x00);
    ck_assert_uint_eq(guest_read(0, 0, 0, 4), 0x00011234u);
}
END_TEST

START_TEST(test_read_only_and_w1c)
{
    struct test_fn t;
    test_fn_init(&t, 0x4321, 0x00);
    ck_assert(pci_register_function(&bus, PCI_DEVFN(2, 0), &t.f));

    guest_write(2, 0, 0x00, 4, 0);
    guest_write(2, 0, 0x08, 4, 0xFFFFFFFFu);
    guest_write(2, 0, PCI_HEADER_TYPE, 1, 0x80);
    guest_write(2, 0, 0x60, 4, 0xFFFFFFFFu); /* a register the function lacks */
    ck_assert_uint_eq(guest_read(2, 0, 0x00, 4), 0x43211234u);
    ck_assert_uint_eq(guest_read(2, 0, 0x08, 4), 0x02000005u);
    ck_assert_uint_eq(guest_read(2, 0, PCI_HEADER_TYPE, 1), 0x00u);
    ck_assert_uint_eq(guest_read(2, 0, 0x60, 4), 0u);

    /* The device reports errors; software clears the ones it writes 1 to.
     * DEVSEL timing (bits 10:9) is read-only. */
    pci_set(&t.f, PCI_STATUS, 2, 0xF900u | PCI_STATUS_DEVSEL_MEDIUM);
    guest_write(2, 0, PCI_STATUS, 2, 0x2000 | 0x0600);
    ck_assert_uint_eq(guest_read(2, 0, PCI_STATUS, 2), 0xD900u | PCI_STATUS_DEVSEL_MEDIUM);
    guest_write(2, 0, PCI_STATUS, 1, 0xFF); /* low byte: bit 8 is not in it */
    ck_assert_uint_eq(guest_read(2, 0, PCI_STATUS, 2), 0xD900u | PCI_STATUS_DEVSEL_MEDIUM);
    /* A dword write to 04h: the command half sets, the status half clears. */
    guest_write(2, 0, PCI_COMMAND, 4, 0xFFFF0000u | PCI_COMMAND_MASTER);
    ck_assert_uint_eq(guest_read(2, 0, PCI_COMMAND, 4),
                      (uint32_t)PCI_STATUS_DEVSEL_MEDIUM << 16 | PCI_COMMAND_MASTER);
}
END_TEST

START_TEST(test_command_register)
{
    struct test_fn t;
    test_fn_init(&t, 0x1111, 0x00);
    ck_assert(pci_register_function(&bus, PCI_DEVFN(4, 0), &t.f));
    ck_assert_uint_eq(guest_read(4, 0, PCI_COMMAND, 2), 0u);
    guest_write(4, 0, PCI_COMMAND, 2, 0xFFFF);
    ck_assert_uint_eq(guest_read(4, 0, PCI_COMMAND, 2), 0x0007u);
    guest_write(4, 0, PCI_COMMAND, 1, 0x02);
    ck_assert_uint_eq(guest_read(4, 0, PCI_COMMAND, 2), 0x0002u);
}
END_TEST

START_TEST(test_bar_sizing)
{
    struct test_fn t;
    test_fn_init(&t, 0x2222, 0x00);
    pci_function_set_bar(&t.f, 0, 0x20, true);      /* 32 I/O ports */
    pci_function_set_bar(&t.f, 1, 0x1000, false);   /* 4 KiB memory */
    pci_function_set_bar(&t.f, 2, 0x1000000, false); /* 16 MiB memory */
    pci_function_set_bar(&t.f, 3, 24, true);        /* not a power of two: ignored */
    pci_function_set_bar(&t.f, 6, 16, true);        /* no BAR 6: ignored */
    ck_assert(pci_register_function(&bus, PCI_DEVFN(6, 0), &t.f));

    ck_assert_uint_eq(guest_read(6, 0, 0x10, 4), 0x00000001u);
    ck_assert_uint_eq(guest_read(6, 0, 0x14, 4), 0x00000000u);
    for (unsigned n = 0; n < 6; n++)
        guest_write(6, 0, 0x10 + 4 * n, 4, 0xFFFFFFFFu);
    ck_assert_uint_eq(guest_read(6, 0, 0x10, 4), 0xFFFFFFE1u);
    ck_assert_uint_eq(guest_read(6, 0, 0x14, 4), 0xFFFFF000u);
    ck_assert_uint_eq(guest_read(6, 0, 0x18, 4), 0xFF000000u);
    ck_assert_uint_eq(guest_read(6, 0, 0x1C, 4), 0u);
    ck_assert_uint_eq(guest_read(6, 0, 0x20, 4), 0u);
    ck_assert_uint_eq(guest_read(6, 0, 0x24, 4), 0u);
    /* Decoding is off, so sizing moved nothing. */
    ck_assert_uint_eq(t.moves, 0);

    /* Low bits below the size are dropped; bytes can be written one by one. */
    guest_write(6, 0, 0x10, 4, 0x0000C01Fu);
    ck_assert_uint_eq(guest_read(6, 0, 0x10, 4), 0x0000C001u);
    guest_write(6, 0, 0x14, 4, 0xFEBF0FFFu);
    ck_assert_uint_eq(guest_read(6, 0, 0x14, 4), 0xFEBF0000u);
    guest_write(6, 0, 0x1B, 1, 0xFD);
    ck_assert_uint_eq(guest_read(6, 0, 0x18, 4), 0xFD000000u);
    ck_assert_uint_eq(pci_bar_decode_address(&t.f, 0), PCI_BAR_UNMAPPED);
}
END_TEST

START_TEST(test_bar_moves)
{
    struct test_fn t;
    test_fn_init(&t, 0x3333, 0x00);
    pci_function_set_bar(&t.f, 0, 0x20, true);
    pci_function_set_bar(&t.f, 1, 0x1000, false);
    ck_assert(pci_register_function(&bus, PCI_DEVFN(7, 0), &t.f));

    guest_write(7, 0, 0x10, 4, 0xC000);
    guest_write(7, 0, 0x14, 4, 0xFEBF0000u);
    ck_assert_uint_eq(t.moves, 0);
    /* I/O enable maps the I/O BAR only. */
    guest_write(7, 0, PCI_COMMAND, 2, PCI_COMMAND_IO);
    ck_assert_uint_eq(t.moves, 1);
    ck_assert_uint_eq(t.log[0].bar, 0);
    ck_assert_uint_eq(t.log[0].old_addr, PCI_BAR_UNMAPPED);
    ck_assert_uint_eq(t.log[0].new_addr, 0xC000u);
    /* Memory enable too: now BAR 1; BAR 0 unchanged says nothing. */
    guest_write(7, 0, PCI_COMMAND, 2, PCI_COMMAND_IO | PCI_COMMAND_MEMORY);
    ck_assert_uint_eq(t.moves, 2);
    ck_assert_uint_eq(t.log[1].bar, 1);
    ck_assert_uint_eq(t.log[1].new_addr, 0xFEBF0000u);
    /* Moving the I/O BAR. */
    guest_write(7, 0, 0x10, 4, 0xC100);
    ck_assert_uint_eq(t.moves, 3);
    ck_assert_uint_eq(t.log[2].old_addr, 0xC000u);
    ck_assert_uint_eq(t.log[2].new_addr, 0xC100u);
    /* Rewriting the same value is no move. */
    guest_write(7, 0, 0x10, 4, 0xC100);
    ck_assert_uint_eq(t.moves, 3);
    /* Sizing a live memory BAR: all ones would sit under the BIOS flash at
     * the top of 4 GiB, so it decodes nowhere until it is written back. */
    guest_write(7, 0, 0x14, 4, 0xFFFFFFFFu);
    ck_assert_uint_eq(t.moves, 4);
    ck_assert_uint_eq(t.log[3].new_addr, PCI_BAR_UNMAPPED);
    guest_write(7, 0, 0x14, 4, 0xFEBF0000u);
    ck_assert_uint_eq(t.moves, 5);
    ck_assert_uint_eq(t.log[4].new_addr, 0xFEBF0000u);
    /* An I/O window past 64 KiB does not decode. */
    guest_write(7, 0, 0x10, 4, 0x10000);
    ck_assert_uint_eq(t.moves, 6);
    ck_assert_uint_eq(t.log[5].new_addr, PCI_BAR_UNMAPPED);
    guest_write(7, 0, 0x10, 4, 0xC100);
    ck_assert_uint_eq(t.moves, 7);
    /* Disabling both unmaps both, BAR order. */
    guest_write(7, 0, PCI_COMMAND, 2, 0);
    ck_assert_uint_eq(t.moves, 9);
    ck_assert_uint_eq(t.log[7].bar, 0);
    ck_assert_uint_eq(t.log[7].old_addr, 0xC100u);
    ck_assert_uint_eq(t.log[7].new_addr, PCI_BAR_UNMAPPED);
    ck_assert_uint_eq(t.log[8].bar, 1);
    ck_assert_uint_eq(t.log[8].new_addr, PCI_BAR_UNMAPPED);
    ck_assert_uint_eq(t.f.bars[0].mapped, PCI_BAR_UNMAPPED);
}
END_TEST

/* What a firmware's bus scan finds: function 0 of each slot, and
 * functions 1-7 only where function 0's header type says multi-function. */
static unsigned enumerate(uint8_t *found, unsigned max)
{
    unsigned n = 0;
    for (unsigned dev = 0; dev < 32; dev++) {
        if (guest_read(dev, 0, 0, 2) == 0xFFFF)
            continue;
        unsigned fns = guest_read(dev, 0, PCI_HEADER_TYPE, 1) & 0x80u ? 8 : 1;
        for (unsigned fn = 0; fn < fns; fn++)
            if (guest_read(dev, fn, 0, 2) != 0xFFFF && n < max)
                found[n++] = PCI_DEVFN(dev, fn);
    }
    return n;
}

START_TEST(test_multifunction_enumeration)
{
    struct test_fn a0, a1, a5, b0, b2;
    test_fn_init(&a0, 0xA000, PCI_HEADER_MULTIFUNCTION);
    test_fn_init(&a1, 0xA001, 0x00);
    test_fn_init(&a5, 0xA005, 0x00);
    test_fn_init(&b0, 0xB000, 0x00);
    test_fn_init(&b2, 0xB002, 0x00); /* behind a single-function fn 0 */
    ck_assert(pci_register_function(&bus, PCI_DEVFN(1, 0), &a0.f));
    ck_assert(pci_register_function(&bus, PCI_DEVFN(1, 1), &a1.f));
    ck_assert(pci_register_function(&bus, PCI_DEVFN(1, 5), &a5.f));
    ck_assert(pci_register_function(&bus, PCI_DEVFN(9, 0), &b0.f));
    ck_assert(pci_register_function(&bus, PCI_DEVFN(9, 2), &b2.f));

    uint8_t found[16];
    unsigned n = enumerate(found, 16);
    ck_assert_uint_eq(n, 4);
    ck_assert_uint_eq(found[0], PCI_DEVFN(1, 0));
    ck_assert_uint_eq(found[1], PCI_DEVFN(1, 1));
    ck_assert_uint_eq(found[2], PCI_DEVFN(1, 5));
    ck_assert_uint_eq(found[3], PCI_DEVFN(9, 0));
    ck_assert_uint_eq(guest_read(1, 5, 0, 4), 0xA0051234u);
    /* The header type register is read-only, multi-function bit too. */
    guest_write(1, 0, PCI_HEADER_TYPE, 1, 0);
    ck_assert_uint_eq(guest_read(1, 0, PCI_HEADER_TYPE, 1), 0x80u);
}
END_TEST

START_TEST(test_hooks)
{
    struct test_fn t;
    test_fn_init(&t, 0x5555, 0x00);
    t.f.config_read = test_config_read;
    ck_assert(pci_register_function(&bus, PCI_DEVFN(8, 3), &t.f));
    ck_assert_uint_eq(guest_read(8, 3, 0x40, 4), 0xC0DE0001u);
    ck_assert_uint_eq(guest_read(8, 3, 0x40, 4), 0xC0DE0002u);
    ck_assert_uint_eq(guest_read(8, 3, 0x40, 2), 0x0003u); /* masked to the size */
    ck_assert_uint_eq(guest_read(8, 3, 0x00, 4), 0x55551234u);
    t.writes = 0;
    guest_write(8, 3, 0x7E, 2, 0xFFFF); /* read-only bytes: still a write */
    ck_assert_uint_eq(t.writes, 1);
    ck_assert_uint_eq(t.last_write_off, 0x7E);
    ck_assert_uint_eq(t.last_write_size, 2);
    /* Firmware-style access refuses what crosses a dword. */
    ck_assert_uint_eq(pci_config_read(&bus, PCI_DEVFN(8, 3), 0x03, 2), 0xFFFFu);
    ck_assert_uint_eq(pci_config_read(&bus, PCI_DEVFN(8, 3), 0x02, 4), 0xFFFFFFFFu);
    ck_assert_uint_eq(pci_config_read(&bus, PCI_DEVFN(8, 3), 0x100, 1), 0xFFu);
    pci_config_write(&bus, PCI_DEVFN(8, 3), 0x3E, 4, 0);
    ck_assert_uint_eq(t.writes, 1);
    ck_assert_uint_eq(pci_config_read(&bus, PCI_DEVFN(8, 3), 0x02, 2), 0x5555u);
}
END_TEST

/* ---- the narrow accesses at CF8h-CFBh ---- */

struct narrow_log {
    char dir[8];
    uint32_t off[8];
    uint32_t val[8];
    unsigned n;
};

static uint32_t narrow_read(void *state, uint32_t offset, unsigned size)
{
    (void)size;
    struct narrow_log *l = state;
    if (l->n < 8) {
        l->dir[l->n] = 'r';
        l->off[l->n] = offset;
        l->val[l->n] = 0;
    }
    l->n++;
    return 0x40 + offset;
}

static void narrow_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)size;
    struct narrow_log *l = state;
    if (l->n < 8) {
        l->dir[l->n] = 'w';
        l->off[l->n] = offset;
        l->val[l->n] = value;
    }
    l->n++;
}

static const struct io_ops narrow_ops = { narrow_read, narrow_write, IO_SIZE_8 };

START_TEST(test_narrow_cf8_accesses)
{
    struct narrow_log l = { .n = 0 };
    pci_bus_set_narrow_cf8(&bus, &narrow_ops, &l);
    ports_write(pb, 0xCF8, 4, 0x80000800u);
    ck_assert_uint_eq(l.n, 0);
    ports_write(pb, 0xCF9, 1, 0x06);
    ck_assert_uint_eq(l.n, 1);
    ck_assert_int_eq(l.dir[0], 'w');
    ck_assert_uint_eq(l.off[0], 1);
    ck_assert_uint_eq(l.val[0], 0x06);
    ck_assert_uint_eq(ports_read(pb, 0xCF9, 1), 0x41u);
    ck_assert_uint_eq(ports_read(pb, 0xCF8, 2), 0x4140u);
    ck_assert_uint_eq(l.n, 4);
    ports_write(pb, 0xCFA, 2, 0x1234);
    ck_assert_uint_eq(l.n, 6);
    ck_assert_uint_eq(l.off[4], 2);
    ck_assert_uint_eq(l.val[4], 0x34);
    ck_assert_uint_eq(l.off[5], 3);
    ck_assert_uint_eq(l.val[5], 0x12);
    /* The address register did not change. */
    ck_assert_uint_eq(ports_read(pb, 0xCF8, 4), 0x80000800u);
    pci_bus_set_narrow_cf8(&bus, NULL, NULL);
    ck_assert_uint_eq(ports_read(pb, 0xCF9, 1), 0xFFu);
}
END_TEST

START_TEST(test_reset_header)
{
    struct test_fn t;
    test_fn_init(&t, 0x6666, 0x00);
    pci_function_set_bar(&t.f, 0, 0x100, true);
    pci_function_set_bar(&t.f, 5, 0x10000, false);
    /* A hard-wired command bit and a latency timer this function has. */
    pci_set(&t.f, PCI_COMMAND, 2, 0x0100);
    pci_set_wmask(&t.f, PCI_LATENCY_TIMER, 1, 0xF8);
    ck_assert(pci_register_function(&bus, PCI_DEVFN(10, 0), &t.f));
    guest_write(10, 0, 0x10, 4, 0xD000);
    guest_write(10, 0, 0x24, 4, 0xFE000000u);
    guest_write(10, 0, PCI_LATENCY_TIMER, 1, 0x40);
    guest_write(10, 0, PCI_INTERRUPT_LINE, 1, 11);
    guest_write(10, 0, PCI_COMMAND, 2, PCI_COMMAND_IO | PCI_COMMAND_MEMORY);
    ck_assert_uint_eq(t.moves, 2);
    pci_set(&t.f, PCI_STATUS, 2, 0x8000);

    pci_function_reset_header(&t.f);
    ck_assert_uint_eq(t.moves, 4);
    ck_assert_uint_eq(t.log[2].bar, 0);
    ck_assert_uint_eq(t.log[2].old_addr, 0xD000u);
    ck_assert_uint_eq(t.log[2].new_addr, PCI_BAR_UNMAPPED);
    ck_assert_uint_eq(t.log[3].bar, 5);
    ck_assert_uint_eq(t.log[3].old_addr, 0xFE000000u);
    ck_assert_uint_eq(guest_read(10, 0, PCI_COMMAND, 4), 0x00000100u);
    ck_assert_uint_eq(guest_read(10, 0, 0x10, 4), 0x00000001u);
    ck_assert_uint_eq(guest_read(10, 0, 0x24, 4), 0u);
    ck_assert_uint_eq(guest_read(10, 0, PCI_LATENCY_TIMER, 1), 0u);
    ck_assert_uint_eq(guest_read(10, 0, PCI_INTERRUPT_LINE, 1), 0u);
    ck_assert_uint_eq(guest_read(10, 0, 0x00, 4), 0x66661234u);
    /* Its BAR sizes survive: sizing still works. */
    guest_write(10, 0, 0x24, 4, 0xFFFFFFFFu);
    ck_assert_uint_eq(guest_read(10, 0, 0x24, 4), 0xFFFF0000u);
}
END_TEST

START_TEST(test_rom_bar)
{
    struct test_fn none, t, small;
    test_fn_init(&none, 0x7770, 0x00);
    test_fn_init(&t, 0x7771, 0x00);
    test_fn_init(&small, 0x7772, 0x00);
    pci_function_set_rom(&t.f, 0x10000);      /* 64 KiB */
    pci_function_set_rom(&small.f, 0x400);    /* below 2 KiB: ignored */
    pci_function_set_rom(&small.f, 0x3000);   /* not a power of two: ignored */
    ck_assert(pci_register_function(&bus, PCI_DEVFN(11, 0), &none.f));
    ck_assert(pci_register_function(&bus, PCI_DEVFN(12, 0), &t.f));
    ck_assert(pci_register_function(&bus, PCI_DEVFN(13, 0), &small.f));

    /* Without a ROM, 30h is read-only 0; with one, sizing reads back the
     * size mask in bits 31:11 plus the enable bit (PCI 2.1, 6.2.5.2). */
    guest_write(11, 0, PCI_ROM_ADDRESS, 4, 0xFFFFFFFFu);
    ck_assert_uint_eq(guest_read(11, 0, PCI_ROM_ADDRESS, 4), 0u);
    guest_write(13, 0, PCI_ROM_ADDRESS, 4, 0xFFFFFFFFu);
    ck_assert_uint_eq(guest_read(13, 0, PCI_ROM_ADDRESS, 4), 0u);
    ck_assert_uint_eq(guest_read(12, 0, PCI_ROM_ADDRESS, 4), 0u);
    guest_write(12, 0, PCI_ROM_ADDRESS, 4, 0xFFFFFFFEu);
    ck_assert_uint_eq(guest_read(12, 0, PCI_ROM_ADDRESS, 4), 0xFFFF0000u);
    guest_write(12, 0, PCI_ROM_ADDRESS, 4, 0xFFFFFFFFu);
    ck_assert_uint_eq(guest_read(12, 0, PCI_ROM_ADDRESS, 4), 0xFFFF0001u);
    ck_assert_uint_eq(t.moves, 0); /* memory decoding is off */

    /* The smallest ROM: 2 KiB keeps bits 31:11. */
    struct test_fn two_k;
    test_fn_init(&two_k, 0x7773, 0x00);
    pci_function_set_rom(&two_k.f, 0x800);
    ck_assert(pci_register_function(&bus, PCI_DEVFN(14, 0), &two_k.f));
    guest_write(14, 0, PCI_ROM_ADDRESS, 4, 0xFFFFFFFFu);
    ck_assert_uint_eq(guest_read(14, 0, PCI_ROM_ADDRESS, 4), 0xFFFFF801u);

    /* Decoding needs the enable bit and the command's memory bit both. */
    guest_write(12, 0, PCI_ROM_ADDRESS, 4, 0xFEB00000u);
    guest_write(12, 0, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);
    ck_assert_uint_eq(t.moves, 0);
    ck_assert_uint_eq(pci_bar_decode_address(&t.f, PCI_ROM_BAR), PCI_BAR_UNMAPPED);
    guest_write(12, 0, PCI_ROM_ADDRESS, 4, 0xFEB0FFFFu); /* low bits dropped, enable set */
    ck_assert_uint_eq(guest_read(12, 0, PCI_ROM_ADDRESS, 4), 0xFEB00001u);
    ck_assert_uint_eq(t.moves, 1);
    ck_assert_uint_eq(t.log[0].bar, PCI_ROM_BAR);
    ck_assert_uint_eq(t.log[0].old_addr, PCI_BAR_UNMAPPED);
    ck_assert_uint_eq(t.log[0].new_addr, 0xFEB00000u);
    ck_assert_uint_eq(t.f.rom.mapped, 0xFEB00000u);
    /* Moving it. */
    guest_write(12, 0, PCI_ROM_ADDRESS + 2, 2, 0xFEC0);
    ck_assert_uint_eq(t.moves, 2);
    ck_assert_uint_eq(t.log[1].old_addr, 0xFEB00000u);
    ck_assert_uint_eq(t.log[1].new_addr, 0xFEC00000u);
    /* Memory decoding off unmaps it; on again maps it back. */
    guest_write(12, 0, PCI_COMMAND, 2, 0);
    ck_assert_uint_eq(t.moves, 3);
    ck_assert_uint_eq(t.log[2].new_addr, PCI_BAR_UNMAPPED);
    guest_write(12, 0, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);
    ck_assert_uint_eq(t.moves, 4);
    ck_assert_uint_eq(t.log[3].new_addr, 0xFEC00000u);
    /* Clearing the enable bit alone unmaps it too. */
    guest_write(12, 0, PCI_ROM_ADDRESS, 1, 0x00);
    ck_assert_uint_eq(t.moves, 5);
    ck_assert_uint_eq(t.log[4].bar, PCI_ROM_BAR);
    ck_assert_uint_eq(t.log[4].new_addr, PCI_BAR_UNMAPPED);
    ck_assert_uint_eq(guest_read(12, 0, PCI_ROM_ADDRESS, 4), 0xFEC00000u);

    /* RST# clears the register and reports the unmapping. */
    guest_write(12, 0, PCI_ROM_ADDRESS, 1, 0x01);
    ck_assert_uint_eq(t.moves, 6);
    pci_function_reset_header(&t.f);
    ck_assert_uint_eq(t.moves, 7);
    ck_assert_uint_eq(t.log[6].bar, PCI_ROM_BAR);
    ck_assert_uint_eq(t.log[6].old_addr, 0xFEC00000u);
    ck_assert_uint_eq(t.log[6].new_addr, PCI_BAR_UNMAPPED);
    ck_assert_uint_eq(guest_read(12, 0, PCI_ROM_ADDRESS, 4), 0u);
    guest_write(12, 0, PCI_ROM_ADDRESS, 4, 0xFFFFFFFFu);
    ck_assert_uint_eq(guest_read(12, 0, PCI_ROM_ADDRESS, 4), 0xFFFF0001u);
}
END_TEST

START_TEST(test_attach_refused)
{
    struct pci_bus other;
    pci_bus_init(&other);
    ck_assert(!pci_bus_attach(&other, pb));
}
END_TEST

static Suite *pci_suite(void)
{
    Suite *s = suite_create("pci");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_address_register);
    tcase_add_test(tc, test_data_sizes_and_offsets);
    tcase_add_test(tc, test_empty_slots);
    tcase_add_test(tc, test_read_only_and_w1c);
    tcase_add_test(tc, test_command_register);
    tcase_add_test(tc, test_bar_sizing);
    tcase_add_test(tc, test_bar_moves);
    tcase_add_test(tc, test_multifunction_enumeration);
    tcase_add_test(tc, test_hooks);
    tcase_add_test(tc, test_narrow_cf8_accesses);
    tcase_add_test(tc, test_reset_header);
    tcase_add_test(tc, test_rom_bar);
    tcase_add_test(tc, test_attach_refused);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(pci_suite(), CK_ENV);
}
