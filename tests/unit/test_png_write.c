/*
 * test_png_write.c - Check unit tests for the PNG encoder
 * (frontend/png_write.c) and the screenshot writer built on it
 * (frontend/screenshot.c).
 *
 * The oracle is the VGA tests' PNG reader (tests/vga/png_decode.c, written
 * from the W3C PNG 2nd edition): it checks the signature, every chunk's
 * CRC, IHDR's fields and that IHDR comes first and IEND is empty, inflates
 * the data with zlib to exactly the expected length and undoes each row's
 * filter (all five types, section 9).  Through png_decode_layout the tests
 * also check the file's build: colour type, exactly IHDR, one IDAT and
 * IEND with nothing after it, and which filter types the rows use.  Then
 * the pixels must be the ones encoded.
 */
#include "frontend/png_write.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/vga.h"
#include "frontend/screenshot.h"
#include "tests/vga/image.h"
#include "tests/unit/check_main.h"

/* Decodes png into img (image_free it) and checks the chunk layout our
 * encoder writes; returns the filter types used (bit t: type t). */
static unsigned decode_png(const uint8_t *png, size_t len, unsigned colour_type,
                           struct image *img)
{
    struct png_layout layout;
    char err[200];
    ck_assert_msg(png_decode_layout(png, len, img, &layout, err, sizeof err), "%s", err);
    ck_assert_uint_eq(layout.colour_type, colour_type);
    ck_assert_uint_eq(layout.chunks, 3);      /* IHDR, IDAT, IEND */
    ck_assert_uint_eq(layout.idat_chunks, 1);
    ck_assert_uint_eq(layout.bytes_after_iend, 0);
    return layout.filters_used;
}

/* Pixel (x, y) of img must hold the bpp bytes at px (opaque without A). */
static void expect_pixel(const struct image *img, unsigned x, unsigned y, const uint8_t *px,
                         unsigned bpp)
{
    uint32_t alpha = bpp == 4 ? px[3] : 0xFF;
    uint32_t want = alpha << 24 | (uint32_t)px[0] << 16 | (uint32_t)px[1] << 8 | px[2];
    uint32_t got = img->pixels[(size_t)y * img->width + x];
    ck_assert_msg(got == want, "pixel (%u, %u): %08x, encoded %08x", x, y, got, want);
}

/* Encodes with opt, decodes, compares; returns the filter types used. */
static unsigned round_trip_with(const uint8_t *px, unsigned w, unsigned h, size_t stride,
                                const struct png_write_options *opt)
{
    uint8_t *png;
    size_t len;
    ck_assert(png_encode_pixels(px, w, h, stride, opt, &png, &len));
    unsigned bpp = opt->alpha ? 4 : 3;
    struct image img;
    unsigned used = decode_png(png, len, opt->alpha ? 6 : 2, &img);
    ck_assert_uint_eq(img.width, w);
    ck_assert_uint_eq(img.height, h);
    for (unsigned y = 0; y < h; y++)
        for (unsigned x = 0; x < w; x++)
            expect_pixel(&img, x, y, px + y * stride + x * bpp, bpp);
    image_free(&img);
    free(png);
    return used;
}

/* The screenshot's encoding (png_encode_rgb): RGB, adaptive filters. */
static unsigned round_trip(const uint8_t *rgb, unsigned w, unsigned h, size_t stride)
{
    uint8_t *png;
    size_t len;
    ck_assert(png_encode_rgb(rgb, w, h, stride, &png, &len));
    struct image img;
    unsigned used = decode_png(png, len, 2, &img);
    ck_assert_uint_eq(img.width, w);
    ck_assert_uint_eq(img.height, h);
    for (unsigned y = 0; y < h; y++)
        for (unsigned x = 0; x < w; x++)
            expect_pixel(&img, x, y, rgb + y * stride + x * 3, 3);
    image_free(&img);
    free(png);
    return used;
}

START_TEST(test_one_pixel)
{
    const uint8_t px[3] = { 0x12, 0xAB, 0xFE };
    round_trip(px, 1, 1, 3);
}
END_TEST

/* A gradient in rows with padding after them: the stride is honoured, and
 * a smooth picture gets predicting filters rather than None everywhere. */
START_TEST(test_gradient_with_stride)
{
    enum { W = 37, H = 19, STRIDE = W * 3 + 5 };
    uint8_t img[STRIDE * H];
    memset(img, 0xEE, sizeof img);
    for (unsigned y = 0; y < H; y++)
        for (unsigned x = 0; x < W; x++) {
            img[y * STRIDE + x * 3] = (uint8_t)(x * 7);
            img[y * STRIDE + x * 3 + 1] = (uint8_t)(y * 13);
            img[y * STRIDE + x * 3 + 2] = (uint8_t)(x + y);
        }
    unsigned used = round_trip(img, W, H, STRIDE);
    ck_assert_msg((used & ~1u) != 0, "only filter None was used (mask %x)", used);
}
END_TEST

/* Noise, with edges in it: every filter's arithmetic wraps modulo 256. */
START_TEST(test_noise)
{
    enum { W = 64, H = 48 };
    static uint8_t img[W * 3 * H];
    uint32_t s = 12345;
    for (size_t k = 0; k < sizeof img; k++) {
        s = s * 1103515245u + 12345u;
        img[k] = (uint8_t)(s >> 16);
        if ((k / (W * 3)) % 8 == 0)
            img[k] = (uint8_t)(k % 3 == 0 ? 255 : 0); /* flat rows */
    }
    round_trip(img, W, H, W * 3);
}
END_TEST

START_TEST(test_every_filter_type)
{
    /* Rows built so each filter wins somewhere: flat, horizontal ramp,
     * copy of the row above, noise. */
    enum { W = 50, H = 40 };
    static uint8_t img[W * 3 * H];
    uint32_t s = 99;
    for (unsigned y = 0; y < H; y++)
        for (unsigned x = 0; x < W * 3; x++) {
            s = s * 1664525u + 1013904223u;
            uint8_t *p = &img[y * W * 3 + x];
            switch (y % 5) {
            case 0: *p = (uint8_t)(s >> 24); break;
            case 1: *p = (uint8_t)(x * 5); break;
            case 2: *p = img[(y - 1) * W * 3 + x]; break;
            case 3: *p = (uint8_t)(x + y * 3); break;
            default: *p = (uint8_t)((x / 3) * 2 + y + (x % 3) * 40); break;
            }
        }
    unsigned used = round_trip(img, W, H, W * 3);
    ck_assert_msg(used & (1u << 2), "Up never used (mask %x)", used);
    ck_assert_msg(used & (1u << 1) || used & (1u << 3) || used & (1u << 4),
                  "no left-predicting filter used (mask %x)", used);
}
END_TEST

START_TEST(test_bad_sizes)
{
    uint8_t px[3] = { 0 };
    uint8_t *png = NULL;
    size_t len = 0;
    ck_assert(!png_encode_rgb(px, 0, 1, 3, &png, &len));
    ck_assert(!png_encode_rgb(px, 1, 0, 3, &png, &len));
    /* 20000 x 20000 x 3 is over the limit: refused before reading pixels. */
    ck_assert(!png_encode_rgb(px, 20000, 20000, 60000, &png, &len));
    ck_assert_ptr_null(png);
}
END_TEST

/* RGBA with each fixed filter type: colour type 6, the alpha bytes come
 * back, and every row carries the filter asked for. */
START_TEST(test_alpha_and_fixed_filters)
{
    enum { W = 23, H = 11, STRIDE = W * 4 + 3 };
    uint8_t img[STRIDE * H];
    memset(img, 0x5A, sizeof img);
    uint32_t s = 7;
    for (unsigned y = 0; y < H; y++)
        for (unsigned x = 0; x < W * 4; x++) {
            s = s * 1664525u + 1013904223u;
            img[y * STRIDE + x] = y % 2 ? (uint8_t)(x * 9 + y) : (uint8_t)(s >> 24);
        }
    for (unsigned f = PNG_WRITE_FILTER_NONE; f <= PNG_WRITE_FILTER_PAETH; f++) {
        struct png_write_options opt = { .alpha = true, .filter = f, .level = 9 };
        unsigned used = round_trip_with(img, W, H, STRIDE, &opt);
        ck_assert_msg(used == 1u << f, "filter %u asked, mask %x used", f, used);
    }
    struct png_write_options rgb = { .filter = PNG_WRITE_FILTER_PAETH, .level = 0 };
    ck_assert_uint_eq(round_trip_with(img, W, H, STRIDE, &rgb), 1u << PNG_WRITE_FILTER_PAETH);
}
END_TEST

START_TEST(test_bad_options)
{
    uint8_t px[4] = { 0 };
    uint8_t *png = NULL;
    size_t len = 0;
    struct png_write_options opt = { .filter = PNG_WRITE_FILTER_ADAPTIVE + 1 };
    ck_assert(!png_encode_pixels(px, 1, 1, 4, &opt, &png, &len));
    opt = (struct png_write_options){ .filter = PNG_WRITE_FILTER_NONE, .level = 10 };
    ck_assert(!png_encode_pixels(px, 1, 1, 4, &opt, &png, &len));
    opt.level = -2;
    ck_assert(!png_encode_pixels(px, 1, 1, 4, &opt, &png, &len));
    ck_assert_ptr_null(png);
}
END_TEST

/* The screenshot writer turns 0x00RRGGBB words into R, G, B bytes. */
START_TEST(test_screenshot_channel_order)
{
    uint32_t pixels[2 * 3] = { 0x00FF0000, 0x0000FF00, 0x000000FF,
                               0x00123456, 0xFF000000 /* unused byte ignored */, 0x00FFFFFF };
    struct vga_surface s = { .pixels = pixels, .width = 3, .height = 2, .aspect_w = 4,
                             .aspect_h = 3 };
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    ck_assert(screenshot_write(f, &s));
    long len = ftell(f);
    ck_assert_int_gt(len, 0);
    uint8_t *png = malloc((size_t)len);
    rewind(f);
    ck_assert_uint_eq(fread(png, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    struct image img;
    decode_png(png, (size_t)len, 2, &img);
    const uint8_t want[18] = { 0xFF, 0, 0, 0, 0xFF, 0, 0, 0, 0xFF,
                               0x12, 0x34, 0x56, 0, 0, 0, 0xFF, 0xFF, 0xFF };
    ck_assert_uint_eq(img.width, 3);
    ck_assert_uint_eq(img.height, 2);
    for (unsigned k = 0; k < 6; k++)
        expect_pixel(&img, k % 3, k / 3, want + 3 * k, 3);
    image_free(&img);
    free(png);
}
END_TEST

START_TEST(test_screenshot_empty_surface)
{
    struct vga_surface s = { .pixels = NULL, .width = 0, .height = 0 };
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    ck_assert(!screenshot_write(f, &s));
    fclose(f);
}
END_TEST

static Suite *png_suite(void)
{
    Suite *s = suite_create("png_write");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_one_pixel);
    tcase_add_test(tc, test_gradient_with_stride);
    tcase_add_test(tc, test_noise);
    tcase_add_test(tc, test_every_filter_type);
    tcase_add_test(tc, test_bad_sizes);
    tcase_add_test(tc, test_alpha_and_fixed_filters);
    tcase_add_test(tc, test_bad_options);
    tcase_add_test(tc, test_screenshot_channel_order);
    tcase_add_test(tc, test_screenshot_empty_surface);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(png_suite(), CK_ENV);
}
