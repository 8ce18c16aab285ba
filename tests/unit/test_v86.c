/*
 * test_v86.c - Check tests for virtual-8086 mode: entry by IRETD at CPL 0,
 * exit by INT n / exceptions through the protected-mode IDT (the
 * nine-dword frame with the data segment registers), the IOPL-sensitive
 * instructions (#GP(0) with IOPL < 3), and the TSS I/O permission bitmap
 * (V86 always, protected mode when CPL > IOPL).
 */
#include "pm_fixture.h"
#include "tests/unit/check_main.h"

enum {
    V86_CS = 0x2000, V86_SS = 0x3000, V86_SP = 0x1000,
    V86_DS = 0x4000, V86_ES = 0x5000, V86_FS = 0x6000, V86_GS = 0x7000,
    RING0_IRET = 0x9000, /* iretd, for the round trip */
};

/* Build the IRETD frame on the ring-0 stack and point EIP at an IRETD;
 * `v86_code` goes to V86_CS:0. */
static void enter_v86(const uint8_t *v86_code, size_t n, uint32_t eflags)
{
    static const uint8_t iretd[] = { 0xCF };
    load(CODE, iretd, 1);
    load((uint32_t)V86_CS << 4, v86_code, n);
    pm_start(0, 0);
    uint32_t sp = STACK0_TOP - 36;
    const uint32_t frame[9] = { 0, V86_CS, FLAG_RES1 | FLAG_VM | eflags, V86_SP, V86_SS,
                                V86_ES, V86_DS, V86_FS, V86_GS };
    for (unsigned k = 0; k < 9; k++)
        phys_write32(ps, sp + 4 * k, frame[k]);
    set_reg32(cpu, REG_SP, sp);
}

/* The frame a V86 -> ring 0 transition leaves, from EIP up. */
static void check_v86_frame(unsigned first, uint32_t eip)
{
    ck_assert_uint_eq(stack32(first + 0), eip);
    ck_assert_uint_eq(stack32(first + 1), V86_CS);
    ck_assert_uint_ne(stack32(first + 2) & FLAG_VM, 0);
    ck_assert_uint_eq(stack32(first + 3), V86_SP);
    ck_assert_uint_eq(stack32(first + 4), V86_SS);
    ck_assert_uint_eq(stack32(first + 5), V86_ES);
    ck_assert_uint_eq(stack32(first + 6), V86_DS);
    ck_assert_uint_eq(stack32(first + 7), V86_FS);
    ck_assert_uint_eq(stack32(first + 8), V86_GS);
}

/* IRETD with VM in the image: real-mode style segments, CPL 3. */
START_TEST(test_iretd_enters_v86)
{
    static const uint8_t v86[] = { 0x90 };
    enter_v86(v86, sizeof v86, FLAG_IF);
    ck_assert_int_eq(cpu_run(cpu, 1), CPU_STOP_BUDGET);
    ck_assert_uint_ne(cpu->eflags & FLAG_VM, 0);
    ck_assert_uint_eq(cpu->cpl, 3);
    ck_assert_uint_eq(cpu->eip, 0);
    ck_assert_uint_eq(cpu->seg[SEG_CS].base, (uint32_t)V86_CS << 4);
    ck_assert_uint_eq(cpu->seg[SEG_SS].base, (uint32_t)V86_SS << 4);
    ck_assert_uint_eq(cpu->seg[SEG_DS].base, (uint32_t)V86_DS << 4);
    ck_assert_uint_eq(cpu->seg[SEG_GS].selector, V86_GS);
    ck_assert_uint_eq(cpu->seg[SEG_CS].limit, 0xFFFF);
    ck_assert_uint_eq(reg32(cpu, REG_SP), V86_SP);
}
END_TEST

/* INT n with IOPL 3 leaves V86 through the IDT: nine dwords pushed on
 * the ring-0 stack, data segments null, VM clear. */
START_TEST(test_int_leaves_v86)
{
    static const uint8_t v86[] = {
        0x8C, 0xD8, /* mov ax,ds */
        0xCD, 0x41, /* int 41h */
    };
    idt_set(0x41, 0xE, SEL_CODE0, handler_at(2), 3);
    enter_v86(v86, sizeof v86, FLAG_IF | FLAG_IOPL);
    run_to_halt();
    ck_assert_uint_eq(reg16(cpu, REG_AX), V86_DS);
    ck_assert_uint_eq(cpu->eflags & FLAG_VM, 0);
    ck_assert_uint_eq(cpu->cpl, 0);
    ck_assert_uint_eq(reg32(cpu, REG_SP), STACK0_TOP - 36);
    check_v86_frame(0, 4);
    ck_assert_uint_eq(stack32(2) & FLAG_IOPL, FLAG_IOPL);
    for (int s = 0; s < SEG_COUNT; s++)
        if (s == SEG_DS || s == SEG_ES || s == SEG_FS || s == SEG_GS) {
            ck_assert_uint_eq(cpu->seg[s].selector, 0);
            ck_assert_uint_eq(cpu->seg[s].rights, 0);
        }
}
END_TEST

/* The handler's IRETD goes back to V86 and a second INT finds the V86
 * segments as they were. */
START_TEST(test_round_trip)
{
    static const uint8_t v86[] = {
        0xCD, 0x41, /* int 41h: to RING0_IRET */
        0xCD, 0x42, /* int 42h: to a HLT */
    };
    static const uint8_t iretd[] = { 0xCF };
    load(RING0_IRET, iretd, 1);
    idt_set(0x41, 0xE, SEL_CODE0, RING0_IRET, 3);
    idt_set(0x42, 0xE, SEL_CODE0, handler_at(2), 3);
    enter_v86(v86, sizeof v86, FLAG_IOPL);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(2) + 1);
    check_v86_frame(0, 4);
}
END_TEST

/* With IOPL < 3: INT n, CLI, STI, PUSHF, POPF and IRET all raise #GP(0)
 * at the instruction; INT3 does not (it goes through its DPL-3 gate). */
START_TEST(test_iopl_sensitive)
{
    static const uint8_t insns[][2] = {
        { 0xCD, 0x41 }, { 0xFA, 0x90 }, { 0xFB, 0x90 }, { 0x9C, 0x90 },
        { 0x9D, 0x90 }, { 0xCF, 0x90 },
    };
    idt_set(0x41, 0xE, SEL_CODE0, handler_at(2), 3);
    for (size_t k = 0; k < sizeof insns / sizeof insns[0]; k++) {
        enter_v86(insns[k], 2, FLAG_IF);
        run_to_halt();
        ck_assert_uint_eq(cpu->eip, handler_at(EXC_GP) + 1);
        ck_assert_uint_eq(stack32(0), 0);
        check_v86_frame(1, 0);
    }
    static const uint8_t int3[] = { 0xCC };
    idt_set(EXC_BP, 0xE, SEL_CODE0, handler_at(EXC_BP), 3);
    enter_v86(int3, 1, 0);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_BP) + 1);
    check_v86_frame(0, 1);
}
END_TEST

/* With IOPL 3 they work: CLI then PUSHF pushes FLAGS with IF clear. */
START_TEST(test_iopl3_flags)
{
    static const uint8_t v86[] = {
        0xFA,       /* cli */
        0x9C,       /* pushf */
        0xCD, 0x41, /* int 41h */
    };
    idt_set(0x41, 0xE, SEL_CODE0, handler_at(2), 3);
    enter_v86(v86, sizeof v86, FLAG_IF | FLAG_IOPL);
    run_to_halt();
    ck_assert_uint_eq(stack32(3), V86_SP - 2);
    ck_assert_uint_eq(phys_read16(ps, ((uint32_t)V86_SS << 4) + V86_SP - 2), FLAG_RES1 | FLAG_IOPL);
}
END_TEST

static void allow_port(unsigned port)
{
    uint32_t at = TSS_A + 0x68 + port / 8;
    phys_write8(ps, at, phys_read8(ps, at) & ~(1u << (port & 7)));
}

/* Runs `in` of the given opcode at port DX in V86 (IOPL 3: the bitmap
 * still applies) and says whether it got through to the INT after it. */
static bool v86_in_allowed(uint8_t opcode, uint16_t port)
{
    const uint8_t v86[] = {
        0xBA, (uint8_t)port, (uint8_t)(port >> 8), /* mov dx,port */
        opcode,                                    /* in al/ax,dx */
        0xCD, 0x41,                                /* int 41h */
    };
    idt_set(0x41, 0xE, SEL_CODE0, handler_at(2), 3);
    enter_v86(v86, sizeof v86, FLAG_IOPL);
    run_to_halt();
    if (cpu->eip == handler_at(2) + 1)
        return true;
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_GP) + 1);
    ck_assert_uint_eq(stack32(0), 0);
    ck_assert_uint_eq(stack32(1), 3); /* at the IN */
    return false;
}

START_TEST(test_io_bitmap_v86)
{
    allow_port(0x80);
    allow_port(0x87);
    ck_assert(v86_in_allowed(0xEC, 0x80));   /* in al,dx */
    ck_assert(!v86_in_allowed(0xEC, 0x81));
    ck_assert(!v86_in_allowed(0xED, 0x80));  /* in ax,dx: 81h denied */
    ck_assert(!v86_in_allowed(0xED, 0x87));  /* 88h, in the next byte, denied */
    allow_port(0x88);
    ck_assert(v86_in_allowed(0xED, 0x87));
    /* A bitmap that starts past the TSS limit denies everything. */
    phys_write16(ps, TSS_A + 0x66, 0x2000);
    ck_assert(!v86_in_allowed(0xEC, 0x80));
}
END_TEST

/* OUTS checks the port's permission before reading its source: a
 * denied port with a source past the SS limit is #GP(0), not #SS(0). */
START_TEST(test_outs_permission_first)
{
    static const uint8_t v86[] = {
        0x66, 0xBE, 0x00, 0x00, 0x01, 0x00, /* mov esi,10000h */
        0xBA, 0x81, 0x00,                   /* mov dx,81h */
        0x67, 0x36, 0x6E,                   /* outsb dx,[ss:esi] */
    };
    enter_v86(v86, sizeof v86, FLAG_IOPL);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_GP) + 1);
    ck_assert_uint_eq(stack32(0), 0);
    ck_assert_uint_eq(stack32(1), 9);
    /* Allowed port: now the source is checked, and it is past SS's limit. */
    allow_port(0x81);
    enter_v86(v86, sizeof v86, FLAG_IOPL);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_SS) + 1);
}
END_TEST

/* Protected mode: CPL <= IOPL skips the bitmap, CPL > IOPL consults it. */
START_TEST(test_io_bitmap_pm)
{
    static const uint8_t code[] = {
        0x66, 0xBA, 0x81, 0x00, /* mov dx,81h */
        0xEC,                   /* in al,dx */
        0xCD, 0x41,             /* int 41h */
    };
    load(CODE, code, sizeof code);
    idt_set(0x41, 0xE, SEL_CODE0, handler_at(2), 3);
    pm_start(3, FLAG_IOPL);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(2) + 1);

    pm_start(3, 0);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(EXC_GP) + 1);
    ck_assert_uint_eq(stack32(1), CODE + 4);

    allow_port(0x81);
    pm_start(3, 0);
    run_to_halt();
    ck_assert_uint_eq(cpu->eip, handler_at(2) + 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("v86");
    TCase *tc = tcase_create("v86");
    tcase_add_checked_fixture(tc, pm_setup, pm_teardown);
    tcase_add_test(tc, test_iretd_enters_v86);
    tcase_add_test(tc, test_int_leaves_v86);
    tcase_add_test(tc, test_round_trip);
    tcase_add_test(tc, test_iopl_sensitive);
    tcase_add_test(tc, test_iopl3_flags);
    tcase_add_test(tc, test_io_bitmap_v86);
    tcase_add_test(tc, test_io_bitmap_pm);
    tcase_add_test(tc, test_outs_permission_first);
    suite_add_tcase(s, tc);
    return check_run(s, CK_NORMAL);
}
