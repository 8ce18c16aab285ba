/*
 * test_task.c - Check tests for hardware task switches (cpu/task.c):
 * CALL and IRET (nesting: NT, back link, busy bits), JMP, exceptions
 * through a task gate (error code on the new task's stack), faults in the
 * new task's segments (#TS raised in the new task's context), 16-bit
 * TSSs, the T bit, a switch into a V86 task, and a busy TSS.
 *
 * Task A is the running task (TSS A, set up by pm_fixture.h); B, C and D
 * are filled in here.  Far JMP/CALL to a TSS come from pmode-seg's far
 * transfers (cpu/ops/far.c), which call task_switch().
 */
#include "pm_fixture.h"

#include "cpu/tss.h"
#include "tests/unit/check_main.h"

enum { B_CODE = 0x12000, C_CODE = 0x13000, B_STACK = 0x60000, C_STACK = 0x50000 };

/* A 32-bit TSS with flat ring-0 segments. */
static void tss32_fill(uint32_t base, uint32_t eip, uint32_t esp, uint32_t eflags)
{
    for (uint32_t k = 0; k < 0x68; k += 4)
        phys_write32(ps, base + k, 0);
    phys_write32(ps, base + TSS32_EIP, eip);
    phys_write32(ps, base + TSS32_EFLAGS, FLAG_RES1 | eflags);
    phys_write32(ps, base + TSS32_EAX + 4 * REG_SP, esp);
    phys_write16(ps, base + TSS32_ES + 4 * SEG_CS, SEL_CODE0);
    for (int s = 0; s < SEG_COUNT; s++)
        if (s != SEG_CS)
            phys_write16(ps, base + TSS32_ES + 4 * s, SEL_DATA0);
    phys_write16(ps, base + TSS32_IOMAP, 0x68);
}

static bool gdt_busy(uint16_t sel)
{
    return (phys_read8(ps, GDT_BASE + (sel & ~7u) + 5) & 0x02) != 0;
}

static void resume_to_halt(void)
{
    cpu->halted = false;
    run_to_halt();
}

/* CALL to a TSS nests: NT set, back link = A, both busy; the state of A
 * is saved.  IRET in B returns to A and frees B. */
START_TEST(test_call_then_iret)
{
    static const uint8_t code[] = {
        0xB8, 0x11, 0x11, 0x11, 0x11,             /* mov eax,11111111h */
        0x9A, 0x00, 0x00, 0x00, 0x00, 0x30, 0x00, /* call 30h:0 (TSS B) */
        0xF4,                                     /* hlt */
    };
    static const uint8_t b_code[] = { 0xF4, 0xCF }; /* hlt; iretd */
    load(CODE, code, sizeof code);
    load(B_CODE, b_code, sizeof b_code);
    tss32_fill(TSS_B, B_CODE, B_STACK, 0);
    phys_write32(ps, TSS_B + TSS32_EAX, 0x22222222);
    pm_start(0, FLAG_CF);
    run_to_halt();
    ck_assert_uint_eq(cpu->tr.selector, SEL_TSS_B);
    ck_assert_uint_eq(cpu->eip, B_CODE + 1);
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0x22222222);
    ck_assert_uint_eq(reg32(cpu, REG_SP), B_STACK);
    ck_assert_uint_ne(cpu->eflags & FLAG_NT, 0);
    ck_assert_uint_ne(cpu->cr0 & CR0_TS, 0);
    ck_assert_uint_eq(phys_read16(ps, TSS_B + TSS32_LINK), SEL_TSS_A);
    ck_assert(gdt_busy(SEL_TSS_A));
    ck_assert(gdt_busy(SEL_TSS_B));
    ck_assert_uint_eq(phys_read32(ps, TSS_A + TSS32_EIP), CODE + 12);
    ck_assert_uint_eq(phys_read32(ps, TSS_A + TSS32_EAX), 0x11111111);
    ck_assert_uint_eq(phys_read32(ps, TSS_A + TSS32_EFLAGS), FLAG_RES1 | FLAG_CF);
    ck_assert_uint_eq(phys_read16(ps, TSS_A + TSS32_ES + 4 * SEG_CS), SEL_CODE0);

    resume_to_halt();
    ck_assert_uint_eq(cpu->tr.selector, SEL_TSS_A);
    ck_assert_uint_eq(cpu->eip, CODE + 13);
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0x11111111);
    ck_assert_uint_eq(reg32(cpu, REG_SP), STACK0_TOP);
    ck_assert_uint_eq(cpu->eflags & FLAG_NT, 0);
    ck_assert(gdt_busy(SEL_TSS_A));
    ck_assert(!gdt_busy(SEL_TSS_B));
    ck_assert_uint_eq(phys_read32(ps, TSS_B + TSS32_EIP), B_CODE + 2);
    /* B's saved EFLAGS has NT cleared by the IRET. */
    ck_assert_uint_eq(phys_read32(ps, TSS_B + TSS32_EFLAGS) & FLAG_NT, 0);
}
END_TEST

/* JMP to a TSS does not nest: A is freed, B's link untouched, no NT. */
START_TEST(test_jmp)
{
    static const uint8_t code[] = { 0xEA, 0x00, 0x00, 0x00, 0x00, 0x30, 0x00 }; /* jmp 30h:0 */
    static const uint8_t b_code[] = { 0xF4 };
    load(CODE, code, sizeof code);
    load(B_CODE, b_code, sizeof b_code);
    tss32_fill(TSS_B, B_CODE, B_STACK, 0);
    phys_write16(ps, TSS_B + TSS32_LINK, 0xBEE8);
    pm_start(0, 0);
    run_to_halt();
    ck_assert_uint_eq(cpu->tr.selector, SEL_TSS_B);
    ck_assert_uint_eq(cpu->eflags & FLAG_NT, 0);
    ck_assert_uint_eq(phys_read16(ps, TSS_B + TSS32_LINK), 0xBEE8);
    ck_assert(!gdt_busy(SEL_TSS_A));
    ck_assert(gdt_busy(SEL_TSS_B));
    ck_assert_uint_eq(phys_read32(ps, TSS_A + TSS32_EIP), CODE + 7);
}
END_TEST

/* #GP through a task gate: the switch saves the faulting EIP in A and
 * pushes the error code on C's stack. */
START_TEST(test_exception_through_task_gate)
{
    static const uint8_t code[] = {
        0xB8, 0x80, 0x00, 0x00, 0x00, /* mov eax,80h */
        0x8E, 0xD8,                   /* mov ds,ax: #GP(80h) */
    };
    static const uint8_t c_code[] = { 0xF4 };
    load(CODE, code, sizeof code);
    load(C_CODE, c_code, sizeof c_code);
    tss32_fill(TSS_C, C_CODE, C_STACK, 0);
    idt_set(EXC_GP, 0x5, SEL_TSS_C, 0, 0);
    pm_start(0, 0);
    run_to_halt();
    ck_assert_uint_eq(cpu->tr.selector, SEL_TSS_C);
    ck_assert_uint_eq(reg32(cpu, REG_SP), C_STACK - 4);
    ck_assert_uint_eq(stack32(0), 0x80);
    ck_assert_uint_eq(phys_read16(ps, TSS_C + TSS32_LINK), SEL_TSS_A);
    ck_assert_uint_eq(phys_read32(ps, TSS_A + TSS32_EIP), CODE + 5);
    ck_assert_uint_ne(cpu->eflags & FLAG_NT, 0);
}
END_TEST

/* A new task whose CS is a data segment: #TS(CS selector) in the new
 * task's context (here through a task gate to C, which finds B as its
 * back link and B's first EIP saved in B's TSS). */
START_TEST(test_bad_segment_in_new_task)
{
    static const uint8_t code[] = { 0x9A, 0x00, 0x00, 0x00, 0x00, 0x30, 0x00 }; /* call 30h:0 */
    static const uint8_t c_code[] = { 0xF4 };
    load(CODE, code, sizeof code);
    load(C_CODE, c_code, sizeof c_code);
    tss32_fill(TSS_B, B_CODE, B_STACK, 0);
    phys_write16(ps, TSS_B + TSS32_ES + 4 * SEG_CS, SEL_DATA0);
    tss32_fill(TSS_C, C_CODE, C_STACK, 0);
    idt_set(EXC_TS, 0x5, SEL_TSS_C, 0, 0);
    pm_start(0, 0);
    run_to_halt();
    ck_assert_uint_eq(cpu->tr.selector, SEL_TSS_C);
    ck_assert_uint_eq(stack32(0), SEL_DATA0);
    ck_assert_uint_eq(phys_read16(ps, TSS_C + TSS32_LINK), SEL_TSS_B);
    ck_assert_uint_eq(phys_read32(ps, TSS_B + TSS32_EIP), B_CODE);
    ck_assert(gdt_busy(SEL_TSS_A));
    ck_assert(gdt_busy(SEL_TSS_B));
}
END_TEST

/* A 16-bit TSS: 16-bit registers (upper halves kept), 16-bit segments. */
START_TEST(test_16bit_tss)
{
    static const uint8_t code[] = { 0xEA, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00 }; /* jmp 40h:0 */
    static const uint8_t d_code[] = { 0xF4 };
    load(CODE, code, sizeof code);
    load(0x9100, d_code, sizeof d_code);
    for (uint32_t k = 0; k < 0x2C; k += 2)
        phys_write16(ps, TSS_D + k, 0);
    phys_write16(ps, TSS_D + TSS16_IP, 0x9100);
    phys_write16(ps, TSS_D + TSS16_FLAGS, FLAG_RES1 | FLAG_ZF);
    phys_write16(ps, TSS_D + TSS16_AX, 0x4444);
    phys_write16(ps, TSS_D + TSS16_AX + 2 * REG_SP, 0x8000);
    phys_write16(ps, TSS_D + TSS16_ES + 2 * SEG_CS, SEL_CODE16);
    phys_write16(ps, TSS_D + TSS16_ES + 2 * SEG_SS, SEL_DATA16);
    phys_write16(ps, TSS_D + TSS16_ES + 2 * SEG_DS, SEL_DATA16);
    phys_write16(ps, TSS_D + TSS16_ES + 2 * SEG_ES, SEL_DATA16);
    pm_start(0, 0);
    set_reg32(cpu, REG_AX, 0xABCD1234);
    run_to_halt();
    ck_assert_uint_eq(cpu->tr.selector, SEL_TSS_D);
    ck_assert_uint_eq(cpu->eip, 0x9101);
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0xABCD4444);
    ck_assert_uint_eq(reg16(cpu, REG_SP), 0x8000);
    ck_assert_uint_eq(cpu->seg[SEG_CS].access & SEG_ACCESS_DB, 0);
    ck_assert_uint_eq(cpu->seg[SEG_FS].rights, 0);
    ck_assert_uint_ne(cpu_get_eflags(cpu) & FLAG_ZF, 0);
    /* A's saved state is 32-bit (A is a 32-bit TSS). */
    ck_assert_uint_eq(phys_read32(ps, TSS_A + TSS32_EAX), 0xABCD1234);
}
END_TEST

/* The T bit: #DB right after the switch, before B's first instruction,
 * with DR6.BT set. */
START_TEST(test_trap_bit)
{
    static const uint8_t code[] = { 0xEA, 0x00, 0x00, 0x00, 0x00, 0x30, 0x00 }; /* jmp 30h:0 */
    static const uint8_t b_code[] = { 0xF4 };
    load(CODE, code, sizeof code);
    load(B_CODE, b_code, sizeof b_code);
    tss32_fill(TSS_B, B_CODE, B_STACK, 0);
    phys_write16(ps, TSS_B + TSS32_TRAP, 1);
    pm_start(0, 0);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_DB) + 1);
    ck_assert_uint_eq(cpu->tr.selector, SEL_TSS_B);
    ck_assert_uint_eq(stack32(0), B_CODE);
    ck_assert_uint_eq(reg32(cpu, REG_SP), B_STACK - 12);
    ck_assert_uint_ne(cpu->dr[6] & (1u << 15), 0);
}
END_TEST

/* A TSS whose EFLAGS has VM: the new task runs in V86 mode at CPL 3. */
START_TEST(test_switch_to_v86_task)
{
    static const uint8_t code[] = { 0xEA, 0x00, 0x00, 0x00, 0x00, 0x30, 0x00 }; /* jmp 30h:0 */
    load(CODE, code, sizeof code);
    tss32_fill(TSS_B, 0x0010, 0x0100, FLAG_VM);
    phys_write16(ps, TSS_B + TSS32_ES + 4 * SEG_CS, 0x2000);
    phys_write16(ps, TSS_B + TSS32_ES + 4 * SEG_SS, 0x3000);
    phys_write16(ps, TSS_B + TSS32_ES + 4 * SEG_DS, 0x4000);
    pm_start(0, 0);
    ck_assert_int_eq(cpu_run(cpu, 1), CPU_STOP_BUDGET);
    ck_assert_uint_ne(cpu->eflags & FLAG_VM, 0);
    ck_assert_uint_eq(cpu->cpl, 3);
    ck_assert_uint_eq(cpu->eip, 0x10);
    ck_assert_uint_eq(cpu->seg[SEG_CS].base, 0x20000);
    ck_assert_uint_eq(cpu->seg[SEG_SS].base, 0x30000);
    ck_assert_uint_eq(cpu->seg[SEG_DS].base, 0x40000);
}
END_TEST

/* JMP to the running (busy) task: #GP(selector), nothing switched. */
START_TEST(test_busy_tss)
{
    static const uint8_t code[] = { 0xEA, 0x00, 0x00, 0x00, 0x00, 0x28, 0x00 }; /* jmp 28h:0 */
    load(CODE, code, sizeof code);
    pm_start(0, 0);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_GP) + 1);
    ck_assert_uint_eq(stack32(0), SEL_TSS_A);
    ck_assert_uint_eq(stack32(1), CODE);
    ck_assert_uint_eq(cpu->tr.selector, SEL_TSS_A);
    ck_assert(gdt_busy(SEL_TSS_A));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("task");
    TCase *tc = tcase_create("task");
    tcase_add_checked_fixture(tc, pm_setup, pm_teardown);
    tcase_add_test(tc, test_call_then_iret);
    tcase_add_test(tc, test_jmp);
    tcase_add_test(tc, test_exception_through_task_gate);
    tcase_add_test(tc, test_bad_segment_in_new_task);
    tcase_add_test(tc, test_16bit_tss);
    tcase_add_test(tc, test_trap_bit);
    tcase_add_test(tc, test_switch_to_v86_task);
    tcase_add_test(tc, test_busy_tss);
    suite_add_tcase(s, tc);
    return check_run(s, CK_NORMAL);
}
