/*
 * vga_render_vbe.c - one line of a Bochs VBE linear mode.
 *
 * Line y starts at vram byte vbe_start + y * vbe_line_bytes (the register
 * unit derives both from the virtual width and the x/y offsets); pixels
 * are little-endian: 8 bpp an index through the DAC, 15 bpp x:5:5:5,
 * 16 bpp 5:6:5, 24 bpp B, G, R bytes, 32 bpp B, G, R, unused.  Bytes past
 * the end of vram read as black instead of wrapping.
 *
 * Widening to 8 bits per channel follows QEMU 7.2's screendump (measured,
 * docs/vga.md): 15 bpp shifts each 5-bit channel left by 3 and leaves the
 * low bits 0 (31 -> 248); 16 bpp repeats the top bits into the low ones
 * (5 bits: 31 -> 255, 4 -> 33; 6 bits: 63 -> 255, 16 -> 65).
 *
 * Not here: the 4 bpp planar VBE mode (shown black).
 */
#include "devices/vga_render_internal.h"

#include "mem/le.h"

static uint32_t widen5(uint32_t c)
{
    return c << 3 | c >> 2;
}

static uint32_t widen6(uint32_t c)
{
    return c << 2 | c >> 4;
}

static uint32_t vbe_pixel(const struct vga_render_state *rs, unsigned bpp, const uint8_t *p)
{
    uint32_t w;
    switch (bpp) {
    case 8:
        return rs->colours[p[0]];
    case 15:
        w = le_load(p, 2);
        return (w >> 10 & 0x1Fu) << 19 | (w >> 5 & 0x1Fu) << 11 | (w & 0x1Fu) << 3;
    case 16:
        w = le_load(p, 2);
        return widen5(w >> 11 & 0x1Fu) << 16 | widen6(w >> 5 & 0x3Fu) << 8 |
               widen5(w & 0x1Fu);
    case 24:
    case 32:
        return (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
    default:
        return 0;
    }
}

/* A line wholly inside vram: one loop per depth, the common case. */
static void line_fast(const struct vga_render_state *rs, unsigned bpp, const uint8_t *p,
                      unsigned width, uint32_t *out)
{
    switch (bpp) {
    case 32:
        for (unsigned x = 0; x < width; x++, p += 4)
            out[x] = (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
        break;
    case 24:
        for (unsigned x = 0; x < width; x++, p += 3)
            out[x] = (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
        break;
    case 8:
        for (unsigned x = 0; x < width; x++)
            out[x] = rs->colours[p[x]];
        break;
    default:
        for (unsigned x = 0; x < width; x++, p += 2)
            out[x] = vbe_pixel(rs, bpp, p);
        break;
    }
}

struct vga_line_info vga_vbe_line(const struct vga *v, const struct vga_render_state *rs,
                                  unsigned y, uint32_t *out)
{
    const struct vga_geometry *g = &rs->geom;
    unsigned bytes = (g->bpp + 7) / 8;
    uint64_t start = (uint64_t)g->vbe_start + (uint64_t)y * g->vbe_line_bytes;
    uint64_t end = start + (uint64_t)g->width * bytes;
    struct vga_line_info info = { .lo = 0, .hi = 0 };
    if (bytes == 0 || start >= v->vram_size) {
        for (unsigned x = 0; x < g->width; x++)
            out[x] = 0;
        return info;
    }
    info.lo = (uint32_t)start;
    info.hi = end > v->vram_size ? v->vram_size : (uint32_t)end;
    if (end <= v->vram_size) {
        line_fast(rs, g->bpp, v->vram + start, g->width, out);
        return info;
    }
    for (unsigned x = 0; x < g->width; x++) {
        uint64_t at = start + (uint64_t)x * bytes;
        out[x] = at + bytes <= v->vram_size ? vbe_pixel(rs, g->bpp, v->vram + at) : 0;
    }
    return info;
}
