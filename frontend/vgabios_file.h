/*
 * vgabios_file.h - reading a VGA BIOS image (--vgabios FILE), the option
 * ROM the VGA card shows in its PCI expansion ROM BAR.
 *
 * The image must hold at least one byte and at most 64 KiB: the C0000h
 * video ROM area a PC BIOS copies it into is that large (SeaBIOS's and
 * Bochs's VGA BIOSes are 32-40 KiB).  Its content is not checked: a ROM
 * without the 55h AAh signature is the system BIOS's business.  Errors are
 * one line on stderr naming the file and the problem.
 */
#ifndef SOFTPC_FRONTEND_VGABIOS_FILE_H
#define SOFTPC_FRONTEND_VGABIOS_FILE_H

#include <stddef.h>
#include <stdint.h>

#define VGABIOS_FILE_MAX (64u * 1024u)

/* The image (free() it) and its size, or NULL after printing the error. */
uint8_t *vgabios_file_load(const char *path, size_t *size_out);

#endif
