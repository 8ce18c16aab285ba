/*
 * test_sysreg.c - Check tests for cpu/ops/sysreg.c, cpu/cpuid.c and
 * cpu/debug.c: MOV CRn/DRn (decoding with mod ignored, #UD/#GP rules,
 * DR4/DR5 aliasing, DR7.GD), CPUID leaves, RDTSC and CR4.TSD, MSR reads,
 * writes and #GP, RDPMC, SYSENTER/SYSEXIT, and instruction and data
 * breakpoints delivered as #DB.
 *
 * Single instructions are decoded from bytes and their handler called
 * directly, so faults are seen with their error codes; the breakpoint
 * tests run real-mode code through cpu_run with a #DB handler in the IVT.
 */
#include "paging_fixture.h"

#include "cpu/cpuid.h"
#include "cpu/debug.h"
#include "cpu/decode.h"
#include "tests/unit/check_main.h"

static volatile uint32_t got;

/* Decodes one instruction (real mode unless code32) and runs its handler. */
static void exec_bytes(const uint8_t *bytes, unsigned n, bool code32)
{
    struct insn i;
    ck_assert_int_eq(decode_insn(&i, bytes, n, code32 ? DECODE_CODE32 : 0), DECODE_OK);
    ck_assert_uint_eq(i.len, n);
    i.fn(cpu, &i);
}

#define EXEC(...) do { static const uint8_t b_[] = { __VA_ARGS__ }; \
                       exec_bytes(b_, sizeof b_, false); } while (0)

START_TEST(test_cpuid_leaves)
{
    set_reg32(cpu, REG_AX, 0);
    EXPECT_OK(EXEC(0x0F, 0xA2));
    ck_assert_uint_eq(reg32(cpu, REG_AX), 2);
    ck_assert_uint_eq(reg32(cpu, REG_BX), 0x756E6547); /* Genu */
    ck_assert_uint_eq(reg32(cpu, REG_DX), 0x49656E69); /* ineI */
    ck_assert_uint_eq(reg32(cpu, REG_CX), 0x6C65746E); /* ntel */
    set_reg32(cpu, REG_AX, 1);
    EXPECT_OK(EXEC(0x0F, 0xA2));
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0x0633);
    uint32_t want = CPUID_FPU | CPUID_DE | CPUID_PSE | CPUID_TSC | CPUID_MSR | CPUID_PAE |
                    CPUID_CX8 | CPUID_SEP | CPUID_MTRR | CPUID_PGE | CPUID_CMOV | CPUID_MMX |
                    CPUID_FXSR;
    ck_assert_uint_eq(reg32(cpu, REG_DX), want);
    ck_assert_uint_eq(reg32(cpu, REG_CX), 0);
    set_reg32(cpu, REG_AX, 2);
    EXPECT_OK(EXEC(0x0F, 0xA2));
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0x03020101);
    ck_assert_uint_eq(reg32(cpu, REG_DX), 0x0C040843);
    /* Above the maximum: the highest basic leaf. */
    set_reg32(cpu, REG_AX, 0x80000000u);
    EXPECT_OK(EXEC(0x0F, 0xA2));
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0x03020101);
    ck_assert_uint_eq(reg32(cpu, REG_DX), 0x0C040843);
}
END_TEST

START_TEST(test_rdtsc_and_tsd)
{
    cpu->icount = 1000;
    EXPECT_OK(EXEC(0x0F, 0x31));
    ck_assert_uint_eq(reg32(cpu, REG_AX), 1000);
    ck_assert_uint_eq(reg32(cpu, REG_DX), 0);
    /* WRMSR to the TSC sets the count; it then runs with icount. */
    set_reg32(cpu, REG_CX, 0x10);
    set_reg32(cpu, REG_DX, 1);
    set_reg32(cpu, REG_AX, 5);
    EXPECT_OK(EXEC(0x0F, 0x30));
    cpu->icount += 10;
    EXPECT_OK(EXEC(0x0F, 0x31));
    ck_assert_uint_eq(reg32(cpu, REG_DX), 1);
    ck_assert_uint_eq(reg32(cpu, REG_AX), 15);
    enter_flat_pmode();
    paging_write_cr4(cpu, CR4_TSD);
    cpu->cpl = 3;
    EXPECT_FAULT(EXEC(0x0F, 0x31), EXC_GP, 0);
    cpu->cpl = 0;
    EXPECT_OK(EXEC(0x0F, 0x31));
}
END_TEST

static void wrmsr(uint32_t msr, uint64_t v)
{
    set_reg32(cpu, REG_CX, msr);
    set_reg32(cpu, REG_AX, (uint32_t)v);
    set_reg32(cpu, REG_DX, (uint32_t)(v >> 32));
    EXEC(0x0F, 0x30);
}

static uint64_t rdmsr(uint32_t msr)
{
    set_reg32(cpu, REG_CX, msr);
    EXEC(0x0F, 0x32);
    return (uint64_t)reg32(cpu, REG_DX) << 32 | reg32(cpu, REG_AX);
}

START_TEST(test_msr_read_write_and_gp)
{
    EXPECT_OK(wrmsr(0x174, 0x10));
    EXPECT_OK(got = (uint32_t)rdmsr(0x174));
    ck_assert_uint_eq(got, 0x10);
    EXPECT_OK(got = (uint32_t)rdmsr(0x1B));
    ck_assert_uint_eq(got, 0xFEE00900u);
    EXPECT_OK(got = (uint32_t)rdmsr(0xFE));
    ck_assert_uint_eq(got, 0x508);
    EXPECT_FAULT(wrmsr(0xFE, 0), EXC_GP, 0);           /* MTRRcap is read-only */
    EXPECT_FAULT(rdmsr(0x1234), EXC_GP, 0);            /* no such MSR */
    EXPECT_FAULT(rdmsr(0x277), EXC_GP, 0);             /* no PAT reported */
    EXPECT_FAULT(wrmsr(0x200, 0x2), EXC_GP, 0);        /* memory type 2 */
    EXPECT_OK(wrmsr(0x200, 0x00100006));               /* base 1 MiB, WB */
    EXPECT_OK(got = (uint32_t)rdmsr(0x200));
    ck_assert_uint_eq(got, 0x00100006);
    EXPECT_FAULT(wrmsr(0x201, 1ull << 40), EXC_GP, 0); /* above 36 bits */
    EXPECT_OK(wrmsr(0x2FF, 0xC06));
    EXPECT_FAULT(wrmsr(0x2FF, 0x1006), EXC_GP, 0);
    EXPECT_OK(wrmsr(0x26F, 0x0606060606060606ull));
    EXPECT_FAULT(wrmsr(0x250, 0x07), EXC_GP, 0);
    enter_flat_pmode();
    cpu->cpl = 3;
    EXPECT_FAULT(rdmsr(0x174), EXC_GP, 0);
    EXPECT_FAULT(wrmsr(0x174, 0), EXC_GP, 0);
}
END_TEST

START_TEST(test_rdpmc)
{
    set_reg32(cpu, REG_CX, 1);
    set_reg32(cpu, REG_AX, 0x1234);
    EXPECT_OK(EXEC(0x0F, 0x33));
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0); /* nothing is counted */
    set_reg32(cpu, REG_CX, 2);
    EXPECT_FAULT(EXEC(0x0F, 0x33), EXC_GP, 0);
    enter_flat_pmode();
    cpu->cpl = 3;
    set_reg32(cpu, REG_CX, 0);
    EXPECT_FAULT(EXEC(0x0F, 0x33), EXC_GP, 0);
    cpu->cpl = 0;
    paging_write_cr4(cpu, CR4_PCE);
    cpu->cpl = 3;
    EXPECT_OK(EXEC(0x0F, 0x33));
}
END_TEST

/* 0F 20 with mod = 00 is still the register form: no displacement. */
START_TEST(test_mov_cr_decoding_and_checks)
{
    set_reg32(cpu, REG_AX, 0);
    EXPECT_OK(EXEC(0x0F, 0x20, 0x00)); /* mov eax, cr0 */
    ck_assert_uint_eq(reg32(cpu, REG_AX), cpu->cr0);
    EXPECT_OK(EXEC(0x0F, 0x20, 0x05)); /* mod 00 r/m 101: still EBP, 3 bytes */
    ck_assert_uint_eq(reg32(cpu, REG_BP), cpu->cr0);
    EXPECT_FAULT(EXEC(0x0F, 0x20, 0xC8), EXC_UD, 0); /* cr1 */
    EXPECT_FAULT(EXEC(0x0F, 0x22, 0xE8), EXC_UD, 0); /* cr5 */
    /* OSXMMEXCPT (bit 10) belongs to SSE, which CPUID does not report. */
    set_reg32(cpu, REG_AX, 1u << 10);
    EXPECT_FAULT(EXEC(0x0F, 0x22, 0xE0), EXC_GP, 0);
    ck_assert_uint_eq(cpu->cr4, 0);
    /* OSFXSR (bit 9) exists wherever CPUID reports FXSR, as ours does:
     * Linux sets it at boot and took a #GP here before. */
    set_reg32(cpu, REG_AX, CR4_OSFXSR);
    EXPECT_OK(EXEC(0x0F, 0x22, 0xE0));
    ck_assert_uint_eq(cpu->cr4, CR4_OSFXSR);
    set_reg32(cpu, REG_AX, 0);
    EXPECT_OK(EXEC(0x0F, 0x22, 0xE0));
    set_reg32(cpu, REG_AX, CR0_PG | CR0_ET);         /* PG without PE */
    EXPECT_FAULT(EXEC(0x0F, 0x22, 0xC0), EXC_GP, 0);
    set_reg32(cpu, REG_AX, CR0_NW | CR0_PE);         /* NW without CD */
    EXPECT_FAULT(EXEC(0x0F, 0x22, 0xC0), EXC_GP, 0);
    set_reg32(cpu, REG_BX, 0x12345000);
    EXPECT_OK(EXEC(0x0F, 0x22, 0xD3));               /* mov cr2, ebx */
    ck_assert_uint_eq(cpu->cr2, 0x12345000);
    enter_flat_pmode();
    cpu->cpl = 3;
    EXPECT_FAULT(EXEC(0x0F, 0x20, 0xC0), EXC_GP, 0);
    EXPECT_FAULT(EXEC(0x0F, 0x01, 0x38), EXC_GP, 0); /* invlpg [bx+si] */
    EXPECT_FAULT(EXEC(0x0F, 0x08), EXC_GP, 0);       /* invd */
    EXPECT_FAULT(EXEC(0x0F, 0x09), EXC_GP, 0);       /* wbinvd */
}
END_TEST

START_TEST(test_mov_dr_rules)
{
    set_reg32(cpu, REG_AX, 0xFFFFDFFFu);  /* all but GD */
    EXPECT_OK(EXEC(0x0F, 0x23, 0xF8)); /* mov dr7, eax */
    ck_assert_uint_eq(cpu->dr[7], 0xFFFF07FFu);
    set_reg32(cpu, REG_AX, 0);
    EXPECT_OK(EXEC(0x0F, 0x23, 0xF8));
    ck_assert_uint_eq(cpu->dr[7], 0x400);
    EXPECT_OK(EXEC(0x0F, 0x23, 0xF0)); /* mov dr6, eax */
    ck_assert_uint_eq(cpu->dr[6], 0xFFFF0FF0u);
    set_reg32(cpu, REG_BX, 0xABCD);
    EXPECT_OK(EXEC(0x0F, 0x23, 0xDB)); /* mov dr3, ebx */
    ck_assert_uint_eq(cpu->dr[3], 0xABCD);
    EXPECT_OK(EXEC(0x0F, 0x21, 0xE1)); /* mov ecx, dr4 = dr6 */
    ck_assert_uint_eq(reg32(cpu, REG_CX), 0xFFFF0FF0u);
    paging_write_cr4(cpu, CR4_DE);
    EXPECT_FAULT(EXEC(0x0F, 0x21, 0xE1), EXC_UD, 0);
    /* General detect: the next access is a #DB fault with BD; GD clears. */
    set_reg32(cpu, REG_AX, DR7_GD);
    EXPECT_OK(EXEC(0x0F, 0x23, 0xF8));
    EXPECT_FAULT(EXEC(0x0F, 0x21, 0xD9), EXC_DB, 0);
    ck_assert_uint_ne(cpu->dr[6] & DR6_BD, 0);
    ck_assert_uint_eq(cpu->dr[7] & DR7_GD, 0);
    EXPECT_OK(EXEC(0x0F, 0x21, 0xD9));
    ck_assert_uint_eq(reg32(cpu, REG_CX), 0xABCD);
}
END_TEST

START_TEST(test_sysenter_sysexit)
{
    EXPECT_FAULT(EXEC(0x0F, 0x34), EXC_GP, 0); /* real mode */
    enter_flat_pmode();
    EXPECT_FAULT(EXEC(0x0F, 0x34), EXC_GP, 0); /* SYSENTER_CS = 0 */
    cpu->msr.sysenter_cs = 0x13;
    cpu->msr.sysenter_esp = 0x9000;
    cpu->msr.sysenter_eip = 0x4000;
    cpu->cpl = 3;
    cpu_set_eflags(cpu, FLAG_IF, FLAG_IF);
    EXPECT_OK(EXEC(0x0F, 0x34));
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, 0x10);
    ck_assert_uint_eq(cpu->seg[SEG_SS].selector, 0x18);
    ck_assert_uint_eq(cpu->cpl, 0);
    ck_assert_uint_eq(cpu->eip, 0x4000);
    ck_assert_uint_eq(reg32(cpu, REG_SP), 0x9000);
    ck_assert_uint_eq(cpu->seg[SEG_CS].limit, 0xFFFFFFFFu);
    ck_assert_uint_ne(cpu->seg[SEG_CS].access & SEG_ACCESS_DB, 0);
    ck_assert_uint_ne(cpu->seg[SEG_SS].access & SEG_ACCESS_DB, 0);
    ck_assert_uint_eq(cpu_get_eflags(cpu) & FLAG_IF, 0);
    set_reg32(cpu, REG_CX, 0x7000);
    set_reg32(cpu, REG_DX, 0x5000);
    EXPECT_OK(EXEC(0x0F, 0x35));
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, 0x23);
    ck_assert_uint_eq(cpu->seg[SEG_SS].selector, 0x2B);
    ck_assert_uint_eq(cpu->cpl, 3);
    ck_assert_uint_eq(cpu->eip, 0x5000);
    ck_assert_uint_eq(reg32(cpu, REG_SP), 0x7000);
    ck_assert_uint_eq((cpu->seg[SEG_CS].access >> 5) & 3, 3);
    EXPECT_FAULT(EXEC(0x0F, 0x35), EXC_GP, 0); /* SYSEXIT at CPL 3 */
}
END_TEST

/* Real mode: #DB handler at 0000:3000 is HLT; stack at 0000:8000. */
static void real_mode_db_handler(void)
{
    phys_write16(ps, 4 * EXC_DB, 0x3000);
    phys_write16(ps, 4 * EXC_DB + 2, 0x0000);
    phys_write8(ps, 0x3000, 0xF4);
    cpu_load_seg_real(cpu, SEG_SS, 0);
    set_reg16(cpu, REG_SP, 0x8000);
    cpu_load_seg_real(cpu, SEG_CS, 0);
}

START_TEST(test_instruction_breakpoint)
{
    real_mode_db_handler();
    static const uint8_t code[] = {
        0x66, 0xB8, 0x01, 0x00, 0x00, 0x00, /* 1000: mov eax, 1 (L0) */
        0x0F, 0x23, 0xF8,                   /* 1006: mov dr7, eax   */
        0xB3, 0x02,                         /* 1009: mov bl, 2      */
        0xB7, 0x03,                         /* 100B: mov bh, 3  <- DR0 */
        0xF4,                               /* 100D: hlt            */
    };
    phys_write_block(ps, 0x1000, code, sizeof code);
    cpu->dr[0] = 0x100B;
    run_code_at(0x1000);
    ck_assert_uint_eq(cpu->eip, 0x3001);          /* halted in the handler */
    ck_assert_uint_eq(reg8(cpu, 3), 2);           /* BL: ran */
    ck_assert_uint_eq(reg8(cpu, 7), 0);           /* BH: did not */
    ck_assert_uint_eq(phys_read16(ps, 0x7FFA), 0x100B); /* fault: IP of it */
    ck_assert_uint_eq(cpu->dr[6] & DR6_B_MASK, 1);
}
END_TEST

START_TEST(test_data_breakpoint)
{
    real_mode_db_handler();
    static const uint8_t code[] = {
        0xA0, 0x00, 0x50,                   /* 1000: mov al, [5000h]  (fills the TLB) */
        0x66, 0xB8, 0x04, 0x00, 0x10, 0x00, /* 1003: mov eax, 00100004h: L1, R/W1 = 01 */
        0x0F, 0x23, 0xF8,                   /* 1009: mov dr7, eax */
        0xA0, 0x00, 0x50,                   /* 100C: mov al, [5000h]  (a read: no hit) */
        0xA2, 0x01, 0x50,                   /* 100F: mov [5001h], al  (outside DR1) */
        0xA2, 0x00, 0x50,                   /* 1012: mov [5000h], al  (hit) */
        0xB3, 0x07,                         /* 1015: mov bl, 7 */
        0xF4,                               /* 1017: hlt */
    };
    phys_write_block(ps, 0x1000, code, sizeof code);
    cpu->dr[1] = 0x5000;
    run_code_at(0x1000);
    ck_assert_uint_eq(cpu->eip, 0x3001);
    ck_assert_uint_eq(reg8(cpu, 3), 0);                 /* the trap came first */
    ck_assert_uint_eq(phys_read16(ps, 0x7FFA), 0x1015); /* trap: IP after */
    ck_assert_uint_eq(cpu->dr[6] & DR6_B_MASK, 2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sysreg");
    TCase *tc = tcase_create("sysreg");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_cpuid_leaves);
    tcase_add_test(tc, test_rdtsc_and_tsd);
    tcase_add_test(tc, test_msr_read_write_and_gp);
    tcase_add_test(tc, test_rdpmc);
    tcase_add_test(tc, test_mov_cr_decoding_and_checks);
    tcase_add_test(tc, test_mov_dr_rules);
    tcase_add_test(tc, test_sysenter_sysexit);
    tcase_add_test(tc, test_instruction_breakpoint);
    tcase_add_test(tc, test_data_breakpoint);
    suite_add_tcase(s, tc);
    return check_run(s, CK_NORMAL);
}
