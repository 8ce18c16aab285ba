/*
 * test_ps2_keyboard.c - Check unit tests for the PS/2 keyboard
 * (devices/ps2_keyboard.c, devices/ps2_scancodes.c): make and break codes
 * for a table of keys (letters, E0 keys, keypad, the ISO key, AltGr,
 * Print Screen and Pause in their modifier forms), set 1 both native and
 * through the 8042's XLAT, set 3, typematic timing on the manual
 * scheduler clock, LEDs, the command set and the overflow code.
 *
 * Expected bytes come from A. Brouwer's "Keyboard scancodes" (9.2 and the
 * table in 9.6: its Set 1 and Set 2 columns) and the Microsoft Keyboard
 * Scan Code Specification, typed in independently of the device tables.
 */
#include "devices/ps2_keyboard.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "devices/i8042_kbc.h"
#include "devices/ps2_scancodes.h"
#include "devices/sched.h"
#include "tests/unit/check_main.h"

static struct sched sched;
static struct ps2_kbd kbd;
static unsigned ready_calls;
static uint8_t leds_seen;
static unsigned leds_calls;

static void on_ready(void *opaque)
{
    (void)opaque;
    ready_calls++;
}

static void on_leds(void *opaque, uint8_t leds)
{
    (void)opaque;
    leds_seen = leds;
    leds_calls++;
}

static void setup(void)
{
    sched_init(&sched);
    ready_calls = 0;
    leds_calls = 0;
    leds_seen = 0xFF;
    ps2_kbd_init(&kbd, &sched, on_ready, NULL);
    ps2_kbd_set_leds_callback(&kbd, on_leds, NULL);
}

static unsigned drain(uint8_t *buf, unsigned max)
{
    unsigned n = 0;
    uint8_t b;
    while (n < max && ps2_kbd_read(&kbd, &b))
        buf[n++] = b;
    return n;
}

#define MAXSEQ 8

struct seq {
    unsigned n;
    uint8_t b[MAXSEQ];
};

static void expect_queue(const struct seq *want, const char *what)
{
    uint8_t got[32];
    unsigned n = drain(got, sizeof got);
    ck_assert_msg(n == want->n, "%s: %u bytes, expected %u", what, n, want->n);
    for (unsigned i = 0; i < n; i++)
        ck_assert_msg(got[i] == want->b[i], "%s: byte %u is %02X, expected %02X", what, i,
                      got[i], want->b[i]);
}

static void expect_empty(const char *what)
{
    struct seq none = { 0, { 0 } };
    expect_queue(&none, what);
}

static void send(uint8_t byte)
{
    ps2_kbd_write(&kbd, byte);
}

/* ---- the key table ---------------------------------------------------- */

struct key_case {
    uint16_t usage;
    const char *name;
    struct seq make2, break2, make1, break1;
};

#define S(...) { sizeof((uint8_t[]){ __VA_ARGS__ }), { __VA_ARGS__ } }

static const struct key_case key_cases[] = {
    { 0x04, "A", S(0x1C), S(0xF0, 0x1C), S(0x1E), S(0x9E) },
    { 0x1D, "Z", S(0x1A), S(0xF0, 0x1A), S(0x2C), S(0xAC) },
    { 0x1E, "1", S(0x16), S(0xF0, 0x16), S(0x02), S(0x82) },
    { 0x27, "0", S(0x45), S(0xF0, 0x45), S(0x0B), S(0x8B) },
    { 0x28, "Enter", S(0x5A), S(0xF0, 0x5A), S(0x1C), S(0x9C) },
    { 0x29, "Esc", S(0x76), S(0xF0, 0x76), S(0x01), S(0x81) },
    { 0x2A, "Backspace", S(0x66), S(0xF0, 0x66), S(0x0E), S(0x8E) },
    { 0x2B, "Tab", S(0x0D), S(0xF0, 0x0D), S(0x0F), S(0x8F) },
    { 0x2C, "Space", S(0x29), S(0xF0, 0x29), S(0x39), S(0xB9) },
    { 0x31, "Backslash", S(0x5D), S(0xF0, 0x5D), S(0x2B), S(0xAB) },
    { 0x32, "ISO #", S(0x5D), S(0xF0, 0x5D), S(0x2B), S(0xAB) },
    { 0x35, "Grave", S(0x0E), S(0xF0, 0x0E), S(0x29), S(0xA9) },
    { 0x39, "Caps Lock", S(0x58), S(0xF0, 0x58), S(0x3A), S(0xBA) },
    { 0x3A, "F1", S(0x05), S(0xF0, 0x05), S(0x3B), S(0xBB) },
    { 0x40, "F7", S(0x83), S(0xF0, 0x83), S(0x41), S(0xC1) },
    { 0x43, "F10", S(0x09), S(0xF0, 0x09), S(0x44), S(0xC4) },
    { 0x44, "F11", S(0x78), S(0xF0, 0x78), S(0x57), S(0xD7) },
    { 0x45, "F12", S(0x07), S(0xF0, 0x07), S(0x58), S(0xD8) },
    { 0x47, "Scroll Lock", S(0x7E), S(0xF0, 0x7E), S(0x46), S(0xC6) },
    { 0x49, "Insert", S(0xE0, 0x70), S(0xE0, 0xF0, 0x70), S(0xE0, 0x52), S(0xE0, 0xD2) },
    { 0x4A, "Home", S(0xE0, 0x6C), S(0xE0, 0xF0, 0x6C), S(0xE0, 0x47), S(0xE0, 0xC7) },
    { 0x4B, "Page Up", S(0xE0, 0x7D), S(0xE0, 0xF0, 0x7D), S(0xE0, 0x49), S(0xE0, 0xC9) },
    { 0x4C, "Delete", S(0xE0, 0x71), S(0xE0, 0xF0, 0x71), S(0xE0, 0x53), S(0xE0, 0xD3) },
    { 0x4D, "End", S(0xE0, 0x69), S(0xE0, 0xF0, 0x69), S(0xE0, 0x4F), S(0xE0, 0xCF) },
    { 0x4E, "Page Down", S(0xE0, 0x7A), S(0xE0, 0xF0, 0x7A), S(0xE0, 0x51), S(0xE0, 0xD1) },
    { 0x4F, "Right", S(0xE0, 0x74), S(0xE0, 0xF0, 0x74), S(0xE0, 0x4D), S(0xE0, 0xCD) },
    { 0x50, "Left", S(0xE0, 0x6B), S(0xE0, 0xF0, 0x6B), S(0xE0, 0x4B), S(0xE0, 0xCB) },
    { 0x51, "Down", S(0xE0, 0x72), S(0xE0, 0xF0, 0x72), S(0xE0, 0x50), S(0xE0, 0xD0) },
    { 0x52, "Up", S(0xE0, 0x75), S(0xE0, 0xF0, 0x75), S(0xE0, 0x48), S(0xE0, 0xC8) },
    { 0x53, "Num Lock", S(0x77), S(0xF0, 0x77), S(0x45), S(0xC5) },
    { 0x54, "KP /", S(0xE0, 0x4A), S(0xE0, 0xF0, 0x4A), S(0xE0, 0x35), S(0xE0, 0xB5) },
    { 0x55, "KP *", S(0x7C), S(0xF0, 0x7C), S(0x37), S(0xB7) },
    { 0x56, "KP -", S(0x7B), S(0xF0, 0x7B), S(0x4A), S(0xCA) },
    { 0x57, "KP +", S(0x79), S(0xF0, 0x79), S(0x4E), S(0xCE) },
    { 0x58, "KP Enter", S(0xE0, 0x5A), S(0xE0, 0xF0, 0x5A), S(0xE0, 0x1C), S(0xE0, 0x9C) },
    { 0x59, "KP 1", S(0x69), S(0xF0, 0x69), S(0x4F), S(0xCF) },
    { 0x5D, "KP 5", S(0x73), S(0xF0, 0x73), S(0x4C), S(0xCC) },
    { 0x61, "KP 9", S(0x7D), S(0xF0, 0x7D), S(0x49), S(0xC9) },
    { 0x62, "KP 0", S(0x70), S(0xF0, 0x70), S(0x52), S(0xD2) },
    { 0x63, "KP .", S(0x71), S(0xF0, 0x71), S(0x53), S(0xD3) },
    { 0x64, "ISO \\", S(0x61), S(0xF0, 0x61), S(0x56), S(0xD6) },
    { 0x65, "Menu", S(0xE0, 0x2F), S(0xE0, 0xF0, 0x2F), S(0xE0, 0x5D), S(0xE0, 0xDD) },
    { 0xE0, "Left Ctrl", S(0x14), S(0xF0, 0x14), S(0x1D), S(0x9D) },
    { 0xE1, "Left Shift", S(0x12), S(0xF0, 0x12), S(0x2A), S(0xAA) },
    { 0xE2, "Left Alt", S(0x11), S(0xF0, 0x11), S(0x38), S(0xB8) },
    { 0xE3, "Left GUI", S(0xE0, 0x1F), S(0xE0, 0xF0, 0x1F), S(0xE0, 0x5B), S(0xE0, 0xDB) },
    { 0xE4, "Right Ctrl", S(0xE0, 0x14), S(0xE0, 0xF0, 0x14), S(0xE0, 0x1D), S(0xE0, 0x9D) },
    { 0xE5, "Right Shift", S(0x59), S(0xF0, 0x59), S(0x36), S(0xB6) },
    { 0xE6, "AltGr", S(0xE0, 0x11), S(0xE0, 0xF0, 0x11), S(0xE0, 0x38), S(0xE0, 0xB8) },
    { 0xE7, "Right GUI", S(0xE0, 0x27), S(0xE0, 0xF0, 0x27), S(0xE0, 0x5C), S(0xE0, 0xDC) },
};

#define NCASES (sizeof key_cases / sizeof key_cases[0])

START_TEST(test_set2_table)
{
    const struct key_case *c = &key_cases[_i];
    ps2_kbd_key(&kbd, c->usage, true);
    expect_queue(&c->make2, c->name);
    ps2_kbd_key(&kbd, c->usage, false);
    expect_queue(&c->break2, c->name);
}
END_TEST

START_TEST(test_set1_native_table)
{
    const struct key_case *c = &key_cases[_i];
    send(0xF0);
    send(0x01);
    drain((uint8_t[4]){ 0 }, 4);
    ps2_kbd_key(&kbd, c->usage, true);
    expect_queue(&c->make1, c->name);
    ps2_kbd_key(&kbd, c->usage, false);
    expect_queue(&c->break1, c->name);
}
END_TEST

/* Every PC key has a code, and no two keys share a set 2 or set 3 code
 * (but for the ISO "#" key, which is the US backslash's twin). */
START_TEST(test_every_key_distinct)
{
    unsigned keys = 0;
    uint16_t seen2[512];
    uint16_t seen3[256];
    memset(seen2, 0, sizeof seen2);
    memset(seen3, 0, sizeof seen3);
    for (uint16_t u = 0; u <= 0x1FF; u++) {
        const struct ps2_key_codes *c = ps2_key_lookup(u);
        if (c == NULL)
            continue;
        keys++;
        if (u == 0x32)
            continue;
        ck_assert_msg(seen3[c->set3] == 0, "usage %02X repeats set 3 code", u);
        seen3[c->set3] = u;
        if (u == HID_KEY_PAUSE)   /* its set2 byte is only the sequence's tail */
            continue;
        unsigned k2 = c->set2 | (c->set2_e0 ? 0x100u : 0);
        ck_assert_msg(seen2[k2] == 0, "usage %02X repeats set 2 code of %02X", u, seen2[k2]);
        seen2[k2] = u;
    }
    /* 104 US keys + the ISO key + the ISO "#" key. */
    ck_assert_uint_eq(keys, 106);
    for (uint16_t u = 0x04; u <= 0x65; u++)
        ck_assert_msg(ps2_key_lookup(u) != NULL, "usage %02X has no key", u);
    for (uint16_t u = 0xE0; u <= 0xE7; u++)
        ck_assert_ptr_nonnull(ps2_key_lookup(u));
    ck_assert_ptr_null(ps2_key_lookup(0x66));
    ck_assert_ptr_null(ps2_key_lookup(0xE8));
    ck_assert_ptr_null(ps2_key_lookup(0xFFFF));
}
END_TEST

/* ---- Print Screen and Pause ---------------------------------------------- */

START_TEST(test_print_screen)
{
    struct seq make = S(0xE0, 0x12, 0xE0, 0x7C);
    struct seq brk = S(0xE0, 0xF0, 0x7C, 0xE0, 0xF0, 0x12);
    ps2_kbd_key(&kbd, HID_KEY_PRINT_SCREEN, true);
    expect_queue(&make, "PrtSc make");
    ps2_kbd_key(&kbd, HID_KEY_PRINT_SCREEN, false);
    expect_queue(&brk, "PrtSc break");

    /* With Shift: just the E0 7C (the fake shift is not needed). */
    ps2_kbd_key(&kbd, HID_KEY_LEFT_SHIFT, true);
    drain((uint8_t[4]){ 0 }, 4);
    ps2_kbd_key(&kbd, HID_KEY_PRINT_SCREEN, true);
    struct seq sm = S(0xE0, 0x7C);
    expect_queue(&sm, "Shift+PrtSc make");
    ps2_kbd_key(&kbd, HID_KEY_PRINT_SCREEN, false);
    struct seq sb = S(0xE0, 0xF0, 0x7C);
    expect_queue(&sb, "Shift+PrtSc break");
    ps2_kbd_key(&kbd, HID_KEY_LEFT_SHIFT, false);
    drain((uint8_t[4]){ 0 }, 4);

    /* With Alt: SysRq, 84. */
    ps2_kbd_key(&kbd, HID_KEY_LEFT_ALT, true);
    drain((uint8_t[4]){ 0 }, 4);
    ps2_kbd_key(&kbd, HID_KEY_PRINT_SCREEN, true);
    struct seq am = S(0x84);
    expect_queue(&am, "SysRq make");
    ps2_kbd_key(&kbd, HID_KEY_PRINT_SCREEN, false);
    struct seq ab = S(0xF0, 0x84);
    expect_queue(&ab, "SysRq break");
}
END_TEST

START_TEST(test_pause)
{
    struct seq make = S(0xE1, 0x14, 0x77, 0xE1, 0xF0, 0x14, 0xF0, 0x77);
    ps2_kbd_key(&kbd, HID_KEY_PAUSE, true);
    expect_queue(&make, "Pause make");
    ps2_kbd_key(&kbd, HID_KEY_PAUSE, false);
    expect_empty("Pause has no break code");

    ps2_kbd_key(&kbd, HID_KEY_RIGHT_CTRL, true);
    drain((uint8_t[4]){ 0 }, 4);
    ps2_kbd_key(&kbd, HID_KEY_PAUSE, true);
    struct seq brk = S(0xE0, 0x7E, 0xE0, 0xF0, 0x7E);
    expect_queue(&brk, "Ctrl+Break");
    ps2_kbd_key(&kbd, HID_KEY_PAUSE, false);
    expect_empty("Ctrl+Break release");
}
END_TEST

START_TEST(test_special_keys_set1)
{
    send(0xF0);
    send(0x01);
    drain((uint8_t[4]){ 0 }, 4);
    ps2_kbd_key(&kbd, HID_KEY_PRINT_SCREEN, true);
    struct seq pm = S(0xE0, 0x2A, 0xE0, 0x37);
    expect_queue(&pm, "set 1 PrtSc make");
    ps2_kbd_key(&kbd, HID_KEY_PRINT_SCREEN, false);
    struct seq pb = S(0xE0, 0xB7, 0xE0, 0xAA);
    expect_queue(&pb, "set 1 PrtSc break");
    ps2_kbd_key(&kbd, HID_KEY_PAUSE, true);
    struct seq pause = S(0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5);
    expect_queue(&pause, "set 1 Pause");
    ps2_kbd_key(&kbd, HID_KEY_PAUSE, false);
    expect_empty("set 1 Pause release");
    ps2_kbd_key(&kbd, HID_KEY_LEFT_ALT, true);
    drain((uint8_t[4]){ 0 }, 4);
    ps2_kbd_key(&kbd, HID_KEY_PRINT_SCREEN, true);
    struct seq sysrq = S(0x54);
    expect_queue(&sysrq, "set 1 SysRq");
}
END_TEST

/* ---- set 1 through the 8042 ------------------------------------------------ */

static uint8_t kbc_read(struct i8042_kbc *kbc)
{
    ck_assert(i8042_read_status(kbc) & I8042_STATUS_OBF);
    return i8042_read_data(kbc);
}

static void expect_kbc(struct i8042_kbc *kbc, const struct seq *want, const char *what)
{
    for (unsigned i = 0; i < want->n; i++) {
        ck_assert_msg(i8042_read_status(kbc) & I8042_STATUS_OBF, "%s: byte %u missing", what, i);
        uint8_t b = i8042_read_data(kbc);
        ck_assert_msg(b == want->b[i], "%s: byte %u is %02X, expected %02X", what, i, b,
                      want->b[i]);
    }
    ck_assert_msg(!(i8042_read_status(kbc) & I8042_STATUS_OBF), "%s: extra bytes", what);
}

static void wire_kbc(struct i8042_kbc *kbc)
{
    struct i8042_config cfg = { 0 };
    cfg.kbd = (struct i8042_port_dev){ &kbd, ps2_kbd_write, ps2_kbd_read };
    i8042_init(kbc, &cfg);
    ps2_kbd_init(&kbd, &sched, i8042_kbd_data_ready, kbc);
    i8042_write_command(kbc, 0x60);
    i8042_write_data(kbc, I8042_CMD_XLAT | I8042_CMD_IRQ1);
}

START_TEST(test_xlat_table)
{
    struct i8042_kbc kbc;
    wire_kbc(&kbc);
    const struct key_case *c = &key_cases[_i];
    ps2_kbd_key(&kbd, c->usage, true);
    expect_kbc(&kbc, &c->make1, c->name);
    ps2_kbd_key(&kbd, c->usage, false);
    expect_kbc(&kbc, &c->break1, c->name);
}
END_TEST

START_TEST(test_xlat_special)
{
    struct i8042_kbc kbc;
    wire_kbc(&kbc);
    ps2_kbd_key(&kbd, HID_KEY_PAUSE, true);
    struct seq pause = S(0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5);
    expect_kbc(&kbc, &pause, "XLAT Pause");
    ps2_kbd_key(&kbd, HID_KEY_PRINT_SCREEN, true);
    struct seq pm = S(0xE0, 0x2A, 0xE0, 0x37);
    expect_kbc(&kbc, &pm, "XLAT PrtSc");
    ps2_kbd_key(&kbd, HID_KEY_PRINT_SCREEN, false);
    struct seq pb = S(0xE0, 0xB7, 0xE0, 0xAA);
    expect_kbc(&kbc, &pb, "XLAT PrtSc break");
    ps2_kbd_key(&kbd, HID_KEY_PAUSE, false);
    ps2_kbd_key(&kbd, HID_KEY_LEFT_CTRL, true);
    ps2_kbd_key(&kbd, HID_KEY_PAUSE, true);
    struct seq brk = S(0x1D, 0xE0, 0x46, 0xE0, 0xC6);
    expect_kbc(&kbc, &brk, "XLAT Ctrl+Break");
    /* Answers go through XLAT too: the ID AB 83 reads AB 41, set 2 reads
     * 41 (Brouwer 9.3). */
    i8042_write_data(&kbc, 0xF2);
    struct seq id = S(0xFA, 0xAB, 0x41);
    expect_kbc(&kbc, &id, "XLAT identify");
    i8042_write_data(&kbc, 0xF0);
    i8042_write_data(&kbc, 0x00);
    struct seq set = S(0xFA, 0xFA, 0x41);
    expect_kbc(&kbc, &set, "XLAT get set");
    /* Translation off: set 2 as is. */
    i8042_write_command(&kbc, 0x60);
    i8042_write_data(&kbc, I8042_CMD_IRQ1);
    ps2_kbd_key(&kbd, 0x04, true);
    ck_assert_uint_eq(kbc_read(&kbc), 0x1C);
}
END_TEST

/* ---- set 3 ---------------------------------------------------------------- */

START_TEST(test_set3)
{
    send(0xF0);
    send(0x03);
    struct seq ack = S(0xFA, 0xFA);
    expect_queue(&ack, "F0 03");
    ps2_kbd_key(&kbd, 0x04, true);
    struct seq a = S(0x1C);
    expect_queue(&a, "set 3 A");
    ps2_kbd_key(&kbd, 0x04, false);
    expect_empty("set 3 A is make-only by default");
    ps2_kbd_key(&kbd, HID_KEY_LEFT_SHIFT, true);
    ps2_kbd_key(&kbd, HID_KEY_LEFT_SHIFT, false);
    struct seq sh = S(0x12, 0xF0, 0x12);
    expect_queue(&sh, "set 3 Left Shift make/break");
    ps2_kbd_key(&kbd, HID_KEY_PAUSE, true);
    struct seq p = S(0x62);
    expect_queue(&p, "set 3 Pause");
    ps2_kbd_key(&kbd, 0x29, true);
    struct seq esc = S(0x08);
    expect_queue(&esc, "set 3 Esc");
    ps2_kbd_key(&kbd, 0x29, false);
    /* F8: all keys make/break. */
    send(0xF8);
    drain((uint8_t[4]){ 0 }, 4);
    ps2_kbd_key(&kbd, 0x04, true);
    ps2_kbd_key(&kbd, 0x04, false);
    struct seq ab = S(0x1C, 0xF0, 0x1C);
    expect_queue(&ab, "set 3 A after F8");
    /* FD + key list: A back to make-only. */
    send(0xFD);
    send(0x1C);
    expect_queue(&ack, "FD 1C");
    send(0xF4);
    struct seq one = S(0xFA);
    expect_queue(&one, "F4");
    ps2_kbd_key(&kbd, 0x04, true);
    ps2_kbd_key(&kbd, 0x04, false);
    expect_queue(&a, "set 3 A after FD");
    send(0xF0);
    send(0x00);
    struct seq get = S(0xFA, 0xFA, 0x03);
    expect_queue(&get, "F0 00 in set 3");
}
END_TEST

/* ---- typematic -------------------------------------------------------------- */

static unsigned count_bytes(uint8_t value)
{
    uint8_t buf[64];
    unsigned n = drain(buf, sizeof buf), count = 0;
    for (unsigned i = 0; i < n; i++)
        count += buf[i] == value;
    ck_assert_uint_eq(count, n);
    return count;
}

START_TEST(test_typematic_rates)
{
    ck_assert_uint_eq(ps2_kbd_typematic_period_ns(0x00), 33333333u);   /* 30 cps */
    ck_assert_uint_eq(ps2_kbd_typematic_period_ns(0x0B), 91666666u);   /* 10.9 cps */
    ck_assert_uint_eq(ps2_kbd_typematic_period_ns(0x1F), 500000000u);  /* 2 cps */
    ck_assert_uint_eq(ps2_kbd_typematic_delay_ns(0x00), 250 * SCHED_NS_PER_MS);
    ck_assert_uint_eq(ps2_kbd_typematic_delay_ns(0x2B), 500 * SCHED_NS_PER_MS);
    ck_assert_uint_eq(ps2_kbd_typematic_delay_ns(0x60), 1000 * SCHED_NS_PER_MS);
}
END_TEST

START_TEST(test_typematic_default)
{
    const uint64_t ms = SCHED_NS_PER_MS;
    ps2_kbd_key(&kbd, 0x04, true);
    ck_assert_uint_eq(count_bytes(0x1C), 1);
    sched_advance_to(&sched, 499 * ms);
    ck_assert_uint_eq(count_bytes(0x1C), 0);
    sched_advance_to(&sched, 500 * ms);
    ck_assert_uint_eq(count_bytes(0x1C), 1);
    /* Then every 91.67 ms: 10 more by 500 + 10 * 91.67 = 1416.7 ms. */
    sched_advance_to(&sched, 1416 * ms);
    ck_assert_uint_eq(count_bytes(0x1C), 9);
    sched_advance_to(&sched, 1417 * ms);
    ck_assert_uint_eq(count_bytes(0x1C), 1);
    ps2_kbd_key(&kbd, 0x04, false);
    struct seq brk = S(0xF0, 0x1C);
    expect_queue(&brk, "release");
    sched_advance_to(&sched, 5000 * ms);
    expect_empty("no repeat after release");
}
END_TEST

START_TEST(test_typematic_set_rate)
{
    const uint64_t ms = SCHED_NS_PER_MS;
    send(0xF3);
    send(0x00);      /* 30 cps after 250 ms */
    struct seq acks = S(0xFA, 0xFA);
    expect_queue(&acks, "F3 00");
    ck_assert_uint_eq(kbd.typematic, 0x00);
    ps2_kbd_key(&kbd, 0x4F, true);   /* Right arrow: the repeat keeps its E0 */
    drain((uint8_t[4]){ 0 }, 4);
    sched_advance_to(&sched, 250 * ms);
    struct seq one = S(0xE0, 0x74);
    expect_queue(&one, "first repeat");
    sched_advance_to(&sched, 250 * ms + 33333333u * 3);
    struct seq three = S(0xE0, 0x74, 0xE0, 0x74, 0xE0, 0x74);
    expect_queue(&three, "three more");
}
END_TEST

START_TEST(test_typematic_last_key)
{
    const uint64_t ms = SCHED_NS_PER_MS;
    ps2_kbd_key(&kbd, 0x04, true);          /* A */
    sched_advance_to(&sched, 100 * ms);
    ps2_kbd_key(&kbd, 0x05, true);          /* B: now B repeats, A stops */
    drain((uint8_t[8]){ 0 }, 8);
    sched_advance_to(&sched, 599 * ms);
    expect_empty("B's delay counts from its press");
    sched_advance_to(&sched, 600 * ms);
    struct seq b = S(0x32);
    expect_queue(&b, "B repeats");
    ps2_kbd_key(&kbd, 0x04, false);         /* releasing A does not stop B */
    struct seq abrk = S(0xF0, 0x1C);
    expect_queue(&abrk, "A break");
    sched_advance_to(&sched, 700 * ms);
    expect_queue(&b, "B still repeats");
    /* Pause never repeats. */
    ps2_kbd_key(&kbd, 0x05, false);
    ps2_kbd_key(&kbd, HID_KEY_PAUSE, true);
    drain((uint8_t[16]){ 0 }, 16);
    sched_advance_to(&sched, 3000 * ms);
    expect_empty("Pause does not repeat");
}
END_TEST

/* ---- commands ---------------------------------------------------------------- */

START_TEST(test_leds)
{
    send(0xED);
    struct seq ack = S(0xFA);
    expect_queue(&ack, "ED");
    ck_assert_uint_eq(leds_calls, 0);
    send(PS2_KBD_LED_CAPS | PS2_KBD_LED_NUM);
    expect_queue(&ack, "ED parameter");
    ck_assert_uint_eq(leds_calls, 1);
    ck_assert_uint_eq(leds_seen, 0x06);
    ck_assert_uint_eq(kbd.leds, 0x06);
    /* A command instead of the parameter cancels ED. */
    send(0xED);
    send(0xEE);
    struct seq echo = S(0xFA, 0xEE);
    expect_queue(&echo, "ED then echo");
    ck_assert_uint_eq(kbd.leds, 0x06);
    /* Reset turns the LEDs off. */
    send(0xFF);
    struct seq bat = S(0xFA, 0xAA);
    expect_queue(&bat, "reset");
    ck_assert_uint_eq(leds_seen, 0);
}
END_TEST

START_TEST(test_commands)
{
    send(0xEE);
    struct seq echo = S(0xEE);
    expect_queue(&echo, "echo");
    send(0xF2);
    struct seq id = S(0xFA, 0xAB, 0x83);
    expect_queue(&id, "identify");
    send(0xFE);
    struct seq resend = S(0x83);
    expect_queue(&resend, "resend");
    send(0xF0);
    send(0x00);
    struct seq get = S(0xFA, 0xFA, 0x02);
    expect_queue(&get, "get set");
    send(0xF0);
    send(0x04);
    struct seq bad = S(0xFA, 0xFE);
    expect_queue(&bad, "bad set");
    send(0xEF);
    struct seq unknown = S(0xFE);
    expect_queue(&unknown, "unknown command");
    /* F5: defaults and no scanning; keys are not reported. */
    send(0xF3);
    send(0x7F);
    struct seq acks2 = S(0xFA, 0xFA);
    expect_queue(&acks2, "F3 7F");
    ck_assert_uint_eq(kbd.typematic, 0x7F);
    send(0xF5);
    struct seq ack = S(0xFA);
    expect_queue(&ack, "F5");
    ck_assert_uint_eq(kbd.typematic, PS2_KBD_TYPEMATIC_DEFAULT);
    ps2_kbd_key(&kbd, 0x04, true);
    ps2_kbd_key(&kbd, 0x04, false);
    expect_empty("no scanning");
    send(0xF4);
    expect_queue(&ack, "enable");
    ps2_kbd_key(&kbd, 0x04, true);
    struct seq a = S(0x1C);
    expect_queue(&a, "scanning again");
    /* FF: back to set 2. */
    send(0xF0);
    send(0x01);
    expect_queue(&acks2, "set 1");
    /* FF empties the queue, then answers. */
    ps2_kbd_key(&kbd, 0x05, true);
    send(0xFF);
    struct seq r = S(0xFA, 0xAA);
    expect_queue(&r, "reset");
    ck_assert_uint_eq(kbd.set, 2);
    ck_assert(ready_calls > 0);
}
END_TEST

START_TEST(test_overflow)
{
    /* 15 one-byte makes fit; the 16th slot takes the overflow code. */
    static const uint16_t keys[] = { 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B,
                                     0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13,
                                     0x14, 0x15 };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        ps2_kbd_key(&kbd, keys[i], true);
    uint8_t buf[32];
    unsigned n = drain(buf, sizeof buf);
    ck_assert_uint_eq(n, 16);
    ck_assert_uint_eq(buf[0], 0x1C);
    ck_assert_uint_eq(buf[14], 0x44);   /* O, the 15th key */
    ck_assert_uint_eq(buf[15], 0x00);
    /* In set 1 the overflow code is FF; a multi-byte sequence that does
     * not fit is dropped whole. */
    send(0xF0);
    send(0x01);
    drain(buf, sizeof buf);
    for (uint16_t u = 0x16; u < 0x16 + 14; u++)   /* S..6, none held yet */
        ps2_kbd_key(&kbd, u, true);
    ps2_kbd_key(&kbd, 0x49, true);      /* Insert: E0 52, does not fit */
    n = drain(buf, sizeof buf);
    ck_assert_uint_eq(n, 15);
    ck_assert_uint_eq(buf[13], 0x07);   /* 6 */
    ck_assert_uint_eq(buf[14], 0xFF);
}
END_TEST

START_TEST(test_ignored_input)
{
    ps2_kbd_key(&kbd, 0x0000, true);
    ps2_kbd_key(&kbd, 0x00FF, true);
    ps2_kbd_key(&kbd, 0xFFFF, true);
    ps2_kbd_key(&kbd, 0x04, false);     /* release of a key not down */
    expect_empty("nothing");
    ps2_kbd_key(&kbd, 0x04, true);
    ps2_kbd_key(&kbd, 0x04, true);      /* a second press is not a repeat */
    struct seq a = S(0x1C);
    expect_queue(&a, "one make");
    /* Every byte value as a command or parameter: answers only. */
    for (unsigned v = 0; v < 256; v++) {
        send((uint8_t)v);
        send((uint8_t)(255 - v));
        drain((uint8_t[32]){ 0 }, 32);
    }
    ck_assert(kbd.set >= 1 && kbd.set <= 3);
}
END_TEST

static Suite *kbd_suite(void)
{
    Suite *s = suite_create("ps2_keyboard");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_loop_test(tc, test_set2_table, 0, NCASES);
    tcase_add_loop_test(tc, test_set1_native_table, 0, NCASES);
    tcase_add_loop_test(tc, test_xlat_table, 0, NCASES);
    tcase_add_test(tc, test_every_key_distinct);
    tcase_add_test(tc, test_print_screen);
    tcase_add_test(tc, test_pause);
    tcase_add_test(tc, test_special_keys_set1);
    tcase_add_test(tc, test_xlat_special);
    tcase_add_test(tc, test_set3);
    tcase_add_test(tc, test_typematic_rates);
    tcase_add_test(tc, test_typematic_default);
    tcase_add_test(tc, test_typematic_set_rate);
    tcase_add_test(tc, test_typematic_last_key);
    tcase_add_test(tc, test_leds);
    tcase_add_test(tc, test_commands);
    tcase_add_test(tc, test_overflow);
    tcase_add_test(tc, test_ignored_input);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(kbd_suite(), CK_ENV);
}
