/*
 * chardev.h - the host end of a serial port: `-serial stdio|file:PATH|none`.
 *
 * stdio: the guest's output goes to standard output, standard input goes
 * to the guest.  If standard input is a terminal it is put in raw mode
 * (no line editing, no echo, and Ctrl-C, Ctrl-Z reach the guest instead
 * of killing softpc), and restored by chardev_close(), by an atexit
 * handler, and by chardev_restore_tty(), which the signal/exit path calls
 * (it is async-signal-safe).  Like QEMU's -nographic, Ctrl-A is an escape:
 *     Ctrl-A x        quit softpc (chardev_quit_requested() turns true)
 *     Ctrl-A Ctrl-A   send one Ctrl-A to the guest
 *     Ctrl-A h        print these keys on stderr
 * Ctrl-A followed by anything else drops both bytes.  The escape applies
 * whether or not stdin is a terminal, so a script can send "\001x".
 *
 * file:PATH: output to PATH (created or truncated), no input.
 * none: output dropped, no input.
 *
 * Output is written with write(2) at every newline, when 256 bytes have
 * gathered, and whenever the board polls for input (chardev_poll_byte(),
 * chardev_flush()), so a log is complete up to the last line even if
 * softpc is killed, and a prompt without a newline still shows.
 *
 * Input is read without blocking (poll with zero timeout) into a 256-byte
 * queue.  The board feeds the UART from it only while the UART has room,
 * but it should call chardev_pump() on every pass of its loop even when
 * the UART is full, so Ctrl-A x still works with a guest that reads
 * nothing; bytes that arrive with the queue full are dropped and counted,
 * as a real line would overrun.
 *
 * Not here: sockets, ptys, a monitor behind the Ctrl-A mux, break (QEMU's
 * Ctrl-A b).
 */
#ifndef SOFTPC_FRONTEND_CHARDEV_H
#define SOFTPC_FRONTEND_CHARDEV_H

#include <stdbool.h>
#include <stdint.h>

#define CHARDEV_ESCAPE 0x01u       /* Ctrl-A */
#define CHARDEV_OUT_BUF 256u
#define CHARDEV_IN_QUEUE 256u

enum chardev_kind {
    CHARDEV_NONE,
    CHARDEV_STDIO,
    CHARDEV_FILE,
};

struct chardev_spec {
    enum chardev_kind kind;
    const char *path;              /* CHARDEV_FILE: points into the parsed value */
};

struct chardev {
    enum chardev_kind kind;
    const char *path;              /* CHARDEV_FILE, for messages */
    int in_fd;                     /* -1: no input */
    int out_fd;                    /* -1: output dropped */

    uint8_t out_buf[CHARDEV_OUT_BUF];
    unsigned out_len;

    uint8_t in_queue[CHARDEV_IN_QUEUE];
    unsigned in_head;
    unsigned in_count;
    bool escape_pending;           /* Ctrl-A seen, its command byte not yet */
    bool in_eof;                   /* input closed: stop polling it */

    bool quit_requested;           /* Ctrl-A x was typed */
    bool write_failed;             /* some output could not be written */
    uint64_t input_dropped;        /* bytes lost to a full input queue */
};

/* Parses an option value.  `option` is the option as the user spelled it
 * ("-serial"), for the one-line error on stderr; false on error. */
bool chardev_parse(struct chardev_spec *spec, const char *option, const char *value);

/* Opens the host end; on failure prints one line naming the path and
 * returns false (nothing left open). */
bool chardev_open(struct chardev *c, const struct chardev_spec *spec);

/* Flushes, restores the terminal (stdio), closes the file. */
void chardev_close(struct chardev *c);

/* A byte from the guest; the shape of uart_backend.write (opaque is the
 * struct chardev). */
void chardev_write(void *opaque, uint8_t byte);
void chardev_flush(struct chardev *c);

/* Reads what the host has typed so far into the input queue, handling
 * the Ctrl-A escapes.  Never blocks. */
void chardev_pump(struct chardev *c);

/* Flushes output, then returns the next input byte for the guest, or -1
 * if there is none now. */
int chardev_poll_byte(struct chardev *c);

static inline bool chardev_quit_requested(const struct chardev *c)
{
    return c->quit_requested;
}

/* Puts the terminal back as it was before a stdio chardev made it raw.
 * Safe to call at any time, more than once, and from a signal handler. */
void chardev_restore_tty(void);

#endif
