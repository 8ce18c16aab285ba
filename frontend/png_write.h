/*
 * png_write.h - encoding an 8-bit RGB or RGBA image as a PNG file in
 * memory: softpc's screenshots, and the pictures the VGA tests write.
 *
 * Follows the PNG specification (ISO/IEC 15948, W3C PNG 2nd edition):
 * the signature, IHDR (bit depth 8, colour type 2 = truecolour or 6 =
 * truecolour with alpha, deflate, adaptive filtering, no interlace), one
 * IDAT holding the whole zlib stream, IEND.  By default each row gets the
 * filter (None, Sub, Up, Average, Paeth) with the smallest sum of absolute
 * values, the heuristic section 12.8 suggests; a caller may instead ask
 * for one filter type on every row (the decoder tests need files using
 * each).  CRCs are zlib's crc32, the CRC-32 PNG specifies (section 5.5).
 * No ancillary chunks (gamma, text, time), so the same picture and
 * options always give the same bytes.
 *
 * Not here: palettes, greyscale, 16-bit samples, interlacing.
 */
#ifndef SOFTPC_FRONTEND_PNG_WRITE_H
#define SOFTPC_FRONTEND_PNG_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* PNG limits width and height to 2^31 - 1; we keep the image under 1 GiB. */
#define PNG_WRITE_MAX_BYTES (1u << 30)

/* Filter types (spec 9.2), and the per-row choice. */
enum png_write_filter {
    PNG_WRITE_FILTER_NONE,
    PNG_WRITE_FILTER_SUB,
    PNG_WRITE_FILTER_UP,
    PNG_WRITE_FILTER_AVERAGE,
    PNG_WRITE_FILTER_PAETH,
    PNG_WRITE_FILTER_ADAPTIVE, /* per row, the smallest sum (spec 12.8) */
};

/* zlib's own default level (Z_DEFAULT_COMPRESSION). */
#define PNG_WRITE_LEVEL_DEFAULT (-1)

struct png_write_options {
    bool alpha;                    /* 4 bytes a pixel (R, G, B, A), else 3 */
    enum png_write_filter filter;
    int level;                     /* zlib level 0-9 or PNG_WRITE_LEVEL_DEFAULT */
};

/* Encodes `height` rows of `width` pixels, 3 bytes each (R, G, B) or with
 * opt->alpha 4 (R, G, B, A), rows `stride` bytes apart.  On success *out
 * (free() it) holds *out_len bytes of PNG; false if the size is 0 or too
 * large, an option is out of range, or memory runs out. */
bool png_encode_pixels(const uint8_t *pixels, unsigned width, unsigned height, size_t stride,
                       const struct png_write_options *opt, uint8_t **out, size_t *out_len);

/* The screenshot's case: RGB, adaptive filters, zlib's default level. */
bool png_encode_rgb(const uint8_t *rgb, unsigned width, unsigned height, size_t stride,
                    uint8_t **out, size_t *out_len);

#endif
