/*
 * ata.h - one ATA (IDE) channel with a master and a slave hard disk, as
 * the PIIX3's IDE function presents it in legacy mode: the command block
 * (task file) at base..base+7, the control block (device control on
 * write, alternate status on read) at ctl, one interrupt line.  The PC
 * has two channels: 1F0h/3F6h on IRQ 14 and 170h/376h on IRQ 15
 * (docs/platform.md); the board creates one `struct ata_channel` each.
 *
 * Follows ATA/ATAPI-6 (T13 1410D): the register model (both
 * drives latch every command block write; only the selected one answers;
 * the 48-bit "previous content" FIFO behind the HOB bit; SRST and nIEN in
 * device control), the PIO data-in / data-out / non-data protocols,
 * and the hard disk commands listed in ata.c.
 * Addressing is CHS (through the current translation, which INITIALIZE
 * DEVICE PARAMETERS changes), LBA28 or LBA48.
 *
 * Timing: every command completes at once, inside the write to the
 * command register (or to the data port that finishes a block).  BSY is
 * only ever seen while SRST is held; a guest sees DRQ or the final status
 * on its first status read.  INTRQ follows ATA-6: pending after a command
 * completes and when a PIO data-in block (or any data-out block but the
 * first) is ready; cleared by a status read (not alternate status), by
 * writing a command, and by reset; driven only by the selected drive and
 * only while nIEN is 0.
 *
 * A missing slave behaves as ATA-6 describes for a device-0-only
 * configuration: once selected, status and alternate status read 00h, the
 * other registers read what device 0 holds, and commands to it are
 * ignored except EXECUTE DEVICE DIAGNOSTIC, which device 0 runs.  A
 * channel with no drive at all reads 7Fh on every register (the host's
 * pull-down on DD7 that ATA requires: BSY reads 0, the rest floats high).
 *
 * Data port: 16- and 32-bit accesses move 2 or 4 bytes; an 8-bit access
 * moves a whole 16-bit word (as on the real bus), the high byte being
 * lost on reads and zero on writes.
 *
 * Not here: ATAPI (CD-ROM): IDENTIFY PACKET DEVICE and PACKET abort like
 * any unknown command; DMA (no bus-master IDE, no DMA modes offered in
 * IDENTIFY); SMART, security, HPA SET MAX, SLEEP (aborted; power
 * management is not claimed in IDENTIFY); command timing; the drive
 * address register at ctl+1 (3F7h belongs to the floppy controller).
 */
#ifndef SOFTPC_DEVICES_ATA_H
#define SOFTPC_DEVICES_ATA_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/irq.h"

struct port_bus;
struct disk_image;

#define ATA_SECTOR_SIZE 512u
#define ATA_MAX_MULTIPLE 16u     /* IDENTIFY word 47: sectors per DRQ block */

#define ATA_PRIMARY_BASE 0x1F0u
#define ATA_PRIMARY_CTL 0x3F6u
#define ATA_PRIMARY_IRQ 14u
#define ATA_SECONDARY_BASE 0x170u
#define ATA_SECONDARY_CTL 0x376u
#define ATA_SECONDARY_IRQ 15u

/* Command block register offsets from base. */
enum {
    ATA_REG_DATA = 0,
    ATA_REG_ERROR = 1,      /* read; FEATURES on write */
    ATA_REG_COUNT = 2,
    ATA_REG_LBA_LOW = 3,    /* sector number in CHS */
    ATA_REG_LBA_MID = 4,    /* cylinder low */
    ATA_REG_LBA_HIGH = 5,   /* cylinder high */
    ATA_REG_DEVICE = 6,
    ATA_REG_STATUS = 7,     /* read; COMMAND on write */
};

/* Status register (ATA-6 register descriptions). */
#define ATA_SR_BSY 0x80u
#define ATA_SR_DRDY 0x40u
#define ATA_SR_DF 0x20u
#define ATA_SR_DSC 0x10u
#define ATA_SR_DRQ 0x08u
#define ATA_SR_ERR 0x01u

/* Error register (ATA-6 register and command descriptions). */
#define ATA_ER_UNC 0x40u
#define ATA_ER_IDNF 0x10u
#define ATA_ER_ABRT 0x04u

/* Device control register (ATA-6 register descriptions). */
#define ATA_DC_HOB 0x80u
#define ATA_DC_SRST 0x04u
#define ATA_DC_NIEN 0x02u

/* Device register (ATA-6 register descriptions). */
#define ATA_DEV_LBA 0x40u
#define ATA_DEV_DEV 0x10u

enum ata_xfer { ATA_XFER_NONE, ATA_XFER_IN, ATA_XFER_OUT };
enum ata_addressing { ATA_ADDR_CHS, ATA_ADDR_LBA28, ATA_ADDR_LBA48 };

struct ata_drive {
    struct disk_image *disk;   /* NULL: no drive in this position */
    uint64_t total_sectors;

    /* The command block registers as this drive latched them, and the
     * "previous content" of each 48-bit FIFO (read with HOB = 1). */
    uint8_t feature, count, lba_low, lba_mid, lba_high, device;
    uint8_t hob_feature, hob_count, hob_lba_low, hob_lba_mid, hob_lba_high;
    uint8_t status, error;
    bool irq_pending;

    /* Default logical geometry (IDENTIFY words 1, 3, 6) and the current
     * CHS translation (words 54-56) that CHS addresses go through. */
    uint16_t cylinders, heads, sectors;
    uint16_t cur_cylinders, cur_heads, cur_sectors;
    uint8_t multiple;          /* sectors per block for R/W MULTIPLE; 0: off */
    bool write_cache;          /* off: every written block is fsync'd */
    bool standby;              /* CHECK POWER MODE reports 00h, not FFh */

    /* The PIO transfer in progress. */
    enum ata_xfer xfer;
    bool xfer_disk;            /* sectors from/to the disk (else IDENTIFY) */
    enum ata_addressing addressing;
    uint64_t lba;              /* first sector of the current block */
    uint32_t remaining;        /* sectors still to move, this block included */
    uint32_t per_block;        /* sectors per DRQ block */
    uint32_t block;            /* sectors in the current block */
    uint32_t pos, end;         /* bytes moved / to move in buf */
    uint8_t buf[ATA_MAX_MULTIPLE * ATA_SECTOR_SIZE];
};

struct ata_channel {
    struct ata_drive drive[2];     /* 0 master, 1 slave */
    unsigned selected;             /* the DEV bit last written */
    uint8_t devctl;                /* device control as last written */
    struct irq_line irq;
    bool irq_level;                /* what irq was last driven to */
    uint16_t base, ctl;            /* where attach put us (for the serial) */
};

/* Empty channel (no drives), wired to `irq`. */
void ata_channel_init(struct ata_channel *ch, struct irq_line irq);

/* Puts a hard disk in position `unit` (0 master, 1 slave); disk NULL
 * removes it.  The channel does not own the disk (the caller closes it
 * after the channel is done).  Do it before the guest runs; the drive
 * comes up as after a hardware reset. */
void ata_attach_drive(struct ata_channel *ch, unsigned unit, struct disk_image *disk);

/* Claims base..base+7 and ctl; false if any of them is taken. */
bool ata_channel_attach(struct ata_channel *ch, struct port_bus *pb, uint16_t base,
                        uint16_t ctl);

/* The RESET- signal (power-on / hardware reset): both drives return to
 * their power-on settings (multiple mode off, write cache on, default
 * CHS translation) and show the signature; master selected; IRQ low. */
void ata_channel_reset(struct ata_channel *ch);

/* Fills buf (512 bytes) with drive d's IDENTIFY DEVICE data; base and
 * unit (0/1) only make the serial number unique (ata_identify.c). */
void ata_identify_data(const struct ata_drive *d, uint16_t base, unsigned unit,
                       uint8_t *buf);

/* The register accesses the port callbacks make, for tests and a
 * monitor: `offset` 0-7 from base; ctl is the alternate status / device
 * control port.  size 1, 2 or 4. */
uint32_t ata_read(struct ata_channel *ch, unsigned offset, unsigned size);
void ata_write(struct ata_channel *ch, unsigned offset, unsigned size, uint32_t value);
uint8_t ata_read_altstatus(struct ata_channel *ch);
void ata_write_devctl(struct ata_channel *ch, uint8_t value);

#endif
