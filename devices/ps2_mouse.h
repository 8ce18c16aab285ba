/*
 * ps2_mouse.h - a PS/2 mouse with the IntelliMouse wheel (ID 3) and the
 * IntelliMouse Explorer's wheel and buttons 4/5 (ID 4): the device at the
 * other end of the 8042's auxiliary port.
 *
 * Follows the IBM PS/2 Hardware Interface Technical Reference ("Pointing
 * Device") and Microsoft's IntelliMouse PS/2 extensions: reset (FA AA 00),
 * F2 get ID (00; 03 after the sample-rate knock 200,100,80; then 04 after
 * 200,200,80), stream and remote mode (EA/F0, EB read data), E6/E7
 * scaling 1:1 / 2:1, E8 resolution, E9 status, F3 sample rate, F4/F5
 * reporting on/off, F6 defaults, EE/EC wrap mode, FE resend.  Commands get
 * FA; an unknown command or a bad parameter gets FE.
 *
 * The host reports motion with ps2_mouse_move (dy positive = up, the PS/2
 * convention; dz positive = wheel towards the user, as the packet counts
 * it).  Motion is counted in units of the default resolution, 4 counts/mm,
 * and rescaled to the resolution the guest set (so at 8 counts/mm the
 * guest sees twice the counts, as from a real mouse moved the same
 * distance).  A packet carries at most -256..255 per axis: beyond that the
 * overflow bit is set and the excess is lost, as in the mouse's 9-bit
 * counters.  A packet carries at most -8..7 of wheel motion; the rest
 * follows in the next packets.
 *
 * In stream mode with reporting on, a packet goes out at each host report,
 * or, while earlier packets still wait in the queue, once the queue has
 * drained (the motion meanwhile adds up).  The sample rate is remembered
 * and reported but does not pace the packets.
 */
#ifndef SOFTPC_DEVICES_PS2_MOUSE_H
#define SOFTPC_DEVICES_PS2_MOUSE_H

#include <stdbool.h>
#include <stdint.h>

#define PS2_MOUSE_QUEUE_SIZE 32u

#define PS2_MOUSE_ACK    0xFAu
#define PS2_MOUSE_RESEND 0xFEu
#define PS2_MOUSE_BAT_OK 0xAAu

/* Button bits of ps2_mouse_move's `buttons` (and of the packet's byte 0). */
#define PS2_MOUSE_LEFT   0x01u
#define PS2_MOUSE_RIGHT  0x02u
#define PS2_MOUSE_MIDDLE 0x04u
#define PS2_MOUSE_BUTTON4 0x08u   /* reported only with ID 4 */
#define PS2_MOUSE_BUTTON5 0x10u   /* reported only with ID 4 */

/* Byte 0 of a packet. */
#define PS2_MOUSE_PKT_ALWAYS1 0x08u
#define PS2_MOUSE_PKT_X_SIGN  0x10u
#define PS2_MOUSE_PKT_Y_SIGN  0x20u
#define PS2_MOUSE_PKT_X_OVF   0x40u
#define PS2_MOUSE_PKT_Y_OVF   0x80u

struct ps2_mouse {
    /* Called when a byte is queued, so the controller can fetch it. */
    void (*data_ready)(void *opaque);
    void *data_ready_opaque;

    uint8_t queue[PS2_MOUSE_QUEUE_SIZE];
    unsigned queue_head;
    unsigned queue_count;
    uint8_t last_sent;         /* what FE resends (the last byte sent) */

    uint8_t id;                /* 0, 3 (wheel) or 4 (wheel + 5 buttons) */
    bool reporting;            /* F4/F5 */
    bool remote;               /* remote mode (F0) rather than stream (EA) */
    bool wrap;                 /* wrap (echo) mode (EE/EC) */
    bool scaling_2to1;         /* E7/E6 */
    uint8_t resolution;        /* E8 parameter: 0..3 = 1, 2, 4, 8 counts/mm */
    uint8_t sample_rate;       /* F3 parameter, samples/s */
    uint8_t expecting;         /* the command waiting for its parameter, or 0 */
    uint8_t rate_history[3];   /* the last three sample rates set, newest last */

    int32_t dx, dy, dz;        /* motion not yet reported, host units */
    uint8_t buttons;           /* PS2_MOUSE_* currently down */
    bool buttons_changed;      /* a button changed since the last packet */
};

void ps2_mouse_init(struct ps2_mouse *m, void (*data_ready)(void *opaque), void *opaque);
/* Power-on state (the state after FF, without the bytes FF sends). */
void ps2_mouse_reset(struct ps2_mouse *m);

/* The host: motion since the last call and the buttons now down. */
void ps2_mouse_move(struct ps2_mouse *m, int dx, int dy, int dz, unsigned buttons);

/* The wire to the controller, as for the keyboard. */
void ps2_mouse_write(void *mouse, uint8_t byte);
bool ps2_mouse_read(void *mouse, uint8_t *byte);

#endif
