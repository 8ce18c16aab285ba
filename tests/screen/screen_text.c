/*
 * screen_text.c - prints the text on a screenshot of a character screen.
 *
 *   screen_text --font FONT [--cell WxH] [--strict] SHOT.png
 *
 * FONT is a raw font (256 glyphs, 8 pixels wide, 256 * height bytes; the
 * build makes the VGA BIOSes' 8x16 fonts with tests/screen/fontdump.asm).
 * The screen goes to stdout, one line per character row, spaces at the end
 * of a row left out, one UTF-8 character per cell: ASCII as itself, other
 * codes as their code page 437 character, cells that match no glyph as
 * U+FFFD (screen_reader.h has the rules).  Cells default to 9 x the font's
 * height on a 720-pixel-wide picture (VGA 80-column text), else 8 x that.
 *
 * Exit status: 0 read; 1 with --strict when some cell matched no glyph
 * (the text is still printed; stderr names the first such cell); 2 bad
 * arguments or input (one line on stderr).
 *
 * Not here: colours; pictures other than PNG and binary PPM.
 */
#include "tests/screen/screen_reader.h"

#include <stdlib.h>
#include <string.h>

enum { EXIT_READ = 0, EXIT_UNMATCHED = 1, EXIT_BAD_INPUT = 2 };

static void usage(FILE *out)
{
    fputs("usage: screen_text --font FONT [--cell WxH] [--strict] SHOT.png\n", out);
}

/* "WxH" with W and H decimal numbers; false when it is not that. */
static bool parse_cell(const char *s, unsigned *w, unsigned *h)
{
    char *end;
    unsigned long a = strtoul(s, &end, 10);
    if (end == s || (*end != 'x' && *end != 'X'))
        return false;
    const char *second = end + 1;
    unsigned long b = strtoul(second, &end, 10);
    if (end == second || *end != '\0' || a == 0 || b == 0 || a > 64 || b > 64)
        return false;
    *w = (unsigned)a;
    *h = (unsigned)b;
    return true;
}

int main(int argc, char **argv)
{
    const char *font_path = NULL, *shot_path = NULL;
    unsigned cell_w = 0, cell_h = 0;
    bool strict = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--font") == 0 && i + 1 < argc) {
            font_path = argv[++i];
        } else if (strcmp(a, "--cell") == 0 && i + 1 < argc) {
            if (!parse_cell(argv[++i], &cell_w, &cell_h)) {
                fprintf(stderr, "screen_text: --cell %s: expected WxH, e.g. 9x16\n", argv[i]);
                return EXIT_BAD_INPUT;
            }
        } else if (strcmp(a, "--strict") == 0) {
            strict = true;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return EXIT_READ;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "screen_text: %s: unknown option or missing value\n", a);
            return EXIT_BAD_INPUT;
        } else if (shot_path == NULL) {
            shot_path = a;
        } else {
            fprintf(stderr, "screen_text: %s: only one screenshot, please\n", a);
            return EXIT_BAD_INPUT;
        }
    }
    if (font_path == NULL || shot_path == NULL) {
        usage(stderr);
        return EXIT_BAD_INPUT;
    }

    char err[512];
    static struct screen_font font;
    if (!screen_font_load(&font, font_path, err, sizeof err)) {
        fprintf(stderr, "screen_text: %s\n", err);
        return EXIT_BAD_INPUT;
    }
    struct image shot;
    if (!image_load(shot_path, &shot, err, sizeof err)) {
        fprintf(stderr, "screen_text: %s\n", err);     /* err names the file */
        return EXIT_BAD_INPUT;
    }
    struct screen_layout layout;
    if (!screen_layout_for(&layout, &shot, &font, cell_w, cell_h, err, sizeof err)) {
        fprintf(stderr, "screen_text: %s: %s\n", shot_path, err);
        image_free(&shot);
        return EXIT_BAD_INPUT;
    }
    int *codes = malloc(sizeof *codes * layout.cols * layout.rows);
    if (codes == NULL) {
        fprintf(stderr, "screen_text: out of memory\n");
        image_free(&shot);
        return EXIT_BAD_INPUT;
    }
    unsigned col = 0, row = 0;
    unsigned unmatched = screen_read(&shot, &font, &layout, codes, &col, &row);
    screen_print(stdout, &layout, codes);
    free(codes);
    image_free(&shot);
    if (strict && unmatched > 0) {
        fprintf(stderr,
                "screen_text: %s: cell at column %u, row %u (pixel %u,%u; %ux%u cells) matches "
                "no glyph of %s (%u unmatched cells)\n",
                shot_path, col, row, col * layout.cell_w, row * layout.cell_h, layout.cell_w,
                layout.cell_h, font_path, unmatched);
        return EXIT_UNMATCHED;
    }
    return EXIT_READ;
}
