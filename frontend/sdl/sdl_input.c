/*
 * sdl_input.c - keyboard, mouse and hotkeys of the window (see
 * sdl_input.h).
 */
#include "frontend/sdl/sdl_input.h"

#include <string.h>

#include "devices/pc_board.h"
#include "devices/ps2_mouse.h"
#include "frontend/sdl/sdl_keymap.h"

void sdl_input_init(struct sdl_input *in)
{
    memset(in, 0, sizeof *in);
}

static bool key_is_down(const struct sdl_input *in, uint16_t usage)
{
    return (in->down[usage >> 3] >> (usage & 7u)) & 1u;
}

static void set_key_down(struct sdl_input *in, uint16_t usage, bool down)
{
    if (down)
        in->down[usage >> 3] |= (uint8_t)(1u << (usage & 7u));
    else
        in->down[usage >> 3] &= (uint8_t)~(1u << (usage & 7u));
}

static unsigned set_capture(struct sdl_input *in, struct pc_board *b, bool on)
{
    if (in->captured == on)
        return 0;
    if (on && SDL_SetRelativeMouseMode(SDL_TRUE) != 0)
        return 0; /* the host cannot: the mouse stays free */
    if (!on) {
        SDL_SetRelativeMouseMode(SDL_FALSE);
        if (in->buttons != 0) {
            in->buttons = 0;
            pc_board_mouse(b, 0, 0, 0, 0);
        }
    }
    in->captured = on;
    return SDL_INPUT_CAPTURE_CHANGED;
}

unsigned sdl_input_release_all(struct sdl_input *in, struct pc_board *b)
{
    for (uint16_t usage = 0; usage <= HID_KEY_MAX; usage++) {
        if (key_is_down(in, usage)) {
            set_key_down(in, usage, false);
            pc_board_key(b, usage, false);
        }
    }
    return set_capture(in, b, false);
}

/* Ctrl+Alt+key: the hotkey's bit, or 0 if it is no hotkey. */
static unsigned hotkey(const SDL_KeyboardEvent *k)
{
    if ((k->keysym.mod & KMOD_CTRL) == 0 || (k->keysym.mod & KMOD_ALT) == 0)
        return 0;
    switch (k->keysym.scancode) {
    case SDL_SCANCODE_F: return SDL_INPUT_FULL_SCREEN;
    case SDL_SCANCODE_S: return SDL_INPUT_SCREENSHOT;
    case SDL_SCANCODE_I: return SDL_INPUT_INTEGER_SCALE;
    case SDL_SCANCODE_P: return SDL_INPUT_PAUSE;
    case SDL_SCANCODE_G: return SDL_INPUT_CAPTURE_CHANGED; /* release, below */
    default: return 0;
    }
}

static unsigned key_event(struct sdl_input *in, const SDL_KeyboardEvent *k, struct pc_board *b)
{
    bool pressed = k->type == SDL_KEYDOWN;
    if (pressed && k->repeat != 0)
        return 0;
    uint16_t usage = sdl_keymap_usage(k->keysym.scancode);
    if (pressed) {
        unsigned hot = hotkey(k);
        if (hot == SDL_INPUT_CAPTURE_CHANGED)
            return set_capture(in, b, false);
        if (hot != 0)
            return hot;
    }
    if (usage == 0)
        return 0;
    /* A release the guest never saw pressed (a hotkey's, or a key held
     * down when the window got the focus) is not sent. */
    if (!pressed && !key_is_down(in, usage))
        return 0;
    set_key_down(in, usage, pressed);
    pc_board_key(b, usage, pressed);
    return 0;
}

/* SDL button numbers 1-5 (left, middle, right, X1, X2) to PS/2 bits. */
static unsigned ps2_button(uint8_t sdl_button)
{
    switch (sdl_button) {
    case SDL_BUTTON_LEFT: return PS2_MOUSE_LEFT;
    case SDL_BUTTON_MIDDLE: return PS2_MOUSE_MIDDLE;
    case SDL_BUTTON_RIGHT: return PS2_MOUSE_RIGHT;
    case SDL_BUTTON_X1: return PS2_MOUSE_BUTTON4;
    case SDL_BUTTON_X2: return PS2_MOUSE_BUTTON5;
    default: return 0;
    }
}

static unsigned button_event(struct sdl_input *in, const SDL_MouseButtonEvent *e,
                             struct pc_board *b)
{
    if (!in->captured) {
        /* The click that captures is the host's, not the guest's. */
        return e->type == SDL_MOUSEBUTTONDOWN ? set_capture(in, b, true) : 0;
    }
    unsigned bit = ps2_button(e->button);
    unsigned buttons = e->type == SDL_MOUSEBUTTONDOWN ? in->buttons | bit : in->buttons & ~bit;
    if (buttons != in->buttons) {
        in->buttons = buttons;
        pc_board_mouse(b, 0, 0, 0, buttons);
    }
    return 0;
}

unsigned sdl_input_event(struct sdl_input *in, const SDL_Event *ev, struct pc_board *b)
{
    switch (ev->type) {
    case SDL_QUIT:
        return SDL_INPUT_QUIT;
    case SDL_KEYDOWN:
    case SDL_KEYUP:
        return key_event(in, &ev->key, b);
    case SDL_MOUSEMOTION:
        /* Screen y grows downwards, PS/2's upwards. */
        if (in->captured && (ev->motion.xrel != 0 || ev->motion.yrel != 0))
            pc_board_mouse(b, ev->motion.xrel, -ev->motion.yrel, 0, in->buttons);
        return 0;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        return button_event(in, &ev->button, b);
    case SDL_MOUSEWHEEL: {
        if (!in->captured)
            return 0;
        /* SDL: y > 0 is away from the user; PS/2: dz > 0 is towards. */
        int away = ev->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -ev->wheel.y : ev->wheel.y;
        if (away != 0)
            pc_board_mouse(b, 0, 0, -away, in->buttons);
        return 0;
    }
    case SDL_WINDOWEVENT:
        switch (ev->window.event) {
        case SDL_WINDOWEVENT_FOCUS_LOST:
            return sdl_input_release_all(in, b);
        case SDL_WINDOWEVENT_CLOSE: /* the window manager's close button */
            return SDL_INPUT_QUIT;
        case SDL_WINDOWEVENT_EXPOSED:
        case SDL_WINDOWEVENT_SIZE_CHANGED:
        case SDL_WINDOWEVENT_RESIZED:
            return SDL_INPUT_REDRAW;
        default:
            return 0;
        }
    default:
        return 0;
    }
}
