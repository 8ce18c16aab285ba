/*
 * vga_render_internal.h - what the renderer's files share: the display
 * geometry decoded from the registers, the renderer's private state
 * (struct vga_render_state) and the per-scan-line painters.
 *
 * The model is the VGA's own pipeline (IBM VGA Technical Reference,
 * "CRT Controller", "Attribute Controller"; FreeVGA mirrors it): the CRTC
 * walks a memory address counter (MA) and a row scan counter once per scan
 * line; the sequencer turns the bytes it fetches into a serial stream of
 * dots (text: glyph bits, graphics: plane bits); the attribute controller
 * turns each dot's 4-bit value into an 8-bit DAC index; the DAC gives the
 * colour.  The renderer builds one scan line of DAC indices at a time,
 * one dot per surface pixel, then maps it through a 256-entry colour table.
 *
 * The surface is the card's full dot raster, as QEMU's screendump is:
 * (CR01+1) characters of 8 or 9 dots (each dot doubled when SR01 halves
 * the dot clock) by CR12/CR07's vertical display end + 1 lines.  So mode
 * 13h is 640x400 (each pixel 2x2), mode 3 is 720x400.  docs/vga.md tells
 * the whole story.
 */
#ifndef SOFTPC_DEVICES_VGA_RENDER_INTERNAL_H
#define SOFTPC_DEVICES_VGA_RENDER_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/vga.h"

#define VGA_RENDER_MAX_WIDTH  2048u
#define VGA_RENDER_MAX_HEIGHT 1536u
/* What a blank screen (attribute controller cut off from the palette,
 * PAS clear) shows: QEMU's screendump gives 640x480 black whatever the
 * mode, so do we. */
#define VGA_BLANK_WIDTH  640u
#define VGA_BLANK_HEIGHT 480u

/* A VGA plane is 64 KiB: the CRTC's addresses are 16 bits. */
#define VGA_PLANE_MASK 0xFFFFu
/* The bytes the renderer may read in VGA modes: 4 planes of 64 KiB. */
#define VGA_PLANES_BYTES 0x40000u

/* The ninth dot of a 9-dot character repeats the eighth for these codes
 * when line graphics is on (attribute mode control bit 2).  The IBM VGA
 * reference names C0h-DFh; QEMU 7.2 also does it for B0h-BFh (see
 * docs/vga.md), which only changes the shade characters B0h-B2h. */
#define VGA_LINE_GRAPHICS_FIRST 0xC0u
#define VGA_LINE_GRAPHICS_LAST  0xDFu

/* Emulated frames for the blink counters: 60 per second. */
#define VGA_FRAME_NS (SCHED_NS_PER_SEC / 60u)
#define VGA_CURSOR_BLINK_FRAMES 16u  /* cursor on 16 frames, off 16 */
#define VGA_CHAR_BLINK_FRAMES   32u  /* blinking characters: 32 and 32 */

enum vga_family {
    VGA_FAMILY_BLANK,   /* nothing shown: black */
    VGA_FAMILY_TEXT,    /* alphanumeric (GC06 bit 0 clear) */
    VGA_FAMILY_PLANAR,  /* 16 colours, one bit per plane per dot */
    VGA_FAMILY_CGA4,    /* GC05 bit 5: 2 bits per pixel, CGA byte layout */
    VGA_FAMILY_256,     /* GC05 bit 6: a byte per pixel, 4 planes per MA */
    VGA_FAMILY_VBE,     /* Bochs VBE linear modes */
};

enum vga_address_mode { VGA_ADDR_BYTE, VGA_ADDR_WORD, VGA_ADDR_DWORD };

struct vga_geometry {
    enum vga_family family;
    unsigned width, height;      /* surface size */
    bool screen_off;             /* SR01 bit 5: keep the size, paint black */

    /* VGA modes: the CRTC's walk through memory. */
    unsigned chars;              /* characters fetched per line (CR01+1) */
    unsigned char_dots;          /* dots per character clock: 8 or 9 */
    unsigned dot_repeat;         /* 2 when SR01 bit 3 halves the dot clock */
    uint32_t start;              /* MA of the first line: CR0C:CR0D + byte pan */
    unsigned line_offset;        /* MA added per character row: CR13 * 2 */
    unsigned max_scan;           /* CR09 bits 0-4 */
    bool double_scan;            /* CR09 bit 7 */
    unsigned preset_row_scan;    /* CR08 bits 0-4 */
    unsigned line_compare;       /* CR18, CR07 bit 4, CR09 bit 6 */
    enum vga_address_mode addr_mode;
    bool word_wrap_bit15;        /* CR17 bit 5: word mode takes MA bit 15 */
    bool cga_bit13;              /* CR17 bit 0 clear: row scan bit 0 -> A13 */
    bool hercules_bit14;         /* CR17 bit 1 clear: row scan bit 1 -> A14 */
    unsigned pan_dots;           /* attribute 13h, in surface dots */
    bool split_resets_pan;       /* attribute 10h bit 5 */

    /* VBE modes. */
    unsigned bpp;
    uint32_t vbe_start, vbe_line_bytes;

    char mode_name[32];
    unsigned aspect_w, aspect_h;
};

/* What the text painter needs to know about time and the cursor. */
struct vga_text_state {
    bool cursor_visible;         /* enabled, in its on phase, start <= end */
    uint32_t cursor_ma;          /* CR0E:CR0F */
    unsigned cursor_start, cursor_end;
    bool blink_on;               /* blinking characters shown this frame */
};

/* Registers whose change alters the picture (the ones a drawing program
 * hammers, like the bit mask or map mask, are left out on purpose).  The
 * cursor registers are left out too: a moved cursor redraws its rows only. */
struct vga_display_regs {
    uint8_t seq1, seq3, gc5, gc6, attr_pas;
    uint8_t crtc[0x19];
    uint8_t attr[0x15];
    uint16_t vbe[VBE_DISPI_INDEX_COUNT];
    uint32_t vbe_start, vbe_line_bytes;
};

/* What a surface line read last time it was painted, to know whether a
 * vram change touches it. */
struct vga_line_info {
    uint32_t lo, hi;             /* vram bytes [lo, hi) */
    uint32_t ma;                 /* MA of its first character (text) */
    bool has_blink;              /* holds a blinking character (text) */
};

#define VGA_LINE_DOTS_MAX ((256u + 1u) * 18u)

struct vga_render_state {
    bool painted;                /* a full picture has been made */
    struct vga_geometry geom;
    struct vga_display_regs regs;
    uint32_t colours[256];       /* DAC index -> 0x00RRGGBB, pel mask applied */
    uint8_t attr_map[16];        /* 4-bit dot value -> DAC index */
    struct vga_text_state text;
    struct vga_line_info lines[VGA_RENDER_MAX_HEIGHT];
    uint32_t dirty[VGA_DIRTY_WORDS]; /* the pages this update consumed */
    uint8_t font_copy[0x10000];  /* plane 2 as last painted, to tell a font
                                  * change from a text change in one page */
    uint8_t dots[VGA_LINE_DOTS_MAX]; /* one line of DAC indices */
};

/* Where one scan line starts: the CRTC counters for it. */
struct vga_scan {
    uint32_t ma;                 /* MA at the line's first character */
    unsigned row_scan;
    unsigned pan_dots;
};

/* vga_render_geometry.c */
void vga_geometry_decode(const struct vga *v, struct vga_geometry *g);
void vga_display_regs_take(const struct vga *v, struct vga_display_regs *r);

/* vga_render_palette.c */
void vga_palette_build(const struct vga *v, uint32_t colours[256], uint8_t attr_map[16]);
uint32_t vga_dac_colour(const struct vga *v, unsigned index);

/* vga_render_text.c: font maps and one text scan line. */
void vga_text_fonts(const struct vga *v, uint32_t *map_a, uint32_t *map_b);
struct vga_line_info vga_text_line(const struct vga *v, struct vga_render_state *rs,
                                   const struct vga_scan *scan);

/* vga_render_gfx.c: one scan line of the planar, CGA and 256-colour modes. */
struct vga_line_info vga_gfx_line(const struct vga *v, struct vga_render_state *rs,
                                  const struct vga_scan *scan);

/* vga_render_vbe.c: one line of a VBE mode straight into the surface. */
struct vga_line_info vga_vbe_line(const struct vga *v, const struct vga_render_state *rs,
                                  unsigned y, uint32_t *out);

/* The CRTC's memory address for MA on a given row scan: byte, word or
 * double-word mode, then the CGA/Hercules substitutions of A13/A14 (IBM
 * VGA reference, CRTC mode control 17h).  Double-word mode is MA itself
 * because the memory unit stores chain-4 packed (vga.h: CPU offset o is
 * plane offset o >> 2), which is exactly a real card's (MA << 2) >> 2. */
static inline uint32_t vga_crtc_address(const struct vga_geometry *g, uint32_t ma,
                                        unsigned row_scan)
{
    uint32_t a;
    ma &= VGA_PLANE_MASK;
    switch (g->addr_mode) {
    case VGA_ADDR_WORD:
        a = ma << 1 | ((ma >> (g->word_wrap_bit15 ? 15 : 13)) & 1u);
        break;
    case VGA_ADDR_DWORD:
        a = ma & 0x3FFFu;
        break;
    default:
        a = ma;
        break;
    }
    if (g->cga_bit13)
        a = (a & ~0x2000u) | (uint32_t)(row_scan & 1u) << 13;
    if (g->hercules_bit14)
        a = (a & ~0x4000u) | (uint32_t)(row_scan & 2u) << 13;
    return a & VGA_PLANE_MASK;
}

/* Byte `plane` (0-3) of plane address a. */
static inline uint8_t vga_plane_byte(const struct vga *v, uint32_t a, unsigned plane)
{
    return v->vram[((a & VGA_PLANE_MASK) << 2) | (plane & 3u)];
}

/* Stretches one line of dots to the surface through the colour table,
 * starting pan dots in. */
static inline void vga_dots_out(const struct vga_render_state *rs, unsigned width,
                                unsigned pan, uint32_t *out)
{
    const uint8_t *d = rs->dots + pan;
    for (unsigned x = 0; x < width; x++)
        out[x] = rs->colours[d[x]];
}

#endif
