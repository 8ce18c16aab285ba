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
    "usage: softpc [options]\n"
    "\n"
    "softpc is a pure-software x86 PC emulator: a P6-class CPU with x87 and\n"
    "MMX on an i440FX/PIIX3 PC (8259 PIC, 8254 PIT, RTC/CMOS, 8042 keyboard\n"
    "and mouse, 16550 UARTs, IDE, floppy, DMA, ACPI power management, a PCI\n"
    "VGA with Bochs VBE) with its own BIOS and VGA BIOS.  Options take one or\n"
    "two dashes, and a value as the next argument or after '='.\n"
    "\n"
    "machine:\n"
    "  -m MB              RAM size in MiB, 1 to 3072 (default 128); a suffix\n"
    "                     M or G gives the unit\n"
    "  -bios FILE         firmware image instead of the built-in BIOS (raw, a\n"
    "                     multiple of 64 KiB, at most 1 MiB), e.g. SeaBIOS's\n"
    "                     /usr/share/seabios/bios.bin\n"
    "  -vga std|none      the PCI VGA card (QEMU's std VGA, default) or none\n"
    "  -vgabios FILE      VGA BIOS image instead of the built-in one (at most\n"
    "                     64 KiB), e.g. /usr/share/seabios/vgabios-stdvga.bin\n"
    "  -clock virtual|realtime  emulated time from the instruction count, idle\n"
    "                     time skipped, runs reproducible (default without a\n"
    "                     window), or from the host clock (default with one)\n"
    "disks and boot:\n"
    "  -hda FILE, -hdb FILE  raw hard disk images (IDE primary master/slave)\n"
    "  -fda FILE          raw floppy image (160 KB to 2.88 MB, geometry by size)\n"
    "  -boot ORDER        boot devices in order: a floppy, c hard disk\n"
    "                     (default: c then a); -boot order=ca also works\n"
    "  -snapshot          keep disk writes in memory, discard them at exit\n"
    "  -kernel FILE       boot a Linux bzImage directly (boot protocol 2.02+)\n"
    "  -initrd FILE       initial ramdisk for -kernel\n"
    "  -append STRING     kernel command line for -kernel\n"
    "display and console:\n"
    "  -display sdl|none  a window (default when built with SDL2 and DISPLAY or\n"
    "                     WAYLAND_DISPLAY is set) or none\n"
    "  -nographic         -display none; COM1 on stdio and the BIOS's screen\n"
    "                     output copied to COM1 (the default without a window)\n"
    "  -full-screen       start the window full screen\n"
    "  -screenshot FILE   at exit, write the screen as PNG to FILE (also\n"
    "                     without a window)\n"
    "  -serial stdio|file:PATH|none  where COM1 goes (default: stdio without a\n"
    "                     window, none with one; on a terminal, Ctrl-A x quits,\n"
    "                     Ctrl-A Ctrl-A sends Ctrl-A)\n"
    "window keys (Ctrl+Alt+key; they do not reach the guest):\n"
    "  G release the mouse (a click in the window captures it)\n"
    "  F full screen on/off   I integer scaling on/off   P pause/resume\n"
    "  S screenshot to softpc-YYYYMMDD-HHMMSS.png in the current directory\n"
    "debugging:\n"
    "  -post-log FILE     write each byte the guest sends to port 0x80 to FILE\n"
    "                     as two hex digits and a newline (FILE is truncated)\n"
    "  -debugcon stdio|FILE  copy bytes the guest writes to port 0xE9 to stdout\n"
    "                     or FILE (Bochs/QEMU debug console)\n"
    "  -timeout SECONDS   stop after SECONDS of host time (fractions allowed)\n"
    "  -no-reboot         exit when the guest resets or triple-faults, instead\n"
    "                     of restarting the machine\n"
    "  -h, -help          show this help and exit\n"
    "  -V, -version       show the version and exit\n"
    "\n"
    "exit status:\n"
    "  0    the guest powered off (ACPI S5), the window was closed, or\n"
    "       --help/--version\n"
    "  1    emulator error: bad option, unreadable or wrong-sized file\n"
    "  2    the CPU halted with nothing that could wake it (with a window:\n"
    "       when the window is closed after that)\n"
    "  3    triple fault or reset with -no-reboot\n"
    "  124  -timeout expired\n"
    "  130  SIGINT, 143 SIGTERM (disk writes are in the image files either way)\n"
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

/* -hda, -hdb, -fda, -kernel, -initrd: a file name, checked when opened. */
static bool set_path(const char **slot, const struct arg *a, const char *v)
{
    if (v[0] == '\0') {
        option_error(a, "the file name is empty");
        return false;
    }
    *slot = v;
    return true;
}

static bool set_hda(struct options *o, const struct arg *a, const char *v) { return set_path(&o->hda, a, v); }
static bool set_hdb(struct options *o, const struct arg *a, const char *v) { return set_path(&o->hdb, a, v); }
static bool set_fda(struct options *o, const struct arg *a, const char *v) { return set_path(&o->fda, a, v); }
static bool set_kernel(struct options *o, const struct arg *a, const char *v) { return set_path(&o->kernel, a, v); }
static bool set_initrd(struct options *o, const struct arg *a, const char *v) { return set_path(&o->initrd, a, v); }

static bool set_append(struct options *o, const struct arg *a, const char *v)
{
    (void)a;
    o->append = v;
    return true;
}

static bool set_serial(struct options *o, const struct arg *a, const char *v)
{
    if (v[0] == '\0') {
        option_error(a, "give stdio, file:PATH or none");
        return false;
    }
    o->serial = v;
    return true;
}

/* "-boot c", "-boot ac", "-boot order=ca" (QEMU's spellings): a = floppy,
 * c = first hard disk. */
static bool set_boot(struct options *o, const struct arg *a, const char *v)
{
    const char *p = strncmp(v, "order=", 6) == 0 ? v + 6 : v;
    enum boot_device order[OPTIONS_BOOT_SLOTS] = { BOOT_NONE, BOOT_NONE, BOOT_NONE };
    unsigned n = 0;
    if (*p == '\0') {
        option_error(a, "give the boot devices in order: a (floppy), c (hard disk)");
        return false;
    }
    for (; *p != '\0'; p++) {
        enum boot_device d;
        if (*p == 'a')
            d = BOOT_FLOPPY;
        else if (*p == 'c')
            d = BOOT_DISK;
        else if (*p == 'd') {
            option_error(a, "'d' (CD-ROM) cannot boot yet: softpc has no CD-ROM drive");
            return false;
        } else {
            option_error(a, "'%c' is not a boot device: use a (floppy) or c (hard disk)", *p);
            return false;
        }
        for (unsigned k = 0; k < n; k++) {
            if (order[k] == d) {
                option_error(a, "'%c' is listed twice", *p);
                return false;
            }
        }
        if (n == OPTIONS_BOOT_SLOTS) {
            option_error(a, "at most %u boot devices", OPTIONS_BOOT_SLOTS);
            return false;
        }
        order[n++] = d;
    }
    memcpy(o->boot, order, sizeof order);
    o->boot_given = true;
    return true;
}

static bool set_clock(struct options *o, const struct arg *a, const char *v)
{
    if (strcmp(v, "virtual") == 0)
        o->clock = CLOCK_CHOICE_VIRTUAL;
    else if (strcmp(v, "realtime") == 0)
        o->clock = CLOCK_CHOICE_REALTIME;
    else {
        option_error(a, "'%s' is not a clock: use virtual or realtime", v);
        return false;
    }
    return true;
}

/* QEMU's "-display sdl,full-screen=on" style suboptions are not taken. */
static bool set_display(struct options *o, const struct arg *a, const char *v)
{
    if (strcmp(v, "none") == 0) {
        o->display = DISPLAY_NONE;
        return true;
    }
    if (strcmp(v, "sdl") == 0) {
#ifdef SOFTPC_HAVE_SDL
        o->display = DISPLAY_SDL;
        return true;
#else
        option_error(a, "'sdl': this softpc was built without SDL2 (only 'none')");
        return false;
#endif
    }
    option_error(a, "'%s' is not a display: use sdl or none", v);
    return false;
}

static bool set_vga(struct options *o, const struct arg *a, const char *v)
{
    if (strcmp(v, "std") == 0)
        o->vga = true;
    else if (strcmp(v, "none") == 0)
        o->vga = false;
    else {
        option_error(a, "'%s' is not a VGA card: use std or none", v);
        return false;
    }
    return true;
}

static bool set_vgabios(struct options *o, const struct arg *a, const char *v)
{
    return set_path(&o->vgabios, a, v);
}

static bool set_screenshot(struct options *o, const struct arg *a, const char *v)
{
    return set_path(&o->screenshot, a, v);
}

static bool set_flag_full_screen(struct options *o, const struct arg *a, const char *v)
{
    (void)a;
    (void)v;
    o->full_screen = true;
    return true;
}

static bool set_flag_snapshot(struct options *o, const struct arg *a, const char *v)
{
    (void)a;
    (void)v;
    o->snapshot = true;
    return true;
}

static bool set_flag_nographic(struct options *o, const struct arg *a, const char *v)
{
    (void)a;
    (void)v;
    o->display = DISPLAY_NONE;
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
    { "hda", OPT_VALUE, set_hda },
    { "hdb", OPT_VALUE, set_hdb },
    { "fda", OPT_VALUE, set_fda },
    { "boot", OPT_VALUE, set_boot },
    { "kernel", OPT_VALUE, set_kernel },
    { "initrd", OPT_VALUE, set_initrd },
    { "append", OPT_VALUE, set_append },
    { "serial", OPT_VALUE, set_serial },
    { "snapshot", OPT_FLAG, set_flag_snapshot },
    { "nographic", OPT_FLAG, set_flag_nographic },
    { "display", OPT_VALUE, set_display },
    { "full-screen", OPT_FLAG, set_flag_full_screen },
    { "vga", OPT_VALUE, set_vga },
    { "vgabios", OPT_VALUE, set_vgabios },
    { "screenshot", OPT_VALUE, set_screenshot },
    { "clock", OPT_VALUE, set_clock },
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

/* What no single option can see: -initrd/-append without -kernel,
 * --vgabios without a card to hold it. */
static enum options_result check_combinations(const struct options *o)
{
    if (o->vgabios != NULL && !o->vga) {
        fprintf(stderr, "softpc: --vgabios: needs a VGA card (it was given with -vga none)\n");
        return OPTIONS_ERROR;
    }
    if (o->kernel == NULL && (o->initrd != NULL || o->append != NULL)) {
        fprintf(stderr, "softpc: %s: needs -kernel (it is part of a direct Linux boot)\n",
                o->initrd != NULL ? "-initrd" : "-append");
        return OPTIONS_ERROR;
    }
    return OPTIONS_RUN;
}

enum options_result options_parse(struct options *o, int argc, char **argv)
{
    *o = (struct options){ .ram_mib = OPTIONS_DEFAULT_RAM_MIB, .vga = true };
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
    return check_combinations(o);
}
