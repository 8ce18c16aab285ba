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
 * When the guest idles (HLT with interrupts on), --clock virtual jumps
 * emulated time to the next event at once (so idle time costs nothing and
 * runs are reproducible); when the console is an interactive terminal it
 * first waits until host time catches up with emulated time, so a shell
 * waiting for keys does not spin.  --clock realtime sleeps until the next
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
#include "frontend/exit_status.h"
#include "frontend/linux_boot.h"

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
    return status;
}

static int stop_halted(struct run *r, const char *why)
{
    const struct cpu *c = pc_board_cpu(r->board);
    char at[24];
    format_cs_eip(at, sizeof at, c->seg[SEG_CS].selector, c->insn_eip);
    fprintf(stderr, "softpc: CPU halted at %s %s: nothing can wake it\n", at, why);
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

/* Sleep until host time `until_ns` (host_ns scale), at most 100 ms, or
 * until console input arrives. */
static void wait_host(struct run *r, uint64_t until_ns)
{
    uint64_t now = host_ns();
    if (until_ns <= now)
        return;
    uint64_t ms = (until_ns - now + 999999u) / 1000000u;
    struct pollfd pfd = { .fd = console_has_input(r) ? r->com1.in_fd : -1, .events = POLLIN };
    poll(&pfd, 1, ms > 100 ? 100 : (int)ms);
}

/* The guest idles in HLT with interrupts on.  Returns false if nothing
 * can ever wake it (no event pending and no console input possible). */
static bool idle(struct run *r)
{
    chardev_flush(&r->com1);
    uint64_t next = pc_board_next_event(r->board);
    if (next == SCHED_NEVER) {
        if (!console_has_input(r))
            return false;
        wait_host(r, host_ns() + 100000000u);
        return true;
    }
    uint64_t now = pc_board_now(r->board);
    if (r->opt->clock == CLOCK_CHOICE_REALTIME) {
        wait_host(r, host_ns() + (next - now));
        return true;
    }
    /* Virtual: don't run ahead of the host while someone may be typing. */
    if (console_is_interactive(r))
        wait_host(r, r->host_start + next);
    pc_board_skip_to(r->board, next);
    return true;
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
        feed_console(r);
        enum pc_board_event ev = pc_board_run(r->board, RUN_SLICE_INSNS);
        switch (ev) {
        case PC_BOARD_RUNNING:
            break;
        case PC_BOARD_EXIT:
            return finish(r, pc_board_exit_status(r->board));
        case PC_BOARD_POWER_OFF:
            return finish(r, EXIT_GUEST_OFF);
        case PC_BOARD_HALTED_IF_CLEAR:
            return stop_halted(r, "with interrupts disabled (IF=0)");
        case PC_BOARD_HALTED_MASKED:
            return stop_halted(r, "with every interrupt masked at the 8259");
        case PC_BOARD_IDLE:
            if (!idle(r))
                return stop_halted(r, "with no timer armed and no console input");
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
    if (!open_disk(&r, o->hda, "-hda", &r.hd[0]) || !open_disk(&r, o->hdb, "-hdb", &r.hd[1]) ||
        !open_floppy(&r))
        return finish(&r, EXIT_EMULATOR_ERROR);
    if (o->kernel != NULL) {
        if (!linux_boot_prepare(&r.kernel, o->kernel, o->initrd, o->append,
                                (uint64_t)o->ram_mib << 20))
            return finish(&r, EXIT_EMULATOR_ERROR);
        r.have_kernel = true;
    }
    if (!open_logs(&r))
        return finish(&r, EXIT_EMULATOR_ERROR);
    struct chardev_spec spec;
    if (!chardev_parse(&spec, "-serial", o->serial != NULL ? o->serial : "stdio") ||
        !chardev_open(&r.com1, &spec))
        return finish(&r, EXIT_EMULATOR_ERROR);
    r.com1_open = true;
    struct pc_board_config cfg = {
        .ram_mib = o->ram_mib,
        .bios = bios,
        .bios_size = bios_size,
        .post_log = r.post_log,
        .debugcon = r.debugcon,
        .virtual_clock = o->clock != CLOCK_CHOICE_REALTIME,
        .host_ns = host_ns,
        .hd = { r.hd[0], r.hd[1], NULL, NULL },
        .fd = { r.fd, NULL },
        .com_write = { chardev_write, NULL },
        .com_opaque = { &r.com1, NULL },
        /* The std VGA with our VGA BIOS; no window yet, so the BIOS copies
         * INT 10h teletype output to COM1 as before. */
        .vga = true,
        .vga_rom = builtin_vgabios,
        .vga_rom_size = builtin_vgabios_size,
        .serial_mirror = true,
    };
    /* The RTC: the host's date for realtime; a fixed one for virtual, so
     * two runs see the same time (2026-01-01 00:00:00 UTC). */
    cfg.rtc_start = o->clock == CLOCK_CHOICE_REALTIME ? (uint64_t)time(NULL) : UINT64_C(1767225600);
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
    catch_stop_signals();
    return run_loop(&r);
}
