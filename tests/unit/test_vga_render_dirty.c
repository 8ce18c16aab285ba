/*
 * test_vga_render_dirty.c - Check unit tests for the VGA renderer's VBE
 * modes (8 bpp through the DAC with 6- and 8-bit values, 15, 16, 24 and
 * 32 bpp with QEMU's channel widening, start offset and line pitch,
 * pictures running past the end of vram), its change tracking (nothing
 * dirty: no work and no pixel touched; one byte: only its lines; a font
 * page that only holds text: no full repaint), and a register fuzz that
 * must never crash or read outside vram (run it under ASan).
 */
#include "devices/vga.h"

#include "tests/unit/vga_render_fixture.h"
#include "tests/unit/check_main.h"

static void set_vbe(struct vga *v, unsigned xres, unsigned yres, unsigned bpp, uint32_t start,
                    uint32_t line_bytes)
{
    v->vbe[VBE_DISPI_INDEX_XRES] = (uint16_t)xres;
    v->vbe[VBE_DISPI_INDEX_YRES] = (uint16_t)yres;
    v->vbe[VBE_DISPI_INDEX_BPP] = (uint16_t)bpp;
    v->vbe[VBE_DISPI_INDEX_ENABLE] = VBE_DISPI_ENABLED | VBE_DISPI_LFB_ENABLED;
    v->vbe_start = start;
    v->vbe_line_bytes = line_bytes;
    v->full_redraw = true;
}

/* ---- VBE ------------------------------------------------------------ */

START_TEST(test_vbe_32bpp)
{
    struct vga *v = fixture_vga();
    fixture_set_mode(v, &MODE_03); /* the VGA side is ignored while VBE is on */
    set_vbe(v, 64, 32, 32, 0x3000, 64 * 4 + 64);
    uint8_t *p = v->vram + 0x3000 + 2 * 320 + 3 * 4;
    p[0] = 0x11, p[1] = 0x22, p[2] = 0x33, p[3] = 0x44;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(v->surface.width, 64);
    ck_assert_uint_eq(v->surface.height, 32);
    ck_assert_uint_eq(v->surface.aspect_w, 64);
    ck_assert_uint_eq(v->surface.aspect_h, 32);
    ck_assert_str_eq(v->surface.mode_name, "vbe 64x32x32");
    ck_assert_uint_eq(pixel(v, 3, 2), 0x332211u);
    ck_assert_uint_eq(pixel(v, 4, 2), 0);
    ck_assert_uint_eq(pixel(v, 3, 1), 0);
    fixture_free(v);
}
END_TEST

START_TEST(test_vbe_16_15_24bpp)
{
    struct vga *v = fixture_vga();
    set_vbe(v, 16, 4, 16, 0, 32);
    static const uint16_t w16[] = { 0xF800, 0x07E0, 0x001F, 0x0841, 0x2104, 0xFFFF };
    static const uint32_t rgb16[] = { 0xFF0000, 0x00FF00, 0x0000FF,
                                      0x080808, 0x212021, 0xFFFFFF };
    for (unsigned i = 0; i < 6; i++) {
        v->vram[2 * i] = (uint8_t)w16[i];
        v->vram[2 * i + 1] = (uint8_t)(w16[i] >> 8);
    }
    ck_assert(vga_update(v, 0));
    ck_assert_str_eq(v->surface.mode_name, "vbe 16x4x16");
    for (unsigned i = 0; i < 6; i++)
        ck_assert_uint_eq(pixel(v, i, 0), rgb16[i]);

    /* 15 bpp: x:5:5:5, each channel shifted left 3 (QEMU: 31 -> 248). */
    set_vbe(v, 16, 4, 15, 0, 32);
    static const uint16_t w15[] = { 0x7C00, 0x03E0, 0x001F, 0x0421, 0xFFFF };
    static const uint32_t rgb15[] = { 0xF80000, 0x00F800, 0x0000F8, 0x080808, 0xF8F8F8 };
    for (unsigned i = 0; i < 5; i++) {
        v->vram[2 * i] = (uint8_t)w15[i];
        v->vram[2 * i + 1] = (uint8_t)(w15[i] >> 8);
    }
    ck_assert(vga_update(v, 0));
    for (unsigned i = 0; i < 5; i++)
        ck_assert_uint_eq(pixel(v, i, 0), rgb15[i]);

    /* 24 bpp: B, G, R; line 1 at the pitch. */
    set_vbe(v, 8, 4, 24, 0, 30);
    v->vram[30 + 3] = 0x11, v->vram[30 + 4] = 0x22, v->vram[30 + 5] = 0x33;
    ck_assert(vga_update(v, 0));
    ck_assert_str_eq(v->surface.mode_name, "vbe 8x4x24");
    ck_assert_uint_eq(pixel(v, 1, 1), 0x332211u);
    fixture_free(v);
}
END_TEST

START_TEST(test_vbe_8bpp_dac)
{
    struct vga *v = fixture_vga();
    set_vbe(v, 8, 2, 8, 0, 8);
    v->vram[1] = 1;
    v->vram[2] = 63;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 1, 0), 0x07F800u);
    ck_assert_uint_eq(pixel(v, 2, 0), 0xFF0000u);
    /* 8-bit DAC: the values as they are. */
    v->vbe[VBE_DISPI_INDEX_ENABLE] |= VBE_DISPI_8BIT_DAC;
    v->dac[1][0] = 0x81;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 1, 0), 0x813E00u);
    fixture_free(v);
}
END_TEST

START_TEST(test_vbe_past_vram_end)
{
    struct vga *v = fixture_vga();
    set_vbe(v, 1024, 768, 32, VGA_VRAM_SIZE - 8, 4096);
    memset(v->vram + VGA_VRAM_SIZE - 8, 0xFF, 8);
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 0, 0), 0xFFFFFFu);
    ck_assert_uint_eq(pixel(v, 1, 0), 0xFFFFFFu);
    ck_assert_uint_eq(pixel(v, 2, 0), 0);
    ck_assert_uint_eq(pixel(v, 0, 767), 0);
    /* A huge start and pitch: all black, nothing read. */
    set_vbe(v, 1920, 1200, 24, 0xFFFFFFF0u, 0xFFFFFFFFu);
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 1919, 1199), 0);
    fixture_free(v);
}
END_TEST

/* ---- change tracking ----------------------------------------------- */

START_TEST(test_nothing_dirty)
{
    struct vga *v = fixture_vga();
    fixture_set_mode(v, &MODE_13);
    ck_assert(vga_update(v, 0));
    ck_assert(!v->full_redraw);
    for (unsigned i = 0; i < VGA_DIRTY_WORDS; i++)
        ck_assert_uint_eq(v->dirty[i], 0);
    /* Sentinels the renderer must not overwrite. */
    v->surface.pixels[0] = 0x12345678u;
    v->surface.pixels[640 * 400 - 1] = 0x12345678u;
    unsigned generation = v->surface.generation;
    ck_assert(!vga_update(v, 0));
    ck_assert(!vga_update(v, 5000000000ull));
    ck_assert_uint_eq(v->surface.pixels[0], 0x12345678u);
    ck_assert_uint_eq(v->surface.pixels[640 * 400 - 1], 0x12345678u);
    ck_assert_uint_eq(v->surface.generation, generation);
    /* Registers that do not change the picture: still nothing to do. */
    v->seq[2] = 0x05;
    v->gc[8] = 0x3C;
    v->gc[4] = 2;
    ck_assert(!vga_update(v, 0));
    /* A dirty page nothing shows (16 MiB - 1): nothing to repaint. */
    vga_mark_dirty(v, VGA_VRAM_SIZE - 1, 1);
    ck_assert(!vga_update(v, 0));
    ck_assert_uint_eq(v->dirty[VGA_DIRTY_WORDS - 1], 0);
    ck_assert_uint_eq(v->surface.pixels[0], 0x12345678u);
    fixture_free(v);
}
END_TEST

START_TEST(test_one_byte_repaints_its_lines)
{
    struct vga *v = fixture_vga();
    fixture_set_mode(v, &MODE_13);
    ck_assert(vga_update(v, 0));
    v->surface.pixels[0] = 0x12345678u;
    v->surface.pixels[640 * 399] = 0x12345678u;
    uint32_t at = 320 * 100 + 5;
    v->vram[at] = 7;
    vga_mark_dirty(v, at, 1);
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(pixel(v, 10, 200), dac_rgb(7));
    ck_assert_uint_eq(pixel(v, 11, 201), dac_rgb(7));
    /* Page 7 (bytes 7000h-7FFFh) holds mode 13h rows 89-102. */
    ck_assert_uint_eq(v->surface.dirty_y0, 2 * 89);
    ck_assert_uint_eq(v->surface.dirty_y1, 2 * 103);
    ck_assert_uint_eq(v->surface.pixels[0], 0x12345678u);
    ck_assert_uint_eq(v->surface.pixels[640 * 399], 0x12345678u);
    ck_assert_uint_eq(v->dirty[0], 0);
    /* full_redraw repaints everything. */
    v->full_redraw = true;
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(v->surface.dirty_y0, 0);
    ck_assert_uint_eq(v->surface.dirty_y1, 400);
    ck_assert_uint_eq(v->surface.pixels[0], dac_rgb(0));
    fixture_free(v);
}
END_TEST

START_TEST(test_text_write_is_not_a_font_change)
{
    struct vga *v = fixture_vga();
    fixture_set_mode(v, &MODE_03);
    ck_assert(vga_update(v, 0));
    /* Row 20's text: plane address 20 * 160 = 3200, vram page 3, which also
     * holds glyph bytes of map 0 (plane 2): rows 16-22 (page 3 covers plane
     * addresses 3072-4095) repaint, not the whole screen. */
    v->vram[3200 * 4 + 1] = 0x4F;
    vga_mark_dirty(v, 3200 * 4 + 1, 1);
    ck_assert(vga_update(v, 0));
    ck_assert_uint_ge(v->surface.dirty_y0, 16 * 16);
    ck_assert_uint_le(v->surface.dirty_y1, 26 * 16);
    ck_assert_uint_eq(pixel(v, 0, 20 * 16), dac_rgb(0x04)); /* background 4 */
    /* A glyph change in the same page is a font change: all rows. */
    v->vram[3100 * 4 + 2] = 0xFF;  /* char 96 (60h), glyph row 28 */
    v->vram[(0x20 * 32) * 4 + 2] = 0x80; /* char 20h, row 0: every blank cell */
    vga_mark_dirty(v, 3100 * 4 + 2, 1);
    vga_mark_dirty(v, (0x20 * 32) * 4 + 2, 1);
    ck_assert(vga_update(v, 0));
    ck_assert_uint_eq(v->surface.dirty_y0, 0);
    ck_assert_uint_eq(v->surface.dirty_y1, 400);
    fixture_free(v);
}
END_TEST

/* ---- fuzz ------------------------------------------------------------ */

static uint32_t rng_state = 12345;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static void fill_random(uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)rng();
}

START_TEST(test_register_fuzz)
{
    struct vga *v = fixture_vga();
    fill_random(v->vram, 0x40000);
    for (unsigned round = 0; round < 3000; round++) {
        switch (rng() % 4) {
        case 0:
            fill_random(v->seq, sizeof v->seq);
            fill_random(v->crtc, sizeof v->crtc);
            fill_random(v->gc, sizeof v->gc);
            fill_random(v->attr, sizeof v->attr);
            v->attr_index = (uint8_t)rng();
            v->dac_pel_mask = (uint8_t)rng();
            break;
        case 1:
            v->crtc[rng() % 32] = (uint8_t)rng();
            v->attr[rng() % 32] = (uint8_t)rng();
            v->seq[rng() % 8] = (uint8_t)rng();
            break;
        case 2:
            /* VBE, half the time with sizes inside the limits. */
            for (unsigned i = 0; i < VBE_DISPI_INDEX_COUNT; i++)
                v->vbe[i] = (uint16_t)rng();
            if (rng() & 1) {
                v->vbe[VBE_DISPI_INDEX_XRES] %= 200;
                v->vbe[VBE_DISPI_INDEX_YRES] %= 200;
                static const uint16_t bpps[] = { 0, 4, 8, 15, 16, 24, 32 };
                v->vbe[VBE_DISPI_INDEX_BPP] = bpps[rng() % 7];
                v->vbe_start = rng() % (VGA_VRAM_SIZE + 4096);
                v->vbe_line_bytes = rng() % 20000;
            } else {
                v->vbe_start = rng();
                v->vbe_line_bytes = rng();
            }
            break;
        default:
            v->vbe[VBE_DISPI_INDEX_ENABLE] &= (uint16_t)~VBE_DISPI_ENABLED;
            vga_mark_dirty(v, rng() % VGA_VRAM_SIZE, rng() % 100000);
            break;
        }
        if (rng() % 3 == 0)
            v->full_redraw = true;
        vga_update(v, (uint64_t)rng() * 1000u);
        const struct vga_surface *s = &v->surface;
        ck_assert_ptr_nonnull(s->pixels);
        ck_assert_uint_ge(s->width, 1);
        ck_assert_uint_ge(s->height, 1);
        ck_assert_uint_le(s->width, 2048);
        ck_assert_uint_le(s->height, 1536);
        ck_assert_uint_le(s->dirty_y1, s->height);
    }
    /* Extremes: everything zero, everything FFh. */
    for (int fill = 0; fill <= 0xFF; fill += 0xFF) {
        memset(v->seq, fill, sizeof v->seq);
        memset(v->crtc, fill, sizeof v->crtc);
        memset(v->gc, fill, sizeof v->gc);
        memset(v->attr, fill, sizeof v->attr);
        memset(v->vbe, 0, sizeof v->vbe);
        v->attr_index = (uint8_t)fill;
        vga_update(v, 0);
        ck_assert_uint_ge(v->surface.width, 1);
        ck_assert_uint_le(v->surface.width, 2048);
    }
    fixture_free(v);
}
END_TEST

static Suite *vga_render_dirty_suite(void)
{
    Suite *s = suite_create("vga_render_dirty");
    TCase *tc = tcase_create("vbe_and_tracking");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_vbe_32bpp);
    tcase_add_test(tc, test_vbe_16_15_24bpp);
    tcase_add_test(tc, test_vbe_8bpp_dac);
    tcase_add_test(tc, test_vbe_past_vram_end);
    tcase_add_test(tc, test_nothing_dirty);
    tcase_add_test(tc, test_one_byte_repaints_its_lines);
    tcase_add_test(tc, test_text_write_is_not_a_font_change);
    tcase_add_test(tc, test_register_fuzz);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(vga_render_dirty_suite(), CK_ENV);
}
