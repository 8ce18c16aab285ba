/*
 * bios_file.c - reading a raw firmware image (see bios_file.h).
 */
#include "frontend/bios_file.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/pc_board.h"

uint8_t *bios_file_load(const char *path, size_t *size_out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "softpc: %s: cannot open the BIOS image: %s\n", path, strerror(errno));
        return NULL;
    }
    /* One byte more than the largest image tells "too large" apart. */
    uint8_t *buf = malloc(PC_BOARD_BIOS_MAX + 1u);
    if (buf == NULL) {
        fprintf(stderr, "softpc: %s: out of memory reading the BIOS image\n", path);
        fclose(f);
        return NULL;
    }
    size_t size = fread(buf, 1, PC_BOARD_BIOS_MAX + 1u, f);
    int read_errno = errno;
    bool failed = ferror(f) != 0;
    fclose(f);
    if (failed) {
        fprintf(stderr, "softpc: %s: cannot read the BIOS image: %s\n", path,
                strerror(read_errno));
        free(buf);
        return NULL;
    }
    const char *problem = pc_board_bios_size_problem(size);
    if (problem != NULL) {
        if (size > PC_BOARD_BIOS_MAX)
            fprintf(stderr, "softpc: %s: BIOS image %s (it must be a multiple of 64 KiB, "
                    "at most 1 MiB)\n", path, problem);
        else
            fprintf(stderr, "softpc: %s: BIOS image %s (%zu bytes; it must be a multiple "
                    "of 64 KiB, at most 1 MiB)\n", path, problem, size);
        free(buf);
        return NULL;
    }
    *size_out = size;
    return buf;
}
