/*
 * i440fx_host.c - the 82441FX host bridge (the model is in i440fx_host.h).
 *
 * The PAM registers are plain read/write bytes in config space (reserved
 * bits read 0); after every configuration write the 13 segments' (RE, WE)
 * pairs are compared with what the board was last told, so a byte, word
 * or dword write touching several PAM registers reports each segment that
 * changed, in segment order.  Register defaults stored here: command
 * 0006h, status 0280h, PAM 00h, DRB 01h, SMRAM 02h, the rest 00h.
 */
#include "devices/i440fx_host.h"

#include <stddef.h>

#define I440FX_VENDOR 0x8086u
#define I440FX_DEVICE 0x1237u
#define I440FX_REVISION 0x02u
#define I440FX_CLASS 0x060000u

/* Registers stored for the firmware to read back, with no effect here:
 * PMCCFG..DRAMT (50h-58h), FDHC (68h), MTT and CLT (70h-71h), ERRCMD,
 * ERRSTS and TRC (90h-93h). */
static const uint8_t i440fx_stored_regs[] = {
    0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x68, 0x70, 0x71, 0x90, 0x91, 0x93,
};

void i440fx_pam_segment(unsigned k, uint32_t *base, uint32_t *size)
{
    if (k == 0 || k >= I440FX_PAM_SEGMENTS) {
        *base = I440FX_SEG_F0000;
        *size = I440FX_SEG_BIG;
        return;
    }
    *base = I440FX_SEG_C0000 + (k - 1) * I440FX_SEG_SMALL;
    *size = I440FX_SEG_SMALL;
}

/* Segment k's (WE << 1 | RE) as the registers say now. */
static uint8_t i440fx_pam_register_mode(const struct i440fx_host *h, unsigned k)
{
    if (k == 0)
        return (uint8_t)((h->fn.config[I440FX_PAM0] >> 4) & 3u);
    unsigned reg = I440FX_PAM0 + 1u + (k - 1) / 2;
    unsigned shift = (k - 1) % 2 == 0 ? 0 : 4;
    return (uint8_t)((h->fn.config[reg] >> shift) & 3u);
}

static void i440fx_tell(struct i440fx_host *h, unsigned k)
{
    uint32_t base, size;
    i440fx_pam_segment(k, &base, &size);
    if (h->pam_changed != NULL)
        h->pam_changed(h->opaque, base, size, (h->pam_mode[k] & I440FX_PAM_RE) != 0,
                       (h->pam_mode[k] & I440FX_PAM_WE) != 0);
}

static void i440fx_pam_sync(struct i440fx_host *h)
{
    for (unsigned k = 0; k < I440FX_PAM_SEGMENTS; k++) {
        uint8_t mode = i440fx_pam_register_mode(h, k);
        if (mode == h->pam_mode[k])
            continue;
        h->pam_mode[k] = mode;
        i440fx_tell(h, k);
    }
}

void i440fx_host_pam_replay(struct i440fx_host *h)
{
    for (unsigned k = 0; k < I440FX_PAM_SEGMENTS; k++)
        i440fx_tell(h, k);
}

/* SMRAM, as the 82441FX datasheet describes it: once D_LCK is set,
 * D_OPEN clears and D_LCK, D_OPEN and G_SMRAME become read-only until
 * reset; D_CLS stays writable.  C_BASE_SEG is hard-wired. */
static void i440fx_smram_apply_lock(struct i440fx_host *h)
{
    uint8_t *smram = &h->fn.config[I440FX_SMRAM];
    if (*smram & I440FX_SMRAM_D_LCK) {
        *smram &= (uint8_t)~I440FX_SMRAM_D_OPEN;
        h->fn.wmask[I440FX_SMRAM] = I440FX_SMRAM_D_CLS;
    }
}

static void i440fx_config_write(void *opaque, struct pci_function *f, unsigned offset,
                                unsigned size)
{
    (void)f;
    (void)offset;
    (void)size;
    struct i440fx_host *h = opaque;
    i440fx_smram_apply_lock(h);
    i440fx_pam_sync(h);
}

static void i440fx_set_defaults(struct i440fx_host *h)
{
    struct pci_function *f = &h->fn;
    pci_function_init(f, "i440fx", I440FX_VENDOR, I440FX_DEVICE, I440FX_REVISION,
                      I440FX_CLASS, 0x00);
    /* The PMC always decodes memory and masters the bus: MAE and BME
     * read 1 and do not change; parity and SERR# response are R/W. */
    pci_set(f, PCI_COMMAND, 2, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
    pci_set_wmask(f, PCI_COMMAND, 2, 0x0140);
    pci_set(f, PCI_STATUS, 2, 0x0280);
    pci_set_wmask(f, PCI_LATENCY_TIMER, 1, 0xF8);
    /* Not a device that interrupts: no interrupt line register. */
    pci_set_wmask(f, PCI_INTERRUPT_LINE, 1, 0);

    pci_set_wmask(f, I440FX_PAM0, 1, 0x30);
    for (unsigned r = 1; r < I440FX_PAM_REGS; r++)
        pci_set_wmask(f, I440FX_PAM0 + r, 1, 0x33);
    for (unsigned r = 0; r < 8; r++) {
        pci_set(f, I440FX_DRB0 + r, 1, 0x01);
        pci_set_wmask(f, I440FX_DRB0 + r, 1, 0xFF);
    }
    pci_set(f, I440FX_SMRAM, 1, I440FX_SMRAM_C_BASE_SEG);
    pci_set_wmask(f, I440FX_SMRAM, 1,
                  I440FX_SMRAM_D_OPEN | I440FX_SMRAM_D_CLS | I440FX_SMRAM_D_LCK |
                      I440FX_SMRAM_G_SMRAME);
    for (unsigned i = 0; i < sizeof i440fx_stored_regs; i++)
        pci_set_wmask(f, i440fx_stored_regs[i], 1, 0xFF);

    f->config_write = i440fx_config_write;
    f->opaque = h;
}

void i440fx_host_init(struct i440fx_host *h,
                      void (*pam_changed)(void *opaque, uint32_t base, uint32_t size,
                                          bool read_dram, bool write_dram),
                      void *opaque)
{
    h->pam_changed = pam_changed;
    h->opaque = opaque;
    i440fx_set_defaults(h);
    for (unsigned k = 0; k < I440FX_PAM_SEGMENTS; k++)
        h->pam_mode[k] = 0;
}

void i440fx_host_reset(struct i440fx_host *h)
{
    i440fx_set_defaults(h);
    i440fx_pam_sync(h);
}

bool i440fx_host_attach(struct i440fx_host *h, struct pci_bus *bus)
{
    return pci_register_function(bus, I440FX_DEVFN, &h->fn);
}
