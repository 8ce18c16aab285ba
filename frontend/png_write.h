/*
 * png_write.h - encoding an 8-bit RGB image as a PNG file in memory.
 *
 * Follows the PNG specification (ISO/IEC 15948, W3C PNG 2nd edition):
 * the signature, IHDR (bit depth 8, colour type 2 = truecolour, deflate,
 * adaptive filtering, no interlace), one IDAT holding the whole zlib
 * stream, IEND.  Each row gets the filter (None, Sub, Up, Average, Paeth)
 * with the smallest sum of absolute values, the heuristic section 12.8
 * suggests.  CRCs are zlib's crc32, the CRC-32 PNG specifies (section 5.5).
 *
 * Not here: palettes, alpha, 16-bit samples, interlacing, ancillary chunks
 * (gamma, text, time) - a screenshot needs none of them.
 */
#ifndef SOFTPC_FRONTEND_PNG_WRITE_H
#define SOFTPC_FRONTEND_PNG_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* PNG limits width and height to 2^31 - 1; we keep the image under 1 GiB. */
#define PNG_WRITE_MAX_BYTES (1u << 30)

/* Encodes `height` rows of `width` pixels, 3 bytes each (R, G, B), rows
 * `stride` bytes apart.  On success *out (free() it) holds *out_len bytes
 * of PNG; false if the size is 0 or too large, or memory runs out. */
bool png_encode_rgb(const uint8_t *rgb, unsigned width, unsigned height, size_t stride,
                    uint8_t **out, size_t *out_len);

#endif
