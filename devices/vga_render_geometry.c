/*
 * vga_render_geometry.c - what the registers say the screen is: the mode
 * family, the surface size, and the CRTC's walk through memory (start
 * address, offset, scan lines, address mode, split screen, panning).
 *
 * Sources: IBM VGA Technical Reference, CRT controller registers 01h,
 * 07h-0Dh, 12h-14h, 17h-18h; sequencer clocking mode 01h; graphics mode
 * 05h and miscellaneous 06h; attribute mode control 10h and horizontal
 * pel panning 13h; the Bochs VBE DISPI registers.  Any register value is
 * accepted: the sizes are clamped so garbage gives a small, sane surface.
 *
 * Not here: horizontal/vertical timing beyond the display ends (the
 * overscan border is not drawn), CR17 bit 2 (vertical total doubled),
 * CR17 bit 3 (count by two), CR0B cursor skew, the 9th dot of graphics
 * modes (graphics characters are 8 dots whatever SR01 bit 0 says).
 */
#include "devices/vga_render_internal.h"

#include <stdio.h>
#include <string.h>

static unsigned clamp_unsigned(unsigned v, unsigned lo, unsigned hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static void decode_vbe(const struct vga *v, struct vga_geometry *g)
{
    g->family = VGA_FAMILY_VBE;
    g->width = clamp_unsigned(v->vbe[VBE_DISPI_INDEX_XRES], 1, VGA_RENDER_MAX_WIDTH);
    g->height = clamp_unsigned(v->vbe[VBE_DISPI_INDEX_YRES], 1, VGA_RENDER_MAX_HEIGHT);
    g->bpp = v->vbe[VBE_DISPI_INDEX_BPP];
    g->vbe_start = v->vbe_start;
    g->vbe_line_bytes = v->vbe_line_bytes;
    switch (g->bpp) {
    case 8: case 15: case 16: case 24: case 32:
        snprintf(g->mode_name, sizeof g->mode_name, "vbe %ux%ux%u", g->width, g->height,
                 g->bpp);
        break;
    default:
        /* The 4 bpp planar VBE mode and nonsense depths show nothing. */
        g->bpp = 0;
        snprintf(g->mode_name, sizeof g->mode_name, "blank");
        break;
    }
    g->aspect_w = g->width;
    g->aspect_h = g->height;
}

static void decode_blank(struct vga_geometry *g)
{
    g->family = VGA_FAMILY_BLANK;
    g->width = VGA_BLANK_WIDTH;
    g->height = VGA_BLANK_HEIGHT;
    snprintf(g->mode_name, sizeof g->mode_name, "blank");
    g->aspect_w = 4;
    g->aspect_h = 3;
}

/* Horizontal pel panning in dots (IBM VGA reference, attribute 13h): 9-dot
 * text counts 8, 0, 1, ..., 7 for shifts 0-8; 256-colour modes move by
 * whole pixels of 2 dots for values 0, 2, 4, 6; everything else shifts
 * 0-7 dots. */
static unsigned pan_dots(const struct vga *v, const struct vga_geometry *g)
{
    unsigned p = v->attr[0x13] & 0x0Fu;
    unsigned dots;
    if (g->family == VGA_FAMILY_TEXT && g->char_dots == 9)
        dots = p >= 8 ? 0 : p + 1;
    else if (g->family == VGA_FAMILY_256)
        dots = p & 6u;
    else
        dots = p & 7u;
    return dots * g->dot_repeat;
}

static void name_vga_mode(const struct vga *v, struct vga_geometry *g)
{
    unsigned scan_lines = g->double_scan ? 2 : 1;
    bool rows_differ = g->cga_bit13 || g->hercules_bit14;
    if (g->family == VGA_FAMILY_TEXT) {
        unsigned rows = g->height / (scan_lines * (g->max_scan + 1));
        snprintf(g->mode_name, sizeof g->mode_name, "text %ux%u", g->chars,
                 rows ? rows : 1);
        return;
    }
    unsigned pixel_dots = (g->family == VGA_FAMILY_256 ? 2 : 1) * g->dot_repeat;
    unsigned lines = scan_lines * (rows_differ ? 1 : g->max_scan + 1);
    unsigned bits = 8;
    if (g->family == VGA_FAMILY_PLANAR)
        bits = (v->attr[0x12] & 0x0Fu) == 1 ? 1 : 4;
    else if (g->family == VGA_FAMILY_CGA4)
        bits = 2;
    unsigned h = g->height / lines;
    snprintf(g->mode_name, sizeof g->mode_name, "graphics %ux%ux%u", g->width / pixel_dots,
             h ? h : 1, bits);
}

static void decode_vga(const struct vga *v, struct vga_geometry *g)
{
    const uint8_t *cr = v->crtc;
    if (!(v->gc[6] & 0x01))
        g->family = VGA_FAMILY_TEXT;
    else if (v->gc[5] & 0x40)
        g->family = VGA_FAMILY_256;
    else if (v->gc[5] & 0x20)
        g->family = VGA_FAMILY_CGA4;
    else
        g->family = VGA_FAMILY_PLANAR;

    g->char_dots = g->family == VGA_FAMILY_TEXT && !(v->seq[1] & 0x01) ? 9 : 8;
    g->dot_repeat = v->seq[1] & 0x08 ? 2 : 1;
    unsigned char_width = g->char_dots * g->dot_repeat;
    g->chars = clamp_unsigned(cr[0x01] + 1u, 1, VGA_RENDER_MAX_WIDTH / char_width);
    g->width = g->chars * char_width;
    unsigned vde = cr[0x12] | (cr[0x07] & 0x02u) << 7 | (cr[0x07] & 0x40u) << 3;
    g->height = clamp_unsigned(vde + 1, 1, VGA_RENDER_MAX_HEIGHT);
    g->screen_off = (v->seq[1] & 0x20) != 0;

    g->start = ((uint32_t)cr[0x0C] << 8 | cr[0x0D]) + ((cr[0x08] >> 5) & 3u);
    g->line_offset = cr[0x13] * 2u;
    g->max_scan = cr[0x09] & 0x1Fu;
    g->double_scan = (cr[0x09] & 0x80) != 0;
    g->preset_row_scan = cr[0x08] & 0x1Fu;
    g->line_compare = cr[0x18] | (cr[0x07] & 0x10u) << 4 | (cr[0x09] & 0x40u) << 3;
    if (cr[0x14] & 0x40)
        g->addr_mode = VGA_ADDR_DWORD;
    else if (cr[0x17] & 0x40)
        g->addr_mode = VGA_ADDR_BYTE;
    else
        g->addr_mode = VGA_ADDR_WORD;
    g->word_wrap_bit15 = (cr[0x17] & 0x20) != 0;
    g->cga_bit13 = !(cr[0x17] & 0x01);
    g->hercules_bit14 = !(cr[0x17] & 0x02);
    g->pan_dots = pan_dots(v, g);
    g->split_resets_pan = (v->attr[0x10] & 0x20) != 0;
    g->aspect_w = 4;
    g->aspect_h = 3;
    name_vga_mode(v, g);
}

void vga_geometry_decode(const struct vga *v, struct vga_geometry *g)
{
    memset(g, 0, sizeof *g);
    if (v->vbe[VBE_DISPI_INDEX_ENABLE] & VBE_DISPI_ENABLED)
        decode_vbe(v, g);
    else if (!(v->attr_index & 0x20))
        decode_blank(g);
    else
        decode_vga(v, g);
}

void vga_display_regs_take(const struct vga *v, struct vga_display_regs *r)
{
    memset(r, 0, sizeof *r);
    r->seq1 = v->seq[1];
    r->seq3 = v->seq[3];
    r->gc5 = v->gc[5] & 0x60;
    r->gc6 = v->gc[6] & 0x01;
    r->attr_pas = v->attr_index & 0x20;
    memcpy(r->crtc, v->crtc, sizeof r->crtc);
    /* Cursor shape and place: handled row by row (vga_render.c). */
    r->crtc[0x0A] = r->crtc[0x0B] = r->crtc[0x0E] = r->crtc[0x0F] = 0;
    memcpy(r->attr, v->attr, sizeof r->attr);
    r->attr[0x11] = 0; /* overscan colour: the border is not drawn */
    memcpy(r->vbe, v->vbe, sizeof r->vbe);
    r->vbe[VBE_DISPI_INDEX_BANK] = 0; /* the CPU's window, not the picture */
    r->vbe_start = v->vbe_start;
    r->vbe_line_bytes = v->vbe_line_bytes;
}
