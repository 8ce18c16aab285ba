/*
 * bios_file.h - reading a raw firmware image from a host file.
 *
 * The image must be a multiple of 64 KiB and at most 1 MiB (what the
 * board can map, devices/pc_board.h).  A file that is missing, unreadable,
 * empty or of another size gives one line on stderr naming the file and
 * the problem.  At most 1 MiB + 1 byte is read, so a huge file (or a
 * device like /dev/zero) is refused without reading it all.
 */
#ifndef SOFTPC_FRONTEND_BIOS_FILE_H
#define SOFTPC_FRONTEND_BIOS_FILE_H

#include <stddef.h>
#include <stdint.h>

/* The image (free() it) and its size, or NULL after printing the error. */
uint8_t *bios_file_load(const char *path, size_t *size_out);

#endif
