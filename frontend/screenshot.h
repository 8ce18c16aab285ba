/*
 * screenshot.h - saving what the screen shows (a struct vga_surface, the
 * renderer's 0x00RRGGBB pixels) as a PNG file: --screenshot FILE at the
 * end of a run, and the window's Ctrl+Alt+S.
 *
 * The picture is the surface's pixels as they are, one image pixel per
 * surface pixel: the display aspect (aspect_w:aspect_h) is not applied,
 * so tests can compare screenshots pixel for pixel with a reference.
 */
#ifndef SOFTPC_FRONTEND_SCREENSHOT_H
#define SOFTPC_FRONTEND_SCREENSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct vga_surface;

/* Encodes the surface and writes it to f (not closed); false if encoding
 * or writing failed (errno says why when writing did). */
bool screenshot_write(FILE *f, const struct vga_surface *s);
/* Creates `path` and writes the surface; on failure prints one line
 * ("softpc: PATH: cannot write the screenshot: REASON") and returns false. */
bool screenshot_save(const char *path, const struct vga_surface *s);
/* "softpc-YYYYMMDD-HHMMSS.png" for the host's local time now. */
void screenshot_default_name(char *buf, size_t len);

#endif
