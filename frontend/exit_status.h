/*
 * exit_status.h - the process exit statuses softpc chooses itself.
 *
 * The guest picks the others through the debug-exit port 0x501: a write
 * of v exits with (v << 1) | 1 (devices/debug_exit.h).  README.md
 * ("Running a test ROM") and --help list them for users.
 */
#ifndef SOFTPC_FRONTEND_EXIT_STATUS_H
#define SOFTPC_FRONTEND_EXIT_STATUS_H

enum {
    EXIT_GUEST_OFF = 0,      /* clean exit (--help, --version) */
    EXIT_EMULATOR_ERROR = 1, /* bad option or file, out of memory */
    EXIT_HALTED = 2,         /* HLT with nothing that could wake the CPU */
    EXIT_TRIPLE_FAULT = 3,   /* triple fault with --no-reboot */
    EXIT_TIMEOUT = 124,      /* --timeout expired (as timeout(1)) */
    EXIT_SIGINT = 130,       /* 128 + SIGINT, as shells report it */
    EXIT_SIGTERM = 143,      /* 128 + SIGTERM */
};

#endif
