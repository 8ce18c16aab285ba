/*
 * test_chardev.c - Check unit tests for the host end of a serial port
 * (frontend/chardev.c): -serial option parsing and its one-line errors,
 * the file backend (truncation, output on disk at each newline, complete
 * after the process dies of SIGTERM), stdio through pipes (input, the
 * Ctrl-A escapes, end of input, a full queue) and through a pty (raw mode
 * set and restored).
 *
 * Check runs every test in a child process, so the tests may redirect
 * file descriptors 0-2.
 */
#define _XOPEN_SOURCE 700

#include "frontend/chardev.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <check.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "tests/unit/check_main.h"

static char dir[] = "/tmp/test_chardev.XXXXXX";
static char path[256];

static void setup(void)
{
    strcpy(dir, "/tmp/test_chardev.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/serial.log", dir);
}

static void teardown(void)
{
    unlink(path);
    rmdir(dir);
}

/* Reads a whole file into buf (NUL-terminated); returns its length. */
static size_t slurp(const char *name, char *buf, size_t size)
{
    int fd = open(name, O_RDONLY);
    ck_assert_int_ge(fd, 0);
    ssize_t n = read(fd, buf, size - 1);
    ck_assert_int_ge(n, 0);
    buf[n] = '\0';
    close(fd);
    return (size_t)n;
}

/* stderr into a file, so a test can read what was printed. */
static char err_path[300];

static void capture_stderr(void)
{
    snprintf(err_path, sizeof err_path, "%s/stderr.txt", dir);
    int fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert_int_ge(fd, 0);
    fflush(stderr);
    ck_assert_int_ge(dup2(fd, STDERR_FILENO), 0);
    close(fd);
}

static void captured_stderr(char *buf, size_t size)
{
    fflush(stderr);
    slurp(err_path, buf, size);
    unlink(err_path);
}

static unsigned count_lines(const char *s)
{
    unsigned n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* ---- parsing ---------------------------------------------------------------- */

START_TEST(test_parse_good_values)
{
    struct chardev_spec spec;
    ck_assert(chardev_parse(&spec, "-serial", "stdio"));
    ck_assert_int_eq(spec.kind, CHARDEV_STDIO);
    ck_assert(chardev_parse(&spec, "-serial", "none"));
    ck_assert_int_eq(spec.kind, CHARDEV_NONE);
    ck_assert(chardev_parse(&spec, "-serial", "file:/tmp/a b:c"));
    ck_assert_int_eq(spec.kind, CHARDEV_FILE);
    ck_assert_str_eq(spec.path, "/tmp/a b:c");
}
END_TEST

START_TEST(test_parse_bad_values)
{
    static const char *const bad[] = { "", "foo", "stdio2", "STDIO", "file", "file:", "tcp:1234" };
    struct chardev_spec spec;
    char err[512];
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        capture_stderr();
        ck_assert(!chardev_parse(&spec, "--serial", bad[i]));
        captured_stderr(err, sizeof err);
        ck_assert_uint_eq(count_lines(err), 1);
        ck_assert_ptr_nonnull(strstr(err, "softpc: --serial: "));
    }
    capture_stderr();
    ck_assert(!chardev_parse(&spec, "-serial", "foo"));
    captured_stderr(err, sizeof err);
    ck_assert_str_eq(err, "softpc: -serial: 'foo' is not stdio, file:PATH or none\n");
    capture_stderr();
    ck_assert(!chardev_parse(&spec, "-serial", NULL));
    captured_stderr(err, sizeof err);
    ck_assert_uint_eq(count_lines(err), 1);
}
END_TEST

/* ---- file backend ------------------------------------------------------------ */

START_TEST(test_file_truncates_and_writes_lines)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, "old contents\n", 13), 13);
    close(fd);

    struct chardev_spec spec = { CHARDEV_FILE, path };
    struct chardev c;
    ck_assert(chardev_open(&c, &spec));
    char buf[256];
    ck_assert_uint_eq(slurp(path, buf, sizeof buf), 0); /* truncated */

    for (const char *p = "boot: ok\nlogin: "; *p; p++)
        chardev_write(&c, (uint8_t)*p);
    slurp(path, buf, sizeof buf);
    ck_assert_str_eq(buf, "boot: ok\n"); /* on disk at the newline */
    ck_assert_int_eq(chardev_poll_byte(&c), -1); /* no input; flushes */
    slurp(path, buf, sizeof buf);
    ck_assert_str_eq(buf, "boot: ok\nlogin: ");
    chardev_close(&c);
    ck_assert(!c.write_failed);
}
END_TEST

START_TEST(test_file_complete_after_sigterm)
{
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        struct chardev c;
        struct chardev_spec spec = { CHARDEV_FILE, path };
        if (!chardev_open(&c, &spec))
            _exit(1);
        for (unsigned i = 0; i < 1000; i++)
            for (const char *p = "line of guest output\n"; *p; p++)
                chardev_write(&c, (uint8_t)*p);
        signal(SIGTERM, SIG_DFL);
        raise(SIGTERM); /* dies here: no close, no atexit, no stdio flush */
        _exit(2);
    }
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFSIGNALED(status));
    ck_assert_int_eq(WTERMSIG(status), SIGTERM);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_size, 1000 * 21);
}
END_TEST

START_TEST(test_file_open_error_names_path)
{
    char bad[300];
    snprintf(bad, sizeof bad, "%s/no/such/dir/serial.log", dir);
    struct chardev_spec spec = { CHARDEV_FILE, bad };
    struct chardev c;
    char err[512];
    capture_stderr();
    ck_assert(!chardev_open(&c, &spec));
    captured_stderr(err, sizeof err);
    ck_assert_uint_eq(count_lines(err), 1);
    ck_assert_ptr_nonnull(strstr(err, bad));
}
END_TEST

START_TEST(test_none_drops_output)
{
    struct chardev_spec spec = { CHARDEV_NONE, NULL };
    struct chardev c;
    ck_assert(chardev_open(&c, &spec));
    chardev_write(&c, 'x');
    ck_assert_int_eq(chardev_poll_byte(&c), -1);
    chardev_close(&c);
    ck_assert(!c.write_failed);
}
END_TEST

/* ---- stdio through pipes ------------------------------------------------------- */

static int to_stdin;     /* the test writes here, chardev reads fd 0 */
static int from_stdout;  /* chardev writes fd 1, the test reads here */

static void stdio_on_pipes(struct chardev *c)
{
    int in[2], out[2];
    ck_assert_int_eq(pipe(in), 0);
    ck_assert_int_eq(pipe(out), 0);
    ck_assert_int_ge(dup2(in[0], STDIN_FILENO), 0);
    ck_assert_int_ge(dup2(out[1], STDOUT_FILENO), 0);
    close(in[0]);
    close(out[1]);
    to_stdin = in[1];
    from_stdout = out[0];
    struct chardev_spec spec;
    ck_assert(chardev_parse(&spec, "-serial", "stdio"));
    ck_assert(chardev_open(c, &spec));
}

static void type(const char *bytes, size_t len)
{
    ck_assert_int_eq(write(to_stdin, bytes, len), (ssize_t)len);
}

START_TEST(test_stdio_input_and_escapes)
{
    struct chardev c;
    stdio_on_pipes(&c);
    ck_assert_int_eq(chardev_poll_byte(&c), -1);
    type("ab\001\001c\001qd", 8);
    ck_assert_int_eq(chardev_poll_byte(&c), 'a');
    ck_assert_int_eq(chardev_poll_byte(&c), 'b');
    ck_assert_int_eq(chardev_poll_byte(&c), 0x01); /* Ctrl-A Ctrl-A */
    ck_assert_int_eq(chardev_poll_byte(&c), 'c');
    ck_assert_int_eq(chardev_poll_byte(&c), 'd');  /* Ctrl-A q: both dropped */
    ck_assert_int_eq(chardev_poll_byte(&c), -1);
    ck_assert(!chardev_quit_requested(&c));
    /* Ctrl-A split across two reads still counts. */
    type("\001", 1);
    ck_assert_int_eq(chardev_poll_byte(&c), -1);
    type("x", 1);
    ck_assert_int_eq(chardev_poll_byte(&c), -1);
    ck_assert(chardev_quit_requested(&c));
    /* Ctrl-C is a byte for the guest, not a signal. */
    type("\003", 1);
    ck_assert_int_eq(chardev_poll_byte(&c), 0x03);
    chardev_close(&c);
}
END_TEST

START_TEST(test_stdio_output)
{
    struct chardev c;
    stdio_on_pipes(&c);
    for (const char *p = "hello\r\n$ "; *p; p++)
        chardev_write(&c, (uint8_t)*p);
    char buf[64];
    ssize_t n = read(from_stdout, buf, sizeof buf);
    ck_assert_int_eq(n, 7);
    ck_assert_int_eq(memcmp(buf, "hello\r\n", 7), 0);
    chardev_flush(&c);
    n = read(from_stdout, buf, sizeof buf);
    ck_assert_int_eq(n, 2);
    ck_assert_int_eq(memcmp(buf, "$ ", 2), 0);
    chardev_close(&c);
}
END_TEST

START_TEST(test_stdio_end_of_input)
{
    struct chardev c;
    stdio_on_pipes(&c);
    type("z", 1);
    close(to_stdin);
    ck_assert_int_eq(chardev_poll_byte(&c), 'z');
    ck_assert_int_eq(chardev_poll_byte(&c), -1);
    ck_assert(c.in_eof);
    ck_assert_int_eq(chardev_poll_byte(&c), -1);
    ck_assert(!chardev_quit_requested(&c));
}
END_TEST

START_TEST(test_stdio_quit_seen_behind_full_queue)
{
    /* A guest that reads nothing: the queue fills, yet Ctrl-A x works. */
    struct chardev c;
    stdio_on_pipes(&c);
    char junk[1000];
    memset(junk, 'j', sizeof junk);
    type(junk, sizeof junk);
    type("\001x", 2);
    chardev_pump(&c);
    chardev_pump(&c);
    ck_assert(chardev_quit_requested(&c));
    ck_assert_uint_eq(c.in_count, CHARDEV_IN_QUEUE);
    ck_assert_uint_eq(c.input_dropped, sizeof junk - CHARDEV_IN_QUEUE);
    ck_assert_int_eq(chardev_poll_byte(&c), 'j');
}
END_TEST

/* ---- stdio on a terminal -------------------------------------------------------- */

static void pause_1ms(void)
{
    struct timespec ts = { 0, 1000000 };
    nanosleep(&ts, NULL);
}

START_TEST(test_stdio_tty_raw_and_restored)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    ck_assert_int_ge(master, 0);
    ck_assert_int_eq(grantpt(master), 0);
    ck_assert_int_eq(unlockpt(master), 0);
    int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    ck_assert_int_ge(slave, 0);
    ck_assert_int_ge(dup2(slave, STDIN_FILENO), 0);
    struct termios before;
    ck_assert_int_eq(tcgetattr(STDIN_FILENO, &before), 0);
    ck_assert(before.c_lflag & ICANON);

    struct chardev c;
    struct chardev_spec spec = { CHARDEV_STDIO, NULL };
    ck_assert(chardev_open(&c, &spec));
    struct termios raw;
    ck_assert_int_eq(tcgetattr(STDIN_FILENO, &raw), 0);
    ck_assert_uint_eq(raw.c_lflag & (ICANON | ECHO | ISIG), 0);
    ck_assert_uint_eq(raw.c_iflag & (ICRNL | IXON), 0);
    /* Typed bytes arrive one by one, CR not turned into NL. */
    ck_assert_int_eq(write(master, "k\r", 2), 2);
    int got = -1;
    for (unsigned i = 0; i < 1000 && got < 0; i++) {
        got = chardev_poll_byte(&c);
        if (got < 0)
            pause_1ms();
    }
    ck_assert_int_eq(got, 'k');
    int cr = -1;
    for (unsigned i = 0; i < 1000 && cr < 0; i++) {
        cr = chardev_poll_byte(&c);
        if (cr < 0)
            pause_1ms();
    }
    ck_assert_int_eq(cr, '\r');

    chardev_restore_tty();
    struct termios after;
    ck_assert_int_eq(tcgetattr(STDIN_FILENO, &after), 0);
    ck_assert_uint_eq(after.c_lflag, before.c_lflag);
    ck_assert_uint_eq(after.c_iflag, before.c_iflag);
    chardev_restore_tty(); /* twice is harmless */
    chardev_close(&c);
    close(master);
}
END_TEST

static Suite *chardev_suite(void)
{
    Suite *su = suite_create("chardev");
    TCase *tc = tcase_create("chardev");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_parse_good_values);
    tcase_add_test(tc, test_parse_bad_values);
    tcase_add_test(tc, test_file_truncates_and_writes_lines);
    tcase_add_test(tc, test_file_complete_after_sigterm);
    tcase_add_test(tc, test_file_open_error_names_path);
    tcase_add_test(tc, test_none_drops_output);
    tcase_add_test(tc, test_stdio_input_and_escapes);
    tcase_add_test(tc, test_stdio_output);
    tcase_add_test(tc, test_stdio_end_of_input);
    tcase_add_test(tc, test_stdio_quit_seen_behind_full_queue);
    tcase_add_test(tc, test_stdio_tty_raw_and_restored);
    suite_add_tcase(su, tc);
    return su;
}

int main(void)
{
    return check_run(chardev_suite(), CK_NORMAL);
}
