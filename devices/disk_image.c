/*
 * disk_image.c - raw disk images (the model is in disk_image.h).
 *
 * The file is accessed with pread/pwrite at byte offset lba * 512, so
 * there is no shared file position and no stdio buffer between a guest
 * write and the file.  _FILE_OFFSET_BITS=64 makes off_t 64 bits on 32-bit
 * glibc hosts too, for images over 2 GiB.
 *
 * The snapshot overlay is an open-addressing hash table (linear probing,
 * at most half full) from LBA to a malloc'd sector; sectors are never
 * removed until close, so there are no tombstones.
 */
#define _FILE_OFFSET_BITS 64
#define _POSIX_C_SOURCE 200809L

#include "devices/disk_image.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

struct overlay_slot {
    uint64_t lba;
    uint8_t *data; /* NULL: the slot is free */
};

struct disk_image {
    int fd;             /* -1 for a memory image */
    uint8_t *mem;       /* a memory image's bytes */
    uint64_t sectors;
    bool read_only;
    bool snapshot;
    struct overlay_slot *slots;
    size_t slot_cap;    /* a power of two, or 0 before the first write */
    size_t slot_used;
};

static void set_err(char *err, size_t errlen, const char *path, const char *why)
{
    if (errlen > 0)
        snprintf(err, errlen, "%s: %s", path, why);
}

struct disk_image *disk_image_open(const char *path, bool read_only, bool snapshot,
                                   char *err, size_t errlen)
{
    if (errlen > 0)
        err[0] = '\0';
    int flags = (read_only || snapshot) ? O_RDONLY : O_RDWR;
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0) {
        set_err(err, errlen, path, strerror(errno));
        return NULL;
    }
    struct stat st;
    const char *why = NULL;
    char size_why[96];
    if (fstat(fd, &st) != 0) {
        why = strerror(errno);
    } else if (!S_ISREG(st.st_mode)) {
        why = "not a regular file";
    } else if (st.st_size == 0) {
        why = "is empty";
    } else if (st.st_size % DISK_SECTOR_SIZE != 0) {
        snprintf(size_why, sizeof size_why,
                 "size %lld bytes is not a multiple of 512", (long long)st.st_size);
        why = size_why;
    }
    struct disk_image *img = NULL;
    if (why == NULL) {
        img = calloc(1, sizeof *img);
        if (img == NULL)
            why = "out of memory";
    }
    if (why != NULL) {
        set_err(err, errlen, path, why);
        close(fd);
        return NULL;
    }
    img->fd = fd;
    img->sectors = (uint64_t)st.st_size / DISK_SECTOR_SIZE;
    img->read_only = read_only;
    img->snapshot = snapshot && !read_only;
    return img;
}

struct disk_image *disk_image_from_buffer(const void *data, size_t size, bool read_only)
{
    if (size == 0 || size % DISK_SECTOR_SIZE != 0)
        return NULL;
    struct disk_image *img = calloc(1, sizeof *img);
    if (img == NULL)
        return NULL;
    img->mem = malloc(size);
    if (img->mem == NULL) {
        free(img);
        return NULL;
    }
    if (data != NULL)
        memcpy(img->mem, data, size);
    else
        memset(img->mem, 0, size);
    img->fd = -1;
    img->sectors = size / DISK_SECTOR_SIZE;
    img->read_only = read_only;
    return img;
}

void disk_image_close(struct disk_image *img)
{
    if (img == NULL)
        return;
    for (size_t i = 0; i < img->slot_cap; i++)
        free(img->slots[i].data);
    free(img->slots);
    if (img->fd >= 0)
        close(img->fd);
    free(img->mem);
    free(img);
}

uint64_t disk_image_sectors(const struct disk_image *img)
{
    return img->sectors;
}

bool disk_image_read_only(const struct disk_image *img)
{
    return img->read_only;
}

uint64_t disk_image_overlay_sectors(const struct disk_image *img)
{
    return img->slot_used;
}

static bool range_ok(const struct disk_image *img, uint64_t lba, uint32_t count)
{
    return lba <= img->sectors && count <= img->sectors - lba;
}

/* --- the snapshot overlay ------------------------------------------- */

static size_t overlay_home(uint64_t lba, size_t cap)
{
    /* Fibonacci hashing spreads consecutive LBAs over the table. */
    return (size_t)((lba * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & (cap - 1);
}

static struct overlay_slot *overlay_find(const struct disk_image *img, uint64_t lba)
{
    if (img->slot_cap == 0)
        return NULL;
    for (size_t i = overlay_home(lba, img->slot_cap);; i = (i + 1) & (img->slot_cap - 1)) {
        struct overlay_slot *s = &img->slots[i];
        if (s->data == NULL)
            return NULL;
        if (s->lba == lba)
            return s;
    }
}

static bool overlay_grow(struct disk_image *img)
{
    size_t cap = img->slot_cap != 0 ? img->slot_cap * 2 : 64;
    struct overlay_slot *slots = calloc(cap, sizeof *slots);
    if (slots == NULL)
        return false;
    for (size_t k = 0; k < img->slot_cap; k++) {
        const struct overlay_slot *old = &img->slots[k];
        if (old->data == NULL)
            continue;
        size_t i = overlay_home(old->lba, cap);
        while (slots[i].data != NULL)
            i = (i + 1) & (cap - 1);
        slots[i] = *old;
    }
    free(img->slots);
    img->slots = slots;
    img->slot_cap = cap;
    return true;
}

/* The overlay's copy of `lba`, created (contents undefined) if absent;
 * NULL if memory runs out. */
static uint8_t *overlay_sector(struct disk_image *img, uint64_t lba)
{
    struct overlay_slot *s = overlay_find(img, lba);
    if (s != NULL)
        return s->data;
    if ((img->slot_used + 1) * 2 > img->slot_cap && !overlay_grow(img))
        return NULL;
    uint8_t *data = malloc(DISK_SECTOR_SIZE);
    if (data == NULL)
        return NULL;
    size_t i = overlay_home(lba, img->slot_cap);
    while (img->slots[i].data != NULL)
        i = (i + 1) & (img->slot_cap - 1);
    img->slots[i] = (struct overlay_slot){ lba, data };
    img->slot_used++;
    return data;
}

/* --- host file I/O ---------------------------------------------------- */

static bool file_read(int fd, uint64_t lba, size_t bytes, uint8_t *buf)
{
    off_t off = (off_t)(lba * DISK_SECTOR_SIZE);
    while (bytes > 0) {
        ssize_t n = pread(fd, buf, bytes, off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false; /* an error, or the file shrank under us */
        buf += n;
        bytes -= (size_t)n;
        off += n;
    }
    return true;
}

static bool file_write(int fd, uint64_t lba, size_t bytes, const uint8_t *buf)
{
    off_t off = (off_t)(lba * DISK_SECTOR_SIZE);
    while (bytes > 0) {
        ssize_t n = pwrite(fd, buf, bytes, off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        buf += n;
        bytes -= (size_t)n;
        off += n;
    }
    return true;
}

bool disk_image_read(struct disk_image *img, uint64_t lba, uint32_t count, void *buf)
{
    if (!range_ok(img, lba, count))
        return false;
    uint8_t *out = buf;
    size_t bytes = (size_t)count * DISK_SECTOR_SIZE;
    if (img->mem != NULL) {
        memcpy(out, img->mem + lba * DISK_SECTOR_SIZE, bytes);
        return true;
    }
    if (img->slot_used == 0)
        return file_read(img->fd, lba, bytes, out);
    /* Runs of sectors not in the overlay are read from the file at once. */
    uint32_t run = 0;
    for (uint32_t k = 0; k <= count; k++) {
        const struct overlay_slot *s = k < count ? overlay_find(img, lba + k) : NULL;
        if (k < count && s == NULL) {
            run++;
            continue;
        }
        if (run > 0) {
            uint32_t first = k - run;
            if (!file_read(img->fd, lba + first, (size_t)run * DISK_SECTOR_SIZE,
                           out + (size_t)first * DISK_SECTOR_SIZE))
                return false;
            run = 0;
        }
        if (s != NULL)
            memcpy(out + (size_t)k * DISK_SECTOR_SIZE, s->data, DISK_SECTOR_SIZE);
    }
    return true;
}

bool disk_image_write(struct disk_image *img, uint64_t lba, uint32_t count, const void *buf)
{
    if (img->read_only || !range_ok(img, lba, count))
        return false;
    const uint8_t *in = buf;
    size_t bytes = (size_t)count * DISK_SECTOR_SIZE;
    if (img->mem != NULL) {
        memcpy(img->mem + lba * DISK_SECTOR_SIZE, in, bytes);
        return true;
    }
    if (!img->snapshot)
        return file_write(img->fd, lba, bytes, in);
    for (uint32_t k = 0; k < count; k++) {
        uint8_t *sector = overlay_sector(img, lba + k);
        if (sector == NULL)
            return false;
        memcpy(sector, in + (size_t)k * DISK_SECTOR_SIZE, DISK_SECTOR_SIZE);
    }
    return true;
}

bool disk_image_flush(struct disk_image *img)
{
    if (img->fd < 0 || img->snapshot || img->read_only)
        return true;
    return fsync(img->fd) == 0;
}
