/*
 * test_sdl_keymap.c - Check unit tests for the window's key mapping
 * (frontend/sdl/sdl_keymap.c) and picture placement
 * (frontend/sdl/sdl_layout.c).  Built only when SDL2 is.
 *
 * Keymap: for every key of a 105-key ISO PC keyboard (plus the US
 * layout's backslash key, which ISO replaces by the key left of Enter),
 * the SDL scancode a host sends must map to a HID usage for which
 * devices/ps2_scancodes gives the set-1 make code (set 2, translated as
 * the 8042 does) that Microsoft's "Keyboard Scan Code Specification"
 * (rev 1.3a, appendix C) lists for that key.  The table below is that
 * appendix, written in by hand: it does not come from either mapping.
 * Print Screen and Pause send longer sequences; the table has their
 * last make byte and prefix (E0 37 of E0 2A E0 37; 45 of E1 1D 45).
 */
#include "frontend/sdl/sdl_keymap.h"

#include <check.h>
#include <stdlib.h>

#include "devices/ps2_scancodes.h"
#include "frontend/sdl/sdl_layout.h"
#include "tests/unit/check_main.h"

struct pc_key {
    const char *name;
    SDL_Scancode sdl;
    uint8_t prefix;   /* 0, E0, or E1 (Pause) */
    uint8_t make;     /* set-1 make code (the last byte of the sequence) */
};

static const struct pc_key keys[] = {
    { "Esc", SDL_SCANCODE_ESCAPE, 0, 0x01 },
    { "F1", SDL_SCANCODE_F1, 0, 0x3B }, { "F2", SDL_SCANCODE_F2, 0, 0x3C },
    { "F3", SDL_SCANCODE_F3, 0, 0x3D }, { "F4", SDL_SCANCODE_F4, 0, 0x3E },
    { "F5", SDL_SCANCODE_F5, 0, 0x3F }, { "F6", SDL_SCANCODE_F6, 0, 0x40 },
    { "F7", SDL_SCANCODE_F7, 0, 0x41 }, { "F8", SDL_SCANCODE_F8, 0, 0x42 },
    { "F9", SDL_SCANCODE_F9, 0, 0x43 }, { "F10", SDL_SCANCODE_F10, 0, 0x44 },
    { "F11", SDL_SCANCODE_F11, 0, 0x57 }, { "F12", SDL_SCANCODE_F12, 0, 0x58 },
    { "Print Screen", SDL_SCANCODE_PRINTSCREEN, 0xE0, 0x37 },
    { "Scroll Lock", SDL_SCANCODE_SCROLLLOCK, 0, 0x46 },
    { "Pause", SDL_SCANCODE_PAUSE, 0xE1, 0x45 },
    { "`", SDL_SCANCODE_GRAVE, 0, 0x29 },
    { "1", SDL_SCANCODE_1, 0, 0x02 }, { "2", SDL_SCANCODE_2, 0, 0x03 },
    { "3", SDL_SCANCODE_3, 0, 0x04 }, { "4", SDL_SCANCODE_4, 0, 0x05 },
    { "5", SDL_SCANCODE_5, 0, 0x06 }, { "6", SDL_SCANCODE_6, 0, 0x07 },
    { "7", SDL_SCANCODE_7, 0, 0x08 }, { "8", SDL_SCANCODE_8, 0, 0x09 },
    { "9", SDL_SCANCODE_9, 0, 0x0A }, { "0", SDL_SCANCODE_0, 0, 0x0B },
    { "-", SDL_SCANCODE_MINUS, 0, 0x0C }, { "=", SDL_SCANCODE_EQUALS, 0, 0x0D },
    { "Backspace", SDL_SCANCODE_BACKSPACE, 0, 0x0E },
    { "Tab", SDL_SCANCODE_TAB, 0, 0x0F },
    { "Q", SDL_SCANCODE_Q, 0, 0x10 }, { "W", SDL_SCANCODE_W, 0, 0x11 },
    { "E", SDL_SCANCODE_E, 0, 0x12 }, { "R", SDL_SCANCODE_R, 0, 0x13 },
    { "T", SDL_SCANCODE_T, 0, 0x14 }, { "Y", SDL_SCANCODE_Y, 0, 0x15 },
    { "U", SDL_SCANCODE_U, 0, 0x16 }, { "I", SDL_SCANCODE_I, 0, 0x17 },
    { "O", SDL_SCANCODE_O, 0, 0x18 }, { "P", SDL_SCANCODE_P, 0, 0x19 },
    { "[", SDL_SCANCODE_LEFTBRACKET, 0, 0x1A }, { "]", SDL_SCANCODE_RIGHTBRACKET, 0, 0x1B },
    { "Enter", SDL_SCANCODE_RETURN, 0, 0x1C },
    { "Caps Lock", SDL_SCANCODE_CAPSLOCK, 0, 0x3A },
    { "A", SDL_SCANCODE_A, 0, 0x1E }, { "S", SDL_SCANCODE_S, 0, 0x1F },
    { "D", SDL_SCANCODE_D, 0, 0x20 }, { "F", SDL_SCANCODE_F, 0, 0x21 },
    { "G", SDL_SCANCODE_G, 0, 0x22 }, { "H", SDL_SCANCODE_H, 0, 0x23 },
    { "J", SDL_SCANCODE_J, 0, 0x24 }, { "K", SDL_SCANCODE_K, 0, 0x25 },
    { "L", SDL_SCANCODE_L, 0, 0x26 }, { ";", SDL_SCANCODE_SEMICOLON, 0, 0x27 },
    { "'", SDL_SCANCODE_APOSTROPHE, 0, 0x28 },
    { "ISO # (left of Enter)", SDL_SCANCODE_NONUSHASH, 0, 0x2B },
    { "US \\", SDL_SCANCODE_BACKSLASH, 0, 0x2B },
    { "Left Shift", SDL_SCANCODE_LSHIFT, 0, 0x2A },
    { "ISO \\ (left of Z)", SDL_SCANCODE_NONUSBACKSLASH, 0, 0x56 },
    { "Z", SDL_SCANCODE_Z, 0, 0x2C }, { "X", SDL_SCANCODE_X, 0, 0x2D },
    { "C", SDL_SCANCODE_C, 0, 0x2E }, { "V", SDL_SCANCODE_V, 0, 0x2F },
    { "B", SDL_SCANCODE_B, 0, 0x30 }, { "N", SDL_SCANCODE_N, 0, 0x31 },
    { "M", SDL_SCANCODE_M, 0, 0x32 }, { ",", SDL_SCANCODE_COMMA, 0, 0x33 },
    { ".", SDL_SCANCODE_PERIOD, 0, 0x34 }, { "/", SDL_SCANCODE_SLASH, 0, 0x35 },
    { "Right Shift", SDL_SCANCODE_RSHIFT, 0, 0x36 },
    { "Left Ctrl", SDL_SCANCODE_LCTRL, 0, 0x1D },
    { "Left Windows", SDL_SCANCODE_LGUI, 0xE0, 0x5B },
    { "Left Alt", SDL_SCANCODE_LALT, 0, 0x38 },
    { "Space", SDL_SCANCODE_SPACE, 0, 0x39 },
    { "Right Alt (AltGr)", SDL_SCANCODE_RALT, 0xE0, 0x38 },
    { "Right Windows", SDL_SCANCODE_RGUI, 0xE0, 0x5C },
    { "Menu", SDL_SCANCODE_APPLICATION, 0xE0, 0x5D },
    { "Right Ctrl", SDL_SCANCODE_RCTRL, 0xE0, 0x1D },
    { "Insert", SDL_SCANCODE_INSERT, 0xE0, 0x52 },
    { "Home", SDL_SCANCODE_HOME, 0xE0, 0x47 },
    { "Page Up", SDL_SCANCODE_PAGEUP, 0xE0, 0x49 },
    { "Delete", SDL_SCANCODE_DELETE, 0xE0, 0x53 },
    { "End", SDL_SCANCODE_END, 0xE0, 0x4F },
    { "Page Down", SDL_SCANCODE_PAGEDOWN, 0xE0, 0x51 },
    { "Up", SDL_SCANCODE_UP, 0xE0, 0x48 },
    { "Left", SDL_SCANCODE_LEFT, 0xE0, 0x4B },
    { "Down", SDL_SCANCODE_DOWN, 0xE0, 0x50 },
    { "Right", SDL_SCANCODE_RIGHT, 0xE0, 0x4D },
    { "Num Lock", SDL_SCANCODE_NUMLOCKCLEAR, 0, 0x45 },
    { "KP /", SDL_SCANCODE_KP_DIVIDE, 0xE0, 0x35 },
    { "KP *", SDL_SCANCODE_KP_MULTIPLY, 0, 0x37 },
    { "KP -", SDL_SCANCODE_KP_MINUS, 0, 0x4A },
    { "KP 7", SDL_SCANCODE_KP_7, 0, 0x47 }, { "KP 8", SDL_SCANCODE_KP_8, 0, 0x48 },
    { "KP 9", SDL_SCANCODE_KP_9, 0, 0x49 }, { "KP +", SDL_SCANCODE_KP_PLUS, 0, 0x4E },
    { "KP 4", SDL_SCANCODE_KP_4, 0, 0x4B }, { "KP 5", SDL_SCANCODE_KP_5, 0, 0x4C },
    { "KP 6", SDL_SCANCODE_KP_6, 0, 0x4D },
    { "KP 1", SDL_SCANCODE_KP_1, 0, 0x4F }, { "KP 2", SDL_SCANCODE_KP_2, 0, 0x50 },
    { "KP 3", SDL_SCANCODE_KP_3, 0, 0x51 },
    { "KP Enter", SDL_SCANCODE_KP_ENTER, 0xE0, 0x1C },
    { "KP 0", SDL_SCANCODE_KP_0, 0, 0x52 },
    { "KP .", SDL_SCANCODE_KP_PERIOD, 0, 0x53 },
};

START_TEST(test_key_table_size)
{
    /* 105 keys of the ISO layout, plus the US backslash. */
    ck_assert_uint_eq(sizeof keys / sizeof keys[0], 106);
}
END_TEST

START_TEST(test_every_key)
{
    const struct pc_key *k = &keys[_i];
    uint16_t usage = sdl_keymap_usage(k->sdl);
    ck_assert_msg(usage != 0, "%s: SDL scancode %d maps to no key", k->name, (int)k->sdl);
    const struct ps2_key_codes *c = ps2_key_lookup(usage);
    ck_assert_msg(c != NULL && c->set2 != 0, "%s: usage %02Xh has no PS/2 codes", k->name,
                  usage);
    uint8_t set1 = ps2_translate_set2_byte(c->set2);
    ck_assert_msg(set1 == k->make, "%s: set-1 make %02Xh, Microsoft's table says %02Xh",
                  k->name, set1, k->make);
    ck_assert_msg(c->set2_e0 == (k->prefix == 0xE0), "%s: E0 prefix %s, expected %s", k->name,
                  c->set2_e0 ? "sent" : "not sent", k->prefix == 0xE0 ? "sent" : "not sent");
}
END_TEST

/* No two keys of the table collapse onto one usage (the US and ISO
 * backslash positions are two usages, 31h and 32h, with one scan code). */
START_TEST(test_distinct_usages)
{
    size_t n = sizeof keys / sizeof keys[0];
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n; b++)
            ck_assert_msg(sdl_keymap_usage(keys[a].sdl) != sdl_keymap_usage(keys[b].sdl),
                          "%s and %s map to the same usage", keys[a].name, keys[b].name);
}
END_TEST

/* What is not a PC key maps to nothing. */
START_TEST(test_non_keys)
{
    ck_assert_uint_eq(sdl_keymap_usage(SDL_SCANCODE_UNKNOWN), 0);
    ck_assert_uint_eq(sdl_keymap_usage((SDL_Scancode)1), 0);
    ck_assert_uint_eq(sdl_keymap_usage((SDL_Scancode)3), 0);
    ck_assert_uint_eq(sdl_keymap_usage(SDL_SCANCODE_MODE), 0);        /* SDL's own, 257 */
    ck_assert_uint_eq(sdl_keymap_usage(SDL_SCANCODE_AUDIONEXT), 0);
    ck_assert_uint_eq(sdl_keymap_usage((SDL_Scancode)(SDL_NUM_SCANCODES - 1)), 0);
}
END_TEST

/* ---- layout ------------------------------------------------------------ */

static void check_base(unsigned w, unsigned h, unsigned aw, unsigned ah, unsigned bw,
                       unsigned bh)
{
    unsigned gw, gh;
    layout_base(w, h, aw, ah, &gw, &gh);
    ck_assert_msg(gw == bw && gh == bh, "%ux%u at %u:%u: base %ux%u, expected %ux%u", w, h, aw,
                  ah, gw, gh, bw, bh);
}

START_TEST(test_layout_base)
{
    check_base(320, 200, 4, 3, 320, 240);    /* mode 13h */
    check_base(720, 400, 4, 3, 720, 540);    /* text 80x25 */
    check_base(640, 480, 4, 3, 640, 480);
    check_base(640, 350, 4, 3, 640, 480);    /* EGA 350 lines */
    check_base(1024, 768, 1024, 768, 1024, 768);
    check_base(1280, 1024, 0, 0, 1280, 1024); /* no aspect: square pixels */
    check_base(100, 400, 4, 3, 533, 400);     /* tall: widen instead */
    check_base(0, 0, 4, 3, 0, 0);
}
END_TEST

static void check_place(unsigned bw, unsigned bh, int ow, int oh, bool integer, int x, int y,
                        int w, int h)
{
    struct layout_rect r = layout_place(bw, bh, ow, oh, integer);
    ck_assert_msg(r.x == x && r.y == y && r.w == w && r.h == h,
                  "%ux%u in %dx%d (%s): %d,%d %dx%d, expected %d,%d %dx%d", bw, bh, ow, oh,
                  integer ? "integer" : "fit", r.x, r.y, r.w, r.h, x, y, w, h);
}

START_TEST(test_layout_place)
{
    check_place(640, 480, 640, 480, true, 0, 0, 640, 480);
    check_place(320, 240, 1000, 600, true, 180, 60, 640, 480);   /* 2x, bars around */
    check_place(320, 240, 1000, 600, false, 100, 0, 800, 600);   /* fit: height fills */
    check_place(640, 480, 1920, 1080, false, 240, 0, 1440, 1080); /* pillarbox */
    check_place(640, 480, 800, 1000, false, 0, 200, 800, 600);   /* letterbox */
    check_place(640, 480, 320, 200, true, 27, 0, 266, 200);      /* under 1x: fit */
    check_place(640, 480, 0, 0, true, 0, 0, 0, 0);
    check_place(0, 0, 300, 200, true, 0, 0, 300, 200);
}
END_TEST

static Suite *keymap_suite(void)
{
    Suite *s = suite_create("sdl_keymap");
    TCase *tc = tcase_create("keymap");
    tcase_add_test(tc, test_key_table_size);
    tcase_add_loop_test(tc, test_every_key, 0, (int)(sizeof keys / sizeof keys[0]));
    tcase_add_test(tc, test_distinct_usages);
    tcase_add_test(tc, test_non_keys);
    suite_add_tcase(s, tc);
    TCase *tl = tcase_create("layout");
    tcase_add_test(tl, test_layout_base);
    tcase_add_test(tl, test_layout_place);
    suite_add_tcase(s, tl);
    return s;
}

int main(void)
{
    return check_run(keymap_suite(), CK_ENV);
}
