/*
 * test_ps2_mouse.c - Check unit tests for the PS/2 mouse
 * (devices/ps2_mouse.c): reset and ID, stream packets (signs, buttons,
 * overflow), the IntelliMouse knocks and 4-byte packets, remote mode,
 * 2:1 scaling, resolution, status, wrap mode, resend, bad commands, and
 * that motion waits while the queue is not empty.
 *
 * Expected values follow the IBM PS/2 technical reference (packet layout,
 * scaling table, status bytes) and Microsoft's IntelliMouse notes.
 */
#include "devices/ps2_mouse.h"

#include <check.h>
#include <stdlib.h>

#include "tests/unit/check_main.h"

static struct ps2_mouse mouse;
static unsigned ready_calls;

static void on_ready(void *opaque)
{
    (void)opaque;
    ready_calls++;
}

static void setup(void)
{
    ready_calls = 0;
    ps2_mouse_init(&mouse, on_ready, NULL);
}

struct seq {
    unsigned n;
    uint8_t b[16];
};

#define S(...) ((struct seq){ sizeof((uint8_t[]){ __VA_ARGS__ }), { __VA_ARGS__ } })
#define NONE ((struct seq){ 0, { 0 } })

static void expect(struct seq want, const char *what)
{
    uint8_t got[64];
    unsigned n = 0;
    uint8_t b;
    while (n < sizeof got && ps2_mouse_read(&mouse, &b))
        got[n++] = b;
    ck_assert_msg(n == want.n, "%s: %u bytes, expected %u", what, n, want.n);
    for (unsigned i = 0; i < n; i++)
        ck_assert_msg(got[i] == want.b[i], "%s: byte %u is %02X, expected %02X", what, i,
                      got[i], want.b[i]);
}

static void send(uint8_t byte)
{
    ps2_mouse_write(&mouse, byte);
}

static void enable_stream(void)
{
    send(0xF4);
    expect(S(0xFA), "enable");
}

static void set_rate(uint8_t rate)
{
    send(0xF3);
    send(rate);
    expect(S(0xFA, 0xFA), "sample rate");
}

START_TEST(test_reset_and_id)
{
    send(0xFF);
    expect(S(0xFA, 0xAA, 0x00), "reset");
    send(0xF2);
    expect(S(0xFA, 0x00), "id");
    ck_assert(ready_calls > 0);
}
END_TEST

START_TEST(test_stream_packets)
{
    ps2_mouse_move(&mouse, 10, 5, 0, PS2_MOUSE_LEFT);
    expect(NONE, "reporting is off after reset");
    enable_stream();
    ps2_mouse_move(&mouse, 10, 5, 0, PS2_MOUSE_LEFT);
    expect(S(0x09, 0x0A, 0x05), "right and up, left button");
    ps2_mouse_move(&mouse, -10, -5, 0, PS2_MOUSE_LEFT | PS2_MOUSE_RIGHT | PS2_MOUSE_MIDDLE);
    expect(S(0x3F, 0xF6, 0xFB), "left and down, all buttons");
    ps2_mouse_move(&mouse, 0, 0, 0, PS2_MOUSE_LEFT | PS2_MOUSE_RIGHT | PS2_MOUSE_MIDDLE);
    expect(NONE, "no motion, no button change: no packet");
    ps2_mouse_move(&mouse, 0, 0, 0, 0);
    expect(S(0x08, 0x00, 0x00), "button release alone is reported");
    /* A 3-byte mouse ignores the wheel. */
    ps2_mouse_move(&mouse, 0, 0, 3, 0);
    expect(NONE, "wheel without ID 3");
    send(0xF5);
    expect(S(0xFA), "disable");
    ps2_mouse_move(&mouse, 1, 1, 0, 0);
    expect(NONE, "reporting off");
}
END_TEST

START_TEST(test_overflow)
{
    enable_stream();
    ps2_mouse_move(&mouse, 300, -300, 0, 0);
    expect(S(0x08 | PS2_MOUSE_PKT_X_OVF | PS2_MOUSE_PKT_Y_OVF | PS2_MOUSE_PKT_Y_SIGN, 0xFF, 0x00),
           "both axes overflow");
    /* The excess is lost: the next packet carries only new motion. */
    ps2_mouse_move(&mouse, 1, 0, 0, 0);
    expect(S(0x08, 0x01, 0x00), "after overflow");
    /* The limits themselves fit. */
    ps2_mouse_move(&mouse, 255, -256, 0, 0);
    expect(S(0x08 | PS2_MOUSE_PKT_Y_SIGN, 0xFF, 0x00), "255 and -256");
    ps2_mouse_move(&mouse, -257, 256, 0, 0);
    expect(S(0x08 | PS2_MOUSE_PKT_X_OVF | PS2_MOUSE_PKT_Y_OVF | PS2_MOUSE_PKT_X_SIGN, 0x00, 0xFF),
           "-257 and 256");
    /* Host values that would overflow an int do not: they add up while
     * the first packet waits in the queue. */
    ps2_mouse_move(&mouse, 1, 0, 0, 0);
    ps2_mouse_move(&mouse, 2147483647, -2147483647 - 1, 0, 0);
    ps2_mouse_move(&mouse, 2147483647, -2147483647 - 1, 0, 0);
    expect(S(0x08, 0x01, 0x00,
             0x08 | PS2_MOUSE_PKT_X_OVF | PS2_MOUSE_PKT_Y_OVF | PS2_MOUSE_PKT_Y_SIGN, 0xFF, 0x00),
           "huge motion");
    ck_assert_int_eq(mouse.dx, 0);
    ck_assert_int_eq(mouse.dy, 0);
}
END_TEST

START_TEST(test_wheel_knock)
{
    set_rate(200);
    set_rate(100);
    set_rate(80);
    send(0xF2);
    expect(S(0xFA, 0x03), "ID 3 after 200,100,80");
    ck_assert_uint_eq(mouse.sample_rate, 80);
    enable_stream();
    ps2_mouse_move(&mouse, 1, 0, -1, 0);
    expect(S(0x08, 0x01, 0x00, 0xFF), "wheel -1");
    /* At most 7 per packet; the rest follows as the queue drains. */
    ps2_mouse_move(&mouse, 0, 0, 20, 0);
    expect(S(0x08, 0x00, 0x00, 0x07, 0x08, 0x00, 0x00, 0x07, 0x08, 0x00, 0x00, 0x06),
           "wheel 20 = 7 + 7 + 6");
    ck_assert_int_eq(mouse.dz, 0);
    set_rate(200);
    set_rate(200);
    set_rate(80);
    send(0xF2);
    expect(S(0xFA, 0x04), "ID 4 after 200,200,80");
    ps2_mouse_move(&mouse, 0, 0, -2, PS2_MOUSE_BUTTON4 | PS2_MOUSE_BUTTON5 | PS2_MOUSE_LEFT);
    expect(S(0x09, 0x00, 0x00, 0x3E), "ID 4: wheel -2 in bits 3-0, buttons 4 and 5");
    send(0xFF);
    expect(S(0xFA, 0xAA, 0x00), "reset");
    send(0xF2);
    expect(S(0xFA, 0x00), "reset clears the ID");
}
END_TEST

START_TEST(test_knock_order)
{
    /* 200,200,80 alone does not make an Explorer out of a plain mouse. */
    set_rate(200);
    set_rate(200);
    set_rate(80);
    send(0xF2);
    expect(S(0xFA, 0x00), "no ID 4 from ID 0");
    set_rate(100);
    set_rate(200);
    set_rate(80);
    send(0xF2);
    expect(S(0xFA, 0x00), "wrong order");
    /* A bad rate does not count and gets FE. */
    send(0xF3);
    send(7);
    expect(S(0xFA, 0xFE), "rate 7 refused");
    ck_assert_uint_eq(mouse.sample_rate, 80);
}
END_TEST

START_TEST(test_remote_mode)
{
    send(0xF0);
    expect(S(0xFA), "remote");
    enable_stream();   /* reporting on, but remote mode sends nothing by itself */
    ps2_mouse_move(&mouse, 3, -4, 0, PS2_MOUSE_RIGHT);
    expect(NONE, "remote: no stream packets");
    send(0xEB);
    expect(S(0xFA, 0x2A, 0x03, 0xFC), "read data");
    send(0xEB);
    expect(S(0xFA, 0x0A, 0x00, 0x00), "read data again: motion was taken");
    send(0xEA);
    expect(S(0xFA), "stream");
    ps2_mouse_move(&mouse, 1, 0, 0, PS2_MOUSE_RIGHT);
    expect(S(0x0A, 0x01, 0x00), "stream again");
}
END_TEST

START_TEST(test_scaling)
{
    static const int in[] = { 1, 2, 3, 4, 5, 6, 20, -3, -6 };
    static const uint8_t out[] = { 1, 1, 3, 6, 9, 12, 40, (uint8_t)-3, (uint8_t)-12 };
    send(0xE7);
    expect(S(0xFA), "2:1");
    enable_stream();
    for (unsigned i = 0; i < sizeof in / sizeof in[0]; i++) {
        ps2_mouse_move(&mouse, in[i], 0, 0, 0);
        uint8_t b[3];
        for (unsigned k = 0; k < 3; k++)
            ck_assert(ps2_mouse_read(&mouse, &b[k]));
        ck_assert_msg(b[1] == out[i], "scaled %d -> %02X, expected %02X", in[i], b[1], out[i]);
    }
    /* 2:1 scaling does not apply to Read Data. */
    send(0xF5);
    expect(S(0xFA), "disable");
    ps2_mouse_move(&mouse, 5, 0, 0, 0);
    send(0xEB);
    expect(S(0xFA, 0x08, 0x05, 0x00), "read data unscaled");
    send(0xE6);
    expect(S(0xFA), "1:1");
    ck_assert(!mouse.scaling_2to1);
}
END_TEST

START_TEST(test_resolution)
{
    enable_stream();
    send(0xE8);
    send(0x00);            /* 1 count/mm: a quarter of the host counts */
    expect(S(0xFA, 0xFA), "E8 00");
    enable_stream();
    ps2_mouse_move(&mouse, 9, -8, 0, 0);
    expect(S(0x28, 0x02, 0xFE), "1 count/mm");
    ps2_mouse_move(&mouse, 3, 0, 0, 0);    /* the leftover 1 plus 3 make one count */
    expect(S(0x08, 0x01, 0x00), "leftover motion");
    send(0xE8);
    send(0x03);            /* 8 counts/mm: twice */
    expect(S(0xFA, 0xFA), "E8 03");
    ps2_mouse_move(&mouse, 8, 0, 0, 0);
    expect(S(0x08, 0x10, 0x00), "8 counts/mm");
    send(0xE8);
    send(0x04);
    expect(S(0xFA, 0xFE), "E8 04 refused");
    ck_assert_uint_eq(mouse.resolution, 3);
}
END_TEST

START_TEST(test_status)
{
    send(0xE9);
    expect(S(0xFA, 0x00, 0x02, 0x64), "defaults: stream, off, 1:1, 4 c/mm, 100/s");
    set_rate(40);
    send(0xE8);
    send(0x01);
    send(0xE7);
    expect(S(0xFA, 0xFA, 0xFA), "E8 01 E7");
    enable_stream();
    ps2_mouse_move(&mouse, 0, 0, 0, PS2_MOUSE_LEFT | PS2_MOUSE_RIGHT);
    expect(S(0x0B, 0x00, 0x00), "buttons");
    send(0xE9);
    expect(S(0xFA, 0x35, 0x01, 0x28), "enabled, 2:1, left+right, 2 c/mm, 40/s");
    send(0xF0);
    send(0xE9);
    expect(S(0xFA, 0xFA, 0x75, 0x01, 0x28), "remote mode bit");
    send(0xF6);
    send(0xE9);
    expect(S(0xFA, 0xFA, 0x45, 0x02, 0x64), "F6 defaults keep the mode");
}
END_TEST

START_TEST(test_wrap_mode)
{
    send(0xEE);
    expect(S(0xFA), "wrap");
    send(0x55);
    send(0xE9);
    send(0xF4);
    expect(S(0x55, 0xE9, 0xF4), "echoed");
    send(0xEC);
    expect(S(0xFA), "leave wrap");
    send(0xF2);
    expect(S(0xFA, 0x00), "commands again");
    send(0xEE);
    expect(S(0xFA), "wrap again");
    send(0xFF);
    expect(S(0xFA, 0xAA, 0x00), "reset works in wrap mode");
    ck_assert(!mouse.wrap);
}
END_TEST

START_TEST(test_resend_and_errors)
{
    send(0xF2);
    expect(S(0xFA, 0x00), "id");
    send(0xFE);
    expect(S(0x00), "resend the last byte");
    send(0x12);
    expect(S(0xFE), "not a command");
    send(0xED);
    expect(S(0xFE), "a keyboard command");
    /* A command while a parameter is awaited is a command. */
    send(0xF3);
    send(0xF2);
    expect(S(0xFA, 0xFA, 0x00), "F3 then F2");
    /* Every byte pair: answers only, state stays in range. */
    for (unsigned v = 0; v < 256; v++) {
        send((uint8_t)v);
        send((uint8_t)(v * 7));
        ps2_mouse_move(&mouse, (int)v - 128, 128 - (int)v, (int)v % 9 - 4, v);
        uint8_t b;
        while (ps2_mouse_read(&mouse, &b))
            ;
    }
    ck_assert_uint_le(mouse.resolution, 3);
    ck_assert(mouse.id == 0 || mouse.id == 3 || mouse.id == 4);
}
END_TEST

START_TEST(test_motion_waits_for_queue)
{
    enable_stream();
    ps2_mouse_move(&mouse, 1, 0, 0, 0);
    ps2_mouse_move(&mouse, 2, 0, 0, 0);
    ps2_mouse_move(&mouse, 3, 1, 0, 0);
    /* First packet at once; the rest adds up and goes when it drains. */
    expect(S(0x08, 0x01, 0x00, 0x08, 0x05, 0x01), "two packets");
}
END_TEST

static Suite *mouse_suite(void)
{
    Suite *s = suite_create("ps2_mouse");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_reset_and_id);
    tcase_add_test(tc, test_stream_packets);
    tcase_add_test(tc, test_overflow);
    tcase_add_test(tc, test_wheel_knock);
    tcase_add_test(tc, test_knock_order);
    tcase_add_test(tc, test_remote_mode);
    tcase_add_test(tc, test_scaling);
    tcase_add_test(tc, test_resolution);
    tcase_add_test(tc, test_status);
    tcase_add_test(tc, test_wrap_mode);
    tcase_add_test(tc, test_resend_and_errors);
    tcase_add_test(tc, test_motion_waits_for_queue);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(mouse_suite(), CK_ENV);
}
