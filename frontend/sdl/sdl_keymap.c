/*
 * sdl_keymap.c - SDL scancode to HID usage (see sdl_keymap.h).
 *
 * SDL2's scancodes 4 (A) to 231 (Right GUI) are the USB HID Usage Tables'
 * Keyboard/Keypad page (chapter 10) numbers themselves, as SDL_scancode.h
 * says; that range covers every key of a 105-key PC keyboard, including
 * the ISO key next to Left Shift (64h, SDL_SCANCODE_NONUSBACKSLASH), Menu
 * (65h, SDL_SCANCODE_APPLICATION), Print Screen (46h), Pause (48h), the
 * keypad (53h-63h) and AltGr, which is Right Alt (E6h).  Codes 0-3 are
 * HID's "no event"/error codes and SDL never sends them for a key.  Above
 * E7h SDL numbers its own keys (SDL_SCANCODE_MODE, audio and application
 * keys): no PC keyboard key, so no usage.  Usages in the range that a PC
 * keyboard does not have (F13-F24, Execute...) pass through; the PS/2
 * keyboard ignores what ps2_key_lookup does not know.
 */
#include "frontend/sdl/sdl_keymap.h"

#include "devices/ps2_scancodes.h"

#define SDL_KEYMAP_FIRST 0x04u /* HID "Keyboard a and A" */

uint16_t sdl_keymap_usage(SDL_Scancode sc)
{
    if ((unsigned)sc < SDL_KEYMAP_FIRST || (unsigned)sc > HID_KEY_MAX)
        return 0;
    return (uint16_t)sc;
}
