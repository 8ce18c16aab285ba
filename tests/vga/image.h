/*
 * image.h - the pictures the VGA tests compare: an RGBA image in memory and
 * the few file formats the tests need.  PNG (W3C PNG specification,
 * second edition) as far as screenshots use it: 8-bit truecolour (colour
 * type 2) or truecolour with alpha (type 6), not interlaced, all five
 * filter types; no palette, greyscale or 16-bit images, ancillary chunks
 * are skipped.  Binary PPM (P6, maxval 255), what QEMU's screendump
 * writes.
 *
 * Pixels are 0xAARRGGBB; an image without alpha reads as opaque (AA = FF),
 * so an RGB and an RGBA file showing the same opaque picture compare
 * equal.
 */
#ifndef SOFTPC_TESTS_VGA_IMAGE_H
#define SOFTPC_TESTS_VGA_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IMAGE_MAX_SIDE 16384u

struct image {
    unsigned width, height;
    uint32_t *pixels;   /* width * height, rows top to bottom */
};

/* A width x height image, all pixels 0; false (and no allocation) when a
 * side is 0 or above IMAGE_MAX_SIDE or memory runs out. */
bool image_alloc(struct image *img, unsigned width, unsigned height);
void image_free(struct image *img);

/* Decoders: true and *img filled, or false with a one-line reason in err
 * (and nothing allocated). */
bool png_decode(const uint8_t *data, size_t len, struct image *img, char *err, size_t errlen);
bool ppm_decode(const uint8_t *data, size_t len, struct image *img, char *err, size_t errlen);
/* What png_decode_layout saw besides the pixels, so a test of a PNG
 * encoder can check how the file is built. */
struct png_layout {
    unsigned colour_type;     /* IHDR's: 2 truecolour, 6 with alpha */
    unsigned chunks;          /* all of them, IHDR and IEND included */
    unsigned idat_chunks;
    size_t bytes_after_iend;  /* ignored by the decoder, but counted */
    unsigned filters_used;    /* bit t: some row uses filter type t */
};
/* png_decode, also filling *layout. */
bool png_decode_layout(const uint8_t *data, size_t len, struct image *img,
                       struct png_layout *layout, char *err, size_t errlen);
/* Reads a whole file and decodes it by its signature (PNG or P6). */
bool image_load(const char *path, struct image *img, char *err, size_t errlen);

/* PNG encoder (softpc's own, frontend/png_write.c, at zlib level 9): RGB
 * when every pixel is opaque, else RGBA.  filter 0-4
 * uses that filter type on every row, PNG_FILTER_ADAPTIVE picks per row
 * the filter with the smallest sum of absolute differences.  Returns a
 * malloc'd buffer (*len bytes) or NULL. */
#define PNG_FILTER_ADAPTIVE (-1)
uint8_t *png_encode(const struct image *img, int filter, size_t *len);
bool png_save(const char *path, const struct image *img, char *err, size_t errlen);

/* Comparison: the number of pixels that differ (images of the same size). */
struct image_diff_point {
    unsigned x, y;
    uint32_t expected, got;
};
unsigned long image_compare(const struct image *expected, const struct image *got,
                            struct image_diff_point *first, unsigned first_max);
/* A picture of the differences: pixels that differ in red, the others as
 * the expected image dimmed to a third. */
bool image_diff_picture(const struct image *expected, const struct image *got,
                        struct image *out);

#endif
