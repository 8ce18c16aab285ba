/*
 * test_x87_harness.h - a small real-mode machine for the x87 and MMX unit
 * tests (test_x87*.c, test_mmx*.c): 2 MiB of RAM, an interrupt vector
 * table whose every exception handler records its vector at 0000:0600
 * and halts, and helpers to run a few instruction bytes and look at
 * memory.  Header-only so each test program stays one file.
 */
#ifndef SOFTPC_TESTS_UNIT_TEST_X87_HARNESS_H
#define SOFTPC_TESTS_UNIT_TEST_X87_HARNESS_H

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "cpu/regs.h"
#include "mem/phys.h"
#include "mem/ports.h"
#include "tests/unit/hex_bytes.h"

#define NO_EXCEPTION 0xFF
#define CODE_SEG 0x1000u      /* code runs at 1000:0234 (linear 10234h) */
#define CODE_IP 0x0234u
#define DATA_SEG 0x2000u      /* DS = 2000h (linear 20000h) */

static struct phys_space *ps;
static struct port_bus *pb;
static struct cpu *cpu;

static inline void harness_setup(void)
{
    ps = phys_create();
    pb = ports_create();
    ck_assert_ptr_nonnull(phys_add_ram(ps, "ram", 0, 2u << 20, 0));
    cpu = cpu_create(ps, pb);
    ck_assert_ptr_nonnull(cpu);
    /* After RESET the unit has CW 0040h (exceptions unmasked); firmware
     * runs FNINIT before using it, and so do these tests. */
    x87_init(cpu);
    /* Vector v -> 0000:(0400 + 8v): mov byte cs:[0600], v; hlt */
    for (unsigned v = 0; v < 32; v++) {
        uint16_t ip = (uint16_t)(0x400 + 8 * v);
        phys_write16(ps, 4 * v, ip);
        phys_write16(ps, 4 * v + 2, 0);
        const uint8_t h[7] = { 0x2E, 0xC6, 0x06, 0x00, 0x06, (uint8_t)v, 0xF4 };
        phys_write_block(ps, ip, h, sizeof h);
    }
}

static inline void harness_teardown(void)
{
    cpu_destroy(cpu);
    ports_destroy(pb);
    phys_destroy(ps);
}

/* Runs the instruction bytes `hex` (a HLT is appended) at CODE_SEG:CODE_IP
 * with DS = ES = DATA_SEG; returns the exception vector taken, or
 * NO_EXCEPTION. */
static inline unsigned run_hex(const char *hex)
{
    uint8_t code[256];
    unsigned n = parse_hex_bytes(hex, code, sizeof code - 1);
    code[n++] = 0xF4;
    phys_write_block(ps, CODE_SEG * 16 + CODE_IP, code, n);
    phys_write8(ps, 0x600, NO_EXCEPTION);
    cpu_load_seg_real(cpu, SEG_CS, CODE_SEG);
    cpu_load_seg_real(cpu, SEG_DS, DATA_SEG);
    cpu_load_seg_real(cpu, SEG_ES, DATA_SEG);
    cpu_load_seg_real(cpu, SEG_SS, 0);
    set_reg16(cpu, REG_SP, 0x8000);
    cpu->eip = CODE_IP;
    cpu->halted = false;
    enum cpu_stop stop = cpu_run(cpu, 10000);
    ck_assert_msg(stop == CPU_STOP_HALT, "\"%s\" stopped with %d at %04x", hex, (int)stop,
                  (unsigned)cpu->eip);
    return phys_read8(ps, 0x600);
}

/* Data at DS:off. */
static inline uint32_t data_lin(uint32_t off) { return DATA_SEG * 16 + off; }
static inline void put16(uint32_t off, uint16_t v) { phys_write16(ps, data_lin(off), v); }
static inline void put32(uint32_t off, uint32_t v) { phys_write32(ps, data_lin(off), v); }
static inline void put64(uint32_t off, uint64_t v)
{
    put32(off, (uint32_t)v);
    put32(off + 4, (uint32_t)(v >> 32));
}
static inline uint16_t get16(uint32_t off) { return phys_read16(ps, data_lin(off)); }
static inline uint32_t get32(uint32_t off) { return phys_read32(ps, data_lin(off)); }
static inline uint64_t get64(uint32_t off) { return get32(off) | (uint64_t)get32(off + 4) << 32; }

#endif
