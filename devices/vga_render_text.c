/*
 * vga_render_text.c - one scan line of an alphanumeric mode.
 *
 * Each character clock the CRTC fetches the character code from plane 0
 * and its attribute from plane 1 (same address), and the sequencer fetches
 * the glyph row from plane 2: 32 bytes per character, row = row scan
 * counter, in the character map that sequencer register 03h selects (IBM
 * VGA Technical Reference, "Character Map Select": map A for attribute bit
 * 3 set, map B for it clear; eight 8 KiB maps at 0, 16K, 32K, 48K, 8K,
 * 24K, 40K, 56K of plane 2).
 *
 * Attribute bits: 3-0 foreground, 7-4 background; with blink enabled
 * (attribute mode control bit 3) bit 7 makes the character blink instead
 * of brightening the background.  A 9-dot character's ninth dot is
 * background, or a copy of the eighth for the line-drawing codes when
 * line graphics (10h bit 2) is on.  The cursor fills the whole character
 * cell (all 9 dots) in the foreground colour on row scans CR0A..CR0B, as
 * QEMU draws it; an end before the start gives no cursor (VGA, unlike EGA).
 * Underline (row scan == CR14) is drawn for the monochrome attribute
 * 01h/09h only in monochrome emulation (10h bit 1).
 *
 * Not here: cursor skew (CR0B bits 5-6), the ninth-dot rule of real
 * monochrome cards, per-character fonts beyond the two maps.
 */
#include "devices/vga_render_internal.h"

/* Plane 2 offset of character map 0-7. */
static uint32_t font_map_offset(unsigned map)
{
    return (map & 3u) * 0x4000u + (map >> 2) * 0x2000u;
}

void vga_text_fonts(const struct vga *v, uint32_t *map_a, uint32_t *map_b)
{
    uint8_t sel = v->seq[3];
    *map_a = font_map_offset((sel >> 5 & 1u) << 2 | (sel >> 2 & 3u));
    *map_b = font_map_offset((sel >> 4 & 1u) << 2 | (sel & 3u));
}

static bool is_line_graphics(uint8_t ch)
{
    return ch >= VGA_LINE_GRAPHICS_FIRST && ch <= VGA_LINE_GRAPHICS_LAST;
}

struct vga_line_info vga_text_line(const struct vga *v, struct vga_render_state *rs,
                                   const struct vga_scan *scan)
{
    const struct vga_geometry *g = &rs->geom;
    const struct vga_text_state *ts = &rs->text;
    uint32_t map_a, map_b;
    vga_text_fonts(v, &map_a, &map_b);

    uint8_t mode = v->attr[0x10];
    bool blink_enabled = (mode & 0x08) != 0;
    bool line_graphics = (mode & 0x04) != 0 && g->char_dots == 9;
    bool mono = (mode & 0x02) != 0;
    unsigned row = scan->row_scan & 0x1Fu;
    bool underline_row = mono && row == (v->crtc[0x14] & 0x1Fu);
    bool cursor_row = ts->cursor_visible && row >= ts->cursor_start && row <= ts->cursor_end;

    struct vga_line_info info = { .lo = UINT32_MAX, .hi = 0, .ma = scan->ma };
    uint8_t *d = rs->dots;
    for (unsigned i = 0; i <= g->chars; i++) {
        uint32_t ma = scan->ma + i;
        uint32_t a = vga_crtc_address(g, ma, row);
        if (a < info.lo)
            info.lo = a;
        if (a > info.hi)
            info.hi = a;
        uint8_t ch = vga_plane_byte(v, a, 0);
        uint8_t at = vga_plane_byte(v, a, 1);
        uint32_t font = at & 0x08 ? map_a : map_b;
        unsigned glyph = vga_plane_byte(v, font + ch * 32u + row, 2);
        unsigned fg = at & 0x0Fu, bg = at >> 4;
        if (underline_row && (at & 0x77) == 0x01)
            glyph = 0xFF;
        if (blink_enabled) {
            bg &= 7;
            if (at & 0x80) {
                info.has_blink = true;
                if (!ts->blink_on)
                    glyph = 0;
            }
        }
        /* Nine bits: the glyph and the ninth dot. */
        unsigned bits = glyph << 1;
        if (line_graphics && is_line_graphics(ch))
            bits |= glyph & 1u;
        if (cursor_row && (ma & VGA_PLANE_MASK) == ts->cursor_ma)
            bits = 0x1FF;
        uint8_t colour[2] = { rs->attr_map[bg], rs->attr_map[fg] };
        if (g->dot_repeat == 1) {
            for (unsigned k = 0; k < g->char_dots; k++)
                *d++ = colour[(bits >> (8 - k)) & 1u];
        } else {
            for (unsigned k = 0; k < g->char_dots; k++) {
                d[0] = d[1] = colour[(bits >> (8 - k)) & 1u];
                d += 2;
            }
        }
    }
    info.lo <<= 2;
    info.hi = (info.hi << 2) + 4;
    return info;
}
