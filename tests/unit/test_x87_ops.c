/*
 * test_x87_ops.c - Check tests for the x87 numeric instructions as the
 * instruction layer wires them (cpu/fpu/x87_arith.c, x87_memory.c,
 * x87_trans.c): which stack slots they read and write, pushes and pops,
 * C1/C2 and the condition codes, and what an unmasked exception withholds.
 * The numbers themselves are the core's (tests/fpu compares those with
 * the host); here the operands are chosen so the results are exact and
 * known from the SDM's definitions.
 */
#include <stdio.h>

#include "test_x87_harness.h"
#include "tests/unit/check_main.h"

static void setup(void) { harness_setup(); }
static void teardown(void) { harness_teardown(); }

static void assert_f80(f80 v, uint16_t se, uint64_t mant)
{
    ck_assert_uint_eq(v.se, se);
    ck_assert_uint_eq(v.mant, mant);
}

#define ONE 0x3FFF, 0x8000000000000000ull

/* fild word [40]; fild word [44] -> ST0 = b, ST1 = a */
static void load_pair(int16_t a, int16_t b)
{
    put16(0x40, (uint16_t)a);
    put16(0x44, (uint16_t)b);
    ck_assert_uint_eq(run_hex("DF 06 40 00 DF 06 44 00"), NO_EXCEPTION);
}

START_TEST(test_fptan_pushes_one)
{
    put16(0x40, 0);
    ck_assert_uint_eq(run_hex("DF 06 40 00 D9 F2"), NO_EXCEPTION);   /* fild 0; fptan */
    ck_assert_uint_eq(cpu->fpu.top, 6);
    assert_f80(x87_st(cpu, 0), ONE);
    assert_f80(x87_st(cpu, 1), 0, 0);                               /* tan 0 = +0 */
    ck_assert(!(x87_status(cpu) & 0x0400));                          /* C2 = 0 */
}
END_TEST

START_TEST(test_fsincos_order)
{
    put16(0x40, 0);
    ck_assert_uint_eq(run_hex("DF 06 40 00 D9 FB"), NO_EXCEPTION);   /* fsincos */
    assert_f80(x87_st(cpu, 0), ONE);                                /* cos 0 */
    assert_f80(x87_st(cpu, 1), 0, 0);                               /* sin 0 */
}
END_TEST

START_TEST(test_fsin_out_of_range_sets_c2)
{
    put64(0x30, 0x8000000000000000ull);   /* 2^63 */
    put16(0x38, 0x403E);
    ck_assert_uint_eq(run_hex("DB 2E 30 00 D9 FE"), NO_EXCEPTION);   /* fld m80; fsin */
    ck_assert(x87_status(cpu) & 0x0400);
    assert_f80(x87_st(cpu, 0), 0x403E, 0x8000000000000000ull);      /* unchanged */
    ck_assert_uint_eq(cpu->fpu.top, 7);
}
END_TEST

START_TEST(test_fyl2x_and_fpatan_pop_into_st1)
{
    load_pair(3, 8);                                                 /* ST1 = 3, ST0 = 8 */
    ck_assert_uint_eq(run_hex("D9 F1"), NO_EXCEPTION);               /* 3 * log2(8) */
    ck_assert_uint_eq(cpu->fpu.top, 7);
    assert_f80(x87_st(cpu, 0), 0x4002, 0x9000000000000000ull);      /* 9.0 */
    load_pair(0, 5);                                                 /* atan(0 / 5) = +0 */
    ck_assert_uint_eq(run_hex("D9 F3"), NO_EXCEPTION);
    assert_f80(x87_st(cpu, 0), 0, 0);
}
END_TEST

START_TEST(test_fsqrt_fscale_fxtract)
{
    put16(0x40, 16);
    ck_assert_uint_eq(run_hex("DF 06 40 00 D9 FA"), NO_EXCEPTION);   /* sqrt 16 = 4 */
    assert_f80(x87_st(cpu, 0), 0x4001, 0x8000000000000000ull);
    load_pair(3, 5);                                                 /* 5 * 2^3 = 40 */
    ck_assert_uint_eq(run_hex("D9 FD"), NO_EXCEPTION);
    assert_f80(x87_st(cpu, 0), 0x4004, 0xA000000000000000ull);
    /* fxtract of 40: ST1 = exponent 5, ST0 = significand 1.25 */
    ck_assert_uint_eq(run_hex("D9 F4"), NO_EXCEPTION);
    assert_f80(x87_st(cpu, 0), 0x3FFF, 0xA000000000000000ull);
    assert_f80(x87_st(cpu, 1), 0x4001, 0xA000000000000000ull);
}
END_TEST

START_TEST(test_fprem_quotient_bits)
{
    load_pair(3, 23);                       /* 23 rem 3: quotient 7 (111b), remainder 2 */
    ck_assert_uint_eq(run_hex("D9 F8"), NO_EXCEPTION);
    assert_f80(x87_st(cpu, 0), 0x4000, 0x8000000000000000ull);
    /* C0 = q2, C3 = q1, C1 = q0, C2 = 0 */
    ck_assert_uint_eq(x87_status(cpu) & 0x4700, 0x4300);
    load_pair(3, 20);                       /* fprem1 20 / 3: q = 7 (6.67 rounded), r = -1 */
    ck_assert_uint_eq(run_hex("D9 F5"), NO_EXCEPTION);
    assert_f80(x87_st(cpu, 0), 0xBFFF, 0x8000000000000000ull);
    ck_assert_uint_eq(x87_status(cpu) & 0x4700, 0x4300);
}
END_TEST

START_TEST(test_fst_m32_rounding_sets_c1)
{
    /* 1 + 2^-63 (m80) stored as m32 rounds; RC up: C1 = 1 and PE */
    put64(0x30, 0x8000000000000001ull);
    put16(0x38, 0x3FFF);
    put16(0x20, 0x0B7F);                                             /* RC up */
    ck_assert_uint_eq(run_hex("D9 2E 20 00 DB 2E 30 00 D9 16 80 00"), NO_EXCEPTION);
    ck_assert_uint_eq(get32(0x80), 0x3F800001u);
    ck_assert_uint_eq(x87_status(cpu) & 0x0220, 0x0220);             /* C1, PE */
    ck_assert_uint_eq(cpu->fpu.top, 7);                              /* fst: no pop */
}
END_TEST

START_TEST(test_unmasked_overflow_store_withheld)
{
    /* 2^200 does not fit an m32: OE unmasked -> memory untouched, no pop */
    put64(0x30, 0x8000000000000000ull);
    put16(0x38, 0x3FFF + 200);
    put16(0x20, 0x0377);                                             /* OM clear */
    put32(0x80, 0xDEADBEEF);
    ck_assert_uint_eq(run_hex("D9 2E 20 00 DB 2E 30 00 D9 1E 80 00"), NO_EXCEPTION);
    ck_assert_uint_eq(get32(0x80), 0xDEADBEEF);
    ck_assert_uint_eq(cpu->fpu.top, 7);
    ck_assert_uint_eq(x87_status(cpu) & 0x8088, 0x8088);             /* B ES OE */
    /* masked: +inf is stored and ST(0) popped */
    ck_assert_uint_eq(run_hex("DB E3 DB 2E 30 00 D9 1E 80 00"), NO_EXCEPTION);
    ck_assert_uint_eq(get32(0x80), 0x7F800000u);
    ck_assert_uint_eq(cpu->fpu.top, 0);
}
END_TEST

START_TEST(test_fist_out_of_range)
{
    put32(0x10, 0x47800000);                                         /* 65536.0f */
    /* fld dword; fistp word: IE masked -> integer indefinite 8000h */
    ck_assert_uint_eq(run_hex("D9 06 10 00 DF 1E 42 00"), NO_EXCEPTION);
    ck_assert_uint_eq(get16(0x42), 0x8000);
    ck_assert_uint_eq(x87_status(cpu) & 0x01, 0x01);
    ck_assert_uint_eq(cpu->fpu.top, 0);
}
END_TEST

START_TEST(test_fld_snan_m32_unmasked_no_push)
{
    put32(0x10, 0x7F800001);                                         /* SNaN */
    put16(0x20, 0x037E);                                             /* IM clear */
    ck_assert_uint_eq(run_hex("D9 2E 20 00 D9 06 10 00"), NO_EXCEPTION);
    ck_assert_uint_eq(cpu->fpu.top, 0);
    ck_assert_uint_eq(cpu->fpu.tw, 0xFFFF);
    ck_assert_uint_eq(x87_status(cpu) & 0x81, 0x81);
    /* the pointers still name the faulting instruction and its operand */
    ck_assert_uint_eq(cpu->fpu.fip, CODE_IP + 4);
    ck_assert_uint_eq(cpu->fpu.fdp, 0x10);
    ck_assert_uint_eq(cpu->fpu.fds, DATA_SEG);
    ck_assert_uint_eq(cpu->fpu.fop, 0x106);
}
END_TEST

START_TEST(test_fiadd_m32_and_ficomp)
{
    put32(0x48, (uint32_t)-5);
    put16(0x40, 7);
    /* fild 7; fiadd dword [48] -> 2; ficomp dword [48]: 2 > -5 -> 000, pop */
    ck_assert_uint_eq(run_hex("DF 06 40 00 DA 06 48 00"), NO_EXCEPTION);
    assert_f80(x87_st(cpu, 0), 0x4000, 0x8000000000000000ull);
    ck_assert_uint_eq(run_hex("DA 1E 48 00"), NO_EXCEPTION);
    ck_assert_uint_eq(x87_status(cpu) & 0x4700, 0);
    ck_assert_uint_eq(cpu->fpu.top, 0);
}
END_TEST

START_TEST(test_fucompp_and_fcompp)
{
    load_pair(1, 1);
    ck_assert_uint_eq(run_hex("DA E9"), NO_EXCEPTION);               /* equal: C3 */
    ck_assert_uint_eq(x87_status(cpu) & 0x4700, 0x4000);
    ck_assert_uint_eq(cpu->fpu.top, 0);
    load_pair(2, 1);                                                 /* ST0 = 1 < ST1 = 2 */
    ck_assert_uint_eq(run_hex("DE D9"), NO_EXCEPTION);
    ck_assert_uint_eq(x87_status(cpu) & 0x4700, 0x0100);
    ck_assert_uint_eq(cpu->fpu.top, 0);
}
END_TEST

/* Every x87 encoding (D8-DF with each register ModRM and each ModRM.reg
 * memory form) and every 0F MMX/FXSAVE opcode, over random register
 * contents (NaNs, denormals, unnormals, infinities included), tags, TOP,
 * control words and memory: nothing may crash or trip the sanitizers,
 * and the run must end at the HLT or in an exception handler. */
static uint64_t fuzz_state = 0x243F6A8885A308D3ull;

static uint64_t fuzz_next(void)
{
    fuzz_state ^= fuzz_state << 13;
    fuzz_state ^= fuzz_state >> 7;
    fuzz_state ^= fuzz_state << 17;
    return fuzz_state;
}

static f80 fuzz_value(void)
{
    static const uint16_t exps[] = { 0x0000, 0x0001, 0x3FFF, 0x7FFE, 0x7FFF, 0x403E, 0x401D };
    uint64_t r = fuzz_next();
    f80 v = { fuzz_next(), (uint16_t)(exps[r % 7] | ((r >> 8) & 1) << 15) };
    if ((r >> 9) & 1)
        v.mant &= 0x8000000000000000ull | ((r >> 10) & 0xFFFF);   /* near-integers */
    return v;
}

static void fuzz_machine(void)
{
    for (unsigned p = 0; p < 8; p++)
        cpu->fpu.reg[p] = fuzz_value();
    cpu->fpu.top = fuzz_next() & 7;
    cpu->fpu.tw = (uint16_t)fuzz_next();
    cpu->fpu.cw = (uint16_t)((fuzz_next() & 0x0F3F) | 0x40);
    cpu->fpu.sw = 0;
    x87_update_es(cpu);
    cpu->cr0 = (cpu->cr0 & ~(uint32_t)CR0_NE) | ((fuzz_next() & 1) ? CR0_NE : 0);
    for (unsigned k = 0; k < 0x300; k += 8)
        put64(0x100 + k, fuzz_next());
    cpu_set_eflags(cpu, (uint32_t)fuzz_next() & (FLAG_CF | FLAG_ZF | FLAG_PF), FLAG_CF | FLAG_ZF | FLAG_PF);
}

START_TEST(test_every_encoding_survives)
{
    char hex[64];
    for (unsigned round = 0; round < 3; round++) {
        for (unsigned opc = 0xD8; opc <= 0xDF; opc++) {
            for (unsigned m = 0; m < 256; m++) {
                unsigned mod = m >> 6;
                if (mod == 3)
                    snprintf(hex, sizeof hex, "%02X %02X", opc, m);
                else if (mod == 0 && (m & 7) == 6)
                    snprintf(hex, sizeof hex, "%02X %02X 00 01", opc, m);
                else
                    continue;
                fuzz_machine();
                run_hex(hex);
            }
        }
        for (unsigned opc = 0x60; opc <= 0xFF; opc++) {
            if (opc >= 0x80 && opc < 0xD0 && opc != 0xAE)
                continue;   /* Jcc, SETcc ... are not ours */
            for (unsigned m = 0x06; m < 0x100; m += 0x08) {   /* [0100] and registers */
                if ((m >> 6) == 1 || (m >> 6) == 2)
                    continue;
                bool imm = opc >= 0x71 && opc <= 0x73;
                if ((m >> 6) == 3)
                    snprintf(hex, sizeof hex, "0F %02X %02X%s", opc, m, imm ? " 41" : "");
                else
                    snprintf(hex, sizeof hex, "0F %02X %02X 00 01%s", opc, m, imm ? " 41" : "");
                fuzz_machine();
                run_hex(hex);
            }
        }
    }
    cpu->fpu.cw = 0x037F;
}
END_TEST

static Suite *x87_ops_suite(void)
{
    Suite *s = suite_create("x87_ops");
    TCase *t = tcase_create("x87_ops");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_fptan_pushes_one);
    tcase_add_test(t, test_fsincos_order);
    tcase_add_test(t, test_fsin_out_of_range_sets_c2);
    tcase_add_test(t, test_fyl2x_and_fpatan_pop_into_st1);
    tcase_add_test(t, test_fsqrt_fscale_fxtract);
    tcase_add_test(t, test_fprem_quotient_bits);
    tcase_add_test(t, test_fst_m32_rounding_sets_c1);
    tcase_add_test(t, test_unmasked_overflow_store_withheld);
    tcase_add_test(t, test_fist_out_of_range);
    tcase_add_test(t, test_fld_snan_m32_unmasked_no_push);
    tcase_add_test(t, test_fiadd_m32_and_ficomp);
    tcase_add_test(t, test_fucompp_and_fcompp);
    tcase_add_test(t, test_every_encoding_survives);
    tcase_set_timeout(t, 60);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return check_run(x87_ops_suite(), CK_NORMAL);
}
