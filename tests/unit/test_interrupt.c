/*
 * test_interrupt.c - Check tests for protected-mode interrupt and
 * exception delivery (cpu/interrupt.c), IRET (cpu/iret.c), the double-
 * fault rules (cpu/exec.c) and the IOPL-sensitive flag instructions.
 *
 * Each case builds a GDT/IDT/TSS with pm_fixture.h, runs a few bytes of
 * hand-assembled code (assembly beside the bytes), and checks every slot
 * of the frame the handler finds on its stack, the error code, and the
 * saved EIP (faults: the faulting instruction; traps and INT n: the next).
 */
#include "pm_fixture.h"

#include "cpu/paging.h"
#include "cpu/tss.h"
#include "tests/unit/check_main.h"

static uint8_t ack_vector;
static uint8_t ack(void *opaque)
{
    (void)opaque;
    cpu_set_intr(cpu, false);
    return ack_vector;
}

/* INT n at CPL 0 through a 32-bit interrupt gate: EFLAGS, CS, EIP on the
 * same stack; IF cleared. */
START_TEST(test_int_same_level)
{
    static const uint8_t code[] = { 0xCD, 0x40 }; /* int 40h */
    load(CODE, code, sizeof code);
    idt_set(0x40, 0xE, SEL_CODE0, handler_at(2), 0);
    pm_start(0, FLAG_IF | FLAG_CF);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(2) + 1);
    ck_assert_uint_eq(reg32(cpu, REG_SP), STACK0_TOP - 12);
    ck_assert_uint_eq(stack32(0), CODE + 2);
    ck_assert_uint_eq(stack32(1), SEL_CODE0);
    ck_assert_uint_eq(stack32(2), FLAG_RES1 | FLAG_IF | FLAG_CF);
    ck_assert_uint_eq(cpu_get_eflags(cpu) & FLAG_IF, 0);
}
END_TEST

/* INT n from CPL 3 through a DPL-3 trap gate to ring 0: new stack from
 * the TSS, SS and ESP of ring 3 on it; IF kept (trap gate). */
START_TEST(test_int_to_inner_level)
{
    static const uint8_t code[] = { 0xCD, 0x41 }; /* int 41h */
    load(CODE, code, sizeof code);
    idt_set(0x41, 0xF, SEL_CODE0, handler_at(2), 3);
    pm_start(3, FLAG_IF);
    run_to_halt();
    ck_assert_uint_eq(cpu->cpl, 0);
    ck_assert_uint_eq(cpu->seg[SEG_CS].selector, SEL_CODE0);
    ck_assert_uint_eq(cpu->seg[SEG_SS].selector, SEL_DATA0);
    ck_assert_uint_eq(reg32(cpu, REG_SP), STACK0_TOP - 20);
    ck_assert_uint_eq(stack32(0), CODE + 2);
    ck_assert_uint_eq(stack32(1), SEL_CODE3);
    ck_assert_uint_eq(stack32(2), FLAG_RES1 | FLAG_IF);
    ck_assert_uint_eq(stack32(3), STACK3_TOP);
    ck_assert_uint_eq(stack32(4), SEL_DATA3);
    ck_assert_uint_ne(cpu_get_eflags(cpu) & FLAG_IF, 0);
}
END_TEST

/* INT n from CPL 3 to a DPL-0 gate: #GP(vector * 8 + 2), a fault at the
 * INT instruction. */
START_TEST(test_int_gate_dpl_check)
{
    static const uint8_t code[] = { 0xCD, 0x42 }; /* int 42h */
    load(CODE, code, sizeof code);
    idt_set(0x42, 0xE, SEL_CODE0, handler_at(2), 0);
    pm_start(3, 0);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_GP) + 1);
    ck_assert_uint_eq(reg32(cpu, REG_SP), STACK0_TOP - 24);
    ck_assert_uint_eq(stack32(0), 0x42 * 8 + 2);
    ck_assert_uint_eq(stack32(1), CODE);
    ck_assert_uint_eq(stack32(2), SEL_CODE3);
    ck_assert_uint_eq(stack32(3), FLAG_RES1 | FLAG_RF); /* a fault: RF in the image */
    ck_assert_uint_eq(stack32(4), STACK3_TOP);
    ck_assert_uint_eq(stack32(5), SEL_DATA3);
}
END_TEST

/* A fault with an error code: MOV DS with a selector past the GDT limit
 * is #GP(selector), saved EIP = the MOV. */
START_TEST(test_fault_error_code_and_eip)
{
    static const uint8_t code[] = {
        0xB8, 0x80, 0x00, 0x00, 0x00, /* mov eax,80h */
        0x8E, 0xD8,                   /* mov ds,ax */
    };
    load(CODE, code, sizeof code);
    pm_start(0, 0);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_GP) + 1);
    ck_assert_uint_eq(reg32(cpu, REG_SP), STACK0_TOP - 16);
    ck_assert_uint_eq(stack32(0), 0x80);
    ck_assert_uint_eq(stack32(1), CODE + 5);
    ck_assert_uint_eq(stack32(2), SEL_CODE0);
}
END_TEST

/* #DE has no error code; its saved EIP is the DIV, and as for every
 * fault the EFLAGS image has RF set (INT n's above does not). */
START_TEST(test_fault_without_error_code)
{
    static const uint8_t code[] = {
        0x31, 0xC9, /* xor ecx,ecx */
        0xF7, 0xF1, /* div ecx */
    };
    load(CODE, code, sizeof code);
    pm_start(0, 0);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_DE) + 1);
    ck_assert_uint_eq(reg32(cpu, REG_SP), STACK0_TOP - 12);
    ck_assert_uint_eq(stack32(0), CODE + 2);
    ck_assert_uint_eq(stack32(1), SEL_CODE0);
    ck_assert_uint_eq(stack32(2), FLAG_RES1 | FLAG_RF | FLAG_ZF | FLAG_PF);
}
END_TEST

/* A gate that is not present: #NP(vector * 8 + 2), with EXT for an
 * exception being delivered (INT1 is one) and without for INT n.  Both
 * are handled serially (a benign first event), not as #DF. */
START_TEST(test_not_present_gate_ext_bit)
{
    static const uint8_t code[] = { 0xF1 }; /* int1 */
    load(CODE, code, sizeof code);
    idt_set_absent(EXC_DB, 0xE, SEL_CODE0, handler_at(EXC_DB));
    pm_start(0, 0);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_NP) + 1);
    ck_assert_uint_eq(stack32(0), EXC_DB * 8 + 2 + 1);
    ck_assert_uint_eq(stack32(1), CODE);

    static const uint8_t code2[] = { 0xCD, 0x43 }; /* int 43h */
    load(CODE, code2, sizeof code2);
    idt_set_absent(0x43, 0xE, SEL_CODE0, handler_at(2));
    pm_start(0, 0);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_NP) + 1);
    ck_assert_uint_eq(stack32(0), 0x43 * 8 + 2);
    ck_assert_uint_eq(stack32(1), CODE);
}
END_TEST

/* External interrupts: no DPL check, EXT in delivery faults (here the
 * vector is past the IDT limit: #GP(vector * 8 + 2 + 1)). */
START_TEST(test_external_interrupt)
{
    static const uint8_t code[] = { 0x90, 0xF4 }; /* nop; hlt */
    load(CODE, code, sizeof code);
    idt_set(0x50, 0xE, SEL_CODE0, handler_at(3), 0);
    cpu->intr_ack = ack;
    ack_vector = 0x50;
    pm_start(0, FLAG_IF);
    cpu_set_intr(cpu, true);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(3) + 1);
    ck_assert_uint_eq(stack32(0), CODE);
    ck_assert_uint_eq(stack32(2), FLAG_RES1 | FLAG_IF);
    ck_assert_uint_eq(cpu_get_eflags(cpu) & FLAG_IF, 0);

    pm_start(0, FLAG_IF);
    cpu->idtr.limit = 0x50 * 8 - 1;
    cpu_set_intr(cpu, true);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_GP) + 1);
    ck_assert_uint_eq(stack32(0), 0x50 * 8 + 2 + 1);
    ck_assert_uint_eq(stack32(1), CODE);
}
END_TEST

/* 16-bit interrupt gate: the frame is three words. */
START_TEST(test_16bit_gate_frame)
{
    static const uint8_t code[] = { 0xCD, 0x44 }; /* int 44h */
    static const uint8_t hlt[] = { 0xF4 };
    load(CODE, code, sizeof code);
    load(0x9000, hlt, 1);
    idt_set(0x44, 0x6, SEL_CODE0, 0x9000, 0);
    pm_start(0, FLAG_IF | FLAG_ZF);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, 0x9001);
    ck_assert_uint_eq(reg32(cpu, REG_SP), STACK0_TOP - 6);
    ck_assert_uint_eq(stack16(0), (CODE + 2) & 0xFFFF);
    ck_assert_uint_eq(stack16(1), SEL_CODE0);
    ck_assert_uint_eq(stack16(2), FLAG_RES1 | FLAG_IF | FLAG_ZF);
}
END_TEST

/* #NP while delivering #GP: contributory after contributory = #DF(0),
 * with the saved EIP of the instruction that faulted first. */
START_TEST(test_double_fault)
{
    static const uint8_t code[] = {
        0xB8, 0x80, 0x00, 0x00, 0x00, /* mov eax,80h */
        0x8E, 0xD8,                   /* mov ds,ax: #GP(80h) */
    };
    load(CODE, code, sizeof code);
    idt_set_absent(EXC_GP, 0xE, SEL_CODE0, handler_at(EXC_GP));
    pm_start(0, 0);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_DF) + 1);
    ck_assert_uint_eq(reg32(cpu, REG_SP), STACK0_TOP - 16);
    ck_assert_uint_eq(stack32(0), 0);
    ck_assert_uint_eq(stack32(1), CODE + 5);
    ck_assert_uint_eq(stack32(2), SEL_CODE0);
}
END_TEST

/* ... and a fault while delivering #DF shuts the CPU down. */
START_TEST(test_triple_fault_shutdown)
{
    static const uint8_t code[] = {
        0xB8, 0x80, 0x00, 0x00, 0x00, /* mov eax,80h */
        0x8E, 0xD8,                   /* mov ds,ax */
    };
    load(CODE, code, sizeof code);
    idt_set_absent(EXC_GP, 0xE, SEL_CODE0, handler_at(EXC_GP));
    idt_set_absent(EXC_DF, 0xE, SEL_CODE0, handler_at(EXC_DF));
    pm_start(0, 0);
    ck_assert_int_eq(cpu_run(cpu, 10000), CPU_STOP_SHUTDOWN);
}
END_TEST

/* IRETD to CPL 3 pops ESP and SS, and leaves no ring-0 data segment in
 * DS; the ring-3 code then traps back through a DPL-3 gate. */
START_TEST(test_iret_to_outer_level)
{
    static const uint8_t code[] = { 0xCF }; /* iretd */
    static const uint8_t user[] = { 0xCD, 0x41 }; /* int 41h */
    load(CODE, code, sizeof code);
    load(CODE + 0x100, user, sizeof user);
    idt_set(0x41, 0xE, SEL_CODE0, handler_at(2), 3);
    pm_start(0, 0);
    pm_load_seg(SEG_ES, SEL_DATA3);
    uint32_t sp = STACK0_TOP - 20;
    set_reg32(cpu, REG_SP, sp);
    phys_write32(ps, sp + 0, CODE + 0x100);
    phys_write32(ps, sp + 4, SEL_CODE3);
    phys_write32(ps, sp + 8, FLAG_RES1 | FLAG_IF | FLAG_IOPL); /* IOPL kept at CPL 0 */
    phys_write32(ps, sp + 12, STACK3_TOP - 0x40);
    phys_write32(ps, sp + 16, SEL_DATA3);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(2) + 1);
    ck_assert_uint_eq(stack32(0), CODE + 0x102);
    ck_assert_uint_eq(stack32(1), SEL_CODE3);
    ck_assert_uint_eq(stack32(2), FLAG_RES1 | FLAG_IF | FLAG_IOPL);
    ck_assert_uint_eq(stack32(3), STACK3_TOP - 0x40);
    ck_assert_uint_eq(stack32(4), SEL_DATA3);
    ck_assert_uint_eq(cpu->seg[SEG_DS].rights, 0);            /* DPL 0: made null */
    ck_assert_uint_eq(cpu->seg[SEG_ES].selector, SEL_DATA3); /* DPL 3: kept */
}
END_TEST

/* POPFD at CPL 3 with IOPL 0 changes neither IOPL nor IF, but CF. */
START_TEST(test_popf_cpl3)
{
    static const uint8_t code[] = {
        0x68, 0x01, 0x32, 0x00, 0x00, /* push 3201h: IOPL 3, IF, CF */
        0x9D,                         /* popfd */
        0xCD, 0x41,                   /* int 41h */
    };
    load(CODE, code, sizeof code);
    idt_set(0x41, 0xE, SEL_CODE0, handler_at(2), 3);
    pm_start(3, 0);
    run_to_halt();
    ck_assert_uint_eq(stack32(2), FLAG_RES1 | FLAG_CF);
}
END_TEST

/* CLI at CPL 3 needs IOPL 3, else #GP(0) at the CLI. */
START_TEST(test_cli_iopl)
{
    static const uint8_t code[] = { 0xFA, 0xCD, 0x41 }; /* cli; int 41h */
    load(CODE, code, sizeof code);
    idt_set(0x41, 0xE, SEL_CODE0, handler_at(2), 3);
    pm_start(3, FLAG_IF);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_GP) + 1);
    ck_assert_uint_eq(stack32(0), 0);
    ck_assert_uint_eq(stack32(1), CODE);

    pm_start(3, FLAG_IF | FLAG_IOPL);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(2) + 1);
    ck_assert_uint_eq(stack32(2), FLAG_RES1 | FLAG_IOPL);
}
END_TEST

/* A bad stack for the new level in the TSS: #TS(SS selector), or #TS(0)
 * for a null one, at the INT instruction. */
START_TEST(test_bad_tss_stack)
{
    static const uint8_t code[] = { 0xCD, 0x41 }; /* int 41h */
    load(CODE, code, sizeof code);
    idt_set(0x41, 0xE, SEL_CODE1, handler_at(2), 3); /* to ring 1 */
    phys_write16(ps, TSS_A + 0x10, SEL_DATA0);       /* SS1: RPL 0, DPL 0 */
    pm_start(3, 0);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_TS) + 1);
    ck_assert_uint_eq(stack32(0), SEL_DATA0);
    ck_assert_uint_eq(stack32(1), CODE);
    ck_assert_uint_eq(stack32(2), SEL_CODE3);

    phys_write16(ps, TSS_A + 0x10, 0);
    pm_start(3, 0);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_TS) + 1);
    ck_assert_uint_eq(stack32(0), 0);
}
END_TEST

/* #AC(0): a misaligned access at CPL 3 with CR0.AM and EFLAGS.AC; a
 * fault at the access.  Without either bit, or aligned, nothing. */
START_TEST(test_alignment_check)
{
    static const uint8_t code[] = {
        0xA1, 0x01, 0x00, 0x01, 0x00, /* mov eax,[10001h] */
        0xCD, 0x41,                   /* int 41h */
    };
    load(CODE, code, sizeof code);
    idt_set(0x41, 0xE, SEL_CODE0, handler_at(2), 3);
    pm_start(3, FLAG_AC);
    cpu->cr0 |= CR0_AM;
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_AC) + 1);
    ck_assert_uint_eq(stack32(0), 0);
    ck_assert_uint_eq(stack32(1), CODE);
    ck_assert_uint_eq(stack32(2), SEL_CODE3);

    pm_start(3, 0); /* EFLAGS.AC clear */
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(2) + 1);
    cpu->cr0 &= ~(uint32_t)CR0_AM;
    pm_start(3, FLAG_AC);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(2) + 1);
    cpu->cr0 |= CR0_AM;
    phys_write8(ps, CODE + 1, 0x04); /* mov eax,[10004h]: aligned */
    pm_start(3, FLAG_AC);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(2) + 1);
}
END_TEST

/* Identity paging for the first 4 MiB, with the page at `hole` not
 * present. */
static void paging_with_hole(uint32_t hole)
{
    const uint32_t pd = 0x100000, pt = 0x101000;
    for (uint32_t k = 0; k < 1024; k++) {
        phys_write32(ps, pd + 4 * k, 0);
        phys_write32(ps, pt + 4 * k, (k << 12) | 0x7); /* P, W, U */
    }
    phys_write32(ps, pd, pt | 0x7);
    phys_write32(ps, pt + 4 * (hole >> 12), 0);
    paging_write_cr3(cpu, pd);
    paging_write_cr0(cpu, cpu->cr0 | CR0_PG);
}

/* #NP while delivering #PF: a page fault then a contributory fault is
 * #DF(0); CR2 keeps the address of the first fault. */
START_TEST(test_page_fault_then_contributory)
{
    static const uint8_t code[] = { 0xA1, 0x00, 0x00, 0x09, 0x00 }; /* mov eax,[90000h] */
    load(CODE, code, sizeof code);
    pm_start(0, 0);
    paging_with_hole(0x90000);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_PF) + 1);
    ck_assert_uint_eq(stack32(0), 0); /* not present, read, supervisor */
    ck_assert_uint_eq(stack32(1), CODE);
    ck_assert_uint_eq(cpu->cr2, 0x90000);

    idt_set_absent(EXC_PF, 0xE, SEL_CODE0, handler_at(EXC_PF));
    pm_start(0, 0);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_DF) + 1);
    ck_assert_uint_eq(stack32(0), 0);
    ck_assert_uint_eq(stack32(1), CODE);
    ck_assert_uint_eq(cpu->cr2, 0x90000);
}
END_TEST

/* #PF while delivering #PF (the ring-0 stack is not mapped): #DF, here
 * through a task gate to a task whose stack is fine. */
START_TEST(test_page_fault_then_page_fault)
{
    static const uint8_t code[] = { 0xA1, 0x00, 0x00, 0x08, 0x00 }; /* mov eax,[80000h] */
    static const uint8_t c_code[] = { 0xF4 };
    load(CODE, code, sizeof code);
    load(0x13000, c_code, sizeof c_code);
    for (uint32_t k = 0; k < 0x68; k += 4)
        phys_write32(ps, TSS_C + k, 0);
    phys_write32(ps, TSS_C + TSS32_EIP, 0x13000);
    phys_write32(ps, TSS_C + TSS32_EFLAGS, FLAG_RES1);
    phys_write32(ps, TSS_C + TSS32_EAX + 4 * REG_SP, 0x50000);
    phys_write32(ps, TSS_C + TSS32_CR3, 0x100000);
    for (int g = 0; g < SEG_COUNT; g++)
        phys_write16(ps, TSS_C + TSS32_ES + 4 * g, g == SEG_CS ? SEL_CODE0 : SEL_DATA0);
    idt_set(EXC_DF, 0x5, SEL_TSS_C, 0, 0);
    pm_start(3, 0);
    phys_write32(ps, TSS_A + 4, 0x80000);   /* ESP0 = 80000h: pushes go to 7FFFCh.. */
    paging_with_hole(0x7F000);
    phys_write32(ps, 0x101000 + 4 * 0x80, 0);  /* and 80000h itself is absent */
    paging_write_cr3(cpu, 0x100000);
    run_to_halt();
    ck_assert_uint_eq(cpu->tr.selector, SEL_TSS_C);
    ck_assert_uint_eq(stack32(0), 0);
    ck_assert_uint_eq(reg32(cpu, REG_SP), 0x50000 - 4);
    ck_assert_uint_eq(phys_read32(ps, TSS_A + TSS32_EIP), CODE);
    ck_assert_uint_eq(cpu->cr2, 0x7FFFC);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("interrupt");
    TCase *tc = tcase_create("interrupt");
    tcase_add_checked_fixture(tc, pm_setup, pm_teardown);
    tcase_add_test(tc, test_int_same_level);
    tcase_add_test(tc, test_int_to_inner_level);
    tcase_add_test(tc, test_int_gate_dpl_check);
    tcase_add_test(tc, test_fault_error_code_and_eip);
    tcase_add_test(tc, test_fault_without_error_code);
    tcase_add_test(tc, test_not_present_gate_ext_bit);
    tcase_add_test(tc, test_external_interrupt);
    tcase_add_test(tc, test_16bit_gate_frame);
    tcase_add_test(tc, test_double_fault);
    tcase_add_test(tc, test_triple_fault_shutdown);
    tcase_add_test(tc, test_iret_to_outer_level);
    tcase_add_test(tc, test_popf_cpl3);
    tcase_add_test(tc, test_cli_iopl);
    tcase_add_test(tc, test_bad_tss_stack);
    tcase_add_test(tc, test_alignment_check);
    tcase_add_test(tc, test_page_fault_then_contributory);
    tcase_add_test(tc, test_page_fault_then_page_fault);
    suite_add_tcase(s, tc);
    return check_run(s, CK_NORMAL);
}
