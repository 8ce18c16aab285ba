/*
 * png_encode.c - image.h's PNG writer: turns an image's 0xAARRGGBB pixels
 * into RGB bytes (RGBA when some pixel is not opaque) and hands them to
 * softpc's own encoder (frontend/png_write.c), so the tests write their
 * pictures with the code that writes screenshots.  zlib level 9: the
 * expected pictures in tests/vga/expected/ are made this way and the same
 * picture always gives the same bytes.
 */
#include "image.h"

#include <stdio.h>
#include <stdlib.h>

#include "frontend/png_write.h"

uint8_t *png_encode(const struct image *img, int filter, size_t *out_len)
{
    if (!img->pixels || img->width == 0 || img->height == 0 || filter < PNG_FILTER_ADAPTIVE ||
        filter > PNG_WRITE_FILTER_PAETH)
        return NULL;
    size_t count = (size_t)img->width * img->height;
    bool alpha = false;
    for (size_t i = 0; i < count && !alpha; i++)
        alpha = img->pixels[i] >> 24 != 0xFF;
    unsigned bpp = alpha ? 4 : 3;
    uint8_t *bytes = malloc(count * bpp);
    if (!bytes)
        return NULL;
    uint8_t *d = bytes;
    for (size_t i = 0; i < count; i++, d += bpp) {
        uint32_t p = img->pixels[i];
        d[0] = (uint8_t)(p >> 16);
        d[1] = (uint8_t)(p >> 8);
        d[2] = (uint8_t)p;
        if (alpha)
            d[3] = (uint8_t)(p >> 24);
    }
    struct png_write_options opt = {
        .alpha = alpha,
        .filter = filter == PNG_FILTER_ADAPTIVE ? PNG_WRITE_FILTER_ADAPTIVE
                                                : (enum png_write_filter)filter,
        .level = 9,
    };
    uint8_t *png = NULL;
    if (!png_encode_pixels(bytes, img->width, img->height, (size_t)img->width * bpp, &opt, &png,
                           out_len))
        png = NULL;
    free(bytes);
    return png;
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
