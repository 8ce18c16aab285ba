/*
 * phys_fixture.h - what the physical address space tests (test_phys.c,
 * test_phys_code.c) share: a fresh space per test, and the logging test
 * device of io_log_fixture.h as an MMIO device with 256 registers, under
 * each set of declared access sizes.  Only header-static helpers: each
 * test program includes it once.
 */
#ifndef SOFTPC_TESTS_PHYS_FIXTURE_H
#define SOFTPC_TESTS_PHYS_FIXTURE_H

#include "mem/phys.h"

#include <check.h>
#include <stdlib.h>

#include "tests/unit/io_log_fixture.h"

static const struct io_ops dev_ops8 = { dev_read, dev_write, 0 };
static const struct io_ops dev_ops16 = { dev_read, dev_write, IO_SIZE_16 };
static const struct io_ops dev_ops32 = { dev_read, dev_write, IO_SIZE_32 };
static const struct io_ops dev_ops_all = { dev_read, dev_write,
                                           IO_SIZE_8 | IO_SIZE_16 | IO_SIZE_32 };

/* 256 registers holding A0h, A1h, ... */
static inline void dev_fill(struct test_dev *d)
{
    test_dev_init(d, 256, 0xA0);
}

static struct phys_space *ps;

static inline void setup(void)
{
    ps = phys_create();
    ck_assert_ptr_nonnull(ps);
}

static inline void teardown(void)
{
    phys_destroy(ps);
    ps = NULL;
}

#endif
