/*
 * bios_file.c - reading a raw firmware image (see bios_file.h).
 */
#include "frontend/bios_file.h"

#include <stdio.h>
#include <stdlib.h>

#include "devices/pc_board.h"
#include "frontend/rom_file.h"

uint8_t *bios_file_load(const char *path, size_t *size_out)
{
    size_t size;
    uint8_t *buf = rom_file_read("", path, "BIOS image", PC_BOARD_BIOS_MAX, &size);
    if (buf == NULL)
        return NULL;
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
