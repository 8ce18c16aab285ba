/*
 * x_helper.c - the X11 side of the display tests: what a window manager
 * and a second application would do, which Xvfb alone does not.
 *
 *   x_helper close WINDOW-ID   ask the window to close, as a window
 *                              manager's close button does
 *   x_helper window            map a small window of its own and print its
 *                              id, to take the focus from softpc's; stays
 *                              until killed
 *   x_helper wm                act as a (very) small window manager; prints
 *                              "ready" once it is one; stays until killed
 *
 * close sends a WM_PROTOCOLS client message carrying WM_DELETE_WINDOW
 * (ICCCM 2.0, section 4.2.8.1).  xdotool's windowclose destroys the window
 * and windowkill drops the client's connection; neither is what a user's
 * "close" sends (SDL turns WM_DELETE_WINDOW into SDL_WINDOWEVENT_CLOSE and
 * SDL_QUIT).
 *
 * wm exists for -full-screen: SDL asks the window manager for full screen
 * with the EWMH _NET_WM_STATE_FULLSCREEN state (a property set before the
 * window is mapped, or a _NET_WM_STATE client message to the root window
 * once it is), and without a window manager nothing happens.  This one
 * maps and configures windows as asked and honours that one state: the
 * window covers the screen, and gets its old place and size back when the
 * state is removed.  No frames, no focus policy, no other EWMH state.
 *
 * Window ids are decimal or 0x hex, as xdotool prints them.  Exit status 0
 * on success, 1 with a one-line message otherwise.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <X11/Xatom.h>
#include <X11/Xlib.h>

static int usage(void)
{
    fprintf(stderr, "usage: x_helper close WINDOW-ID | x_helper window | x_helper wm\n");
    return 1;
}

static int close_window(Display *dpy, const char *arg)
{
    char *end;
    unsigned long id = strtoul(arg, &end, 0);
    if (*end != '\0' || id == 0) {
        fprintf(stderr, "x_helper: %s: not a window id\n", arg);
        return 1;
    }
    XEvent ev;
    memset(&ev, 0, sizeof ev);
    ev.xclient.type = ClientMessage;
    ev.xclient.window = (Window)id;
    ev.xclient.message_type = XInternAtom(dpy, "WM_PROTOCOLS", False);
    ev.xclient.format = 32;
    ev.xclient.data.l[0] = (long)XInternAtom(dpy, "WM_DELETE_WINDOW", False);
    ev.xclient.data.l[1] = CurrentTime;
    Status ok = XSendEvent(dpy, (Window)id, False, NoEventMask, &ev);
    XSync(dpy, False);
    return ok != 0 ? 0 : 1;
}

static int other_window(Display *dpy)
{
    Window w = XCreateSimpleWindow(dpy, DefaultRootWindow(dpy), 0, 0, 160, 90, 0,
                                   BlackPixel(dpy, DefaultScreen(dpy)),
                                   WhitePixel(dpy, DefaultScreen(dpy)));
    XStoreName(dpy, w, "x_helper");
    XSelectInput(dpy, w, StructureNotifyMask);
    XMapWindow(dpy, w);
    /* Focus can only go to a viewable window: print the id once mapped. */
    XEvent ev;
    do
        XNextEvent(dpy, &ev);
    while (ev.type != MapNotify);
    printf("%lu\n", (unsigned long)w);
    fflush(stdout);
    /* Until killed: a lost connection ends in Xlib's I/O error handler. */
    while (XNextEvent(dpy, &ev) == 0)
        continue;
    return 0;
}

/* ---- wm ------------------------------------------------------------- */

#define WM_MAX_WINDOWS 16

struct managed {
    Window id;
    bool full;
    int x, y;                  /* place and size before full screen */
    unsigned width, height;
};

struct wm {
    Display *dpy;
    Atom net_wm_state, fullscreen;
    struct managed win[WM_MAX_WINDOWS];
};

static bool other_wm;

static int note_other_wm(Display *dpy, XErrorEvent *e)
{
    (void)dpy;
    (void)e;
    other_wm = true;
    return 0;
}

static struct managed *managed(struct wm *wm, Window id)
{
    struct managed *free_slot = NULL;
    for (unsigned i = 0; i < WM_MAX_WINDOWS; i++) {
        if (wm->win[i].id == id)
            return &wm->win[i];
        if (wm->win[i].id == None && free_slot == NULL)
            free_slot = &wm->win[i];
    }
    if (free_slot != NULL) {
        memset(free_slot, 0, sizeof *free_slot);
        free_slot->id = id;
    }
    return free_slot;
}

static void set_full_screen(struct wm *wm, Window id, bool on)
{
    struct managed *m = managed(wm, id);
    if (m == NULL || m->full == on)
        return;
    Display *dpy = wm->dpy;
    if (on) {
        XWindowAttributes a;
        if (XGetWindowAttributes(dpy, id, &a) == 0)
            return;
        m->x = a.x;
        m->y = a.y;
        m->width = (unsigned)a.width;
        m->height = (unsigned)a.height;
        int screen = DefaultScreen(dpy);
        XMoveResizeWindow(dpy, id, 0, 0, (unsigned)DisplayWidth(dpy, screen),
                          (unsigned)DisplayHeight(dpy, screen));
        XChangeProperty(dpy, id, wm->net_wm_state, XA_ATOM, 32, PropModeReplace,
                        (const unsigned char *)&wm->fullscreen, 1);
    } else {
        XMoveResizeWindow(dpy, id, m->x, m->y, m->width, m->height);
        XChangeProperty(dpy, id, wm->net_wm_state, XA_ATOM, 32, PropModeReplace, NULL, 0);
    }
    m->full = on;
}

/* Does the window's _NET_WM_STATE (set before mapping) ask for full screen? */
static bool asks_full_screen(struct wm *wm, Window id)
{
    Atom type;
    int format;
    unsigned long count, left;
    unsigned char *data = NULL;
    bool full = false;
    if (XGetWindowProperty(wm->dpy, id, wm->net_wm_state, 0, 32, False, XA_ATOM, &type,
                           &format, &count, &left, &data) == Success &&
        data != NULL && format == 32) {
        const Atom *atoms = (const Atom *)data;  /* Xlib hands 32-bit items as longs */
        for (unsigned long i = 0; i < count; i++)
            full |= atoms[i] == wm->fullscreen;
    }
    if (data != NULL)
        XFree(data);
    return full;
}

static void state_message(struct wm *wm, const XClientMessageEvent *c)
{
    if (c->message_type != wm->net_wm_state || c->format != 32)
        return;
    if ((Atom)c->data.l[1] != wm->fullscreen && (Atom)c->data.l[2] != wm->fullscreen)
        return;
    struct managed *m = managed(wm, c->window);
    if (m == NULL)
        return;
    /* EWMH: 0 remove, 1 add, 2 toggle. */
    bool on = c->data.l[0] == 1 || (c->data.l[0] == 2 && !m->full);
    set_full_screen(wm, c->window, on);
}

static int window_manager(Display *dpy)
{
    struct wm wm = { .dpy = dpy };
    wm.net_wm_state = XInternAtom(dpy, "_NET_WM_STATE", False);
    wm.fullscreen = XInternAtom(dpy, "_NET_WM_STATE_FULLSCREEN", False);
    XSetErrorHandler(note_other_wm);
    XSelectInput(dpy, DefaultRootWindow(dpy), SubstructureRedirectMask | SubstructureNotifyMask);
    XSync(dpy, False);
    if (other_wm) {
        fprintf(stderr, "x_helper: another window manager runs on this display\n");
        return 1;
    }
    printf("ready\n");
    fflush(stdout);
    XEvent ev;
    while (XNextEvent(dpy, &ev) == 0) {
        switch (ev.type) {
        case MapRequest:
            if (asks_full_screen(&wm, ev.xmaprequest.window))
                set_full_screen(&wm, ev.xmaprequest.window, true);
            XMapWindow(dpy, ev.xmaprequest.window);
            break;
        case ConfigureRequest: {
            const XConfigureRequestEvent *r = &ev.xconfigurerequest;
            struct managed *m = managed(&wm, r->window);
            if (m != NULL && m->full)
                break; /* a full-screen window keeps the screen */
            XWindowChanges c = { .x = r->x, .y = r->y, .width = r->width, .height = r->height,
                                 .border_width = r->border_width, .sibling = r->above,
                                 .stack_mode = r->detail };
            XConfigureWindow(dpy, r->window, (unsigned)r->value_mask, &c);
            break;
        }
        case ClientMessage:
            state_message(&wm, &ev.xclient);
            break;
        case DestroyNotify: {
            struct managed *m = managed(&wm, ev.xdestroywindow.window);
            if (m != NULL)
                m->id = None;
            break;
        }
        default:
            break;
        }
        XFlush(dpy);
    }
    return 0;
}

int main(int argc, char **argv)
{
    bool to_close = argc == 3 && strcmp(argv[1], "close") == 0;
    bool window = argc == 2 && strcmp(argv[1], "window") == 0;
    bool wm = argc == 2 && strcmp(argv[1], "wm") == 0;
    if (!to_close && !window && !wm)
        return usage();
    Display *dpy = XOpenDisplay(NULL);
    if (dpy == NULL) {
        fprintf(stderr, "x_helper: cannot open the display\n");
        return 1;
    }
    int status = to_close ? close_window(dpy, argv[2]) : window ? other_window(dpy) : window_manager(dpy);
    XCloseDisplay(dpy);
    return status;
}
