/*
 * wm_delete.c - ask an X11 window to close, as a window manager's close
 * button does: a WM_PROTOCOLS client message carrying WM_DELETE_WINDOW
 * (ICCCM 2.0, section 4.2.8.1).  xdotool's windowclose destroys the
 * window and windowkill drops the client's connection; neither is what a
 * user's "close" sends, and the display tests need exactly that (SDL turns
 * it into SDL_WINDOWEVENT_CLOSE and SDL_QUIT).
 *
 *   wm_delete WINDOW-ID        (decimal or 0x hex, as xdotool prints it)
 * Exit status 0 when the message was sent, 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <X11/Xlib.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: wm_delete WINDOW-ID\n");
        return 1;
    }
    char *end;
    unsigned long id = strtoul(argv[1], &end, 0);
    if (*end != '\0' || id == 0) {
        fprintf(stderr, "wm_delete: %s: not a window id\n", argv[1]);
        return 1;
    }
    Display *dpy = XOpenDisplay(NULL);
    if (dpy == NULL) {
        fprintf(stderr, "wm_delete: cannot open the display\n");
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
    XCloseDisplay(dpy);
    return ok != 0 ? 0 : 1;
}
