/*
 * vgabios_file.c - reading a VGA BIOS image (see vgabios_file.h).
 */
#include "frontend/vgabios_file.h"

#include <stdio.h>
#include <stdlib.h>

#include "frontend/rom_file.h"

uint8_t *vgabios_file_load(const char *path, size_t *size_out)
{
    size_t size;
    uint8_t *buf = rom_file_read("--vgabios ", path, "VGA BIOS image", VGABIOS_FILE_MAX, &size);
    if (buf == NULL)
        return NULL;
    const char *problem = NULL;
    if (size == 0)
        problem = "the VGA BIOS image is empty";
    else if (size > VGABIOS_FILE_MAX)
        problem = "the VGA BIOS image is larger than 64 KiB";
    if (problem != NULL) {
        fprintf(stderr, "softpc: --vgabios %s: %s\n", path, problem);
        free(buf);
        return NULL;
    }
    *size_out = size;
    return buf;
}
