/*
 * linux_boot.c - direct Linux boot (what and why in linux_boot.h).
 *
 * The setup header fields used here, by offset in the first sector(s) of
 * the bzImage (boot.rst, "The real-mode kernel header"):
 *   1F1 setup_sects   1FA vid_mode   202 "HdrS"   206 version   211 loadflags
 *   210 type_of_loader  218 ramdisk_image  21C ramdisk_size
 *   224 heap_end_ptr  228 cmd_line_ptr  22C initrd_addr_max (2.03+)
 *   238 cmdline_size (2.06+)  260 init_size (2.10+)
 */
#include "frontend/linux_boot.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem/le.h"
#include "mem/phys.h"

#define MAX_KERNEL_FILE (64u * 1024u * 1024u)
#define MAX_INITRD_FILE (1024u * 1024u * 1024u)

/* Reads a whole file of at most `max` bytes; one line on stderr on error. */
static uint8_t *read_whole(const char *path, const char *option, size_t max, size_t *size_out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "softpc: %s %s: cannot open: %s\n", option, path, strerror(errno));
        return NULL;
    }
    size_t cap = 1u << 20, size = 0;
    uint8_t *buf = malloc(cap);
    while (buf != NULL) {
        size += fread(buf + size, 1, cap - size, f);
        if (size < cap || ferror(f))
            break;
        if (cap > max) {
            fprintf(stderr, "softpc: %s %s: larger than %zu MiB\n", option, path, max >> 20);
            free(buf);
            fclose(f);
            return NULL;
        }
        uint8_t *bigger = realloc(buf, cap * 2);
        if (bigger == NULL)
            free(buf);
        buf = bigger;
        cap *= 2;
    }
    bool failed = buf == NULL || ferror(f);
    int err = errno;
    fclose(f);
    if (failed) {
        fprintf(stderr, "softpc: %s %s: cannot read: %s\n", option, path,
                buf == NULL ? "out of memory" : strerror(err));
        free(buf);
        return NULL;
    }
    if (size == 0) {
        fprintf(stderr, "softpc: %s %s: the file is empty\n", option, path);
        free(buf);
        return NULL;
    }
    *size_out = size;
    return buf;
}

/* One vga= value, up to the next space: true and *mode if it is valid. */
static bool parse_vga_value(const char *v, size_t len, uint16_t *mode)
{
    static const struct { const char *name; uint16_t mode; } names[] = {
        { "normal", 0xFFFF }, { "ext", 0xFFFE }, { "ask", 0xFFFD },
    };
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        if (strlen(names[k].name) == len && memcmp(v, names[k].name, len) == 0) {
            *mode = names[k].mode;
            return true;
        }
    }
    char digits[16];
    if (len == 0 || len >= sizeof digits)
        return false;
    memcpy(digits, v, len);
    digits[len] = '\0';
    if (digits[0] < '0' || digits[0] > '9')
        return false;    /* strtoul would take a sign or spaces */
    char *end;
    errno = 0;
    unsigned long n = strtoul(digits, &end, 0);
    if (*end != '\0' || errno != 0 || n > 0xFFFF)
        return false;
    *mode = (uint16_t)n;
    return true;
}

bool linux_cmdline_vid_mode(const char *cmdline, uint16_t *mode)
{
    uint16_t found = 0xFFFF;
    for (const char *p = cmdline; *p != '\0';) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (len >= 4 && memcmp(p, "vga=", 4) == 0 && !parse_vga_value(p + 4, len - 4, &found))
            return false;
        p += len;
    }
    *mode = found;
    return true;
}

static bool fail(struct linux_boot *lb, const char *path, const char *what)
{
    fprintf(stderr, "softpc: -kernel %s: %s\n", path, what);
    linux_boot_free(lb);
    return false;
}

bool linux_boot_prepare(struct linux_boot *lb, const char *kernel_path,
                        const char *initrd_path, const char *cmdline, uint64_t ram_bytes)
{
    memset(lb, 0, sizeof *lb);
    size_t size = 0;
    uint8_t *image = read_whole(kernel_path, "-kernel", MAX_KERNEL_FILE, &size);
    if (image == NULL)
        return false;
    lb->setup = image; /* freed by fail() until split below */
    if (size < 0x264 || memcmp(image + 0x202, "HdrS", 4) != 0)
        return fail(lb, kernel_path, "not a Linux kernel image (no \"HdrS\" boot header "
                    "at offset 202h)");
    uint16_t protocol = le_load(image + 0x206, 2);
    if (protocol < 0x202)
        return fail(lb, kernel_path, "boot protocol older than 2.02 (softpc boots bzImage "
                    "kernels, Linux 2.4 and later)");
    if (!(image[0x211] & 0x01))
        return fail(lb, kernel_path, "a zImage (loaded below 1 MiB): softpc boots bzImage "
                    "kernels only");
    size_t setup_sects = image[0x1F1] ? image[0x1F1] : 4;
    size_t setup_size = (setup_sects + 1) * 512;
    /* Setup, its heap and stack must fit between 10000h and the command line. */
    if (setup_size >= size || setup_size > LINUX_CMDLINE_ADDR - LINUX_SETUP_ADDR - 0x1000)
        return fail(lb, kernel_path, "the setup code size in the header does not fit the "
                    "file");
    lb->protocol = protocol;
    lb->kernel_size = size - setup_size;
    uint32_t init_size = protocol >= 0x20A ? le_load(image + 0x260, 4) : 0;
    uint64_t kernel_end = LINUX_KERNEL_ADDR +
                          (init_size > lb->kernel_size ? init_size : lb->kernel_size);
    uint64_t usable_top = ram_bytes > LINUX_RESERVED_TOP ? ram_bytes - LINUX_RESERVED_TOP : 0;
    if (kernel_end > usable_top) {
        char msg[128];
        snprintf(msg, sizeof msg, "needs %llu MiB of RAM to unpack; give more with -m",
                 (unsigned long long)((kernel_end + LINUX_RESERVED_TOP + (1u << 20) - 1) >> 20));
        return fail(lb, kernel_path, msg);
    }

    size_t cmdline_max = protocol >= 0x206 ? le_load(image + 0x238, 4) : 255;
    const char *cl = cmdline ? cmdline : "";
    if (strlen(cl) > cmdline_max) {
        fprintf(stderr, "softpc: -append: the command line is %zu bytes; this kernel takes "
                "at most %zu\n", strlen(cl), cmdline_max);
        linux_boot_free(lb);
        return false;
    }
    if (!linux_cmdline_vid_mode(cl, &lb->vid_mode)) {
        fprintf(stderr, "softpc: -append: vga= takes a mode number, normal, ext or ask\n");
        linux_boot_free(lb);
        return false;
    }

    lb->kernel = malloc(lb->kernel_size);
    lb->cmdline = malloc(strlen(cl) + 1);
    if (lb->kernel == NULL || lb->cmdline == NULL)
        return fail(lb, kernel_path, "out of memory");
    memcpy(lb->kernel, image + setup_size, lb->kernel_size);
    strcpy(lb->cmdline, cl);
    lb->setup_size = setup_size;
    /* Keep only the setup part in `setup`. */
    uint8_t *setup = realloc(image, setup_size);
    if (setup != NULL)
        lb->setup = setup;

    if (initrd_path != NULL) {
        lb->initrd = read_whole(initrd_path, "-initrd", MAX_INITRD_FILE, &lb->initrd_size);
        if (lb->initrd == NULL) {
            linux_boot_free(lb);
            return false;
        }
        uint64_t limit = protocol >= 0x203 ? (uint64_t)le_load(lb->setup + 0x22C, 4) + 1
                                           : UINT64_C(0x38000000);
        uint64_t top = usable_top < limit ? usable_top : limit;
        uint64_t addr = top >= lb->initrd_size ? (top - lb->initrd_size) & ~UINT64_C(0xFFF) : 0;
        if (addr < kernel_end) {
            fprintf(stderr, "softpc: -initrd %s: %zu KiB do not fit in RAM above the kernel; "
                    "give more with -m\n", initrd_path, lb->initrd_size >> 10);
            linux_boot_free(lb);
            return false;
        }
        lb->initrd_addr = (uint32_t)addr;
    }
    return true;
}

void linux_boot_load(const struct linux_boot *lb, struct phys_space *ps)
{
    uint8_t *setup = malloc(lb->setup_size);
    if (setup == NULL)
        return;
    memcpy(setup, lb->setup, lb->setup_size);
    setup[0x210] = 0xFF;                  /* type_of_loader: undefined */
    setup[0x211] |= 0x80;                 /* loadflags: CAN_USE_HEAP */
    le_store(setup + 0x1FA, lb->vid_mode, 2); /* vid_mode, from vga= */
    le_store(setup + 0x224, (uint16_t)(LINUX_CMDLINE_ADDR - LINUX_SETUP_ADDR - 0x200), 2);
    le_store(setup + 0x228, LINUX_CMDLINE_ADDR, 4);
    le_store(setup + 0x218, lb->initrd ? lb->initrd_addr : 0, 4);
    le_store(setup + 0x21C, lb->initrd ? (uint32_t)lb->initrd_size : 0, 4);
    phys_write_block(ps, LINUX_SETUP_ADDR, setup, lb->setup_size);
    free(setup);
    phys_write_block(ps, LINUX_CMDLINE_ADDR, lb->cmdline, strlen(lb->cmdline) + 1);
    phys_write_block(ps, LINUX_KERNEL_ADDR, lb->kernel, lb->kernel_size);
    if (lb->initrd)
        phys_write_block(ps, lb->initrd_addr, lb->initrd, lb->initrd_size);
}

void linux_boot_free(struct linux_boot *lb)
{
    free(lb->setup);
    free(lb->kernel);
    free(lb->initrd);
    free(lb->cmdline);
    memset(lb, 0, sizeof *lb);
}
