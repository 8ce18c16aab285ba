/*
 * screen_reader.h - reads the text on a picture of a character screen
 * (a softpc screenshot of VGA text mode or of a framebuffer console),
 * given the font that drew it.
 *
 * The picture is cut into cells of cell_w x cell_h pixels, left to right
 * and top to bottom.  A cell of one colour is a space.  A cell of two
 * colours is compared with every glyph of the font, either colour taken
 * as the foreground; the first glyph that reproduces the cell exactly is
 * the answer.  Printable ASCII (21h-7Eh) is tried before the other codes,
 * so where a font draws two codes alike (or one glyph is another's
 * inverse, like 08h and 07h) the text reads as ASCII.  Anything else -
 * three or more colours, a cursor over a character, a picture, a glyph of
 * another font - is unmatched.
 *
 * Font: 256 glyphs of `height` bytes, glyph c at c * height, row 0 first,
 * bit 7 the leftmost of 8 pixels (what INT 10h AX=1130h returns and what
 * tests/screen/fontdump.asm writes).  A 9-pixel cell shows the glyph in
 * pixels 0-7; pixel 8 is background, except for the line-drawing codes
 * C0h-DFh where it repeats pixel 7 (the VGA's line graphics, AR10 bit 2,
 * which every VGA BIOS sets in its text modes).  Cell rows below the
 * font's height are background; a cell lower than the font shows its top
 * rows.
 *
 * Not here: colours (a cell reads the same in any two colours), blinking,
 * underline, fonts wider than 8 pixels.
 */
#ifndef SOFTPC_TESTS_SCREEN_READER_H
#define SOFTPC_TESTS_SCREEN_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tests/vga/image.h"

#define SCREEN_FONT_MAX_HEIGHT 32u
#define SCREEN_GLYPHS 256u

struct screen_font {
    unsigned height;                                  /* 1 to 32 */
    uint8_t rows[SCREEN_GLYPHS][SCREEN_FONT_MAX_HEIGHT];
};

/* A raw font of len bytes: len must be 256 * height, height 1 to 32.
 * False with a one-line reason in err otherwise. */
bool screen_font_from_bytes(struct screen_font *font, const uint8_t *data, size_t len,
                            char *err, size_t errlen);
/* The same from a file; the reason names the file. */
bool screen_font_load(struct screen_font *font, const char *path, char *err, size_t errlen);

/* How the picture is cut into cells. */
struct screen_layout {
    unsigned cell_w, cell_h;    /* pixels; cell_w is 8 or 9 */
    unsigned cols, rows;
};

/* The layout of img: cell_w 0 means the default - 9 when the picture is
 * 720 pixels wide (80 columns of 9 dots, how softpc shows VGA text modes
 * 0-3 and 7), else 8; cell_h 0 means the font's height.  The width must be
 * a multiple of the cell width.  The height need not be a multiple of the
 * cell height, as long as the strip left at the bottom is one colour
 * (fbcon at 800x600 with a 16-line font has 37 rows and 8 unused lines).
 * False with a one-line reason in err otherwise. */
bool screen_layout_for(struct screen_layout *layout, const struct image *img,
                       const struct screen_font *font, unsigned cell_w, unsigned cell_h,
                       char *err, size_t errlen);

/* What a cell reads as: the code 0-255 of its glyph (20h for a one-colour
 * cell), or SCREEN_CELL_UNMATCHED. */
#define SCREEN_CELL_UNMATCHED (-1)
int screen_read_cell(const struct image *img, const struct screen_font *font,
                     const struct screen_layout *layout, unsigned col, unsigned row);

/* The row of pixels a glyph shows in a cell: bit x is pixel x (0 = left),
 * set for foreground.  Follows the 9-dot rule above. */
uint16_t screen_glyph_row(const struct screen_font *font, unsigned code, unsigned row,
                          unsigned cell_w);

/* A whole screen read into codes[rows * cols], row by row.  Returns the
 * number of unmatched cells; *first_col, *first_row get the first one in
 * reading order (when there is one and the pointers are not NULL).
 * codes must hold layout->cols * layout->rows ints. */
unsigned screen_read(const struct image *img, const struct screen_font *font,
                     const struct screen_layout *layout, int *codes,
                     unsigned *first_col, unsigned *first_row);

/* Writes a code as the text a terminal should show for it, UTF-8: 20h-7Eh
 * as themselves, the other codes as the character code page 437 draws
 * there (01h as U+263A, C4h as U+2500; 00h and FFh, blank glyphs, as a
 * space and U+00A0), unmatched cells as U+FFFD, so every cell is one
 * character and columns line up.  Returns the number of bytes (1 to 3)
 * written to out (at least 4 bytes). */
size_t screen_code_utf8(int code, char *out);

/* Prints codes as lines of text, one per row, spaces at the end of a row
 * left out. */
void screen_print(FILE *out, const struct screen_layout *layout, const int *codes);

#endif
