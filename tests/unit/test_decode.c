/*
 * test_decode.c - Check tests for the table-driven decoder: instruction
 * lengths across prefixes, ModRM/SIB/displacement forms and immediates,
 * the fields the decoder extracts, and the #UD/length-limit decisions.
 *
 * Expected lengths were worked out by hand from the Intel SDM Vol. 2,
 * chapter 2 (instruction format), not taken from our own decoder.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "cpu/decode.h"
#include "cpu/ops/ops.h"
#include "tests/unit/hex_bytes.h"
#include "tests/unit/check_main.h"

struct length_case {
    const char *hex;
    unsigned mode;
    int len;
};

static enum decode_result decode_hex(const char *hex, unsigned mode, struct insn *i)
{
    uint8_t b[32];
    unsigned n = parse_hex_bytes(hex, b, sizeof b);
    return decode_insn(i, b, n, mode);
}

static const struct length_case lengths[] = {
    /* 16-bit ModRM forms */
    { "00 00", 0, 2 },                 /* add [bx+si],al */
    { "00 06 34 12", 0, 4 },           /* add [1234],al: mod 0 r/m 6 = disp16 */
    { "00 46 12", 0, 3 },              /* add [bp+12],al: disp8 */
    { "00 86 34 12", 0, 4 },           /* add [bp+1234],al: disp16 */
    { "00 C0", 0, 2 },                 /* add al,al */
    /* immediates by operand size */
    { "05 01 02", 0, 3 },
    { "66 05 01 02 03 04", 0, 6 },     /* 0x66 in 16-bit code: imm32 */
    { "80 C0 12", 0, 3 },
    { "81 C0 34 12", 0, 4 },
    { "83 C0 FF", 0, 3 },
    { "69 C0 34 12", 0, 4 },           /* imul ax,ax,1234 */
    { "6B C0 12", 0, 3 },
    { "C8 10 00 01", 0, 4 },           /* enter 16,1 */
    { "9A 78 56 34 12", 0, 5 },        /* call far 1234:5678 */
    { "66 9A 78 56 34 12 00 10", 0, 8 },
    { "A0 34 12", 0, 3 },              /* mov al,[1234] */
    { "67 A0 78 56 34 12", 0, 6 },     /* 32-bit moffs */
    { "C2 04 00", 0, 3 },
    { "E8 34 12", 0, 3 },
    { "0F 84 34 12", 0, 4 },           /* jz rel16 */
    { "66 0F 84 34 12 00 00", 0, 7 },
    /* groups whose members differ in length */
    { "F6 C0 12", 0, 3 },              /* test al,12 */
    { "F6 D0", 0, 2 },                 /* not al */
    { "F7 C0 34 12", 0, 4 },           /* test ax,1234 */
    { "F7 D8", 0, 2 },                 /* neg ax */
    { "F7 06 34 12 78 56", 0, 6 },     /* test word [1234],5678 */
    { "C0 E0 04", 0, 3 },
    { "D0 E0", 0, 2 },
    /* 32-bit addressing reached by 0x67 from 16-bit code */
    { "67 00 04 24", 0, 4 },           /* SIB, no displacement */
    { "67 00 05 78 56 34 12", 0, 7 },  /* mod 0 r/m 5: disp32 */
    { "67 00 44 24 08", 0, 5 },        /* SIB + disp8 */
    { "67 00 84 88 78 56 34 12", 0, 8 }, /* SIB + disp32 */
    { "67 00 04 25 78 56 34 12", 0, 8 }, /* SIB base 5, mod 0: disp32 */
    /* 32-bit code segment */
    { "05 01 02 03 04", DECODE_CODE32, 5 },
    { "66 05 01 02", DECODE_CODE32, 4 },
    { "00 04 24", DECODE_CODE32, 3 },
    { "67 00 06 34 12", DECODE_CODE32, 5 }, /* back to 16-bit addressing */
    { "E8 01 02 03 04", DECODE_CODE32, 5 },
    /* prefixes and string instructions */
    { "26 2E F3 A4", 0, 4 },
    { "F0 00 00", 0, 3 },
    { "D8 00", 0, 2 },                 /* x87 escape, memory */
    { "DF 06 34 12", 0, 4 },
    { "0F 01 16 34 12", 0, 5 },        /* lgdt [1234] */
    { "8F 06 34 12", 0, 4 },           /* pop word [1234] */
};

START_TEST(test_lengths)
{
    const struct length_case *k = &lengths[_i];
    struct insn i;
    ck_assert_int_eq(decode_hex(k->hex, k->mode, &i), DECODE_OK);
    ck_assert_msg(i.len == k->len, "%s: length %u, expected %d", k->hex, i.len, k->len);
}
END_TEST

START_TEST(test_truncated_needs_more)
{
    struct insn i;
    const struct length_case *k = &lengths[_i];
    uint8_t b[32];
    unsigned n = parse_hex_bytes(k->hex, b, sizeof b);
    for (unsigned cut = 0; cut < n; cut++)
        ck_assert_msg(decode_insn(&i, b, cut, k->mode) == DECODE_NEED_MORE,
                      "%s cut to %u bytes", k->hex, cut);
}
END_TEST

START_TEST(test_fields_16bit)
{
    struct insn i;
    decode_hex("00 46 F0", 0, &i); /* add [bp-10],al */
    ck_assert_int_eq(i.base, REG_BP);
    ck_assert_int_eq(i.index, REG_ZERO);
    ck_assert_uint_eq(i.disp, 0xFFFFFFF0u); /* disp8 sign-extended */
    ck_assert_int_eq(i.seg, SEG_SS);       /* BP-based: stack segment */
    ck_assert_int_eq(i.reg, 0);
    ck_assert_ptr_eq((void *)i.fn, (void *)op_add_eb_gb_m);

    decode_hex("26 00 46 F0", 0, &i);      /* es: override wins */
    ck_assert_int_eq(i.seg, SEG_ES);

    decode_hex("00 00", 0, &i);
    ck_assert_int_eq(i.base, REG_BX);
    ck_assert_int_eq(i.index, REG_SI);
    ck_assert_int_eq(i.seg, SEG_DS);

    decode_hex("00 C3", 0, &i);            /* add bl,al: register form */
    ck_assert_int_eq(i.rm, 3);
    ck_assert_ptr_eq((void *)i.fn, (void *)op_add_eb_gb_r);

    decode_hex("83 C0 FE", 0, &i);
    ck_assert_uint_eq(i.imm, 0xFFFFFFFEu); /* Ibs: sign-extended */
    decode_hex("80 C0 FE", 0, &i);
    ck_assert_uint_eq(i.imm, 0xFE);        /* Ib: zero-extended */
    decode_hex("EB FE", 0, &i);
    ck_assert_uint_eq(i.imm, 0xFFFFFFFEu); /* Jb: sign-extended */
    decode_hex("D1 E0", 0, &i);
    ck_assert_uint_eq(i.imm, 1);           /* the "1" operand */
    decode_hex("C8 10 00 03", 0, &i);
    ck_assert_uint_eq(i.imm, 0x10);
    ck_assert_uint_eq(i.imm2, 3);
    decode_hex("EA 78 56 34 12", 0, &i);
    ck_assert_uint_eq(i.imm, 0x5678);
    ck_assert_uint_eq(i.imm2, 0x1234);
    decode_hex("57", 0, &i);               /* push di: Z operand */
    ck_assert_int_eq(i.reg, REG_DI);
    decode_hex("1F", 0, &i);               /* pop ds: segment operand */
    ck_assert_int_eq(i.reg, SEG_DS);
    decode_hex("F2 A6", 0, &i);
    ck_assert_int_eq(i.rep, REP_NE);
    decode_hex("66 67 90", 0, &i);
    ck_assert_int_eq(i.osize, 4);
    ck_assert_int_eq(i.asize, 4);
}
END_TEST

START_TEST(test_fields_sib)
{
    struct insn i;
    decode_hex("8B 44 8D 10", DECODE_CODE32, &i); /* mov eax,[ebp+ecx*4+10] */
    ck_assert_int_eq(i.base, REG_BP);
    ck_assert_int_eq(i.index, REG_CX);
    ck_assert_int_eq(i.scale, 2);
    ck_assert_uint_eq(i.disp, 0x10);
    ck_assert_int_eq(i.seg, SEG_SS);
    decode_hex("8B 04 24", DECODE_CODE32, &i);    /* mov eax,[esp] */
    ck_assert_int_eq(i.base, REG_SP);
    ck_assert_int_eq(i.index, REG_ZERO);
    ck_assert_int_eq(i.seg, SEG_SS);
    decode_hex("8B 04 65 00 01 00 00", DECODE_CODE32, &i); /* [disp32] index none */
    ck_assert_int_eq(i.base, REG_ZERO);
    ck_assert_int_eq(i.index, REG_ZERO);
    ck_assert_uint_eq(i.disp, 0x100);
    ck_assert_int_eq(i.seg, SEG_DS);
}
END_TEST

START_TEST(test_invalid_forms)
{
    struct insn i;
    decode_hex("0F FF", 0, &i);
    ck_assert_ptr_eq((void *)i.fn, (void *)op_ud);
    decode_hex("8F C8", 0, &i);            /* pop /1 does not exist */
    ck_assert_ptr_eq((void *)i.fn, (void *)op_ud);
    decode_hex("8D C0", 0, &i);            /* lea with a register operand */
    ck_assert_ptr_eq((void *)i.fn, (void *)op_ud);
    decode_hex("F0 00 C0", 0, &i);         /* lock on a register destination */
    ck_assert_ptr_eq((void *)i.fn, (void *)op_ud);
    decode_hex("F0 88 00", 0, &i);         /* lock mov: not lockable */
    ck_assert_ptr_eq((void *)i.fn, (void *)op_ud);
    decode_hex("F0 00 00", 0, &i);         /* lock add [bx+si],al: fine */
    ck_assert_ptr_eq((void *)i.fn, (void *)op_add_eb_gb_m);
    ck_assert(i.attr & ATTR_LOCKED);
    decode_hex("FF D8", 0, &i);            /* call far with a register */
    ck_assert_ptr_eq((void *)i.fn, (void *)op_ud);
}
END_TEST

START_TEST(test_length_limit)
{
    uint8_t b[32];
    struct insn i;
    memset(b, 0x26, sizeof b);
    b[14] = 0x90;                          /* 14 prefixes + nop = 15 bytes */
    ck_assert_int_eq(decode_insn(&i, b, 32, 0), DECODE_OK);
    ck_assert_int_eq(i.len, 15);
    memset(b, 0x26, sizeof b);
    b[15] = 0x90;                          /* 16 bytes */
    ck_assert_int_eq(decode_insn(&i, b, 32, 0), DECODE_TOO_LONG);
    memset(b, 0x66, sizeof b);
    b[11] = 0x81; b[12] = 0x06;            /* 11 prefixes + add [disp16],imm32 = 19 */
    ck_assert_int_eq(decode_insn(&i, b, 32, 0), DECODE_TOO_LONG);
}
END_TEST

START_TEST(test_ends_block)
{
    struct insn i;
    decode_hex("74 00", 0, &i);
    ck_assert(i.attr & ATTR_ENDS_BLOCK);
    decode_hex("01 C0", 0, &i);
    ck_assert(!(i.attr & ATTR_ENDS_BLOCK));
    decode_hex("F4", 0, &i);
    ck_assert(i.attr & ATTR_ENDS_BLOCK);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("decode");
    TCase *tc = tcase_create("decode");
    int n = (int)(sizeof lengths / sizeof lengths[0]);
    tcase_add_loop_test(tc, test_lengths, 0, n);
    tcase_add_loop_test(tc, test_truncated_needs_more, 0, n);
    tcase_add_test(tc, test_fields_16bit);
    tcase_add_test(tc, test_fields_sib);
    tcase_add_test(tc, test_invalid_forms);
    tcase_add_test(tc, test_length_limit);
    tcase_add_test(tc, test_ends_block);
    suite_add_tcase(s, tc);
    return check_run(s, CK_NORMAL);
}
