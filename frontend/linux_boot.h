/*
 * linux_boot.h - direct Linux boot: -kernel/-initrd/-append, following the
 * Linux x86 boot protocol (Documentation/arch/x86/boot.rst), version 2.02
 * or later (bzImage).
 *
 * linux_boot_prepare() reads and checks the files once; linux_boot_load()
 * writes the kernel into guest RAM, and the board calls it again at every
 * reset, because the guest has overwritten it by then.  The BIOS does the
 * rest: POST, then INT 19h sees CMOS 80h = 1 and enters the kernel's
 * real-mode setup code (docs/platform.md, "Boot"), which then uses the
 * BIOS (E820, EDD, video) as it would after any boot loader.
 *
 * Layout: setup at 10000h, command line at 20000h, the protected-mode
 * kernel at 100000h, the initrd as high as the kernel allows, below RAM
 * top - 64 KiB (the BIOS's ACPI area).
 *
 * Not here: the 32-bit or 64-bit entry points (the BIOS always enters the
 * 16-bit setup), zImage (loaded low, protocol < 2.02), EFI handover.
 */
#ifndef SOFTPC_FRONTEND_LINUX_BOOT_H
#define SOFTPC_FRONTEND_LINUX_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct phys_space;

#define LINUX_SETUP_ADDR 0x10000u
#define LINUX_CMDLINE_ADDR 0x20000u
#define LINUX_KERNEL_ADDR 0x100000u
#define LINUX_SETUP_SP 0xFFF0u      /* SS = setup segment; stack just below 20000h */
#define LINUX_RESERVED_TOP (64u * 1024u) /* RAM top - this: the BIOS's ACPI area */

struct linux_boot {
    uint8_t *setup;         /* real-mode part, boot sector included */
    size_t setup_size;
    uint8_t *kernel;        /* protected-mode part */
    size_t kernel_size;
    uint8_t *initrd;        /* NULL if none */
    size_t initrd_size;
    uint32_t initrd_addr;   /* where it goes */
    char *cmdline;
    uint16_t protocol;      /* e.g. 0x020F */
    uint16_t vid_mode;      /* header 1FAh, from vga= (0xFFFF: "normal") */
};

/* Reads and checks everything; on error prints one line naming the file
 * or option and returns false (lb is then empty). */
bool linux_boot_prepare(struct linux_boot *lb, const char *kernel_path,
                        const char *initrd_path, const char *cmdline,
                        uint64_t ram_bytes);
/* Writes setup (with the header fields a boot loader fills), command line,
 * kernel and initrd into RAM. */
void linux_boot_load(const struct linux_boot *lb, struct phys_space *ps);
void linux_boot_free(struct linux_boot *lb);

/* The video mode a vga= argument on the command line asks for, as a
 * boot loader must put it into the header's vid_mode (boot.rst, "Special
 * command line options"): a number in C notation (decimal, 0x hex, 0
 * octal) or normal (FFFFh), ext (FFFEh), ask (FFFDh).  The last vga=
 * counts, as for any kernel argument.  No vga= gives FFFFh.  Returns
 * false for a value that is none of these (*mode is then unchanged). */
bool linux_cmdline_vid_mode(const char *cmdline, uint16_t *mode);

/* The real-mode segment the BIOS jumps to, and the stack it sets. */
static inline uint16_t linux_boot_setup_segment(void) { return LINUX_SETUP_ADDR >> 4; }

#endif
