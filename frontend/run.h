/*
 * run.h - running the board the options describe, until the guest or the
 * host ends the run, and turning how it ended into an exit status
 * (frontend/exit_status.h).
 */
#ifndef SOFTPC_FRONTEND_RUN_H
#define SOFTPC_FRONTEND_RUN_H

#include "frontend/options.h"

/* Returns the process exit status; every message is one line on stderr. */
int run_machine(const struct options *o);

#endif
