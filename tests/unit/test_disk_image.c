/*
 * test_disk_image.c - Check unit tests for raw disk images
 * (devices/disk_image.c): the one-line open errors (each naming the path),
 * bounds checks on every request, that writes reach the file at once
 * (seen through another descriptor before close), read-only images,
 * snapshot mode (the file is unchanged after writes and close; written
 * sectors read back over the file's; only written sectors are held), the
 * in-memory constructor, and a sparse image larger than 4 GiB.
 *
 * Sector k of every test image is filled with a pattern naming k, so a
 * sector read from the wrong place shows.
 */
#define _FILE_OFFSET_BITS 64
#define _POSIX_C_SOURCE 200809L

#include "devices/disk_image.h"

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/unit/check_main.h"

#define SECTOR DISK_SECTOR_SIZE

static char path[256];

static uint8_t pattern(uint64_t sector, unsigned byte)
{
    return (uint8_t)(sector * 7u + byte + (sector >> 8));
}

static void fill_sector(uint8_t *buf, uint64_t sector)
{
    for (unsigned i = 0; i < SECTOR; i++)
        buf[i] = pattern(sector, i);
}

static bool sector_is(const uint8_t *buf, uint64_t sector)
{
    for (unsigned i = 0; i < SECTOR; i++)
        if (buf[i] != pattern(sector, i))
            return false;
    return true;
}

/* A temporary file of `bytes` bytes, filled per sector with the pattern
 * (a partial last sector too); its name is in `path`. */
static void make_file(size_t bytes)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/softpc_disk_XXXXXX", dir != NULL ? dir : "/tmp");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    uint8_t sec[SECTOR];
    for (size_t off = 0; off < bytes; off += SECTOR) {
        fill_sector(sec, off / SECTOR);
        size_t n = bytes - off < SECTOR ? bytes - off : SECTOR;
        ck_assert_int_eq(write(fd, sec, n), (ssize_t)n);
    }
    close(fd);
}

/* The file's sector k as it is on the host right now. */
static void file_sector(uint64_t k, uint8_t *buf)
{
    int fd = open(path, O_RDONLY);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(pread(fd, buf, SECTOR, (off_t)(k * SECTOR)), SECTOR);
    close(fd);
}

static void teardown(void)
{
    if (path[0] != '\0')
        unlink(path);
    path[0] = '\0';
}

START_TEST(test_open_missing)
{
    char err[256];
    const char *p = "/nonexistent-dir/softpc-no-such.img";
    ck_assert_ptr_null(disk_image_open(p, false, false, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, p));
    ck_assert_ptr_nonnull(strstr(err, "No such file"));
    ck_assert_ptr_null(strchr(err, '\n'));
}
END_TEST

START_TEST(test_open_directory)
{
    char err[256];
    ck_assert_ptr_null(disk_image_open("/", true, false, err, sizeof err));
    ck_assert_str_eq(err, "/: not a regular file");
}
END_TEST

START_TEST(test_open_empty)
{
    char err[256], want[300];
    make_file(0);
    ck_assert_ptr_null(disk_image_open(path, false, false, err, sizeof err));
    snprintf(want, sizeof want, "%s: is empty", path);
    ck_assert_str_eq(err, want);
}
END_TEST

START_TEST(test_open_odd_size)
{
    char err[256], want[300];
    make_file(3 * SECTOR + 100);
    ck_assert_ptr_null(disk_image_open(path, false, false, err, sizeof err));
    snprintf(want, sizeof want, "%s: size 1636 bytes is not a multiple of 512", path);
    ck_assert_str_eq(err, want);
}
END_TEST

START_TEST(test_open_unreadable)
{
    char err[256];
    make_file(4 * SECTOR);
    ck_assert_int_eq(chmod(path, 0), 0);
    struct disk_image *img = disk_image_open(path, true, false, err, sizeof err);
    if (geteuid() == 0) {
        /* root reads anything: nothing to check but that it opened. */
        ck_assert_ptr_nonnull(img);
        disk_image_close(img);
        return;
    }
    ck_assert_ptr_null(img);
    ck_assert_ptr_nonnull(strstr(err, path));
    ck_assert_ptr_nonnull(strstr(err, "Permission denied"));
}
END_TEST

START_TEST(test_open_short_err_buffer)
{
    char err[8];
    ck_assert_ptr_null(disk_image_open("/", true, false, err, sizeof err));
    ck_assert_uint_eq(strlen(err), 7); /* truncated, terminated */
    ck_assert_ptr_null(disk_image_open("/", true, false, NULL, 0));
}
END_TEST

START_TEST(test_read_and_bounds)
{
    char err[256];
    uint8_t buf[3 * SECTOR];
    make_file(8 * SECTOR);
    struct disk_image *img = disk_image_open(path, false, false, err, sizeof err);
    ck_assert_ptr_nonnull(img);
    ck_assert_uint_eq(disk_image_sectors(img), 8);
    ck_assert(disk_image_read(img, 5, 3, buf));
    ck_assert(sector_is(buf, 5));
    ck_assert(sector_is(buf + SECTOR, 6));
    ck_assert(sector_is(buf + 2 * SECTOR, 7));
    ck_assert(!disk_image_read(img, 6, 3, buf));   /* runs past the end */
    ck_assert(!disk_image_read(img, 8, 1, buf));
    ck_assert(!disk_image_read(img, UINT64_MAX, 1, buf));
    ck_assert(!disk_image_read(img, 1, UINT32_MAX, buf));
    ck_assert(disk_image_read(img, 8, 0, buf));    /* empty range at the end */
    ck_assert(!disk_image_read(img, 9, 0, buf));
    memset(buf, 0xEE, sizeof buf);
    ck_assert(!disk_image_write(img, 7, 2, buf));
    ck_assert(!disk_image_write(img, UINT64_MAX - 1, 2, buf));
    file_sector(7, buf);
    ck_assert(sector_is(buf, 7));                   /* the refused write wrote nothing */
    disk_image_close(img);
}
END_TEST

START_TEST(test_writes_reach_file_at_once)
{
    char err[256];
    uint8_t buf[2 * SECTOR], back[SECTOR];
    make_file(8 * SECTOR);
    struct disk_image *img = disk_image_open(path, false, false, err, sizeof err);
    ck_assert_ptr_nonnull(img);
    fill_sector(buf, 100);
    fill_sector(buf + SECTOR, 101);
    ck_assert(disk_image_write(img, 2, 2, buf));
    /* Before any flush or close, another reader sees the data. */
    file_sector(2, back);
    ck_assert(sector_is(back, 100));
    file_sector(3, back);
    ck_assert(sector_is(back, 101));
    file_sector(4, back);
    ck_assert(sector_is(back, 4));
    ck_assert(disk_image_flush(img));
    ck_assert(disk_image_read(img, 3, 1, back));
    ck_assert(sector_is(back, 101));
    ck_assert_uint_eq(disk_image_overlay_sectors(img), 0);
    disk_image_close(img);
    /* And after close, a fresh open reads it too. */
    img = disk_image_open(path, true, false, err, sizeof err);
    ck_assert_ptr_nonnull(img);
    ck_assert(disk_image_read(img, 2, 1, back));
    ck_assert(sector_is(back, 100));
    disk_image_close(img);
}
END_TEST

START_TEST(test_read_only)
{
    char err[256];
    uint8_t buf[SECTOR];
    make_file(4 * SECTOR);
    struct disk_image *img = disk_image_open(path, true, false, err, sizeof err);
    ck_assert_ptr_nonnull(img);
    ck_assert(disk_image_read_only(img));
    fill_sector(buf, 50);
    ck_assert(!disk_image_write(img, 1, 1, buf));
    ck_assert(disk_image_read(img, 1, 1, buf));
    ck_assert(sector_is(buf, 1));
    disk_image_close(img);
    file_sector(1, buf);
    ck_assert(sector_is(buf, 1));
}
END_TEST

START_TEST(test_snapshot_isolation)
{
    char err[256];
    uint8_t buf[8 * SECTOR];
    make_file(8 * SECTOR);
    struct disk_image *img = disk_image_open(path, false, true, err, sizeof err);
    ck_assert_ptr_nonnull(img);
    ck_assert(!disk_image_read_only(img));
    fill_sector(buf, 200);
    ck_assert(disk_image_write(img, 2, 1, buf));
    fill_sector(buf, 205);
    ck_assert(disk_image_write(img, 5, 1, buf));
    fill_sector(buf, 206);
    ck_assert(disk_image_write(img, 5, 1, buf)); /* rewrite: still one sector held */
    ck_assert_uint_eq(disk_image_overlay_sectors(img), 2);
    /* A read across both written sectors mixes the overlay and the file. */
    ck_assert(disk_image_read(img, 0, 8, buf));
    static const uint64_t want[8] = { 0, 1, 200, 3, 4, 206, 6, 7 };
    for (unsigned k = 0; k < 8; k++)
        ck_assert_msg(sector_is(buf + k * SECTOR, want[k]), "sector %u", k);
    /* The file never changed, neither now nor after close. */
    for (unsigned k = 0; k < 8; k++) {
        file_sector(k, buf);
        ck_assert(sector_is(buf, k));
    }
    disk_image_close(img);
    for (unsigned k = 0; k < 8; k++) {
        file_sector(k, buf);
        ck_assert(sector_is(buf, k));
    }
    /* A fresh snapshot starts from the file again. */
    img = disk_image_open(path, false, true, err, sizeof err);
    ck_assert_ptr_nonnull(img);
    ck_assert(disk_image_read(img, 2, 1, buf));
    ck_assert(sector_is(buf, 2));
    disk_image_close(img);
}
END_TEST

START_TEST(test_snapshot_many_sectors)
{
    char err[256];
    uint8_t buf[SECTOR];
    const uint64_t n = 4096;
    make_file(n * SECTOR);
    struct disk_image *img = disk_image_open(path, false, true, err, sizeof err);
    ck_assert_ptr_nonnull(img);
    /* Every third sector, enough to grow the table several times. */
    for (uint64_t k = 0; k < n; k += 3) {
        fill_sector(buf, k + 10000);
        ck_assert(disk_image_write(img, k, 1, buf));
    }
    ck_assert_uint_eq(disk_image_overlay_sectors(img), (n + 2) / 3);
    for (uint64_t k = 0; k < n; k++) {
        ck_assert(disk_image_read(img, k, 1, buf));
        ck_assert(sector_is(buf, k % 3 == 0 ? k + 10000 : k));
    }
    ck_assert(!disk_image_write(img, n, 1, buf));
    disk_image_close(img);
}
END_TEST

START_TEST(test_from_buffer)
{
    uint8_t data[4 * SECTOR], buf[SECTOR];
    for (unsigned k = 0; k < 4; k++)
        fill_sector(data + k * SECTOR, k);
    ck_assert_ptr_null(disk_image_from_buffer(data, 0, false));
    ck_assert_ptr_null(disk_image_from_buffer(data, 700, false));
    struct disk_image *img = disk_image_from_buffer(data, sizeof data, false);
    ck_assert_ptr_nonnull(img);
    memset(data, 0, sizeof data); /* the image holds its own copy */
    ck_assert_uint_eq(disk_image_sectors(img), 4);
    ck_assert(disk_image_read(img, 3, 1, buf));
    ck_assert(sector_is(buf, 3));
    fill_sector(buf, 77);
    ck_assert(disk_image_write(img, 0, 1, buf));
    memset(buf, 0, sizeof buf);
    ck_assert(disk_image_read(img, 0, 1, buf));
    ck_assert(sector_is(buf, 77));
    ck_assert(!disk_image_read(img, 4, 1, buf));
    ck_assert(disk_image_flush(img));
    disk_image_close(img);

    img = disk_image_from_buffer(NULL, 2 * SECTOR, true);
    ck_assert_ptr_nonnull(img);
    ck_assert(disk_image_read(img, 1, 1, buf));
    for (unsigned i = 0; i < SECTOR; i++)
        ck_assert_uint_eq(buf[i], 0);
    ck_assert(!disk_image_write(img, 0, 1, buf));
    disk_image_close(img);
    disk_image_close(NULL);
}
END_TEST

/* A sparse 5 GiB file: offsets past 2 and 4 GiB must work. */
START_TEST(test_large_sparse_file)
{
    char err[256];
    uint8_t buf[SECTOR];
    const uint64_t sectors = UINT64_C(5) * 1024 * 1024 * 2; /* 5 GiB */
    make_file(0);
    int fd = open(path, O_RDWR);
    ck_assert_int_ge(fd, 0);
    if (ftruncate(fd, (off_t)(sectors * SECTOR)) != 0) {
        close(fd);
        return; /* the host file system cannot hold it: nothing to test */
    }
    close(fd);
    struct disk_image *img = disk_image_open(path, false, false, err, sizeof err);
    ck_assert_ptr_nonnull(img);
    ck_assert_uint_eq(disk_image_sectors(img), sectors);
    const uint64_t at[3] = { UINT64_C(0x500000), UINT64_C(0x900001), sectors - 1 };
    for (unsigned i = 0; i < 3; i++) {
        fill_sector(buf, at[i]);
        ck_assert(disk_image_write(img, at[i], 1, buf));
    }
    for (unsigned i = 0; i < 3; i++) {
        ck_assert(disk_image_read(img, at[i], 1, buf));
        ck_assert(sector_is(buf, at[i]));
        file_sector(at[i], buf);
        ck_assert(sector_is(buf, at[i]));
    }
    ck_assert(!disk_image_read(img, sectors, 1, buf));
    disk_image_close(img);
}
END_TEST

static Suite *disk_image_suite(void)
{
    Suite *s = suite_create("disk_image");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, test_open_missing);
    tcase_add_test(tc, test_open_directory);
    tcase_add_test(tc, test_open_empty);
    tcase_add_test(tc, test_open_odd_size);
    tcase_add_test(tc, test_open_unreadable);
    tcase_add_test(tc, test_open_short_err_buffer);
    tcase_add_test(tc, test_read_and_bounds);
    tcase_add_test(tc, test_writes_reach_file_at_once);
    tcase_add_test(tc, test_read_only);
    tcase_add_test(tc, test_snapshot_isolation);
    tcase_add_test(tc, test_snapshot_many_sectors);
    tcase_add_test(tc, test_from_buffer);
    tcase_add_test(tc, test_large_sparse_file);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(disk_image_suite(), CK_ENV); /* CK_VERBOSITY picks the detail */
}
