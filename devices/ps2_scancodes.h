/*
 * ps2_scancodes.h - the facts a PS/2 keyboard and an 8042 share: which
 * scan codes each key of a 105-key PC keyboard sends, and the 8042's
 * set 2 -> set 1 translation table.
 *
 * Keys are named by their USB HID usage on page 7 (Keyboard/Keypad), the
 * numbers SDL2's scancodes also use.  Sources: A. Brouwer, "Keyboard
 * scancodes", sections 9.3 (the translation table, after G. Konzak, "PC
 * 8042 Controller") and 9.6 (the USB / set 1 / set 2 / set 3 table);
 * Microsoft, "Keyboard Scan Code Specification" rev 1.3a (the ISO key).
 *
 * Not here: the keyboard-side logic (prefixes, break codes, Print Screen
 * and Pause sequences, fake shifts) - that is ps2_keyboard.c; keys beyond
 * the 105-key layout (multimedia, Japanese/Korean, Power/Sleep/Wake).
 */
#ifndef SOFTPC_DEVICES_PS2_SCANCODES_H
#define SOFTPC_DEVICES_PS2_SCANCODES_H

#include <stdbool.h>
#include <stdint.h>

/* HID usages the keyboard code treats specially. */
#define HID_KEY_PRINT_SCREEN 0x46u
#define HID_KEY_PAUSE        0x48u
#define HID_KEY_LEFT_CTRL    0xE0u
#define HID_KEY_LEFT_SHIFT   0xE1u
#define HID_KEY_LEFT_ALT     0xE2u
#define HID_KEY_RIGHT_CTRL   0xE4u
#define HID_KEY_RIGHT_SHIFT  0xE5u
#define HID_KEY_RIGHT_ALT    0xE6u
#define HID_KEY_MAX          0xE7u   /* Right GUI, the last usage a PC key has */

/* One key's codes.  set2 == 0 means "no such key" (set 2 never uses 00
 * for a key: it is the overflow code).  Print Screen and Pause hold the
 * last byte of their sequences; the keyboard builds the rest. */
struct ps2_key_codes {
    uint8_t set2;
    bool set2_e0;      /* set 2 (and so set 1) sends an E0 prefix */
    uint8_t set3;      /* set 3: one byte per key, never a prefix */
};

/* The codes for HID usage `usage`, or NULL if no PC key has it. */
const struct ps2_key_codes *ps2_key_lookup(uint16_t usage);

/* The 8042's translation of one set 2 byte into set 1 (F0, the break
 * prefix, is handled by the caller: it ORs 80h into the next byte). */
uint8_t ps2_translate_set2_byte(uint8_t set2);

#endif
