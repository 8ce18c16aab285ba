/*
 * main.c - the softpc program: parse the command line, run the machine.
 *
 * Options are in frontend/options.c, the run loop and exit statuses in
 * frontend/run.c and frontend/exit_status.h.
 */
#include "frontend/exit_status.h"
#include "frontend/options.h"
#include "frontend/run.h"

int main(int argc, char **argv)
{
    struct options o;
    switch (options_parse(&o, argc, argv)) {
    case OPTIONS_DONE:
        return EXIT_GUEST_OFF;
    case OPTIONS_ERROR:
        return EXIT_EMULATOR_ERROR;
    case OPTIONS_RUN:
        break;
    }
    return run_machine(&o);
}
