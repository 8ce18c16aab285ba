/*
 * display.h - what the run loop sees of the screen: nothing (headless) or
 * a window (frontend/sdl/, built when SDL2 is found).
 *
 * Headless, the run loop has no struct display at all; the screen still
 * exists for --screenshot through display_surface().  With a window, the
 * run loop calls display->ops->refresh about DISPLAY_REFRESH_HZ times a
 * second of host time, between CPU slices (never from another thread, so
 * the window reads the card's surface and feeds the PS/2 devices while the
 * CPU stands still).  A refresh handles the host's events (keys and mouse
 * go to the board), shows what changed and answers what the user asked
 * (close, pause).
 *
 * Not here: a text-mode (curses) display, VNC, a status line.
 */
#ifndef SOFTPC_FRONTEND_DISPLAY_H
#define SOFTPC_FRONTEND_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontend/options.h"

struct pc_board;
struct vga_surface;

#define DISPLAY_REFRESH_HZ 60u
#define DISPLAY_REFRESH_NS (1000000000u / DISPLAY_REFRESH_HZ)
/* What a window (and a screenshot) shows when the board has no VGA card. */
#define DISPLAY_BLANK_WIDTH 640u
#define DISPLAY_BLANK_HEIGHT 480u

/* DISPLAY_DEFAULT made concrete: a window when this build has SDL2 and
 * the host has a display (DISPLAY or WAYLAND_DISPLAY set, non-empty). */
enum display_choice display_resolve(enum display_choice asked);

/* The screen now: the card's surface after vga_update at the board's
 * emulated time (*changed: whether any pixel or the size changed), or,
 * without a card, a black DISPLAY_BLANK_WIDTH x HEIGHT surface named
 * "no VGA" (*changed false).  `changed` may be NULL. */
struct vga_surface *display_surface(struct pc_board *b, bool *changed);

/* The machine's state as the title shows it. */
enum display_run_state { DISPLAY_RUNNING, DISPLAY_PAUSED, DISPLAY_HALTED };

struct display_status {
    enum display_run_state state;
    double mips;            /* millions of instructions per host second */
    double speed_percent;   /* emulated time / host time * 100 */
};

/* What the user asked for during a refresh (bits). */
enum {
    DISPLAY_ASK_QUIT = 1u << 0,         /* the window was closed */
    DISPLAY_ASK_TOGGLE_PAUSE = 1u << 1, /* Ctrl+Alt+P */
};

struct display;

struct display_ops {
    /* Events, input to the board, picture, title; returns DISPLAY_ASK_*. */
    unsigned (*refresh)(struct display *d, struct pc_board *b, const struct display_status *st);
    void (*close)(struct display *d);
};

struct display {
    const struct display_ops *ops;
};

struct display_config {
    bool full_screen;
};

#ifdef SOFTPC_HAVE_SDL
/* Opens the SDL2 window (black, 640x480, until the first refresh); NULL
 * if SDL cannot open one, with the reason in err. */
struct display *display_sdl_open(const struct display_config *cfg, char *err, size_t err_len);
#endif

#endif
