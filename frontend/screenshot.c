/*
 * screenshot.c - surface to PNG file (see screenshot.h).
 */
#define _POSIX_C_SOURCE 200809L

#include "frontend/screenshot.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devices/vga.h"
#include "frontend/png_write.h"

static bool encode_surface(const struct vga_surface *s, uint8_t **png, size_t *len)
{
    if (s->pixels == NULL || s->width == 0 || s->height == 0)
        return false;
    size_t row_bytes = (size_t)s->width * 3u;
    if ((uint64_t)row_bytes * s->height > PNG_WRITE_MAX_BYTES)
        return false;
    uint8_t *rgb = malloc(row_bytes * s->height);
    if (rgb == NULL)
        return false;
    const uint32_t *src = s->pixels;
    uint8_t *dst = rgb;
    for (size_t k = 0; k < (size_t)s->width * s->height; k++) {
        uint32_t px = src[k];
        *dst++ = (uint8_t)(px >> 16);
        *dst++ = (uint8_t)(px >> 8);
        *dst++ = (uint8_t)px;
    }
    bool ok = png_encode_rgb(rgb, s->width, s->height, row_bytes, png, len);
    free(rgb);
    return ok;
}

bool screenshot_write(FILE *f, const struct vga_surface *s)
{
    uint8_t *png;
    size_t len;
    if (!encode_surface(s, &png, &len)) {
        errno = ENOMEM;
        return false;
    }
    errno = 0;
    bool ok = fwrite(png, 1, len, f) == len && fflush(f) == 0;
    free(png);
    if (!ok && errno == 0)
        errno = EIO;
    return ok;
}

bool screenshot_save(const char *path, const struct vga_surface *s)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        fprintf(stderr, "softpc: %s: cannot write the screenshot: %s\n", path, strerror(errno));
        return false;
    }
    bool ok = screenshot_write(f, s);
    int err = errno;
    if (fclose(f) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        fprintf(stderr, "softpc: %s: cannot write the screenshot: %s\n", path, strerror(err));
        remove(path);
    }
    return ok;
}

void screenshot_default_name(char *buf, size_t len)
{
    time_t now = time(NULL);
    struct tm tm;
    if (localtime_r(&now, &tm) == NULL || strftime(buf, len, "softpc-%Y%m%d-%H%M%S.png", &tm) == 0)
        snprintf(buf, len, "softpc-screenshot.png");
}
