/*
 * test_i8042.c - Check unit tests for the 8042 keyboard controller
 * (devices/i8042_kbc.c) wired to the PS/2 keyboard and mouse, and for
 * port 92h (devices/port92.c): status bits, the command byte, self and
 * interface tests, RAM, input/output ports with the A20 and reset
 * callbacks, pulse commands, IRQ1/IRQ12 levels and their edges, XLAT on
 * and off, aux routing (D4, D3, D2), clock disable holding bytes back,
 * keyboard-before-mouse arbitration, the port bus, and a sweep of every
 * command with junk data.
 *
 * Bit meanings follow A. Brouwer, "Keyboard scancodes", chapter 10.
 */
#include "devices/i8042_kbc.h"

#include <check.h>
#include <stdlib.h>

#include "devices/port92.h"
#include "devices/ps2_keyboard.h"
#include "devices/ps2_mouse.h"
#include "devices/sched.h"
#include "mem/ports.h"
#include "tests/unit/check_main.h"

static struct sched sched;
static struct ps2_kbd kbd;
static struct ps2_mouse mouse;
static struct i8042_kbc kbc;

/* What the board would see. */
static bool irq_level[16];
static unsigned irq_rises[16];
static unsigned a20_calls;
static bool a20_on;
static unsigned resets;

static void irq_set_fn(void *opaque, unsigned pin, bool level)
{
    (void)opaque;
    ck_assert_uint_lt(pin, 16);
    if (level && !irq_level[pin])
        irq_rises[pin]++;
    irq_level[pin] = level;
}

static void board_set_a20(void *opaque, bool on)
{
    (void)opaque;
    a20_calls++;
    a20_on = on;
}

static void board_reset(void *opaque)
{
    (void)opaque;
    resets++;
}

static void setup(void)
{
    for (unsigned i = 0; i < 16; i++) {
        irq_level[i] = false;
        irq_rises[i] = 0;
    }
    a20_calls = 0;
    a20_on = true;
    resets = 0;
    sched_init(&sched);
    struct i8042_config cfg = {
        .irq1 = irq_line_make(irq_set_fn, NULL, 1),
        .irq12 = irq_line_make(irq_set_fn, NULL, 12),
        .kbd = { &kbd, ps2_kbd_write, ps2_kbd_read },
        .aux = { &mouse, ps2_mouse_write, ps2_mouse_read },
        .set_a20 = board_set_a20,
        .reset = board_reset,
        .board = NULL,
    };
    i8042_init(&kbc, &cfg);
    ps2_kbd_init(&kbd, &sched, i8042_kbd_data_ready, &kbc);
    ps2_mouse_init(&mouse, i8042_aux_data_ready, &kbc);
}

static uint8_t status(void)
{
    return i8042_read_status(&kbc);
}

static uint8_t read_obf(void)
{
    ck_assert_msg(status() & I8042_STATUS_OBF, "output buffer empty");
    return i8042_read_data(&kbc);
}

static void expect_empty(void)
{
    ck_assert_msg(!(status() & I8042_STATUS_OBF), "unexpected byte %02X", kbc.out);
}

static uint8_t command_reply(uint8_t cmd)
{
    i8042_write_command(&kbc, cmd);
    uint8_t v = read_obf();
    expect_empty();
    return v;
}

static void write_command_byte(uint8_t value)
{
    i8042_write_command(&kbc, 0x60);
    i8042_write_data(&kbc, value);
}

START_TEST(test_power_on)
{
    ck_assert_uint_eq(status(), I8042_STATUS_INH | I8042_STATUS_A2);
    ck_assert_uint_eq(command_reply(0x20), I8042_CMD_BYTE_RESET);
    ck_assert_uint_eq(command_reply(0xD0), 0xCF);
    ck_assert(!irq_level[1] && !irq_level[12]);
    /* A2 follows the port of the last write. */
    i8042_write_data(&kbc, 0xF2);
    ck_assert(!(status() & I8042_STATUS_A2));
    i8042_write_command(&kbc, 0xAE);
    ck_assert(status() & I8042_STATUS_A2);
}
END_TEST

START_TEST(test_command_byte)
{
    write_command_byte(0xC5);
    ck_assert_uint_eq(command_reply(0x20), 0x45);  /* bit 7 reads 0 */
    ck_assert(status() & I8042_STATUS_SYS);
    write_command_byte(0x00);
    ck_assert(!(status() & I8042_STATUS_SYS));
    /* AD/AE and A7/A8 are bits 4 and 5. */
    i8042_write_command(&kbc, 0xAD);
    i8042_write_command(&kbc, 0xA7);
    ck_assert_uint_eq(command_reply(0x20), 0x30);
    ck_assert_uint_eq(command_reply(0xE0), 0x00);   /* both clocks held low */
    i8042_write_command(&kbc, 0xAE);
    ck_assert_uint_eq(command_reply(0x20), 0x20);
    ck_assert_uint_eq(command_reply(0xE0), 0x01);
    i8042_write_command(&kbc, 0xA8);
    ck_assert_uint_eq(command_reply(0x20), 0x00);
    ck_assert_uint_eq(command_reply(0xE0), 0x03);
    /* RAM bytes 1-31: 61h writes byte 1, 21h reads it. */
    i8042_write_command(&kbc, 0x61);
    i8042_write_data(&kbc, 0x5A);
    ck_assert_uint_eq(command_reply(0x21), 0x5A);
    i8042_write_command(&kbc, 0x7F);
    i8042_write_data(&kbc, 0xA5);
    ck_assert_uint_eq(command_reply(0x3F), 0xA5);
    ck_assert_uint_eq(command_reply(0x20), 0x00);   /* byte 0 untouched */
}
END_TEST

START_TEST(test_tests_and_ports)
{
    ck_assert(!(status() & I8042_STATUS_SYS));
    ck_assert_uint_eq(command_reply(0xAA), 0x55);
    ck_assert(status() & I8042_STATUS_SYS);
    ck_assert_uint_eq(command_reply(0xAB), 0x00);
    ck_assert_uint_eq(command_reply(0xA9), 0x00);
    ck_assert_uint_eq(command_reply(0xA4), 0xF1);
    ck_assert_uint_eq(command_reply(0xC0), 0xA0);
    /* AC: RAM 0-15, input port, output port, status. */
    i8042_write_command(&kbc, 0xAC);
    ck_assert_uint_eq(read_obf(), I8042_CMD_BYTE_RESET);
    for (unsigned i = 1; i < 16; i++)
        ck_assert_uint_eq(read_obf(), 0);
    ck_assert_uint_eq(read_obf(), 0xA0);
    ck_assert_uint_eq(read_obf() & 0xCF, 0xCF);
    ck_assert_uint_eq(read_obf() & I8042_STATUS_SYS, I8042_STATUS_SYS);
    expect_empty();
    /* Unknown commands do nothing. */
    i8042_write_command(&kbc, 0xA0);
    i8042_write_command(&kbc, 0xC8);
    expect_empty();
}
END_TEST

START_TEST(test_output_port_a20)
{
    i8042_write_command(&kbc, 0xD1);
    i8042_write_data(&kbc, 0xDD);           /* A20 off, reset bit 1 */
    ck_assert_uint_eq(a20_calls, 1);
    ck_assert(!a20_on);
    ck_assert_uint_eq(resets, 0);
    ck_assert_uint_eq(command_reply(0xD0) & 0x03, 0x01);
    i8042_write_command(&kbc, 0xD1);
    i8042_write_data(&kbc, 0xDD);           /* no change, no call */
    ck_assert_uint_eq(a20_calls, 1);
    i8042_write_command(&kbc, 0xDF);        /* DF: A20 on */
    ck_assert_uint_eq(a20_calls, 2);
    ck_assert(a20_on);
    ck_assert_uint_eq(command_reply(0xD0) & 0x03, 0x03);
    i8042_write_command(&kbc, 0xDD);        /* DD: A20 off */
    ck_assert(!a20_on);
    ck_assert_uint_eq(a20_calls, 3);
    i8042_write_command(&kbc, 0xDF);
    /* D0 shows the IRQ outputs in bits 4 and 5. */
    i8042_write_command(&kbc, 0xD2);
    i8042_write_data(&kbc, 0x42);
    i8042_write_command(&kbc, 0xD0);        /* its answer waits behind 42 */
    ck_assert_uint_eq(read_obf(), 0x42);
    ck_assert_uint_eq(read_obf(), 0xDF);    /* 42 was in the buffer: IRQ1 bit */
    ck_assert_uint_eq(command_reply(0xD0), 0xCF);
}
END_TEST

START_TEST(test_reset_line)
{
    i8042_write_command(&kbc, 0xD1);
    i8042_write_data(&kbc, 0xFE);           /* bit 0 low: reset */
    ck_assert_uint_eq(resets, 1);
    ck_assert_uint_eq(command_reply(0xD0) & 0x01, 0x01);
    i8042_write_command(&kbc, 0xFE);
    ck_assert_uint_eq(resets, 2);
    i8042_write_command(&kbc, 0xF0);        /* pulses bits 0-3: reset too */
    ck_assert_uint_eq(resets, 3);
    i8042_write_command(&kbc, 0xFF);        /* pulses nothing */
    i8042_write_command(&kbc, 0xFD);        /* pulses bit 1 only */
    ck_assert_uint_eq(resets, 3);
    ck_assert_uint_eq(a20_calls, 0);        /* the A20 pulse leaves the gate */
    /* A D1 whose data never comes does nothing; a command cancels it. */
    i8042_write_command(&kbc, 0xD1);
    i8042_write_command(&kbc, 0xAE);
    i8042_write_data(&kbc, 0xF2);           /* goes to the keyboard */
    ck_assert_uint_eq(resets, 3);
    ck_assert_uint_eq(read_obf(), 0xFA);
}
END_TEST

START_TEST(test_irq1)
{
    write_command_byte(I8042_CMD_IRQ1);
    ps2_kbd_key(&kbd, 0x04, true);
    ck_assert(irq_level[1]);
    ck_assert(!irq_level[12]);
    ck_assert_uint_eq(status() & (I8042_STATUS_OBF | I8042_STATUS_AUXB), I8042_STATUS_OBF);
    ck_assert_uint_eq(read_obf(), 0x1C);
    ck_assert(!irq_level[1]);
    /* Two bytes waiting: reading the first drops the line and raises it
     * again, an edge for an edge-triggered PIC. */
    ps2_kbd_key(&kbd, 0x04, false);
    ck_assert_uint_eq(irq_rises[1], 2);
    ck_assert_uint_eq(read_obf(), 0xF0);
    ck_assert(irq_level[1]);
    ck_assert_uint_eq(irq_rises[1], 3);
    ck_assert_uint_eq(read_obf(), 0x1C);
    ck_assert(!irq_level[1]);
    /* IRQ1 disabled: the byte waits, no interrupt; enabling raises it. */
    write_command_byte(0);
    ps2_kbd_key(&kbd, 0x05, true);
    ck_assert(status() & I8042_STATUS_OBF);
    ck_assert(!irq_level[1]);
    write_command_byte(I8042_CMD_IRQ1);
    ck_assert(irq_level[1]);
    ck_assert_uint_eq(read_obf(), 0x32);
    /* Controller answers raise IRQ1 too (they are not mouse data). */
    i8042_write_command(&kbc, 0x20);
    ck_assert(irq_level[1]);
    ck_assert_uint_eq(read_obf(), I8042_CMD_IRQ1);
    /* A read of an empty buffer returns the last byte, changes nothing. */
    ck_assert_uint_eq(i8042_read_data(&kbc), I8042_CMD_IRQ1);
    ck_assert(!irq_level[1]);
}
END_TEST

START_TEST(test_aux_routing_and_irq12)
{
    write_command_byte(I8042_CMD_IRQ1 | I8042_CMD_IRQ12);
    i8042_write_command(&kbc, 0xD4);
    i8042_write_data(&kbc, 0xF2);           /* to the mouse */
    ck_assert(irq_level[12]);
    ck_assert(!irq_level[1]);
    ck_assert_uint_eq(status() & (I8042_STATUS_OBF | I8042_STATUS_AUXB),
                      I8042_STATUS_OBF | I8042_STATUS_AUXB);
    ck_assert_uint_eq(read_obf(), 0xFA);
    ck_assert_uint_eq(status() & I8042_STATUS_AUXB, I8042_STATUS_AUXB);
    ck_assert_uint_eq(read_obf(), 0x00);
    ck_assert(!irq_level[12]);
    ck_assert(!(status() & I8042_STATUS_AUXB));
    /* The keyboard did not see it. */
    ck_assert_uint_eq(kbd.queue_count, 0);
    /* D3: a byte as if from the mouse; D2: as if from the keyboard. */
    i8042_write_command(&kbc, 0xD3);
    i8042_write_data(&kbc, 0x55);
    ck_assert(irq_level[12]);
    ck_assert(status() & I8042_STATUS_AUXB);
    ck_assert_uint_eq(read_obf(), 0x55);
    write_command_byte(I8042_CMD_IRQ1 | I8042_CMD_IRQ12 | I8042_CMD_XLAT);
    i8042_write_command(&kbc, 0xD2);
    i8042_write_data(&kbc, 0x1C);
    ck_assert(irq_level[1]);
    ck_assert(!(status() & I8042_STATUS_AUXB));
    ck_assert_uint_eq(read_obf(), 0x1C);   /* not translated, even with XLAT */
    /* IRQ12 off: mouse bytes still arrive, flagged, without interrupt. */
    write_command_byte(I8042_CMD_IRQ1);
    i8042_write_command(&kbc, 0xD4);
    i8042_write_data(&kbc, 0xF4);
    ck_assert(!irq_level[12]);
    ck_assert(status() & I8042_STATUS_AUXB);
    ck_assert_uint_eq(read_obf(), 0xFA);
    ps2_mouse_move(&mouse, 1, 2, 0, PS2_MOUSE_LEFT);
    ck_assert_uint_eq(read_obf(), 0x09);
    ck_assert_uint_eq(read_obf(), 0x01);
    ck_assert_uint_eq(read_obf(), 0x02);
    expect_empty();
}
END_TEST

START_TEST(test_translation)
{
    write_command_byte(I8042_CMD_IRQ1 | I8042_CMD_XLAT);
    ps2_kbd_key(&kbd, 0x04, true);
    ps2_kbd_key(&kbd, 0x04, false);
    ck_assert_uint_eq(read_obf(), 0x1E);
    ck_assert_uint_eq(read_obf(), 0x9E);     /* F0 1C became one byte */
    expect_empty();
    ps2_kbd_key(&kbd, 0xE6, true);           /* AltGr */
    ps2_kbd_key(&kbd, 0xE6, false);
    ck_assert_uint_eq(read_obf(), 0xE0);
    ck_assert_uint_eq(read_obf(), 0x38);
    ck_assert_uint_eq(read_obf(), 0xE0);
    ck_assert_uint_eq(read_obf(), 0xB8);
    expect_empty();
    /* Mouse bytes are never translated. */
    i8042_write_command(&kbc, 0xD4);
    i8042_write_data(&kbc, 0xF2);
    ck_assert_uint_eq(read_obf(), 0xFA);
    ck_assert_uint_eq(read_obf(), 0x00);
    /* XLAT off. */
    write_command_byte(I8042_CMD_IRQ1);
    ps2_kbd_key(&kbd, 0x04, true);
    ps2_kbd_key(&kbd, 0x04, false);
    ck_assert_uint_eq(read_obf(), 0x1C);
    ck_assert_uint_eq(read_obf(), 0xF0);
    ck_assert_uint_eq(read_obf(), 0x1C);
    expect_empty();
}
END_TEST

START_TEST(test_clock_disable_and_arbitration)
{
    write_command_byte(I8042_CMD_IRQ1 | I8042_CMD_IRQ12);
    /* AD: key bytes wait in the keyboard. */
    i8042_write_command(&kbc, 0xAD);
    ps2_kbd_key(&kbd, 0x04, true);
    expect_empty();
    ck_assert(!irq_level[1]);
    i8042_write_command(&kbc, 0xAE);
    ck_assert(irq_level[1]);
    ck_assert_uint_eq(read_obf(), 0x1C);
    /* A7: mouse bytes wait. */
    i8042_write_command(&kbc, 0xD4);
    i8042_write_data(&kbc, 0xF4);
    ck_assert_uint_eq(read_obf(), 0xFA);
    i8042_write_command(&kbc, 0xA7);
    ps2_mouse_move(&mouse, 1, 0, 0, 0);
    expect_empty();
    i8042_write_command(&kbc, 0xA8);
    ck_assert_uint_eq(read_obf(), 0x08);
    ck_assert_uint_eq(read_obf(), 0x01);
    ck_assert_uint_eq(read_obf(), 0x00);
    /* Both have data: the keyboard goes first (a packet already started
     * in the output buffer finishes, byte by byte, after). */
    i8042_write_command(&kbc, 0xAD);
    i8042_write_command(&kbc, 0xA7);
    ps2_mouse_move(&mouse, 2, 0, 0, 0);
    ps2_kbd_key(&kbd, 0x05, true);
    i8042_write_command(&kbc, 0xA8);
    i8042_write_command(&kbc, 0xAE);
    ck_assert_uint_eq(read_obf(), 0x08);     /* the mouse was enabled first */
    ck_assert_uint_eq(read_obf(), 0x32);     /* then the keyboard wins */
    ck_assert_uint_eq(read_obf(), 0x02);
    ck_assert_uint_eq(read_obf(), 0x00);
    expect_empty();
    /* A byte sent to the keyboard turns its clock back on. */
    i8042_write_command(&kbc, 0xAD);
    i8042_write_data(&kbc, 0xEE);
    ck_assert_uint_eq(read_obf(), 0xEE);
    ck_assert(!(kbc.ram[0] & I8042_CMD_KBD_OFF));
}
END_TEST

START_TEST(test_port_bus)
{
    struct port_bus *pb = ports_create();
    ck_assert_ptr_nonnull(pb);
    ck_assert(i8042_attach(&kbc, pb));
    struct i8042_kbc other;
    struct i8042_config none = { 0 };
    i8042_init(&other, &none);
    ck_assert(!i8042_attach(&other, pb));
    ports_write(pb, 0x64, 1, 0xAA);
    ck_assert_uint_eq(ports_read(pb, 0x64, 1) & 0x01, 0x01);
    ck_assert_uint_eq(ports_read(pb, 0x60, 1), 0x55);
    ports_write(pb, 0x60, 1, 0xF2);
    ck_assert_uint_eq(ports_read(pb, 0x60, 1), 0xFA);
    ck_assert_uint_eq(ports_read(pb, 0x60, 1), 0xAB);
    ck_assert_uint_eq(ports_read(pb, 0x60, 1), 0x83);
    ck_assert_uint_eq(ports_read(pb, 0x64, 1) & 0x01, 0x00);
    /* Ports 61h-63h are not the 8042's. */
    ck_assert_uint_eq(ports_read(pb, 0x61, 1), 0xFF);

    struct port92 p92;
    port92_init(&p92, board_set_a20, board_reset, NULL);
    ck_assert(port92_attach(&p92, pb));
    ck_assert(!port92_attach(&p92, pb));
    ports_write(pb, 0x92, 1, 0x02);
    ck_assert_uint_eq(ports_read(pb, 0x92, 1), 0x02);
    ck_assert(a20_on);
    ck_assert_uint_eq(a20_calls, 1);
    ck_assert_uint_eq(resets, 0);
    ports_destroy(pb);
}
END_TEST

START_TEST(test_port92)
{
    struct port92 p;
    port92_init(&p, board_set_a20, board_reset, NULL);
    ck_assert_uint_eq(port92_read(&p), 0x00);
    port92_write(&p, PORT92_A20);
    ck_assert_uint_eq(a20_calls, 1);
    ck_assert(a20_on);
    port92_write(&p, PORT92_A20);            /* no change, no call */
    ck_assert_uint_eq(a20_calls, 1);
    port92_write(&p, PORT92_A20 | PORT92_FAST_RESET);
    ck_assert_uint_eq(resets, 1);
    ck_assert_uint_eq(a20_calls, 1);
    port92_write(&p, PORT92_A20 | PORT92_FAST_RESET);   /* still 1: no edge */
    ck_assert_uint_eq(resets, 1);
    port92_write(&p, 0);
    ck_assert(!a20_on);
    ck_assert_uint_eq(a20_calls, 2);
    ck_assert_uint_eq(resets, 1);
    port92_write(&p, PORT92_FAST_RESET | 0xF0);
    ck_assert_uint_eq(resets, 2);
    ck_assert_uint_eq(port92_read(&p), 0xF1);
    port92_reset(&p);
    ck_assert_uint_eq(port92_read(&p), 0x00);
    ck_assert_uint_eq(resets, 2);
    /* No callbacks wired: still fine. */
    port92_init(&p, NULL, NULL, NULL);
    port92_write(&p, 0x03);
    ck_assert_uint_eq(port92_read(&p), 0x03);
}
END_TEST

START_TEST(test_every_command)
{
    /* Each command with each kind of follow-up: nothing may break, and the
     * controller keeps answering afterwards. */
    for (unsigned cmd = 0; cmd < 256; cmd++) {
        i8042_write_command(&kbc, (uint8_t)cmd);
        i8042_write_data(&kbc, (uint8_t)(cmd ^ 0x5A));
        for (unsigned i = 0; i < 64 && (status() & I8042_STATUS_OBF); i++)
            i8042_read_data(&kbc);
        ps2_kbd_key(&kbd, (uint16_t)(cmd & 0x7F), (cmd & 1) != 0);
        ps2_mouse_move(&mouse, (int)cmd, -(int)cmd, 1, cmd);
        sched_advance_to(&sched, (uint64_t)cmd * SCHED_NS_PER_MS * 10);
        for (unsigned i = 0; i < 64 && (status() & I8042_STATUS_OBF); i++)
            i8042_read_data(&kbc);
    }
    /* Whatever state that left: a sane command byte brings it back. */
    write_command_byte(0x00);
    for (unsigned i = 0; i < 200 && (status() & I8042_STATUS_OBF); i++)
        i8042_read_data(&kbc);
    expect_empty();
    ck_assert_uint_eq(command_reply(0xAA), 0x55);
}
END_TEST

START_TEST(test_reset)
{
    write_command_byte(I8042_CMD_IRQ1 | I8042_CMD_XLAT | I8042_CMD_SYS);
    ps2_kbd_key(&kbd, 0x04, true);
    ck_assert(irq_level[1]);
    i8042_reset(&kbc);
    ck_assert(!irq_level[1]);
    ck_assert_uint_eq(status(), I8042_STATUS_INH | I8042_STATUS_A2);
    ck_assert_uint_eq(command_reply(0x20), I8042_CMD_BYTE_RESET);
    ck_assert_uint_eq(a20_calls, 0);
    ck_assert_uint_eq(resets, 0);
}
END_TEST

static Suite *i8042_suite(void)
{
    Suite *s = suite_create("i8042");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_power_on);
    tcase_add_test(tc, test_command_byte);
    tcase_add_test(tc, test_tests_and_ports);
    tcase_add_test(tc, test_output_port_a20);
    tcase_add_test(tc, test_reset_line);
    tcase_add_test(tc, test_irq1);
    tcase_add_test(tc, test_aux_routing_and_irq12);
    tcase_add_test(tc, test_translation);
    tcase_add_test(tc, test_clock_disable_and_arbitration);
    tcase_add_test(tc, test_port_bus);
    tcase_add_test(tc, test_port92);
    tcase_add_test(tc, test_every_command);
    tcase_add_test(tc, test_reset);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(i8042_suite(), CK_ENV);
}
