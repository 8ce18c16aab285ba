/*
 * ppm2png.c - converts a picture to PNG (the input is P6 PPM, as QEMU's
 * screendump writes, or PNG):
 *   ppm2png IN OUT.png
 * The output is RGB, filters chosen per row, no ancillary chunks, so the
 * same picture always gives the same file.  Exit 0 or 1 with a message.
 */
#include "image.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: ppm2png IN.ppm OUT.png\n");
        return 1;
    }
    struct image img;
    char err[256];
    if (!image_load(argv[1], &img, err, sizeof err) || !png_save(argv[2], &img, err, sizeof err)) {
        fprintf(stderr, "ppm2png: %s\n", err);
        image_free(&img);
        return 1;
    }
    image_free(&img);
    return 0;
}
