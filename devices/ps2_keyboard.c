/*
 * ps2_keyboard.c - the PS/2 keyboard (the model and what it leaves out
 * are in ps2_keyboard.h).
 *
 * A key event becomes one byte sequence, built in set 2 (Brouwer 9.2:
 * make = [E0] code, break = [E0] F0 code) and, when the guest chose set 1,
 * passed through the same translation the 8042 applies (set 1 equals
 * translated set 2, Print Screen and Pause included).  Set 3 has one byte
 * per key and per-key types.  A sequence goes into the queue whole or not
 * at all, so the guest never sees half a Pause.
 */
#include "devices/ps2_keyboard.h"

#include <stddef.h>
#include <string.h>

#include "devices/ps2_scancodes.h"

#define SEQ_MAX 8u   /* the Pause make code is the longest sequence */

/* Commands (IBM tech ref, keyboard commands). */
enum {
    KBD_CMD_SET_LEDS = 0xED,
    KBD_CMD_ECHO = 0xEE,
    KBD_CMD_SCANCODE_SET = 0xF0,
    KBD_CMD_IDENTIFY = 0xF2,
    KBD_CMD_TYPEMATIC = 0xF3,
    KBD_CMD_ENABLE = 0xF4,
    KBD_CMD_DEFAULT_DISABLE = 0xF5,
    KBD_CMD_DEFAULT = 0xF6,
    KBD_CMD_ALL_TYPEMATIC = 0xF7,
    KBD_CMD_ALL_MAKE_BREAK = 0xF8,
    KBD_CMD_ALL_MAKE = 0xF9,
    KBD_CMD_ALL_TYPEMATIC_MAKE_BREAK = 0xFA,
    KBD_CMD_KEY_TYPEMATIC = 0xFB,
    KBD_CMD_KEY_MAKE_BREAK = 0xFC,
    KBD_CMD_KEY_MAKE = 0xFD,
    KBD_CMD_RESEND = 0xFE,
    KBD_CMD_RESET = 0xFF,
};

/* ---- the output queue ---------------------------------------------- */

static uint8_t overflow_code(const struct ps2_kbd *k)
{
    return k->set == 1 ? 0xFF : 0x00;
}

static void queue_clear(struct ps2_kbd *k)
{
    k->queue_head = 0;
    k->queue_count = 0;
}

static void queue_put(struct ps2_kbd *k, uint8_t byte)
{
    unsigned tail = (k->queue_head + k->queue_count) % PS2_KBD_QUEUE_SIZE;
    k->queue[tail] = byte;
    k->queue_count++;
}

static uint8_t queue_last(const struct ps2_kbd *k)
{
    return k->queue[(k->queue_head + k->queue_count - 1) % PS2_KBD_QUEUE_SIZE];
}

static void notify(struct ps2_kbd *k)
{
    if (k->data_ready != NULL)
        k->data_ready(k->data_ready_opaque);
}

/* A response to a command: always fits, since the queue never holds more
 * than one command's answer besides key data, which gives way to it. */
static void respond(struct ps2_kbd *k, const uint8_t *bytes, unsigned n)
{
    while (k->queue_count + n > PS2_KBD_QUEUE_SIZE) {
        k->queue_head = (k->queue_head + 1) % PS2_KBD_QUEUE_SIZE;
        k->queue_count--;
    }
    for (unsigned i = 0; i < n; i++)
        queue_put(k, bytes[i]);
    notify(k);
}

static void respond1(struct ps2_kbd *k, uint8_t byte)
{
    respond(k, &byte, 1);
}

/* Key data keeps the last slot for the overflow code, as the keyboard's
 * 16-byte buffer does (IBM tech ref, "Buffer"). */
static void queue_key_sequence(struct ps2_kbd *k, const uint8_t *seq, unsigned n)
{
    if (n == 0)
        return;
    if (k->queue_count + n <= PS2_KBD_QUEUE_SIZE - 1) {
        for (unsigned i = 0; i < n; i++)
            queue_put(k, seq[i]);
    } else if (k->queue_count < PS2_KBD_QUEUE_SIZE &&
               (k->queue_count == 0 || queue_last(k) != overflow_code(k))) {
        queue_put(k, overflow_code(k));
    } else {
        return;
    }
    notify(k);
}

/* ---- scan code sequences ------------------------------------------- */

static bool is_held(const struct ps2_kbd *k, uint16_t usage)
{
    return (k->held[usage >> 3] >> (usage & 7)) & 1;
}

static void set_held(struct ps2_kbd *k, uint16_t usage, bool down)
{
    if (down)
        k->held[usage >> 3] |= (uint8_t)(1u << (usage & 7));
    else
        k->held[usage >> 3] &= (uint8_t)~(1u << (usage & 7));
}

static bool ctrl_held(const struct ps2_kbd *k)
{
    return is_held(k, HID_KEY_LEFT_CTRL) || is_held(k, HID_KEY_RIGHT_CTRL);
}

static bool shift_held(const struct ps2_kbd *k)
{
    return is_held(k, HID_KEY_LEFT_SHIFT) || is_held(k, HID_KEY_RIGHT_SHIFT);
}

static bool alt_held(const struct ps2_kbd *k)
{
    return is_held(k, HID_KEY_LEFT_ALT) || is_held(k, HID_KEY_RIGHT_ALT);
}

static unsigned put(uint8_t *seq, unsigned n, uint8_t byte)
{
    if (n < SEQ_MAX)
        seq[n++] = byte;
    return n;
}

/* Print Screen changes with the modifiers held (Brouwer 1.6): alone it
 * sends E0 12 E0 7C (a fake shift and the key), with Shift or Ctrl just
 * E0 7C, with Alt it is SysRq, 84. */
static unsigned print_screen_set2(const struct ps2_kbd *k, bool pressed, uint8_t *seq)
{
    unsigned n = 0;
    if (alt_held(k)) {
        if (!pressed)
            n = put(seq, n, 0xF0);
        return put(seq, n, 0x84);
    }
    if (ctrl_held(k) || shift_held(k)) {
        n = put(seq, n, 0xE0);
        if (!pressed)
            n = put(seq, n, 0xF0);
        return put(seq, n, 0x7C);
    }
    static const uint8_t make[] = { 0xE0, 0x12, 0xE0, 0x7C };
    static const uint8_t brk[] = { 0xE0, 0xF0, 0x7C, 0xE0, 0xF0, 0x12 };
    const uint8_t *src = pressed ? make : brk;
    unsigned len = pressed ? sizeof make : sizeof brk;
    for (unsigned i = 0; i < len; i++)
        n = put(seq, n, src[i]);
    return n;
}

/* Pause has only a make code; with Ctrl held it is Break, E0 7E E0 F0 7E
 * (make and break at once, Brouwer 1.6). */
static unsigned pause_set2(const struct ps2_kbd *k, bool pressed, uint8_t *seq)
{
    static const uint8_t pause[] = { 0xE1, 0x14, 0x77, 0xE1, 0xF0, 0x14, 0xF0, 0x77 };
    static const uint8_t brk[] = { 0xE0, 0x7E, 0xE0, 0xF0, 0x7E };
    if (!pressed)
        return 0;
    const uint8_t *src = ctrl_held(k) ? brk : pause;
    unsigned len = ctrl_held(k) ? sizeof brk : sizeof pause;
    unsigned n = 0;
    for (unsigned i = 0; i < len; i++)
        n = put(seq, n, src[i]);
    return n;
}

static unsigned sequence_set2(const struct ps2_kbd *k, uint16_t usage,
                              const struct ps2_key_codes *codes, bool pressed, uint8_t *seq)
{
    if (usage == HID_KEY_PRINT_SCREEN)
        return print_screen_set2(k, pressed, seq);
    if (usage == HID_KEY_PAUSE)
        return pause_set2(k, pressed, seq);
    unsigned n = 0;
    if (codes->set2_e0)
        n = put(seq, n, 0xE0);
    if (!pressed)
        n = put(seq, n, 0xF0);
    return put(seq, n, codes->set2);
}

/* Set 2 -> set 1, as the 8042 does it: F0 turns into bit 7 of the next
 * byte, E0 and E1 pass unchanged. */
static unsigned translate_sequence(uint8_t *seq, unsigned n)
{
    unsigned out = 0;
    bool brk = false;
    for (unsigned i = 0; i < n; i++) {
        if (seq[i] == 0xF0) {
            brk = true;
            continue;
        }
        seq[out++] = (uint8_t)(ps2_translate_set2_byte(seq[i]) | (brk ? 0x80 : 0));
        brk = false;
    }
    return out;
}

static unsigned key_sequence(const struct ps2_kbd *k, uint16_t usage, bool pressed, uint8_t *seq)
{
    const struct ps2_key_codes *codes = ps2_key_lookup(usage);
    if (codes == NULL)
        return 0;
    if (k->set == 3) {
        if (pressed)
            return put(seq, 0, codes->set3);
        if (!(k->set3_type[codes->set3] & PS2_KBD_KEY_BREAK))
            return 0;
        return put(seq, put(seq, 0, 0xF0), codes->set3);
    }
    unsigned n = sequence_set2(k, usage, codes, pressed, seq);
    return k->set == 1 ? translate_sequence(seq, n) : n;
}

static bool key_repeats(const struct ps2_kbd *k, uint16_t usage)
{
    const struct ps2_key_codes *codes = ps2_key_lookup(usage);
    if (codes == NULL)
        return false;
    if (k->set == 3)
        return (k->set3_type[codes->set3] & PS2_KBD_KEY_TYPEMATIC) != 0;
    return usage != HID_KEY_PAUSE;  /* Pause has no typematic action */
}

/* ---- typematic ------------------------------------------------------ */

/* IBM tech ref, "Set Typematic Rate/Delay": period = (8 + A) * 2^B * 4.17 ms
 * with A = bits 2-0, B = bits 4-3 (4.17 ms is 1/240 s); delay = (1 + D) *
 * 250 ms with D = bits 6-5. */
uint64_t ps2_kbd_typematic_period_ns(uint8_t typematic)
{
    uint64_t a = typematic & 7u;
    uint64_t b = (typematic >> 3) & 3u;
    return ((8 + a) << b) * SCHED_NS_PER_SEC / 240;
}

uint64_t ps2_kbd_typematic_delay_ns(uint8_t typematic)
{
    return (((typematic >> 5) & 3u) + 1) * 250 * SCHED_NS_PER_MS;
}

static void repeat_stop(struct ps2_kbd *k)
{
    k->repeat_armed = false;
    if (k->sched != NULL)
        sched_cancel(k->sched, &k->repeat_event);
}

static void repeat_fire(void *opaque)
{
    struct ps2_kbd *k = opaque;
    if (!k->repeat_armed || !is_held(k, k->repeat_usage))
        return;
    if (k->scanning) {
        uint8_t seq[SEQ_MAX];
        queue_key_sequence(k, seq, key_sequence(k, k->repeat_usage, true, seq));
    }
    sched_arm_in(k->sched, &k->repeat_event, ps2_kbd_typematic_period_ns(k->typematic));
}

static void repeat_start(struct ps2_kbd *k, uint16_t usage)
{
    repeat_stop(k);
    if (k->sched == NULL || !key_repeats(k, usage))
        return;
    k->repeat_usage = usage;
    k->repeat_armed = true;
    sched_arm_in(k->sched, &k->repeat_event, ps2_kbd_typematic_delay_ns(k->typematic));
}

/* ---- host input ----------------------------------------------------- */

void ps2_kbd_key(struct ps2_kbd *k, uint16_t hid_usage, bool pressed)
{
    if (ps2_key_lookup(hid_usage) == NULL || is_held(k, hid_usage) == pressed)
        return;
    /* Modifiers count from the moment they go down, so Print Screen with
     * Alt held is judged with Alt already down. */
    set_held(k, hid_usage, pressed);
    if (pressed)
        repeat_start(k, hid_usage);
    else if (k->repeat_armed && k->repeat_usage == hid_usage)
        repeat_stop(k);
    if (!k->scanning)
        return;
    uint8_t seq[SEQ_MAX];
    unsigned n = key_sequence(k, hid_usage, pressed, seq);
    queue_key_sequence(k, seq, n);
}

/* ---- commands -------------------------------------------------------- */

static void set3_defaults(struct ps2_kbd *k)
{
    static const uint8_t make_break[] = { 0x14, 0x12, 0x59, 0x11, 0x19, 0x8B, 0x8C, 0x8D };
    memset(k->set3_type, PS2_KBD_KEY_TYPEMATIC, sizeof k->set3_type);
    for (size_t i = 0; i < sizeof make_break; i++)
        k->set3_type[make_break[i]] = PS2_KBD_KEY_BREAK;
}

static void set_leds(struct ps2_kbd *k, uint8_t leds)
{
    k->leds = leds & 7u;
    if (k->leds_changed != NULL)
        k->leds_changed(k->leds_opaque, k->leds);
}

/* F5/F6/FF: power-on typematic and key types; the queue is emptied. */
static void set_defaults(struct ps2_kbd *k)
{
    k->typematic = PS2_KBD_TYPEMATIC_DEFAULT;
    set3_defaults(k);
    queue_clear(k);
    repeat_stop(k);
}

static void set_all_types(struct ps2_kbd *k, uint8_t type)
{
    memset(k->set3_type, type, sizeof k->set3_type);
}

static uint8_t key_list_type(uint8_t cmd)
{
    switch (cmd) {
    case KBD_CMD_KEY_TYPEMATIC: return PS2_KBD_KEY_TYPEMATIC;
    case KBD_CMD_KEY_MAKE_BREAK: return PS2_KBD_KEY_BREAK;
    default: return 0;
    }
}

static void parameter(struct ps2_kbd *k, uint8_t cmd, uint8_t value)
{
    switch (cmd) {
    case KBD_CMD_SET_LEDS:
        k->expecting = 0;
        respond1(k, PS2_KBD_ACK);
        set_leds(k, value);
        break;
    case KBD_CMD_SCANCODE_SET:
        k->expecting = 0;
        if (value == 0) {
            uint8_t r[2] = { PS2_KBD_ACK, k->set };
            respond(k, r, 2);
        } else if (value <= 3) {
            k->set = value;
            repeat_stop(k);
            respond1(k, PS2_KBD_ACK);
        } else {
            respond1(k, PS2_KBD_RESEND);
        }
        break;
    case KBD_CMD_TYPEMATIC:
        k->expecting = 0;
        k->typematic = value & 0x7F;
        respond1(k, PS2_KBD_ACK);
        break;
    default:
        /* FB/FC/FD take a list of set 3 codes, ended by the next command. */
        k->set3_type[value] = key_list_type(cmd);
        respond1(k, PS2_KBD_ACK);
        break;
    }
}

void ps2_kbd_write(void *kbd, uint8_t byte)
{
    struct ps2_kbd *k = kbd;
    /* Every command byte is ED or above; anything lower is a parameter
     * (and a command cancels a parameter still awaited). */
    if (k->expecting != 0 && byte < KBD_CMD_SET_LEDS) {
        parameter(k, k->expecting, byte);
        return;
    }
    k->expecting = 0;
    switch (byte) {
    case KBD_CMD_SET_LEDS:
    case KBD_CMD_SCANCODE_SET:
    case KBD_CMD_TYPEMATIC:
    case KBD_CMD_KEY_TYPEMATIC:
    case KBD_CMD_KEY_MAKE_BREAK:
    case KBD_CMD_KEY_MAKE:
        k->expecting = byte;
        respond1(k, PS2_KBD_ACK);
        break;
    case KBD_CMD_ECHO:
        respond1(k, PS2_KBD_ECHO);
        break;
    case KBD_CMD_IDENTIFY: {
        /* An MF2 keyboard: AB 83 (the 8042 translates 83 to 41). */
        static const uint8_t id[] = { PS2_KBD_ACK, 0xAB, 0x83 };
        respond(k, id, sizeof id);
        break;
    }
    case KBD_CMD_ENABLE:
        queue_clear(k);
        k->scanning = true;
        respond1(k, PS2_KBD_ACK);
        break;
    case KBD_CMD_DEFAULT_DISABLE:
        set_defaults(k);
        k->scanning = false;
        respond1(k, PS2_KBD_ACK);
        break;
    case KBD_CMD_DEFAULT:
        set_defaults(k);
        k->scanning = true;
        respond1(k, PS2_KBD_ACK);
        break;
    case KBD_CMD_ALL_TYPEMATIC:
        set_all_types(k, PS2_KBD_KEY_TYPEMATIC);
        respond1(k, PS2_KBD_ACK);
        break;
    case KBD_CMD_ALL_MAKE_BREAK:
        set_all_types(k, PS2_KBD_KEY_BREAK);
        respond1(k, PS2_KBD_ACK);
        break;
    case KBD_CMD_ALL_MAKE:
        set_all_types(k, 0);
        respond1(k, PS2_KBD_ACK);
        break;
    case KBD_CMD_ALL_TYPEMATIC_MAKE_BREAK:
        set_all_types(k, PS2_KBD_KEY_TYPEMATIC | PS2_KBD_KEY_BREAK);
        respond1(k, PS2_KBD_ACK);
        break;
    case KBD_CMD_RESEND:
        respond1(k, k->last_sent);
        break;
    case KBD_CMD_RESET: {
        set_defaults(k);
        k->set = 2;
        k->scanning = true;
        set_leds(k, 0);
        static const uint8_t bat[] = { PS2_KBD_ACK, PS2_KBD_BAT_OK };
        respond(k, bat, sizeof bat);
        break;
    }
    default:
        respond1(k, PS2_KBD_RESEND);
        break;
    }
}

bool ps2_kbd_read(void *kbd, uint8_t *byte)
{
    struct ps2_kbd *k = kbd;
    if (k->queue_count == 0)
        return false;
    *byte = k->queue[k->queue_head];
    k->queue_head = (k->queue_head + 1) % PS2_KBD_QUEUE_SIZE;
    k->queue_count--;
    k->last_sent = *byte;
    return true;
}

/* ---- life cycle ------------------------------------------------------ */

void ps2_kbd_reset(struct ps2_kbd *k)
{
    repeat_stop(k);
    queue_clear(k);
    k->last_sent = 0;
    k->set = 2;
    k->scanning = true;
    k->leds = 0;
    k->typematic = PS2_KBD_TYPEMATIC_DEFAULT;
    k->expecting = 0;
    memset(k->held, 0, sizeof k->held);
    set3_defaults(k);
    k->repeat_usage = 0;
}

void ps2_kbd_init(struct ps2_kbd *k, struct sched *sched,
                  void (*data_ready)(void *opaque), void *opaque)
{
    memset(k, 0, sizeof *k);
    k->sched = sched;
    k->data_ready = data_ready;
    k->data_ready_opaque = opaque;
    sched_event_init(&k->repeat_event, "ps2-kbd-typematic", repeat_fire, k);
    ps2_kbd_reset(k);
}

void ps2_kbd_set_leds_callback(struct ps2_kbd *k,
                               void (*leds_changed)(void *opaque, uint8_t leds),
                               void *opaque)
{
    k->leds_changed = leds_changed;
    k->leds_opaque = opaque;
}
