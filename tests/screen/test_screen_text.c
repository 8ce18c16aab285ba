/*
 * test_screen_text.c - unit tests of the screen reader (screen_reader.h):
 * text drawn into a picture with a made-up font, by a renderer written
 * here (so a mistake in the reader's own glyph rows cannot cancel out),
 * reads back as the same codes; a pixel changed makes that cell unmatched;
 * both polarities; the 9th-dot rule; the layout rules and their errors;
 * the printed text.
 *
 * The font is pseudo-random bytes (fixed seed), with the blank glyphs a
 * VGA font has at 00h, 20h and FFh, so every other glyph differs from the
 * rest and from their inverses - checked before use.
 */
#include "tests/screen/screen_reader.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define FG 0xFFAAAAAAu
#define BG 0xFF000000u

static struct screen_font font;
static uint8_t font_bytes[SCREEN_GLYPHS * 16];

static void make_font(void)
{
    uint32_t seed = 12345;
    for (unsigned k = 0; k < sizeof font_bytes; k++) {
        seed = seed * 1103515245u + 12345u;
        font_bytes[k] = (uint8_t)(seed >> 16);
    }
    static const unsigned blank[] = { 0x00, 0x20, 0xFF };
    for (unsigned b = 0; b < 3; b++)
        memset(font_bytes + blank[b] * 16, 0, 16);
    char err[200];
    ck_assert_msg(screen_font_from_bytes(&font, font_bytes, sizeof font_bytes, err, sizeof err),
                  "%s", err);
}

/* Our own renderer: a glyph with its top-left pixel at (x0, y0). */
static void draw_glyph_at(struct image *img, unsigned cell_w, unsigned x0, unsigned y0,
                          unsigned code, uint32_t fg, uint32_t bg)
{
    for (unsigned y = 0; y < 16; y++) {
        uint8_t bits = font_bytes[code * 16 + y];
        for (unsigned x = 0; x < cell_w; x++) {
            bool on;
            if (x < 8)
                on = (bits >> (7 - x)) & 1;
            else
                on = code >= 0xC0 && code <= 0xDF && (bits & 1);
            img->pixels[(y0 + y) * img->width + x0 + x] = on ? fg : bg;
        }
    }
}

/* code at cell (col, row) of a screen of cell_w x 16 cells. */
static void draw_cell(struct image *img, unsigned cell_w, unsigned col, unsigned row,
                      unsigned code, uint32_t fg, uint32_t bg)
{
    draw_glyph_at(img, cell_w, col * cell_w, row * 16, code, fg, bg);
}

static void draw_text(struct image *img, unsigned cell_w, unsigned col, unsigned row,
                      const char *text, uint32_t fg, uint32_t bg)
{
    for (unsigned k = 0; text[k] != '\0'; k++)
        draw_cell(img, cell_w, col + k, row, (unsigned char)text[k], fg, bg);
}

static void blank_image(struct image *img, unsigned w, unsigned h)
{
    ck_assert(image_alloc(img, w, h));
    for (size_t k = 0; k < (size_t)w * h; k++)
        img->pixels[k] = BG;
}

static struct screen_layout layout_of(const struct image *img)
{
    struct screen_layout layout;
    char err[200];
    ck_assert_msg(screen_layout_for(&layout, img, &font, 0, 0, err, sizeof err), "%s", err);
    return layout;
}

START_TEST(font_is_usable)
{
    make_font();
    /* Distinct glyphs, none the inverse of another, in 8 and 9 dots. */
    for (unsigned a = 0; a < 256; a++) {
        for (unsigned b = 0; b < 256; b++) {
            bool same = true, inverse = true;
            for (unsigned r = 0; r < 16; r++) {
                uint8_t x = font_bytes[a * 16 + r], y = font_bytes[b * 16 + r];
                same = same && x == y;
                inverse = inverse && (x ^ y) == 0xFF;
            }
            bool blank_pair = (a == 0 || a == 0x20 || a == 0xFF) && (b == 0 || b == 0x20 || b == 0xFF);
            ck_assert_msg(a == b || blank_pair || !same, "glyphs %02X and %02X alike", a, b);
            ck_assert_msg(!inverse, "glyphs %02X and %02X are inverses", a, b);
        }
    }
}
END_TEST

START_TEST(reads_text_back_9_dot)
{
    make_font();
    struct image img;
    blank_image(&img, 720, 400);
    draw_text(&img, 9, 0, 0, "SOFTPC-SCREEN 6.1.0-50-686", FG, BG);
    draw_text(&img, 9, 3, 24, "/ #", FG, BG);
    for (unsigned c = 0; c < 256; c++)      /* every code, rows 2-5 */
        draw_cell(&img, 9, c % 64, 2 + c / 64, c, 0xFFFFFF55u, 0xFF0000AAu);
    struct screen_layout layout = layout_of(&img);
    ck_assert_uint_eq(layout.cell_w, 9);
    ck_assert_uint_eq(layout.cols, 80);
    ck_assert_uint_eq(layout.rows, 25);
    int codes[80 * 25];
    ck_assert_uint_eq(screen_read(&img, &font, &layout, codes, NULL, NULL), 0);
    const char *want = "SOFTPC-SCREEN 6.1.0-50-686";
    for (unsigned k = 0; want[k] != '\0'; k++)
        ck_assert_int_eq(codes[k], want[k]);
    ck_assert_int_eq(codes[24 * 80 + 3], '/');
    for (unsigned c = 0; c < 256; c++) {
        /* Blank glyphs are one-colour cells: spaces. */
        bool blank = c == 0 || c == 0x20 || c == 0xFF;
        ck_assert_int_eq(codes[(2 + c / 64) * 80 + c % 64], blank ? 0x20 : (int)c);
    }
    image_free(&img);
}
END_TEST

START_TEST(one_pixel_makes_a_cell_unmatched)
{
    make_font();
    struct image img;
    blank_image(&img, 720, 400);
    draw_text(&img, 9, 0, 10, "HELLO", FG, BG);
    struct screen_layout layout = layout_of(&img);
    int codes[80 * 25];
    unsigned col = 99, row = 99;
    /* A pixel of 'L' (column 3) swapped between the two colours. */
    size_t p = (size_t)(10 * 16 + 5) * 720 + 3 * 9 + 4;
    img.pixels[p] = img.pixels[p] == FG ? BG : FG;
    ck_assert_uint_eq(screen_read(&img, &font, &layout, codes, &col, &row), 1);
    ck_assert_uint_eq(col, 3);
    ck_assert_uint_eq(row, 10);
    ck_assert_int_eq(codes[10 * 80 + 3], SCREEN_CELL_UNMATCHED);
    ck_assert_int_eq(codes[10 * 80 + 2], 'L');
    /* A third colour in another cell. */
    img.pixels[(size_t)(10 * 16) * 720 + 0] = 0xFFFF0000u;
    ck_assert_uint_eq(screen_read(&img, &font, &layout, codes, &col, &row), 2);
    ck_assert_uint_eq(col, 0);
    ck_assert_int_eq(screen_read_cell(&img, &font, &layout, 0, 10), SCREEN_CELL_UNMATCHED);
    /* A pixel in an empty cell: two colours, no glyph. */
    img.pixels[(size_t)(20 * 16 + 7) * 720 + 40 * 9 + 2] = FG;
    ck_assert_int_eq(screen_read_cell(&img, &font, &layout, 40, 20), SCREEN_CELL_UNMATCHED);
    image_free(&img);
}
END_TEST

START_TEST(both_polarities)
{
    make_font();
    struct image img;
    blank_image(&img, 640, 400);
    draw_text(&img, 8, 0, 0, "inverse", BG, FG);            /* black on grey */
    draw_text(&img, 8, 0, 1, "normal", FG, BG);
    draw_text(&img, 8, 0, 2, "Colour", 0xFF55FF55u, 0xFFAA0000u);
    struct screen_layout layout = layout_of(&img);
    ck_assert_uint_eq(layout.cell_w, 8);
    int codes[80 * 25];
    ck_assert_uint_eq(screen_read(&img, &font, &layout, codes, NULL, NULL), 0);
    ck_assert_int_eq(codes[0], 'i');
    ck_assert_int_eq(codes[6], 'e');
    ck_assert_int_eq(codes[80 + 5], 'l');
    ck_assert_int_eq(codes[160 + 0], 'C');
    image_free(&img);
}
END_TEST

START_TEST(ninth_dot_rule)
{
    make_font();
    /* Glyphs whose column 7 is set in some row: C4h (line graphics: the
     * 9th dot repeats it) and B3h (not: the 9th dot is background). */
    font_bytes[0xC4 * 16 + 8] |= 1;
    font_bytes[0xB3 * 16 + 8] |= 1;
    char err[200];
    ck_assert(screen_font_from_bytes(&font, font_bytes, sizeof font_bytes, err, sizeof err));
    ck_assert_uint_eq(screen_glyph_row(&font, 0xC4, 8, 9) >> 8, 1);
    ck_assert_uint_eq(screen_glyph_row(&font, 0xB3, 8, 9) >> 8, 0);
    ck_assert_uint_eq(screen_glyph_row(&font, 0xC4, 8, 8) >> 8, 0);

    struct image img;
    blank_image(&img, 720, 400);
    draw_cell(&img, 9, 0, 0, 0xC4, FG, BG);
    draw_cell(&img, 9, 1, 0, 0xB3, FG, BG);
    struct screen_layout layout = layout_of(&img);
    ck_assert_int_eq(screen_read_cell(&img, &font, &layout, 0, 0), 0xC4);
    ck_assert_int_eq(screen_read_cell(&img, &font, &layout, 1, 0), 0xB3);
    /* The 9th dot the other way round: neither is a glyph. */
    img.pixels[(size_t)8 * 720 + 8] = BG;
    img.pixels[(size_t)8 * 720 + 17] = FG;
    ck_assert_int_eq(screen_read_cell(&img, &font, &layout, 0, 0), SCREEN_CELL_UNMATCHED);
    ck_assert_int_eq(screen_read_cell(&img, &font, &layout, 1, 0), SCREEN_CELL_UNMATCHED);
    image_free(&img);
}
END_TEST

START_TEST(ascii_wins_a_tie)
{
    make_font();
    /* 08h drawn as the inverse of 'A' (as CP437's 08h is of 07h): a cell
     * showing either reads 'A', although 08h comes first in code order. */
    for (unsigned r = 0; r < 16; r++)
        font_bytes[0x08 * 16 + r] = (uint8_t)~font_bytes['A' * 16 + r];
    char err[200];
    ck_assert(screen_font_from_bytes(&font, font_bytes, sizeof font_bytes, err, sizeof err));
    struct image img;
    blank_image(&img, 640, 400);
    draw_cell(&img, 8, 0, 0, 0x08, FG, BG);
    struct screen_layout layout = layout_of(&img);
    ck_assert_int_eq(screen_read_cell(&img, &font, &layout, 0, 0), 'A');
    image_free(&img);
}
END_TEST

START_TEST(layout_rules)
{
    make_font();
    char err[200];
    struct screen_layout layout;
    struct image img;
    /* fbcon at 800x600: 100x37 cells, 8 blank lines left over. */
    blank_image(&img, 800, 600);
    layout = layout_of(&img);
    ck_assert_uint_eq(layout.cols, 100);
    ck_assert_uint_eq(layout.rows, 37);
    img.pixels[(size_t)595 * 800 + 10] = FG;
    ck_assert(!screen_layout_for(&layout, &img, &font, 0, 0, err, sizeof err));
    ck_assert_msg(strstr(err, "not blank") != NULL, "%s", err);
    /* --cell: a width other than 8 or 9, a width the picture does not
     * divide, a taller cell (rows below the font are background). */
    ck_assert(!screen_layout_for(&layout, &img, &font, 10, 16, err, sizeof err));
    ck_assert(!screen_layout_for(&layout, &img, &font, 9, 16, err, sizeof err));
    ck_assert_msg(strstr(err, "not a multiple of the cell width 9") != NULL, "%s", err);
    image_free(&img);
    blank_image(&img, 640, 480);
    ck_assert(screen_layout_for(&layout, &img, &font, 8, 20, err, sizeof err));
    ck_assert_uint_eq(layout.rows, 24);
    draw_glyph_at(&img, 8, 5 * 8, 3 * 20, 'x', FG, BG);
    ck_assert_int_eq(screen_read_cell(&img, &font, &layout, 5, 3), 'x');
    img.pixels[(size_t)(3 * 20 + 18) * 640 + 5 * 8] = FG;      /* below the font */
    ck_assert_int_eq(screen_read_cell(&img, &font, &layout, 5, 3), SCREEN_CELL_UNMATCHED);
    image_free(&img);
    blank_image(&img, 640, 10);
    ck_assert(!screen_layout_for(&layout, &img, &font, 0, 0, err, sizeof err));
    image_free(&img);
}
END_TEST

START_TEST(font_sizes)
{
    char err[200];
    static struct screen_font f;
    static uint8_t bytes[256 * 33];
    ck_assert(screen_font_from_bytes(&f, bytes, 256 * 8, err, sizeof err));
    ck_assert_uint_eq(f.height, 8);
    ck_assert(screen_font_from_bytes(&f, bytes, 256 * 32, err, sizeof err));
    ck_assert(!screen_font_from_bytes(&f, bytes, 256 * 33, err, sizeof err));
    ck_assert(!screen_font_from_bytes(&f, bytes, 4095, err, sizeof err));
    ck_assert(!screen_font_from_bytes(&f, bytes, 0, err, sizeof err));
    ck_assert(!screen_font_load(&f, "/nonexistent/font.bin", err, sizeof err));
    ck_assert_msg(strstr(err, "/nonexistent/font.bin") != NULL, "%s", err);
}
END_TEST

START_TEST(printed_text)
{
    char buf[8];
    ck_assert_uint_eq(screen_code_utf8('A', buf), 1);
    ck_assert_int_eq(buf[0], 'A');
    ck_assert_uint_eq(screen_code_utf8(0xC4, buf), 3);             /* U+2500 */
    ck_assert(memcmp(buf, "\xE2\x94\x80", 3) == 0);
    ck_assert_uint_eq(screen_code_utf8(0x82, buf), 2);             /* U+00E9 */
    ck_assert(memcmp(buf, "\xC3\xA9", 2) == 0);
    ck_assert_uint_eq(screen_code_utf8(0x01, buf), 3);             /* U+263A */
    ck_assert(memcmp(buf, "\xE2\x98\xBA", 3) == 0);
    ck_assert_uint_eq(screen_code_utf8(SCREEN_CELL_UNMATCHED, buf), 3);  /* U+FFFD */
    ck_assert(memcmp(buf, "\xEF\xBF\xBD", 3) == 0);

    struct screen_layout layout = { .cell_w = 8, .cell_h = 16, .cols = 4, .rows = 3 };
    const int codes[12] = { '/', ' ', '#', ' ', ' ', ' ', ' ', ' ',
                            SCREEN_CELL_UNMATCHED, 'a', ' ', ' ' };
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    screen_print(f, &layout, codes);
    rewind(f);
    char text[64] = { 0 };
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    ck_assert_uint_eq(n, strlen("/ #\n\n\xEF\xBF\xBD" "a\n"));
    ck_assert_str_eq(text, "/ #\n\n\xEF\xBF\xBD" "a\n");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("screen_text");
    TCase *tc = tcase_create("reader");
    tcase_add_test(tc, font_is_usable);
    tcase_add_test(tc, reads_text_back_9_dot);
    tcase_add_test(tc, one_pixel_makes_a_cell_unmatched);
    tcase_add_test(tc, both_polarities);
    tcase_add_test(tc, ninth_dot_rule);
    tcase_add_test(tc, ascii_wins_a_tie);
    tcase_add_test(tc, layout_rules);
    tcase_add_test(tc, font_sizes);
    tcase_add_test(tc, printed_text);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
