/*
 * sdl_input.h - the window's keyboard and mouse: SDL events to the
 * board's PS/2 keyboard and mouse, the Ctrl+Alt hotkeys, mouse capture.
 *
 * Keys go by physical position (SDL scancode -> HID usage,
 * sdl_keymap.h), so the guest's own keyboard layout applies.  SDL's key
 * repeat is dropped: the guest's keyboard repeats by itself (typematic).
 * Ctrl+Alt+F/G/I/P/S are hotkeys and never reach the guest (the Ctrl and
 * Alt presses before them do, as in QEMU).  A key the guest saw go down
 * is released when the window loses the focus, so no key stays stuck.
 *
 * The mouse is relative, as PS/2 is: a click into the window captures it
 * (SDL relative mode, the pointer disappears; the click itself is not
 * sent), Ctrl+Alt+G or losing the focus releases it.  Only a captured
 * mouse moves the guest's.
 *
 * Not here: absolute pointing (USB tablet), touch, game controllers,
 * grabbing the keyboard (Alt+Tab still goes to the host).
 */
#ifndef SOFTPC_FRONTEND_SDL_INPUT_H
#define SOFTPC_FRONTEND_SDL_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "devices/ps2_scancodes.h"

struct pc_board;

struct sdl_input {
    bool captured;
    uint8_t down[(HID_KEY_MAX + 8u) / 8u]; /* usages the guest was told are down */
    unsigned buttons;                      /* PS2_MOUSE_* bits held, as sent */
};

/* What an event asks of the window (bits). */
enum {
    SDL_INPUT_QUIT = 1u << 0,            /* the window was closed */
    SDL_INPUT_FULL_SCREEN = 1u << 1,     /* Ctrl+Alt+F */
    SDL_INPUT_SCREENSHOT = 1u << 2,      /* Ctrl+Alt+S */
    SDL_INPUT_INTEGER_SCALE = 1u << 3,   /* Ctrl+Alt+I */
    SDL_INPUT_PAUSE = 1u << 4,           /* Ctrl+Alt+P */
    SDL_INPUT_CAPTURE_CHANGED = 1u << 5, /* the title must say it */
    SDL_INPUT_REDRAW = 1u << 6,          /* exposed or resized */
};

void sdl_input_init(struct sdl_input *in);
/* Handles one event, sending what the guest must see to the board;
 * returns SDL_INPUT_* bits. */
unsigned sdl_input_event(struct sdl_input *in, const SDL_Event *ev, struct pc_board *b);
/* Releases every key and button the guest holds, and the mouse capture. */
unsigned sdl_input_release_all(struct sdl_input *in, struct pc_board *b);

#endif
