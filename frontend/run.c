/*
 * run.c - the run loop: load the firmware, build the board, run the CPU
 * in slices, and end the run with the right status and message.
 *
 * Between slices of RUN_SLICE_INSNS instructions the loop looks at what
 * the host asked (SIGINT/SIGTERM, noted by a signal handler that only sets
 * a flag; the --timeout deadline on the monotonic clock) and at why the
 * slice ended (debug-exit write, HLT, triple fault).  So the host sees a
 * reaction within one slice, at most a fraction of a second.  Every way out goes
 * through finish(), which flushes and closes the POST log, so the log is
 * complete whatever ended the run.
 *
 * Not here: a real-time or virtual clock for devices (there are none that
 * need one yet), waiting in HLT for an interrupt (nothing can raise one).
 */
#define _POSIX_C_SOURCE 200809L

#include "frontend/run.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cpu/cpu.h"
#include "devices/pc_board.h"
#include "frontend/bios_file.h"
#include "frontend/exit_status.h"

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

struct run {
    const struct options *opt;
    uint8_t *bios;
    FILE *post_log;
    FILE *debugcon;
    struct pc_board *board;
};

/* Closes the POST log and frees everything; a POST log that could not be
 * written in full turns the status into an emulator error. */
static int finish(struct run *r, int status)
{
    bool log_failed = r->board != NULL && pc_board_post_log_failed(r->board);
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
    pc_board_destroy(r->board);
    free(r->bios);
    return status;
}

static int stop_halted(struct run *r, enum pc_board_event ev)
{
    const struct cpu *c = pc_board_cpu(r->board);
    char at[24];
    format_cs_eip(at, sizeof at, c->seg[SEG_CS].selector, c->insn_eip);
    if (ev == PC_BOARD_HALTED_IF_CLEAR)
        fprintf(stderr, "softpc: CPU halted at %s with interrupts disabled (IF=0): "
                "nothing can wake it\n", at);
    else
        fprintf(stderr, "softpc: CPU halted at %s with interrupts enabled, but this board "
                "has no interrupt source yet: nothing can wake it\n", at);
    return finish(r, EXIT_HALTED);
}

static int stop_triple_fault(struct run *r)
{
    const struct cpu *c = pc_board_cpu(r->board);
    char at[24];
    format_cs_eip(at, sizeof at, c->seg[SEG_CS].selector, c->eip);
    fprintf(stderr, "softpc: triple fault at %s: the CPU shut down (--no-reboot: "
            "exiting instead of resetting)\n", at);
    return finish(r, EXIT_TRIPLE_FAULT);
}

static int stop_by_host(struct run *r, int sig)
{
    fprintf(stderr, "softpc: stopped by %s\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
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

static int run_loop(struct run *r)
{
    double deadline = r->opt->timeout_s > 0 ? now_seconds() + r->opt->timeout_s : 0;
    for (;;) {
        int sig = stop_signal;
        if (sig != 0)
            return stop_by_host(r, sig);
        if (deadline > 0 && now_seconds() >= deadline)
            return stop_timeout(r);
        enum pc_board_event ev = pc_board_run(r->board, RUN_SLICE_INSNS);
        switch (ev) {
        case PC_BOARD_RUNNING:
            break;
        case PC_BOARD_EXIT:
            return finish(r, pc_board_exit_status(r->board));
        case PC_BOARD_HALTED_IF_CLEAR:
        case PC_BOARD_HALTED_NO_IRQ:
            return stop_halted(r, ev);
        case PC_BOARD_SHUTDOWN:
            if (r->opt->no_reboot)
                return stop_triple_fault(r);
            pc_board_reset(r->board);
            break;
        }
    }
}

int run_machine(const struct options *o)
{
    struct run r = { .opt = o };
    if (o->bios == NULL) {
        fputs("softpc: no --bios FILE given: softpc has no BIOS of its own yet, so for now "
              "it needs --bios FILE, a firmware image to run (see softpc --help)\n",
              stderr);
        return EXIT_EMULATOR_ERROR;
    }
    size_t bios_size = 0;
    r.bios = bios_file_load(o->bios, &bios_size);
    if (r.bios == NULL)
        return EXIT_EMULATOR_ERROR;
    if (o->post_log != NULL) {
        r.post_log = fopen(o->post_log, "w");
        if (r.post_log == NULL) {
            fprintf(stderr, "softpc: %s: cannot open the POST log: %s\n", o->post_log,
                    strerror(errno));
            return finish(&r, EXIT_EMULATOR_ERROR);
        }
    }
    if (o->debugcon != NULL) {
        r.debugcon = strcmp(o->debugcon, "stdio") == 0 ? stdout : fopen(o->debugcon, "w");
        if (r.debugcon == NULL) {
            fprintf(stderr, "softpc: %s: cannot open the debug console file: %s\n", o->debugcon,
                    strerror(errno));
            return finish(&r, EXIT_EMULATOR_ERROR);
        }
    }
    struct pc_board_config cfg = {
        .ram_mib = o->ram_mib,
        .bios = r.bios,
        .bios_size = bios_size,
        .post_log = r.post_log,
        .debugcon = r.debugcon,
    };
    r.board = pc_board_create(&cfg);
    if (r.board == NULL) {
        fprintf(stderr, "softpc: -m %u: cannot build the machine (out of host memory?)\n",
                (unsigned)o->ram_mib);
        return finish(&r, EXIT_EMULATOR_ERROR);
    }
    catch_stop_signals();
    return run_loop(&r);
}
