/*
 * paging_fixture.h - a small machine for the paging and system-register
 * tests (test_paging.c, test_sysreg.c): 16 MiB of RAM, a CPU, helpers to
 * enter flat 32-bit protected mode by setting the segment caches directly
 * (no GDT needed), to build 32-bit page tables in guest RAM, and to catch
 * a fault raised by a direct call into the core (cpu_raise longjmps to
 * cpu->fault_unwind, which CATCH sets).
 */
#ifndef SOFTPC_TESTS_PAGING_FIXTURE_H
#define SOFTPC_TESTS_PAGING_FIXTURE_H

#include <check.h>
#include <setjmp.h>
#include <stdlib.h>

#include "cpu/access.h"
#include "cpu/cpu.h"
#include "cpu/paging.h"
#include "cpu/regs.h"
#include "mem/phys.h"
#include "mem/ports.h"

#define RAM_SIZE (16u << 20)
#define PD_BASE 0x00010000u      /* 32-bit page directory */
#define PT_POOL 0x00011000u      /* page tables are handed out from here */

static struct phys_space *ps;
static struct port_bus *pb;
static struct cpu *cpu;
static uint32_t next_table;

static void setup(void)
{
    ps = phys_create();
    pb = ports_create();
    ck_assert_ptr_nonnull(phys_add_ram(ps, "ram", 0, RAM_SIZE, 0));
    cpu = cpu_create(ps, pb);
    ck_assert_ptr_nonnull(cpu);
    next_table = PT_POOL;
}

static void teardown(void)
{
    cpu_destroy(cpu);
    ports_destroy(pb);
    phys_destroy(ps);
}

/* `stmt` must raise exception `vec` with error code `err`. */
#define EXPECT_FAULT(stmt, vec, err)                                     \
    do {                                                                 \
        if (setjmp(cpu->fault_unwind) == 0) {                            \
            stmt;                                                        \
            ck_abort_msg("no fault from: " #stmt);                       \
        }                                                                \
        ck_assert_uint_eq(cpu->exc_vector, (vec));                       \
        ck_assert_uint_eq(cpu->exc_error, (err));                        \
    } while (0)

/* `stmt` must not raise. */
#define EXPECT_OK(stmt)                                                  \
    do {                                                                 \
        if (setjmp(cpu->fault_unwind) == 0) {                            \
            stmt;                                                        \
        } else {                                                         \
            ck_abort_msg("exception %u (error %u) from: " #stmt,         \
                         (unsigned)cpu->exc_vector, (unsigned)cpu->exc_error); \
        }                                                                \
    } while (0)

static inline void flat_segment(struct cpu_segment *s, uint16_t access)
{
    s->selector = 0x08;
    s->base = 0;
    s->limit = 0xFFFFFFFFu;
    s->access = access;
    segment_derive(s);
}

/* Protected mode, CPL 0, flat 4 GiB 32-bit code and data. */
static inline void enter_flat_pmode(void)
{
    paging_write_cr0(cpu, cpu->cr0 | CR0_PE);
    for (int s = 0; s < SEG_COUNT; s++)
        flat_segment(&cpu->seg[s], 0x93 | 0xC000);
    flat_segment(&cpu->seg[SEG_CS], 0x9B | 0xC000);
    cpu->cpl = 0;
}

static inline uint32_t rd32(uint32_t a) { return phys_read32(ps, a); }
static inline void wr32(uint32_t a, uint32_t v) { phys_write32(ps, a, v); }

/* 32-bit paging: maps the 4 KiB page at `lin` to `phys` with PTE flags
 * `flags` (PTE_P etc.); the PDE gets P|RW|US so the PTE decides. */
static inline uint32_t pte_addr(uint32_t lin)
{
    uint32_t pde_at = PD_BASE + (lin >> 22) * 4;
    uint32_t pde = rd32(pde_at);
    if (!(pde & PTE_P)) {
        pde = next_table | PTE_P | PTE_RW | PTE_US;
        next_table += 0x1000;
        wr32(pde_at, pde);
    }
    return (pde & 0xFFFFF000u) + ((lin >> 12) & 0x3FF) * 4;
}

static inline void map4k(uint32_t lin, uint32_t phys, uint32_t flags)
{
    wr32(pte_addr(lin), (phys & 0xFFFFF000u) | flags);
}

/* Identity-maps [0, len) supervisor read/write, then turns paging on. */
static inline void paging_on(uint32_t identity_len)
{
    for (uint32_t a = 0; a < identity_len; a += 0x1000)
        map4k(a, a, PTE_P | PTE_RW);
    enter_flat_pmode();
    paging_write_cr3(cpu, PD_BASE);
    paging_write_cr0(cpu, cpu->cr0 | CR0_PG);
}

/* Copies code into RAM and runs it at (flat) EIP until HLT. */
static inline void run_code_at(uint32_t eip)
{
    cpu->eip = eip;
    cpu->halted = false;
    ck_assert_int_eq(cpu_run(cpu, 100000), CPU_STOP_HALT);
}

#endif
