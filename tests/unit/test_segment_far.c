/*
 * test_segment_far.c - Check tests for protected-mode far transfers: far
 * JMP and CALL direct, to conforming and 16-bit code, through 32- and
 * 16-bit call gates (same level and to an inner ring, with the stack
 * switch), through a task gate, and RETF back to an outer ring with its
 * SS checks.  The rest of segmentation is in test_segment.c; the machine
 * both use is segment_fixture.h.  Program bytes were assembled with nasm
 * (bits 32 unless marked).
 */
#include "tests/unit/segment_fixture.h"
#include "tests/unit/check_main.h"

/* ---- far transfers ------------------------------------------------------ */

START_TEST(test_far_jmp_checks)
{
    pm_start(0, CODE);
    ck_assert_int_eq(catch_jmp(0, 0), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, 0);
    ck_assert_int_eq(catch_jmp(S_DATA0, 0), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, S_DATA0);
    ck_assert_int_eq(catch_jmp(0x7F8, 0), EXC_GP);              /* past the GDT */
    ck_assert_uint_eq(cpu->exc_error, 0x7F8);
    ck_assert_int_eq(catch_jmp(S_CODE3 | 3, 0), EXC_GP);        /* DPL 3 != CPL 0 */
    ck_assert_uint_eq(cpu->exc_error, S_CODE3);
    ck_assert_int_eq(catch_jmp(S_CODE0 | 1, 0), EXC_GP);        /* RPL 1 > CPL 0 */
    ck_assert_int_eq(catch_jmp(S_ABSCODE, 0), EXC_NP);
    ck_assert_uint_eq(cpu->exc_error, S_ABSCODE);
    ck_assert_int_eq(catch_jmp(S_CODE16, 0x10000), EXC_GP);     /* past the limit */
    ck_assert_uint_eq(cpu->exc_error, 0);
    ck_assert_int_eq(catch_jmp(S_INTGATE, 0), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, S_INTGATE);
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, S_CODE0);      /* nothing committed */
    ck_assert_uint_eq(cpu->eip, CODE);

    ck_assert_int_eq(catch_jmp(S_CODE16, 0x6000), -1);
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, S_CODE16);
    ck_assert_uint_eq(cpu->eip, 0x6000);
}
END_TEST

/* JMP to a conforming segment keeps CPL (and sets CS.RPL to it). */
START_TEST(test_far_jmp_conforming)
{
    pm_start(3, CODE);
    ck_assert_int_eq(catch_jmp(S_CONF0, 0x1234), -1);
    ck_assert_uint_eq(cpu->cpl, 3);
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, S_CONF0 | 3);
    ck_assert_uint_eq(cpu->eip, 0x1234);
}
END_TEST

/* A far JMP to a 16-bit code segment switches decoding to 16 bits. */
START_TEST(test_far_jmp_to_16bit_code)
{
    static const uint8_t code[] = { 0xEA, 0x00, 0x60, 0x00, 0x00, 0x38, 0x00 }; /* jmp 0x38:0x6000 */
    static const uint8_t code16[] = { 0xB8, 0x34, 0x12, 0xF4 };  /* bits 16: mov ax,0x1234; hlt */
    load(CODE, code, sizeof code);
    load(CODE16, code16, sizeof code16);
    pm_start(0, CODE);
    set_reg32(cpu, REG_AX, 0xAAAA0000u);
    run_to_halt();
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, S_CODE16);
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0xAAAA1234u);
    ck_assert_uint_eq(cpu->eip, CODE16 + 4);
}
END_TEST

/* CALL through a 32-bit call gate from ring 3 to ring 0 with two dword
 * parameters, then RETF 8 back to ring 3, which nulls DS (DPL 0) but
 * keeps ES (conforming code). */
START_TEST(test_call_gate_inner_and_return)
{
    static const uint8_t code[] = {
        0x68, 0x11, 0x11, 0x11, 0x11,             /* push dword 0x11111111 */
        0x68, 0x22, 0x22, 0x22, 0x22,             /* push dword 0x22222222 */
        0x9A, 0x00, 0x00, 0x00, 0x00, 0x50, 0x00, /* call 0x50:0 (the gate) */
        0x89, 0xE3,                               /* mov ebx,esp */
        0x66, 0x8C, 0xC9,                         /* mov cx,cs */
        0x66, 0x8C, 0xDA,                         /* mov dx,ds */
        0x66, 0x8C, 0xC6,                         /* mov si,es */
        0xF4,                                     /* hlt: #GP at ring 3 */
    };
    static const uint8_t target[] = {
        0xF4,                                     /* hlt */
        0x66, 0xB8, 0x10, 0x00,                   /* mov ax,0x10 */
        0x8E, 0xD8,                               /* mov ds,ax */
        0x66, 0xB8, 0x58, 0x00,                   /* mov ax,0x58 */
        0x8E, 0xC0,                               /* mov es,ax */
        0xCA, 0x08, 0x00,                         /* retf 8 */
    };
    load(CODE, code, sizeof code);
    load(GATE_TARGET, target, sizeof target);
    pm_start(3, CODE);
    run_to_halt();

    ck_assert_uint_eq(cpu->eip, GATE_TARGET + 1);
    ck_assert_uint_eq(cpu->cpl, 0);
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, S_CODE0);
    ck_assert_uint_eq(cpu->seg[SEG_SS].selector, S_DATA0);
    uint32_t sp = reg32(cpu, REG_SP);
    ck_assert_uint_eq(sp, STACK0 - 24);
    ck_assert_uint_eq(phys_read32(ps, sp), CODE + 17);             /* return EIP */
    ck_assert_uint_eq(phys_read32(ps, sp + 4) & 0xFFFF, S_CODE3 | 3);
    ck_assert_uint_eq(phys_read32(ps, sp + 8), 0x22222222u);       /* parameters */
    ck_assert_uint_eq(phys_read32(ps, sp + 12), 0x11111111u);
    ck_assert_uint_eq(phys_read32(ps, sp + 16), STACK3 - 8);       /* old ESP */
    ck_assert_uint_eq(phys_read32(ps, sp + 20) & 0xFFFF, S_DATA3 | 3);

    run_to_halt();
    check_exception(EXC_GP, true, 0, S_CODE3 | 3, CODE + 28);
    ck_assert_uint_eq(reg32(cpu, REG_BX), STACK3);
    ck_assert_uint_eq(reg16(cpu, REG_CX), S_CODE3 | 3);
    ck_assert_uint_eq(reg16(cpu, REG_DX), 0);
    ck_assert_uint_eq(reg16(cpu, REG_SI), S_CONF0);
}
END_TEST

/* CALL through a 16-bit call gate at the same level pushes 16-bit CS:IP. */
START_TEST(test_call_gate16_same_level)
{
    static const uint8_t code[] = { 0x9A, 0x00, 0x00, 0x00, 0x00, 0x78, 0x00, 0xF4 };
    static const uint8_t code16[] = { 0xF4 };
    load(CODE, code, sizeof code);
    load(CODE16, code16, sizeof code16);
    pm_start(0, CODE);
    run_to_halt();
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, S_CODE16);
    ck_assert_uint_eq(cpu->eip, CODE16 + 1);
    ck_assert_uint_eq(reg32(cpu, REG_SP), STACK0 - 4);
    ck_assert_uint_eq(phys_read16(ps, STACK0 - 4), (CODE + 7) & 0xFFFF);
    ck_assert_uint_eq(phys_read16(ps, STACK0 - 2), S_CODE0);
}
END_TEST

/* A call gate with DPL 0 cannot be used from ring 3. */
START_TEST(test_call_gate_privilege)
{
    pm_start(3, CODE);
    if (setjmp(cpu->fault_unwind) == 0) {
        far_call_pmode(cpu, S_GATE16 | 3, 0, 4);
        ck_abort_msg("no fault");
    }
    ck_assert_uint_eq(cpu->exc_vector, EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, S_GATE16);
    ck_assert_uint_eq(reg32(cpu, REG_SP), STACK3);
}
END_TEST

/* RETF to ring 3 with an SS that is not a ring-3 segment: #GP(SS). */
START_TEST(test_retf_outer_bad_ss)
{
    static const uint8_t code[] = {
        0x6A, 0x10,                               /* push dword 0x10 (ring-0 SS) */
        0x68, 0x00, 0xFF, 0x06, 0x00,             /* push dword 0x6ff00 */
        0x6A, 0x1B,                               /* push dword 0x1b */
        0x68, 0x00, 0x00, 0x01, 0x00,             /* push dword 0x10000 */
        0xCB,                                     /* retf */
    };
    load(CODE, code, sizeof code);
    pm_start(0, CODE);
    run_to_halt();
    check_exception(EXC_GP, true, S_DATA0, S_CODE0, CODE + 14);
    ck_assert_uint_eq(cpu->cpl, 0);
}
END_TEST

/* RETF to ring 3 through the direct function: CPL, SS:ESP and the
 * invalidation of a ring-0 DS. */
START_TEST(test_retf_outer)
{
    pm_start(0, CODE);
    uint32_t sp = STACK0 - 16;
    phys_write32(ps, sp, 0x2000);             /* EIP */
    phys_write32(ps, sp + 4, S_CODE3 | 3);    /* CS */
    phys_write32(ps, sp + 8, 0x6FF00);        /* ESP */
    phys_write32(ps, sp + 12, S_DATA3 | 3);   /* SS */
    set_reg32(cpu, REG_SP, sp);
    if (setjmp(cpu->fault_unwind) == 0)
        far_ret_pmode(cpu, 4, 0);
    else
        ck_abort_msg("fault %u", cpu->exc_vector);
    ck_assert_uint_eq(cpu->cpl, 3);
    ck_assert_uint_eq(cpu->eip, 0x2000);
    ck_assert_uint_eq(reg32(cpu, REG_SP), 0x6FF00);
    ck_assert_uint_eq(cpu->seg[SEG_SS].selector, S_DATA3 | 3);
    ck_assert_uint_eq(cpu->seg[SEG_DS].selector, 0);
    ck_assert_uint_eq(cpu->seg[SEG_DS].rights, 0);
}
END_TEST

/* Direct far CALL at the same level and RETF imm16 back; a stack with no
 * room for the return address is #SS(0) with nothing changed. */
START_TEST(test_far_call_direct_and_retf)
{
    pm_start(0, CODE);
    cpu->eip = CODE + 7;
    if (setjmp(cpu->fault_unwind) == 0)
        far_call_pmode(cpu, S_CODE16, 0x6000, 4);
    else
        ck_abort_msg("fault %u", cpu->exc_vector);
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, S_CODE16);
    ck_assert_uint_eq(cpu->eip, 0x6000);
    ck_assert_uint_eq(reg32(cpu, REG_SP), STACK0 - 8);
    ck_assert_uint_eq(phys_read32(ps, STACK0 - 8), CODE + 7);
    ck_assert_uint_eq(phys_read16(ps, STACK0 - 4), S_CODE0);

    if (setjmp(cpu->fault_unwind) == 0)
        far_ret_pmode(cpu, 4, 0x10);
    else
        ck_abort_msg("fault %u", cpu->exc_vector);
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, S_CODE0);
    ck_assert_uint_eq(cpu->eip, CODE + 7);
    ck_assert_uint_eq(reg32(cpu, REG_SP), STACK0 + 0x10);
    ck_assert_uint_eq(cpu->cpl, 0);

    cpu_load_seg(cpu, SEG_SS, S_SMALL);
    set_reg32(cpu, REG_SP, 6);
    if (setjmp(cpu->fault_unwind) == 0) {
        far_call_pmode(cpu, S_CODE16, 0x6000, 4);
        ck_abort_msg("no fault");
    }
    ck_assert_uint_eq(cpu->exc_vector, EXC_SS);
    ck_assert_uint_eq(cpu->exc_error, 0);
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, S_CODE0);
    ck_assert_uint_eq(reg32(cpu, REG_SP), 6);
}
END_TEST

/* JMP through a task gate reaches task_switch: TR and EIP of the new task. */
START_TEST(test_far_jmp_task_gate)
{
    static const uint8_t code[] = { 0xEA, 0x00, 0x00, 0x00, 0x00, 0x98, 0x00 }; /* jmp 0x98:0 */
    load(CODE, code, sizeof code);
    phys_write8(ps, CODE + 0x100, 0xF4);
    phys_write32(ps, TSS2 + 0x20, CODE + 0x100);   /* EIP */
    phys_write32(ps, TSS2 + 0x24, 0x2);            /* EFLAGS */
    phys_write32(ps, TSS2 + 0x38, STACK0 - 0x100); /* ESP */
    phys_write32(ps, TSS2 + 0x2C, 0x55);           /* ECX */
    static const uint16_t segs[6] = { S_DATA0, S_CODE0, S_DATA0, S_DATA0, S_DATA0, S_DATA0 };
    for (unsigned g = 0; g < 6; g++)
        phys_write32(ps, TSS2 + 0x48 + 4 * g, segs[g]);
    pm_start(0, CODE);
    run_to_halt();
    ck_assert_uint_eq(cpu->tr.selector, S_TSS2);
    ck_assert_uint_eq(cpu->eip, CODE + 0x101);
    ck_assert_uint_eq(reg32(cpu, REG_CX), 0x55);
    ck_assert_uint_eq(phys_read32(ps, TSS + 0x20), CODE + 7); /* old EIP saved */
}
END_TEST

static Suite *segment_suite(void)
{
    Suite *s = suite_create("segment_far");
    TCase *t = tcase_create("core");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_far_jmp_checks);
    tcase_add_test(t, test_far_jmp_conforming);
    tcase_add_test(t, test_far_jmp_to_16bit_code);
    tcase_add_test(t, test_call_gate_inner_and_return);
    tcase_add_test(t, test_call_gate16_same_level);
    tcase_add_test(t, test_call_gate_privilege);
    tcase_add_test(t, test_retf_outer_bad_ss);
    tcase_add_test(t, test_retf_outer);
    tcase_add_test(t, test_far_call_direct_and_retf);
    tcase_add_test(t, test_far_jmp_task_gate);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return check_run(segment_suite(), CK_NORMAL);
}
