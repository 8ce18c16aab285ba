/*
 * vga_render.c - vga_update: keeps v->surface equal to what the card
 * shows, repainting only what changed.
 *
 * Each update decodes the geometry and the display registers, builds the
 * colour tables, and compares them with what the last picture was made
 * from: any difference (or v->full_redraw, or a new surface size) repaints
 * everything.  Otherwise a surface line is repainted only when a 4 KiB
 * vram page it read last time is in v->dirty, or (text) when it holds the
 * cursor's old or new place or a blinking character whose phase turned.
 * The renderer consumes v->dirty and v->full_redraw (clears them).
 *
 * The CRTC walk (IBM VGA Technical Reference, CRT controller): MA starts
 * at the start address, the row scan counter at the preset row scan; each
 * line (each second line when CR09 bit 7 doubles the scan) the row scan
 * counts up to the maximum scan line, then MA moves on by the offset.
 * After the line equal to the line compare value MA restarts at 0 (the
 * split screen); like QEMU, the row scan counter keeps counting (docs/vga.md).
 *
 * Time: blinking follows emulated time at 60 frames a second, so a
 * screenshot at a given emulated instant is reproducible.
 *
 * Not here: the overscan border, half-frame (interlace) modes, anything
 * that needs the beam position (mid-frame register changes take effect on
 * the next update, for the whole picture).
 */
#include "devices/vga_render_internal.h"

#include <stdlib.h>
#include <string.h>

static bool surface_resize(struct vga_surface *s, unsigned width, unsigned height)
{
    uint32_t *pixels = calloc((size_t)width * height, sizeof *pixels);
    if (pixels == NULL)
        return false;
    free(s->pixels);
    s->pixels = pixels;
    s->width = width;
    s->height = height;
    s->generation++;
    return true;
}

bool vga_render_init(struct vga *v)
{
    if (v->vram == NULL || v->vram_size < VGA_PLANES_BYTES)
        return false;
    struct vga_render_state *rs = calloc(1, sizeof *rs);
    if (rs == NULL)
        return false;
    v->surface = (struct vga_surface){ .aspect_w = 4, .aspect_h = 3 };
    if (!surface_resize(&v->surface, VGA_BLANK_WIDTH, VGA_BLANK_HEIGHT)) {
        free(rs);
        return false;
    }
    memcpy(v->surface.mode_name, "blank", sizeof "blank");
    v->render = rs;
    return true;
}

void vga_render_free(struct vga *v)
{
    free(v->render);
    v->render = NULL;
    free(v->surface.pixels);
    v->surface = (struct vga_surface){ 0 };
}

/* Moves v->dirty into the renderer's copy; true if any page was dirty. */
static bool take_dirty(struct vga *v, struct vga_render_state *rs)
{
    bool any = false;
    for (unsigned i = 0; i < VGA_DIRTY_WORDS; i++) {
        rs->dirty[i] = v->dirty[i];
        if (v->dirty[i] != 0) {
            any = true;
            v->dirty[i] = 0;
        }
    }
    return any;
}

static bool page_dirty(const struct vga_render_state *rs, uint32_t page)
{
    return (rs->dirty[page >> 5] >> (page & 31u)) & 1u;
}

static bool range_dirty(const struct vga_render_state *rs, uint32_t lo, uint32_t hi)
{
    if (lo >= hi)
        return false;
    for (uint32_t page = lo >> VGA_DIRTY_SHIFT; page <= (hi - 1) >> VGA_DIRTY_SHIFT; page++)
        if (page_dirty(rs, page))
            return true;
    return false;
}

/* Compares and refreshes the copy of one character map (8 KiB of plane 2)
 * in the dirty pages only; true if a glyph changed.  Plane 2 shares its
 * pages with the text itself (vga.h's interleaved layout), so a dirty page
 * alone does not mean the font changed. */
static bool font_map_changed(const struct vga *v, struct vga_render_state *rs, uint32_t map)
{
    bool changed = false;
    const uint32_t per_page = (1u << VGA_DIRTY_SHIFT) / 4u;
    for (uint32_t a = map; a < map + 0x2000u; a += per_page) {
        if (!page_dirty(rs, (a * 4u) >> VGA_DIRTY_SHIFT))
            continue;
        for (uint32_t b = a; b < a + per_page; b++) {
            uint8_t glyph = vga_plane_byte(v, b, 2);
            if (rs->font_copy[b] != glyph) {
                rs->font_copy[b] = glyph;
                changed = true;
            }
        }
    }
    return changed;
}

static void font_copy_refresh(const struct vga *v, struct vga_render_state *rs)
{
    uint32_t maps[2];
    vga_text_fonts(v, &maps[0], &maps[1]);
    for (unsigned m = 0; m < 2; m++)
        for (uint32_t a = maps[m]; a < maps[m] + 0x2000u; a++)
            rs->font_copy[a] = vga_plane_byte(v, a, 2);
}

static struct vga_text_state text_state_at(const struct vga *v, uint64_t now_ns)
{
    uint64_t frame = now_ns / VGA_FRAME_NS;
    struct vga_text_state ts = {
        .cursor_ma = (uint32_t)v->crtc[0x0E] << 8 | v->crtc[0x0F],
        .cursor_start = v->crtc[0x0A] & 0x1Fu,
        .cursor_end = v->crtc[0x0B] & 0x1Fu,
        .blink_on = (frame / VGA_CHAR_BLINK_FRAMES) % 2 == 0,
    };
    ts.cursor_visible = !(v->crtc[0x0A] & 0x20) && ts.cursor_start <= ts.cursor_end &&
                        (frame / VGA_CURSOR_BLINK_FRAMES) % 2 == 0;
    return ts;
}

static bool cursor_moved(const struct vga_text_state *a, const struct vga_text_state *b)
{
    if (!a->cursor_visible && !b->cursor_visible)
        return false;
    return a->cursor_visible != b->cursor_visible || a->cursor_ma != b->cursor_ma ||
           a->cursor_start != b->cursor_start || a->cursor_end != b->cursor_end;
}

/* Does a text line starting at MA `ma` show MA m?  A panned line shows
 * part of one character more. */
static bool line_holds(const struct vga_geometry *g, const struct vga_scan *scan, uint32_t m)
{
    uint32_t shown = g->chars + (scan->pan_dots ? 1u : 0u);
    return ((m - scan->ma) & VGA_PLANE_MASK) < shown;
}

/* Why lines must be repainted besides vram changes. */
struct repaint_causes {
    bool full;
    bool any_dirty;
    bool cursor;                 /* old and new cursor places */
    uint32_t cursor_old, cursor_new;
    bool blink;                  /* lines with blinking characters */
};

static bool line_needs_paint(const struct vga_render_state *rs, const struct repaint_causes *c,
                             unsigned y, const struct vga_scan *scan)
{
    const struct vga_line_info *li = &rs->lines[y];
    if (c->full)
        return true;
    if (c->any_dirty && range_dirty(rs, li->lo, li->hi))
        return true;
    if (c->cursor && (line_holds(&rs->geom, scan, c->cursor_old) ||
                      line_holds(&rs->geom, scan, c->cursor_new)))
        return true;
    return c->blink && li->has_blink;
}

struct painted_rows {
    unsigned y0, y1;
};

static void mark_painted(struct painted_rows *p, unsigned y)
{
    if (p->y0 > y)
        p->y0 = y;
    if (p->y1 < y + 1)
        p->y1 = y + 1;
}

static void paint_vga(struct vga *v, struct vga_render_state *rs, const struct repaint_causes *c,
                      struct painted_rows *painted)
{
    const struct vga_geometry *g = &rs->geom;
    struct vga_scan scan = { .ma = g->start, .row_scan = g->preset_row_scan };
    bool split = false, second_of_pair = false;
    for (unsigned y = 0; y < g->height; y++) {
        scan.pan_dots = split && g->split_resets_pan ? 0 : g->pan_dots;
        if (line_needs_paint(rs, c, y, &scan)) {
            rs->lines[y] = g->family == VGA_FAMILY_TEXT ? vga_text_line(v, rs, &scan)
                                                        : vga_gfx_line(v, rs, &scan);
            vga_dots_out(rs, g->width, scan.pan_dots, v->surface.pixels + (size_t)y * g->width);
            mark_painted(painted, y);
        }
        bool advance = true;
        if (g->double_scan) {
            second_of_pair = !second_of_pair;
            advance = !second_of_pair;
        }
        if (advance) {
            if (scan.row_scan == g->max_scan) {
                scan.row_scan = 0;
                scan.ma = (scan.ma + g->line_offset) & VGA_PLANE_MASK;
            } else {
                scan.row_scan = (scan.row_scan + 1) & 0x1Fu;
            }
        }
        if (y == g->line_compare) {
            scan.ma = 0;
            split = true;
        }
    }
}

static void paint_vbe(struct vga *v, struct vga_render_state *rs, const struct repaint_causes *c,
                      struct painted_rows *painted)
{
    const struct vga_geometry *g = &rs->geom;
    const struct vga_scan unused = { 0 };
    for (unsigned y = 0; y < g->height; y++) {
        if (!line_needs_paint(rs, c, y, &unused))
            continue;
        rs->lines[y] = vga_vbe_line(v, rs, y, v->surface.pixels + (size_t)y * g->width);
        mark_painted(painted, y);
    }
}

static void paint_black(struct vga *v, struct vga_render_state *rs, struct painted_rows *painted)
{
    const struct vga_geometry *g = &rs->geom;
    memset(v->surface.pixels, 0, (size_t)g->width * g->height * sizeof *v->surface.pixels);
    memset(rs->lines, 0, sizeof rs->lines);
    painted->y0 = 0;
    painted->y1 = g->height;
}

static bool shows_nothing(const struct vga_geometry *g)
{
    return g->family == VGA_FAMILY_BLANK || g->screen_off ||
           (g->family == VGA_FAMILY_VBE && g->bpp == 0);
}

bool vga_update(struct vga *v, uint64_t now_ns)
{
    struct vga_render_state *rs = v->render;
    if (rs == NULL)
        return false;

    struct vga_geometry g;
    struct vga_display_regs regs;
    uint32_t colours[256];
    uint8_t attr_map[16];
    vga_geometry_decode(v, &g);
    vga_display_regs_take(v, &regs);
    vga_palette_build(v, colours, attr_map);

    struct repaint_causes c = { .full = v->full_redraw || !rs->painted };
    c.full |= memcmp(&regs, &rs->regs, sizeof regs) != 0 ||
              memcmp(colours, rs->colours, sizeof colours) != 0 ||
              memcmp(attr_map, rs->attr_map, sizeof attr_map) != 0;
    if (g.width != v->surface.width || g.height != v->surface.height) {
        if (!surface_resize(&v->surface, g.width, g.height))
            return false; /* out of memory: keep the old picture, try again later */
        c.full = true;
    }
    rs->geom = g;
    rs->regs = regs;
    memcpy(rs->colours, colours, sizeof colours);
    memcpy(rs->attr_map, attr_map, sizeof attr_map);
    c.any_dirty = take_dirty(v, rs);
    v->full_redraw = false;

    if (g.family == VGA_FAMILY_TEXT && !g.screen_off) {
        struct vga_text_state ts = text_state_at(v, now_ns);
        if (c.full) {
            font_copy_refresh(v, rs);
        } else if (c.any_dirty) {
            uint32_t map_a, map_b;
            vga_text_fonts(v, &map_a, &map_b);
            bool a_changed = font_map_changed(v, rs, map_a);
            bool b_changed = font_map_changed(v, rs, map_b);
            c.full = a_changed || b_changed;
        }
        c.cursor = cursor_moved(&rs->text, &ts);
        c.cursor_old = rs->text.cursor_ma;
        c.cursor_new = ts.cursor_ma;
        c.blink = ts.blink_on != rs->text.blink_on && (v->attr[0x10] & 0x08);
        rs->text = ts;
    }

    if (!c.full && !c.any_dirty && !c.cursor && !c.blink)
        return false;

    struct painted_rows painted = { .y0 = g.height, .y1 = 0 };
    if (shows_nothing(&g)) {
        if (c.full)
            paint_black(v, rs, &painted);
    } else if (g.family == VGA_FAMILY_VBE) {
        paint_vbe(v, rs, &c, &painted);
    } else {
        paint_vga(v, rs, &c, &painted);
    }
    rs->painted = true;

    struct vga_surface *s = &v->surface;
    memcpy(s->mode_name, g.mode_name, sizeof s->mode_name);
    s->aspect_w = g.aspect_w;
    s->aspect_h = g.aspect_h;
    if (painted.y0 >= painted.y1)
        return false;
    s->dirty_y0 = painted.y0;
    s->dirty_y1 = painted.y1;
    return true;
}
