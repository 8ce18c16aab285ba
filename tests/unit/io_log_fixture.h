/*
 * io_log_fixture.h - a test device for the bus tests (test_ports.c,
 * test_phys.c, test_phys_code.c): a bank of byte registers behind
 * io_ops callbacks that logs every call (direction, offset, size, value),
 * so a test can check exactly which sizes and offsets the bus produced and
 * in which order.  Registers wrap at the bank size the test picks (16 for
 * a port device, 256 for an MMIO one); the first 64 calls are logged, the
 * rest only counted.  Only header-static helpers: each test program
 * includes it once.
 */
#ifndef SOFTPC_TESTS_IO_LOG_FIXTURE_H
#define SOFTPC_TESTS_IO_LOG_FIXTURE_H

#include <check.h>
#include <stdint.h>
#include <string.h>

#include "mem/io_ops.h"

#define TEST_DEV_LOG 64

struct io_call {
    char dir; /* 'r' or 'w' */
    uint32_t offset;
    unsigned size;
    uint32_t value;
};

struct test_dev {
    uint8_t regs[256];
    unsigned reg_mask;  /* bank size - 1 */
    struct io_call log[TEST_DEV_LOG];
    unsigned calls;
};

/* A bank of `bank` registers (a power of two up to 256) holding first,
 * first + 1, ...; nothing logged yet. */
static inline void test_dev_init(struct test_dev *d, unsigned bank, uint8_t first)
{
    memset(d, 0, sizeof *d);
    d->reg_mask = bank - 1u;
    for (unsigned i = 0; i < bank; i++)
        d->regs[i] = (uint8_t)(first + i);
}

static inline uint32_t dev_read(void *state, uint32_t offset, unsigned size)
{
    struct test_dev *d = state;
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint32_t)d->regs[(offset + i) & d->reg_mask] << (8 * i);
    if (d->calls < TEST_DEV_LOG)
        d->log[d->calls] = (struct io_call){ 'r', offset, size, v };
    d->calls++;
    return v;
}

static inline void dev_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    struct test_dev *d = state;
    for (unsigned i = 0; i < size; i++)
        d->regs[(offset + i) & d->reg_mask] = (uint8_t)(value >> (8 * i));
    if (d->calls < TEST_DEV_LOG)
        d->log[d->calls] = (struct io_call){ 'w', offset, size, value };
    d->calls++;
}

/* Call k of the log must be exactly this one. */
static inline void check_call(const struct test_dev *d, unsigned k, char dir, uint32_t offset,
                              unsigned size, uint32_t value)
{
    ck_assert_uint_lt(k, d->calls);
    ck_assert_uint_lt(k, TEST_DEV_LOG);
    ck_assert_int_eq(d->log[k].dir, dir);
    ck_assert_uint_eq(d->log[k].offset, offset);
    ck_assert_uint_eq(d->log[k].size, size);
    ck_assert_uint_eq(d->log[k].value, value);
}

#endif
