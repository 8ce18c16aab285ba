/*
 * vga_render_gfx.c - one scan line of the VGA's own graphics modes.
 *
 * Every character clock the CRTC's address fetches one byte from each of
 * the four planes; the graphics controller's shift registers turn them
 * into dots (IBM VGA Technical Reference, graphics mode register 05h bits
 * 5-6):
 *   planar (modes Dh-12h, 6): 8 dots, dot k takes bit 7-k of every plane,
 *     plane n giving colour bit n;
 *   shift interleave (05h bit 5, CGA modes 4/5): 4 pixels from plane 0's
 *     byte then 4 from plane 1's, two bits each, high pair first, planes
 *     2 and 3 giving colour bits 2-3 the same way;
 *   256-colour (05h bit 6, mode 13h and unchained "mode X"): the four
 *     plane bytes are four pixels, each two dots wide.
 * The 4-bit values go through the attribute palette; 256-colour bytes go
 * to the DAC as they are (vga_render_palette.c says why).
 *
 * Not here: the real card's 256-colour path through the palette registers,
 * and half-pixel panning in 256-colour modes (odd pan values round down).
 */
#include "devices/vga_render_internal.h"

static uint8_t *put_dot(uint8_t *d, uint8_t c, unsigned repeat)
{
    for (unsigned r = 0; r < repeat; r++)
        *d++ = c;
    return d;
}

static uint8_t *planar_char(const struct vga_render_state *rs, const uint8_t p[4], uint8_t *d,
                            unsigned repeat)
{
    for (unsigned k = 0; k < 8; k++) {
        unsigned shift = 7 - k;
        unsigned value = (p[0] >> shift & 1u) | (p[1] >> shift & 1u) << 1 |
                         (p[2] >> shift & 1u) << 2 | (p[3] >> shift & 1u) << 3;
        d = put_dot(d, rs->attr_map[value], repeat);
    }
    return d;
}

static uint8_t *cga4_char(const struct vga_render_state *rs, const uint8_t p[4], uint8_t *d,
                          unsigned repeat)
{
    for (unsigned k = 0; k < 8; k++) {
        unsigned shift = 6 - 2 * (k & 3u);
        unsigned lo = k < 4 ? p[0] : p[1];
        unsigned hi = k < 4 ? p[2] : p[3];
        unsigned value = (lo >> shift & 3u) | (hi >> shift & 3u) << 2;
        d = put_dot(d, rs->attr_map[value], repeat);
    }
    return d;
}

static uint8_t *vga256_char(const uint8_t p[4], uint8_t *d, unsigned repeat)
{
    for (unsigned k = 0; k < 4; k++)
        d = put_dot(d, p[k], 2 * repeat);
    return d;
}

struct vga_line_info vga_gfx_line(const struct vga *v, struct vga_render_state *rs,
                                  const struct vga_scan *scan)
{
    const struct vga_geometry *g = &rs->geom;
    struct vga_line_info info = { .lo = UINT32_MAX, .hi = 0, .ma = scan->ma };
    uint8_t *d = rs->dots;
    for (unsigned i = 0; i <= g->chars; i++) {
        uint32_t a = vga_crtc_address(g, scan->ma + i, scan->row_scan);
        if (a < info.lo)
            info.lo = a;
        if (a > info.hi)
            info.hi = a;
        const uint8_t *p = v->vram + (a << 2);
        switch (g->family) {
        case VGA_FAMILY_CGA4:
            d = cga4_char(rs, p, d, g->dot_repeat);
            break;
        case VGA_FAMILY_256:
            d = vga256_char(p, d, g->dot_repeat);
            break;
        default:
            d = planar_char(rs, p, d, g->dot_repeat);
            break;
        }
    }
    info.lo <<= 2;
    info.hi = (info.hi << 2) + 4;
    return info;
}
