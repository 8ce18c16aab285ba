/*
 * test_phys_code.c - Check unit tests for the self-modifying-code support
 * of the physical address space (mem/phys.c, the contract in mem/phys.h):
 * code-chunk marks on RAM, ROM, MMIO and mixed pages, the code-write hook
 * and what it is told, and aliases, which share their store's marks (and
 * cannot hold marks when misaligned).  The rest of the space is tested in
 * test_phys.c.
 */
#include "tests/unit/phys_fixture.h"

#include <string.h>

#include "tests/unit/check_main.h"

/* ---- a recording code-write hook */

struct hook_log {
    struct phys_space *ps;
    bool clear; /* behave like the block cache: clear the page */
    unsigned calls;
    uint32_t addr[16];
    unsigned len[16];
};

static void hook_fn(void *opaque, uint32_t addr, unsigned len)
{
    struct hook_log *h = opaque;
    if (h->calls < 16) {
        h->addr[h->calls] = addr;
        h->len[h->calls] = len;
    }
    h->calls++;
    if (h->clear) {
        phys_clear_code_page(h->ps, addr);
        phys_clear_code_page(h->ps, addr + len - 1);
    }
}

/* ---- code marks and the hook */

START_TEST(test_code_hook)
{
    struct hook_log h = { .ps = ps };
    struct phys_region *ram = phys_add_ram(ps, "ram", 0, 0x10000, 0);
    ck_assert_ptr_nonnull(ram);
    phys_set_code_write_hook(ps, hook_fn, &h);
    ck_assert(phys_mark_code(ps, 0x1000, 16)); /* chunk 0 of page 1 */
    ck_assert_uint_eq(ram->code_bits[1], 1);

    phys_write8(ps, 0x1040, 1); /* chunk 1, same page: no call */
    phys_write32(ps, 0x1100, 1);
    phys_write8(ps, 0x0FFF, 1); /* previous page */
    ck_assert_uint_eq(h.calls, 0);

    phys_write8(ps, 0x1008, 0x90);
    ck_assert_uint_eq(h.calls, 1);
    ck_assert_uint_eq(h.addr[0], 0x1008);
    ck_assert_uint_eq(h.len[0], 1);
    ck_assert_uint_eq(ram->host[0x1008], 0x90); /* stored before the call */

    /* This hook leaves the marks: the next write reports again. */
    phys_write32(ps, 0x103E, 0xAABBCCDD); /* chunks 0 and 1 */
    ck_assert_uint_eq(h.calls, 2);
    ck_assert_uint_eq(h.addr[1], 0x103E);
    ck_assert_uint_eq(h.len[1], 4);
    /* Straddling into the page from below: only the byte on it reports. */
    phys_write16(ps, 0x0FFF, 0x1234);
    ck_assert_uint_eq(h.calls, 3);
    ck_assert_uint_eq(h.addr[2], 0x1000);
    ck_assert_uint_eq(h.len[2], 1);

    ck_assert_ptr_null(phys_host_ptr(ps, 0x1800, true));
    ck_assert_ptr_eq(phys_host_ptr(ps, 0x1800, false), ram->host + 0x1800);

    /* A hook that clears the page hears about the first write only. */
    h.clear = true;
    phys_write8(ps, 0x1001, 0);
    phys_write8(ps, 0x1002, 0);
    ck_assert_uint_eq(h.calls, 4);
    ck_assert_uint_eq(ram->code_bits[1], 0);
    ck_assert_ptr_eq(phys_host_ptr(ps, 0x1800, true), ram->host + 0x1800);

    /* Marks across a page boundary; a block write reports per page piece. */
    h.calls = 0;
    h.clear = false;
    ck_assert(phys_mark_code(ps, 0x2FF0, 0x20));
    ck_assert_uint_eq(ram->code_bits[2], UINT64_C(1) << 63);
    ck_assert_uint_eq(ram->code_bits[3], 1);
    uint8_t buf[0x300];
    memset(buf, 0x55, sizeof buf);
    phys_write_block(ps, 0x2E00, buf, 0x300);
    ck_assert_uint_eq(h.calls, 2);
    ck_assert_uint_eq(h.addr[0], 0x2E00);
    ck_assert_uint_eq(h.len[0], 0x200);
    ck_assert_uint_eq(h.addr[1], 0x3000);
    ck_assert_uint_eq(h.len[1], 0x100);
    phys_write_block(ps, 0x3040, buf, 0x100); /* unmarked chunks */
    ck_assert_uint_eq(h.calls, 2);
}
END_TEST

START_TEST(test_mark_code_kinds)
{
    struct test_dev dev;
    dev_fill(&dev);
    struct hook_log h = { .ps = ps };
    struct phys_region *ram = phys_add_ram(ps, "ram", 0, 0x10000, 0);
    ck_assert_ptr_nonnull(phys_add_rom(ps, "rom", 0xF0000, 0x10000, 0, NULL, 0));
    ck_assert_ptr_nonnull(phys_add_mmio(ps, "dev", 0xE0000, 0x100, 0, &dev_ops8, &dev));
    phys_set_code_write_hook(ps, hook_fn, &h);

    ck_assert(phys_mark_code(ps, 0xFFFF0, 16));   /* ROM: yes, nothing marked */
    phys_write8(ps, 0xFFFF0, 0);
    ck_assert_uint_eq(h.calls, 0);
    ck_assert(!phys_mark_code(ps, 0xE0000, 4));   /* MMIO */
    ck_assert(!phys_mark_code(ps, 0x80000, 4));   /* unmapped */
    /* RAM running into a hole: refused, and nothing left marked. */
    ck_assert(!phys_mark_code(ps, 0xFFF0, 0x20));
    ck_assert_uint_eq(ram->code_bits[15], 0);
    ck_assert(phys_mark_code(ps, 0x10, 0));

    /* With A20 closed the marks and the report use masked addresses. */
    phys_set_a20(ps, false);
    ck_assert(phys_mark_code(ps, 0x100200, 1));
    ck_assert_uint_eq(ram->code_bits[0], UINT64_C(1) << 8);
    phys_write8(ps, 0x100200, 7);
    ck_assert_uint_eq(h.calls, 1);
    ck_assert_uint_eq(h.addr[0], 0x200);
    phys_clear_code_page(ps, 0x100FFF);
    ck_assert_uint_eq(ram->code_bits[0], 0);
}
END_TEST

START_TEST(test_code_mixed_page)
{
    struct hook_log h = { .ps = ps };
    struct phys_region *ram = phys_add_ram(ps, "ram", 0, 0x10000, 0);
    ck_assert_ptr_nonnull(phys_add_rom(ps, "rom", 0x8000, 0x800, 1, NULL, 0));
    phys_set_code_write_hook(ps, hook_fn, &h);
    ck_assert(phys_mark_code(ps, 0x87F0, 0x20)); /* ROM then RAM */
    ck_assert_uint_eq(ram->code_bits[8], UINT64_C(1) << 32);
    phys_write8(ps, 0x87F0, 0);                   /* ROM: ignored */
    phys_write8(ps, 0x8840, 0);                   /* unmarked RAM chunk */
    ck_assert_uint_eq(h.calls, 0);
    phys_write8(ps, 0x8805, 0);
    ck_assert_uint_eq(h.calls, 1);
    ck_assert_uint_eq(h.addr[0], 0x8805);
    phys_clear_code_page(ps, 0x8000);
    ck_assert_uint_eq(ram->code_bits[8], 0);
}
END_TEST

/* ---- aliases share their store's marks */

START_TEST(test_alias)
{
    struct hook_log h = { .ps = ps };
    struct phys_region *ram = phys_add_ram(ps, "ram", 0, 0x20000, 0);
    struct phys_region *al = phys_add_alias(ps, "hi", 0x100000, ram, 0x10000, 0x10000, 0);
    ck_assert_ptr_nonnull(al);
    ck_assert_int_eq(al->kind, PHYS_RAM);
    ck_assert_ptr_eq(al->host, ram->host + 0x10000);
    ck_assert_ptr_eq(al->code_bits, ram->code_bits + 0x10);

    phys_write16(ps, 0x100010, 0xCAFE);
    ck_assert_uint_eq(phys_read16(ps, 0x10010), 0xCAFE);
    phys_write8(ps, 0x1FFFF, 0x3C);
    ck_assert_uint_eq(phys_read8(ps, 0x10FFFF), 0x3C);
    ck_assert_ptr_eq(phys_host_ptr(ps, 0x100010, false), ram->host + 0x10010);

    /* Marked through one view, written through the other: both views
     * are reported, in region order. */
    phys_set_code_write_hook(ps, hook_fn, &h);
    ck_assert(phys_mark_code(ps, 0x10000, 1));
    phys_write8(ps, 0x100000, 1);
    ck_assert_uint_eq(h.calls, 2);
    ck_assert_uint_eq(h.addr[0], 0x10000);
    ck_assert_uint_eq(h.addr[1], 0x100000);
    ck_assert(phys_mark_code(ps, 0x100100, 1));
    phys_write8(ps, 0x10100, 1);
    ck_assert_uint_eq(h.calls, 4);
    ck_assert_uint_eq(h.addr[2], 0x10100);
    ck_assert_uint_eq(h.addr[3], 0x100100);
    /* Bytes the alias does not show report only the target's address. */
    ck_assert(phys_mark_code(ps, 0x100, 1));
    phys_write8(ps, 0x100, 1);
    ck_assert_uint_eq(h.calls, 5);
    ck_assert_uint_eq(h.addr[4], 0x100);
}
END_TEST

START_TEST(test_alias_misaligned)
{
    struct hook_log h = { .ps = ps };
    struct phys_region *ram = phys_add_ram(ps, "ram", 0, 0x2000, 0);
    struct phys_region *al = phys_add_alias(ps, "odd", 0x200000, ram, 0x10, 0x1000, 0);
    ck_assert_ptr_nonnull(al);
    ck_assert_ptr_null(al->code_bits);
    phys_write8(ps, 0x200000, 0x42);
    ck_assert_uint_eq(phys_read8(ps, 0x10), 0x42);
    phys_write16(ps, 0x1000, 0xBEEF); /* store page 1, alias page 0 */
    ck_assert_uint_eq(phys_read16(ps, 0x200FF0), 0xBEEF);
    ck_assert_ptr_null(phys_host_ptr(ps, 0x200000, false));
    ck_assert(!phys_mark_code(ps, 0x200000, 1));

    /* Marks made through the target still catch writes via the alias. */
    phys_set_code_write_hook(ps, hook_fn, &h);
    ck_assert(phys_mark_code(ps, 0x10, 1));
    phys_write8(ps, 0x200000, 0x43);
    ck_assert_uint_eq(h.calls, 1);
    ck_assert_uint_eq(h.addr[0], 0x10);
    ck_assert_uint_eq(h.len[0], 1);
    /* A write crossing a store page through the alias is checked too. */
    ck_assert(phys_mark_code(ps, 0x1000, 1));
    phys_write32(ps, 0x200FEE, 0);
    ck_assert_uint_eq(h.calls, 2);
    ck_assert_uint_eq(h.addr[1], 0xFFE);
    ck_assert_uint_eq(h.len[1], 4);
}
END_TEST

static Suite *phys_suite(void)
{
    Suite *s = suite_create("phys_code");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_code_hook);
    tcase_add_test(tc, test_mark_code_kinds);
    tcase_add_test(tc, test_code_mixed_page);
    tcase_add_test(tc, test_alias);
    tcase_add_test(tc, test_alias_misaligned);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(phys_suite(), CK_ENV); /* CK_VERBOSITY picks the detail */
}
