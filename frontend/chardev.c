/*
 * chardev.c - the host end of a serial port (what it promises is in
 * chardev.h).
 *
 * Output goes through a small buffer and write(2), never stdio, so what
 * is written is in the kernel's hands at once and a SIGTERM or SIGKILL
 * loses at most the unfinished line since the last poll.  The saved
 * terminal state is file-static because the restore must be reachable
 * from a signal handler and from atexit(), where no chardev pointer is at
 * hand.
 */
#define _POSIX_C_SOURCE 200809L

#include "frontend/chardev.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* ---- the terminal ----------------------------------------------------------- */

static struct termios saved_tty;
static volatile sig_atomic_t tty_is_raw;
static bool restore_registered;

void chardev_restore_tty(void)
{
    if (tty_is_raw) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty); /* async-signal-safe */
        tty_is_raw = 0;
    }
}

static void restore_tty_at_exit(void)
{
    chardev_restore_tty();
}

/* Raw input as QEMU's -nographic sets it: bytes as typed, no echo, no
 * signals from Ctrl-C/Ctrl-Z/Ctrl-\, no CR->NL mapping, no flow control.
 * Output processing stays on, so softpc's own messages on stderr keep
 * their line starts. */
static void make_stdin_raw(void)
{
    if (tty_is_raw || !isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_tty) != 0)
        return;
    struct termios raw = saved_tty;
    raw.c_iflag &= (tcflag_t)~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    raw.c_lflag &= (tcflag_t)~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    if (!restore_registered) {
        atexit(restore_tty_at_exit);
        restore_registered = true;
    }
    if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0)
        tty_is_raw = 1;
}

/* ---- options ------------------------------------------------------------------- */

bool chardev_parse(struct chardev_spec *spec, const char *option, const char *value)
{
    static const char file_prefix[] = "file:";
    const size_t prefix_len = sizeof file_prefix - 1;
    *spec = (struct chardev_spec){ CHARDEV_NONE, NULL };
    if (value == NULL) {
        fprintf(stderr, "softpc: %s: needs a value (stdio, file:PATH or none)\n", option);
        return false;
    }
    if (strcmp(value, "stdio") == 0) {
        spec->kind = CHARDEV_STDIO;
        return true;
    }
    if (strcmp(value, "none") == 0)
        return true;
    if (strncmp(value, file_prefix, prefix_len) == 0) {
        if (value[prefix_len] == '\0') {
            fprintf(stderr, "softpc: %s: 'file:' needs a path after the colon\n", option);
            return false;
        }
        spec->kind = CHARDEV_FILE;
        spec->path = value + prefix_len;
        return true;
    }
    fprintf(stderr, "softpc: %s: '%s' is not stdio, file:PATH or none\n", option, value);
    return false;
}

/* ---- output ----------------------------------------------------------------------- */

/* Writes all of buf, retrying interrupted and would-block writes (stdout
 * may be a non-blocking pipe); false on a real error. */
static bool write_all(int fd, const uint8_t *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n > 0) {
            buf += n;
            len -= (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            struct pollfd p = { .fd = fd, .events = POLLOUT };
            if (poll(&p, 1, 1000) <= 0)
                return false;
        } else {
            return false;
        }
    }
    return true;
}

void chardev_flush(struct chardev *c)
{
    if (c->out_len == 0)
        return;
    if (!write_all(c->out_fd, c->out_buf, c->out_len))
        c->write_failed = true;
    c->out_len = 0;
}

void chardev_write(void *opaque, uint8_t byte)
{
    struct chardev *c = opaque;
    if (c->out_fd < 0)
        return;
    c->out_buf[c->out_len++] = byte;
    if (byte == '\n' || c->out_len == CHARDEV_OUT_BUF)
        chardev_flush(c);
}

/* ---- input ------------------------------------------------------------------------- */

static void queue_input(struct chardev *c, uint8_t byte)
{
    if (c->in_count == CHARDEV_IN_QUEUE) {
        c->input_dropped++;
        return;
    }
    c->in_queue[(c->in_head + c->in_count) % CHARDEV_IN_QUEUE] = byte;
    c->in_count++;
}

static void print_escape_help(void)
{
    static const char help[] =
        "\r\nsoftpc serial console keys:\r\n"
        "  Ctrl-A x       quit softpc\r\n"
        "  Ctrl-A Ctrl-A  send Ctrl-A to the guest\r\n"
        "  Ctrl-A h       this help\r\n";
    (void)write_all(STDERR_FILENO, (const uint8_t *)help, sizeof help - 1);
}

/* QEMU-style mux escape on stdio: Ctrl-A then a command byte. */
static void take_input(struct chardev *c, uint8_t byte)
{
    if (c->kind != CHARDEV_STDIO) {
        queue_input(c, byte);
        return;
    }
    if (!c->escape_pending) {
        if (byte == CHARDEV_ESCAPE)
            c->escape_pending = true;
        else
            queue_input(c, byte);
        return;
    }
    c->escape_pending = false;
    if (byte == 'x' || byte == 'X')
        c->quit_requested = true;
    else if (byte == CHARDEV_ESCAPE)
        queue_input(c, CHARDEV_ESCAPE);
    else if (byte == 'h' || byte == 'H' || byte == '?')
        print_escape_help();
    /* anything else: both bytes dropped */
}

void chardev_pump(struct chardev *c)
{
    if (c->in_fd < 0 || c->in_eof)
        return;
    for (;;) {
        struct pollfd p = { .fd = c->in_fd, .events = POLLIN };
        int ready = poll(&p, 1, 0);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            return;
        if (p.revents & POLLNVAL) {
            c->in_eof = true;
            return;
        }
        uint8_t buf[64];
        ssize_t n = read(c->in_fd, buf, sizeof buf);
        if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (n <= 0) {
            c->in_eof = true; /* end of input: the guest just gets no more */
            return;
        }
        for (ssize_t i = 0; i < n; i++)
            take_input(c, buf[i]);
        if ((size_t)n < sizeof buf)
            return;
    }
}

int chardev_poll_byte(struct chardev *c)
{
    chardev_flush(c);
    if (c->in_count == 0)
        chardev_pump(c);
    if (c->in_count == 0)
        return -1;
    uint8_t byte = c->in_queue[c->in_head];
    c->in_head = (c->in_head + 1u) % CHARDEV_IN_QUEUE;
    c->in_count--;
    return byte;
}

/* ---- open and close ----------------------------------------------------------------- */

bool chardev_open(struct chardev *c, const struct chardev_spec *spec)
{
    *c = (struct chardev){ .kind = spec->kind, .path = spec->path, .in_fd = -1, .out_fd = -1 };
    switch (spec->kind) {
    case CHARDEV_NONE:
        return true;
    case CHARDEV_STDIO:
        c->in_fd = STDIN_FILENO;
        c->out_fd = STDOUT_FILENO;
        make_stdin_raw();
        return true;
    case CHARDEV_FILE:
        if (spec->path == NULL || spec->path[0] == '\0') {
            fprintf(stderr, "softpc: serial output file: no path given\n");
            return false;
        }
        c->out_fd = open(spec->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (c->out_fd < 0) {
            fprintf(stderr, "softpc: %s: cannot open the serial output file: %s\n", spec->path,
                    strerror(errno));
            return false;
        }
        return true;
    }
    return false;
}

void chardev_close(struct chardev *c)
{
    chardev_flush(c);
    if (c->kind == CHARDEV_STDIO)
        chardev_restore_tty();
    if (c->kind == CHARDEV_FILE && c->out_fd >= 0)
        close(c->out_fd);
    c->in_fd = -1;
    c->out_fd = -1;
}
