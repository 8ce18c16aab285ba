/*
 * test_vga_image.c - Check unit tests for the picture code of the VGA tests
 * (image.c, png_decode.c, png_encode.c): PNG files made by another encoder
 * (make_png_samples.py: each filter type, mixed filters over split IDAT
 * chunks with a chunk to skip, RGBA), encode/decode round trips with each
 * filter, refusal of damaged or unsupported files, binary PPM, and the
 * pixel comparison imgcmp reports.
 */
#include "image.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "png_samples.h"

/* The samples' picture, as make_png_samples.py draws it. */
static uint32_t sample_pixel(unsigned x, unsigned y, bool alpha)
{
    uint32_t r = (x * 37 + y * 11) & 255, g = (x * 5 + y * 70) & 255, b = (x * y * 9 + 3) & 255;
    uint32_t a = alpha ? (x * 50 + y * 30 + 5) & 255 : 255;
    return a << 24 | r << 16 | g << 8 | b;
}

static void check_sample(const unsigned char *data, size_t len, bool alpha)
{
    struct image img;
    char err[200] = "";
    ck_assert_msg(png_decode(data, len, &img, err, sizeof err), "decode failed: %s", err);
    ck_assert_uint_eq(img.width, 7);
    ck_assert_uint_eq(img.height, 5);
    for (unsigned y = 0; y < 5; y++)
        for (unsigned x = 0; x < 7; x++)
            ck_assert_msg(img.pixels[y * 7 + x] == sample_pixel(x, y, alpha),
                          "(%u, %u): %08X, expected %08X", x, y, img.pixels[y * 7 + x],
                          sample_pixel(x, y, alpha));
    image_free(&img);
}

START_TEST(decodes_each_filter_type)
{
    check_sample(png_rgb_filter0, sizeof png_rgb_filter0, false);
    check_sample(png_rgb_filter1, sizeof png_rgb_filter1, false);
    check_sample(png_rgb_filter2, sizeof png_rgb_filter2, false);
    check_sample(png_rgb_filter3, sizeof png_rgb_filter3, false);
    check_sample(png_rgb_filter4, sizeof png_rgb_filter4, false);
}
END_TEST

START_TEST(decodes_mixed_filters_split_idat_and_rgba)
{
    check_sample(png_rgb_mixed, sizeof png_rgb_mixed, false);
    check_sample(png_rgba_paeth, sizeof png_rgba_paeth, true);
}
END_TEST

/* A picture with steps and wraps, so every filter has work to do. */
static void make_test_image(struct image *img, unsigned w, unsigned h, bool alpha)
{
    ck_assert(image_alloc(img, w, h));
    for (unsigned y = 0; y < h; y++)
        for (unsigned x = 0; x < w; x++) {
            uint32_t a = alpha ? (x * 3 + y) & 255 : 255;
            img->pixels[y * w + x] = a << 24 | ((x * 7) & 255) << 16 | ((y * 13 + x) & 255) << 8 |
                                     ((x ^ y) * 29 & 255);
        }
}

START_TEST(round_trips_with_each_filter)
{
    for (int alpha = 0; alpha <= 1; alpha++) {
        struct image img;
        make_test_image(&img, 33, 17, alpha);
        for (int filter = PNG_FILTER_ADAPTIVE; filter <= 4; filter++) {
            size_t len = 0;
            uint8_t *png = png_encode(&img, filter, &len);
            ck_assert_ptr_nonnull(png);
            ck_assert_uint_eq(png[25], alpha ? 6 : 2);  /* IHDR colour type */
            struct image back;
            char err[200] = "";
            ck_assert_msg(png_decode(png, len, &back, err, sizeof err), "filter %d: %s", filter, err);
            ck_assert_uint_eq(back.width, 33);
            ck_assert_uint_eq(back.height, 17);
            ck_assert_int_eq(memcmp(back.pixels, img.pixels, 33 * 17 * 4), 0);
            image_free(&back);
            free(png);
        }
        image_free(&img);
    }
}
END_TEST

START_TEST(encoder_uses_the_filter_asked_for)
{
    struct image img;
    make_test_image(&img, 5, 4, false);
    for (int filter = 0; filter <= 4; filter++) {
        size_t len = 0;
        uint8_t *png = png_encode(&img, filter, &len);
        ck_assert_ptr_nonnull(png);
        /* IDAT body starts after signature, IHDR and the IDAT header. */
        uint8_t raw[4 * (1 + 15)];
        uLongf raw_len = sizeof raw;
        uint32_t zlen = (uint32_t)png[33] << 24 | (uint32_t)png[34] << 16 | (uint32_t)png[35] << 8 | png[36];
        ck_assert_int_eq(uncompress(raw, &raw_len, png + 41, zlen), Z_OK);
        ck_assert_uint_eq(raw_len, sizeof raw);
        for (unsigned y = 0; y < 4; y++)
            ck_assert_uint_eq(raw[y * 16], (unsigned)filter);
        free(png);
    }
    image_free(&img);
}
END_TEST

/* A copy of a sample with byte `at` changed to `value` and, if fix_crc,
 * the CRC of the chunk holding it recomputed. */
static uint8_t *damaged(const unsigned char *src, size_t len, size_t at, uint8_t value, bool fix_crc)
{
    uint8_t *d = malloc(len);
    ck_assert_ptr_nonnull(d);
    memcpy(d, src, len);
    d[at] = value;
    if (fix_crc) {
        size_t pos = 8;
        while (pos + 12 <= len) {
            uint32_t clen = (uint32_t)d[pos] << 24 | (uint32_t)d[pos + 1] << 16 |
                            (uint32_t)d[pos + 2] << 8 | d[pos + 3];
            if (at >= pos && at < pos + 12 + clen) {
                uint32_t crc = (uint32_t)crc32(0L, d + pos + 4, clen + 4);
                uint8_t *c = d + pos + 8 + clen;
                c[0] = (uint8_t)(crc >> 24);
                c[1] = (uint8_t)(crc >> 16);
                c[2] = (uint8_t)(crc >> 8);
                c[3] = (uint8_t)crc;
                break;
            }
            pos += 12 + clen;
        }
    }
    return d;
}

static void expect_refused(const uint8_t *data, size_t len, const char *why)
{
    struct image img;
    char err[200] = "";
    ck_assert(!png_decode(data, len, &img, err, sizeof err));
    ck_assert_ptr_null(img.pixels);
    ck_assert_msg(strstr(err, why) != NULL, "message '%s' does not say '%s'", err, why);
}

START_TEST(refuses_damaged_and_unsupported_files)
{
    const unsigned char *s = png_rgb_filter4;
    size_t len = sizeof png_rgb_filter4;
    uint8_t *d;
    d = damaged(s, len, 0, 0x88, false);
    expect_refused(d, len, "signature");
    free(d);
    d = damaged(s, len, 45, s[45] ^ 1, false);          /* inside IDAT */
    expect_refused(d, len, "bad CRC");
    free(d);
    d = damaged(s, len, 24, 16, true);                  /* bit depth 16 */
    expect_refused(d, len, "bit depth 16");
    free(d);
    d = damaged(s, len, 25, 3, true);                   /* palette */
    expect_refused(d, len, "colour type 3");
    free(d);
    d = damaged(s, len, 28, 1, true);                   /* Adam7 */
    expect_refused(d, len, "interlaced");
    free(d);
    d = damaged(s, len, 19, 0, true);                   /* width 0 */
    expect_refused(d, len, "out of range");
    free(d);
    expect_refused(s, len - 20, "truncated");
    expect_refused(s, 5, "signature");
    /* A well-formed file whose first row says filter type 5. */
    uint8_t raw[5 * (1 + 21)];
    memset(raw, 0, sizeof raw);
    raw[0] = 5;
    uLongf zlen = compressBound(sizeof raw);
    uint8_t *file = malloc(33 + 12 + zlen + 12);
    ck_assert_ptr_nonnull(file);
    memcpy(file, s, 33);                                /* signature + IHDR */
    ck_assert_int_eq(compress(file + 41, &zlen, raw, sizeof raw), Z_OK);
    file[33] = (uint8_t)(zlen >> 24);
    file[34] = (uint8_t)(zlen >> 16);
    file[35] = (uint8_t)(zlen >> 8);
    file[36] = (uint8_t)zlen;
    memcpy(file + 37, "IDAT", 4);
    uint32_t crc = (uint32_t)crc32(0L, file + 37, (uInt)zlen + 4);
    uint8_t *c = file + 41 + zlen;
    c[0] = (uint8_t)(crc >> 24);
    c[1] = (uint8_t)(crc >> 16);
    c[2] = (uint8_t)(crc >> 8);
    c[3] = (uint8_t)crc;
    memcpy(c + 4, s + len - 12, 12);                    /* IEND */
    expect_refused(file, 41 + zlen + 4 + 12, "bad filter type 5");
    free(file);
}
END_TEST

START_TEST(reads_binary_ppm)
{
    static const char ppm[] = "P6\n# a comment\n2 1\n255\n\x01\x02\x03\xFA\xFB\xFC";
    struct image img;
    char err[200] = "";
    ck_assert_msg(ppm_decode((const uint8_t *)ppm, sizeof ppm - 1, &img, err, sizeof err), "%s", err);
    ck_assert_uint_eq(img.width, 2);
    ck_assert_uint_eq(img.height, 1);
    ck_assert_uint_eq(img.pixels[0], 0xFF010203u);
    ck_assert_uint_eq(img.pixels[1], 0xFFFAFBFCu);
    image_free(&img);
    ck_assert(!ppm_decode((const uint8_t *)ppm, sizeof ppm - 2, &img, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "truncated"));
    static const char deep[] = "P6 1 1 65535\n\0\0\0\0\0\0";
    ck_assert(!ppm_decode((const uint8_t *)deep, sizeof deep - 1, &img, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "maxval"));
    static const char ascii[] = "P3 1 1 255\n1 2 3\n";
    ck_assert(!ppm_decode((const uint8_t *)ascii, sizeof ascii - 1, &img, err, sizeof err));
    static const char huge[] = "P6 99999 99999 255\n";
    ck_assert(!ppm_decode((const uint8_t *)huge, sizeof huge - 1, &img, err, sizeof err));
    ck_assert_ptr_null(img.pixels);
}
END_TEST

START_TEST(compares_pixel_for_pixel)
{
    struct image a, b;
    make_test_image(&a, 20, 10, false);
    make_test_image(&b, 20, 10, false);
    struct image_diff_point first[2];
    ck_assert_uint_eq(image_compare(&a, &b, first, 2), 0);
    b.pixels[3 * 20 + 4] ^= 1;           /* one blue bit */
    b.pixels[9 * 20 + 19] = 0xFF000000u;
    b.pixels[0] = a.pixels[0] & 0x00FFFFFFu; /* only alpha differs */
    ck_assert_uint_eq(image_compare(&a, &b, first, 2), 3);
    ck_assert_uint_eq(first[0].x, 0);
    ck_assert_uint_eq(first[0].y, 0);
    ck_assert_uint_eq(first[1].x, 4);
    ck_assert_uint_eq(first[1].y, 3);
    ck_assert_uint_eq(first[1].expected, a.pixels[3 * 20 + 4]);
    ck_assert_uint_eq(first[1].got, b.pixels[3 * 20 + 4]);
    struct image diff;
    ck_assert(image_diff_picture(&a, &b, &diff));
    ck_assert_uint_eq(diff.pixels[3 * 20 + 4], 0xFFFF0000u);
    uint32_t e = a.pixels[1];
    ck_assert_uint_eq(diff.pixels[1], 0xFF000000u | ((e >> 16 & 255) / 3) << 16 |
                                          ((e >> 8 & 255) / 3) << 8 | (e & 255) / 3);
    image_free(&diff);
    image_free(&a);
    image_free(&b);
}
END_TEST

START_TEST(alloc_refuses_absurd_sizes)
{
    struct image img;
    ck_assert(!image_alloc(&img, 0, 10));
    ck_assert(!image_alloc(&img, 10, IMAGE_MAX_SIDE + 1));
    ck_assert_ptr_null(img.pixels);
    ck_assert_ptr_null(png_encode(&img, 0, &(size_t){ 0 }));
}
END_TEST

static Suite *vga_image_suite(void)
{
    Suite *s = suite_create("vga_image");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, decodes_each_filter_type);
    tcase_add_test(tc, decodes_mixed_filters_split_idat_and_rgba);
    tcase_add_test(tc, round_trips_with_each_filter);
    tcase_add_test(tc, encoder_uses_the_filter_asked_for);
    tcase_add_test(tc, refuses_damaged_and_unsupported_files);
    tcase_add_test(tc, reads_binary_ppm);
    tcase_add_test(tc, compares_pixel_for_pixel);
    tcase_add_test(tc, alloc_refuses_absurd_sizes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(vga_image_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
