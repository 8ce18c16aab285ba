/*
 * disk_image.h - the host side of an emulated hard disk: a raw image file
 * (or, for unit tests, a buffer in memory) read and written in whole
 * 512-byte sectors by LBA.
 *
 * Writes go straight to the file with pwrite, so once a write returns the
 * data is in the host's page cache and survives however softpc exits
 * (even SIGKILL); disk_image_flush (fsync) is what the guest's FLUSH
 * CACHE asks for, to get it onto the host's disk as well.
 *
 * Snapshot mode (`-snapshot`): the file is opened read-only and every
 * written sector lives in memory, in a sparse table keyed by LBA (only
 * the sectors written, never a copy of the image); reads see those
 * sectors over the file; all of it is dropped at close.
 *
 * Every request is bounds-checked: a range that does not lie inside the
 * image fails (returns false) and touches nothing.
 *
 * Not here: image formats other than raw (qcow2, vmdk...), host block
 * devices (only regular files are accepted), locking against a second
 * process using the same file, asynchronous I/O.  POSIX only.
 */
#ifndef SOFTPC_DEVICES_DISK_IMAGE_H
#define SOFTPC_DEVICES_DISK_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DISK_SECTOR_SIZE 512u

struct disk_image;

/* Opens a raw image.  read_only: writes fail.  snapshot: the file is
 * opened read-only and writes go to the in-memory overlay.  On failure
 * returns NULL and puts a one-line reason naming the path in err (if
 * errlen > 0): missing, unreadable, not a regular file, empty, size not a
 * multiple of 512. */
struct disk_image *disk_image_open(const char *path, bool read_only, bool snapshot,
                                   char *err, size_t errlen);

/* An image held in memory, initialised with a copy of `size` bytes of
 * `data` (NULL: zeros).  For unit tests.  NULL if size is 0, not a
 * multiple of 512, or memory runs out. */
struct disk_image *disk_image_from_buffer(const void *data, size_t size, bool read_only);

/* Closes the file (no implicit fsync) and frees everything, including a
 * snapshot's written sectors.  NULL is allowed. */
void disk_image_close(struct disk_image *img);

uint64_t disk_image_sectors(const struct disk_image *img);
bool disk_image_read_only(const struct disk_image *img);

/* `count` sectors from `lba` into / out of buf (count * 512 bytes).
 * False if the range is outside the image, the image is read-only (for
 * writes), or the host I/O fails; a failed read may have filled part of
 * buf. count == 0 succeeds if lba <= the sector count. */
bool disk_image_read(struct disk_image *img, uint64_t lba, uint32_t count, void *buf);
bool disk_image_write(struct disk_image *img, uint64_t lba, uint32_t count, const void *buf);

/* Pushes written data to stable storage (fsync); true for memory images
 * and snapshots, which have nothing to push. */
bool disk_image_flush(struct disk_image *img);

/* How many sectors a snapshot holds in memory (0 otherwise); for tests
 * and the monitor. */
uint64_t disk_image_overlay_sectors(const struct disk_image *img);

#endif
