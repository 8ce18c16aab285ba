/*
 * screen_reader.c - reads the text on a picture of a character screen (the
 * rules are in screen_reader.h).  Each cell becomes one bit mask per pixel
 * row ("is this pixel the colour of the cell's top-left pixel"), which is
 * compared with each glyph's rows and with their complement.
 *
 * Not here: image files (tests/vga/image.c) and the code page table
 * (screen_cp437.c).
 */
#include "tests/screen/screen_reader.h"

#include <errno.h>
#include <string.h>

bool screen_font_from_bytes(struct screen_font *font, const uint8_t *data, size_t len,
                            char *err, size_t errlen)
{
    if (len == 0 || len % SCREEN_GLYPHS != 0 || len / SCREEN_GLYPHS > SCREEN_FONT_MAX_HEIGHT) {
        snprintf(err, errlen,
                 "%zu bytes is not a font of 256 glyphs, 1 to %u bytes each (256 * height bytes)",
                 len, SCREEN_FONT_MAX_HEIGHT);
        return false;
    }
    memset(font, 0, sizeof *font);
    font->height = (unsigned)(len / SCREEN_GLYPHS);
    for (unsigned c = 0; c < SCREEN_GLYPHS; c++)
        memcpy(font->rows[c], data + (size_t)c * font->height, font->height);
    return true;
}

bool screen_font_load(struct screen_font *font, const char *path, char *err, size_t errlen)
{
    /* One byte more than the largest font, so a longer file shows as
     * too long instead of being cut to size. */
    enum { MAX_FONT_BYTES = SCREEN_GLYPHS * SCREEN_FONT_MAX_HEIGHT };
    uint8_t data[MAX_FONT_BYTES + 1];
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return false;
    }
    size_t len = fread(data, 1, sizeof data, f);
    bool read_error = ferror(f) != 0;
    fclose(f);
    if (read_error) {
        snprintf(err, errlen, "%s: read error", path);
        return false;
    }
    char why[160];
    if (!screen_font_from_bytes(font, data, len, why, sizeof why)) {
        if (len > MAX_FONT_BYTES)
            snprintf(why, sizeof why, "more than %u bytes, not a font of 256 glyphs",
                     (unsigned)MAX_FONT_BYTES);
        snprintf(err, errlen, "%s: %s", path, why);
        return false;
    }
    return true;
}

/* True when the pixels from line y down are all one colour. */
static bool rows_are_one_colour(const struct image *img, unsigned y)
{
    if (y >= img->height)
        return true;
    const uint32_t *p = img->pixels + (size_t)y * img->width;
    size_t n = (size_t)(img->height - y) * img->width;
    for (size_t k = 1; k < n; k++)
        if (p[k] != p[0])
            return false;
    return true;
}

bool screen_layout_for(struct screen_layout *layout, const struct image *img,
                       const struct screen_font *font, unsigned cell_w, unsigned cell_h,
                       char *err, size_t errlen)
{
    if (cell_w == 0)
        cell_w = img->width == 720 ? 9 : 8;
    if (cell_h == 0)
        cell_h = font->height;
    if (cell_w != 8 && cell_w != 9) {
        snprintf(err, errlen, "cell width %u: the font is 8 pixels wide, cells are 8 or 9", cell_w);
        return false;
    }
    if (cell_h < 1 || cell_h > SCREEN_FONT_MAX_HEIGHT) {
        snprintf(err, errlen, "cell height %u: must be 1 to %u", cell_h, SCREEN_FONT_MAX_HEIGHT);
        return false;
    }
    if (img->width % cell_w != 0) {
        snprintf(err, errlen, "image width %u is not a multiple of the cell width %u",
                 img->width, cell_w);
        return false;
    }
    if (img->height < cell_h) {
        snprintf(err, errlen, "image height %u is less than one cell (%u)", img->height, cell_h);
        return false;
    }
    unsigned rows = img->height / cell_h;
    if (!rows_are_one_colour(img, rows * cell_h)) {
        snprintf(err, errlen,
                 "image height %u is not a multiple of the cell height %u and the %u lines "
                 "left at the bottom are not blank",
                 img->height, cell_h, img->height - rows * cell_h);
        return false;
    }
    *layout = (struct screen_layout){
        .cell_w = cell_w, .cell_h = cell_h, .cols = img->width / cell_w, .rows = rows,
    };
    return true;
}

uint16_t screen_glyph_row(const struct screen_font *font, unsigned code, unsigned row,
                          unsigned cell_w)
{
    if (code >= SCREEN_GLYPHS || row >= font->height)
        return 0;
    uint8_t bits = font->rows[code][row];
    uint16_t mask = 0;
    for (unsigned x = 0; x < 8; x++)
        if (bits & (0x80u >> x))
            mask |= (uint16_t)(1u << x);
    bool line_graphics = code >= 0xC0 && code <= 0xDF;
    if (cell_w == 9 && line_graphics && (bits & 1u))
        mask |= 1u << 8;
    return mask;
}

/* The order glyphs are tried in: printable ASCII first (see the header). */
static unsigned glyph_in_search_order(unsigned k)
{
    enum { ASCII_FIRST = 0x21, ASCII_COUNT = 0x7F - 0x21 };
    if (k < ASCII_COUNT)
        return ASCII_FIRST + k;
    k -= ASCII_COUNT;
    return k < ASCII_FIRST ? k : k + ASCII_COUNT;
}

static bool glyph_fits(const struct screen_font *font, unsigned code, const uint16_t *mask,
                       const struct screen_layout *layout, bool inverse)
{
    uint16_t all = (uint16_t)((1u << layout->cell_w) - 1);
    for (unsigned r = 0; r < layout->cell_h; r++) {
        uint16_t want = inverse ? (uint16_t)(~mask[r] & all) : mask[r];
        if (screen_glyph_row(font, code, r, layout->cell_w) != want)
            return false;
    }
    return true;
}

int screen_read_cell(const struct image *img, const struct screen_font *font,
                     const struct screen_layout *layout, unsigned col, unsigned row)
{
    if (col >= layout->cols || row >= layout->rows)
        return SCREEN_CELL_UNMATCHED;
    const uint32_t *top_left = img->pixels + (size_t)row * layout->cell_h * img->width
                               + (size_t)col * layout->cell_w;
    uint32_t first = top_left[0], other = first;
    bool two_colours = false;
    uint16_t mask[SCREEN_FONT_MAX_HEIGHT];
    for (unsigned r = 0; r < layout->cell_h; r++) {
        const uint32_t *line = top_left + (size_t)r * img->width;
        mask[r] = 0;
        for (unsigned x = 0; x < layout->cell_w; x++) {
            if (line[x] == first) {
                mask[r] |= (uint16_t)(1u << x);
            } else if (!two_colours) {
                two_colours = true;
                other = line[x];
            } else if (line[x] != other) {
                return SCREEN_CELL_UNMATCHED;
            }
        }
    }
    if (!two_colours)
        return 0x20;
    for (unsigned k = 0; k < SCREEN_GLYPHS; k++) {
        unsigned code = glyph_in_search_order(k);
        if (glyph_fits(font, code, mask, layout, false) || glyph_fits(font, code, mask, layout, true))
            return (int)code;
    }
    return SCREEN_CELL_UNMATCHED;
}

unsigned screen_read(const struct image *img, const struct screen_font *font,
                     const struct screen_layout *layout, int *codes,
                     unsigned *first_col, unsigned *first_row)
{
    unsigned unmatched = 0;
    for (unsigned row = 0; row < layout->rows; row++) {
        for (unsigned col = 0; col < layout->cols; col++) {
            int code = screen_read_cell(img, font, layout, col, row);
            codes[(size_t)row * layout->cols + col] = code;
            if (code != SCREEN_CELL_UNMATCHED)
                continue;
            if (unmatched++ == 0) {
                if (first_col != NULL)
                    *first_col = col;
                if (first_row != NULL)
                    *first_row = row;
            }
        }
    }
    return unmatched;
}

void screen_print(FILE *out, const struct screen_layout *layout, const int *codes)
{
    for (unsigned row = 0; row < layout->rows; row++) {
        const int *line = codes + (size_t)row * layout->cols;
        unsigned len = layout->cols;
        while (len > 0 && line[len - 1] == 0x20)
            len--;
        for (unsigned col = 0; col < len; col++) {
            char utf8[4];
            fwrite(utf8, 1, screen_code_utf8(line[col], utf8), out);
        }
        fputc('\n', out);
    }
}
