/*
 * display.c - choosing a display and finding the screen's pixels (see
 * display.h).
 */
#include "frontend/display.h"

#include <stdlib.h>

#include "devices/pc_board.h"
#include "devices/vga.h"

enum display_choice display_resolve(enum display_choice asked)
{
    if (asked != DISPLAY_DEFAULT)
        return asked;
#ifdef SOFTPC_HAVE_SDL
    const char *x11 = getenv("DISPLAY");
    const char *wayland = getenv("WAYLAND_DISPLAY");
    if ((x11 != NULL && x11[0] != '\0') || (wayland != NULL && wayland[0] != '\0'))
        return DISPLAY_SDL;
#endif
    return DISPLAY_NONE;
}

static uint32_t blank_pixels[DISPLAY_BLANK_WIDTH * DISPLAY_BLANK_HEIGHT];
static struct vga_surface blank_surface = {
    .pixels = blank_pixels,
    .width = DISPLAY_BLANK_WIDTH,
    .height = DISPLAY_BLANK_HEIGHT,
    .dirty_y0 = 0,
    .dirty_y1 = DISPLAY_BLANK_HEIGHT,
    .generation = 1,
    .aspect_w = 4,
    .aspect_h = 3,
    .mode_name = "no VGA",
};

struct vga_surface *display_surface(struct pc_board *b, bool *changed)
{
    struct vga *v = b != NULL ? pc_board_vga(b) : NULL;
    bool c = false;
    struct vga_surface *s = &blank_surface;
    if (v != NULL) {
        c = vga_update(v, pc_board_now(b));
        s = &v->surface;
    }
    if (changed != NULL)
        *changed = c;
    return s;
}
