/*
 * test_ports.c - Check unit tests for the I/O port bus (mem/ports.c):
 * routing by offset, splitting of wide accesses per declared sizes (each
 * piece going to whatever owns its port), widening for devices that take
 * only wider accesses, unmapped ports, refused overlaps, unregistering,
 * and the wrap of port numbers from 0xFFFF to 0.
 *
 * The test device (io_log_fixture.h) keeps 16 bytes of registers and logs
 * every callback.
 */
#include "mem/ports.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/io_log_fixture.h"
#include "tests/unit/check_main.h"

/* A byte device that returns junk above bit 7: the bus must mask it. */
static uint32_t sloppy_read(void *state, uint32_t offset, unsigned size)
{
    (void)state;
    (void)offset;
    (void)size;
    return 0xDEADBE42;
}

static const struct io_ops ops8 = { dev_read, dev_write, 0 };
static const struct io_ops ops16 = { dev_read, dev_write, IO_SIZE_16 };
static const struct io_ops ops32 = { dev_read, dev_write, IO_SIZE_32 };
static const struct io_ops ops_all = { dev_read, dev_write, IO_SIZE_8 | IO_SIZE_16 | IO_SIZE_32 };
static const struct io_ops ops_sloppy = { sloppy_read, dev_write, IO_SIZE_8 };

static void dev_init(struct test_dev *d, uint8_t first)
{
    test_dev_init(d, 16, first);
}

static struct port_bus *pb;

static void setup(void)
{
    pb = ports_create();
    ck_assert_ptr_nonnull(pb);
}

static void teardown(void)
{
    ports_destroy(pb);
    pb = NULL;
}

START_TEST(test_basic)
{
    struct test_dev d;
    dev_init(&d, 0x10);
    ck_assert(ports_register(pb, "kbd", 0x60, 5, &ops_all, &d));
    ck_assert_uint_eq(ports_read(pb, 0x64, 1), 0x14);
    check_call(&d, 0, 'r', 4, 1, 0x14);
    ports_write(pb, 0x61, 1, 0x1FF); /* bits above the size are dropped */
    check_call(&d, 1, 'w', 1, 1, 0xFF);
    ck_assert_uint_eq(ports_read(pb, 0x62, 2), 0x1312);
    check_call(&d, 2, 'r', 2, 2, 0x1312);
    ck_assert_uint_eq(ports_unmapped_reads(pb), 0);
    ck_assert_uint_eq(ports_unmapped_writes(pb), 0);
}
END_TEST

START_TEST(test_split_byte_device)
{
    struct test_dev d;
    dev_init(&d, 0x20);
    ck_assert(ports_register(pb, "dev", 0x100, 8, &ops8, &d));
    ck_assert_uint_eq(ports_read(pb, 0x101, 2), 0x2221);
    ck_assert_uint_eq(d.calls, 2);
    check_call(&d, 0, 'r', 1, 1, 0x21);
    check_call(&d, 1, 'r', 2, 1, 0x22);

    d.calls = 0;
    ck_assert_uint_eq(ports_read(pb, 0x104, 4), 0x27262524);
    ck_assert_uint_eq(d.calls, 4);
    for (unsigned i = 0; i < 4; i++)
        check_call(&d, i, 'r', 4 + i, 1, 0x24 + i);

    d.calls = 0;
    ports_write(pb, 0x100, 4, 0x44332211);
    ck_assert_uint_eq(d.calls, 4);
    for (unsigned i = 0; i < 4; i++)
        check_call(&d, i, 'w', i, 1, 0x11 * (i + 1));
}
END_TEST

START_TEST(test_split_word_device)
{
    struct test_dev d;
    dev_init(&d, 0x30);
    ck_assert(ports_register(pb, "dev", 0x1F0, 8, &ops16, &d));
    ck_assert_uint_eq(ports_read(pb, 0x1F0, 4), 0x33323130);
    ck_assert_uint_eq(d.calls, 2);
    check_call(&d, 0, 'r', 0, 2, 0x3130);
    check_call(&d, 1, 'r', 2, 2, 0x3332);

    d.calls = 0;
    ports_write(pb, 0x1F4, 4, 0xDDCCBBAA);
    ck_assert_uint_eq(d.calls, 2);
    check_call(&d, 0, 'w', 4, 2, 0xBBAA);
    check_call(&d, 1, 'w', 6, 2, 0xDDCC);
}
END_TEST

START_TEST(test_split_owners)
{
    struct test_dev a, b;
    dev_init(&a, 0x40);
    dev_init(&b, 0x50);
    ck_assert(ports_register(pb, "a", 0x70, 1, &ops_all, &a));
    ck_assert(ports_register(pb, "b", 0x71, 1, &ops_all, &b));
    /* A accepts 16 bits, but the second byte belongs to B. */
    ck_assert_uint_eq(ports_read(pb, 0x70, 2), 0x5040);
    check_call(&a, 0, 'r', 0, 1, 0x40);
    check_call(&b, 0, 'r', 0, 1, 0x50);
    ports_write(pb, 0x70, 2, 0xBEEF);
    check_call(&a, 1, 'w', 0, 1, 0xEF);
    check_call(&b, 1, 'w', 0, 1, 0xBE);
    ck_assert_uint_eq(a.calls, 2);
    ck_assert_uint_eq(b.calls, 2);
}
END_TEST

START_TEST(test_partly_unmapped)
{
    struct test_dev d;
    dev_init(&d, 0x60);
    ck_assert(ports_register(pb, "post", 0x80, 1, &ops_all, &d));
    ck_assert_uint_eq(ports_read(pb, 0x80, 2), 0xFF60);
    ck_assert_uint_eq(ports_unmapped_reads(pb), 1);
    ck_assert_uint_eq(ports_read(pb, 0x7F, 4), 0xFFFF60FF);
    ck_assert_uint_eq(ports_unmapped_reads(pb), 3); /* 0x7F alone, 0x81-0x82 as one */
    ports_write(pb, 0x80, 2, 0x1234);
    check_call(&d, 2, 'w', 0, 1, 0x34);
    ck_assert_uint_eq(ports_unmapped_writes(pb), 1);
}
END_TEST

START_TEST(test_unmapped)
{
    ck_assert_uint_eq(ports_read(pb, 0x300, 1), 0xFF);
    ck_assert_uint_eq(ports_read(pb, 0x300, 2), 0xFFFF);
    ck_assert_uint_eq(ports_read(pb, 0x300, 4), 0xFFFFFFFF);
    ck_assert_uint_eq(ports_unmapped_reads(pb), 3);
    ports_write(pb, 0x300, 1, 0);
    ports_write(pb, 0x300, 2, 0);
    ports_write(pb, 0x300, 4, 0);
    ck_assert_uint_eq(ports_unmapped_writes(pb), 3);
}
END_TEST

START_TEST(test_overlap_refused)
{
    struct test_dev a, b;
    dev_init(&a, 0);
    dev_init(&b, 0x80);
    ck_assert(ports_register(pb, "com1", 0x3F8, 8, &ops8, &a));
    ck_assert(!ports_register(pb, "clash", 0x3FC, 8, &ops8, &b));
    ck_assert(!ports_register(pb, "inside", 0x3F9, 1, &ops8, &b));
    ck_assert(!ports_register(pb, "cover", 0x3F0, 0x20, &ops8, &b));
    /* Nothing of a refused range was taken. */
    ck_assert_uint_eq(ports_read(pb, 0x400, 1), 0xFF);
    ck_assert(ports_register(pb, "after", 0x400, 4, &ops8, &b));
    ck_assert_uint_eq(ports_read(pb, 0x400, 1), 0x80);
    ck_assert_uint_eq(ports_read(pb, 0x3FF, 1), 0x07);
    ck_assert_uint_eq(b.calls, 1);

    ck_assert(!ports_register(pb, "empty", 0x500, 0, &ops8, &b));
    ck_assert(!ports_register(pb, "off-end", 0xFFFF, 2, &ops8, &b));
    ck_assert(!ports_register(pb, "huge", 0x10, 0xFFFFFFFFu, &ops8, &b));
    ck_assert(!ports_register(pb, "no-ops", 0x600, 1, NULL, &b));
    ck_assert(ports_register(pb, "last", 0xFFFF, 1, &ops8, &b));
}
END_TEST

START_TEST(test_unregister)
{
    struct test_dev a, b;
    dev_init(&a, 0x10);
    dev_init(&b, 0x90);
    ck_assert(ports_register(pb, "a", 0x40, 4, &ops8, &a));
    ports_unregister(pb, 0x40, 4);
    ck_assert_uint_eq(ports_read(pb, 0x40, 1), 0xFF);
    ck_assert(ports_register(pb, "b", 0x42, 4, &ops8, &b));
    ck_assert_uint_eq(ports_read(pb, 0x42, 1), 0x90);
    ck_assert_uint_eq(a.calls, 0);

    /* Partial unregister: the rest stays routed with its offsets. */
    ports_unregister(pb, 0x42, 2);
    ck_assert_uint_eq(ports_read(pb, 0x44, 2), 0x9392);
    ck_assert_uint_eq(ports_read(pb, 0x43, 2), 0x92FF);

    /* Slots are reused: many cycles do not run out. */
    for (unsigned i = 0; i < 100000; i++) {
        ck_assert(ports_register(pb, "cycle", 0x1000, 2, &ops8, &a));
        ports_unregister(pb, 0x1000, 2);
    }
}
END_TEST

START_TEST(test_wrap)
{
    struct test_dev hi, lo;
    dev_init(&hi, 0xA0);
    dev_init(&lo, 0xB0);
    ck_assert(ports_register(pb, "hi", 0xFFFF, 1, &ops8, &hi));
    ck_assert(ports_register(pb, "lo", 0x0000, 1, &ops8, &lo));
    ck_assert_uint_eq(ports_read(pb, 0xFFFF, 2), 0xB0A0);
    check_call(&hi, 0, 'r', 0, 1, 0xA0);
    check_call(&lo, 0, 'r', 0, 1, 0xB0);
    ck_assert_uint_eq(ports_read(pb, 0xFFFE, 4), 0xFFB0A0FF);
    ck_assert_uint_eq(ports_unmapped_reads(pb), 2);
    ports_write(pb, 0xFFFF, 2, 0x1234);
    check_call(&hi, 2, 'w', 0, 1, 0x34);
    check_call(&lo, 2, 'w', 0, 1, 0x12);
}
END_TEST

START_TEST(test_widen)
{
    struct test_dev w, d;
    dev_init(&w, 0xC0);
    dev_init(&d, 0xD0);
    ck_assert(ports_register(pb, "vbe", 0x1CE, 2, &ops16, &w));
    ck_assert(ports_register(pb, "w32", 0xCF8, 8, &ops32, &d));
    /* A byte from a 16-bit-only device: one 16-bit read, aligned. */
    ck_assert_uint_eq(ports_read(pb, 0x1CF, 1), 0xC1);
    ck_assert_uint_eq(w.calls, 1);
    check_call(&w, 0, 'r', 0, 2, 0xC1C0);
    ports_write(pb, 0x1CF, 1, 0x5A);
    check_call(&w, 1, 'w', 0, 2, 0x5A00);
    /* 16 bits at the last port: the upper byte is unmapped. */
    ck_assert_uint_eq(ports_read(pb, 0x1CF, 2), 0xFF5A);

    ck_assert_uint_eq(ports_read(pb, 0xCFA, 2), 0xD3D2);
    check_call(&d, 0, 'r', 0, 4, 0xD3D2D1D0);
    ck_assert_uint_eq(ports_read(pb, 0xCFD, 1), 0xD5);
    check_call(&d, 1, 'r', 4, 4, 0xD7D6D5D4);
    /* Across the 32-bit boundary: two bytes, each widened. */
    d.calls = 0;
    ck_assert_uint_eq(ports_read(pb, 0xCFB, 2), 0xD4D3);
    ck_assert_uint_eq(d.calls, 2);
    check_call(&d, 0, 'r', 0, 4, 0xD3D2D1D0);
    check_call(&d, 1, 'r', 4, 4, 0xD7D6D5D4);
}
END_TEST

START_TEST(test_masking_and_sizes)
{
    struct test_dev d;
    dev_init(&d, 0);
    ck_assert(ports_register(pb, "sloppy", 0x90, 2, &ops_sloppy, &d));
    ck_assert_uint_eq(ports_read(pb, 0x90, 1), 0x42);
    ck_assert_uint_eq(ports_read(pb, 0x90, 2), 0x4242);
    /* Sizes other than 1, 2 and 4 read as all ones and reach no device. */
    ck_assert_uint_eq(ports_read(pb, 0x90, 3), 0xFFFFFFFF);
    ports_write(pb, 0x90, 8, 0);
    ck_assert_uint_eq(d.calls, 0);
}
END_TEST

static Suite *ports_suite(void)
{
    Suite *s = suite_create("ports");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_basic);
    tcase_add_test(tc, test_split_byte_device);
    tcase_add_test(tc, test_split_word_device);
    tcase_add_test(tc, test_split_owners);
    tcase_add_test(tc, test_partly_unmapped);
    tcase_add_test(tc, test_unmapped);
    tcase_add_test(tc, test_overlap_refused);
    tcase_add_test(tc, test_unregister);
    tcase_add_test(tc, test_wrap);
    tcase_add_test(tc, test_widen);
    tcase_add_test(tc, test_masking_and_sizes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(ports_suite(), CK_ENV); /* CK_VERBOSITY picks the detail */
}
