/*
 * test_segment.c - Check tests for protected-mode segmentation: descriptor
 * decoding and table reads, segment register loads with their exceptions
 * and error codes, the 0F 00 group, LAR/LSL/ARPL and the CPL-0 checks.
 * Far JMP/CALL/RETF (direct, through call gates, with a privilege change)
 * are in test_segment_far.c; the machine both use is segment_fixture.h.
 * Program bytes were assembled with nasm (bits 32 unless marked).
 */
#include "tests/unit/segment_fixture.h"
#include "tests/unit/check_main.h"

/* ---- descriptors -------------------------------------------------------- */

START_TEST(test_decode_fields)
{
    struct descriptor d;
    /* base 12345678, limit FFFFF with G, 32-bit data, DPL 3 */
    desc_decode(&d, 0x5678FFFFu, 0x12CFF334u);
    ck_assert_uint_eq(d.base, 0x12345678u);
    ck_assert_uint_eq(d.limit, 0xFFFFFFFFu);
    ck_assert_uint_eq(d.access, 0xC0F3u);
    ck_assert_uint_eq(desc_dpl(&d), 3);
    ck_assert(desc_is_data(&d));
    /* limit 00001 with G: 0x1FFF */
    desc_decode(&d, 0x00000001u, 0x00809300u);
    ck_assert_uint_eq(d.limit, 0x1FFFu);
    /* 16-bit call gate: offset 31:16 is not part of it */
    desc_decode(&d, 0x00081234u, 0xABCD8403u);
    ck_assert_uint_eq(d.gate_selector, 0x0008);
    ck_assert_uint_eq(d.gate_offset, 0x1234u);
    ck_assert_uint_eq(d.gate_params, 3);
    /* 32-bit call gate keeps it */
    desc_decode(&d, 0x00081234u, 0xABCD8C00u);
    ck_assert_uint_eq(d.gate_offset, 0xABCD1234u);
}
END_TEST

START_TEST(test_table_reads)
{
    struct descriptor d;
    pm_start(0, CODE);
    ck_assert(!desc_read(cpu, 0x0000, &d));                 /* null */
    ck_assert(!desc_read(cpu, 0x0003, &d));                 /* null with RPL */
    ck_assert(!desc_read(cpu, GDT_ENTRIES * 8, &d));        /* past the limit */
    ck_assert(desc_read(cpu, (GDT_ENTRIES - 1) * 8, &d));   /* the last one */
    /* LDT: not usable before LLDT with a null selector leaves it unusable */
    segment_set_null(&cpu->ldtr, 0);
    ck_assert(!desc_read(cpu, S_LDT_DATA3, &d));
    ck_assert(desc_read(cpu, S_LDT, &d));
    segment_from_desc(&cpu->ldtr, S_LDT, &d);
    ck_assert(desc_read(cpu, S_LDT_DATA3, &d));
    ck_assert_uint_eq(d.access & 0xFF, 0xF3);
    ck_assert(!desc_read(cpu, 0x1C, &d));                   /* LDT index 3: past 0x17 */
    /* desc_fetch raises with the selector minus RPL */
    if (setjmp(cpu->fault_unwind) == 0) {
        desc_fetch(cpu, 0x1F, &d, EXC_TS);
        ck_abort_msg("no fault");
    }
    ck_assert_uint_eq(cpu->exc_vector, EXC_TS);
    ck_assert_uint_eq(cpu->exc_error, 0x1C);
}
END_TEST

START_TEST(test_accessed_and_busy_bits)
{
    pm_start(0, CODE);
    ck_assert_uint_eq(phys_read8(ps, GDT + S_FRESH + 5), 0x92);
    ck_assert_int_eq(catch_load(SEG_DS, S_FRESH), -1);
    ck_assert_uint_eq(phys_read8(ps, GDT + S_FRESH + 5), 0x93);
    ck_assert_uint_eq(cpu->seg[SEG_DS].access & 0xFF, 0x93);
    desc_set_busy(cpu, S_TSS2, true);
    ck_assert_uint_eq(phys_read8(ps, GDT + S_TSS2 + 5), 0x8B);
    desc_set_busy(cpu, S_TSS2, false);
    ck_assert_uint_eq(phys_read8(ps, GDT + S_TSS2 + 5), 0x89);
}
END_TEST

/* ---- data and stack segment loads --------------------------------------- */

START_TEST(test_load_data_segments)
{
    pm_start(0, CODE);
    ck_assert_int_eq(catch_load(SEG_DS, S_SMALL), -1);
    ck_assert_uint_eq(cpu->seg[SEG_DS].base, 0x20000u);
    ck_assert_uint_eq(cpu->seg[SEG_DS].limit, 0xFFu);
    ck_assert_int_eq(catch_read8(SEG_DS, 0xFF), -1);
    ck_assert_int_eq(catch_read8(SEG_DS, 0x100), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, 0);
    /* readable code is fine in DS, execute-only is not */
    ck_assert_int_eq(catch_load(SEG_ES, S_CONF0), -1);
    ck_assert_int_eq(catch_load(SEG_ES, S_XONLY), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, S_XONLY);
    ck_assert_uint_eq(cpu->seg[SEG_ES].selector, S_CONF0); /* unchanged */
    /* system descriptors are #GP(sel) */
    ck_assert_int_eq(catch_load(SEG_FS, S_TSS), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, S_TSS);
    /* not present: #NP(sel) */
    ck_assert_int_eq(catch_load(SEG_GS, S_ABSENT), EXC_NP);
    ck_assert_uint_eq(cpu->exc_error, S_ABSENT);
    /* outside the table: #GP(sel) */
    ck_assert_int_eq(catch_load(SEG_DS, 0x400), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, 0x400);
    /* expand-down: offsets above the limit only */
    ck_assert_int_eq(catch_load(SEG_DS, S_EXPDOWN), -1);
    ck_assert_int_eq(catch_read8(SEG_DS, 0x0FFF), EXC_GP);
    ck_assert_int_eq(catch_read8(SEG_DS, 0x1000), -1);
    ck_assert_int_eq(catch_read8(SEG_DS, 0xFFFF), -1);
}
END_TEST

START_TEST(test_null_data_segment)
{
    pm_start(0, CODE);
    ck_assert_int_eq(catch_load(SEG_DS, 0x0003), -1);
    ck_assert_uint_eq(cpu->seg[SEG_DS].selector, 0x0003);
    ck_assert_uint_eq(cpu->seg[SEG_DS].rights, 0);
    ck_assert_int_eq(catch_read8(SEG_DS, 0), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, 0);
}
END_TEST

START_TEST(test_data_privilege)
{
    pm_start(3, CODE);
    /* DPL 0 data from CPL 3, and RPL 3 on DPL 0 data, are #GP(sel) */
    ck_assert_int_eq(catch_load(SEG_DS, S_DATA0), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, S_DATA0);
    ck_assert_int_eq(catch_load(SEG_DS, S_DATA3 | 3), -1);
    /* conforming code is readable from any level */
    ck_assert_int_eq(catch_load(SEG_DS, S_CONF0 | 3), -1);
    /* the LDT works as the GDT does */
    struct descriptor d;
    ck_assert(desc_read(cpu, S_LDT, &d));
    segment_from_desc(&cpu->ldtr, S_LDT, &d);
    ck_assert_int_eq(catch_load(SEG_ES, S_LDT_DATA3 | 3), -1);
    ck_assert_uint_eq(cpu->seg[SEG_ES].selector, S_LDT_DATA3 | 3);

    teardown();
    setup();
    pm_start(0, CODE);
    ck_assert_int_eq(catch_load(SEG_DS, S_DATA0 | 3), EXC_GP); /* RPL 3 > DPL 0 */
    ck_assert_uint_eq(cpu->exc_error, S_DATA0);
}
END_TEST

START_TEST(test_load_stack_segment)
{
    pm_start(0, CODE);
    ck_assert_int_eq(catch_load(SEG_SS, 0), EXC_GP);
    ck_assert_uint_eq(cpu->exc_error, 0);
    ck_assert_int_eq(catch_load(SEG_SS, S_RODATA), EXC_GP);      /* not writable */
    ck_assert_uint_eq(cpu->exc_error, S_RODATA);
    ck_assert_int_eq(catch_load(SEG_SS, S_DATA3 | 3), EXC_GP);   /* RPL != CPL */
    ck_assert_uint_eq(cpu->exc_error, S_DATA3);
    ck_assert_int_eq(catch_load(SEG_SS, S_DATA3), EXC_GP);       /* DPL != CPL */
    ck_assert_int_eq(catch_load(SEG_SS, S_CODE0), EXC_GP);       /* code */
    ck_assert_int_eq(catch_load(SEG_SS, S_ABSENT), EXC_SS);      /* not present */
    ck_assert_uint_eq(cpu->exc_error, S_ABSENT);
    ck_assert_uint_eq(cpu->seg[SEG_SS].selector, S_DATA0);       /* unchanged */
    ck_assert_int_eq(catch_load(SEG_SS, S_SMALL), -1);
    ck_assert_uint_eq(cpu->seg[SEG_SS].base, 0x20000u);
}
END_TEST

/* Real and V86 mode loads ignore the tables. */
START_TEST(test_real_and_v86_loads)
{
    ck_assert_int_eq(catch_load(SEG_DS, 0x1234), -1);
    ck_assert_uint_eq(cpu->seg[SEG_DS].base, 0x12340u);
    pm_start(0, CODE);
    cpu->eflags |= FLAG_VM;
    ck_assert_int_eq(catch_load(SEG_ES, 0x0030), -1);
    ck_assert_uint_eq(cpu->seg[SEG_ES].base, 0x300u);
    ck_assert_uint_eq(cpu->seg[SEG_ES].limit, 0xFFFFu);
    ck_assert_uint_eq(cpu->seg[SEG_ES].rights, SEG_CAN_READ | SEG_CAN_WRITE);
}
END_TEST

/* POP SS that faults leaves ESP where it was; LSS loads SS:ESP. */
START_TEST(test_pop_ss_and_lss)
{
    pm_start(0, CODE);
    set_reg32(cpu, REG_SP, 0x7FFF0);
    phys_write32(ps, 0x7FFF0, S_RODATA);
    ck_assert_int_eq(EXEC1(0x17), EXC_GP);                        /* pop ss */
    ck_assert_uint_eq(cpu->exc_error, S_RODATA);
    ck_assert_uint_eq(reg32(cpu, REG_SP), 0x7FFF0u);
    phys_write32(ps, 0x7FFF0, S_SMALL);
    ck_assert_int_eq(EXEC1(0x17), -1);
    ck_assert_uint_eq(reg32(cpu, REG_SP), 0x7FFF4u);
    ck_assert_uint_eq(cpu->seg[SEG_SS].selector, S_SMALL);

    cpu_load_seg(cpu, SEG_SS, S_DATA0);
    set_reg32(cpu, REG_AX, 0x9000);
    phys_write32(ps, 0x9000, 0x12345678u);
    phys_write16(ps, 0x9004, S_ABSENT);
    ck_assert_int_eq(EXEC1(0x0F, 0xB2, 0x20), EXC_SS);            /* lss esp,[eax] */
    ck_assert_uint_eq(reg32(cpu, REG_SP), 0x7FFF4u);
    phys_write16(ps, 0x9004, S_SMALL);
    ck_assert_int_eq(EXEC1(0x0F, 0xB2, 0x20), -1);
    ck_assert_uint_eq(reg32(cpu, REG_SP), 0x12345678u);
    ck_assert_uint_eq(cpu->seg[SEG_SS].selector, S_SMALL);
}
END_TEST

/* A fault in a running program reaches the handler with the selector as
 * error code and CS:EIP of the faulting MOV. */
START_TEST(test_mov_ds_fault_delivered)
{
    static const uint8_t code[] = {
        0x66, 0xB8, 0x30, 0x00,   /* mov ax,0x30 */
        0x8E, 0xD8,               /* mov ds,ax   (not present) */
        0xF4,                     /* hlt */
    };
    load(CODE, code, sizeof code);
    pm_start(0, CODE);
    run_to_halt();
    check_exception(EXC_NP, true, S_ABSENT, S_CODE0, CODE + 4);
}
END_TEST

/* ---- 0F 00, LAR, LSL, ARPL ---------------------------------------------- */

START_TEST(test_lar_lsl)
{
    pm_start(0, CODE);
    set_reg32(cpu, REG_BX, S_SMALL);
    set_reg32(cpu, REG_AX, 0xDEADBEEF);
    ck_assert_int_eq(EXEC1(0x0F, 0x02, 0xC3), -1);                /* lar eax,ebx */
    ck_assert(flag_zf(cpu));
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0x00409300u);
    ck_assert_int_eq(EXEC1(0x0F, 0x03, 0xC3), -1);                /* lsl eax,ebx */
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0xFFu);
    set_reg32(cpu, REG_BX, S_DATA0);
    ck_assert_int_eq(EXEC1(0x0F, 0x03, 0xC3), -1);
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0xFFFFFFFFu);          /* G-scaled */
    /* an interrupt gate: LAR says no, LSL too; registers untouched */
    set_reg32(cpu, REG_AX, 0x12345678);
    set_reg32(cpu, REG_BX, S_INTGATE);
    ck_assert_int_eq(EXEC1(0x0F, 0x02, 0xC3), -1);
    ck_assert(!flag_zf(cpu));
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0x12345678u);
    /* a call gate: LAR yes, LSL no */
    set_reg32(cpu, REG_BX, S_GATE3);
    ck_assert_int_eq(EXEC1(0x0F, 0x02, 0xC3), -1);
    ck_assert(flag_zf(cpu));
    ck_assert_int_eq(EXEC1(0x0F, 0x03, 0xC3), -1);
    ck_assert(!flag_zf(cpu));
    /* null and out-of-table selectors clear ZF without faulting */
    set_reg32(cpu, REG_BX, 0);
    ck_assert_int_eq(EXEC1(0x0F, 0x02, 0xC3), -1);
    ck_assert(!flag_zf(cpu));
    set_reg32(cpu, REG_BX, 0xFFF8);
    ck_assert_int_eq(EXEC1(0x0F, 0x03, 0xC3), -1);
    ck_assert(!flag_zf(cpu));
}
END_TEST

START_TEST(test_lar_privilege)
{
    pm_start(3, CODE);
    set_reg32(cpu, REG_BX, S_DATA0 | 3);                          /* DPL 0 from CPL 3 */
    ck_assert_int_eq(EXEC1(0x0F, 0x02, 0xC3), -1);
    ck_assert(!flag_zf(cpu));
    set_reg32(cpu, REG_BX, S_CONF0 | 3);                          /* conforming: visible */
    ck_assert_int_eq(EXEC1(0x0F, 0x02, 0xC3), -1);
    ck_assert(flag_zf(cpu));
}
END_TEST

START_TEST(test_verr_verw)
{
    pm_start(0, CODE);
    struct { uint16_t sel; bool r, w; } cases[] = {
        { S_DATA0, true, true }, { S_RODATA, true, false }, { S_CODE0, true, false },
        { S_XONLY, false, false }, { S_TSS, false, false }, { 0, false, false },
        { S_ABSENT, true, true }, /* presence is not checked */
        { S_DATA0 | 3, false, false }, /* RPL 3 > DPL 0 */
    };
    for (unsigned k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        set_reg32(cpu, REG_BX, cases[k].sel);
        ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xE3), -1);            /* verr bx */
        ck_assert_msg(flag_zf(cpu) == cases[k].r, "verr %x", cases[k].sel);
        ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xEB), -1);            /* verw bx */
        ck_assert_msg(flag_zf(cpu) == cases[k].w, "verw %x", cases[k].sel);
    }
}
END_TEST

START_TEST(test_arpl)
{
    pm_start(3, CODE);
    set_reg32(cpu, REG_BX, 0xAAAA0010);
    set_reg32(cpu, REG_CX, 0x0003);
    ck_assert_int_eq(EXEC1(0x63, 0xCB), -1);                      /* arpl bx,cx */
    ck_assert(flag_zf(cpu));
    ck_assert_uint_eq(reg32(cpu, REG_BX), 0xAAAA0013u);
    ck_assert_int_eq(EXEC1(0x63, 0xCB), -1);
    ck_assert(!flag_zf(cpu));
    ck_assert_uint_eq(reg32(cpu, REG_BX), 0xAAAA0013u);
}
END_TEST

START_TEST(test_ud_outside_protected_mode)
{
    /* real mode */
    ck_assert_int_eq(EXEC1(0x0F, 0x02, 0xC3), EXC_UD);            /* lar */
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xC0), EXC_UD);            /* sldt */
    ck_assert_int_eq(EXEC1(0x63, 0xCB), EXC_UD);                  /* arpl */
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xE3), EXC_UD);            /* verr */
    /* V86 */
    pm_start(0, CODE);
    cpu->eflags |= FLAG_VM;
    ck_assert_int_eq(EXEC1(0x0F, 0x03, 0xC3), EXC_UD);            /* lsl */
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xC8), EXC_UD);            /* str */
}
END_TEST

START_TEST(test_ltr_lldt_sldt_str)
{
    pm_start(0, CODE);
    set_reg32(cpu, REG_AX, S_TSS2);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD8), -1);                /* ltr ax */
    ck_assert_uint_eq(cpu->tr.selector, S_TSS2);
    ck_assert_uint_eq(cpu->tr.base, TSS2);
    ck_assert_uint_eq(cpu->tr.access & 0xF, SYS_TSS32_BUSY);
    ck_assert_uint_eq(phys_read8(ps, GDT + S_TSS2 + 5), 0x8B);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD8), EXC_GP);            /* now busy */
    ck_assert_uint_eq(cpu->exc_error, S_TSS2);
    set_reg32(cpu, REG_AX, 0);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD8), EXC_GP);            /* null */
    ck_assert_uint_eq(cpu->exc_error, 0);
    set_reg32(cpu, REG_AX, S_DATA0);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD8), EXC_GP);            /* not a TSS */
    ck_assert_uint_eq(cpu->exc_error, S_DATA0);

    set_reg32(cpu, REG_AX, S_LDT);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD0), -1);                /* lldt ax */
    ck_assert_uint_eq(cpu->ldtr.base, LDT);
    ck_assert_uint_eq(cpu->ldtr.limit, 0x17);
    set_reg32(cpu, REG_AX, S_TSS);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD0), EXC_GP);            /* not an LDT */
    set_reg32(cpu, REG_AX, S_LDT_DATA3);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD0), EXC_GP);            /* TI = 1 */
    ck_assert_uint_eq(cpu->exc_error, S_LDT_DATA3);

    set_reg32(cpu, REG_AX, 0xFFFFFFFF);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xC0), -1);                /* sldt eax */
    ck_assert_uint_eq(reg32(cpu, REG_AX), S_LDT);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xC8), -1);                /* str eax */
    ck_assert_uint_eq(reg32(cpu, REG_AX), S_TSS2);

    set_reg32(cpu, REG_AX, 0);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD0), -1);                /* lldt 0 */
    struct descriptor d;
    ck_assert(!desc_read(cpu, S_LDT_DATA3, &d));
}
END_TEST

/* LLDT, LTR, LGDT, LIDT, LMSW, CLTS, HLT at CPL 3: #GP(0). */
START_TEST(test_cpl0_instructions)
{
    pm_start(3, CODE);
    set_reg32(cpu, REG_AX, 0x9000);
    uint32_t gdt_base = cpu->gdtr.base;
    ck_assert_int_eq(EXEC1(0x0F, 0x01, 0x10), EXC_GP);            /* lgdt [eax] */
    ck_assert_uint_eq(cpu->exc_error, 0);
    ck_assert_uint_eq(cpu->gdtr.base, gdt_base);
    ck_assert_int_eq(EXEC1(0x0F, 0x01, 0x18), EXC_GP);            /* lidt [eax] */
    ck_assert_int_eq(EXEC1(0x0F, 0x01, 0xF0), EXC_GP);            /* lmsw ax */
    ck_assert_int_eq(EXEC1(0x0F, 0x06), EXC_GP);                  /* clts */
    ck_assert_int_eq(EXEC1(0xF4), EXC_GP);                        /* hlt */
    ck_assert(!cpu->halted);
    set_reg32(cpu, REG_AX, S_TSS2);
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD8), EXC_GP);            /* ltr ax */
    ck_assert_int_eq(EXEC1(0x0F, 0x00, 0xD0), EXC_GP);            /* lldt ax */
    /* the same in real mode at CPL 0 is fine */
    teardown();
    setup();
    phys_write16(ps, 0x9000, 0x3FF);
    phys_write32(ps, 0x9002, 0x12345678);
    set_reg32(cpu, REG_AX, 0x9000);
    ck_assert_int_eq(EXEC1(0x66, 0x0F, 0x01, 0x18), -1);          /* lidt [eax], o16 in 32-bit decode */
    ck_assert_uint_eq(cpu->idtr.base, 0x345678u);                 /* 24-bit base */
}
END_TEST

static Suite *segment_suite(void)
{
    Suite *s = suite_create("segment");
    TCase *t = tcase_create("core");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_decode_fields);
    tcase_add_test(t, test_table_reads);
    tcase_add_test(t, test_accessed_and_busy_bits);
    tcase_add_test(t, test_load_data_segments);
    tcase_add_test(t, test_null_data_segment);
    tcase_add_test(t, test_data_privilege);
    tcase_add_test(t, test_load_stack_segment);
    tcase_add_test(t, test_real_and_v86_loads);
    tcase_add_test(t, test_pop_ss_and_lss);
    tcase_add_test(t, test_mov_ds_fault_delivered);
    tcase_add_test(t, test_lar_lsl);
    tcase_add_test(t, test_lar_privilege);
    tcase_add_test(t, test_verr_verw);
    tcase_add_test(t, test_arpl);
    tcase_add_test(t, test_ud_outside_protected_mode);
    tcase_add_test(t, test_ltr_lldt_sldt_str);
    tcase_add_test(t, test_cpl0_instructions);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return check_run(segment_suite(), CK_NORMAL);
}
