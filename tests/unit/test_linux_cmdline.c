/*
 * test_linux_cmdline.c - Check unit tests for what softpc, as the boot
 * loader of -kernel, reads from the kernel command line itself: vga=,
 * which goes into the setup header's vid_mode (frontend/linux_boot.c;
 * boot.rst, "Special command line options").
 *
 * Not here: loading a kernel (the guest boot tests do that with a real
 * one) and the kernel's own parsing of the rest of the line.
 */
#include "frontend/linux_boot.h"

#include <check.h>
#include <stdlib.h>
#include "tests/unit/check_main.h"

static uint16_t mode_of(const char *cmdline)
{
    uint16_t mode = 0x1234;
    ck_assert_msg(linux_cmdline_vid_mode(cmdline, &mode), "'%s' refused", cmdline);
    return mode;
}

static bool refused(const char *cmdline)
{
    uint16_t mode = 0x1234;
    bool ok = linux_cmdline_vid_mode(cmdline, &mode);
    ck_assert_uint_eq(mode, 0x1234); /* untouched when refused */
    return !ok;
}

START_TEST(test_no_vga_is_normal)
{
    ck_assert_uint_eq(mode_of(""), 0xFFFF);
    ck_assert_uint_eq(mode_of("console=ttyS0 quiet"), 0xFFFF);
    /* Only a whole argument named vga counts. */
    ck_assert_uint_eq(mode_of("xvga=0x314 vga_foo=1 video=vga=3"), 0xFFFF);
}
END_TEST

START_TEST(test_numbers_in_c_notation)
{
    ck_assert_uint_eq(mode_of("vga=0x314"), 0x314);
    ck_assert_uint_eq(mode_of("console=tty0 vga=788 quiet"), 788);
    ck_assert_uint_eq(mode_of("vga=0X0F07"), 0x0F07);
    ck_assert_uint_eq(mode_of("vga=017"), 15);   /* octal, as strtoul's base 0 */
    ck_assert_uint_eq(mode_of("vga=0"), 0);
    ck_assert_uint_eq(mode_of("vga=65535"), 0xFFFF);
}
END_TEST

START_TEST(test_names)
{
    ck_assert_uint_eq(mode_of("vga=normal"), 0xFFFF);
    ck_assert_uint_eq(mode_of("vga=ext"), 0xFFFE);
    ck_assert_uint_eq(mode_of("vga=ask"), 0xFFFD);
}
END_TEST

START_TEST(test_last_one_counts)
{
    ck_assert_uint_eq(mode_of("vga=0x314 console=ttyS0 vga=ext"), 0xFFFE);
    ck_assert_uint_eq(mode_of("  vga=1   vga=2  "), 2);
}
END_TEST

START_TEST(test_bad_values_refused)
{
    ck_assert(refused("vga="));
    ck_assert(refused("vga=0x10000"));
    ck_assert(refused("vga=-1"));
    ck_assert(refused("vga=+5"));
    ck_assert(refused("vga=0x31g"));
    ck_assert(refused("vga=Normal"));
    ck_assert(refused("vga=99999999999999999999"));
    ck_assert(refused("vga=0x314 vga=nope"));
}
END_TEST

static Suite *linux_cmdline_suite(void)
{
    Suite *s = suite_create("linux_cmdline");
    TCase *tc = tcase_create("vga");
    tcase_add_test(tc, test_no_vga_is_normal);
    tcase_add_test(tc, test_numbers_in_c_notation);
    tcase_add_test(tc, test_names);
    tcase_add_test(tc, test_last_one_counts);
    tcase_add_test(tc, test_bad_values_refused);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(linux_cmdline_suite(), CK_ENV);
}
