/*
 * ps2_mouse.c - the PS/2 mouse (the model and what it leaves out are in
 * ps2_mouse.h).
 *
 * Motion adds up in dx/dy/dz (host units, i.e. counts at 4 counts/mm) and
 * leaves them when a packet is built: a stream packet when the queue is
 * empty, a remote packet on EB.  Packets and command answers go into the
 * queue whole, so the guest never sees a torn packet.
 */
#include "devices/ps2_mouse.h"

#include <stddef.h>
#include <string.h>

/* Commands (IBM tech ref, pointing device commands). */
enum {
    MOUSE_CMD_SCALING_1TO1 = 0xE6,
    MOUSE_CMD_SCALING_2TO1 = 0xE7,
    MOUSE_CMD_RESOLUTION = 0xE8,
    MOUSE_CMD_STATUS = 0xE9,
    MOUSE_CMD_STREAM = 0xEA,
    MOUSE_CMD_READ_DATA = 0xEB,
    MOUSE_CMD_RESET_WRAP = 0xEC,
    MOUSE_CMD_WRAP = 0xEE,
    MOUSE_CMD_REMOTE = 0xF0,
    MOUSE_CMD_GET_ID = 0xF2,
    MOUSE_CMD_SAMPLE_RATE = 0xF3,
    MOUSE_CMD_ENABLE = 0xF4,
    MOUSE_CMD_DISABLE = 0xF5,
    MOUSE_CMD_DEFAULTS = 0xF6,
    MOUSE_CMD_RESEND = 0xFE,
    MOUSE_CMD_RESET = 0xFF,
};

#define MOTION_LIMIT (1 << 20)   /* host motion kept at most; beyond is lost anyway */

/* ---- the output queue ---------------------------------------------- */

static void queue_clear(struct ps2_mouse *m)
{
    m->queue_head = 0;
    m->queue_count = 0;
}

/* All or nothing; false if it did not fit. */
static bool queue_put(struct ps2_mouse *m, const uint8_t *bytes, unsigned n)
{
    if (m->queue_count + n > PS2_MOUSE_QUEUE_SIZE)
        return false;
    for (unsigned i = 0; i < n; i++) {
        unsigned tail = (m->queue_head + m->queue_count) % PS2_MOUSE_QUEUE_SIZE;
        m->queue[tail] = bytes[i];
        m->queue_count++;
    }
    if (m->data_ready != NULL)
        m->data_ready(m->data_ready_opaque);
    return true;
}

/* A command answer: older bytes make room if they must (a guest that
 * commands the mouse wants the answer, not stale motion). */
static void respond(struct ps2_mouse *m, const uint8_t *bytes, unsigned n)
{
    while (m->queue_count + n > PS2_MOUSE_QUEUE_SIZE) {
        m->queue_head = (m->queue_head + 1) % PS2_MOUSE_QUEUE_SIZE;
        m->queue_count--;
    }
    queue_put(m, bytes, n);
}

static void respond1(struct ps2_mouse *m, uint8_t byte)
{
    respond(m, &byte, 1);
}

/* ---- packets -------------------------------------------------------- */

/* Host units (4 counts/mm) to counts at the current resolution. */
static int32_t to_counts(const struct ps2_mouse *m, int32_t host)
{
    return host * (1 << m->resolution) / 4;
}

static int32_t to_host(const struct ps2_mouse *m, int32_t counts)
{
    return counts * 4 / (1 << m->resolution);
}

/* 2:1 scaling (IBM tech ref): 0 1 2 3 4 5 -> 0 1 1 3 6 9, then 2n. */
static int32_t scale_2to1(int32_t c)
{
    static const int32_t small[6] = { 0, 1, 1, 3, 6, 9 };
    int32_t mag = c < 0 ? -c : c;
    int32_t out = mag < 6 ? small[mag] : 2 * mag;
    return c < 0 ? -out : out;
}

/* Takes one axis's motion out of *acc; returns the 9-bit value and sets
 * *overflow if it did not fit (then the excess is lost). */
static int32_t take_axis(struct ps2_mouse *m, int32_t *acc, bool scaled, bool *overflow)
{
    int32_t counts = to_counts(m, *acc);
    *acc -= to_host(m, counts);
    if (scaled)
        counts = scale_2to1(counts);
    *overflow = counts > 255 || counts < -256;
    if (*overflow) {
        *acc = 0;
        counts = counts > 0 ? 255 : -256;
    }
    return counts;
}

static unsigned packet_size(const struct ps2_mouse *m)
{
    return m->id == 0 ? 3 : 4;
}

/* Builds the next packet from the motion counted so far. */
static unsigned build_packet(struct ps2_mouse *m, bool scaled, uint8_t *pkt)
{
    bool xo, yo;
    int32_t x = take_axis(m, &m->dx, scaled, &xo);
    int32_t y = take_axis(m, &m->dy, scaled, &yo);
    pkt[0] = (uint8_t)((m->buttons & 7u) | PS2_MOUSE_PKT_ALWAYS1 |
                       (x < 0 ? PS2_MOUSE_PKT_X_SIGN : 0) | (y < 0 ? PS2_MOUSE_PKT_Y_SIGN : 0) |
                       (xo ? PS2_MOUSE_PKT_X_OVF : 0) | (yo ? PS2_MOUSE_PKT_Y_OVF : 0));
    pkt[1] = (uint8_t)(x & 0xFF);
    pkt[2] = (uint8_t)(y & 0xFF);
    m->buttons_changed = false;
    if (m->id == 0) {
        m->dz = 0;   /* a mouse without a wheel has nothing to report */
        return 3;
    }
    /* The wheel: 4 bits, -8..7; more waits for the next packet. */
    int32_t z = m->dz < -8 ? -8 : m->dz > 7 ? 7 : m->dz;
    m->dz -= z;
    pkt[3] = (uint8_t)(z & 0x0F);
    if (m->id == 3) {
        pkt[3] = (uint8_t)(z & 0xFF);   /* ID 3 sign-extends to the whole byte */
    } else {
        if (m->buttons & PS2_MOUSE_BUTTON4)
            pkt[3] |= 0x10;
        if (m->buttons & PS2_MOUSE_BUTTON5)
            pkt[3] |= 0x20;
    }
    return 4;
}

static bool motion_to_report(const struct ps2_mouse *m)
{
    return m->buttons_changed || to_counts(m, m->dx) != 0 || to_counts(m, m->dy) != 0 ||
           (m->id != 0 && m->dz != 0);
}

static bool streaming(const struct ps2_mouse *m)
{
    return m->reporting && !m->remote && !m->wrap;
}

/* Stream mode: one packet, if there is something to say and room. */
static void stream_packet(struct ps2_mouse *m)
{
    if (!streaming(m) || !motion_to_report(m) ||
        m->queue_count + packet_size(m) > PS2_MOUSE_QUEUE_SIZE)
        return;
    uint8_t pkt[4];
    unsigned n = build_packet(m, m->scaling_2to1, pkt);
    queue_put(m, pkt, n);
}

static int32_t add_motion(int32_t acc, int delta)
{
    int64_t sum = (int64_t)acc + delta;
    if (sum > MOTION_LIMIT)
        return MOTION_LIMIT;
    if (sum < -MOTION_LIMIT)
        return -MOTION_LIMIT;
    return (int32_t)sum;
}

void ps2_mouse_move(struct ps2_mouse *m, int dx, int dy, int dz, unsigned buttons)
{
    m->dx = add_motion(m->dx, dx);
    m->dy = add_motion(m->dy, dy);
    m->dz = add_motion(m->dz, dz);
    uint8_t b = (uint8_t)(buttons & 0x1Fu);
    if (b != m->buttons) {
        m->buttons = b;
        m->buttons_changed = true;
    }
    /* Wait for the queue to drain: packets then carry the sum. */
    if (m->queue_count == 0)
        stream_packet(m);
}

/* ---- commands -------------------------------------------------------- */

static void clear_motion(struct ps2_mouse *m)
{
    m->dx = m->dy = m->dz = 0;
    m->buttons_changed = false;
}

/* F6: IBM tech ref "Set Default": 100 samples/s, 4 counts/mm, 1:1,
 * reporting off.  The mode and the ID stay. */
static void set_defaults(struct ps2_mouse *m)
{
    m->sample_rate = 100;
    m->resolution = 2;
    m->scaling_2to1 = false;
    m->reporting = false;
    clear_motion(m);
}

static bool valid_sample_rate(uint8_t rate)
{
    static const uint8_t rates[] = { 10, 20, 40, 60, 80, 100, 200 };
    for (size_t i = 0; i < sizeof rates; i++)
        if (rates[i] == rate)
            return true;
    return false;
}

/* Microsoft's knocks: 200,100,80 turns on the wheel (ID 3); from there
 * 200,200,80 turns on buttons 4 and 5 (ID 4). */
static void knock(struct ps2_mouse *m, uint8_t rate)
{
    m->rate_history[0] = m->rate_history[1];
    m->rate_history[1] = m->rate_history[2];
    m->rate_history[2] = rate;
    const uint8_t *h = m->rate_history;
    if (m->id == 0 && h[0] == 200 && h[1] == 100 && h[2] == 80)
        m->id = 3;
    else if (m->id == 3 && h[0] == 200 && h[1] == 200 && h[2] == 80)
        m->id = 4;
}

static void parameter(struct ps2_mouse *m, uint8_t cmd, uint8_t value)
{
    m->expecting = 0;
    if (cmd == MOUSE_CMD_RESOLUTION) {
        if (value > 3) {
            respond1(m, PS2_MOUSE_RESEND);
            return;
        }
        m->resolution = value;
        clear_motion(m);
    } else {
        if (!valid_sample_rate(value)) {
            respond1(m, PS2_MOUSE_RESEND);
            return;
        }
        m->sample_rate = value;
        knock(m, value);
    }
    respond1(m, PS2_MOUSE_ACK);
}

static void status(struct ps2_mouse *m)
{
    uint8_t r[4];
    r[0] = PS2_MOUSE_ACK;
    r[1] = (uint8_t)((m->remote ? 0x40 : 0) | (m->reporting ? 0x20 : 0) |
                     (m->scaling_2to1 ? 0x10 : 0) |
                     ((m->buttons & PS2_MOUSE_LEFT) ? 0x04 : 0) |
                     ((m->buttons & PS2_MOUSE_MIDDLE) ? 0x02 : 0) |
                     ((m->buttons & PS2_MOUSE_RIGHT) ? 0x01 : 0));
    r[2] = m->resolution;
    r[3] = m->sample_rate;
    respond(m, r, sizeof r);
}

static void command(struct ps2_mouse *m, uint8_t byte)
{
    switch (byte) {
    case MOUSE_CMD_SCALING_1TO1:
    case MOUSE_CMD_SCALING_2TO1:
        m->scaling_2to1 = byte == MOUSE_CMD_SCALING_2TO1;
        respond1(m, PS2_MOUSE_ACK);
        break;
    case MOUSE_CMD_RESOLUTION:
    case MOUSE_CMD_SAMPLE_RATE:
        m->expecting = byte;
        respond1(m, PS2_MOUSE_ACK);
        break;
    case MOUSE_CMD_STATUS:
        status(m);
        break;
    case MOUSE_CMD_STREAM:
    case MOUSE_CMD_REMOTE:
        m->remote = byte == MOUSE_CMD_REMOTE;
        clear_motion(m);
        respond1(m, PS2_MOUSE_ACK);
        break;
    case MOUSE_CMD_READ_DATA: {
        /* Any mode; no 2:1 scaling here (it applies to stream reports). */
        uint8_t r[5];
        r[0] = PS2_MOUSE_ACK;
        unsigned n = build_packet(m, false, r + 1);
        respond(m, r, n + 1);
        break;
    }
    case MOUSE_CMD_RESET_WRAP:
        m->wrap = false;
        clear_motion(m);
        respond1(m, PS2_MOUSE_ACK);
        break;
    case MOUSE_CMD_WRAP:
        m->wrap = true;
        clear_motion(m);
        respond1(m, PS2_MOUSE_ACK);
        break;
    case MOUSE_CMD_GET_ID: {
        uint8_t r[2] = { PS2_MOUSE_ACK, m->id };
        clear_motion(m);
        respond(m, r, 2);
        break;
    }
    case MOUSE_CMD_ENABLE:
    case MOUSE_CMD_DISABLE:
        m->reporting = byte == MOUSE_CMD_ENABLE;
        clear_motion(m);
        respond1(m, PS2_MOUSE_ACK);
        break;
    case MOUSE_CMD_DEFAULTS:
        set_defaults(m);
        respond1(m, PS2_MOUSE_ACK);
        break;
    case MOUSE_CMD_RESEND:
        respond1(m, m->last_sent);
        break;
    case MOUSE_CMD_RESET: {
        ps2_mouse_reset(m);
        static const uint8_t bat[] = { PS2_MOUSE_ACK, PS2_MOUSE_BAT_OK, 0x00 };
        respond(m, bat, sizeof bat);
        break;
    }
    default:
        respond1(m, PS2_MOUSE_RESEND);
        break;
    }
}

void ps2_mouse_write(void *mouse, uint8_t byte)
{
    struct ps2_mouse *m = mouse;
    if (m->wrap && byte != MOUSE_CMD_RESET_WRAP && byte != MOUSE_CMD_RESET) {
        respond1(m, byte);   /* wrap mode echoes everything else */
        return;
    }
    /* Parameters are below E6h; a command byte ends the wait for one. */
    if (m->expecting != 0 && byte < MOUSE_CMD_SCALING_1TO1) {
        parameter(m, m->expecting, byte);
        return;
    }
    m->expecting = 0;
    command(m, byte);
}

bool ps2_mouse_read(void *mouse, uint8_t *byte)
{
    struct ps2_mouse *m = mouse;
    if (m->queue_count == 0)
        return false;
    *byte = m->queue[m->queue_head];
    m->queue_head = (m->queue_head + 1) % PS2_MOUSE_QUEUE_SIZE;
    m->queue_count--;
    m->last_sent = *byte;
    if (m->queue_count == 0)
        stream_packet(m);   /* motion that waited for the queue */
    return true;
}

void ps2_mouse_reset(struct ps2_mouse *m)
{
    queue_clear(m);
    m->last_sent = 0;
    m->id = 0;
    m->remote = false;
    m->wrap = false;
    m->expecting = 0;
    memset(m->rate_history, 0, sizeof m->rate_history);
    m->buttons = 0;
    set_defaults(m);
}

void ps2_mouse_init(struct ps2_mouse *m, void (*data_ready)(void *opaque), void *opaque)
{
    memset(m, 0, sizeof *m);
    m->data_ready = data_ready;
    m->data_ready_opaque = opaque;
    ps2_mouse_reset(m);
}
