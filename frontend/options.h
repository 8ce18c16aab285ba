/*
 * options.h - the softpc command line, parsed into struct options.
 *
 * Options are QEMU-style: one or two leading dashes mean the same, and a
 * value follows either as the next argument (-m 64) or after an equals
 * sign (--m=64).  Parsing prints --help and --version itself, and prints
 * every error as one line on stderr naming the option at fault.
 *
 * Not here: checking the files the options name (frontend/bios_file.c and
 * frontend/run.c open them), a config file.
 */
#ifndef SOFTPC_FRONTEND_OPTIONS_H
#define SOFTPC_FRONTEND_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#define OPTIONS_DEFAULT_RAM_MIB 128u
#define OPTIONS_MAX_TIMEOUT_S 1000000.0

/* Where INT 19h looks, in order (CMOS 3Dh/38h codes, docs/platform.md). */
enum boot_device { BOOT_NONE = 0, BOOT_FLOPPY = 1, BOOT_DISK = 2 };
#define OPTIONS_BOOT_SLOTS 3

enum clock_choice { CLOCK_CHOICE_DEFAULT, CLOCK_CHOICE_VIRTUAL, CLOCK_CHOICE_REALTIME };

/* DISPLAY_DEFAULT: a window when this build has SDL2 and the host has a
 * display (frontend/display.h decides), else none. */
enum display_choice { DISPLAY_DEFAULT, DISPLAY_NONE, DISPLAY_SDL };

struct options {
    const char *bios;      /* --bios FILE; NULL: the built-in BIOS */
    const char *hda, *hdb; /* -hda/-hdb FILE: raw disk images; NULL if not given */
    const char *fda;       /* -fda FILE: floppy image */
    const char *kernel;    /* -kernel FILE: a Linux bzImage for direct boot */
    const char *initrd;    /* -initrd FILE (needs -kernel) */
    const char *append;    /* -append STRING: kernel command line (needs -kernel) */
    const char *serial;    /* -serial stdio|file:PATH|none; NULL: stdio */
    enum boot_device boot[OPTIONS_BOOT_SLOTS]; /* -boot; BOOT_NONE ends the list */
    bool boot_given;
    bool snapshot;         /* -snapshot: disk writes stay in memory */
    enum display_choice display; /* -display sdl|none, -nographic (= none) */
    bool full_screen;      /* -full-screen: the window starts full screen */
    bool vga;              /* -vga std (default) | none */
    const char *vgabios;   /* --vgabios FILE; NULL: the built-in VGA BIOS */
    const char *screenshot;/* --screenshot FILE: PNG of the screen at exit */
    enum clock_choice clock; /* --clock virtual|realtime; DEFAULT: realtime
                                with a window, else virtual */
    const char *post_log;  /* --post-log FILE; NULL if not given */
    const char *debugcon;  /* --debugcon stdio|FILE; NULL if not given */
    double timeout_s;      /* --timeout SECONDS; 0 if not given */
    bool no_reboot;        /* --no-reboot */
    uint32_t ram_mib;      /* -m MB */
};

enum options_result {
    OPTIONS_RUN,   /* parsed: run the machine */
    OPTIONS_DONE,  /* --help or --version printed: exit 0 */
    OPTIONS_ERROR, /* error printed: exit 1 */
};

enum options_result options_parse(struct options *o, int argc, char **argv);

#endif
