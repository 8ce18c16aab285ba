/*
 * vga_render.c - PLACEHOLDER so this branch links; the renderer
 * engineer's vga_render.c replaces it at merge.  It renders nothing:
 * vga_update reports no change, init and free do nothing.
 */
#include "devices/vga.h"

bool vga_update(struct vga *v, uint64_t now_ns)
{
    (void)v;
    (void)now_ns;
    return false;
}

bool vga_render_init(struct vga *v)
{
    (void)v;
    return true;
}

void vga_render_free(struct vga *v)
{
    (void)v;
}
