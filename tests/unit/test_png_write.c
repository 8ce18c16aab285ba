/*
 * test_png_write.c - Check unit tests for the PNG encoder
 * (frontend/png_write.c) and the screenshot writer built on it
 * (frontend/screenshot.c).
 *
 * The oracle is a small PNG reader written from the specification
 * (W3C PNG 2nd edition): it checks the signature, walks the chunks
 * recomputing every CRC, checks IHDR's fields, that there is exactly one
 * IDAT and that IEND ends the file, inflates the data with zlib and undoes
 * each row's filter (all five types, section 9), then the pixels must be
 * the ones encoded.
 */
#include "frontend/png_write.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "devices/vga.h"
#include "frontend/screenshot.h"

static uint32_t load_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

struct decoded {
    unsigned width, height;
    uint8_t *rgb;               /* width * 3 bytes per row, packed */
    unsigned filters_used;      /* bit t: some row used filter type t */
};

static uint8_t paeth(uint8_t a, uint8_t b, uint8_t c)
{
    int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Decodes png into d (free d->rgb); fails the test on any violation. */
static void decode_png(const uint8_t *png, size_t len, struct decoded *d)
{
    static const uint8_t sig[8] = { 0x89, 'P', 'N', 'G', 13, 10, 26, 10 };
    ck_assert_uint_ge(len, 8 + 25 + 12 + 12);
    ck_assert_mem_eq(png, sig, 8);
    size_t pos = 8;
    unsigned idat_count = 0, chunk_no = 0;
    const uint8_t *idat = NULL;
    uint32_t idat_len = 0;
    bool iend = false;
    while (pos < len) {
        ck_assert_msg(!iend, "data after IEND");
        ck_assert_uint_ge(len - pos, 12);
        uint32_t clen = load_be32(png + pos);
        ck_assert_uint_le(clen, len - pos - 12);
        const uint8_t *type = png + pos + 4, *data = png + pos + 8;
        uint32_t crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), type, 4 + clen);
        ck_assert_msg(crc == load_be32(data + clen), "chunk %.4s: CRC %08x, file says %08x",
                      (const char *)type, crc, load_be32(data + clen));
        if (chunk_no == 0) {
            ck_assert_mem_eq(type, "IHDR", 4);
            ck_assert_uint_eq(clen, 13);
            d->width = load_be32(data);
            d->height = load_be32(data + 4);
            ck_assert_uint_eq(data[8], 8);  /* bit depth */
            ck_assert_uint_eq(data[9], 2);  /* truecolour */
            ck_assert_uint_eq(data[10], 0); /* deflate */
            ck_assert_uint_eq(data[11], 0); /* adaptive filtering */
            ck_assert_uint_eq(data[12], 0); /* no interlace */
        } else if (memcmp(type, "IDAT", 4) == 0) {
            idat_count++;
            idat = data;
            idat_len = clen;
        } else if (memcmp(type, "IEND", 4) == 0) {
            ck_assert_uint_eq(clen, 0);
            iend = true;
        } else {
            ck_abort_msg("unexpected chunk %.4s", (const char *)type);
        }
        pos += 12 + clen;
        chunk_no++;
    }
    ck_assert(iend);
    ck_assert_uint_eq(idat_count, 1);

    size_t row = (size_t)d->width * 3;
    uLongf raw_len = (uLongf)((row + 1) * d->height);
    uint8_t *raw = malloc(raw_len + 1);
    ck_assert_ptr_nonnull(raw);
    uLongf got = raw_len + 1;
    ck_assert_int_eq(uncompress(raw, &got, idat, idat_len), Z_OK);
    ck_assert_uint_eq(got, raw_len);

    d->rgb = malloc(row * d->height);
    ck_assert_ptr_nonnull(d->rgb);
    d->filters_used = 0;
    for (unsigned y = 0; y < d->height; y++) {
        const uint8_t *f = raw + y * (row + 1);
        uint8_t *out = d->rgb + y * row;
        const uint8_t *up = y > 0 ? out - row : NULL;
        ck_assert_uint_le(f[0], 4);
        d->filters_used |= 1u << f[0];
        for (size_t k = 0; k < row; k++) {
            uint8_t a = k >= 3 ? out[k - 3] : 0, b = up ? up[k] : 0;
            uint8_t c = up && k >= 3 ? up[k - 3] : 0;
            uint8_t pred = f[0] == 1 ? a : f[0] == 2 ? b : f[0] == 3 ? (uint8_t)((a + b) / 2)
                         : f[0] == 4 ? paeth(a, b, c) : 0;
            out[k] = (uint8_t)(f[1 + k] + pred);
        }
    }
    free(raw);
}

/* Encodes, decodes, compares; returns the filter types used. */
static unsigned round_trip(const uint8_t *rgb, unsigned w, unsigned h, size_t stride)
{
    uint8_t *png;
    size_t len;
    ck_assert(png_encode_rgb(rgb, w, h, stride, &png, &len));
    struct decoded d;
    decode_png(png, len, &d);
    ck_assert_uint_eq(d.width, w);
    ck_assert_uint_eq(d.height, h);
    for (unsigned y = 0; y < h; y++)
        ck_assert_mem_eq(d.rgb + (size_t)y * w * 3, rgb + y * stride, (size_t)w * 3);
    free(d.rgb);
    free(png);
    return d.filters_used;
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
    struct decoded d;
    decode_png(png, (size_t)len, &d);
    const uint8_t want[18] = { 0xFF, 0, 0, 0, 0xFF, 0, 0, 0, 0xFF,
                               0x12, 0x34, 0x56, 0, 0, 0, 0xFF, 0xFF, 0xFF };
    ck_assert_uint_eq(d.width, 3);
    ck_assert_uint_eq(d.height, 2);
    ck_assert_mem_eq(d.rgb, want, sizeof want);
    free(d.rgb);
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
    tcase_add_test(tc, test_screenshot_channel_order);
    tcase_add_test(tc, test_screenshot_empty_surface);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(png_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
