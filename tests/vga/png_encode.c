/*
 * png_encode.c - writes a PNG (spec sections 5, 9, 10, 11.2.2): 8-bit RGB,
 * or RGBA when some pixel is not opaque; IHDR, one IDAT, IEND.  The filter
 * is fixed per call or chosen per row (the sum-of-absolute-differences
 * heuristic of spec section 12.8), so tests can make files using each
 * filter type.  No ancillary chunks (no gamma, no time stamp: the same
 * picture always gives the same bytes).
 */
#include "image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static int paeth(int a, int b, int c)
{
    int p = a + b - c;
    int pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    if (pa <= pb && pa <= pc)
        return a;
    return pb <= pc ? b : c;
}

static void filter_row(int type, uint8_t *out, const uint8_t *row, const uint8_t *prev,
                       size_t len, unsigned bpp)
{
    for (size_t i = 0; i < len; i++) {
        int a = i >= bpp ? row[i - bpp] : 0;
        int b = prev ? prev[i] : 0;
        int c = prev && i >= bpp ? prev[i - bpp] : 0;
        int pred = 0;
        switch (type) {
        case 1: pred = a; break;
        case 2: pred = b; break;
        case 3: pred = (a + b) / 2; break;
        case 4: pred = paeth(a, b, c); break;
        default: break;
        }
        out[i] = (uint8_t)(row[i] - pred);
    }
}

static unsigned long filtered_cost(const uint8_t *f, size_t len)
{
    unsigned long sum = 0;
    for (size_t i = 0; i < len; i++)
        sum += f[i] < 128 ? f[i] : 256u - f[i];
    return sum;
}

/* Appends a chunk at *pos in buf (room checked by the caller). */
static void put_chunk(uint8_t *buf, size_t *pos, const char *type, const uint8_t *body, size_t len)
{
    uint8_t *c = buf + *pos;
    put_be32(c, (uint32_t)len);
    memcpy(c + 4, type, 4);
    if (len && body != c + 8)   /* IDAT's data is compressed in place */
        memcpy(c + 8, body, len);
    put_be32(c + 8 + len, (uint32_t)crc32(0L, c + 4, (uInt)len + 4u));
    *pos += 12 + len;
}

uint8_t *png_encode(const struct image *img, int filter, size_t *out_len)
{
    if (!img->pixels || img->width == 0 || img->height == 0 || filter < PNG_FILTER_ADAPTIVE ||
        filter > 4)
        return NULL;
    size_t count = (size_t)img->width * img->height;
    unsigned channels = 3;
    for (size_t i = 0; i < count; i++)
        if (img->pixels[i] >> 24 != 0xFF)
            channels = 4;
    size_t stride = (size_t)img->width * channels;
    size_t raw_len = (stride + 1) * img->height;
    uint8_t *raw = malloc(raw_len);
    uint8_t *rows = malloc(stride * 2);
    uint8_t *trial = malloc(stride);
    uint8_t *best = malloc(stride);
    if (!raw || !rows || !trial || !best)
        goto fail;

    uint8_t *cur = rows, *prev = NULL;
    for (unsigned y = 0; y < img->height; y++) {
        for (unsigned x = 0; x < img->width; x++) {
            uint32_t p = img->pixels[(size_t)y * img->width + x];
            uint8_t *d = cur + (size_t)x * channels;
            d[0] = (uint8_t)(p >> 16);
            d[1] = (uint8_t)(p >> 8);
            d[2] = (uint8_t)p;
            if (channels == 4)
                d[3] = (uint8_t)(p >> 24);
        }
        int type = filter;
        if (filter == PNG_FILTER_ADAPTIVE) {
            unsigned long best_cost = 0;
            for (int t = 0; t <= 4; t++) {
                filter_row(t, trial, cur, prev, stride, channels);
                unsigned long cost = filtered_cost(trial, stride);
                if (t == 0 || cost < best_cost) {
                    best_cost = cost;
                    type = t;
                    memcpy(best, trial, stride);
                }
            }
        } else {
            filter_row(type, best, cur, prev, stride, channels);
        }
        uint8_t *out = raw + (size_t)y * (stride + 1);
        out[0] = (uint8_t)type;
        memcpy(out + 1, best, stride);
        prev = cur;
        cur = cur == rows ? rows + stride : rows;
    }

    uLongf zlen = compressBound((uLong)raw_len);
    uint8_t *file = malloc(8 + 25 + 12 + zlen + 12);
    if (!file)
        goto fail;
    if (compress2(file + 8 + 25 + 8, &zlen, raw, (uLong)raw_len, 9) != Z_OK) {
        free(file);
        goto fail;
    }
    static const uint8_t signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    memcpy(file, signature, 8);
    uint8_t ihdr[13];
    put_be32(ihdr, img->width);
    put_be32(ihdr + 4, img->height);
    ihdr[8] = 8;
    ihdr[9] = channels == 4 ? 6 : 2;
    ihdr[10] = ihdr[11] = ihdr[12] = 0;
    size_t pos = 8;
    put_chunk(file, &pos, "IHDR", ihdr, sizeof ihdr);
    /* The compressed data is already in place after the IDAT header. */
    put_chunk(file, &pos, "IDAT", file + pos + 8, zlen);
    put_chunk(file, &pos, "IEND", NULL, 0);
    free(raw);
    free(rows);
    free(trial);
    free(best);
    *out_len = pos;
    return file;

fail:
    free(raw);
    free(rows);
    free(trial);
    free(best);
    return NULL;
}

bool png_save(const char *path, const struct image *img, char *err, size_t errlen)
{
    size_t len = 0;
    uint8_t *png = png_encode(img, PNG_FILTER_ADAPTIVE, &len);
    if (!png) {
        snprintf(err, errlen, "%s: cannot encode the image (out of memory?)", path);
        return false;
    }
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(png, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = false;
    free(png);
    if (!ok)
        snprintf(err, errlen, "%s: cannot write", path);
    return ok;
}
