/*
 * options.c - parsing the softpc command line (see options.h).
 *
 * Each option is one row of `option_table`; the parser strips one or two
 * dashes, splits "--name=value", finds the row, takes the value from the
 * same argument or the next one, and hands it to the row's setter.  The
 * first error ends parsing with one line on stderr.  --help and --version
 * print and end parsing where they stand, as in QEMU.
 */
#include "frontend/options.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/pc_board.h"

static const char usage[] =
    "usage: softpc --bios FILE [options]\n"
    "\n"
    "softpc is a pure-software x86 PC emulator.  This build has the CPU core\n"
    "(real mode, decoded-block cache), the memory bus and a minimal board\n"
    "that runs a raw BIOS or test ROM image: RAM, the ROM, the POST port\n"
    "0x80 and the debug-exit port 0x501.  There is no BIOS of its own yet,\n"
    "no interrupt controller, disk or display, so it cannot boot an\n"
    "operating system.  Options take one or two dashes, and a value as the\n"
    "next argument or after '='.\n"
    "\n"
    "options:\n"
    "  -bios FILE         firmware image to run (raw, a multiple of 64 KiB,\n"
    "                     at most 1 MiB; mapped to end at 4 GiB, and its top\n"
    "                     128 KiB at most to end at 1 MiB)\n"
    "  -m MB              RAM size in MiB, 1 to 3072 (default 32); a suffix\n"
    "                     M or G gives the unit\n"
    "  -post-log FILE     write each byte the guest sends to port 0x80 to FILE\n"
    "                     as two hex digits and a newline (FILE is truncated)\n"
    "  -debugcon stdio|FILE  copy bytes the guest writes to port 0xE9 to stdout\n"
    "                     or FILE (Bochs/QEMU debug console; test ROMs say why\n"
    "                     a check failed there)\n"
    "  -timeout SECONDS   stop after SECONDS of host time (fractions allowed)\n"
    "  -no-reboot         exit on a triple fault instead of resetting the CPU\n"
    "  -h, -help          show this help and exit\n"
    "  -V, -version       show the version and exit\n"
    "\n"
    "exit status:\n"
    "  0    clean exit (--help, --version)\n"
    "  1    emulator error: bad option, unreadable or wrong-sized file\n"
    "  2    the CPU halted with nothing that could wake it\n"
    "  3    triple fault with -no-reboot\n"
    "  124  -timeout expired\n"
    "  130  SIGINT, 143 SIGTERM\n"
    "  (v << 1) | 1, modulo 256: the guest wrote v to port 0x501 (as QEMU's\n"
    "       isa-debug-exit,iobase=0x501,iosize=2)\n";

static const char version[] = "softpc 0.1.0\n";

/* The option as the user wrote it, for messages ("-m", "--bios"). */
struct arg {
    const char *spelled;   /* the argument up to any '=' */
    int spelled_len;
};

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void option_error(const struct arg *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "softpc: %.*s: ", a->spelled_len, a->spelled);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* "32", "32M", "2G" -> MiB; false if malformed or out of range. */
static bool parse_ram_mib(const char *s, uint32_t *out)
{
    uint64_t n = 0;
    const char *p = s;
    if (!isdigit((unsigned char)*p))
        return false;
    for (; isdigit((unsigned char)*p); p++) {
        n = n * 10 + (uint64_t)(*p - '0');
        if (n > PC_BOARD_MAX_RAM_MIB)
            return false;
    }
    if ((*p == 'G' || *p == 'g') && p[1] == '\0')
        n *= 1024;
    else if (!((*p == 'M' || *p == 'm') && p[1] == '\0') && *p != '\0')
        return false;
    if (n < PC_BOARD_MIN_RAM_MIB || n > PC_BOARD_MAX_RAM_MIB)
        return false;
    *out = (uint32_t)n;
    return true;
}

static bool parse_seconds(const char *s, double *out)
{
    if (!isdigit((unsigned char)s[0]) && s[0] != '.')
        return false;
    char *end;
    double v = strtod(s, &end);
    if (*end != '\0' || !isfinite(v) || v <= 0 || v > OPTIONS_MAX_TIMEOUT_S)
        return false;
    *out = v;
    return true;
}

static bool set_bios(struct options *o, const struct arg *a, const char *v)
{
    if (v[0] == '\0') {
        option_error(a, "the file name is empty");
        return false;
    }
    o->bios = v;
    return true;
}

static bool set_post_log(struct options *o, const struct arg *a, const char *v)
{
    if (v[0] == '\0') {
        option_error(a, "the file name is empty");
        return false;
    }
    o->post_log = v;
    return true;
}

static bool set_debugcon(struct options *o, const struct arg *a, const char *v)
{
    if (v[0] == '\0') {
        option_error(a, "give stdio or a file name");
        return false;
    }
    o->debugcon = v;
    return true;
}

static bool set_ram(struct options *o, const struct arg *a, const char *v)
{
    if (parse_ram_mib(v, &o->ram_mib))
        return true;
    option_error(a, "'%s' is not a RAM size: give a whole number of MiB from 1 to 3072 "
                 "(suffix M or G allowed)", v);
    return false;
}

static bool set_timeout(struct options *o, const struct arg *a, const char *v)
{
    if (parse_seconds(v, &o->timeout_s))
        return true;
    option_error(a, "'%s' is not a time: give seconds, more than 0 and at most 1000000", v);
    return false;
}

static bool set_no_reboot(struct options *o, const struct arg *a, const char *v)
{
    (void)a;
    (void)v;
    o->no_reboot = true;
    return true;
}

enum option_kind { OPT_VALUE, OPT_FLAG, OPT_HELP, OPT_VERSION };

struct option_row {
    const char *name;
    enum option_kind kind;
    bool (*set)(struct options *o, const struct arg *a, const char *value);
};

static const struct option_row option_table[] = {
    { "bios", OPT_VALUE, set_bios },
    { "m", OPT_VALUE, set_ram },
    { "post-log", OPT_VALUE, set_post_log },
    { "debugcon", OPT_VALUE, set_debugcon },
    { "timeout", OPT_VALUE, set_timeout },
    { "no-reboot", OPT_FLAG, set_no_reboot },
    { "h", OPT_HELP, NULL },
    { "help", OPT_HELP, NULL },
    { "V", OPT_VERSION, NULL },
    { "version", OPT_VERSION, NULL },
};

static const struct option_row *find_option(const char *name, size_t len)
{
    for (size_t k = 0; k < sizeof option_table / sizeof option_table[0]; k++) {
        const char *n = option_table[k].name;
        if (strlen(n) == len && strncmp(n, name, len) == 0)
            return &option_table[k];
    }
    return NULL;
}

enum options_result options_parse(struct options *o, int argc, char **argv)
{
    *o = (struct options){ .ram_mib = OPTIONS_DEFAULT_RAM_MIB };
    for (int k = 1; k < argc; k++) {
        const char *arg = argv[k];
        const char *name = arg + (arg[0] == '-') + (arg[0] == '-' && arg[1] == '-');
        if (arg[0] != '-' || name[0] == '\0' || name[0] == '-' || name[0] == '=') {
            fprintf(stderr, "softpc: %s: unexpected argument (softpc takes only "
                    "options; see softpc --help)\n", arg);
            return OPTIONS_ERROR;
        }
        const char *eq = strchr(name, '=');
        size_t name_len = eq ? (size_t)(eq - name) : strlen(name);
        struct arg a = { arg, (int)(name + name_len - arg) };
        const struct option_row *row = find_option(name, name_len);
        if (row == NULL) {
            fprintf(stderr, "softpc: %.*s: unknown option (see softpc --help)\n",
                    a.spelled_len, a.spelled);
            return OPTIONS_ERROR;
        }
        if (row->kind != OPT_VALUE && eq != NULL) {
            option_error(&a, "takes no value (got '%s')", eq + 1);
            return OPTIONS_ERROR;
        }
        if (row->kind == OPT_HELP) {
            fputs(usage, stdout);
            return OPTIONS_DONE;
        }
        if (row->kind == OPT_VERSION) {
            fputs(version, stdout);
            return OPTIONS_DONE;
        }
        const char *value = NULL;
        if (row->kind == OPT_VALUE) {
            if (eq != NULL) {
                value = eq + 1;
            } else if (k + 1 < argc) {
                value = argv[++k];
            } else {
                option_error(&a, "needs a value (see softpc --help)");
                return OPTIONS_ERROR;
            }
        }
        if (!row->set(o, &a, value))
            return OPTIONS_ERROR;
    }
    return OPTIONS_RUN;
}
