/*
 * rom_file.h - reading a firmware image of bounded size from a host file,
 * the part the BIOS (bios_file.c) and VGA BIOS (vgabios_file.c) loaders
 * share.  At most max + 1 bytes are read: the one byte more tells "too
 * large" apart without reading a huge file (or /dev/zero) to its end.
 * What size is acceptable is the caller's business.
 */
#ifndef SOFTPC_FRONTEND_ROM_FILE_H
#define SOFTPC_FRONTEND_ROM_FILE_H

#include <stddef.h>
#include <stdint.h>

/* Up to max + 1 bytes of `path` in a malloc'd buffer (free() it), their
 * count in *size_out.  NULL after one line on stderr if the file cannot be
 * opened or read or memory runs out:
 *   softpc: OPTION PATH: cannot open the WHAT: reason
 * `option` is "" or the option and a space ("--vgabios "); `what` names
 * the image ("BIOS image"). */
uint8_t *rom_file_read(const char *option, const char *path, const char *what, size_t max,
                       size_t *size_out);

#endif
