/*
 * test_smc.c - Check tests for self-modifying code and the decoded-block
 * cache invariant (cpu/block_cache.h): after any write to guest memory,
 * the CPU runs what memory now says, never a stale decoding.
 *
 * Each case runs a small real-mode program (bytes spelled out below, with
 * the assembly beside them), lets the block cache decode it, modifies an
 * instruction by a guest store (or by a device-style phys_write_block),
 * and checks the modified instruction is what ran.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/block_cache.h"
#include "cpu/cpu.h"
#include "cpu/regs.h"
#include "mem/phys.h"
#include "mem/ports.h"
#include "tests/unit/check_main.h"

static struct phys_space *ps;
static struct port_bus *pb;
static struct cpu *cpu;

static void setup(void)
{
    ps = phys_create();
    pb = ports_create();
    ck_assert_ptr_nonnull(phys_add_ram(ps, "ram", 0, 2u << 20, 0));
    cpu = cpu_create(ps, pb);
    ck_assert_ptr_nonnull(cpu);
}

static void teardown(void)
{
    cpu_destroy(cpu);
    ports_destroy(pb);
    phys_destroy(ps);
}

static void load(uint32_t addr, const uint8_t *code, size_t n)
{
    phys_write_block(ps, addr, code, n);
}

/* Start at cs:ip and run until HLT. */
static void run_at(uint16_t cs, uint16_t ip)
{
    cpu_load_seg_real(cpu, SEG_CS, cs);
    cpu->eip = ip;
    cpu->halted = false;
    ck_assert_int_eq(cpu_run(cpu, 100000), CPU_STOP_HALT);
}

/* A store that rewrites the very next instruction's immediate. */
START_TEST(test_write_to_next_instruction)
{
    static const uint8_t code[] = {
        0x88, 0x07,       /* 1000: mov [bx],al    */
        0xB4, 0x00,       /* 1002: mov ah,0       <- its 0 becomes AL */
        0xF4,             /* 1004: hlt            */
    };
    load(0x1000, code, sizeof code);
    set_reg16(cpu, REG_BX, 0x1003);
    set_reg8(cpu, 0 /* AL */, 0x42);
    run_at(0x0000, 0x1000);
    ck_assert_uint_eq(reg8(cpu, 4 /* AH */), 0x42);
    ck_assert_uint_eq(cpu->eip, 0x1005);
}
END_TEST

/* A store to a later instruction of the same block. */
START_TEST(test_write_later_in_block)
{
    static const uint8_t code[] = {
        0x88, 0x07,       /* 1000: mov [bx],al */
        0x90, 0x90, 0x90, /* 1002: nop x3      */
        0xB4, 0x00,       /* 1005: mov ah,0    <- becomes mov ah,AL */
        0xF4,             /* 1007: hlt         */
    };
    load(0x1000, code, sizeof code);
    /* First run without modifying anything, so the block is cached. */
    set_reg16(cpu, REG_BX, 0x1800);
    set_reg8(cpu, 0, 0x77);
    run_at(0x0000, 0x1000);
    ck_assert_uint_eq(reg8(cpu, 4), 0x00);
    /* Now the same cached block modifies itself. */
    set_reg16(cpu, REG_BX, 0x1006);
    run_at(0x0000, 0x1000);
    ck_assert_uint_eq(reg8(cpu, 4), 0x77);
}
END_TEST

/* A block decoded at one linear address, modified through another linear
 * address that reaches the same physical bytes (A20 closed: FFFF:1010 is
 * linear 0x101000, physical 0x1000), then run through the second address. */
START_TEST(test_write_through_alias)
{
    static const uint8_t code[] = {
        0xB4, 0x11,       /* 1000: mov ah,11 */
        0xF4,             /* 1002: hlt       */
    };
    load(0x1000, code, sizeof code);
    phys_set_a20(ps, false);
    run_at(0x0100, 0x0000);                 /* linear 0x1000 */
    ck_assert_uint_eq(reg8(cpu, 4), 0x11);

    static const uint8_t patch[] = {
        0x26, 0x88, 0x07, /* 2000: mov [es:bx],al */
        0xF4,             /* 2003: hlt */
    };
    load(0x2000, patch, sizeof patch);
    cpu_load_seg_real(cpu, SEG_ES, 0xFFFF);
    set_reg16(cpu, REG_BX, 0x1011);         /* linear 0x101001 = phys 0x1001 */
    set_reg8(cpu, 0, 0x99);
    run_at(0x0000, 0x2000);

    run_at(0xFFFF, 0x1010);                 /* linear 0x101000 = phys 0x1000 */
    ck_assert_uint_eq(reg8(cpu, 4), 0x99);
}
END_TEST

/* A device (DMA) writing over cached code goes through the same check. */
START_TEST(test_dma_write_invalidates)
{
    static const uint8_t code[] = { 0xB4, 0x01, 0xF4 };   /* mov ah,1; hlt */
    static const uint8_t fresh[] = { 0xB4, 0x02, 0xF4 };  /* mov ah,2; hlt */
    load(0x3000, code, sizeof code);
    run_at(0x0300, 0x0000);
    ck_assert_uint_eq(reg8(cpu, 4), 0x01);
    phys_write_block(ps, 0x3000, fresh, sizeof fresh);
    run_at(0x0300, 0x0000);
    ck_assert_uint_eq(reg8(cpu, 4), 0x02);
}
END_TEST

/* A write to data in the same page but another 64-byte chunk must not
 * throw the code away. */
START_TEST(test_data_write_keeps_blocks)
{
    static const uint8_t code[] = {
        0x88, 0x07,       /* 4000: mov [bx],al */
        0xF4,             /* 4002: hlt */
    };
    load(0x4000, code, sizeof code);
    set_reg16(cpu, REG_BX, 0x4800);         /* same page, far chunk */
    run_at(0x0000, 0x4000);
    uint64_t before = block_cache_stats(cpu->blocks).invalidated;
    run_at(0x0000, 0x4000);
    ck_assert_uint_eq(block_cache_stats(cpu->blocks).invalidated, before);
    ck_assert_uint_eq(phys_read8(ps, 0x4800), reg8(cpu, 0));
}
END_TEST

/* A REP instruction longer than one batch stops part-way by pointing EIP
 * back at itself; the rest of its block must not run in between (this was
 * a bug: the block went on to the HLT with CX still non-zero). */
START_TEST(test_rep_resumes_in_place)
{
    static const uint8_t code[] = {
        0xF3, 0xAA,       /* 5000: rep stosb */
        0xF4,             /* 5002: hlt */
    };
    load(0x5000, code, sizeof code);
    cpu_load_seg_real(cpu, SEG_ES, 0x1000);
    set_reg16(cpu, REG_DI, 0);
    set_reg16(cpu, REG_CX, 50000);
    set_reg8(cpu, 0, 0x5A);
    run_at(0x0000, 0x5000);
    ck_assert_uint_eq(reg16(cpu, REG_CX), 0);
    ck_assert_uint_eq(reg16(cpu, REG_DI), 50000);
    ck_assert_uint_eq(cpu->eip, 0x5003);
    ck_assert_uint_eq(phys_read8(ps, 0x10000 + 49999), 0x5A);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("smc");
    TCase *tc = tcase_create("smc");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_write_to_next_instruction);
    tcase_add_test(tc, test_write_later_in_block);
    tcase_add_test(tc, test_write_through_alias);
    tcase_add_test(tc, test_dma_write_invalidates);
    tcase_add_test(tc, test_data_write_keeps_blocks);
    tcase_add_test(tc, test_rep_resumes_in_place);
    suite_add_tcase(s, tc);
    return check_run(s, CK_NORMAL);
}
