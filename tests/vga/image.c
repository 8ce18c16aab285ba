/*
 * image.c - image memory, loading by file signature, binary PPM (P6 with
 * maxval 255, netpbm's format: "P6", width, height, maxval as decimal
 * text separated by whitespace, '#' comments, one whitespace byte, then
 * RGB triples), and pixel-by-pixel comparison.  Not read: ASCII PPM (P3),
 * PGM/PBM, maxval other than 255.
 */
#include "image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool image_alloc(struct image *img, unsigned width, unsigned height)
{
    memset(img, 0, sizeof *img);
    if (width == 0 || height == 0 || width > IMAGE_MAX_SIDE || height > IMAGE_MAX_SIDE)
        return false;
    img->pixels = calloc((size_t)width * height, sizeof *img->pixels);
    if (!img->pixels)
        return false;
    img->width = width;
    img->height = height;
    return true;
}

void image_free(struct image *img)
{
    free(img->pixels);
    memset(img, 0, sizeof *img);
}

/* The next header number of a PPM at *pos, skipping whitespace and
 * comments; false if there is none or it is absurdly long. */
static bool ppm_number(const uint8_t *d, size_t len, size_t *pos, unsigned *out)
{
    size_t p = *pos;
    for (;;) {
        while (p < len && (d[p] == ' ' || d[p] == '\t' || d[p] == '\r' || d[p] == '\n'))
            p++;
        if (p < len && d[p] == '#') {
            while (p < len && d[p] != '\n')
                p++;
            continue;
        }
        break;
    }
    unsigned v = 0, digits = 0;
    while (p < len && d[p] >= '0' && d[p] <= '9') {
        if (++digits > 6)
            return false;
        v = v * 10 + (unsigned)(d[p] - '0');
        p++;
    }
    if (digits == 0)
        return false;
    *out = v;
    *pos = p;
    return true;
}

bool ppm_decode(const uint8_t *data, size_t len, struct image *img, char *err, size_t errlen)
{
    memset(img, 0, sizeof *img);
    if (len < 2 || data[0] != 'P' || data[1] != '6') {
        snprintf(err, errlen, "not a binary PPM (P6)");
        return false;
    }
    size_t pos = 2;
    unsigned width, height, maxval;
    if (!ppm_number(data, len, &pos, &width) || !ppm_number(data, len, &pos, &height) ||
        !ppm_number(data, len, &pos, &maxval) || pos >= len) {
        snprintf(err, errlen, "bad PPM header");
        return false;
    }
    if (maxval != 255) {
        snprintf(err, errlen, "PPM maxval %u not supported (want 255)", maxval);
        return false;
    }
    pos++; /* the single whitespace byte before the raster */
    if (!image_alloc(img, width, height)) {
        snprintf(err, errlen, "PPM size %ux%u out of range", width, height);
        return false;
    }
    size_t need = (size_t)width * height * 3;
    if (len - pos < need) {
        snprintf(err, errlen, "truncated PPM: %zu raster bytes, expected %zu", len - pos, need);
        image_free(img);
        return false;
    }
    const uint8_t *p = data + pos;
    for (size_t i = 0; i < (size_t)width * height; i++, p += 3)
        img->pixels[i] = 0xFF000000u | (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
    return true;
}

bool image_load(const char *path, struct image *img, char *err, size_t errlen)
{
    memset(img, 0, sizeof *img);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open", path);
        return false;
    }
    size_t cap = 1 << 16, len = 0;
    uint8_t *data = malloc(cap);
    while (data) {
        len += fread(data + len, 1, cap - len, f);
        if (len < cap)
            break;
        if (cap >= (size_t)1 << 30) {
            free(data);
            data = NULL;
            break;
        }
        uint8_t *grown = realloc(data, cap * 2);
        if (!grown)
            free(data);
        data = grown;
        cap *= 2;
    }
    bool read_error = ferror(f);
    fclose(f);
    if (!data || read_error) {
        free(data);
        snprintf(err, errlen, "%s: cannot read (or larger than 1 GiB)", path);
        return false;
    }
    char why[160];
    bool ok;
    if (len >= 2 && data[0] == 'P' && data[1] == '6')
        ok = ppm_decode(data, len, img, why, sizeof why);
    else
        ok = png_decode(data, len, img, why, sizeof why);
    free(data);
    if (!ok)
        snprintf(err, errlen, "%s: %s", path, why);
    return ok;
}

unsigned long image_compare(const struct image *expected, const struct image *got,
                            struct image_diff_point *first, unsigned first_max)
{
    unsigned long count = 0;
    for (unsigned y = 0; y < expected->height; y++) {
        for (unsigned x = 0; x < expected->width; x++) {
            size_t i = (size_t)y * expected->width + x;
            if (expected->pixels[i] == got->pixels[i])
                continue;
            if (count < first_max)
                first[count] = (struct image_diff_point){ x, y, expected->pixels[i], got->pixels[i] };
            count++;
        }
    }
    return count;
}

bool image_diff_picture(const struct image *expected, const struct image *got, struct image *out)
{
    if (!image_alloc(out, expected->width, expected->height))
        return false;
    for (size_t i = 0; i < (size_t)expected->width * expected->height; i++) {
        uint32_t e = expected->pixels[i];
        if (e != got->pixels[i]) {
            out->pixels[i] = 0xFFFF0000u;
        } else {
            uint32_t r = (e >> 16 & 0xFF) / 3, g = (e >> 8 & 0xFF) / 3, b = (e & 0xFF) / 3;
            out->pixels[i] = 0xFF000000u | r << 16 | g << 8 | b;
        }
    }
    return true;
}
