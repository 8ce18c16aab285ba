/*
 * rom_file.c - reading a firmware image of bounded size (see rom_file.h).
 */
#include "frontend/rom_file.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint8_t *rom_file_read(const char *option, const char *path, const char *what, size_t max,
                       size_t *size_out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "softpc: %s%s: cannot open the %s: %s\n", option, path, what,
                strerror(errno));
        return NULL;
    }
    uint8_t *buf = malloc(max + 1u);
    if (buf == NULL) {
        fprintf(stderr, "softpc: %s%s: out of memory reading the %s\n", option, path, what);
        fclose(f);
        return NULL;
    }
    size_t size = fread(buf, 1, max + 1u, f);
    int read_errno = errno;
    bool failed = ferror(f) != 0;
    fclose(f);
    if (failed) {
        fprintf(stderr, "softpc: %s%s: cannot read the %s: %s\n", option, path, what,
                strerror(read_errno));
        free(buf);
        return NULL;
    }
    *size_out = size;
    return buf;
}
