/*
 * png_write.c - the PNG encoder (see png_write.h for what it writes).
 *
 * The filtered image (one filter-type byte, then the row) is built in one
 * buffer and deflated with zlib's compress2, so the IDAT chunk is written
 * in one piece.  PNG_WRITE_LEVEL_DEFAULT is Z_DEFAULT_COMPRESSION, checked
 * below, so the header needs no zlib.h.  Multi-byte fields in PNG are big-endian (spec 7.1).
 */
#include "frontend/png_write.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

_Static_assert(PNG_WRITE_LEVEL_DEFAULT == Z_DEFAULT_COMPRESSION, "zlib's default level");

static const uint8_t png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

static void store_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Spec 9.4: the predictor of the Paeth filter. */
static uint8_t paeth_predictor(uint8_t a, uint8_t b, uint8_t c)
{
    int p = (int)a + (int)b - (int)c;
    int pa = abs(p - (int)a), pb = abs(p - (int)b), pc = abs(p - (int)c);
    if (pa <= pb && pa <= pc)
        return a;
    return pb <= pc ? b : c;
}

/* Filters `row` (n bytes, `bpp` a pixel; `prior` is the row above, or NULL
 * for the first row, which the spec treats as zeros) with filter `type`
 * into out. */
static void filter_row(unsigned type, const uint8_t *row, const uint8_t *prior, size_t n,
                       unsigned bpp, uint8_t *out)
{
    for (size_t k = 0; k < n; k++) {
        uint8_t a = k >= bpp ? row[k - bpp] : 0;
        uint8_t b = prior != NULL ? prior[k] : 0;
        uint8_t c = prior != NULL && k >= bpp ? prior[k - bpp] : 0;
        uint8_t pred;
        switch (type) {
        case PNG_WRITE_FILTER_SUB: pred = a; break;
        case PNG_WRITE_FILTER_UP: pred = b; break;
        case PNG_WRITE_FILTER_AVERAGE: pred = (uint8_t)(((unsigned)a + b) / 2u); break;
        case PNG_WRITE_FILTER_PAETH: pred = paeth_predictor(a, b, c); break;
        default: pred = 0; break;
        }
        out[k] = (uint8_t)(row[k] - pred);
    }
}

/* Spec 12.8: the sum of the filtered bytes taken as signed values. */
static uint64_t row_cost(const uint8_t *f, size_t n)
{
    uint64_t sum = 0;
    for (size_t k = 0; k < n; k++)
        sum += f[k] < 128 ? f[k] : 256u - f[k];
    return sum;
}

/* Writes one chunk (length, type, data, CRC over type and data) at p;
 * returns the byte after it.  `data` may already sit in place (p + 8). */
static uint8_t *put_chunk(uint8_t *p, const char type[4], const uint8_t *data, uint32_t len)
{
    store_be32(p, len);
    memcpy(p + 4, type, 4);
    if (len > 0 && data != p + 8)
        memcpy(p + 8, data, len);
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, p + 4, 4u + len);
    store_be32(p + 8 + len, (uint32_t)crc);
    return p + 12 + len;
}

/* Writes row y's filter-type byte and filtered bytes at dst: the given
 * filter, or the one with the smallest cost (the first of equals). */
static void encode_row(const struct png_write_options *opt, const uint8_t *row,
                       const uint8_t *prior, size_t row_bytes, unsigned bpp, uint8_t *trial,
                       uint8_t *dst)
{
    if (opt->filter != PNG_WRITE_FILTER_ADAPTIVE) {
        dst[0] = (uint8_t)opt->filter;
        filter_row(opt->filter, row, prior, row_bytes, bpp, dst + 1);
        return;
    }
    uint64_t best_cost = UINT64_MAX;
    for (unsigned type = 0; type < PNG_WRITE_FILTER_ADAPTIVE; type++) {
        filter_row(type, row, prior, row_bytes, bpp, trial);
        uint64_t cost = row_cost(trial, row_bytes);
        if (cost < best_cost) {
            best_cost = cost;
            dst[0] = (uint8_t)type;
            memcpy(dst + 1, trial, row_bytes);
        }
    }
}

bool png_encode_pixels(const uint8_t *pixels, unsigned width, unsigned height, size_t stride,
                       const struct png_write_options *opt, uint8_t **out, size_t *out_len)
{
    unsigned bpp = opt->alpha ? 4u : 3u;
    if (width == 0 || height == 0 || (uint64_t)width * bpp * height + height > PNG_WRITE_MAX_BYTES)
        return false;
    if ((unsigned)opt->filter > PNG_WRITE_FILTER_ADAPTIVE || opt->level < PNG_WRITE_LEVEL_DEFAULT ||
        opt->level > 9)
        return false;
    size_t row_bytes = (size_t)width * bpp;
    size_t raw_len = (row_bytes + 1) * height;
    uint8_t *raw = malloc(raw_len);
    uint8_t *trial = malloc(row_bytes);
    uLong packed_cap = compressBound((uLong)raw_len);
    uint8_t *png = malloc(sizeof png_signature + 25u + 12u + packed_cap + 12u);
    if (raw == NULL || trial == NULL || png == NULL) {
        free(raw);
        free(trial);
        free(png);
        return false;
    }
    for (unsigned y = 0; y < height; y++) {
        const uint8_t *row = pixels + (size_t)y * stride;
        const uint8_t *prior = y > 0 ? row - stride : NULL;
        encode_row(opt, row, prior, row_bytes, bpp, trial, raw + (size_t)y * (row_bytes + 1));
    }
    free(trial);

    uint8_t *p = png;
    memcpy(p, png_signature, sizeof png_signature);
    p += sizeof png_signature;
    uint8_t ihdr[13];
    store_be32(ihdr, width);
    store_be32(ihdr + 4, height);
    ihdr[8] = 8;                   /* bit depth */
    ihdr[9] = opt->alpha ? 6 : 2;  /* colour type: truecolour (with alpha) */
    ihdr[10] = 0;                  /* compression: deflate */
    ihdr[11] = 0;                  /* filter method: adaptive, five types */
    ihdr[12] = 0;                  /* no interlace */
    p = put_chunk(p, "IHDR", ihdr, sizeof ihdr);

    /* Deflate straight into the IDAT chunk's data field. */
    uLongf packed_len = packed_cap;
    int zr = compress2(p + 8, &packed_len, raw, (uLong)raw_len, opt->level);
    free(raw);
    if (zr != Z_OK) {
        free(png);
        return false;
    }
    p = put_chunk(p, "IDAT", p + 8, (uint32_t)packed_len);
    p = put_chunk(p, "IEND", NULL, 0);
    *out = png;
    *out_len = (size_t)(p - png);
    return true;
}

bool png_encode_rgb(const uint8_t *rgb, unsigned width, unsigned height, size_t stride,
                    uint8_t **out, size_t *out_len)
{
    const struct png_write_options opt = {
        .alpha = false, .filter = PNG_WRITE_FILTER_ADAPTIVE, .level = PNG_WRITE_LEVEL_DEFAULT,
    };
    return png_encode_pixels(rgb, width, height, stride, &opt, out, out_len);
}
