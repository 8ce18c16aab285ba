/*
 * ps2_keyboard.h - a PS/2 (MF2, 105-key ISO) keyboard: the device at the
 * other end of the 8042's keyboard port.
 *
 * The host gives key presses and releases as USB HID usages (page 7; SDL2
 * scancodes are the same numbers).  The keyboard turns them into scan
 * codes of its current set (2 by default; 1 and 3 on request), keeps a
 * 16-byte output queue (the overflow code, 00 or FF in set 1, takes the
 * place of what does not fit) and repeats the last key held down after
 * the typematic delay at the typematic rate, on scheduler events.  A
 * frontend must therefore pass only real presses and releases, never its
 * own auto-repeat.
 *
 * Commands from the host (IBM PS/2 Hardware Interface Technical Reference,
 * "Keyboard": commands and responses): ED LEDs, EE echo, F0 scan code set,
 * F2 identify (AB 83), F3 typematic rate/delay, F4 enable, F5 default and
 * disable, F6 default, F7-FD set 3 key types, FE resend, FF reset (ACK,
 * then BAT passed AA).  Each gets FA unless noted; an unknown command or
 * a bad parameter gets FE.
 *
 * Translation to set 1 for the guest is the 8042's job; the keyboard sends
 * set 1 only when the guest asked it for set 1 (F0 01).
 *
 * Not here: the fake shifts (E0 12 / E0 F0 12 around the grey keys when
 * Num Lock or Shift is active, Brouwer 1.5) - the BIOS and Linux ignore
 * them; the BAT code at power-on (nothing is queued until the host resets
 * the keyboard: every BIOS does); the delays a real keyboard takes (BAT
 * takes ~500 ms, each byte ~1 ms on the wire: bytes are ready at once).
 * The set 3 default key types follow Brouwer 9.2 (make-only, break codes
 * for Caps Lock, the left Ctrl, Alt, both Shifts, the Windows and Menu
 * keys); that those keys do not repeat by default is our guess.
 */
#ifndef SOFTPC_DEVICES_PS2_KEYBOARD_H
#define SOFTPC_DEVICES_PS2_KEYBOARD_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/sched.h"

#define PS2_KBD_QUEUE_SIZE 16u

/* Responses (IBM tech ref). */
#define PS2_KBD_ACK      0xFAu
#define PS2_KBD_RESEND   0xFEu
#define PS2_KBD_BAT_OK   0xAAu
#define PS2_KBD_ECHO     0xEEu

/* LED bits of the ED parameter. */
#define PS2_KBD_LED_SCROLL 0x01u
#define PS2_KBD_LED_NUM    0x02u
#define PS2_KBD_LED_CAPS   0x04u

/* Default typematic byte: 10.9 characters/s after 500 ms. */
#define PS2_KBD_TYPEMATIC_DEFAULT 0x2Bu

/* Set 3 key types, per set 3 code. */
#define PS2_KBD_KEY_BREAK     0x01u  /* sends F0 xx on release */
#define PS2_KBD_KEY_TYPEMATIC 0x02u  /* repeats while held */

struct ps2_kbd {
    struct sched *sched;
    /* Called when a byte is queued, so the controller can fetch it. */
    void (*data_ready)(void *opaque);
    void *data_ready_opaque;
    /* Called when the guest sets the LEDs (ED); may be NULL. */
    void (*leds_changed)(void *opaque, uint8_t leds);
    void *leds_opaque;

    uint8_t queue[PS2_KBD_QUEUE_SIZE];
    unsigned queue_head;
    unsigned queue_count;
    uint8_t last_sent;           /* what FE resends */

    uint8_t set;                 /* scan code set: 1, 2 or 3 */
    bool scanning;               /* F4/F5: whether keys are reported */
    uint8_t leds;                /* PS2_KBD_LED_* */
    uint8_t typematic;           /* the F3 byte: rate bits 4-0, delay bits 6-5 */
    uint8_t expecting;           /* the command waiting for a parameter, or 0 */

    uint8_t held[32];            /* HID usages held down, one bit each */
    uint8_t set3_type[256];      /* PS2_KBD_KEY_* per set 3 code */

    uint16_t repeat_usage;       /* the key that repeats, if repeat_armed */
    bool repeat_armed;
    struct sched_event repeat_event;
};

/* Wires the keyboard: the scheduler for typematic repeat, and the hook
 * that tells the controller a byte is waiting.  Then resets it. */
void ps2_kbd_init(struct ps2_kbd *k, struct sched *sched,
                  void (*data_ready)(void *opaque), void *opaque);
/* Optional: be told when the guest changes the LEDs. */
void ps2_kbd_set_leds_callback(struct ps2_kbd *k,
                               void (*leds_changed)(void *opaque, uint8_t leds),
                               void *opaque);
/* Power-on state: set 2, scanning on, LEDs off, default typematic, empty
 * queue, no key held. */
void ps2_kbd_reset(struct ps2_kbd *k);

/* The host: key `hid_usage` (page 7) went down or up.  Unknown usages,
 * a press of a key already down and a release of a key not down are
 * ignored. */
void ps2_kbd_key(struct ps2_kbd *k, uint16_t hid_usage, bool pressed);

/* The wire to the controller (void * so the board can put these straight
 * into the 8042's port description): a byte from the host, and the next
 * byte for the host (false if the queue is empty). */
void ps2_kbd_write(void *kbd, uint8_t byte);
bool ps2_kbd_read(void *kbd, uint8_t *byte);

/* Typematic period and delay, in ns, of an F3 byte. */
uint64_t ps2_kbd_typematic_period_ns(uint8_t typematic);
uint64_t ps2_kbd_typematic_delay_ns(uint8_t typematic);

#endif
