/*
 * test_phys.c - Check unit tests for the physical address space
 * (mem/phys.c, mem/phys_map.c): region lookup and priorities, moving,
 * disabling and removing regions, MMIO access splitting, accesses that
 * straddle pages and regions, unmapped accesses, the A20 gate and the
 * bus-width mask, ROM, host pointers, block copies and bad arguments.
 * Code-chunk marks, the code-write hook and the aliases that share marks
 * are in test_phys_code.c.
 *
 * The MMIO test device (io_log_fixture.h) keeps 256 bytes of registers
 * and logs every callback, so a test can check exactly which sizes and
 * offsets the bus produced and in which order.
 */
#include "tests/unit/phys_fixture.h"

#include <stdio.h>
#include <string.h>

#include "tests/unit/check_main.h"

/* ---- lookup and priorities */

START_TEST(test_ram_basic)
{
    struct phys_region *r = phys_add_ram(ps, "low", 0, 0xA0000, 0);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(r->kind, PHYS_RAM);
    ck_assert_uint_eq(r->base, 0);
    ck_assert_uint_eq(r->size, 0xA0000);
    ck_assert(r->enabled);
    ck_assert_ptr_nonnull(r->host);
    ck_assert_ptr_nonnull(r->code_bits);

    ck_assert_uint_eq(phys_read32(ps, 0x1234), 0); /* zero-filled */
    phys_write32(ps, 0x1000, 0x11223344);
    ck_assert_uint_eq(phys_read8(ps, 0x1000), 0x44);
    ck_assert_uint_eq(phys_read8(ps, 0x1003), 0x11);
    ck_assert_uint_eq(phys_read16(ps, 0x1001), 0x2233);
    ck_assert_uint_eq(r->host[0x1000], 0x44); /* little-endian in the store */
    phys_write16(ps, 0x2001, 0xBEEF);
    ck_assert_uint_eq(phys_read32(ps, 0x2000), 0x00BEEF00);
    phys_write8(ps, 0x9FFFF, 0x7E);
    ck_assert_uint_eq(phys_read8(ps, 0x9FFFF), 0x7E);
    ck_assert_uint_eq(phys_read8(ps, 0xA0000), 0xFF); /* past the end */
    ck_assert_uint_eq(phys_unmapped_reads(ps), 1);
}
END_TEST

START_TEST(test_priority)
{
    static const uint8_t image[] = { 'A', 'B', 'C', 'D' };
    struct phys_region *ram = phys_add_ram(ps, "ram", 0, 0x100000, 0);
    struct phys_region *rom = phys_add_rom(ps, "bios", 0xF0000, 0x10000, 1, image, 4);
    ck_assert_ptr_nonnull(ram);
    ck_assert_ptr_nonnull(rom);
    ram->host[0xF0000] = 0x99;
    ck_assert_uint_eq(phys_read8(ps, 0xF0000), 'A');
    ck_assert_uint_eq(phys_read32(ps, 0xF0000), 0x44434241);
    ck_assert_uint_eq(phys_read8(ps, 0xF0004), 0xFF); /* image padding */
    ck_assert_uint_eq(phys_read8(ps, 0xEFFFF), 0);

    /* Added later but lower priority: stays hidden. */
    struct phys_region *low = phys_add_ram(ps, "low", 0xF0000, 0x1000, 0);
    ck_assert_ptr_nonnull(low);
    ck_assert_uint_eq(phys_read8(ps, 0xF0000), 'A');
    /* Higher priority: wins. */
    struct phys_region *high = phys_add_ram(ps, "high", 0xF8000, 0x1000, 2);
    ck_assert_ptr_nonnull(high);
    phys_write8(ps, 0xF8000, 0x5A);
    ck_assert_uint_eq(high->host[0], 0x5A);
    ck_assert_uint_eq(phys_read8(ps, 0xF8000), 0x5A);
    ck_assert_uint_eq(phys_read8(ps, 0xF9000), 0xFF); /* ROM again */
}
END_TEST

START_TEST(test_order)
{
    struct phys_region *a = phys_add_ram(ps, "a", 0, 0x4000, 3);
    struct phys_region *b = phys_add_ram(ps, "b", 0x2000, 0x4000, 3);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_lt(a->serial, b->serial);
    phys_write8(ps, 0x2000, 0x42);
    ck_assert_uint_eq(b->host[0], 0x42); /* equal priority: later wins */
    ck_assert_uint_eq(a->host[0x2000], 0);
    phys_write8(ps, 0x1FFF, 0x43);
    ck_assert_uint_eq(a->host[0x1FFF], 0x43);
}
END_TEST

START_TEST(test_move)
{
    struct test_dev dev;
    dev_fill(&dev);
    struct phys_region *ram = phys_add_ram(ps, "ram", 0, 0x100000, 0);
    struct phys_region *io = phys_add_mmio(ps, "dev", 0xA0000, 0x1000, 1, &dev_ops_all, &dev);
    ck_assert_ptr_nonnull(io);
    ram->host[0xA0000] = 0x11;
    ram->host[0xB0000] = 0x22;
    ck_assert_uint_eq(phys_read8(ps, 0xA0000), 0xA0);
    ck_assert_uint_eq(phys_read8(ps, 0xB0000), 0x22);

    phys_move(ps, io, 0xB0000);
    ck_assert_uint_eq(io->base, 0xB0000);
    ck_assert_uint_eq(phys_read8(ps, 0xA0000), 0x11); /* RAM re-exposed */
    ck_assert_uint_eq(phys_read8(ps, 0xB0004), 0xA4);
    ck_assert_ptr_eq(phys_host_ptr(ps, 0xA0000, false), ram->host + 0xA0000);
    ck_assert_ptr_null(phys_host_ptr(ps, 0xB0000, false));

    /* A move off the end of the space is refused. */
    phys_move(ps, io, 0xFFFFF800);
    ck_assert_uint_eq(io->base, 0xB0000);
}
END_TEST

START_TEST(test_disable_remove)
{
    struct phys_region *ram = phys_add_ram(ps, "ram", 0, 0x10000, 0);
    struct phys_region *rom = phys_add_rom(ps, "opt", 0x8000, 0x800, 1, NULL, 0);
    ck_assert_ptr_nonnull(rom);
    ram->host[0x8000] = 0x33;
    ck_assert_uint_eq(phys_read8(ps, 0x8000), 0xFF);
    ck_assert_ptr_null(phys_host_ptr(ps, 0x8000, false)); /* mixed page */

    phys_set_enabled(ps, rom, false);
    ck_assert(!rom->enabled);
    ck_assert_uint_eq(phys_read8(ps, 0x8000), 0x33);
    ck_assert_ptr_eq(phys_host_ptr(ps, 0x8000, false), ram->host + 0x8000);
    phys_set_enabled(ps, rom, true);
    ck_assert_uint_eq(phys_read8(ps, 0x8000), 0xFF);

    phys_remove(ps, rom);
    ck_assert_uint_eq(phys_read8(ps, 0x8000), 0x33);
    ck_assert_ptr_eq(phys_host_ptr(ps, 0x8000, true), ram->host + 0x8000);
    phys_remove(ps, ram);
    ck_assert_uint_eq(phys_read8(ps, 0x8000), 0xFF);
}
END_TEST

START_TEST(test_mixed_page)
{
    static const uint8_t blank[0x800] = { 0 };
    struct phys_region *ram = phys_add_ram(ps, "ram", 0, 0x10000, 0);
    struct phys_region *rom = phys_add_rom(ps, "rom", 0x8000, 0x800, 1, blank, sizeof blank);
    ck_assert_ptr_nonnull(rom);
    memset(rom->host, 0x11, 0x800);
    phys_write16(ps, 0x8800, 0x2322);
    ck_assert_uint_eq(ram->host[0x8800], 0x22);
    /* One read over the region boundary, inside one page. */
    ck_assert_uint_eq(phys_read32(ps, 0x87FE), 0x23221111);
    phys_write32(ps, 0x87FE, 0xDDCCBBAA);
    ck_assert_uint_eq(rom->host[0x7FE], 0x11); /* ROM kept */
    ck_assert_uint_eq(ram->host[0x8800], 0xCC);
    ck_assert_uint_eq(ram->host[0x8801], 0xDD);
    ck_assert_uint_eq(ram->host[0x87FE], 0);   /* hidden RAM untouched */
    ck_assert_uint_eq(phys_read8(ps, 0x8FFF), 0);
}
END_TEST

/* ---- MMIO splitting */

START_TEST(test_mmio_split8)
{
    struct test_dev dev;
    dev_fill(&dev);
    ck_assert_ptr_nonnull(phys_add_mmio(ps, "dev", 0xE0000, 0x100, 0, &dev_ops8, &dev));
    ck_assert_uint_eq(phys_read32(ps, 0xE0004), 0xA7A6A5A4);
    ck_assert_uint_eq(dev.calls, 4);
    for (unsigned i = 0; i < 4; i++)
        check_call(&dev, i, 'r', 4 + i, 1, 0xA4 + i);

    dev.calls = 0;
    phys_write32(ps, 0xE0010, 0x44332211);
    ck_assert_uint_eq(dev.calls, 4);
    for (unsigned i = 0; i < 4; i++)
        check_call(&dev, i, 'w', 0x10 + i, 1, 0x11 * (i + 1));

    dev.calls = 0;
    ck_assert_uint_eq(phys_read16(ps, 0xE0011), 0x3322);
    ck_assert_uint_eq(dev.calls, 2);
    check_call(&dev, 0, 'r', 0x11, 1, 0x22);
    check_call(&dev, 1, 'r', 0x12, 1, 0x33);
}
END_TEST

START_TEST(test_mmio_split16)
{
    struct test_dev dev;
    dev_fill(&dev);
    ck_assert_ptr_nonnull(phys_add_mmio(ps, "dev", 0xE0000, 0x100, 0, &dev_ops16, &dev));
    ck_assert_uint_eq(phys_read32(ps, 0xE0008), 0xABAAA9A8);
    ck_assert_uint_eq(dev.calls, 2);
    check_call(&dev, 0, 'r', 8, 2, 0xA9A8);
    check_call(&dev, 1, 'r', 10, 2, 0xABAA);

    dev.calls = 0;
    phys_write32(ps, 0xE0020, 0x44332211);
    ck_assert_uint_eq(dev.calls, 2);
    check_call(&dev, 0, 'w', 0x20, 2, 0x2211);
    check_call(&dev, 1, 'w', 0x22, 2, 0x4433);

    /* Narrower than accepted: one wider access at the aligned offset. */
    dev.calls = 0;
    ck_assert_uint_eq(phys_read8(ps, 0xE0003), 0xA3);
    ck_assert_uint_eq(dev.calls, 1);
    check_call(&dev, 0, 'r', 2, 2, 0xA3A2);
    dev.calls = 0;
    phys_write8(ps, 0xE0005, 0x5A);
    ck_assert_uint_eq(dev.calls, 1);
    check_call(&dev, 0, 'w', 4, 2, 0x5A00);
}
END_TEST

START_TEST(test_mmio_split32)
{
    struct test_dev dev;
    dev_fill(&dev);
    ck_assert_ptr_nonnull(phys_add_mmio(ps, "all", 0xE0000, 0x100, 0, &dev_ops_all, &dev));
    ck_assert_ptr_nonnull(phys_add_mmio(ps, "w32", 0xE1000, 0x100, 0, &dev_ops32, &dev));
    ck_assert_uint_eq(phys_read32(ps, 0xE0004), 0xA7A6A5A4);
    ck_assert_uint_eq(dev.calls, 1);
    check_call(&dev, 0, 'r', 4, 4, 0xA7A6A5A4);

    dev.calls = 0;
    ck_assert_uint_eq(phys_read16(ps, 0xE1006), 0xA7A6);
    ck_assert_uint_eq(dev.calls, 1);
    check_call(&dev, 0, 'r', 4, 4, 0xA7A6A5A4);

    /* Across a 32-bit boundary: two bytes, each widened. */
    dev.calls = 0;
    ck_assert_uint_eq(phys_read16(ps, 0xE1007), 0xA8A7);
    ck_assert_uint_eq(dev.calls, 2);
    check_call(&dev, 0, 'r', 4, 4, 0xA7A6A5A4);
    check_call(&dev, 1, 'r', 8, 4, 0xABAAA9A8);
}
END_TEST

START_TEST(test_mmio_alias)
{
    struct test_dev dev;
    dev_fill(&dev);
    struct phys_region *io = phys_add_mmio(ps, "dev", 0xE0000, 0x100, 0, &dev_ops_all, &dev);
    struct phys_region *al = phys_add_alias(ps, "dev2", 0xD0000, io, 0x10, 0x20, 0);
    ck_assert_ptr_nonnull(al);
    ck_assert_int_eq(al->kind, PHYS_MMIO);
    ck_assert_uint_eq(phys_read8(ps, 0xD0001), 0xB1);
    check_call(&dev, 0, 'r', 0x11, 1, 0xB1);
    ck_assert_uint_eq(phys_read8(ps, 0xD0020), 0xFF); /* past the alias */
}
END_TEST

/* ---- straddling and unmapped */

START_TEST(test_straddle_regions)
{
    struct test_dev dev;
    dev_fill(&dev);
    struct phys_region *ram = phys_add_ram(ps, "ram", 0, 0x1000, 0);
    ck_assert_ptr_nonnull(phys_add_mmio(ps, "dev", 0x1000, 0x1000, 0, &dev_ops_all, &dev));
    phys_write32(ps, 0xFFE, 0x44332211);
    ck_assert_uint_eq(ram->host[0xFFE], 0x11);
    ck_assert_uint_eq(ram->host[0xFFF], 0x22);
    ck_assert_uint_eq(dev.calls, 2);
    check_call(&dev, 0, 'w', 0, 1, 0x33);
    check_call(&dev, 1, 'w', 1, 1, 0x44);
    ck_assert_uint_eq(phys_read32(ps, 0xFFE), 0x44332211);

    /* Two RAM regions back to back, each with its own store. */
    struct phys_region *hi = phys_add_ram(ps, "hi", 0x2000, 0x1000, 0);
    struct phys_region *hi2 = phys_add_ram(ps, "hi2", 0x3000, 0x1000, 0);
    ck_assert_ptr_nonnull(hi2);
    phys_write32(ps, 0x2FFE, 0xDDCCBBAA);
    ck_assert_uint_eq(hi->host[0xFFF], 0xBB);
    ck_assert_uint_eq(hi2->host[0], 0xCC);
    ck_assert_uint_eq(hi2->host[1], 0xDD);
    ck_assert_uint_eq(phys_read32(ps, 0x2FFE), 0xDDCCBBAA);
    ck_assert_uint_eq(phys_read16(ps, 0x2FFF), 0xCCBB);
}
END_TEST

START_TEST(test_unmapped)
{
    ck_assert_uint_eq(phys_read8(ps, 0x1234), 0xFF);
    ck_assert_uint_eq(phys_read16(ps, 0x1234), 0xFFFF);
    ck_assert_uint_eq(phys_read32(ps, 0x1234), 0xFFFFFFFF);
    ck_assert_uint_eq(phys_read32(ps, 0xFFFFFFFE), 0xFFFFFFFF);
    ck_assert_uint_eq(phys_unmapped_reads(ps), 3 + 4); /* the last one went as 4 bytes */
    phys_write8(ps, 0x10, 1);
    phys_write16(ps, 0x10, 1);
    phys_write32(ps, 0x10, 1);
    ck_assert_uint_eq(phys_unmapped_writes(ps), 3);

    /* Half RAM, half hole: only the hole's bytes count. */
    struct phys_region *ram = phys_add_ram(ps, "ram", 0, 0x1000, 0);
    ck_assert_ptr_nonnull(ram);
    phys_write16(ps, 0xFFE, 0x1234);
    ck_assert_uint_eq(phys_read32(ps, 0xFFE), 0xFFFF1234);
    ck_assert_uint_eq(phys_unmapped_reads(ps), 9);
    phys_write32(ps, 0xFFE, 0);
    ck_assert_uint_eq(phys_unmapped_writes(ps), 5);
    ck_assert_ptr_null(phys_host_ptr(ps, 0x1000, false));
}
END_TEST

START_TEST(test_top_of_space)
{
    static const uint8_t image[4] = { 1, 2, 3, 4 };
    struct phys_region *ram = phys_add_ram(ps, "ram", 0, 0x1000, 0);
    struct phys_region *rom = phys_add_rom(ps, "top", 0xFFFFF000, 0x1000, 0, image, 4);
    ck_assert_ptr_nonnull(rom);
    rom->host[0xFFE] = 0x77;
    rom->host[0xFFF] = 0x88;
    ram->host[0] = 0x99;
    ram->host[1] = 0xAA;
    /* An access at the very top wraps to address 0. */
    ck_assert_uint_eq(phys_read32(ps, 0xFFFFFFFE), 0xAA998877);
    ck_assert_uint_eq(phys_read32(ps, 0xFFFFF000), 0x04030201);
}
END_TEST

/* ---- the address mask */

START_TEST(test_a20)
{
    struct phys_region *ram = phys_add_ram(ps, "ram", 0, 0x200000, 0);
    ck_assert_ptr_nonnull(ram);
    ck_assert(phys_a20(ps)); /* open at creation */
    phys_write8(ps, 0x000000, 0xAA);
    phys_write8(ps, 0x100000, 0xBB);
    ck_assert_uint_eq(phys_read8(ps, 0x100000), 0xBB);
    ck_assert_uint_eq(phys_mask(ps, 0x1FFFFF), 0x1FFFFF);

    phys_set_a20(ps, false);
    ck_assert(!phys_a20(ps));
    ck_assert_uint_eq(phys_mask(ps, 0x1FFFFF), 0x0FFFFF);
    ck_assert_uint_eq(phys_read8(ps, 0x100000), 0xAA);
    phys_write8(ps, 0x100001, 0xCC);
    ck_assert_uint_eq(ram->host[1], 0xCC);
    ck_assert_uint_eq(ram->host[0x100001], 0);
    /* A word at FFFF:000F wraps to 0 like an 8086. */
    ram->host[0xFFFFF] = 0x12;
    ck_assert_uint_eq(phys_read16(ps, 0xFFFFF), 0xAA12);
    ck_assert_uint_eq(phys_read32(ps, 0xFFFFF), 0x00CCAA12);
    ck_assert_uint_eq(phys_read8(ps, 0x1FFFFF), 0x12);
    uint8_t buf[3];
    phys_read_block(ps, 0xFFFFF, buf, 3);
    ck_assert_uint_eq(buf[0], 0x12);
    ck_assert_uint_eq(buf[1], 0xAA);
    ck_assert_uint_eq(buf[2], 0xCC);

    phys_set_a20(ps, true);
    ck_assert_uint_eq(phys_read8(ps, 0x100000), 0xBB);
    ck_assert_uint_eq(phys_read16(ps, 0xFFFFF), 0xBB12);
}
END_TEST

START_TEST(test_addr24)
{
    struct phys_region *ram = phys_add_ram(ps, "ram", 0, 0x100000, 0);
    ck_assert_ptr_nonnull(ram);
    phys_set_addr_bits(ps, 24);
    phys_write8(ps, 0, 0x5A);
    ck_assert_uint_eq(phys_read8(ps, 0x1000000), 0x5A);
    ck_assert_uint_eq(phys_read8(ps, 0xFF000000), 0x5A);
    ck_assert_uint_eq(phys_mask(ps, 0xFFFFFFFF), 0xFFFFFF);
    phys_set_a20(ps, false);
    ck_assert_uint_eq(phys_mask(ps, 0xFFFFFFFF), 0xEFFFFF);
    phys_set_a20(ps, true);
    phys_set_addr_bits(ps, 32);
    ck_assert_uint_eq(phys_read8(ps, 0x1000000), 0xFF);
}
END_TEST

/* ---- aliases, ROM, host pointers */

START_TEST(test_alias_outlives_target)
{
    struct phys_region *ram = phys_add_ram(ps, "ram", 0, 0x1000, 0);
    struct phys_region *al = phys_add_alias(ps, "al", 0x8000, ram, 0, 0x1000, 0);
    struct phys_region *al2 = phys_add_alias(ps, "al2", 0x9000, al, 0x800, 0x800, 0);
    ck_assert_ptr_nonnull(al2);
    phys_write8(ps, 0x800, 0x61);
    phys_remove(ps, ram);
    ck_assert_uint_eq(phys_read8(ps, 0x800), 0xFF);
    ck_assert_uint_eq(phys_read8(ps, 0x8800), 0x61);
    ck_assert_uint_eq(phys_read8(ps, 0x9000), 0x61);
    phys_write8(ps, 0x9001, 0x62);
    ck_assert_uint_eq(phys_read8(ps, 0x8801), 0x62);
    phys_remove(ps, al);
    ck_assert_uint_eq(phys_read8(ps, 0x9001), 0x62);
}
END_TEST

START_TEST(test_rom)
{
    static const uint8_t image[3] = { 0xEA, 0x5B, 0xE0 };
    struct phys_region *rom = phys_add_rom(ps, "bios", 0xF0000, 0x10000, 0, image, 3);
    struct phys_region *hi = phys_add_alias(ps, "bios-hi", 0xFFFF0000, rom, 0, 0x10000, 0);
    ck_assert_ptr_nonnull(hi);
    ck_assert_int_eq(rom->kind, PHYS_ROM);
    ck_assert_ptr_null(rom->code_bits);
    ck_assert_uint_eq(phys_read32(ps, 0xF0000), 0xFFE05BEA);
    ck_assert_uint_eq(phys_read32(ps, 0xFFFF0000), 0xFFE05BEA);
    phys_write8(ps, 0xF0000, 0);
    phys_write16(ps, 0xFFFF0001, 0);
    phys_write32(ps, 0xF0000, 0);
    uint8_t zeros[8] = { 0 };
    phys_write_block(ps, 0xEFFFC, zeros, 8);
    ck_assert_uint_eq(phys_read32(ps, 0xF0000), 0xFFE05BEA);
    ck_assert_uint_eq(phys_unmapped_writes(ps), 4); /* the 4 bytes below the ROM */
    ck_assert_ptr_eq(phys_host_ptr(ps, 0xFFFF0002, false), rom->host + 2);
    ck_assert_ptr_null(phys_host_ptr(ps, 0xF0000, true));
}
END_TEST

START_TEST(test_host_ptr)
{
    struct test_dev dev;
    dev_fill(&dev);
    struct phys_region *ram = phys_add_ram(ps, "ram", 0, 0x10000, 0);
    ck_assert_ptr_nonnull(phys_add_mmio(ps, "dev", 0x10000, 0x1000, 0, &dev_ops8, &dev));
    uint8_t *p = phys_host_ptr(ps, 0x1234, true);
    ck_assert_ptr_eq(p, ram->host + 0x1234);
    p[0] = 0x21;
    p[1] = 0x43;
    ck_assert_uint_eq(phys_read16(ps, 0x1234), 0x4321);
    ck_assert_ptr_null(phys_host_ptr(ps, 0x10000, false));
    ck_assert_ptr_null(phys_host_ptr(ps, 0x20000, false));
    phys_set_addr_bits(ps, 24);
    ck_assert_ptr_eq(phys_host_ptr(ps, 0x3001234, false), ram->host + 0x1234);
}
END_TEST

START_TEST(test_blocks)
{
    struct test_dev dev;
    dev_fill(&dev);
    struct phys_region *ram = phys_add_ram(ps, "ram", 0, 0x1000, 0);
    ck_assert_ptr_nonnull(phys_add_mmio(ps, "dev", 0x1000, 0x10, 0, &dev_ops_all, &dev));
    uint8_t src[40], dst[40];
    for (unsigned i = 0; i < sizeof src; i++)
        src[i] = (uint8_t)i;
    phys_write_block(ps, 0xFF0, src, sizeof src);
    ck_assert_mem_eq(ram->host + 0xFF0, src, 16);
    ck_assert_mem_eq(dev.regs, src + 16, 16);
    ck_assert_uint_eq(dev.calls, 16);
    ck_assert_uint_eq(phys_unmapped_writes(ps), 8);
    phys_read_block(ps, 0xFF0, dst, sizeof dst);
    ck_assert_mem_eq(dst, src, 32);
    for (unsigned i = 32; i < 40; i++)
        ck_assert_uint_eq(dst[i], 0xFF);
}
END_TEST

START_TEST(test_bad_arguments)
{
    struct test_dev dev;
    static const uint8_t image[16] = { 0 };
    dev_fill(&dev);
    ck_assert_ptr_null(phys_add_ram(ps, "zero", 0, 0, 0));
    ck_assert_ptr_null(phys_add_ram(ps, "over", 0xFFFFF000, 0x2000, 0));
    ck_assert_ptr_null(phys_add_rom(ps, "long", 0, 8, 0, image, 16));
    ck_assert_ptr_null(phys_add_mmio(ps, "noops", 0, 8, 0, NULL, &dev));
    struct phys_region *ram = phys_add_ram(ps, "ram", 0, 0x1000, 0);
    ck_assert_ptr_null(phys_add_alias(ps, "past", 0x8000, ram, 0x800, 0x1000, 0));
    ck_assert_ptr_null(phys_add_alias(ps, "far", 0x8000, ram, 0x2000, 1, 0));
    ck_assert_ptr_nonnull(phys_add_ram(ps, "top", 0xFFFFF000, 0x1000, 0));
}
END_TEST

START_TEST(test_big_ram)
{
    const uint64_t size = UINT64_C(0xE0000000); /* 3.5 GiB */
    struct phys_region *ram = phys_add_ram(ps, "ram", 0, size, 0);
    if (ram == NULL) {
        /* Allowed by the contract when the host cannot give that much. */
        fprintf(stderr, "test_big_ram: 3.5 GiB not available, skipped\n");
        return;
    }
    ck_assert_ptr_nonnull(phys_add_rom(ps, "bios", 0xFFFF0000, 0x10000, 0, NULL, 0));
    phys_write32(ps, 0xDFFFFFFC, 0x01020304);
    ck_assert_uint_eq(phys_read32(ps, 0xDFFFFFFC), 0x01020304);
    ck_assert_uint_eq(phys_read32(ps, 0xDFFFFFFE), 0xFFFF0102);
    ck_assert_uint_eq(phys_read8(ps, 0xFFFFFFFF), 0xFF);
    ck_assert(phys_mark_code(ps, 0xDFFFFFC0, 64));
    ck_assert_uint_eq(ram->code_bits[(size >> PHYS_PAGE_SHIFT) - 1], UINT64_C(1) << 63);
    phys_set_enabled(ps, ram, false);
    ck_assert_uint_eq(phys_read8(ps, 0x1000), 0xFF);
    phys_set_enabled(ps, ram, true);
    ck_assert_uint_eq(phys_read8(ps, 0xDFFFFFFF), 0x01);
}
END_TEST

static Suite *phys_suite(void)
{
    Suite *s = suite_create("phys");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_ram_basic);
    tcase_add_test(tc, test_priority);
    tcase_add_test(tc, test_order);
    tcase_add_test(tc, test_move);
    tcase_add_test(tc, test_disable_remove);
    tcase_add_test(tc, test_mixed_page);
    tcase_add_test(tc, test_mmio_split8);
    tcase_add_test(tc, test_mmio_split16);
    tcase_add_test(tc, test_mmio_split32);
    tcase_add_test(tc, test_mmio_alias);
    tcase_add_test(tc, test_straddle_regions);
    tcase_add_test(tc, test_unmapped);
    tcase_add_test(tc, test_top_of_space);
    tcase_add_test(tc, test_a20);
    tcase_add_test(tc, test_addr24);
    tcase_add_test(tc, test_alias_outlives_target);
    tcase_add_test(tc, test_rom);
    tcase_add_test(tc, test_host_ptr);
    tcase_add_test(tc, test_blocks);
    tcase_add_test(tc, test_bad_arguments);
    tcase_add_test(tc, test_big_ram);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(phys_suite(), CK_ENV); /* CK_VERBOSITY picks the detail */
}
