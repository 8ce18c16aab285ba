/*
 * run.c - the run loop: open what the options name, build the board, run
 * the CPU in slices, and end the run with the right status and message.
 *
 * Between slices of RUN_SLICE_INSNS instructions the loop looks at what
 * the host asked (SIGINT/SIGTERM, noted by a signal handler that only sets
 * a flag; the --timeout deadline on the monotonic clock; Ctrl-A x on the
 * console), feeds console input to COM1, and at why the slice ended
 * (debug-exit write, HLT, reset, power-off, triple fault).  So the host
 * sees a reaction within one slice, at most a fraction of a second.
 *
 * With a window (frontend/display.h) the loop also refreshes it every
 * DISPLAY_REFRESH_NS of host time, between slices: the window's input
 * goes to the board there, and closing the window ends the run as a
 * power-off does.  A window keeps the run alive where headless would end
 * it: an idle CPU with no timer may still get a key, and a CPU halted for
 * good keeps its last picture on screen (title "Halted") until the window
 * is closed, then exits with status 2.  Ctrl+Alt+P pauses: no slices run,
 * the window stays live.
 *
 * When the guest idles (HLT with interrupts on), --clock virtual jumps
 * emulated time to the next event at once (so idle time costs nothing and
 * runs are reproducible); when the console is an interactive terminal or
 * there is a window it first waits until host time catches up with
 * emulated time, so a shell waiting for keys does not spin and a key held
 * for 50 ms is held for about 50 ms in the guest too.  --clock realtime sleeps until the next
 * event or console input.
 *
 * Every way out goes through finish(), which closes the disk images (every
 * write is already in the file: disk_image writes through), restores the
 * terminal and closes the logs, so nothing is lost whatever ended the run.
 */
#define _POSIX_C_SOURCE 200809L

#include "frontend/run.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <poll.h>
#include <unistd.h>

#include "cpu/cpu.h"
#include "devices/disk_image.h"
#include "devices/i82077_fdc.h"
#include "devices/pc_board.h"
#include "devices/sched.h"
#include "frontend/bios_file.h"
#include "frontend/builtin_bios.h"
#include "frontend/builtin_vgabios.h"
#include "frontend/chardev.h"
#include "frontend/display.h"
#include "frontend/exit_status.h"
#include "frontend/linux_boot.h"
#include "frontend/screenshot.h"
#include "frontend/vgabios_file.h"

/* Instructions per slice.  Small, because the budget counts a REP string
 * instruction's batch (up to 4096 iterations, cpu/ops/string.c) as one:
 * a slice of 1024 REP STOSB batches is still ~4M stores, well under a
 * second even under ASan on a loaded host, while leaving cpu_run every
 * 1024 instructions (a setjmp and a clock read) costs well under 1%. */
#define RUN_SLICE_INSNS 1024u

static volatile sig_atomic_t stop_signal; /* 0, or the signal that asked to stop */

static void note_signal(int sig)
{
    stop_signal = sig;
}

static void catch_stop_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = note_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* "F000:E05B", or eight digits of EIP when it does not fit four. */
static void format_cs_eip(char *buf, size_t len, uint16_t cs, uint32_t eip)
{
    snprintf(buf, len, eip > 0xFFFFu ? "%04X:%08X" : "%04X:%04X", (unsigned)cs,
             (unsigned)eip);
}

/* The host's monotonic clock in ns: the realtime clock source. */
static uint64_t host_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

struct run {
    const struct options *opt;
    uint8_t *bios;              /* a --bios file's contents; NULL: built-in */
    uint8_t *vgabios;           /* a --vgabios file's contents; NULL: built-in */
    FILE *screenshot;           /* --screenshot FILE, opened at start */
    bool realtime;              /* the clock follows the host */
    struct display *display;    /* the window; NULL: headless */
    uint64_t next_frame;        /* host_ns() of the next window refresh */
    bool paused;                /* Ctrl+Alt+P */
    bool halted;                /* halted for good, window kept open */
    uint64_t rate_host, rate_icount, rate_emulated; /* last speed sample */
    struct display_status status;
    FILE *post_log;
    FILE *debugcon;
    struct chardev com1;
    bool com1_open;
    struct disk_image *hd[2];
    struct disk_image *fd;
    struct linux_boot kernel;
    bool have_kernel;
    struct pc_board *board;
    uint64_t host_start;        /* host_ns() at power-on */
};

/* Closes everything; a POST log that could not be written in full turns
 * the status into an emulator error. */
static int finish(struct run *r, int status)
{
    bool log_failed = r->board != NULL && pc_board_post_log_failed(r->board);
    if (r->screenshot != NULL) {
        bool shot_ok = true;
        int err = 0;
        if (r->board != NULL) {
            shot_ok = screenshot_write(r->screenshot, display_surface(r->board, NULL));
            err = errno;
        }
        if (fclose(r->screenshot) != 0 && shot_ok) {
            shot_ok = false;
            err = errno;
        }
        r->screenshot = NULL;
        if (r->board == NULL) {
            remove(r->opt->screenshot); /* the run never started: no picture */
        } else if (!shot_ok) {
            fprintf(stderr, "softpc: %s: cannot write the screenshot: %s\n",
                    r->opt->screenshot, strerror(err));
            status = EXIT_EMULATOR_ERROR;
        }
    }
    if (r->display != NULL)
        r->display->ops->close(r->display);
    r->display = NULL;
    pc_board_destroy(r->board);
    r->board = NULL;
    for (unsigned k = 0; k < 2; k++)
        disk_image_close(r->hd[k]);
    disk_image_close(r->fd);
    if (r->com1_open)
        chardev_close(&r->com1);
    r->com1_open = false;
    if (r->debugcon != NULL) {
        if (r->debugcon == stdout)
            fflush(stdout);
        else
            fclose(r->debugcon);
        r->debugcon = NULL;
    }
    if (r->post_log != NULL) {
        if (fclose(r->post_log) != 0)
            log_failed = true;
        r->post_log = NULL;
    }
    if (log_failed) {
        fprintf(stderr, "softpc: %s: could not write the POST log in full\n",
                r->opt->post_log);
        status = EXIT_EMULATOR_ERROR;
    }
    if (r->have_kernel)
        linux_boot_free(&r->kernel);
    free(r->bios);
    free(r->vgabios);
    return status;
}

/* Headless, the run ends here; a window keeps showing the last picture
 * until it is closed (run_loop then exits with EXIT_HALTED). */
static int stop_halted(struct run *r, const char *why)
{
    const struct cpu *c = pc_board_cpu(r->board);
    char at[24];
    format_cs_eip(at, sizeof at, c->seg[SEG_CS].selector, c->insn_eip);
    fprintf(stderr, "softpc: CPU halted at %s %s: nothing can wake it%s\n", at, why,
            r->display != NULL ? " (close the window to exit)" : "");
    if (r->display != NULL) {
        r->halted = true;
        return -1;
    }
    return finish(r, EXIT_HALTED);
}

static int stop_triple_fault(struct run *r, bool triple)
{
    const struct cpu *c = pc_board_cpu(r->board);
    char at[24];
    format_cs_eip(at, sizeof at, c->seg[SEG_CS].selector, c->eip);
    if (triple)
        fprintf(stderr, "softpc: triple fault at %s: the CPU shut down (-no-reboot: "
                "exiting instead of resetting)\n", at);
    else
        fprintf(stderr, "softpc: the guest asked for a reset at %s (-no-reboot: "
                "exiting instead)\n", at);
    return finish(r, EXIT_TRIPLE_FAULT);
}

static int stop_by_host(struct run *r, int sig)
{
    const struct cpu *c = pc_board_cpu(r->board);
    char at[24];
    format_cs_eip(at, sizeof at, c->seg[SEG_CS].selector, c->eip);
    fprintf(stderr, "softpc: stopped by %s (CPU at %s, %llu instructions)\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM", at, (unsigned long long)c->icount);
    return finish(r, sig == SIGINT ? EXIT_SIGINT : EXIT_SIGTERM);
}

static int stop_timeout(struct run *r)
{
    const struct cpu *c = pc_board_cpu(r->board);
    char at[24];
    format_cs_eip(at, sizeof at, c->seg[SEG_CS].selector, c->eip);
    fprintf(stderr, "softpc: --timeout: %g s of host time expired (CPU at %s)\n",
            r->opt->timeout_s, at);
    return finish(r, EXIT_TIMEOUT);
}

/* Console bytes typed since the last slice go to COM1, as many as its
 * FIFO takes; the rest wait in the chardev's queue. */
static void feed_console(struct run *r)
{
    chardev_pump(&r->com1);
    while (pc_board_serial_can_receive(r->board, 0)) {
        int byte = chardev_poll_byte(&r->com1);
        if (byte < 0)
            return;
        pc_board_serial_input(r->board, 0, (uint8_t)byte);
    }
}

static bool console_has_input(const struct run *r)
{
    return r->com1.in_fd >= 0 && !r->com1.in_eof;
}

static bool console_is_interactive(const struct run *r)
{
    return console_has_input(r) && isatty(r->com1.in_fd);
}

/* Sleep until host time `until_ns` (host_ns scale), at most 100 ms and
 * not past the window's next refresh, or until console input arrives. */
static void wait_host(struct run *r, uint64_t until_ns)
{
    if (r->display != NULL && until_ns > r->next_frame)
        until_ns = r->next_frame;
    uint64_t now = host_ns();
    if (until_ns <= now)
        return;
    uint64_t ms = (until_ns - now + 999999u) / 1000000u;
    struct pollfd pfd = { .fd = console_has_input(r) ? r->com1.in_fd : -1, .events = POLLIN };
    poll(&pfd, 1, ms > 100 ? 100 : (int)ms);
}

/* The guest idles in HLT with interrupts on.  Returns false if nothing
 * can ever wake it (no event pending, no console input possible, no
 * window to type into). */
static bool idle(struct run *r)
{
    chardev_flush(&r->com1);
    uint64_t next = pc_board_next_event(r->board);
    if (next == SCHED_NEVER) {
        if (!console_has_input(r) && r->display == NULL)
            return false;
        wait_host(r, host_ns() + 100000000u);
        return true;
    }
    uint64_t now = pc_board_now(r->board);
    if (r->realtime) {
        wait_host(r, host_ns() + (next - now));
        return true;
    }
    /* Virtual: don't run ahead of the host while someone may be typing,
     * on the terminal or into the window.  Otherwise a key's press and
     * release, two host events some milliseconds apart, would be seconds
     * apart in the guest, past the keyboard's typematic delay. */
    if (console_is_interactive(r) || r->display != NULL)
        wait_host(r, r->host_start + next);
    pc_board_skip_to(r->board, next);
    return true;
}

/* Once a second: instructions and emulated time per host second. */
static void sample_speed(struct run *r, uint64_t now)
{
    uint64_t elapsed = now - r->rate_host;
    if (elapsed < 1000000000u)
        return;
    uint64_t icount = pc_board_cpu(r->board)->icount;
    uint64_t emulated = pc_board_now(r->board);
    r->status.mips = (double)(icount - r->rate_icount) * 1e3 / (double)elapsed;
    r->status.speed_percent = (double)(emulated - r->rate_emulated) * 100.0 / (double)elapsed;
    r->rate_host = now;
    r->rate_icount = icount;
    r->rate_emulated = emulated;
}

/* The window's turn, when its refresh is due: true if it was closed. */
static bool refresh_display(struct run *r)
{
    if (r->display == NULL)
        return false;
    uint64_t now = host_ns();
    if (now < r->next_frame)
        return false;
    r->next_frame = now + DISPLAY_REFRESH_NS;
    sample_speed(r, now);
    r->status.state = r->halted ? DISPLAY_HALTED : r->paused ? DISPLAY_PAUSED : DISPLAY_RUNNING;
    unsigned ask = r->display->ops->refresh(r->display, r->board, &r->status);
    if (ask & DISPLAY_ASK_TOGGLE_PAUSE)
        r->paused = !r->paused;
    return (ask & DISPLAY_ASK_QUIT) != 0;
}

static int run_loop(struct run *r)
{
    double deadline = r->opt->timeout_s > 0 ? now_seconds() + r->opt->timeout_s : 0;
    for (;;) {
        int sig = stop_signal;
        if (sig != 0)
            return stop_by_host(r, sig);
        if (deadline > 0 && now_seconds() >= deadline)
            return stop_timeout(r);
        if (chardev_quit_requested(&r->com1)) {
            fprintf(stderr, "softpc: quit from the console (Ctrl-A x)\n");
            return finish(r, EXIT_GUEST_OFF);
        }
        if (refresh_display(r))
            return finish(r, r->halted ? EXIT_HALTED : EXIT_GUEST_OFF);
        if (r->halted || r->paused) {
            wait_host(r, r->next_frame);
            continue;
        }
        feed_console(r);
        enum pc_board_event ev = pc_board_run(r->board, RUN_SLICE_INSNS);
        int status;
        switch (ev) {
        case PC_BOARD_RUNNING:
            break;
        case PC_BOARD_EXIT:
            return finish(r, pc_board_exit_status(r->board));
        case PC_BOARD_POWER_OFF:
            return finish(r, EXIT_GUEST_OFF);
        case PC_BOARD_HALTED_IF_CLEAR:
            if ((status = stop_halted(r, "with interrupts disabled (IF=0)")) >= 0)
                return status;
            break;
        case PC_BOARD_HALTED_MASKED:
            if ((status = stop_halted(r, "with every interrupt masked at the 8259")) >= 0)
                return status;
            break;
        case PC_BOARD_IDLE:
            if (!idle(r) &&
                (status = stop_halted(r, "with no timer armed and no console input")) >= 0)
                return status;
            break;
        case PC_BOARD_SHUTDOWN:
        case PC_BOARD_RESET:
            if (r->opt->no_reboot)
                return stop_triple_fault(r, ev == PC_BOARD_SHUTDOWN);
            pc_board_reset(r->board);
            break;
        }
    }
}

static bool open_disk(struct run *r, const char *path, const char *option,
                      struct disk_image **out)
{
    if (path == NULL)
        return true;
    char err[256];
    *out = disk_image_open(path, false, r->opt->snapshot, err, sizeof err);
    if (*out == NULL) {
        fprintf(stderr, "softpc: %s %s\n", option, err);
        return false;
    }
    return true;
}

static bool open_floppy(struct run *r)
{
    if (!open_disk(r, r->opt->fda, "-fda", &r->fd))
        return false;
    if (r->fd == NULL)
        return true;
    struct floppy_geometry g;
    uint64_t bytes = disk_image_sectors(r->fd) * DISK_SECTOR_SIZE;
    if (!floppy_geometry_for_size(bytes, &g)) {
        fprintf(stderr, "softpc: -fda %s: %llu bytes is not a floppy size (160K, 180K, "
                "320K, 360K, 720K, 1.2M, 1.44M, 1.68M, 2.88M)\n", r->opt->fda,
                (unsigned long long)bytes);
        return false;
    }
    return true;
}

static bool open_logs(struct run *r)
{
    const struct options *o = r->opt;
    if (o->post_log != NULL) {
        r->post_log = fopen(o->post_log, "w");
        if (r->post_log == NULL) {
            fprintf(stderr, "softpc: %s: cannot open the POST log: %s\n", o->post_log,
                    strerror(errno));
            return false;
        }
    }
    if (o->debugcon != NULL) {
        r->debugcon = strcmp(o->debugcon, "stdio") == 0 ? stdout : fopen(o->debugcon, "w");
        if (r->debugcon == NULL) {
            fprintf(stderr, "softpc: %s: cannot open the debug console file: %s\n", o->debugcon,
                    strerror(errno));
            return false;
        }
        /* Line by line, so a watcher (tests/display) sees each line as the
         * guest ends it, not when the run ends. */
        if (r->debugcon != stdout)
            setvbuf(r->debugcon, NULL, _IOLBF, 0);
    }
    return true;
}

static void kernel_load(void *opaque, struct phys_space *ps)
{
    linux_boot_load(opaque, ps);
}

/* The default boot order: the hard disk if there is one, then the floppy. */
static void boot_order(const struct run *r, uint8_t out[3])
{
    const struct options *o = r->opt;
    memset(out, 0, 3);
    if (o->boot_given) {
        for (unsigned k = 0; k < OPTIONS_BOOT_SLOTS; k++)
            out[k] = (uint8_t)o->boot[k];
        return;
    }
    unsigned n = 0;
    if (o->fda != NULL && o->hda == NULL)
        out[n++] = BOOT_FLOPPY;
    out[n++] = BOOT_DISK;
    if (out[0] != BOOT_FLOPPY)
        out[n] = BOOT_FLOPPY;
}

/* --vgabios FILE, or the built-in VGA BIOS (none if it is empty). */
static bool load_vgabios(struct run *r, const uint8_t **rom, size_t *size)
{
    *rom = NULL;
    *size = 0;
    if (!r->opt->vga)
        return true;
    if (r->opt->vgabios != NULL) {
        r->vgabios = vgabios_file_load(r->opt->vgabios, size);
        *rom = r->vgabios;
        return r->vgabios != NULL;
    }
    if (builtin_vgabios_size > 0) {
        *rom = builtin_vgabios;
        *size = builtin_vgabios_size;
    }
    return true;
}

/* Created now, so a file that cannot be written stops the run before it
 * starts; written by finish(). */
static bool open_screenshot(struct run *r)
{
    if (r->opt->screenshot == NULL)
        return true;
    r->screenshot = fopen(r->opt->screenshot, "wb");
    if (r->screenshot == NULL) {
        fprintf(stderr, "softpc: --screenshot %s: cannot create the file: %s\n",
                r->opt->screenshot, strerror(errno));
        return false;
    }
    return true;
}

/* The window, when the options (or the host's DISPLAY) ask for one.  A
 * window asked for with -display sdl must open; the default one falls
 * back to headless, saying so in one line. */
static bool open_display(struct run *r)
{
    if (display_resolve(r->opt->display) != DISPLAY_SDL)
        return true;
    char err[256] = "this softpc was built without SDL2";
#ifdef SOFTPC_HAVE_SDL
    struct display_config dc = { .full_screen = r->opt->full_screen };
    r->display = display_sdl_open(&dc, err, sizeof err);
#endif
    if (r->display != NULL)
        return true;
    if (r->opt->display == DISPLAY_DEFAULT) {
        fprintf(stderr, "softpc: no window (%s): running headless\n", err);
        return true;
    }
    fprintf(stderr, "softpc: -display sdl: cannot open a window: %s\n", err);
    return false;
}

int run_machine(const struct options *o)
{
    struct run r = { .opt = o };
    const uint8_t *bios = builtin_bios;
    size_t bios_size = builtin_bios_size;
    if (o->bios != NULL) {
        r.bios = bios_file_load(o->bios, &bios_size);
        if (r.bios == NULL)
            return EXIT_EMULATOR_ERROR;
        bios = r.bios;
    }
    const uint8_t *vga_rom;
    size_t vga_rom_size;
    if (!load_vgabios(&r, &vga_rom, &vga_rom_size) || !open_screenshot(&r))
        return finish(&r, EXIT_EMULATOR_ERROR);
    if (!open_disk(&r, o->hda, "-hda", &r.hd[0]) || !open_disk(&r, o->hdb, "-hdb", &r.hd[1]) ||
        !open_floppy(&r))
        return finish(&r, EXIT_EMULATOR_ERROR);
    if (o->kernel != NULL) {
        if (!linux_boot_prepare(&r.kernel, o->kernel, o->initrd, o->append,
                                (uint64_t)o->ram_mib << 20))
            return finish(&r, EXIT_EMULATOR_ERROR);
        r.have_kernel = true;
    }
    if (!open_logs(&r) || !open_display(&r))
        return finish(&r, EXIT_EMULATOR_ERROR);
    r.realtime = o->clock == CLOCK_CHOICE_REALTIME ||
                 (o->clock == CLOCK_CHOICE_DEFAULT && r.display != NULL);
    /* COM1 defaults to the terminal only without a window (QEMU puts it
     * on a virtual console of the window, which softpc does not have). */
    const char *serial = o->serial != NULL ? o->serial : r.display != NULL ? "none" : "stdio";
    struct chardev_spec spec;
    if (!chardev_parse(&spec, "-serial", serial) || !chardev_open(&r.com1, &spec))
        return finish(&r, EXIT_EMULATOR_ERROR);
    r.com1_open = true;
    struct pc_board_config cfg = {
        .ram_mib = o->ram_mib,
        .bios = bios,
        .bios_size = bios_size,
        .post_log = r.post_log,
        .debugcon = r.debugcon,
        .virtual_clock = !r.realtime,
        .host_ns = host_ns,
        .hd = { r.hd[0], r.hd[1], NULL, NULL },
        .fd = { r.fd, NULL },
        .com_write = { chardev_write, NULL },
        .com_opaque = { &r.com1, NULL },
        .vga = o->vga,
        .vga_rom = vga_rom,
        .vga_rom_size = vga_rom_size,
        .serial_mirror = r.display == NULL,
    };
    /* The RTC: the host's date for realtime; a fixed one for virtual, so
     * two runs see the same time (2026-01-01 00:00:00 UTC). */
    cfg.rtc_start = r.realtime ? (uint64_t)time(NULL) : UINT64_C(1767225600);
    boot_order(&r, cfg.boot_order);
    if (r.have_kernel) {
        cfg.kernel_load = kernel_load;
        cfg.kernel_opaque = &r.kernel;
        cfg.kernel_setup_segment = linux_boot_setup_segment();
        cfg.kernel_setup_sp = LINUX_SETUP_SP;
    }
    r.board = pc_board_create(&cfg);
    if (r.board == NULL) {
        fprintf(stderr, "softpc: -m %u: cannot build the machine (out of host memory?)\n",
                (unsigned)o->ram_mib);
        return finish(&r, EXIT_EMULATOR_ERROR);
    }
    r.host_start = host_ns();
    r.rate_host = r.host_start;
    r.next_frame = r.host_start;
    catch_stop_signals();
    return run_loop(&r);
}
