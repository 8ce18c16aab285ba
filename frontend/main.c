/*
 * main.c - the softpc command line.
 *
 * At this stage softpc has a CPU core and a memory bus but no PC board and
 * no BIOS yet, so there is nothing to boot: the command line knows only
 * --help and --version and says so plainly for anything else.  Options are
 * QEMU-style and take one or two leading dashes.
 */
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: softpc [options]\n"
    "\n"
    "softpc is a pure-software x86 PC emulator.  This build has the CPU core\n"
    "(real mode, decoded-block cache) and the memory bus; the PC board, BIOS\n"
    "and display are not built yet, so it cannot boot a guest.  The CPU is\n"
    "exercised by build/run_vectors and the unit tests (see README.md).\n"
    "\n"
    "options:\n"
    "  -h, --help       show this help and exit\n"
    "  -V, --version    show the version and exit\n";

/* Accepts "-name" and "--name" alike, as QEMU does. */
static int is_option(const char *arg, const char *name)
{
    if (arg[0] != '-')
        return 0;
    arg += arg[1] == '-' ? 2 : 1;
    return strcmp(arg, name) == 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stdout);
        return 0;
    }
    for (int k = 1; k < argc; k++) {
        if (is_option(argv[k], "h") || is_option(argv[k], "help")) {
            fputs(usage, stdout);
            return 0;
        }
        if (is_option(argv[k], "V") || is_option(argv[k], "version")) {
            puts("softpc 0.1.0");
            return 0;
        }
        fprintf(stderr, "softpc: %s: unknown option (see softpc --help)\n", argv[k]);
        return 1;
    }
    return 0;
}
