/*
 * sdl_layout.h - where the picture goes in the window: the surface shown
 * at its display aspect (aspect_w:aspect_h), as large as fits, centred,
 * black bars around it (letterbox).
 *
 * First the surface is stretched to its aspect along one axis, never
 * shrunk (320x200 at 4:3 -> 320x240, 720x400 -> 720x540, 1024x768 VBE at
 * 1024:768 stays): that is the "base" size.  Integer scaling then uses
 * the largest whole multiple of the base that fits (crisp pixels, wider
 * bars); when not even 1x fits, or integer scaling is off, the base is
 * scaled by the largest fraction that fits.
 */
#ifndef SOFTPC_FRONTEND_SDL_LAYOUT_H
#define SOFTPC_FRONTEND_SDL_LAYOUT_H

#include <stdbool.h>

struct layout_rect {
    int x, y, w, h;
};

/* The base size of a w x h surface shown at aspect aw:ah (either 0:
 * square pixels). */
void layout_base(unsigned w, unsigned h, unsigned aw, unsigned ah, unsigned *base_w,
                 unsigned *base_h);
/* The picture's rectangle in an out_w x out_h window. */
struct layout_rect layout_place(unsigned base_w, unsigned base_h, int out_w, int out_h,
                                bool integer);

#endif
