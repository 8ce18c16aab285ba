/*
 * test_x87.c - Check tests for the x87 instruction layer (cpu/fpu/x87*.c):
 * the register stack (TOP, tags, C1 on overflow/underflow and the masked
 * responses), the environment and save layouts (FNSTENV/FLDENV,
 * FNSAVE/FRSTOR in the 16/32-bit real and protected forms, FXSAVE/FXRSTOR),
 * the pointers FIP/FCS/FOP/FDP/FDS, exceptions (#MF with CR0.NE=1, FERR#
 * with CR0.NE=0, #NM with EM/TS/MP, FWAIT), constants per rounding mode,
 * and a few instructions end to end.
 *
 * Expected values are worked out from the Intel SDM (Vol. 1 Figures 8-9
 * to 8-12, Vol. 2 instruction pages), not read back from our code.  Where
 * the host is x86, the constants are also compared with the host's x87.
 */
#include <stdio.h>

#include "test_x87_harness.h"
#include "tests/unit/check_main.h"

static void setup(void) { harness_setup(); }
static void teardown(void) { harness_teardown(); }

static const f80 INDEFINITE = { 0xC000000000000000ull, 0xFFFF };

static void assert_f80(f80 v, uint16_t se, uint64_t mant)
{
    ck_assert_uint_eq(v.se, se);
    ck_assert_uint_eq(v.mant, mant);
}

/* ---- reset and stack ----------------------------------------------------- */

START_TEST(test_reset_state)
{
    /* The harness ran FNINIT: */
    ck_assert_uint_eq(cpu->fpu.cw, 0x037F);
    ck_assert_uint_eq(x87_status(cpu), 0);
    ck_assert_uint_eq(cpu->fpu.tw, 0xFFFF);
    /* RESET itself (SDM Vol. 3, Table 9-1): CW 0040h, SW 0, TW 5555h, +0.0. */
    cpu_reset(cpu);
    ck_assert_uint_eq(cpu->fpu.cw, 0x0040);
    ck_assert_uint_eq(x87_status(cpu), 0);
    ck_assert_uint_eq(cpu->fpu.tw, 0x5555);
    for (unsigned r = 0; r < 8; r++) {
        ck_assert_uint_eq(cpu->fpu.reg[r].se, 0);
        ck_assert_uint_eq(cpu->fpu.reg[r].mant, 0);
    }
}
END_TEST

START_TEST(test_push_tags_top)
{
    ck_assert_uint_eq(run_hex("D9 E8 D9 EE"), NO_EXCEPTION);   /* fld1; fldz */
    ck_assert_uint_eq(cpu->fpu.top, 6);
    /* R7 = 1.0 valid (00), R6 = 0.0 zero (01), the rest empty. */
    ck_assert_uint_eq(cpu->fpu.tw, 0x1FFF);
    ck_assert_uint_eq(x87_status(cpu), 6u << 11);
    assert_f80(x87_st(cpu, 1), 0x3FFF, 0x8000000000000000ull);
}
END_TEST

START_TEST(test_stack_overflow_masked)
{
    /* nine fld1: the ninth finds ST(7) in use */
    ck_assert_uint_eq(run_hex("D9E8 D9E8 D9E8 D9E8 D9E8 D9E8 D9E8 D9E8 D9E8"), NO_EXCEPTION);
    uint16_t sw = x87_status(cpu);
    ck_assert_uint_eq(sw & 0x7F, 0x41);                 /* IE | SF */
    ck_assert(sw & 0x0200);                             /* C1 = 1: overflow */
    ck_assert(!(sw & 0x0080));                          /* masked: no ES */
    ck_assert_uint_eq(cpu->fpu.top, 7);
    assert_f80(x87_st(cpu, 0), INDEFINITE.se, INDEFINITE.mant);
    ck_assert_uint_eq(x87_tag(cpu, 7), 2);              /* NaN: special */
}
END_TEST

START_TEST(test_stack_underflow_masked)
{
    /* C1 set beforehand: an underflow must clear it.  fadd st0,st1 on an
     * empty stack. */
    cpu->fpu.sw = 0x0200;
    ck_assert_uint_eq(run_hex("D8 C1"), NO_EXCEPTION);
    uint16_t sw = x87_status(cpu);
    ck_assert_uint_eq(sw & 0x7F, 0x41);
    ck_assert(!(sw & 0x0200));                          /* C1 = 0: underflow */
    assert_f80(x87_st(cpu, 0), INDEFINITE.se, INDEFINITE.mant);
    ck_assert_uint_eq(cpu->fpu.top, 0);
}
END_TEST

START_TEST(test_stack_underflow_unmasked_no_store)
{
    put16(0x20, 0x037E);                                /* IM clear */
    /* fldcw; fstp qword [50] with ST(0) empty */
    put64(0x50, 0x1122334455667788ull);
    ck_assert_uint_eq(run_hex("D9 2E 20 00 DD 1E 50 00"), NO_EXCEPTION);
    ck_assert_uint_eq(get64(0x50), 0x1122334455667788ull); /* nothing stored */
    ck_assert_uint_eq(cpu->fpu.top, 0);                   /* no pop */
    ck_assert_uint_eq(x87_status(cpu) & 0x80C1, 0x80C1);  /* B ES SF IE */
}
END_TEST

START_TEST(test_store_empty_masked_stores_indefinite)
{
    ck_assert_uint_eq(run_hex("DD 1E 50 00 DF 1E 42 00"), NO_EXCEPTION); /* fstp m64; fistp m16 */
    ck_assert_uint_eq(get64(0x50), 0xFFF8000000000000ull);
    ck_assert_uint_eq(get16(0x42), 0x8000);
    ck_assert_uint_eq(cpu->fpu.top, 2);                   /* both popped */
}
END_TEST

/* ---- arithmetic through the table ---------------------------------------- */

START_TEST(test_integer_round_trip)
{
    put16(0x40, 3);
    put16(0x44, 4);
    /* fild [40]; fild [44]; fmulp st1,st0; fistp [42] */
    ck_assert_uint_eq(run_hex("DF 06 40 00 DF 06 44 00 DE C9 DF 1E 42 00"), NO_EXCEPTION);
    ck_assert_uint_eq(get16(0x42), 12);
    ck_assert_uint_eq(cpu->fpu.tw, 0xFFFF);
}
END_TEST

START_TEST(test_dc_forms_are_swapped)
{
    put16(0x40, 8);
    put16(0x44, 2);
    /* fild 8; fild 2 -> ST0=2 ST1=8; DC F9 = fdiv st1,st0 -> ST1 = 4;
     * DC E9 = fsub st1,st0 -> ST1 = 2; DE F1 = fdivrp st1,st0 -> 2/2 = 1 */
    ck_assert_uint_eq(run_hex("DF 06 40 00 DF 06 44 00 DC F9"), NO_EXCEPTION);
    assert_f80(x87_st(cpu, 1), 0x4001, 0x8000000000000000ull);
    ck_assert_uint_eq(run_hex("DC E9"), NO_EXCEPTION);
    assert_f80(x87_st(cpu, 1), 0x4000, 0x8000000000000000ull);
    ck_assert_uint_eq(run_hex("DE F1"), NO_EXCEPTION);
    assert_f80(x87_st(cpu, 0), 0x3FFF, 0x8000000000000000ull);
    ck_assert_uint_eq(cpu->fpu.top, 7);
}
END_TEST

START_TEST(test_fcomi_and_fxam)
{
    /* fld1; fldz -> ST0 = 0 < ST1 = 1: CF=1 ZF=0 PF=0 */
    ck_assert_uint_eq(run_hex("D9 E8 D9 EE DB F1"), NO_EXCEPTION);
    uint32_t fl = cpu_get_eflags(cpu);
    ck_assert(fl & FLAG_CF);
    ck_assert(!(fl & (FLAG_ZF | FLAG_PF)));
    /* fxam on 0.0: C3 only */
    ck_assert_uint_eq(run_hex("D9 E5"), NO_EXCEPTION);
    ck_assert_uint_eq(x87_status(cpu) & 0x4700, 0x4000);
    /* fchs; fxam: -0.0 -> C3 and C1 (sign) */
    ck_assert_uint_eq(run_hex("D9 E0 D9 E5"), NO_EXCEPTION);
    ck_assert_uint_eq(x87_status(cpu) & 0x4700, 0x4200);
    /* fninit; fxam of an empty register: C3 C0 */
    ck_assert_uint_eq(run_hex("DB E3 D9 E5"), NO_EXCEPTION);
    ck_assert_uint_eq(x87_status(cpu) & 0x4500, 0x4100);
}
END_TEST

START_TEST(test_fcom_condition_codes_and_fnstsw)
{
    put32(0x10, 0x40000000);   /* 2.0f */
    /* fld1; fcom dword [10]: 1 < 2 -> C0; fnstsw ax */
    ck_assert_uint_eq(run_hex("D9 E8 D8 16 10 00 DF E0"), NO_EXCEPTION);
    ck_assert_uint_eq(reg16(cpu, REG_AX), (7u << 11) | 0x0100);
    /* fcomp dword [10] pops; fnstsw [24] */
    ck_assert_uint_eq(run_hex("D8 1E 10 00 DD 3E 24 00"), NO_EXCEPTION);
    ck_assert_uint_eq(get16(0x24), 0x0100);
    ck_assert_uint_eq(cpu->fpu.tw, 0xFFFF);
}
END_TEST

START_TEST(test_fcmov)
{
    /* fld1; fldz; stc; fcmovb st0,st1 -> ST0 = 1 */
    ck_assert_uint_eq(run_hex("D9 E8 D9 EE F9 DA C1"), NO_EXCEPTION);
    assert_f80(x87_st(cpu, 0), 0x3FFF, 0x8000000000000000ull);
    /* fldz; clc; fcmovb st0,st1: no move */
    ck_assert_uint_eq(run_hex("D9 EE F8 DA C1"), NO_EXCEPTION);
    assert_f80(x87_st(cpu, 0), 0, 0);
    /* fcmovnb (DB C1) moves when CF=0 */
    ck_assert_uint_eq(run_hex("F8 DB C1"), NO_EXCEPTION);
    assert_f80(x87_st(cpu, 0), 0x3FFF, 0x8000000000000000ull);
}
END_TEST

START_TEST(test_bcd_round_trip)
{
    /* -123456789012345678 */
    static const uint8_t bcd[10] = { 0x78, 0x56, 0x34, 0x12, 0x90, 0x78, 0x56, 0x34, 0x12, 0x80 };
    for (unsigned k = 0; k < 10; k++)
        phys_write8(ps, data_lin(0x60 + k), bcd[k]);
    ck_assert_uint_eq(run_hex("DF 26 60 00 DF 36 70 00"), NO_EXCEPTION); /* fbld; fbstp */
    for (unsigned k = 0; k < 10; k++)
        ck_assert_uint_eq(phys_read8(ps, data_lin(0x70 + k)), bcd[k]);
    ck_assert_uint_eq(cpu->fpu.tw, 0xFFFF);
}
END_TEST

START_TEST(test_fxch_and_ffree)
{
    /* fld1; fldz; fxch st1 -> ST0 = 1, ST1 = 0; ffree st1; fincstp */
    ck_assert_uint_eq(run_hex("D9 E8 D9 EE D9 C9"), NO_EXCEPTION);
    assert_f80(x87_st(cpu, 0), 0x3FFF, 0x8000000000000000ull);
    ck_assert_uint_eq(x87_tag(cpu, 7), 1);              /* R7 now holds 0.0 */
    ck_assert_uint_eq(run_hex("DD C1 D9 F7"), NO_EXCEPTION);
    ck_assert_uint_eq(cpu->fpu.top, 7);
    ck_assert(x87_empty(cpu, 0));
    /* ffreep (DF C0) frees ST(0) and pops */
    ck_assert_uint_eq(run_hex("D9 E8 DF C0"), NO_EXCEPTION);
    ck_assert_uint_eq(cpu->fpu.top, 7);
    ck_assert(x87_empty(cpu, 7));
}
END_TEST

/* ---- constants per rounding mode ------------------------------------------ */

/* Loads constant D9 xx under RC, stores it as m80 at [30]. */
static f80 constant_under(uint8_t modrm, unsigned rc)
{
    char hex[64];
    put16(0x20, (uint16_t)(0x037F | rc << 10));
    snprintf(hex, sizeof hex, "DB E3 D9 2E 20 00 D9 %02X DB 3E 30 00", modrm);
    ck_assert_uint_eq(run_hex(hex), NO_EXCEPTION);
    f80 v = { get64(0x30), get16(0x38) };
    return v;
}

START_TEST(test_constants_per_rounding)
{
    /* RC: 0 nearest, 1 down, 2 up, 3 zero (values: SDM Vol. 1 8.3.8 and
     * the constants' binary expansions) */
    for (unsigned rc = 0; rc < 4; rc++) {
        bool up = rc == 2, nearest = rc == 0;
        assert_f80(constant_under(0xEB, rc), 0x4000, (up || nearest) ? 0xC90FDAA22168C235ull : 0xC90FDAA22168C234ull);
        assert_f80(constant_under(0xE9, rc), 0x4000, up ? 0xD49A784BCD1B8AFFull : 0xD49A784BCD1B8AFEull);
        assert_f80(constant_under(0xEA, rc), 0x3FFF, (up || nearest) ? 0xB8AA3B295C17F0BCull : 0xB8AA3B295C17F0BBull);
        assert_f80(constant_under(0xEC, rc), 0x3FFD, (up || nearest) ? 0x9A209A84FBCFF799ull : 0x9A209A84FBCFF798ull);
        assert_f80(constant_under(0xED, rc), 0x3FFE, (up || nearest) ? 0xB17217F7D1CF79ACull : 0xB17217F7D1CF79ABull);
        assert_f80(constant_under(0xE8, rc), 0x3FFF, 0x8000000000000000ull);
        assert_f80(constant_under(0xEE, rc), 0x0000, 0);
        ck_assert(!(x87_status(cpu) & 0x20));           /* no PE */
    }
}
END_TEST

#if defined(__x86_64__) || defined(__i386__)
/* The host's own x87 loads the same constants. */
static void host_constant(unsigned which, uint16_t cw, uint8_t out[10])
{
    uint16_t old;
    __asm__ volatile("fnstcw %0" : "=m"(old));
    __asm__ volatile("fldcw %0" : : "m"(cw));
    switch (which) {
    case 0: __asm__ volatile("fldpi; fstpt %0" : "=m"(*(uint8_t(*)[10])out)); break;
    case 1: __asm__ volatile("fldl2t; fstpt %0" : "=m"(*(uint8_t(*)[10])out)); break;
    case 2: __asm__ volatile("fldl2e; fstpt %0" : "=m"(*(uint8_t(*)[10])out)); break;
    case 3: __asm__ volatile("fldlg2; fstpt %0" : "=m"(*(uint8_t(*)[10])out)); break;
    default: __asm__ volatile("fldln2; fstpt %0" : "=m"(*(uint8_t(*)[10])out)); break;
    }
    __asm__ volatile("fldcw %0" : : "m"(old));
}

START_TEST(test_constants_match_host)
{
    static const uint8_t modrm[5] = { 0xEB, 0xE9, 0xEA, 0xEC, 0xED };
    for (unsigned rc = 0; rc < 4; rc++) {
        for (unsigned k = 0; k < 5; k++) {
            uint8_t h[10];
            host_constant(k, (uint16_t)(0x037F | rc << 10), h);
            f80 v = constant_under(modrm[k], rc);
            uint64_t hm = 0;
            for (int b = 7; b >= 0; b--)
                hm = hm << 8 | h[b];
            ck_assert_uint_eq(v.mant, hm);
            ck_assert_uint_eq(v.se, (uint16_t)(h[8] | h[9] << 8));
        }
    }
}
END_TEST
#endif

/* ---- environment layouts ---------------------------------------------------- */

/* fld dword [0010] at 1000:0234 (linear 10234h, FOP 106h, operand at
 * 2000:0010 = linear 20010h); then `store` (an FNSTENV / FNSAVE at [100]). */
static void env_after_fld(const char *store, bool protected_mode)
{
    put32(0x10, 0x3F800000);   /* 1.0f */
    if (protected_mode)
        cpu->cr0 |= CR0_PE;
    char hex[64];
    snprintf(hex, sizeof hex, "D9 06 10 00 %s", store);
    ck_assert_uint_eq(run_hex(hex), NO_EXCEPTION);
    cpu->cr0 &= ~CR0_PE;
}

START_TEST(test_fnstenv_16_real)
{
    env_after_fld("D9 36 00 01", false);
    static const uint16_t want[7] = { 0x037F, 0x3800, 0x3FFF, 0x0234, 0x1106, 0x0010, 0x2000 };
    for (unsigned k = 0; k < 7; k++)
        ck_assert_uint_eq(get16(0x100 + 2 * k), want[k]);
}
END_TEST

START_TEST(test_fnstenv_32_real)
{
    env_after_fld("66 D9 36 00 01", false);
    /* d4: FIP bits 31:16 (0001h) in bits 27:12, FOP in 10:0; d6: FDP
     * bits 31:16 (0002h) in 27:12 */
    static const uint32_t want[7] = { 0xFFFF037F, 0xFFFF3800, 0xFFFF3FFF, 0xFFFF0234,
                                      0x00001106, 0xFFFF0010, 0x00002000 };
    for (unsigned k = 0; k < 7; k++)
        ck_assert_uint_eq(get32(0x100 + 4 * k), want[k]);
}
END_TEST

START_TEST(test_fnstenv_16_protected)
{
    env_after_fld("D9 36 00 01", true);
    static const uint16_t want[7] = { 0x037F, 0x3800, 0x3FFF, 0x0234, 0x1000, 0x0010, 0x2000 };
    for (unsigned k = 0; k < 7; k++)
        ck_assert_uint_eq(get16(0x100 + 2 * k), want[k]);
}
END_TEST

START_TEST(test_fnstenv_32_protected)
{
    env_after_fld("66 D9 36 00 01", true);
    static const uint32_t want[7] = { 0xFFFF037F, 0xFFFF3800, 0xFFFF3FFF, 0x00000234,
                                      0x01061000, 0x00000010, 0xFFFF2000 };
    for (unsigned k = 0; k < 7; k++)
        ck_assert_uint_eq(get32(0x100 + 4 * k), want[k]);
}
END_TEST

/* FNSTENV, FLDENV of that image, FNSTENV again: the same bytes, in each
 * of the four layouts (real-mode images hold linear pointers). */
START_TEST(test_env_round_trip_each_layout)
{
    static const struct { const char *store; const char *load; bool pm; unsigned size; } cases[] = {
        { "D9 36 00 01", "D9 26 00 01", false, 14 },
        { "66 D9 36 00 01", "66 D9 26 00 01", false, 28 },
        { "D9 36 00 01", "D9 26 00 01", true, 14 },
        { "66 D9 36 00 01", "66 D9 26 00 01", true, 28 },
    };
    for (unsigned k = 0; k < 4; k++) {
        char hex[64];
        x87_init(cpu);
        env_after_fld(cases[k].store, cases[k].pm);
        uint8_t first[28];
        for (unsigned b = 0; b < cases[k].size; b++)
            first[b] = phys_read8(ps, data_lin(0x100 + b));
        if (cases[k].pm)
            cpu->cr0 |= CR0_PE;
        x87_init(cpu);      /* forget everything but the image */
        snprintf(hex, sizeof hex, "%s %s", cases[k].load, cases[k].store);
        /* load from [100], store again to [100] */
        ck_assert_uint_eq(run_hex(hex), NO_EXCEPTION);
        cpu->cr0 &= ~CR0_PE;
        for (unsigned b = 0; b < cases[k].size; b++)
            ck_assert_uint_eq(phys_read8(ps, data_lin(0x100 + b)), first[b]);
        ck_assert_uint_eq(cpu->fpu.top, 7);
    }
}
END_TEST

START_TEST(test_fnstenv_masks_and_fldenv_restores)
{
    put16(0x20, 0x0372);   /* IM DM ZE.. : ZM OM UM PM clear? 72h = 0111 0010 */
    /* fldcw; fnstenv [100]: the stored CW is 0372h, then all masked */
    ck_assert_uint_eq(run_hex("D9 2E 20 00 D9 36 00 01"), NO_EXCEPTION);
    ck_assert_uint_eq(get16(0x100), 0x0372);
    ck_assert_uint_eq(cpu->fpu.cw, 0x037F);
    /* fldenv [100] brings 0372h back */
    ck_assert_uint_eq(run_hex("D9 26 00 01"), NO_EXCEPTION);
    ck_assert_uint_eq(cpu->fpu.cw, 0x0372);
}
END_TEST

START_TEST(test_fldenv_recomputes_tags)
{
    /* fld1 (R7 = 1.0); fnstenv; patch the image's TW to say R7 "zero" and
     * R0 "valid"; fldenv: R7 must be valid again (from its contents), R0
     * non-empty with the tag of its contents (+0.0 from reset: zero). */
    ck_assert_uint_eq(run_hex("D9 E8 D9 36 00 01"), NO_EXCEPTION);
    put16(0x104, 0x7FFC);
    ck_assert_uint_eq(run_hex("D9 26 00 01"), NO_EXCEPTION);
    ck_assert_uint_eq(cpu->fpu.tw, 0x3FFD);
}
END_TEST

START_TEST(test_fnsave_frstor)
{
    /* fld1; fldpi; fnsave [200] (16-bit real: 14 + 80 bytes) */
    ck_assert_uint_eq(run_hex("D9 E8 D9 EB DD 36 00 02"), NO_EXCEPTION);
    ck_assert_uint_eq(get16(0x200 + 2), 6u << 11);       /* SW with TOP 6 */
    ck_assert_uint_eq(get16(0x200 + 4), 0x0FFF);         /* R7, R6 valid */
    ck_assert_uint_eq(get64(0x200 + 14), 0xC90FDAA22168C235ull); /* ST0 = pi */
    ck_assert_uint_eq(get16(0x200 + 22), 0x4000);
    ck_assert_uint_eq(get64(0x200 + 24), 0x8000000000000000ull); /* ST1 = 1 */
    /* FNSAVE re-initialises */
    ck_assert_uint_eq(cpu->fpu.tw, 0xFFFF);
    ck_assert_uint_eq(cpu->fpu.top, 0);
    /* frstor [200] */
    ck_assert_uint_eq(run_hex("DD 26 00 02"), NO_EXCEPTION);
    ck_assert_uint_eq(cpu->fpu.top, 6);
    ck_assert_uint_eq(cpu->fpu.tw, 0x0FFF);
    assert_f80(x87_st(cpu, 0), 0x4000, 0xC90FDAA22168C235ull);
    assert_f80(x87_st(cpu, 1), 0x3FFF, 0x8000000000000000ull);
}
END_TEST

START_TEST(test_fnsave_32_protected_offsets)
{
    cpu->cr0 |= CR0_PE;
    ck_assert_uint_eq(run_hex("D9 E8 66 DD 36 00 02"), NO_EXCEPTION);
    cpu->cr0 &= ~CR0_PE;
    ck_assert_uint_eq(get32(0x200 + 12), 0x0234);        /* FIP */
    ck_assert_uint_eq(get32(0x200 + 16), 0x01E81000u);   /* FOP 1E8h, FCS */
    ck_assert_uint_eq(get64(0x200 + 28), 0x8000000000000000ull);
    ck_assert_uint_eq(get16(0x200 + 36), 0x3FFF);
}
END_TEST

/* ---- FXSAVE / FXRSTOR ----------------------------------------------------------- */

START_TEST(test_fxsave_layout)
{
    /* fld1; fxsave [300] (linear 20300h: aligned) */
    for (unsigned k = 0; k < 512; k += 4)
        put32(0x300 + k, 0xA5A5A5A5u);
    ck_assert_uint_eq(run_hex("D9 E8 0F AE 06 00 03"), NO_EXCEPTION);
    ck_assert_uint_eq(get16(0x300), 0x037F);
    ck_assert_uint_eq(get16(0x302), 7u << 11);
    ck_assert_uint_eq(phys_read8(ps, data_lin(0x304)), 0x80);   /* R7 non-empty */
    ck_assert_uint_eq(phys_read8(ps, data_lin(0x305)), 0);
    ck_assert_uint_eq(get16(0x306), 0x1E8);                     /* FOP of D9 E8 */
    ck_assert_uint_eq(get32(0x308), 0x0234);                    /* FIP */
    ck_assert_uint_eq(get16(0x30C), 0x1000);                    /* FCS */
    ck_assert_uint_eq(get64(0x300 + 32), 0x8000000000000000ull); /* ST0 */
    ck_assert_uint_eq(get16(0x300 + 40), 0x3FFF);
    ck_assert_uint_eq(get16(0x300 + 42), 0);                    /* reserved: 0 */
    /* No SSE: MXCSR and the XMM area are left alone */
    ck_assert_uint_eq(get32(0x300 + 24), 0xA5A5A5A5u);
    ck_assert_uint_eq(get32(0x300 + 160), 0xA5A5A5A5u);
    /* FXSAVE does not re-initialise */
    ck_assert_uint_eq(cpu->fpu.top, 7);
}
END_TEST

START_TEST(test_fxsave_alignment)
{
    ck_assert_uint_eq(run_hex("0F AE 06 08 03"), 13);   /* [308]: #GP */
    ck_assert_uint_eq(run_hex("0F AE 0E 08 03"), 13);
}
END_TEST

START_TEST(test_fxrstor_round_trip)
{
    /* fld1; fldz; fxsave; fninit; fxrstor */
    ck_assert_uint_eq(run_hex("D9 E8 D9 EE 0F AE 06 00 03 DB E3 0F AE 0E 00 03"), NO_EXCEPTION);
    ck_assert_uint_eq(cpu->fpu.top, 6);
    ck_assert_uint_eq(cpu->fpu.tw, 0x1FFF);      /* tags recomputed: zero, valid */
    assert_f80(x87_st(cpu, 1), 0x3FFF, 0x8000000000000000ull);
}
END_TEST

/* ---- exceptions --------------------------------------------------------------------- */

static int ferr_level = -1;
static int ferr_calls;

static void on_ferr(void *opaque, bool asserted)
{
    (void)opaque;
    ferr_level = asserted;
    ferr_calls++;
}

/* fldcw 037Bh (ZE unmasked); fldz; fld1; fdiv st0,st1 -> 1/0 */
static const char *divide_by_zero = "D9 2E 20 00 D9 EE D9 E8 D8 F1";

START_TEST(test_mf_with_ne)
{
    put16(0x20, 0x037B);
    cpu->cr0 |= CR0_NE;
    ck_assert_uint_eq(run_hex(divide_by_zero), NO_EXCEPTION);  /* the error is pending */
    ck_assert_uint_eq(x87_status(cpu) & 0x8084, 0x8084);      /* B ES ZE */
    assert_f80(x87_st(cpu, 0), 0x3FFF, 0x8000000000000000ull); /* not stored */
    ck_assert_uint_eq(run_hex("9B"), EXC_MF);                   /* fwait */
    ck_assert_uint_eq(run_hex("D9 E8"), EXC_MF);                /* any waiting x87 insn */
    /* no-wait instructions run: fnstsw ax, fnclex; then fwait is quiet */
    ck_assert_uint_eq(run_hex("DF E0 DB E2 9B"), NO_EXCEPTION);
    ck_assert_uint_eq(reg16(cpu, REG_AX) & 0x8084, 0x8084);
}
END_TEST

START_TEST(test_ferr_without_ne)
{
    cpu->ferr = on_ferr;
    ferr_level = -1;
    ferr_calls = 0;
    put16(0x20, 0x037B);
    ck_assert_uint_eq(run_hex(divide_by_zero), NO_EXCEPTION);
    ck_assert_int_eq(ferr_calls, 0);            /* reported at the next waiting insn */
    ck_assert_uint_eq(run_hex("9B D9 E8"), NO_EXCEPTION);   /* fwait; fld1: no fault */
    ck_assert_int_eq(ferr_level, 1);
    ck_assert_int_eq(ferr_calls, 1);            /* asserted once, stays asserted */
    ck_assert_uint_eq(cpu->fpu.top, 5);         /* fld1 ran */
    ck_assert_uint_eq(run_hex("DB E2"), NO_EXCEPTION);      /* fnclex drops FERR# */
    ck_assert_int_eq(ferr_level, 0);
    ck_assert_int_eq(ferr_calls, 2);
}
END_TEST

START_TEST(test_fldcw_unmasking_pending_flag)
{
    /* masked 1/0 sets ZE only; unmasking it with fldcw makes it pending */
    put16(0x20, 0x037B);
    cpu->cr0 |= CR0_NE;
    ck_assert_uint_eq(run_hex("D9 EE D9 E8 D8 F1"), NO_EXCEPTION);
    ck_assert_uint_eq(x87_status(cpu) & 0x8084, 0x0004);
    ck_assert_uint_eq(run_hex("D9 2E 20 00 9B"), EXC_MF);
}
END_TEST

START_TEST(test_nm_em_ts_mp)
{
    cpu->cr0 |= CR0_EM;
    ck_assert_uint_eq(run_hex("D9 E8"), EXC_NM);
    ck_assert_uint_eq(run_hex("9B"), NO_EXCEPTION);     /* WAIT ignores EM */
    cpu->cr0 &= ~CR0_EM;
    cpu->cr0 |= CR0_TS;
    ck_assert_uint_eq(run_hex("D9 E8"), EXC_NM);
    ck_assert_uint_eq(run_hex("DB E3"), EXC_NM);        /* fninit too */
    ck_assert_uint_eq(run_hex("9B"), NO_EXCEPTION);     /* TS without MP */
    cpu->cr0 |= CR0_MP;
    ck_assert_uint_eq(run_hex("9B"), EXC_NM);
    ck_assert_uint_eq(cpu->fpu.top, 0);                 /* nothing ran */
}
END_TEST

START_TEST(test_fistti_and_reserved_are_ud)
{
    ck_assert_uint_eq(run_hex("DB 0E 40 00"), EXC_UD);  /* FISTTP m32: SSE3 */
    ck_assert_uint_eq(run_hex("D9 D1"), EXC_UD);        /* D9 D1: reserved */
    ck_assert_uint_eq(run_hex("D9 0E 40 00"), EXC_UD);  /* D9 /1 memory */
}
END_TEST

START_TEST(test_fip_not_changed_by_control)
{
    /* fld1 sets FIP/FOP; fnstcw / fnclex / fincstp do not change them */
    ck_assert_uint_eq(run_hex("D9 E8 D9 3E 22 00 DB E2 D9 F7"), NO_EXCEPTION);
    ck_assert_uint_eq(cpu->fpu.fip, CODE_IP);
    ck_assert_uint_eq(cpu->fpu.fop, 0x1E8);
    ck_assert_uint_eq(get16(0x22), 0x037F);
}
END_TEST

static Suite *x87_suite(void)
{
    Suite *s = suite_create("x87");
    TCase *t = tcase_create("x87");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_reset_state);
    tcase_add_test(t, test_push_tags_top);
    tcase_add_test(t, test_stack_overflow_masked);
    tcase_add_test(t, test_stack_underflow_masked);
    tcase_add_test(t, test_stack_underflow_unmasked_no_store);
    tcase_add_test(t, test_store_empty_masked_stores_indefinite);
    tcase_add_test(t, test_integer_round_trip);
    tcase_add_test(t, test_dc_forms_are_swapped);
    tcase_add_test(t, test_fcomi_and_fxam);
    tcase_add_test(t, test_fcom_condition_codes_and_fnstsw);
    tcase_add_test(t, test_fcmov);
    tcase_add_test(t, test_bcd_round_trip);
    tcase_add_test(t, test_fxch_and_ffree);
    tcase_add_test(t, test_constants_per_rounding);
#if defined(__x86_64__) || defined(__i386__)
    tcase_add_test(t, test_constants_match_host);
#endif
    tcase_add_test(t, test_fnstenv_16_real);
    tcase_add_test(t, test_fnstenv_32_real);
    tcase_add_test(t, test_fnstenv_16_protected);
    tcase_add_test(t, test_fnstenv_32_protected);
    tcase_add_test(t, test_env_round_trip_each_layout);
    tcase_add_test(t, test_fnstenv_masks_and_fldenv_restores);
    tcase_add_test(t, test_fldenv_recomputes_tags);
    tcase_add_test(t, test_fnsave_frstor);
    tcase_add_test(t, test_fnsave_32_protected_offsets);
    tcase_add_test(t, test_fxsave_layout);
    tcase_add_test(t, test_fxsave_alignment);
    tcase_add_test(t, test_fxrstor_round_trip);
    tcase_add_test(t, test_mf_with_ne);
    tcase_add_test(t, test_ferr_without_ne);
    tcase_add_test(t, test_fldcw_unmasking_pending_flag);
    tcase_add_test(t, test_nm_em_ts_mp);
    tcase_add_test(t, test_fistti_and_reserved_are_ud);
    tcase_add_test(t, test_fip_not_changed_by_control);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return check_run(x87_suite(), CK_NORMAL);
}
