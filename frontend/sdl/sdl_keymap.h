/*
 * sdl_keymap.h - SDL2 scancodes (physical key positions, whatever the
 * host's keyboard layout) to USB HID usages on page 7, the key names
 * pc_board_key takes (devices/ps2_scancodes.h).
 */
#ifndef SOFTPC_FRONTEND_SDL_KEYMAP_H
#define SOFTPC_FRONTEND_SDL_KEYMAP_H

#include <stdint.h>

#include <SDL.h>

/* The HID usage of the key, or 0 if no PC key sits there (SDL's media,
 * application-control and Mac keys beyond the HID keyboard page). */
uint16_t sdl_keymap_usage(SDL_Scancode sc);

#endif
