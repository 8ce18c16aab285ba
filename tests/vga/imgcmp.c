/*
 * imgcmp.c - compares two pictures pixel for pixel (PNG or P6 PPM, see
 * image.h):
 *   imgcmp [--diff DIFF.png] [--show N] EXPECTED GOT
 * Exit status 0 when they are identical; 1 when they differ (the sizes,
 * or the count of differing pixels and the first N of them as
 * "(x, y) expected #RRGGBB got #RRGGBB"; with --diff, a picture of where);
 * 2 when a file cannot be read or the command line is wrong.
 */
#include "image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
    fprintf(stderr, "usage: imgcmp [--diff DIFF.png] [--show N] EXPECTED GOT\n");
    return 2;
}

static void print_pixel(uint32_t p)
{
    printf("#%06X", (unsigned)(p & 0xFFFFFFu));
    if (p >> 24 != 0xFF)
        printf("/alpha %u", (unsigned)(p >> 24));
}

int main(int argc, char **argv)
{
    const char *diff_path = NULL, *files[2];
    unsigned show = 10, nfiles = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--diff") == 0 && i + 1 < argc) {
            diff_path = argv[++i];
        } else if (strcmp(argv[i], "--show") == 0 && i + 1 < argc) {
            char *end;
            unsigned long n = strtoul(argv[++i], &end, 10);
            if (*end || n > 1000)
                return usage();
            show = (unsigned)n;
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            return usage();
        } else if (nfiles < 2) {
            files[nfiles++] = argv[i];
        } else {
            return usage();
        }
    }
    if (nfiles != 2)
        return usage();

    struct image expected, got;
    char err[256];
    if (!image_load(files[0], &expected, err, sizeof err)) {
        fprintf(stderr, "imgcmp: %s\n", err);
        return 2;
    }
    if (!image_load(files[1], &got, err, sizeof err)) {
        fprintf(stderr, "imgcmp: %s\n", err);
        image_free(&expected);
        return 2;
    }
    int status = 0;
    if (expected.width != got.width || expected.height != got.height) {
        printf("imgcmp: size differs: expected %ux%u, got %ux%u\n", expected.width,
               expected.height, got.width, got.height);
        status = 1;
    } else {
        struct image_diff_point first[1000];
        unsigned long n = image_compare(&expected, &got, first, show);
        if (n) {
            printf("imgcmp: %lu of %lu pixels differ\n", n,
                   (unsigned long)expected.width * expected.height);
            for (unsigned i = 0; i < show && i < n; i++) {
                printf("  (%u, %u) expected ", first[i].x, first[i].y);
                print_pixel(first[i].expected);
                printf(" got ");
                print_pixel(first[i].got);
                printf("\n");
            }
            status = 1;
            struct image diff;
            if (diff_path) {
                if (!image_diff_picture(&expected, &got, &diff) ||
                    !png_save(diff_path, &diff, err, sizeof err)) {
                    fprintf(stderr, "imgcmp: cannot write the diff picture %s\n", diff_path);
                } else {
                    printf("  differences in red: %s\n", diff_path);
                }
                image_free(&diff);
            }
        }
    }
    image_free(&expected);
    image_free(&got);
    return status;
}
