/*
 * ata.c - one ATA channel with up to two hard disks (the model is in
 * ata.h).
 *
 * Commands (ATA/ATAPI-6 command descriptions), all completing at once:
 *   PIO data-in   ECh IDENTIFY DEVICE; 20h/21h READ SECTORS; 24h READ
 *                 SECTORS EXT; C4h READ MULTIPLE; 29h READ MULTIPLE EXT
 *   PIO data-out  30h/31h WRITE SECTORS; 34h WRITE SECTORS EXT; C5h WRITE
 *                 MULTIPLE; 39h WRITE MULTIPLE EXT
 *   non-data      40h/41h/42h READ VERIFY (reads the sectors, reports
 *                 UNC/IDNF); 70h SEEK; 10h-1Fh RECALIBRATE; 91h
 *                 INITIALIZE DEVICE PARAMETERS; 90h EXECUTE DEVICE
 *                 DIAGNOSTIC; C6h SET MULTIPLE MODE; EFh SET FEATURES
 *                 (03h transfer mode: PIO only; 02h/82h write cache);
 *                 E7h/EAh FLUSH CACHE (EXT); F8h/27h READ NATIVE MAX
 *                 ADDRESS (EXT); E5h/98h CHECK POWER MODE; E0h-E3h and
 *                 94h-97h STANDBY/IDLE (IMMEDIATE)
 *   anything else aborts (ERR, ABRT).
 *
 * Errors report the failing sector in the address registers (IDNF past
 * the end of the disk or an invalid CHS address, UNC when the host read
 * fails, ABRT with DF when the host write or fsync fails, ABRT for a
 * write to a read-only image).  A range that runs past the end transfers
 * the blocks before the failing one, as a drive finding the sector
 * missing would.  After a successful transfer the address registers hold
 * the last sector transferred (what ATA-1 to -3 drives report; ATA-6
 * leaves them unspecified).
 */
#include "devices/ata.h"

#include <string.h>

#include "devices/disk_image.h"
#include "mem/io_ops.h"
#include "mem/ports.h"

/* The conventional largest CHS-addressable size, 16383 x 16 x 63: a
 * larger drive reports 16383 cylinders in IDENTIFY word 1. */
#define ATA_CHS_MAX_SECTORS UINT64_C(16514064)
#define ATA_LBA28_MAX UINT64_C(0x0FFFFFFF)
#define ATA_DEFAULT_HEADS 16u
#define ATA_DEFAULT_SECTORS 63u

static bool drive_present(const struct ata_drive *d)
{
    return d->disk != NULL;
}

static struct ata_drive *selected_drive(struct ata_channel *ch)
{
    return &ch->drive[ch->selected & 1u];
}

/* The drive whose registers a read of the command block returns: the
 * selected one, or for a missing one the other (device 0 answers for an
 * absent device 1); NULL for an empty channel. */
static struct ata_drive *answering_drive(struct ata_channel *ch)
{
    struct ata_drive *d = selected_drive(ch);
    if (drive_present(d))
        return d;
    struct ata_drive *other = &ch->drive[(ch->selected & 1u) ^ 1u];
    return drive_present(other) ? other : NULL;
}

/* INTRQ: driven by the selected drive only, and only while nIEN is 0. */
static void ata_update_irq(struct ata_channel *ch)
{
    const struct ata_drive *d = selected_drive(ch);
    bool level = drive_present(d) && d->irq_pending && !(ch->devctl & ATA_DC_NIEN);
    if (level != ch->irq_level) {
        ch->irq_level = level;
        irq_set(&ch->irq, level);
    }
}

/* --- geometry and addresses -------------------------------------------- */

/* Cylinders for a translation of heads x sectors, never beyond the CHS
 * limit nor the 16 bits of the register pair. */
static uint16_t ata_cylinders(uint64_t total, unsigned heads, unsigned sectors)
{
    uint64_t chs = total < ATA_CHS_MAX_SECTORS ? total : ATA_CHS_MAX_SECTORS;
    uint64_t cyl = chs / ((uint64_t)heads * sectors);
    return (uint16_t)(cyl > 0xFFFFu ? 0xFFFFu : cyl);
}

static void ata_default_geometry(struct ata_drive *d)
{
    d->heads = ATA_DEFAULT_HEADS;
    d->sectors = ATA_DEFAULT_SECTORS;
    d->cylinders = ata_cylinders(d->total_sectors, d->heads, d->sectors);
    if (d->cylinders == 0)
        d->cylinders = 1; /* a disk under 504 KiB: CHS past its end gets IDNF */
    d->cur_cylinders = d->cylinders;
    d->cur_heads = d->heads;
    d->cur_sectors = d->sectors;
}

/* The LBA a CHS address in the registers names through the current
 * translation; false for an address outside it (sector 0 included). */
static bool ata_chs_to_lba(const struct ata_drive *d, uint64_t *lba)
{
    unsigned cyl = d->lba_mid | (unsigned)d->lba_high << 8;
    unsigned head = d->device & 0x0Fu;
    unsigned sector = d->lba_low;
    if (sector == 0 || sector > d->cur_sectors || head >= d->cur_heads ||
        cyl >= d->cur_cylinders)
        return false;
    *lba = ((uint64_t)cyl * d->cur_heads + head) * d->cur_sectors + sector - 1u;
    return true;
}

/* The starting address and sector count of a command in `mode`; false
 * if a CHS address is invalid. */
static bool ata_command_range(const struct ata_drive *d, enum ata_addressing mode,
                              uint64_t *lba, uint32_t *count)
{
    if (mode == ATA_ADDR_LBA48) {
        *lba = (uint64_t)d->hob_lba_high << 40 | (uint64_t)d->hob_lba_mid << 32 |
               (uint64_t)d->hob_lba_low << 24 | (uint64_t)d->lba_high << 16 |
               (uint64_t)d->lba_mid << 8 | d->lba_low;
        *count = (uint32_t)d->hob_count << 8 | d->count;
        if (*count == 0)
            *count = 65536;
        return true;
    }
    *count = d->count != 0 ? d->count : 256u;
    if (mode == ATA_ADDR_LBA28) {
        *lba = (uint64_t)(d->device & 0x0Fu) << 24 | (uint64_t)d->lba_high << 16 |
               (uint64_t)d->lba_mid << 8 | d->lba_low;
        return true;
    }
    return ata_chs_to_lba(d, lba);
}

/* 28-bit commands: the LBA bit of the device register picks the mode. */
static enum ata_addressing ata_mode28(const struct ata_drive *d)
{
    return (d->device & ATA_DEV_LBA) ? ATA_ADDR_LBA28 : ATA_ADDR_CHS;
}

/* Writes `lba` back into the address registers in the command's mode. */
static void ata_store_address(struct ata_drive *d, uint64_t lba)
{
    switch (d->addressing) {
    case ATA_ADDR_LBA48:
        d->lba_low = (uint8_t)lba;
        d->lba_mid = (uint8_t)(lba >> 8);
        d->lba_high = (uint8_t)(lba >> 16);
        d->hob_lba_low = (uint8_t)(lba >> 24);
        d->hob_lba_mid = (uint8_t)(lba >> 32);
        d->hob_lba_high = (uint8_t)(lba >> 40);
        break;
    case ATA_ADDR_LBA28:
        d->lba_low = (uint8_t)lba;
        d->lba_mid = (uint8_t)(lba >> 8);
        d->lba_high = (uint8_t)(lba >> 16);
        d->device = (uint8_t)((d->device & 0xF0u) | ((lba >> 24) & 0x0Fu));
        break;
    case ATA_ADDR_CHS: {
        uint64_t per_cyl = (uint64_t)d->cur_heads * d->cur_sectors;
        if (per_cyl == 0)
            break;
        uint64_t cyl = lba / per_cyl;
        unsigned head = (unsigned)(lba / d->cur_sectors % d->cur_heads);
        d->lba_low = (uint8_t)(lba % d->cur_sectors + 1u);
        d->lba_mid = (uint8_t)cyl;
        d->lba_high = (uint8_t)(cyl >> 8);
        d->device = (uint8_t)((d->device & 0xF0u) | head);
        break;
    }
    }
}

/* --- completion -------------------------------------------------------- */

static void ata_complete(struct ata_drive *d)
{
    d->xfer = ATA_XFER_NONE;
    d->status = ATA_SR_DRDY | ATA_SR_DSC;
    d->irq_pending = true;
}

static void ata_fail(struct ata_drive *d, uint8_t error, uint8_t extra_status)
{
    d->xfer = ATA_XFER_NONE;
    d->status = ATA_SR_DRDY | ATA_SR_DSC | ATA_SR_ERR | extra_status;
    d->error = error;
    d->irq_pending = true;
}

/* The signature of an ATA device after a reset or a diagnostic (ATA-6,
 * "signature and persistence"): count 1, LBA 1/0/0, device 0, and
 * diagnostic code 01h (passed) in the error register. */
static void ata_signature(struct ata_drive *d)
{
    d->count = 1;
    d->lba_low = 1;
    d->lba_mid = 0;
    d->lba_high = 0;
    d->device = 0;
    d->error = 0x01;
    d->status = ATA_SR_DRDY | ATA_SR_DSC;
    d->xfer = ATA_XFER_NONE;
}

/* --- PIO transfers ----------------------------------------------------- */

static uint32_t min_u32(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

/* Reads the next block into buf and asks the host to take it (DRQ and
 * an interrupt), or fails at the first sector that cannot be read. */
static void ata_read_block(struct ata_drive *d)
{
    uint32_t n = min_u32(d->per_block, d->remaining);
    for (uint32_t k = 0; k < n; k++) {
        uint64_t lba = d->lba + k;
        if (lba >= d->total_sectors) {
            ata_store_address(d, lba);
            ata_fail(d, ATA_ER_IDNF, 0);
            return;
        }
        if (!disk_image_read(d->disk, lba, 1, d->buf + (size_t)k * ATA_SECTOR_SIZE)) {
            ata_store_address(d, lba);
            ata_fail(d, ATA_ER_UNC, 0);
            return;
        }
    }
    d->block = n;
    d->pos = 0;
    d->end = n * ATA_SECTOR_SIZE;
    d->xfer = ATA_XFER_IN;
    d->status = ATA_SR_DRDY | ATA_SR_DSC | ATA_SR_DRQ;
    d->irq_pending = true;
}

/* Asks the host for the next block (DRQ; the interrupt is the caller's
 * choice: none for the first block of a PIO data-out command), or fails
 * if the block reaches past the end of the disk.  True if DRQ is set. */
static bool ata_want_block(struct ata_drive *d)
{
    uint32_t n = min_u32(d->per_block, d->remaining);
    if (d->lba >= d->total_sectors || n > d->total_sectors - d->lba) {
        ata_store_address(d, d->lba > d->total_sectors ? d->lba : d->total_sectors);
        ata_fail(d, ATA_ER_IDNF, 0);
        return false;
    }
    d->block = n;
    d->pos = 0;
    d->end = n * ATA_SECTOR_SIZE;
    d->xfer = ATA_XFER_OUT;
    d->status = ATA_SR_DRDY | ATA_SR_DSC | ATA_SR_DRQ;
    return true;
}

static void ata_start_sectors(struct ata_drive *d, enum ata_xfer dir,
                              enum ata_addressing mode, uint32_t per_block)
{
    uint64_t lba;
    uint32_t count;
    d->addressing = mode;
    d->standby = false;
    if (!ata_command_range(d, mode, &lba, &count)) {
        ata_fail(d, ATA_ER_IDNF, 0);
        return;
    }
    d->xfer_disk = true;
    d->lba = lba;
    d->remaining = count;
    d->per_block = per_block;
    if (dir == ATA_XFER_IN)
        ata_read_block(d);
    else
        ata_want_block(d);
}

/* The host has taken the whole block. */
static void ata_block_read_done(struct ata_drive *d)
{
    if (!d->xfer_disk) {
        d->xfer = ATA_XFER_NONE;
        d->status = ATA_SR_DRDY | ATA_SR_DSC;
        return;
    }
    ata_store_address(d, d->lba + d->block - 1u);
    d->lba += d->block;
    d->remaining -= d->block;
    if (d->remaining > 0) {
        ata_read_block(d);
    } else {
        /* PIO data-in ends without an interrupt (ATA-6 PIO data-in). */
        d->xfer = ATA_XFER_NONE;
        d->status = ATA_SR_DRDY | ATA_SR_DSC;
    }
}

/* The host has filled the whole block: write it, then ask for the next
 * one (with an interrupt) or complete (with an interrupt). */
static void ata_block_write_done(struct ata_drive *d)
{
    if (disk_image_read_only(d->disk)) {
        ata_store_address(d, d->lba);
        ata_fail(d, ATA_ER_ABRT, 0);
        return;
    }
    if (!disk_image_write(d->disk, d->lba, d->block, d->buf) ||
        (!d->write_cache && !disk_image_flush(d->disk))) {
        ata_store_address(d, d->lba);
        ata_fail(d, ATA_ER_ABRT, ATA_SR_DF);
        return;
    }
    ata_store_address(d, d->lba + d->block - 1u);
    d->lba += d->block;
    d->remaining -= d->block;
    if (d->remaining == 0)
        ata_complete(d);
    else if (ata_want_block(d))
        d->irq_pending = true;
}

static uint32_t ata_data_in(struct ata_channel *ch, unsigned size)
{
    struct ata_drive *d = selected_drive(ch);
    unsigned bytes = size == 4 ? 4u : 2u;
    if (!drive_present(d) || d->xfer != ATA_XFER_IN)
        return UINT32_MAX;
    uint32_t v = 0;
    for (unsigned i = 0; i < bytes; i++)
        v |= (uint32_t)(d->pos < d->end ? d->buf[d->pos++] : 0xFFu) << (8 * i);
    if (d->pos >= d->end)
        ata_block_read_done(d);
    return v;
}

static void ata_data_out(struct ata_channel *ch, unsigned size, uint32_t value)
{
    struct ata_drive *d = selected_drive(ch);
    unsigned bytes = size == 4 ? 4u : 2u;
    if (!drive_present(d) || d->xfer != ATA_XFER_OUT)
        return;
    for (unsigned i = 0; i < bytes && d->pos < d->end; i++)
        d->buf[d->pos++] = (uint8_t)(value >> (8 * i));
    if (d->pos >= d->end)
        ata_block_write_done(d);
}

/* --- commands ---------------------------------------------------------- */

/* EXECUTE DEVICE DIAGNOSTIC: both drives show the signature, device 0
 * is selected and interrupts.  No drive ever fails, so device 0 reports
 * 01h whether or not device 1 exists. */
static void ata_diagnose(struct ata_channel *ch)
{
    for (unsigned u = 0; u < 2; u++) {
        struct ata_drive *d = &ch->drive[u];
        d->irq_pending = false;
        if (drive_present(d))
            ata_signature(d);
    }
    ch->selected = 0;
    if (drive_present(&ch->drive[0]))
        ch->drive[0].irq_pending = true;
}

static void ata_set_features(struct ata_drive *d)
{
    switch (d->feature) {
    case 0x03: {
        /* Transfer mode in the count register: PIO default (00h, 01h) or
         * PIO flow-control mode 0-4 (08h-0Ch); no DMA modes. */
        uint8_t mode = d->count;
        if (mode <= 0x01 || (mode >= 0x08 && mode <= 0x0C))
            ata_complete(d);
        else
            ata_fail(d, ATA_ER_ABRT, 0);
        return;
    }
    case 0x02:
        d->write_cache = true;
        ata_complete(d);
        return;
    case 0x82:
        d->write_cache = false;
        ata_complete(d);
        return;
    default:
        ata_fail(d, ATA_ER_ABRT, 0);
        return;
    }
}

static void ata_set_multiple(struct ata_drive *d)
{
    /* 0 turns multiple mode off; a block of 1, 2, 4, 8 or 16 sectors is
     * accepted; anything else aborts and leaves the setting alone. */
    uint8_t n = d->count;
    if (n <= ATA_MAX_MULTIPLE && (n & (n - 1u)) == 0) {
        d->multiple = n;
        ata_complete(d);
    } else {
        ata_fail(d, ATA_ER_ABRT, 0);
    }
}

static void ata_initialize_params(struct ata_drive *d)
{
    unsigned sectors = d->count;
    unsigned heads = (d->device & 0x0Fu) + 1u;
    if (sectors == 0) {
        ata_fail(d, ATA_ER_ABRT, 0);
        return;
    }
    d->cur_sectors = (uint16_t)sectors;
    d->cur_heads = (uint16_t)heads;
    d->cur_cylinders = ata_cylinders(d->total_sectors, heads, sectors);
    ata_complete(d);
}

static void ata_verify(struct ata_drive *d, enum ata_addressing mode)
{
    uint64_t lba;
    uint32_t count;
    d->addressing = mode;
    if (!ata_command_range(d, mode, &lba, &count)) {
        ata_fail(d, ATA_ER_IDNF, 0);
        return;
    }
    for (uint32_t k = 0; k < count; k++) {
        if (lba + k >= d->total_sectors) {
            ata_store_address(d, lba + k);
            ata_fail(d, ATA_ER_IDNF, 0);
            return;
        }
        if (!disk_image_read(d->disk, lba + k, 1, d->buf)) {
            ata_store_address(d, lba + k);
            ata_fail(d, ATA_ER_UNC, 0);
            return;
        }
    }
    ata_store_address(d, lba + count - 1u);
    ata_complete(d);
}

static void ata_seek(struct ata_drive *d)
{
    uint64_t lba;
    uint32_t count;
    d->addressing = ata_mode28(d);
    if (!ata_command_range(d, d->addressing, &lba, &count) || lba >= d->total_sectors)
        ata_fail(d, ATA_ER_IDNF, 0);
    else
        ata_complete(d);
}

static void ata_flush(struct ata_drive *d)
{
    if (disk_image_flush(d->disk))
        ata_complete(d);
    else
        ata_fail(d, ATA_ER_ABRT, ATA_SR_DF);
}

static void ata_read_native_max(struct ata_drive *d, enum ata_addressing mode)
{
    uint64_t max = d->total_sectors - 1u;
    if (mode != ATA_ADDR_LBA48 && max > ATA_LBA28_MAX)
        max = ATA_LBA28_MAX;
    d->addressing = mode;
    ata_store_address(d, max);
    ata_complete(d);
}

static void ata_start_pio_in_buffer(struct ata_drive *d)
{
    d->xfer_disk = false;
    d->block = 1;
    d->pos = 0;
    d->end = ATA_SECTOR_SIZE;
    d->xfer = ATA_XFER_IN;
    d->status = ATA_SR_DRDY | ATA_SR_DSC | ATA_SR_DRQ;
    d->irq_pending = true;
}

static void ata_command(struct ata_channel *ch, uint8_t cmd)
{
    struct ata_drive *d = selected_drive(ch);
    if (ch->devctl & ATA_DC_SRST)
        return; /* both drives are held in reset */
    if (cmd == 0x90) {
        /* Device 0 runs the diagnostic even when device 1 is selected. */
        if (drive_present(&ch->drive[0]) || drive_present(&ch->drive[1]))
            ata_diagnose(ch);
        return;
    }
    if (!drive_present(d) || (d->status & ATA_SR_BSY))
        return; /* nobody there to take it, or held in reset */
    d->irq_pending = false;
    d->error = 0;
    d->xfer = ATA_XFER_NONE;
    uint32_t multiple = d->multiple;

    switch (cmd) {
    case 0xEC:
        ata_identify_data(d, ch->base, d == &ch->drive[1], d->buf);
        ata_start_pio_in_buffer(d);
        break;
    case 0x20: case 0x21:
        ata_start_sectors(d, ATA_XFER_IN, ata_mode28(d), 1);
        break;
    case 0x24:
        ata_start_sectors(d, ATA_XFER_IN, ATA_ADDR_LBA48, 1);
        break;
    case 0x30: case 0x31:
        ata_start_sectors(d, ATA_XFER_OUT, ata_mode28(d), 1);
        break;
    case 0x34:
        ata_start_sectors(d, ATA_XFER_OUT, ATA_ADDR_LBA48, 1);
        break;
    case 0xC4: case 0x29: case 0xC5: case 0x39:
        if (multiple == 0) {
            ata_fail(d, ATA_ER_ABRT, 0); /* multiple mode not enabled */
            break;
        }
        ata_start_sectors(d, (cmd == 0xC4 || cmd == 0x29) ? ATA_XFER_IN : ATA_XFER_OUT,
                          (cmd == 0x29 || cmd == 0x39) ? ATA_ADDR_LBA48 : ata_mode28(d),
                          multiple);
        break;
    case 0xC6:
        ata_set_multiple(d);
        break;
    case 0x40: case 0x41:
        ata_verify(d, ata_mode28(d));
        break;
    case 0x42:
        ata_verify(d, ATA_ADDR_LBA48);
        break;
    case 0x70:
        ata_seek(d);
        break;
    case 0x91:
        ata_initialize_params(d);
        break;
    case 0xEF:
        ata_set_features(d);
        break;
    case 0xE7: case 0xEA:
        ata_flush(d);
        break;
    case 0xF8:
        ata_read_native_max(d, ata_mode28(d));
        break;
    case 0x27:
        ata_read_native_max(d, ATA_ADDR_LBA48);
        break;
    case 0xE5: case 0x98:
        d->count = d->standby ? 0x00 : 0xFF;
        ata_complete(d);
        break;
    case 0xE0: case 0xE2: case 0x94: case 0x96: /* STANDBY (IMMEDIATE) */
        d->standby = true;
        ata_complete(d);
        break;
    case 0xE1: case 0xE3: case 0x95: case 0x97: /* IDLE (IMMEDIATE) */
        d->standby = false;
        ata_complete(d);
        break;
    default:
        if (cmd >= 0x10 && cmd <= 0x1F) { /* RECALIBRATE */
            ata_complete(d);
            break;
        }
        ata_fail(d, ATA_ER_ABRT, 0);
        break;
    }
}

/* --- registers --------------------------------------------------------- */

static uint8_t ata_read_reg(struct ata_channel *ch, unsigned reg)
{
    struct ata_drive *d = answering_drive(ch);
    if (d == NULL)
        return 0x7F; /* empty channel: DD7 pulled down, the rest floats */
    bool hob = (ch->devctl & ATA_DC_HOB) != 0;
    switch (reg) {
    case ATA_REG_ERROR: return d->error;
    case ATA_REG_COUNT: return hob ? d->hob_count : d->count;
    case ATA_REG_LBA_LOW: return hob ? d->hob_lba_low : d->lba_low;
    case ATA_REG_LBA_MID: return hob ? d->hob_lba_mid : d->lba_mid;
    case ATA_REG_LBA_HIGH: return hob ? d->hob_lba_high : d->lba_high;
    case ATA_REG_DEVICE: return d->device;
    default: { /* ATA_REG_STATUS */
        struct ata_drive *sel = selected_drive(ch);
        if (sel != d)
            return 0x00; /* the selected device is missing */
        uint8_t st = d->status;
        d->irq_pending = false; /* reading status acknowledges INTRQ */
        ata_update_irq(ch);
        return st;
    }
    }
}

/* A write lands in both drives' registers (ATA-6 register model); each
 * 48-bit register's old value moves to its "previous" half. */
static void ata_write_reg(struct ata_channel *ch, unsigned reg, uint8_t v)
{
    ch->devctl &= (uint8_t)~ATA_DC_HOB; /* any command block write clears HOB */
    if (reg == ATA_REG_STATUS) {
        ata_command(ch, v);
        ata_update_irq(ch);
        return;
    }
    for (unsigned u = 0; u < 2; u++) {
        struct ata_drive *d = &ch->drive[u];
        switch (reg) {
        case ATA_REG_ERROR: d->hob_feature = d->feature; d->feature = v; break;
        case ATA_REG_COUNT: d->hob_count = d->count; d->count = v; break;
        case ATA_REG_LBA_LOW: d->hob_lba_low = d->lba_low; d->lba_low = v; break;
        case ATA_REG_LBA_MID: d->hob_lba_mid = d->lba_mid; d->lba_mid = v; break;
        case ATA_REG_LBA_HIGH: d->hob_lba_high = d->lba_high; d->lba_high = v; break;
        case ATA_REG_DEVICE: d->device = v; break;
        default: break;
        }
    }
    if (reg == ATA_REG_DEVICE) {
        ch->selected = (v & ATA_DEV_DEV) ? 1u : 0u;
        ata_update_irq(ch);
    }
}

uint32_t ata_read(struct ata_channel *ch, unsigned offset, unsigned size)
{
    offset &= 7u;
    if (offset == ATA_REG_DATA) {
        if (answering_drive(ch) == NULL)
            return size == 4 ? 0xFF7FFF7Fu : 0xFF7Fu; /* DD7 pulled down */
        uint32_t v = ata_data_in(ch, size);
        ata_update_irq(ch); /* the next block may have become ready */
        return v;
    }
    uint32_t v = 0;
    for (unsigned i = 0; i < size && offset + i < 8u; i++)
        v |= (uint32_t)ata_read_reg(ch, offset + i) << (8 * i);
    return v;
}

void ata_write(struct ata_channel *ch, unsigned offset, unsigned size, uint32_t value)
{
    offset &= 7u;
    if (offset == ATA_REG_DATA) {
        ata_data_out(ch, size, value);
        ata_update_irq(ch);
        return;
    }
    for (unsigned i = 0; i < size && offset + i < 8u; i++)
        ata_write_reg(ch, offset + i, (uint8_t)(value >> (8 * i)));
}

uint8_t ata_read_altstatus(struct ata_channel *ch)
{
    struct ata_drive *d = answering_drive(ch);
    if (d == NULL)
        return 0x7F;
    return d == selected_drive(ch) ? d->status : 0x00;
}

/* Device control: SRST held high keeps both drives busy in reset; its
 * falling edge ends the reset with the signature (ATA-6 software reset
 * protocol).  Settings (multiple mode, translation, write cache) stay. */
void ata_write_devctl(struct ata_channel *ch, uint8_t value)
{
    bool was_reset = (ch->devctl & ATA_DC_SRST) != 0;
    bool reset = (value & ATA_DC_SRST) != 0;
    ch->devctl = value;
    for (unsigned u = 0; u < 2; u++) {
        struct ata_drive *d = &ch->drive[u];
        if (!drive_present(d))
            continue;
        if (reset && !was_reset) {
            d->xfer = ATA_XFER_NONE;
            d->status = ATA_SR_BSY;
            d->irq_pending = false;
        } else if (!reset && was_reset) {
            ata_signature(d);
        }
    }
    if (!reset && was_reset)
        ch->selected = 0;
    ata_update_irq(ch);
}

/* --- port glue --------------------------------------------------------- */

static uint32_t ata_port_read(void *state, uint32_t offset, unsigned size)
{
    return ata_read(state, offset, size);
}

static void ata_port_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    ata_write(state, offset, size, value);
}

static uint32_t ata_ctl_read(void *state, uint32_t offset, unsigned size)
{
    (void)offset;
    (void)size;
    return ata_read_altstatus(state);
}

static void ata_ctl_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)offset;
    (void)size;
    ata_write_devctl(state, (uint8_t)value);
}

/* The command block takes every width: the data port moves 16 or 32
 * bits, and ata_read/ata_write split a wide access to the other
 * registers into bytes themselves. */
static const struct io_ops ata_block_ops = {
    .read = ata_port_read,
    .write = ata_port_write,
    .sizes = IO_SIZE_8 | IO_SIZE_16 | IO_SIZE_32,
};

static const struct io_ops ata_ctl_ops = {
    .read = ata_ctl_read,
    .write = ata_ctl_write,
    .sizes = IO_SIZE_8,
};

/* --- setup ------------------------------------------------------------- */

static void ata_drive_power_on(struct ata_drive *d)
{
    if (!drive_present(d)) {
        memset(d, 0, sizeof *d);
        return;
    }
    d->total_sectors = disk_image_sectors(d->disk);
    ata_default_geometry(d);
    d->multiple = 0;
    d->write_cache = true;
    d->standby = false;
    d->irq_pending = false;
    d->feature = d->hob_feature = 0;
    d->hob_count = d->hob_lba_low = d->hob_lba_mid = d->hob_lba_high = 0;
    ata_signature(d);
}

void ata_channel_init(struct ata_channel *ch, struct irq_line irq)
{
    memset(ch, 0, sizeof *ch);
    ch->irq = irq;
}

void ata_attach_drive(struct ata_channel *ch, unsigned unit, struct disk_image *disk)
{
    if (unit > 1)
        return;
    struct ata_drive *d = &ch->drive[unit];
    memset(d, 0, sizeof *d);
    d->disk = disk;
    ata_drive_power_on(d);
    ata_update_irq(ch);
}

bool ata_channel_attach(struct ata_channel *ch, struct port_bus *pb, uint16_t base,
                        uint16_t ctl)
{
    if (!ports_register(pb, "ata", base, 8, &ata_block_ops, ch))
        return false;
    if (!ports_register(pb, "ata-ctl", ctl, 1, &ata_ctl_ops, ch)) {
        ports_unregister(pb, base, 8);
        return false;
    }
    ch->base = base;
    ch->ctl = ctl;
    return true;
}

void ata_channel_reset(struct ata_channel *ch)
{
    for (unsigned u = 0; u < 2; u++)
        ata_drive_power_on(&ch->drive[u]);
    ch->selected = 0;
    ch->devctl = 0;
    ata_update_irq(ch);
}
