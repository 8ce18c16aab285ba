/*
 * test_ops386.c - Check tests for the 386-P6 integer instructions where the
 * host comparison (tests/host) cannot reach: memory operands (bit offsets
 * outside the addressed dword, CMPXCHG8B, the write CMPXCHG always does),
 * LOCK legality, SETcc ignoring ModRM.reg, CMOVcc reading a source it does
 * not use, NOPs that must not touch memory, the choices we made for
 * undefined results (16-bit SHLD/SHRD counts above 16, BSWAP of a word,
 * BSF/BSR of zero), and the prefix checks on older instructions: Jcc
 * rel16/rel32, PUSH/POP FS/GS, string instructions and LOOP/JCXZ with the
 * address-size prefix.
 *
 * Each case puts a few instruction bytes and a HLT at 0000:1000, in
 * 16-bit code or in 32-bit code (CS.D set directly: a test harness), and
 * runs until the HLT.  Every interrupt vector leads to its own HLT at
 * 0000:0600 + vector, so an exception shows as where the CPU stopped.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "cpu/flags.h"
#include "cpu/regs.h"
#include "mem/phys.h"
#include "mem/ports.h"
#include "tests/unit/check_main.h"

#define CODE_AT 0x1000u
#define TRAP_AT 0x0600u
#define DATA_SEG 0x0200u   /* DS = 0200: data at linear 0x2000 */
#define DATA_BASE 0x2000u
#define NO_FAULT -1

static struct phys_space *ps;
static struct port_bus *pb;
static struct cpu *cpu;
static uint32_t hlt_at;

static void setup(void)
{
    ps = phys_create();
    pb = ports_create();
    ck_assert_ptr_nonnull(phys_add_ram(ps, "ram", 0, 1u << 20, 0));
    cpu = cpu_create(ps, pb);
    ck_assert_ptr_nonnull(cpu);
    cpu_reset(cpu);
    for (uint32_t v = 0; v < 256; v++) {
        phys_write16(ps, v * 4, (uint16_t)(TRAP_AT + v));
        phys_write16(ps, v * 4 + 2, 0);
        phys_write8(ps, TRAP_AT + v, 0xF4);
    }
    cpu_load_seg_real(cpu, SEG_DS, DATA_SEG);
    cpu_load_seg_real(cpu, SEG_ES, DATA_SEG);
    cpu_load_seg_real(cpu, SEG_SS, 0);
    cpu->gpr[REG_SP] = 0x8000;
}

static void teardown(void)
{
    cpu_destroy(cpu);
    ports_destroy(pb);
    phys_destroy(ps);
}

/* Loads code + HLT at CODE_AT and runs it; returns the exception vector
 * raised, or NO_FAULT if the HLT after the code was reached. */
static int run_code(const uint8_t *code, size_t n, bool code32)
{
    uint8_t buf[64];
    ck_assert_uint_lt(n, sizeof buf);
    memcpy(buf, code, n);
    buf[n] = 0xF4;
    phys_write_block(ps, CODE_AT, buf, n + 1);
    hlt_at = CODE_AT + (uint32_t)n;
    cpu_load_seg_real(cpu, SEG_CS, 0);
    if (code32)
        cpu->seg[SEG_CS].access |= SEG_ACCESS_DB;
    else
        cpu->seg[SEG_CS].access &= (uint16_t)~SEG_ACCESS_DB;
    cpu->eip = CODE_AT;
    cpu->halted = false;
    ck_assert_int_eq(cpu_run(cpu, 1000), CPU_STOP_HALT);
    uint32_t stopped = cpu->eip - 1;
    if (stopped >= TRAP_AT && stopped < TRAP_AT + 256)
        return (int)(stopped - TRAP_AT);
    return NO_FAULT;
}

#define RUN16(...) run_code((const uint8_t[]){ __VA_ARGS__ }, sizeof((const uint8_t[]){ __VA_ARGS__ }), false)
#define RUN32(...) run_code((const uint8_t[]){ __VA_ARGS__ }, sizeof((const uint8_t[]){ __VA_ARGS__ }), true)

static uint32_t data32(uint32_t off) { return phys_read32(ps, DATA_BASE + off); }
static uint16_t data16(uint32_t off) { return phys_read16(ps, DATA_BASE + off); }
static void set_data32(uint32_t off, uint32_t v) { phys_write32(ps, DATA_BASE + off, v); }
static unsigned cf(void) { return (cpu_get_eflags(cpu) & FLAG_CF) != 0; }
static unsigned zf(void) { return (cpu_get_eflags(cpu) & FLAG_ZF) != 0; }

/* ---- BT family: memory forms --------------------------------------------- */

START_TEST(test_bt_reg_offset_reaches_later_dword)
{
    set_data32(0x100 + 12, 1u << 4);
    cpu->gpr[REG_BX] = 0x100;
    cpu->gpr[REG_DX] = 100;                       /* dword 3, bit 4 */
    ck_assert_int_eq(RUN32(0x0F, 0xA3, 0x13), NO_FAULT); /* bt [ebx],edx */
    ck_assert_uint_eq(cf(), 1);
    cpu->gpr[REG_DX] = 101;
    ck_assert_int_eq(RUN32(0x0F, 0xA3, 0x13), NO_FAULT);
    ck_assert_uint_eq(cf(), 0);
}
END_TEST

START_TEST(test_bts_negative_offset_writes_below)
{
    set_data32(0xFC, 0);
    set_data32(0x100, 0);
    cpu->gpr[REG_BX] = 0x100;
    cpu->gpr[REG_DX] = 0xFFFFFFFFu;               /* -1: bit 31 of the dword below */
    ck_assert_int_eq(RUN32(0x0F, 0xAB, 0x13), NO_FAULT); /* bts [ebx],edx */
    ck_assert_uint_eq(data32(0xFC), 0x80000000u);
    ck_assert_uint_eq(data32(0x100), 0);
    ck_assert_uint_eq(cf(), 0);
    ck_assert_int_eq(RUN32(0x0F, 0xAB, 0x13), NO_FAULT);
    ck_assert_uint_eq(cf(), 1);                   /* now it was set */
}
END_TEST

START_TEST(test_btr_word_offset_is_signed_16)
{
    phys_write16(ps, DATA_BASE + 0x01FE, 0xFFFF); /* ea - 0x1000 */
    cpu->gpr[REG_BX] = 0x11FE;
    cpu->gpr[REG_DX] = 0x1234 << 16 | 0x8000;     /* DX = -32768: word -2048, bit 0 */
    ck_assert_int_eq(RUN16(0x0F, 0xB3, 0x17), NO_FAULT); /* btr [bx],dx */
    ck_assert_uint_eq(data16(0x01FE), 0xFFFE);
    ck_assert_uint_eq(cf(), 1);
}
END_TEST

START_TEST(test_btc_16bit_address_wraps)
{
    /* [bx] at FFFE, DX = 16: the next word is at offset 0000, not 10000. */
    phys_write16(ps, DATA_BASE + 0x0000, 0x0000);
    cpu->gpr[REG_BX] = 0xFFFE;
    cpu->gpr[REG_DX] = 16 + 3;
    ck_assert_int_eq(RUN16(0x0F, 0xBB, 0x17), NO_FAULT); /* btc [bx],dx */
    ck_assert_uint_eq(data16(0), 1u << 3);
}
END_TEST

START_TEST(test_bt_immediate_masks)
{
    set_data32(0x40, 1u << 3);
    set_data32(0x44, 0);
    cpu->gpr[REG_BX] = 0x40;
    /* bt dword [ebx],35 is bit 3 of [ebx], never of [ebx+4] */
    ck_assert_int_eq(RUN32(0x0F, 0xBA, 0x23, 35), NO_FAULT);
    ck_assert_uint_eq(cf(), 1);
    /* bts dword [ebx],0x44: bit 4, written to [ebx] */
    ck_assert_int_eq(RUN32(0x0F, 0xBA, 0x2B, 0x44), NO_FAULT);
    ck_assert_uint_eq(data32(0x40), (1u << 3) | (1u << 4));
    ck_assert_uint_eq(data32(0x44), 0);
}
END_TEST

START_TEST(test_bt_keeps_zf)
{
    cpu->gpr[REG_BX] = 1;
    cpu->gpr[REG_DX] = 0;
    cpu_set_eflags(cpu, FLAG_ZF, FLAGS_ARITH);
    ck_assert_int_eq(RUN32(0x0F, 0xA3, 0xD3), NO_FAULT); /* bt ebx,edx */
    ck_assert_uint_eq(cf(), 1);
    ck_assert_uint_eq(zf(), 1);
}
END_TEST

/* ---- CMPXCHG / CMPXCHG8B / XADD ------------------------------------------- */

START_TEST(test_cmpxchg8b_equal_and_unequal)
{
    set_data32(0x10, 0x11111111);
    set_data32(0x14, 0x22222222);
    cpu->gpr[REG_SI] = 0x10;
    cpu->gpr[REG_AX] = 0x11111111;
    cpu->gpr[REG_DX] = 0x22222222;
    cpu->gpr[REG_BX] = 0xBBBBBBBB;
    cpu->gpr[REG_CX] = 0xCCCCCCCC;
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xC7, 0x0E), NO_FAULT); /* lock cmpxchg8b [esi] */
    ck_assert_uint_eq(zf(), 1);
    ck_assert_uint_eq(data32(0x10), 0xBBBBBBBB);
    ck_assert_uint_eq(data32(0x14), 0xCCCCCCCC);
    /* Now EDX:EAX differs: it receives the memory, memory keeps its value. */
    ck_assert_int_eq(RUN32(0x0F, 0xC7, 0x0E), NO_FAULT);
    ck_assert_uint_eq(zf(), 0);
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0xBBBBBBBB);
    ck_assert_uint_eq(reg32(cpu, REG_DX), 0xCCCCCCCC);
    ck_assert_uint_eq(data32(0x10), 0xBBBBBBBB);
    /* 16-bit code, 66 prefix: the same instruction. */
    cpu->gpr[REG_AX] = 0;
    ck_assert_int_eq(RUN16(0x66, 0x0F, 0xC7, 0x0C), NO_FAULT); /* cmpxchg8b [si] */
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0xBBBBBBBB);
}
END_TEST

START_TEST(test_cmpxchg8b_register_form_ud)
{
    ck_assert_int_eq(RUN32(0x0F, 0xC7, 0xC8), EXC_UD);  /* mod=3 /1 */
    ck_assert_int_eq(RUN32(0x0F, 0xC7, 0x06), EXC_UD);  /* /0 is not cmpxchg8b */
}
END_TEST

START_TEST(test_cmpxchg8b_past_limit_faults)
{
    /* [si] at FFFA: the high dword FFFE-10001 crosses the 64 KiB limit
     * (16-bit addressing wraps only the offset of each dword, not the
     * bytes inside one): #GP, EDX:EAX untouched. */
    cpu->gpr[REG_SI] = 0xFFFA;
    cpu->gpr[REG_AX] = 0x12345678;
    ck_assert_int_eq(RUN16(0x0F, 0xC7, 0x0C), EXC_GP);
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0x12345678);
}
END_TEST

START_TEST(test_cmpxchg_always_writes)
{
    /* A read-only data segment: even an unequal CMPXCHG writes, so it
     * faults and EAX keeps its value. */
    set_data32(0x30, 0x55);
    cpu->gpr[REG_BX] = 0x30;
    cpu->gpr[REG_AX] = 0x66;
    cpu->seg[SEG_DS].access = 0x91; /* present data, read-only */
    segment_derive(&cpu->seg[SEG_DS]);
    ck_assert_int_eq(RUN32(0x0F, 0xB1, 0x13), EXC_GP); /* cmpxchg [ebx],edx */
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0x66);
    /* With the segment writable: AX gets the memory, memory unchanged. */
    cpu->seg[SEG_DS].access = 0x93;
    segment_derive(&cpu->seg[SEG_DS]);
    ck_assert_int_eq(RUN32(0x0F, 0xB1, 0x13), NO_FAULT);
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0x55);
    ck_assert_uint_eq(zf(), 0);
    cpu->gpr[REG_DX] = 0x77;
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xB1, 0x13), NO_FAULT); /* lock, now equal */
    ck_assert_uint_eq(data32(0x30), 0x77);
    ck_assert_uint_eq(zf(), 1);
}
END_TEST

START_TEST(test_xadd_memory_and_same_register)
{
    set_data32(0x50, 40);
    cpu->gpr[REG_BX] = 0x50;
    cpu->gpr[REG_DX] = 2;
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xC1, 0x13), NO_FAULT); /* lock xadd [ebx],edx */
    ck_assert_uint_eq(data32(0x50), 42);
    ck_assert_uint_eq(reg32(cpu, REG_DX), 40);
    cpu->gpr[REG_CX] = 5;
    ck_assert_int_eq(RUN32(0x0F, 0xC1, 0xC9), NO_FAULT); /* xadd ecx,ecx */
    ck_assert_uint_eq(reg32(cpu, REG_CX), 10);
}
END_TEST

/* ---- LOCK legality --------------------------------------------------------- */

START_TEST(test_lock_rules)
{
    cpu->gpr[REG_BX] = 0x60;
    cpu->gpr[REG_DX] = 1;
    /* legal: BTS BTR BTC (reg and imm offsets), XADD, CMPXCHG, memory forms */
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xAB, 0x13), NO_FAULT);
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xB3, 0x13), NO_FAULT);
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xBB, 0x13), NO_FAULT);
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xBA, 0x2B, 1), NO_FAULT);
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xBA, 0x33, 1), NO_FAULT);
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xBA, 0x3B, 1), NO_FAULT);
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xC0, 0x13), NO_FAULT);
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xB0, 0x13), NO_FAULT);
    /* #UD: BT (it does not write), register destinations, and everything else */
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xA3, 0x13), EXC_UD);
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xBA, 0x23, 1), EXC_UD);
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xAB, 0xD3), EXC_UD);
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xC1, 0xD3), EXC_UD);
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xB1, 0xD3), EXC_UD);
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0x94, 0x03), EXC_UD); /* sete [ebx] */
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0x44, 0x13), EXC_UD); /* cmove edx,[ebx] */
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xB6, 0x13), EXC_UD); /* movzx */
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xBC, 0x13), EXC_UD); /* bsf */
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xA4, 0x13, 1), EXC_UD); /* shld */
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xAF, 0x13), EXC_UD); /* imul */
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0x1F, 0x03), EXC_UD); /* nop [ebx] */
    ck_assert_int_eq(RUN32(0xF0, 0x0F, 0xCB), EXC_UD);       /* bswap */
}
END_TEST

/* ---- SETcc, CMOVcc, NOPs ----------------------------------------------------- */

START_TEST(test_setcc_ignores_reg)
{
    cpu->gpr[REG_BX] = 0x70;
    phys_write8(ps, DATA_BASE + 0x70, 0xAA);
    cpu_set_eflags(cpu, FLAG_ZF, FLAGS_ARITH);
    ck_assert_int_eq(RUN32(0x0F, 0x94, 0x3B), NO_FAULT); /* sete [ebx], reg=7 */
    ck_assert_uint_eq(phys_read8(ps, DATA_BASE + 0x70), 1);
    ck_assert_int_eq(RUN32(0x0F, 0x95, 0x13), NO_FAULT); /* setne [ebx], reg=2 */
    ck_assert_uint_eq(phys_read8(ps, DATA_BASE + 0x70), 0);
    cpu->gpr[REG_AX] = 0x1234;
    ck_assert_int_eq(RUN16(0x0F, 0x94, 0xE4), NO_FAULT); /* sete ah, reg=4 */
    ck_assert_uint_eq(reg16(cpu, REG_AX), 0x0134);
}
END_TEST

START_TEST(test_cmov_reads_source_when_false)
{
    cpu->gpr[REG_DX] = 0xAAAA5555;
    cpu->gpr[REG_BX] = 0xFFFF;     /* a dword at FFFF is past the 64 KiB limit */
    cpu_set_eflags(cpu, 0, FLAGS_ARITH);
    ck_assert_int_eq(RUN32(0x0F, 0x44, 0x13), EXC_GP); /* cmove edx,[ebx]: false */
    ck_assert_uint_eq(reg32(cpu, REG_DX), 0xAAAA5555);
    cpu->gpr[REG_BX] = 0x80;
    set_data32(0x80, 0x01020304);
    ck_assert_int_eq(RUN32(0x0F, 0x44, 0x13), NO_FAULT);
    ck_assert_uint_eq(reg32(cpu, REG_DX), 0xAAAA5555);
    ck_assert_int_eq(RUN32(0x0F, 0x45, 0x13), NO_FAULT); /* cmovne: true */
    ck_assert_uint_eq(reg32(cpu, REG_DX), 0x01020304);
    cpu->gpr[REG_DX] = 0xFFFFFFFF;
    ck_assert_int_eq(RUN16(0x0F, 0x45, 0x17), NO_FAULT); /* cmovne dx,[bx] */
    ck_assert_uint_eq(reg32(cpu, REG_DX), 0xFFFF0304);
}
END_TEST

START_TEST(test_nops_never_touch_memory)
{
    cpu->gpr[REG_BX] = 0xFFFF;
    ck_assert_int_eq(RUN32(0x0F, 0x1F, 0x43, 0x10), NO_FAULT); /* nop [ebx+10] */
    ck_assert_int_eq(RUN32(0x66, 0x0F, 0x1F, 0x84, 0x00, 0, 0, 0, 0x80), NO_FAULT);
    ck_assert_int_eq(RUN32(0x0F, 0x18, 0x03), NO_FAULT);       /* hint nop */
    ck_assert_int_eq(RUN32(0x0F, 0x19, 0xFB), NO_FAULT);       /* reg form */
    ck_assert_int_eq(RUN16(0x0F, 0x1F, 0x07), NO_FAULT);
    ck_assert_uint_eq(cpu->eip - 1, hlt_at);
}
END_TEST

/* ---- moves and multiplies from memory ---------------------------------------- */

START_TEST(test_movzx_movsx_imul_memory)
{
    set_data32(0x90, 0x8081FF7F);
    cpu->gpr[REG_BX] = 0x90;
    ck_assert_int_eq(RUN32(0x0F, 0xBE, 0x53, 0x01), NO_FAULT); /* movsx edx,byte [ebx+1] */
    ck_assert_uint_eq(reg32(cpu, REG_DX), 0xFFFFFFFF);
    ck_assert_int_eq(RUN32(0x0F, 0xB7, 0x53, 0x02), NO_FAULT); /* movzx edx,word [ebx+2] */
    ck_assert_uint_eq(reg32(cpu, REG_DX), 0x8081);
    cpu->gpr[REG_DX] = 0x12345678;
    ck_assert_int_eq(RUN16(0x0F, 0xBE, 0x17), NO_FAULT);      /* movsx dx,byte [bx] */
    ck_assert_uint_eq(reg32(cpu, REG_DX), 0x1234007F);
    cpu->gpr[REG_DX] = 3;
    ck_assert_int_eq(RUN32(0x0F, 0xAF, 0x13), NO_FAULT);      /* imul edx,[ebx] */
    ck_assert_uint_eq(reg32(cpu, REG_DX), (uint32_t)(0x8081FF7Fu * 3u));
    ck_assert_uint_eq(cf(), 1);
}
END_TEST

/* ---- our choices for undefined results ----------------------------------------- */

START_TEST(test_shld_shrd_16bit_counts_above_16)
{
    /* Values seen on an Intel host (tests/host checks them every run). */
    cpu->gpr[REG_BX] = 0x1234;
    cpu->gpr[REG_DX] = 0xABCD;
    cpu->gpr[REG_CX] = 20;
    ck_assert_int_eq(RUN16(0x0F, 0xA5, 0xD3), NO_FAULT);    /* shld bx,dx,cl */
    ck_assert_uint_eq(reg16(cpu, REG_BX), 0xBCD1);
    ck_assert_uint_eq(cf(), 0);
    cpu->gpr[REG_BX] = 0x1234;
    ck_assert_int_eq(RUN16(0x0F, 0xAD, 0xD3), NO_FAULT);    /* shrd bx,dx,cl */
    ck_assert_uint_eq(reg16(cpu, REG_BX), 0x4ABC);
    ck_assert_uint_eq(cf(), 1);
    cpu->gpr[REG_BX] = 0x1234;
    ck_assert_int_eq(RUN16(0x0F, 0xA4, 0xD3, 31), NO_FAULT); /* shld bx,dx,31 */
    ck_assert_uint_eq(reg16(cpu, REG_BX), 0x891A);
    /* count 32 masks to 0: nothing changes, not even the flags */
    cpu->gpr[REG_BX] = 0x1234;
    cpu_set_eflags(cpu, FLAG_CF | FLAG_ZF, FLAGS_ARITH);
    ck_assert_int_eq(RUN32(0x0F, 0xAC, 0xD3, 32), NO_FAULT);
    ck_assert_uint_eq(reg32(cpu, REG_BX), 0x1234);
    ck_assert_uint_eq(cpu_get_eflags(cpu) & FLAGS_ARITH, FLAG_CF | FLAG_ZF);
}
END_TEST

START_TEST(test_bswap_and_bsf_choices)
{
    cpu->gpr[REG_BX] = 0x11223344;
    ck_assert_int_eq(RUN32(0x0F, 0xCB), NO_FAULT);
    ck_assert_uint_eq(reg32(cpu, REG_BX), 0x44332211);
    ck_assert_int_eq(RUN32(0x66, 0x0F, 0xCB), NO_FAULT);    /* 16-bit: word cleared */
    ck_assert_uint_eq(reg32(cpu, REG_BX), 0x44330000);
    cpu->gpr[REG_DX] = 0xCAFEF00D;
    cpu->gpr[REG_BX] = 0;
    ck_assert_int_eq(RUN32(0x0F, 0xBD, 0xD3), NO_FAULT);    /* bsr edx,ebx */
    ck_assert_uint_eq(reg32(cpu, REG_DX), 0xCAFEF00D);
    ck_assert_uint_eq(zf(), 1);
    cpu->gpr[REG_BX] = 0x00F00000;
    ck_assert_int_eq(RUN32(0x0F, 0xBC, 0xD3), NO_FAULT);    /* bsf */
    ck_assert_uint_eq(reg32(cpu, REG_DX), 20);
    ck_assert_uint_eq(zf(), 0);
}
END_TEST

/* ---- prefix checks on older instructions -------------------------------------- */

START_TEST(test_jcc_rel16_rel32)
{
    cpu_set_eflags(cpu, FLAG_ZF, FLAGS_ARITH);
    /* 32-bit code: je rel32 to just past itself + 1 (skips one HLT) */
    ck_assert_int_eq(RUN32(0x0F, 0x84, 0x01, 0x00, 0x00, 0x00, 0xF4), NO_FAULT);
    /* 16-bit code: je rel16, and with 66 a rel32 */
    ck_assert_int_eq(RUN16(0x0F, 0x84, 0x01, 0x00, 0xF4), NO_FAULT);
    ck_assert_int_eq(RUN16(0x66, 0x0F, 0x84, 0x01, 0x00, 0x00, 0x00, 0xF4), NO_FAULT);
    /* not taken: stops at the first HLT */
    cpu_set_eflags(cpu, 0, FLAGS_ARITH);
    ck_assert_int_eq(RUN32(0x0F, 0x84, 0x01, 0x00, 0x00, 0x00, 0xF4, 0x90), NO_FAULT);
    ck_assert_uint_eq(cpu->eip, CODE_AT + 7);
}
END_TEST

START_TEST(test_push_pop_fs_gs)
{
    cpu_load_seg_real(cpu, SEG_FS, 0x1234);
    cpu->gpr[REG_SP] = 0x8000;
    phys_write32(ps, 0x7FFC, 0xAAAAAAAA);
    ck_assert_int_eq(RUN32(0x0F, 0xA0, 0x0F, 0xA9), NO_FAULT); /* push fs; pop gs */
    ck_assert_uint_eq(cpu->seg[SEG_GS].selector, 0x1234);
    ck_assert_uint_eq(cpu->seg[SEG_GS].base, 0x12340);
    ck_assert_uint_eq(reg16(cpu, REG_SP), 0x8000);
    /* a 32-bit push of a segment register writes only the low word (P6) */
    ck_assert_uint_eq(phys_read32(ps, 0x7FFC), 0xAAAA1234);
    ck_assert_int_eq(RUN16(0x0F, 0xA8, 0x0F, 0xA1), NO_FAULT); /* push gs; pop fs */
    ck_assert_uint_eq(cpu->seg[SEG_FS].selector, 0x1234);
    ck_assert_uint_eq(reg16(cpu, REG_SP), 0x8000);
}
END_TEST

START_TEST(test_rep_movsb_with_address_size)
{
    /* 16-bit code, 67 prefix: ESI/EDI/ECX, beyond 16 bits */
    for (unsigned k = 0; k < 8; k++)
        phys_write8(ps, DATA_BASE + 0x10000 + k, (uint8_t)(0xA0 + k));
    cpu->seg[SEG_DS].limit = cpu->seg[SEG_ES].limit = 0xFFFFF;
    segment_derive(&cpu->seg[SEG_DS]);
    segment_derive(&cpu->seg[SEG_ES]);
    cpu->gpr[REG_SI] = 0x10000;
    cpu->gpr[REG_DI] = 0x20000;
    cpu->gpr[REG_CX] = 0x00000008;
    ck_assert_int_eq(RUN16(0x67, 0xF3, 0xA4), NO_FAULT);
    ck_assert_uint_eq(reg32(cpu, REG_CX), 0);
    ck_assert_uint_eq(reg32(cpu, REG_SI), 0x10008);
    ck_assert_uint_eq(reg32(cpu, REG_DI), 0x20008);
    ck_assert_uint_eq(phys_read8(ps, DATA_BASE + 0x20007), 0xA7);
    /* 32-bit code, 67 prefix: SI/DI/CX wrap at 16 bits */
    cpu->gpr[REG_SI] = 0x5000FFFF;
    cpu->gpr[REG_DI] = 0x60000100;
    cpu->gpr[REG_CX] = 0x70000002;
    ck_assert_int_eq(RUN32(0x67, 0xF3, 0xA4), NO_FAULT);
    ck_assert_uint_eq(reg32(cpu, REG_CX), 0x70000000);
    ck_assert_uint_eq(reg32(cpu, REG_SI), 0x50000001);
    ck_assert_uint_eq(reg32(cpu, REG_DI), 0x60000102);
}
END_TEST

START_TEST(test_loop_jcxz_address_size)
{
    /* 16-bit code: 67 loop uses ECX; CX alone would reach 0 at once */
    cpu->gpr[REG_CX] = 0x00010001;
    ck_assert_int_eq(RUN16(0x67, 0xE2, 0x01, 0xF4), NO_FAULT); /* taken: skips a HLT */
    ck_assert_uint_eq(reg32(cpu, REG_CX), 0x00010000);
    cpu->gpr[REG_CX] = 0x00010001;
    ck_assert_int_eq(RUN16(0xE2, 0x01, 0xF4), NO_FAULT);       /* CX 1 -> 0: not taken */
    ck_assert_uint_eq(cpu->eip, CODE_AT + 3);
    ck_assert_uint_eq(reg32(cpu, REG_CX), 0x00010000);
    /* jcxz tests CX, jecxz (67 in 16-bit code) ECX */
    ck_assert_int_eq(RUN16(0xE3, 0x01, 0xF4), NO_FAULT);       /* CX = 0: taken */
    ck_assert_uint_eq(cpu->eip, CODE_AT + 4);
    ck_assert_int_eq(RUN16(0x67, 0xE3, 0x01, 0xF4), NO_FAULT); /* ECX != 0 */
    ck_assert_uint_eq(cpu->eip, CODE_AT + 4);
    ck_assert_int_eq(RUN32(0xE3, 0x01, 0xF4), NO_FAULT);       /* jecxz, ECX != 0 */
    ck_assert_uint_eq(cpu->eip, CODE_AT + 3);
    ck_assert_int_eq(RUN32(0x67, 0xE3, 0x01, 0xF4), NO_FAULT); /* jcxz in 32-bit code: CX = 0 */
    ck_assert_uint_eq(cpu->eip, CODE_AT + 5);
}
END_TEST

static Suite *ops386_suite(void)
{
    Suite *s = suite_create("ops386");
    TCase *t = tcase_create("core");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_bt_reg_offset_reaches_later_dword);
    tcase_add_test(t, test_bts_negative_offset_writes_below);
    tcase_add_test(t, test_btr_word_offset_is_signed_16);
    tcase_add_test(t, test_btc_16bit_address_wraps);
    tcase_add_test(t, test_bt_immediate_masks);
    tcase_add_test(t, test_bt_keeps_zf);
    tcase_add_test(t, test_cmpxchg8b_equal_and_unequal);
    tcase_add_test(t, test_cmpxchg8b_register_form_ud);
    tcase_add_test(t, test_cmpxchg8b_past_limit_faults);
    tcase_add_test(t, test_cmpxchg_always_writes);
    tcase_add_test(t, test_xadd_memory_and_same_register);
    tcase_add_test(t, test_lock_rules);
    tcase_add_test(t, test_setcc_ignores_reg);
    tcase_add_test(t, test_cmov_reads_source_when_false);
    tcase_add_test(t, test_nops_never_touch_memory);
    tcase_add_test(t, test_movzx_movsx_imul_memory);
    tcase_add_test(t, test_shld_shrd_16bit_counts_above_16);
    tcase_add_test(t, test_bswap_and_bsf_choices);
    tcase_add_test(t, test_jcc_rel16_rel32);
    tcase_add_test(t, test_push_pop_fs_gs);
    tcase_add_test(t, test_rep_movsb_with_address_size);
    tcase_add_test(t, test_loop_jcxz_address_size);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return check_run(ops386_suite(), CK_NORMAL);
}
