/*
 * pixel_check.c - the softpc half of the VGA BIOS picture tests: reads a
 * screenshot (PNG or P6 PPM, tests/vga/image.h) and the `PIXEL x y RRGGBB`
 * lines a test printed on its debug console, and compares each pixel:
 *   pixel_check SCREENSHOT < DEBUG_CONSOLE_TEXT
 * What run_qemu.sh does with od on QEMU's screendump.  Lines that are not
 * PIXEL lines are skipped; a PIXEL line may follow other text on its line
 * (the test prints without newlines before it).  Exit status 0 when at
 * least one pixel was compared and all matched, 1 when one differed, is
 * outside the picture or no PIXEL line came, 2 when the picture cannot be
 * read.  Alpha is ignored (screenshots are opaque).
 */
#include "image.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: pixel_check SCREENSHOT < DEBUG_CONSOLE_TEXT\n");
        return 2;
    }
    struct image img;
    char err[256];
    if (!image_load(argv[1], &img, err, sizeof err)) {
        fprintf(stderr, "pixel_check: %s\n", err);
        return 2;
    }
    printf("screenshot: %u x %u\n", img.width, img.height);

    char line[512];
    unsigned checked = 0, wrong = 0;
    while (fgets(line, sizeof line, stdin) != NULL) {
        const char *p = strstr(line, "PIXEL ");
        unsigned x, y, want;
        if (p == NULL || sscanf(p, "PIXEL %u %u %6x", &x, &y, &want) != 3)
            continue;
        checked++;
        if (x >= img.width || y >= img.height) {
            fprintf(stderr, "pixel_check: pixel (%u,%u) is outside the %u x %u picture\n",
                    x, y, img.width, img.height);
            wrong++;
            continue;
        }
        unsigned got = (unsigned)(img.pixels[(size_t)y * img.width + x] & 0xFFFFFFu);
        if (got != want) {
            fprintf(stderr, "pixel_check: pixel (%u,%u) is %06X, expected %06X\n", x, y,
                    got, want);
            wrong++;
        }
    }
    image_free(&img);
    printf("screenshot: %u pixels compared, %u differ\n", checked, wrong);
    if (checked == 0) {
        fprintf(stderr, "pixel_check: the test printed no PIXEL line\n");
        return 1;
    }
    return wrong == 0 ? 0 : 1;
}
