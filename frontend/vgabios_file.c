/*
 * vgabios_file.c - reading a VGA BIOS image (see vgabios_file.h).
 */
#include "frontend/vgabios_file.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint8_t *vgabios_file_load(const char *path, size_t *size_out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "softpc: --vgabios %s: cannot open the VGA BIOS image: %s\n", path,
                strerror(errno));
        return NULL;
    }
    /* One byte more than the largest image tells "too large" apart without
     * reading a huge file (or /dev/zero) to its end. */
    uint8_t *buf = malloc(VGABIOS_FILE_MAX + 1u);
    if (buf == NULL) {
        fprintf(stderr, "softpc: --vgabios %s: out of memory\n", path);
        fclose(f);
        return NULL;
    }
    size_t size = fread(buf, 1, VGABIOS_FILE_MAX + 1u, f);
    int read_errno = errno;
    bool failed = ferror(f) != 0;
    fclose(f);
    const char *problem = NULL;
    if (failed)
        problem = strerror(read_errno);
    else if (size == 0)
        problem = "the VGA BIOS image is empty";
    else if (size > VGABIOS_FILE_MAX)
        problem = "the VGA BIOS image is larger than 64 KiB";
    if (problem != NULL) {
        if (failed)
            fprintf(stderr, "softpc: --vgabios %s: cannot read the VGA BIOS image: %s\n", path,
                    problem);
        else
            fprintf(stderr, "softpc: --vgabios %s: %s\n", path, problem);
        free(buf);
        return NULL;
    }
    *size_out = size;
    return buf;
}
