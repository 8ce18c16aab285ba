/*
 * test_sdl_input.c - Check unit tests for the window's input rules
 * (frontend/sdl/sdl_input.c) that SDL alone does not guarantee, with SDL
 * events made by hand and a real board whose 8042 output is read back
 * through ports 60h/64h.  Built only when SDL2 is; SDL is not initialised
 * (no window: the capture is set in the struct as a click would).
 *
 * Losing the focus releases what the guest was told is held: keys (break
 * codes, E0-prefixed for extended keys), mouse buttons (a packet without
 * them) and the capture.  SDL 2 on X11 also sends key-ups on focus loss,
 * so the Xvfb test (tests/display, display_focus) would pass without
 * softpc's own release; this test is the one that fails if it goes.  Also:
 * a release never goes out twice, a repeat (SDL key repeat) never goes
 * out, and a hotkey's own key never reaches the guest.
 */
#include "frontend/sdl/sdl_input.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/pc_board.h"
#include "mem/ports.h"
#include "tests/unit/check_main.h"

#define KIB 1024u

#define KBC_DATA 0x60
#define KBC_STATUS 0x64
#define ST_OBF 0x01
#define ST_AUXB 0x20

static uint8_t *bios;
static struct pc_board *board;
static struct sdl_input input;

static void setup(void)
{
    bios = malloc(64 * KIB);
    ck_assert_ptr_nonnull(bios);
    memset(bios, 0xF4, 64 * KIB); /* HLT: the CPU never runs here anyway */
    struct pc_board_config cfg = { .ram_mib = 1, .bios = bios, .bios_size = 64 * KIB,
                                   .virtual_clock = true };
    board = pc_board_create(&cfg);
    ck_assert_ptr_nonnull(board);
    sdl_input_init(&input);
}

static void teardown(void)
{
    pc_board_destroy(board);
    free(bios);
}

/* The bytes waiting at port 60h from the keyboard ('K') or the mouse
 * ('M'), as "1E 9E " (the other device's bytes are dropped). */
static const char *drain(char from)
{
    static char text[256];
    size_t n = 0;
    struct port_bus *pb = pc_board_ports(board);
    text[0] = '\0';
    for (unsigned guard = 0; guard < 64; guard++) {
        uint32_t status = ports_read(pb, KBC_STATUS, 1);
        if ((status & ST_OBF) == 0)
            break;
        char dev = (status & ST_AUXB) ? 'M' : 'K';
        uint32_t byte = ports_read(pb, KBC_DATA, 1);
        if (dev == from && n + 4 < sizeof text)
            n += (size_t)snprintf(text + n, sizeof text - n, "%02X ", (unsigned)byte);
    }
    return text;
}

static void kbc_command(uint8_t cmd)
{
    ports_write(pc_board_ports(board), KBC_STATUS, 1, cmd);
}

static void kbc_data(uint8_t byte)
{
    ports_write(pc_board_ports(board), KBC_DATA, 1, byte);
}

/* Translation to set 1, both ports on, no IRQs; keyboard and mouse
 * reporting on.  What they answered is dropped. */
static void enable_devices(void)
{
    kbc_command(0xA8);
    kbc_command(0x60);
    kbc_data(0x40);
    kbc_data(0xF4);
    drain('K');
    kbc_command(0xD4);
    kbc_data(0xF4);
    drain('M');
}

static unsigned key(SDL_Scancode sc, bool down, Uint16 mod, Uint8 repeat)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = down ? SDL_KEYDOWN : SDL_KEYUP;
    ev.key.state = down ? SDL_PRESSED : SDL_RELEASED;
    ev.key.repeat = repeat;
    ev.key.keysym.scancode = sc;
    ev.key.keysym.mod = mod;
    return sdl_input_event(&input, &ev, board);
}

static unsigned window_event(Uint8 what)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_WINDOWEVENT;
    ev.window.event = what;
    return sdl_input_event(&input, &ev, board);
}

static void button(Uint8 which, bool down)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
    ev.button.button = which;
    ev.button.state = down ? SDL_PRESSED : SDL_RELEASED;
    sdl_input_event(&input, &ev, board);
}

START_TEST(test_focus_loss_releases_keys)
{
    enable_devices();
    key(SDL_SCANCODE_A, true, 0, 0);
    key(SDL_SCANCODE_RIGHT, true, 0, 0);
    ck_assert_str_eq(drain('K'), "1E E0 4D ");
    window_event(SDL_WINDOWEVENT_FOCUS_LOST);
    ck_assert_str_eq(drain('K'), "9E E0 CD ");
    /* The key-ups SDL sends after that were already sent to the guest. */
    key(SDL_SCANCODE_A, false, 0, 0);
    key(SDL_SCANCODE_RIGHT, false, 0, 0);
    ck_assert_str_eq(drain('K'), "");
    /* Nothing held: losing the focus again sends nothing. */
    window_event(SDL_WINDOWEVENT_FOCUS_LOST);
    ck_assert_str_eq(drain('K'), "");
}
END_TEST

START_TEST(test_focus_loss_releases_buttons_and_capture)
{
    enable_devices();
    input.captured = true; /* as after the click that captures */
    button(SDL_BUTTON_LEFT, true);
    ck_assert_str_eq(drain('M'), "09 00 00 ");
    unsigned asked = window_event(SDL_WINDOWEVENT_FOCUS_LOST);
    ck_assert_uint_eq(asked & SDL_INPUT_CAPTURE_CHANGED, SDL_INPUT_CAPTURE_CHANGED);
    ck_assert(!input.captured);
    ck_assert_str_eq(drain('M'), "08 00 00 ");
    /* Not captured: the button's release is the host's. */
    button(SDL_BUTTON_LEFT, false);
    ck_assert_str_eq(drain('M'), "");
}
END_TEST

START_TEST(test_repeat_and_release_once)
{
    enable_devices();
    key(SDL_SCANCODE_B, true, 0, 0);
    key(SDL_SCANCODE_B, true, 0, 1); /* SDL's auto-repeat: the guest repeats */
    key(SDL_SCANCODE_B, false, 0, 0);
    key(SDL_SCANCODE_B, false, 0, 0);
    ck_assert_str_eq(drain('K'), "30 B0 ");
}
END_TEST

START_TEST(test_hotkey_key_stays_out)
{
    enable_devices();
    key(SDL_SCANCODE_LCTRL, true, KMOD_LCTRL, 0);
    key(SDL_SCANCODE_LALT, true, KMOD_LCTRL | KMOD_LALT, 0);
    unsigned asked = key(SDL_SCANCODE_F, true, KMOD_LCTRL | KMOD_LALT, 0);
    ck_assert_uint_eq(asked, SDL_INPUT_FULL_SCREEN);
    key(SDL_SCANCODE_F, false, KMOD_LCTRL | KMOD_LALT, 0);
    key(SDL_SCANCODE_LALT, false, KMOD_LCTRL, 0);
    key(SDL_SCANCODE_LCTRL, false, 0, 0);
    ck_assert_str_eq(drain('K'), "1D 38 B8 9D ");
}
END_TEST

static Suite *input_suite(void)
{
    Suite *s = suite_create("sdl_input");
    TCase *tc = tcase_create("input");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_focus_loss_releases_keys);
    tcase_add_test(tc, test_focus_loss_releases_buttons_and_capture);
    tcase_add_test(tc, test_repeat_and_release_once);
    tcase_add_test(tc, test_hotkey_key_stays_out);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(input_suite(), CK_ENV);
}
