/*
 * test_vga_render.c - Check unit tests for the VGA renderer's picture
 * (devices/vga_render*.c) in the VGA's own modes: text mode 3 (glyphs
 * from plane 2, the ninth-dot rules, cursor and blink phases, 8-dot
 * clocks, panning), mode 13h (chain-4 bytes through the DAC, the 6-to-8
 * bit widening, the PEL mask), mode 12h (planar bits, colour plane
 * enable, P5-4 select), CGA modes 4 and 6 (interleave, the A13 row
 * scan substitution), mode X (unchained planes), line compare and pel panning,
 * screen off and a cut-off palette.  Expected surface sizes and colours
 * are those QEMU's screendump gives for the same registers (docs/vga.md).
 *
 * VBE modes, dirty tracking and the register fuzz are in
 * test_vga_render_dirty.c.
 */
#include "devices/vga.h"

#include "tests/unit/vga_render_fixture.h"
#include "tests/unit/check_main.h"

#define FRAME_NS (1000000000ull / 60u)

/* ---- text mode 3 ---------------------------------------------------- */

/* A glyph with dots 0 and 7 on every row, and a full row 5. */
static void put_glyph(struct vga *v, uint32_t map_offset, uint8_t ch)
{
    for (unsigned row = 0; row < 16; row++)
        plane_poke(v, 2, map_offset + ch * 32u + row, row == 5 ? 0xFF : 0x81);
}

/* Cell n of the screen (MA n): character in plane 0, attribute in plane 1
 * at plane address 2n (word mode). */
static void put_cell(struct vga *v, unsigned n, uint8_t ch, uint8_t attr)
{
    plane_poke(v, 0, 2 * n, ch);
    plane_poke(v, 1, 2 * n, attr);
}

static struct vga *text_screen(void)
{
    struct vga *v = fixture_vga();
    fixture_set_mode(v, &MODE_03);
    put_glyph(v, 0, 0x41);
    put_glyph(v, 0, 0xC4);
    put_glyph(v, 0, 0xB1);
    put_cell(v, 0, 0x41, 0x1F);
    put_cell(v, 1, 0xC4, 0x1F);
    put_cell(v, 2, 0xB1, 0x1F);
    put_cell(v, 3, 0x41, 0x9F);
    put_cell(v, 80, 0x20, 0x07);
    v->crtc[0x0E] = 0;
    v->crtc[0x0F] = 80; /* cursor on row 1, column 0; lines 13-14 */
    return v;
}

/* Colours through mode 3's attribute palette: 15 -> 3Fh, 1 -> 01h, 7 -> 07h. */
#define FG dac_rgb(0x3F)
#define BG dac_rgb(0x01)

START_TEST(test_text_glyphs)
{
    struct vga *v = text_screen();
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(v->surface.width, 720);
    ck_assert_uint_eq(v->surface.height, 400);
    ck_assert_str_eq(v->surface.mode_name, "text 80x25");
    ck_assert_uint_eq(v->surface.aspect_w, 4);
    ck_assert_uint_eq(v->surface.aspect_h, 3);
    /* Cell 0, row 0: dots 0 and 7, ninth dot background. */
    ck_assert_uint_eq(pixel(v, 0, 0), FG);
    for (unsigned x = 1; x < 7; x++)
        ck_assert_uint_eq(pixel(v, x, 0), BG);
    ck_assert_uint_eq(pixel(v, 7, 0), FG);
    ck_assert_uint_eq(pixel(v, 8, 0), BG);
    /* Row 5 full, still no ninth dot for 41h. */
    ck_assert_uint_eq(pixel(v, 4, 5), FG);
    ck_assert_uint_eq(pixel(v, 8, 5), BG);
    /* C4h is a line-graphics code: the ninth dot copies the eighth. */
    ck_assert_uint_eq(pixel(v, 9 + 8, 0), FG);
    ck_assert_uint_eq(pixel(v, 9 + 1, 0), BG);
    /* B1h is not (IBM: C0h-DFh only). */
    ck_assert_uint_eq(pixel(v, 18 + 7, 0), FG);
    ck_assert_uint_eq(pixel(v, 18 + 8, 0), BG);
    /* Rows 16+ of the glyph are not part of the 16-line cell: line 16 is
     * row 1 of the screen. */
    ck_assert_uint_eq(pixel(v, 0, 16), dac_rgb(0));

    /* Line graphics off: C4h's ninth dot is background too. */
    v->attr[0x10] &= (uint8_t)~0x04;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 9 + 8, 0), BG);

    /* 8-dot characters: 640 wide, cell 1 starts at 8. */
    v->seq[1] |= 0x01;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(v->surface.width, 640);
    ck_assert_uint_eq(pixel(v, 8, 0), FG);
    ck_assert_uint_eq(pixel(v, 15, 0), FG);
    ck_assert_uint_eq(pixel(v, 9, 0), BG);
    fixture_free(v);
}
END_TEST

START_TEST(test_text_font_select)
{
    struct vga *v = text_screen();
    /* Map A = map 1 (plane 2 at 16K) for attribute bit 3 set; map B = 0. */
    v->seq[3] = 0x04;
    for (unsigned row = 0; row < 16; row++)
        plane_poke(v, 2, 0x4000 + 0x41 * 32 + row, 0xF0);
    ck_assert(vga_update(v, 0));
    /* Cell 0 has attribute 1Fh (bit 3 set): map A's glyph. */
    ck_assert_uint_eq(pixel(v, 3, 0), FG);
    ck_assert_uint_eq(pixel(v, 4, 0), BG);
    ck_assert_uint_eq(pixel(v, 7, 0), BG);
    /* Attribute 17h: bit 3 clear, map B (the 81h glyph); foreground 7. */
    put_cell(v, 0, 0x41, 0x17);
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 3, 0), BG);
    ck_assert_uint_eq(pixel(v, 7, 0), dac_rgb(0x07));
    fixture_free(v);
}
END_TEST

START_TEST(test_text_cursor_and_blink)
{
    struct vga *v = text_screen();
    unsigned cy = 16 + 13;
    ck_assert(vga_update(v, 0));
    /* Frame 0: cursor on, over all nine dots of the cell, foreground 7. */
    for (unsigned x = 0; x < 9; x++)
        ck_assert_uint_eq(pixel(v, x, cy), dac_rgb(0x07));
    ck_assert_uint_eq(pixel(v, 0, 16 + 14), dac_rgb(0x07));
    ck_assert_uint_eq(pixel(v, 0, 16 + 12), dac_rgb(0x00));
    ck_assert_uint_eq(pixel(v, 0, 16 + 15), dac_rgb(0x00));
    ck_assert_uint_eq(pixel(v, 9, cy), dac_rgb(0x00));
    /* The blinking cell 3 is shown in frames 0-31. */
    ck_assert_uint_eq(pixel(v, 27, 0), FG);

    /* Frame 16: cursor off; only the cursor's character row repaints. */
    ck_assert(vga_update(v, 16 * FRAME_NS + 1));
    ck_assert_uint_eq(pixel(v, 0, cy), dac_rgb(0x00));
    ck_assert_uint_ge(v->surface.dirty_y0, 16);
    ck_assert_uint_le(v->surface.dirty_y1, 32);
    ck_assert_uint_eq(pixel(v, 27, 0), FG);
    /* Same phase: nothing to do. */
    ck_assert(!vga_update(v, 20 * FRAME_NS));

    /* Frame 32: blinking characters off (background 1 & 7), cursor on. */
    ck_assert(vga_update(v, 32 * FRAME_NS + 1));
    ck_assert_uint_eq(pixel(v, 27, 0), BG);
    ck_assert_uint_eq(pixel(v, 27, 5), BG);
    ck_assert_uint_eq(pixel(v, 0, 0), FG); /* cell 0 does not blink */
    ck_assert_uint_eq(pixel(v, 0, cy), dac_rgb(0x07));
    /* Frame 64: back on. */
    ck_assert(vga_update(v, 64 * FRAME_NS + 1));
    ck_assert_uint_eq(pixel(v, 27, 0), FG);

    /* Blink disabled: bit 7 is background intensity, nothing blinks. */
    v->attr[0x10] &= (uint8_t)~0x08;
    ck_assert(vga_update(v, 32 * FRAME_NS + 1));
    ck_assert_uint_eq(pixel(v, 27, 0), FG);
    ck_assert_uint_eq(pixel(v, 28, 0), dac_rgb(0x39)); /* bg 9 -> palette 39h */

    /* Cursor disabled (CR0A bit 5) and end-before-start: no cursor. */
    v->crtc[0x0A] = 0x2D;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 0, cy), dac_rgb(0x00));
    v->crtc[0x0A] = 0x0E;
    v->crtc[0x0B] = 0x0D;
    ck_assert(!vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 0, cy), dac_rgb(0x00));
    /* Moved cursor: it shows at its new place. */
    v->crtc[0x0A] = 0x00;
    v->crtc[0x0B] = 0x0F;
    v->crtc[0x0F] = 81;
    put_cell(v, 81, 0x20, 0x0E);
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 9, 16), dac_rgb(0x3E)); /* foreground 0Eh -> 3Eh */
    ck_assert_uint_eq(pixel(v, 0, 16), dac_rgb(0x00));
    fixture_free(v);
}
END_TEST

START_TEST(test_text_underline_and_panning)
{
    struct vga *v = text_screen();
    /* Monochrome emulation: attribute 01h underlined on row CR14. */
    put_cell(v, 4, 0x20, 0x01);
    v->attr[0x10] |= 0x02;
    v->crtc[0x14] = 0x0D;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 36 + 2, 13), dac_rgb(0x01));
    ck_assert_uint_eq(pixel(v, 36 + 2, 12), dac_rgb(0x00));

    /* Pel panning in 9-dot text: 8 is no shift, 0 is one dot. */
    v->attr[0x10] &= (uint8_t)~0x02;
    v->attr[0x13] = 0x00;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 6, 0), FG);  /* dot 7 of cell 0 */
    ck_assert_uint_eq(pixel(v, 0, 0), BG);
    v->attr[0x13] = 0x08;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 0, 0), FG);
    fixture_free(v);
}
END_TEST

/* ---- mode 13h ------------------------------------------------------- */

START_TEST(test_mode13_pixels_and_dac)
{
    struct vga *v = fixture_vga();
    fixture_set_mode(v, &MODE_13);
    for (unsigned y = 0; y < 200; y++)
        for (unsigned x = 0; x < 320; x++)
            v->vram[y * 320 + x] = (uint8_t)(x + y);
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(v->surface.width, 640);
    ck_assert_uint_eq(v->surface.height, 400);
    ck_assert_str_eq(v->surface.mode_name, "graphics 320x200x8");
    for (unsigned y = 0; y < 200; y += 7)
        for (unsigned x = 0; x < 320; x += 3) {
            uint32_t want = dac_rgb((x + y) & 255);
            ck_assert_uint_eq(pixel(v, 2 * x, 2 * y), want);
            ck_assert_uint_eq(pixel(v, 2 * x + 1, 2 * y + 1), want);
        }
    /* The widening QEMU shows: 1 -> 7, 62 -> 248, 63 -> 255, 0 -> 0. */
    ck_assert_uint_eq(pixel(v, 2, 0), 0x07F800u);
    ck_assert_uint_eq(pixel(v, 2 * 63, 0), 0xFF0000u);
    ck_assert_uint_eq(pixel(v, 0, 0), 0x00FF00u);
    /* Bits 6-7 of a 6-bit DAC value are ignored: same colours, so
     * nothing to repaint. */
    v->dac[1][0] = 0xC1;
    ck_assert(!vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 2, 0), 0x07F800u);
    /* PEL mask: index 35h & 0Fh = 5. */
    v->dac_pel_mask = 0x0F;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 2 * 0x35, 0), dac_rgb(5));
    fixture_free(v);
}
END_TEST

START_TEST(test_mode13_line_compare)
{
    struct vga *v = fixture_vga();
    fixture_set_mode(v, &MODE_13);
    for (unsigned y = 0; y < 200; y++)
        memset(v->vram + y * 320, (int)y, 320);
    v->crtc[0x0C] = 800 >> 8;   /* start at row 10: 80 MA per row */
    v->crtc[0x0D] = 800 & 0xFF;
    v->crtc[0x18] = 100;        /* line compare 100: CR07 bit 4, CR09 bit 6 clear */
    v->crtc[0x07] &= (uint8_t)~0x10;
    v->crtc[0x09] &= (uint8_t)~0x40;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 5, 0), dac_rgb(10));
    ck_assert_uint_eq(pixel(v, 5, 99), dac_rgb(59));
    ck_assert_uint_eq(pixel(v, 5, 100), dac_rgb(60));
    /* As QEMU: line 101 is row 0 on its second row scan, 102-103 row 1. */
    ck_assert_uint_eq(pixel(v, 5, 101), dac_rgb(0));
    ck_assert_uint_eq(pixel(v, 5, 102), dac_rgb(1));
    ck_assert_uint_eq(pixel(v, 5, 103), dac_rgb(1));
    ck_assert_uint_eq(pixel(v, 5, 399), dac_rgb(149));
    fixture_free(v);
}
END_TEST

/* ---- mode 12h ------------------------------------------------------- */

START_TEST(test_mode12_planes)
{
    struct vga *v = fixture_vga();
    fixture_set_mode(v, &MODE_12);
    plane_poke(v, 0, 0, 0x80);
    plane_poke(v, 1, 0, 0x40);
    plane_poke(v, 2, 0, 0x20);
    plane_poke(v, 3, 0, 0x10);
    plane_poke(v, 3, 479 * 80 + 79, 0x01);
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(v->surface.width, 640);
    ck_assert_uint_eq(v->surface.height, 480);
    ck_assert_str_eq(v->surface.mode_name, "graphics 640x480x4");
    ck_assert_uint_eq(pixel(v, 0, 0), dac_rgb(0x01));
    ck_assert_uint_eq(pixel(v, 1, 0), dac_rgb(0x02));
    ck_assert_uint_eq(pixel(v, 2, 0), dac_rgb(0x04));
    ck_assert_uint_eq(pixel(v, 3, 0), dac_rgb(0x38)); /* palette 8 = 38h */
    ck_assert_uint_eq(pixel(v, 4, 0), dac_rgb(0x00));
    ck_assert_uint_eq(pixel(v, 0, 1), dac_rgb(0x00));
    ck_assert_uint_eq(pixel(v, 639, 479), dac_rgb(0x38));

    /* Colour plane enable 7: plane 3 is ignored. */
    v->attr[0x12] = 0x07;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 3, 0), dac_rgb(0x00));
    ck_assert_uint_eq(pixel(v, 0, 0), dac_rgb(0x01));
    /* P5-4 select: bits 5-4 from colour select 1-0, 7-6 from 3-2. */
    v->attr[0x12] = 0x0F;
    v->attr[0x10] |= 0x80;
    v->attr[0x14] = 0x0B;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 0, 0), dac_rgb(0xB1));
    ck_assert_uint_eq(pixel(v, 3, 0), dac_rgb(0xB8));
    fixture_free(v);
}
END_TEST

START_TEST(test_mode12_panning_and_split)
{
    struct vga *v = fixture_vga();
    fixture_set_mode(v, &MODE_12);
    plane_poke(v, 0, 0, 0x10);   /* pixel 3 of every line showing address 0 */
    plane_poke(v, 0, 80, 0x10);  /* and of line 1 */
    v->attr[0x13] = 3;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 0, 0), dac_rgb(1));
    ck_assert_uint_eq(pixel(v, 3, 0), dac_rgb(0));
    ck_assert_uint_eq(pixel(v, 0, 1), dac_rgb(1));

    /* Split after line 10: address 0 again, panned unless 10h bit 5. */
    v->crtc[0x18] = 10;
    v->crtc[0x07] &= (uint8_t)~0x10;
    v->crtc[0x09] &= (uint8_t)~0x40;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 0, 11), dac_rgb(1));
    ck_assert_uint_eq(pixel(v, 0, 12), dac_rgb(1));
    v->attr[0x10] |= 0x20;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 0, 11), dac_rgb(0));
    ck_assert_uint_eq(pixel(v, 3, 11), dac_rgb(1));
    ck_assert_uint_eq(pixel(v, 0, 0), dac_rgb(1)); /* the top stays panned */
    fixture_free(v);
}
END_TEST

/* ---- CGA mode 4 and mode X ----------------------------------------- */

START_TEST(test_cga_mode4)
{
    struct vga *v = fixture_vga();
    fixture_set_mode(v, &MODE_04);
    plane_poke(v, 0, 0, 0x1B);       /* CPU byte 0: pixels 0-3 = 0, 1, 2, 3 */
    plane_poke(v, 1, 0, 0xE4);       /* CPU byte 1: pixels 4-7 = 3, 2, 1, 0 */
    plane_poke(v, 0, 0x2000, 0xC0);  /* CPU byte 2000h: row 1, pixel 0 = 3 */
    plane_poke(v, 0, 80, 0x40);      /* CPU byte 80: row 2, pixel 0 = 1 */
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(v->surface.width, 640);
    ck_assert_uint_eq(v->surface.height, 400);
    ck_assert_str_eq(v->surface.mode_name, "graphics 320x200x2");
    static const uint8_t pal[4] = { 0x00, 0x13, 0x15, 0x17 };
    static const uint8_t row0[8] = { 0, 1, 2, 3, 3, 2, 1, 0 };
    for (unsigned x = 0; x < 8; x++) {
        ck_assert_uint_eq(pixel(v, 2 * x, 0), dac_rgb(pal[row0[x]]));
        ck_assert_uint_eq(pixel(v, 2 * x + 1, 1), dac_rgb(pal[row0[x]]));
    }
    ck_assert_uint_eq(pixel(v, 0, 2), dac_rgb(0x17));
    ck_assert_uint_eq(pixel(v, 1, 3), dac_rgb(0x17));
    ck_assert_uint_eq(pixel(v, 0, 4), dac_rgb(0x13));
    ck_assert_uint_eq(pixel(v, 2, 2), dac_rgb(0x00));
    fixture_free(v);
}
END_TEST

START_TEST(test_cga_mode6)
{
    struct vga *v = fixture_vga();
    fixture_set_mode(v, &MODE_06);
    plane_poke(v, 0, 0, 0x81);       /* row 0: pixels 0 and 7 */
    plane_poke(v, 1, 0, 0xFF);       /* plane 1 is not enabled (attr 12h = 1) */
    plane_poke(v, 0, 0x2000, 0x40);  /* row 1 (row scan 1 -> A13): pixel 1 */
    plane_poke(v, 0, 80 + 79, 0x01); /* row 2: pixel 639 */
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(v->surface.width, 640);
    ck_assert_uint_eq(v->surface.height, 400);
    ck_assert_str_eq(v->surface.mode_name, "graphics 640x200x1");
    ck_assert_uint_eq(pixel(v, 0, 0), dac_rgb(0x17));
    ck_assert_uint_eq(pixel(v, 0, 1), dac_rgb(0x17));
    ck_assert_uint_eq(pixel(v, 1, 0), dac_rgb(0x00));
    ck_assert_uint_eq(pixel(v, 7, 1), dac_rgb(0x17));
    ck_assert_uint_eq(pixel(v, 1, 2), dac_rgb(0x17));
    ck_assert_uint_eq(pixel(v, 0, 3), dac_rgb(0x00));
    ck_assert_uint_eq(pixel(v, 639, 4), dac_rgb(0x17));
    ck_assert_uint_eq(pixel(v, 639, 5), dac_rgb(0x17));
    fixture_free(v);
}
END_TEST

START_TEST(test_mode_x)
{
    struct vga *v = fixture_vga();
    fixture_set_mode_x(v);
    plane_poke(v, 0, 0, 3);                 /* (0, 0) */
    plane_poke(v, 1, 0, 4);                 /* (1, 0) */
    plane_poke(v, 3, 0, 6);                 /* (3, 0) */
    plane_poke(v, 0, 1, 7);                 /* (4, 0) */
    plane_poke(v, 1, 239 * 80 + 1, 9);      /* (5, 239) */
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(v->surface.width, 640);
    ck_assert_uint_eq(v->surface.height, 480);
    ck_assert_str_eq(v->surface.mode_name, "graphics 320x240x8");
    ck_assert_uint_eq(pixel(v, 0, 0), dac_rgb(3));
    ck_assert_uint_eq(pixel(v, 2, 1), dac_rgb(4));
    ck_assert_uint_eq(pixel(v, 6, 0), dac_rgb(6));
    ck_assert_uint_eq(pixel(v, 8, 0), dac_rgb(7));
    ck_assert_uint_eq(pixel(v, 4, 0), dac_rgb(0));
    ck_assert_uint_eq(pixel(v, 10, 478), dac_rgb(9));
    ck_assert_uint_eq(pixel(v, 11, 479), dac_rgb(9));
    /* Page flip: start address 80 * 240 shows the second page. */
    plane_poke(v, 2, 80 * 240, 12);         /* (2, 0) of page 2 */
    v->crtc[0x0C] = (80 * 240) >> 8;
    v->crtc[0x0D] = (80 * 240) & 0xFF;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 4, 0), dac_rgb(12));
    ck_assert_uint_eq(pixel(v, 0, 0), dac_rgb(0));
    fixture_free(v);
}
END_TEST

/* ---- blank screens ------------------------------------------------- */

START_TEST(test_screen_off_and_blank)
{
    struct vga *v = fixture_vga();
    fixture_set_mode(v, &MODE_13);
    memset(v->vram, 9, 64000);
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 100, 100), dac_rgb(9));
    /* SR01 bit 5: screen off, same size, black. */
    v->seq[1] |= 0x20;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(v->surface.width, 640);
    ck_assert_uint_eq(v->surface.height, 400);
    ck_assert_uint_eq(pixel(v, 100, 100), 0);
    v->seq[1] &= (uint8_t)~0x20;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 100, 100), dac_rgb(9));
    /* Palette address source clear: QEMU's 640x480 black. */
    unsigned generation = v->surface.generation;
    v->attr_index = 0x00;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(v->surface.width, 640);
    ck_assert_uint_eq(v->surface.height, 480);
    ck_assert_uint_ne(v->surface.generation, generation);
    ck_assert_str_eq(v->surface.mode_name, "blank");
    ck_assert_uint_eq(pixel(v, 100, 100), 0);
    ck_assert_uint_eq(v->surface.dirty_y0, 0);
    ck_assert_uint_eq(v->surface.dirty_y1, 480);
    fixture_free(v);
}
END_TEST

static Suite *vga_render_suite(void)
{
    Suite *s = suite_create("vga_render");
    TCase *tc = tcase_create("modes");
    tcase_add_test(tc, test_text_glyphs);
    tcase_add_test(tc, test_text_font_select);
    tcase_add_test(tc, test_text_cursor_and_blink);
    tcase_add_test(tc, test_text_underline_and_panning);
    tcase_add_test(tc, test_mode13_pixels_and_dac);
    tcase_add_test(tc, test_mode13_line_compare);
    tcase_add_test(tc, test_mode12_planes);
    tcase_add_test(tc, test_mode12_panning_and_split);
    tcase_add_test(tc, test_cga_mode4);
    tcase_add_test(tc, test_cga_mode6);
    tcase_add_test(tc, test_mode_x);
    tcase_add_test(tc, test_screen_off_and_blank);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(vga_render_suite(), CK_ENV);
}
