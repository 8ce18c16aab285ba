/*
 * png_decode.c - reads the PNG subset of image.h: 8-bit truecolour with or
 * without alpha, no interlace (PNG spec sections 5 chunk layout, 11.2.2
 * IHDR, 9 filtering, 10 zlib compression).  Every chunk's CRC is checked;
 * ancillary chunks are skipped, unknown critical chunks (PLTE is the only
 * one a truecolour image may carry and it is ignorable there) refused.
 * png_decode_layout also reports how the file was built (chunk counts,
 * colour type, filter types used), for the encoder's tests.
 * Not read: palette, greyscale, 1/2/4/16-bit depths, Adam7 interlace.
 */
#include "image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static const uint8_t png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int paeth(int a, int b, int c)
{
    int p = a + b - c;
    int pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    if (pa <= pb && pa <= pc)
        return a;
    return pb <= pc ? b : c;
}

/* Undoes the filter of one row in place (spec section 9.2); prev is the
 * previous unfiltered row or NULL for the first. */
static bool unfilter_row(int type, uint8_t *row, const uint8_t *prev, size_t len, unsigned bpp)
{
    for (size_t i = 0; i < len; i++) {
        int a = i >= bpp ? row[i - bpp] : 0;
        int b = prev ? prev[i] : 0;
        int c = prev && i >= bpp ? prev[i - bpp] : 0;
        int add;
        switch (type) {
        case 0: add = 0; break;
        case 1: add = a; break;
        case 2: add = b; break;
        case 3: add = (a + b) / 2; break;
        case 4: add = paeth(a, b, c); break;
        default: return false;
        }
        row[i] = (uint8_t)(row[i] + add);
    }
    return true;
}

bool png_decode(const uint8_t *data, size_t len, struct image *img, char *err, size_t errlen)
{
    struct png_layout layout;
    return png_decode_layout(data, len, img, &layout, err, errlen);
}

bool png_decode_layout(const uint8_t *data, size_t len, struct image *img,
                       struct png_layout *layout, char *err, size_t errlen)
{
    memset(img, 0, sizeof *img);
    memset(layout, 0, sizeof *layout);
    if (len < 8 || memcmp(data, png_signature, 8) != 0) {
        snprintf(err, errlen, "not a PNG file (signature)");
        return false;
    }
    uint32_t width = 0, height = 0;
    unsigned channels = 0;
    uint8_t *zdata = NULL;
    size_t zlen = 0;
    bool seen_ihdr = false, seen_iend = false;
    size_t pos = 8;
    while (!seen_iend) {
        if (len - pos < 12) {
            snprintf(err, errlen, "truncated PNG (chunk header at byte %zu)", pos);
            goto fail;
        }
        uint32_t clen = be32(data + pos);
        const uint8_t *type = data + pos + 4;
        if (clen > 0x7FFFFFFFu || len - pos - 12 < clen) {
            snprintf(err, errlen, "truncated PNG (chunk %.4s at byte %zu)", (const char *)type, pos);
            goto fail;
        }
        const uint8_t *body = type + 4;
        uint32_t crc = (uint32_t)crc32(0L, type, (uInt)clen + 4u);
        if (crc != be32(body + clen)) {
            snprintf(err, errlen, "bad CRC in chunk %.4s at byte %zu", (const char *)type, pos);
            goto fail;
        }
        pos += 12 + (size_t)clen;
        layout->chunks++;
        if (!seen_ihdr && memcmp(type, "IHDR", 4) != 0) {
            snprintf(err, errlen, "PNG does not start with IHDR");
            goto fail;
        }
        if (memcmp(type, "IHDR", 4) == 0) {
            if (seen_ihdr || clen != 13) {
                snprintf(err, errlen, "bad IHDR");
                goto fail;
            }
            seen_ihdr = true;
            width = be32(body);
            height = be32(body + 4);
            uint8_t depth = body[8], ctype = body[9];
            if (depth != 8 || (ctype != 2 && ctype != 6)) {
                snprintf(err, errlen, "unsupported PNG: bit depth %u colour type %u (want 8-bit RGB or RGBA)",
                         depth, ctype);
                goto fail;
            }
            if (body[10] != 0 || body[11] != 0) {
                snprintf(err, errlen, "unknown PNG compression or filter method");
                goto fail;
            }
            if (body[12] != 0) {
                snprintf(err, errlen, "interlaced PNG not supported");
                goto fail;
            }
            if (width == 0 || height == 0 || width > IMAGE_MAX_SIDE || height > IMAGE_MAX_SIDE) {
                snprintf(err, errlen, "PNG size %ux%u out of range", (unsigned)width, (unsigned)height);
                goto fail;
            }
            channels = ctype == 6 ? 4 : 3;
            layout->colour_type = ctype;
        } else if (memcmp(type, "IDAT", 4) == 0) {
            uint8_t *grown = realloc(zdata, zlen + clen + 1);
            if (!grown) {
                snprintf(err, errlen, "out of memory");
                goto fail;
            }
            zdata = grown;
            memcpy(zdata + zlen, body, clen);
            zlen += clen;
            layout->idat_chunks++;
        } else if (memcmp(type, "IEND", 4) == 0) {
            if (clen != 0) {
                snprintf(err, errlen, "IEND chunk with %u data bytes (must be empty)",
                         (unsigned)clen);
                goto fail;
            }
            seen_iend = true;
            layout->bytes_after_iend = len - pos;
        } else if (!(type[0] & 0x20) && memcmp(type, "PLTE", 4) != 0) {
            snprintf(err, errlen, "unknown critical chunk %.4s", (const char *)type);
            goto fail;
        }
    }
    if (!zdata) {
        snprintf(err, errlen, "PNG without image data (IDAT)");
        goto fail;
    }

    size_t stride = (size_t)width * channels;
    size_t raw_len = (stride + 1) * height;
    uint8_t *raw = malloc(raw_len + 1);
    if (!raw) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit(&zs) != Z_OK) {
        free(raw);
        snprintf(err, errlen, "zlib inflateInit failed");
        goto fail;
    }
    zs.next_in = zdata;
    zs.avail_in = (uInt)zlen;
    zs.next_out = raw;
    zs.avail_out = (uInt)raw_len + 1;   /* one spare byte to notice extra data */
    int zr = inflate(&zs, Z_FINISH);
    size_t got = raw_len + 1 - zs.avail_out;
    inflateEnd(&zs);
    if (zr != Z_STREAM_END || got != raw_len) {
        free(raw);
        snprintf(err, errlen, "image data inflates to %zu bytes, expected %zu%s", got, raw_len,
                 zr == Z_DATA_ERROR ? " (corrupt zlib stream)" : "");
        goto fail;
    }
    free(zdata);
    zdata = NULL;

    if (!image_alloc(img, width, height)) {
        free(raw);
        snprintf(err, errlen, "out of memory");
        return false;
    }
    const uint8_t *prev = NULL;
    for (uint32_t y = 0; y < height; y++) {
        uint8_t *row = raw + y * (stride + 1);
        if (row[0] < 32)
            layout->filters_used |= 1u << row[0];
        if (!unfilter_row(row[0], row + 1, prev, stride, channels)) {
            snprintf(err, errlen, "bad filter type %u on row %u", row[0], (unsigned)y);
            free(raw);
            image_free(img);
            return false;
        }
        prev = row + 1;
        for (uint32_t x = 0; x < width; x++) {
            const uint8_t *p = row + 1 + (size_t)x * channels;
            uint32_t alpha = channels == 4 ? p[3] : 0xFF;
            img->pixels[(size_t)y * width + x] =
                alpha << 24 | (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
        }
    }
    free(raw);
    return true;

fail:
    free(zdata);
    return false;
}
