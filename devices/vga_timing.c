/*
 * vga_timing.c - where the VGA's beam is at a given emulated time, for
 * input status 1 (3BAh/3DAh) bits 0 (display disabled) and 3 (vertical
 * retrace).  No events: the position is a pure function of sched_now()
 * and the registers, so a guest polling 3DAh sees frames at the rate the
 * CRTC is programmed for, as on a card.
 *
 * The frame, from the IBM VGA Technical Reference's CRTC registers:
 *
 *   dot clock   misc output bits 3-2: 0 = 25.175 MHz, 1 = 28.322 MHz
 *               (2 and 3, external clocks, are taken as 25.175 MHz)
 *   character   8 or 9 dots (SR01 bit 0), twice as long with SR01 bit 3
 *               (dot clock / 2)
 *   line        CR00 + 5 characters, CR01 + 1 of them displayed
 *   frame       vertical total + 2 lines (CR06, CR07 bits 0 and 5),
 *               display end + 1 of them displayed (CR12, CR07 bits 1, 6)
 *   retrace     from line vertical retrace start (CR10, CR07 bits 2, 7)
 *               until the line whose low 4 bits equal CR11 bits 3-0
 *
 *   line  0 ........ display end ........ retrace start ..(1-16).. total
 *         |<- display enabled ->|<- display disabled, bit 0 = 1 ------>|
 *                                         |<- bit 3 = 1 ->|
 *
 * Mode 3 (900 dots x 449 lines at 28.322 MHz) is a 14.27 ms (70 Hz)
 * frame; mode 12h (800 x 525 at 25.175 MHz) a 16.68 ms (60 Hz) one.
 * Registers that make no frame (a zero total, a retrace start past the
 * total: what a card holds before the BIOS sets a mode) give mode 3's
 * 70 Hz frame, so a guest waiting for retrace never hangs.
 *
 * Not here: CR17 bit 2 (vertical counter clocked every other line),
 * horizontal retrace as a separate bit (the VGA has none), blanking
 * registers (display enable follows the display end registers).
 */
#include "devices/vga_internal.h"

#define VGA_CLOCK_25MHZ 25175000u
#define VGA_CLOCK_28MHZ 28322000u

struct vga_frame {
    uint32_t clock_hz;
    uint32_t char_dots;     /* dots per character clock */
    uint32_t line_chars, display_chars;
    uint32_t lines, display_lines;
    uint32_t retrace_start, retrace_lines;
};

static const struct vga_frame vga_frame_70hz = {
    .clock_hz = VGA_CLOCK_28MHZ, .char_dots = 9, .line_chars = 100, .display_chars = 80,
    .lines = 449, .display_lines = 400, .retrace_start = 412, .retrace_lines = 2,
};

static struct vga_frame vga_frame_from_registers(const struct vga *v)
{
    const uint8_t *cr = v->crtc;
    struct vga_frame f;
    f.clock_hz = ((v->misc_output >> 2) & 3u) == 1 ? VGA_CLOCK_28MHZ : VGA_CLOCK_25MHZ;
    f.char_dots = (v->seq[1] & 0x01u) ? 8 : 9;
    if (v->seq[1] & 0x08u)
        f.char_dots *= 2;
    f.line_chars = cr[0x00] + 5u;
    f.display_chars = cr[0x01] + 1u;
    uint32_t vtotal = cr[0x06] | (cr[0x07] & 0x01u) << 8 | (cr[0x07] & 0x20u) << 4;
    f.lines = vtotal + 2u;
    f.display_lines = (cr[0x12] | (cr[0x07] & 0x02u) << 7 | (cr[0x07] & 0x40u) << 3) + 1u;
    f.retrace_start = cr[0x10] | (cr[0x07] & 0x04u) << 6 | (cr[0x07] & 0x80u) << 2;
    /* The end is a 4-bit compare: the retrace lasts until the line
     * counter's low nibble matches, 16 lines when it already does. */
    f.retrace_lines = ((cr[0x11] & 0x0Fu) - f.retrace_start) & 0x0Fu;
    if (f.retrace_lines == 0)
        f.retrace_lines = 16;
    if (cr[0x00] == 0 || vtotal == 0 || f.retrace_start >= f.lines)
        return vga_frame_70hz;
    return f;
}

uint8_t vga_input_status1(const struct vga *v, uint64_t now_ns)
{
    struct vga_frame f = vga_frame_from_registers(v);
    uint64_t line_dots = (uint64_t)f.line_chars * f.char_dots;
    uint64_t frame_dots = line_dots * f.lines;
    /* Dots since power-on, split so that no product overflows 64 bits
     * (seconds x clock < 2^64 for ~20000 years of emulated time). */
    uint64_t secs = now_ns / SCHED_NS_PER_SEC, rem_ns = now_ns % SCHED_NS_PER_SEC;
    uint64_t dots = secs * f.clock_hz + rem_ns * f.clock_hz / SCHED_NS_PER_SEC;
    uint64_t in_frame = dots % frame_dots;
    uint64_t line = in_frame / line_dots;
    uint64_t column = in_frame % line_dots / f.char_dots;

    uint8_t status = 0;
    if (line >= f.retrace_start && line < (uint64_t)f.retrace_start + f.retrace_lines)
        status |= 0x08; /* vertical retrace */
    if (line >= f.display_lines || column >= f.display_chars || (status & 0x08))
        status |= 0x01; /* display disabled */
    return status;
}
