/*
 * sdl_window.c - the SDL2 window: the display (frontend/display.h) that
 * shows the VGA card's surface and takes keyboard and mouse.
 *
 * One streaming texture the size of the surface; each refresh uploads
 * only the rows the renderer reported dirty, and presents only when
 * something changed (pixels, window size, exposure, title state).  The
 * picture is placed by sdl_layout.c (aspect, letterbox, integer scaling);
 * nearest-neighbour sampling keeps text sharp.  A mode change resizes the
 * window to the new picture (doubled while it would be smaller than
 * 640 pixels wide), unless it is full screen or maximised; leaving full
 * screen does the same.  Input and
 * hotkeys are sdl_input.c; this file acts on the hotkeys.
 *
 * SDL's own SIGINT/SIGTERM handlers are turned off
 * (SDL_HINT_NO_SIGNAL_HANDLERS): the run loop owns those signals.
 *
 * Not here: a status line or menu, HiDPI-aware scaling beyond using the
 * renderer's output size, OpenGL shaders, vsync (the run loop paces).
 */
#include "frontend/display.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "devices/vga.h"
#include "frontend/screenshot.h"
#include "frontend/sdl/sdl_input.h"
#include "frontend/sdl/sdl_layout.h"

#define SDL_WINDOW_MIN_WIDTH 640u

struct sdl_window {
    struct display base;       /* first: a struct display * is one of these */
    SDL_Window *window;
    SDL_Renderer *renderer;
    SDL_Texture *texture;
    unsigned tex_w, tex_h;     /* the texture's size (0: none yet) */
    unsigned generation;       /* surface generation the texture holds */
    bool integer_scaling;
    bool full_screen;
    bool redraw;               /* present even if no pixel changed */
    struct sdl_input input;
    char title[192];
};

static void sdl_window_close(struct display *d);
static unsigned sdl_window_refresh(struct display *d, struct pc_board *b,
                                   const struct display_status *st);

static const struct display_ops sdl_window_ops = {
    .refresh = sdl_window_refresh,
    .close = sdl_window_close,
};

struct display *display_sdl_open(const struct display_config *cfg, char *err, size_t err_len)
{
    /* Without a display SDL would fall back to drivers that draw nowhere
     * (offscreen); those, or the Linux console (kmsdrm), are used only
     * when asked for by name with SDL_VIDEODRIVER. */
    const char *x11 = getenv("DISPLAY"), *wayland = getenv("WAYLAND_DISPLAY");
    if (getenv("SDL_VIDEODRIVER") == NULL && (x11 == NULL || x11[0] == '\0') &&
        (wayland == NULL || wayland[0] == '\0')) {
        snprintf(err, err_len, "no display to show it on (DISPLAY and WAYLAND_DISPLAY "
                 "are not set)");
        return NULL;
    }
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "nearest");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        snprintf(err, err_len, "%s", SDL_GetError());
        return NULL;
    }
    struct sdl_window *w = calloc(1, sizeof *w);
    if (w == NULL) {
        snprintf(err, err_len, "out of memory");
        SDL_Quit();
        return NULL;
    }
    w->base.ops = &sdl_window_ops;
    w->integer_scaling = true;
    w->full_screen = cfg->full_screen;
    w->redraw = true;
    sdl_input_init(&w->input);
    Uint32 flags = SDL_WINDOW_RESIZABLE | (cfg->full_screen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    w->window = SDL_CreateWindow("softpc", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
                                 (int)DISPLAY_BLANK_WIDTH, (int)DISPLAY_BLANK_HEIGHT, flags);
    if (w->window != NULL)
        w->renderer = SDL_CreateRenderer(w->window, -1, 0);
    if (w->window == NULL || w->renderer == NULL) {
        snprintf(err, err_len, "%s", SDL_GetError());
        sdl_window_close(&w->base);
        return NULL;
    }
    SDL_SetRenderDrawColor(w->renderer, 0, 0, 0, 255);
    SDL_RenderClear(w->renderer);
    SDL_RenderPresent(w->renderer);
    return &w->base;
}

static void sdl_window_close(struct display *d)
{
    struct sdl_window *w = (struct sdl_window *)d;
    if (w->texture != NULL)
        SDL_DestroyTexture(w->texture);
    if (w->renderer != NULL)
        SDL_DestroyRenderer(w->renderer);
    if (w->window != NULL)
        SDL_DestroyWindow(w->window);
    free(w);
    SDL_Quit();
}

/* The window follows a new picture size, unless the user made it full
 * screen or maximised it. */
static void fit_window_to(struct sdl_window *w, const struct vga_surface *s)
{
    if (w->full_screen || (SDL_GetWindowFlags(w->window) & SDL_WINDOW_MAXIMIZED))
        return;
    unsigned bw, bh;
    layout_base(s->width, s->height, s->aspect_w, s->aspect_h, &bw, &bh);
    if (bw == 0 || bh == 0)
        return;
    unsigned n = 1;
    while (bw * n < SDL_WINDOW_MIN_WIDTH && n < 8)
        n++;
    SDL_SetWindowSize(w->window, (int)(bw * n), (int)(bh * n));
}

/* Uploads what changed in the surface; true if the texture changed. */
static bool upload(struct sdl_window *w, const struct vga_surface *s, bool changed)
{
    if (s->pixels == NULL || s->width == 0 || s->height == 0)
        return false;
    bool resized = w->texture == NULL || s->width != w->tex_w || s->height != w->tex_h;
    if (resized || s->generation != w->generation) {
        if (w->texture != NULL)
            SDL_DestroyTexture(w->texture);
        w->texture = SDL_CreateTexture(w->renderer, SDL_PIXELFORMAT_RGB888,
                                       SDL_TEXTUREACCESS_STREAMING, (int)s->width,
                                       (int)s->height);
        if (w->texture == NULL) {
            w->tex_w = w->tex_h = 0;
            return false;
        }
        w->tex_w = s->width;
        w->tex_h = s->height;
        w->generation = s->generation;
        if (resized)
            fit_window_to(w, s);
        /* 0x00RRGGBB words are what SDL_PIXELFORMAT_RGB888 packs. */
        SDL_UpdateTexture(w->texture, NULL, s->pixels, (int)(s->width * 4u));
        return true;
    }
    if (!changed)
        return false;
    unsigned y0 = s->dirty_y0, y1 = s->dirty_y1 < s->height ? s->dirty_y1 : s->height;
    if (y0 >= y1)
        return false;
    SDL_Rect rows = { 0, (int)y0, (int)s->width, (int)(y1 - y0) };
    SDL_UpdateTexture(w->texture, &rows, s->pixels + (size_t)y0 * s->width,
                      (int)(s->width * 4u));
    return true;
}

static void present(struct sdl_window *w, const struct vga_surface *s)
{
    SDL_SetRenderDrawColor(w->renderer, 0, 0, 0, 255);
    SDL_RenderClear(w->renderer);
    if (w->texture != NULL) {
        int out_w, out_h;
        if (SDL_GetRendererOutputSize(w->renderer, &out_w, &out_h) != 0)
            SDL_GetWindowSize(w->window, &out_w, &out_h);
        unsigned bw, bh;
        layout_base(s->width, s->height, s->aspect_w, s->aspect_h, &bw, &bh);
        struct layout_rect r = layout_place(bw, bh, out_w, out_h, w->integer_scaling);
        SDL_Rect dst = { r.x, r.y, r.w, r.h };
        SDL_RenderCopy(w->renderer, w->texture, NULL, &dst);
    }
    SDL_RenderPresent(w->renderer);
}

static void update_title(struct sdl_window *w, const struct vga_surface *s,
                         const struct display_status *st)
{
    char speed[48];
    if (st->state == DISPLAY_HALTED)
        snprintf(speed, sizeof speed, "Halted");
    else if (st->state == DISPLAY_PAUSED)
        snprintf(speed, sizeof speed, "Paused");
    else
        snprintf(speed, sizeof speed, "%.1f MIPS, %.0f%%", st->mips, st->speed_percent);
    char title[sizeof w->title];
    snprintf(title, sizeof title, "softpc - %.*s - %s%s", (int)sizeof s->mode_name,
             s->mode_name, speed,
             w->input.captured ? " - Press Ctrl+Alt+G to release the mouse" : "");
    if (strcmp(title, w->title) != 0) {
        memcpy(w->title, title, sizeof title);
        SDL_SetWindowTitle(w->window, title);
    }
}

/* Leaving full screen, the window takes the picture's size: the guest may
 * have changed mode meanwhile, and a window started full screen never had
 * a size of its own. */
static void toggle_full_screen(struct sdl_window *w, const struct vga_surface *s)
{
    bool on = !w->full_screen;
    if (SDL_SetWindowFullscreen(w->window, on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) == 0) {
        w->full_screen = on;
        if (!on)
            fit_window_to(w, s);
    }
    w->redraw = true;
}

static void take_screenshot(const struct vga_surface *s)
{
    char name[64];
    screenshot_default_name(name, sizeof name);
    if (screenshot_save(name, s))
        fprintf(stderr, "softpc: screenshot saved to %s\n", name);
}

static unsigned sdl_window_refresh(struct display *d, struct pc_board *b,
                                   const struct display_status *st)
{
    struct sdl_window *w = (struct sdl_window *)d;
    unsigned asked = 0;
    SDL_Event ev;
    while (SDL_PollEvent(&ev))
        asked |= sdl_input_event(&w->input, &ev, b);

    bool changed;
    struct vga_surface *s = display_surface(b, &changed);
    if (asked & SDL_INPUT_FULL_SCREEN)
        toggle_full_screen(w, s);
    if (asked & SDL_INPUT_INTEGER_SCALE) {
        w->integer_scaling = !w->integer_scaling;
        w->redraw = true;
    }
    if (asked & SDL_INPUT_SCREENSHOT)
        take_screenshot(s);
    if (asked & SDL_INPUT_REDRAW)
        w->redraw = true;
    if (upload(w, s, changed) || w->redraw) {
        present(w, s);
        w->redraw = false;
    }
    update_title(w, s, st);
    return ((asked & SDL_INPUT_QUIT) ? DISPLAY_ASK_QUIT : 0) |
           ((asked & SDL_INPUT_PAUSE) ? DISPLAY_ASK_TOGGLE_PAUSE : 0);
}
