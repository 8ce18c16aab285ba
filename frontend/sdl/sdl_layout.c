/*
 * sdl_layout.c - placing the picture in the window (see sdl_layout.h).
 * Plain arithmetic, no SDL, so it is unit-tested without a display.
 */
#include "frontend/sdl/sdl_layout.h"

#include <stdint.h>

void layout_base(unsigned w, unsigned h, unsigned aw, unsigned ah, unsigned *base_w,
                 unsigned *base_h)
{
    if (w == 0 || h == 0) {
        *base_w = w;
        *base_h = h;
        return;
    }
    if (aw == 0 || ah == 0) {
        aw = w;
        ah = h;
    }
    /* w/h wider than aw/ah (w*ah >= h*aw): stretch the height; else the width. */
    if ((uint64_t)w * ah >= (uint64_t)h * aw) {
        *base_w = w;
        *base_h = (unsigned)(((uint64_t)w * ah + aw / 2) / aw);
    } else {
        *base_w = (unsigned)(((uint64_t)h * aw + ah / 2) / ah);
        *base_h = h;
    }
}

struct layout_rect layout_place(unsigned base_w, unsigned base_h, int out_w, int out_h,
                                bool integer)
{
    struct layout_rect r = { 0, 0, out_w > 0 ? out_w : 0, out_h > 0 ? out_h : 0 };
    if (base_w == 0 || base_h == 0 || out_w <= 0 || out_h <= 0)
        return r;
    uint64_t ow = (uint64_t)out_w, oh = (uint64_t)out_h;
    uint64_t n = ow / base_w < oh / base_h ? ow / base_w : oh / base_h;
    uint64_t w, h;
    if (integer && n >= 1) {
        w = n * base_w;
        h = n * base_h;
    } else if (ow * base_h <= oh * base_w) {
        /* The window is narrower than the picture: full width. */
        w = ow;
        h = ow * base_h / base_w;
    } else {
        h = oh;
        w = oh * base_w / base_h;
    }
    r.w = (int)w;
    r.h = (int)h;
    r.x = (int)((ow - w) / 2);
    r.y = (int)((oh - h) / 2);
    return r;
}
