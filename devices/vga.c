/*
 * vga.c - the VGA card's register files and port decoder (the model is in
 * vga.h): general registers, sequencer, CRT controller, graphics
 * controller, attribute controller and DAC at 3B0h-3DFh, after the IBM
 * VGA Technical Reference ("VGA register descriptions") and FreeVGA.
 *
 * Every register keeps only the bits the VGA defines (a write of FFh
 * reads back the defined bits); indices that name no register read 0 and
 * drop writes (sequencer 05h-07h, graphics 09h-0Fh, CRTC 19h-1Fh,
 * attribute 15h-1Fh).  The index registers keep the bits the VGA decodes
 * (3 for the sequencer, 4 for the graphics controller, 5 for the CRTC).
 * Ports nothing answers on a VGA (3B0h-3B3h, 3B6h-3B9h, the CRTC and
 * input status 1 of the address range misc output bit 0 does not select,
 * 3CBh, 3CDh, 3D0h-3D3h...) read FFh.  A 16-bit access reaches the card
 * as two byte cycles, index then data, as an ISA card sees an OUT DX,AX.
 *
 * Input status 1's display-disabled and vertical-retrace bits are
 * computed from emulated time and the CRTC timing registers, so polling
 * loops see a 70 Hz (400-line) or 60 Hz (480-line) frame as on a card.
 *
 * Not here: the VGA enable register 3C3h stores nothing (reads 01h, the
 * card is always awake: a motherboard-VGA feature, and vga.h has no field
 * for it); input status 0 reads 00h (no monitor sense, no retrace
 * interrupt); the odd/even page bit (misc output bit 5) is kept but does
 * not select a page (vga_memory.c); CR17 bit 2 (vertical counter / 2) is
 * ignored by the retrace timing; the EGA-compatible aliases of the CRTC
 * at 3B0h-3B3h.
 */
#include "devices/vga.h"

#include <stdlib.h>
#include <string.h>

#include "devices/vga_internal.h"
#include "mem/ports.h"

/* Port offsets from VGA_PORT_BASE (3B0h). */
enum {
    VGA_P_CRTC_INDEX_MONO = 0x04, /* 3B4h */
    VGA_P_CRTC_DATA_MONO = 0x05,  /* 3B5h */
    VGA_P_STATUS1_MONO = 0x0A,    /* 3BAh: input status 1 / feature control write */
    VGA_P_ATTR = 0x10,            /* 3C0h */
    VGA_P_ATTR_READ = 0x11,       /* 3C1h */
    VGA_P_MISC_WRITE = 0x12,      /* 3C2h: misc output write, input status 0 read */
    VGA_P_ENABLE = 0x13,          /* 3C3h */
    VGA_P_SEQ_INDEX = 0x14,       /* 3C4h */
    VGA_P_SEQ_DATA = 0x15,        /* 3C5h */
    VGA_P_DAC_MASK = 0x16,        /* 3C6h */
    VGA_P_DAC_READ_INDEX = 0x17,  /* 3C7h: write read index, read DAC state */
    VGA_P_DAC_WRITE_INDEX = 0x18, /* 3C8h */
    VGA_P_DAC_DATA = 0x19,        /* 3C9h */
    VGA_P_FEATURE_READ = 0x1A,    /* 3CAh */
    VGA_P_MISC_READ = 0x1C,       /* 3CCh */
    VGA_P_GC_INDEX = 0x1E,        /* 3CEh */
    VGA_P_GC_DATA = 0x1F,         /* 3CFh */
    VGA_P_CRTC_INDEX_COLOUR = 0x24, /* 3D4h */
    VGA_P_CRTC_DATA_COLOUR = 0x25,  /* 3D5h */
    VGA_P_STATUS1_COLOUR = 0x2A,    /* 3DAh */
};

#define VGA_MISC_IO_COLOUR 0x01u   /* misc output bit 0: CRTC at 3Dxh */
#define VGA_ATTR_PAS 0x20u          /* attribute index bit 5 */
#define VGA_CR11_PROTECT 0x80u      /* CR11 bit 7: CR00-CR07 read-only */
#define VGA_CR07_LINE_COMPARE8 0x10u /* the one CR07 bit the protect spares */
#define VGA_ST1_DISPLAY_DISABLED 0x01u
#define VGA_ST1_VRETRACE 0x08u

/* The bits each register defines (IBM VGA Technical Reference). */
static const uint8_t vga_seq_mask[8] = { 0x03, 0x3D, 0x0F, 0x3F, 0x0E, 0, 0, 0 };
static const uint8_t vga_gc_mask[16] = { 0x0F, 0x0F, 0x0F, 0x1F, 0x03, 0x7B, 0x0F, 0x0F, 0xFF };
#define VGA_CRTC_REGS 0x19u
#define VGA_ATTR_REGS 0x15u
/* Feature control: FC0, FC1 and vertical sync select (bits 0, 1, 3). */
#define VGA_FEATURE_MASK 0x0Bu

static uint8_t vga_attr_mask(unsigned index)
{
    if (index < 0x10)
        return 0x3F;   /* palette: 6-bit DAC indices */
    switch (index) {
    case 0x10: return 0xEF; /* mode control: bit 4 reserved */
    case 0x11: return 0xFF; /* overscan colour */
    case 0x12: return 0x3F; /* colour plane enable, video status mux */
    case 0x13: return 0x0F; /* horizontal pel panning */
    case 0x14: return 0x0F; /* colour select */
    default: return 0;
    }
}

/* Registers that only steer CPU accesses to memory, so a write to them
 * leaves the picture as it was (no full_redraw): the map mask, set/reset,
 * enable set/reset, colour compare, rotate/function, read map select,
 * colour don't care and bit mask, and GC05's read/write mode bits. */
static bool vga_gc_changes_display(unsigned index, uint8_t old, uint8_t now)
{
    if (index == 5)
        return ((old ^ now) & 0x60u) != 0; /* shift register / 256-colour */
    return index == 6 && old != now;
}

static bool vga_colour_io(const struct vga *v)
{
    return (v->misc_output & VGA_MISC_IO_COLOUR) != 0;
}

/* ---- the registers, one byte cycle at a time ---- */

static void vga_attr_write(struct vga *v, uint8_t value)
{
    if (!v->attr_flip_data) {
        if ((v->attr_index ^ value) & VGA_ATTR_PAS)
            v->full_redraw = true;
        v->attr_index = value & 0x3Fu;
        v->attr_flip_data = true;
        return;
    }
    v->attr_flip_data = false;
    unsigned index = v->attr_index & 0x1Fu;
    /* With PAS set the palette registers are locked: the video path
     * owns them (vga.txt, 3C0h bit 5: "the palette can not be
     * modified"). */
    if (index < 0x10 && (v->attr_index & VGA_ATTR_PAS))
        return;
    uint8_t now = value & vga_attr_mask(index);
    if (index < VGA_ATTR_REGS && v->attr[index] != now) {
        v->attr[index] = now;
        v->full_redraw = true;
    }
}

static void vga_crtc_write(struct vga *v, uint8_t value)
{
    unsigned index = v->crtc_index;
    if (index >= VGA_CRTC_REGS)
        return;
    if ((v->crtc[0x11] & VGA_CR11_PROTECT) && index <= 7) {
        if (index != 7)
            return;
        value = (uint8_t)((v->crtc[7] & ~VGA_CR07_LINE_COMPARE8) |
                          (value & VGA_CR07_LINE_COMPARE8));
    }
    if (v->crtc[index] != value) {
        v->crtc[index] = value;
        v->full_redraw = true;
    }
}

static void vga_seq_write(struct vga *v, uint8_t value)
{
    unsigned index = v->seq_index;
    uint8_t now = value & vga_seq_mask[index];
    if (v->seq[index] == now)
        return;
    v->seq[index] = now;
    if (index != 2) /* the map mask only steers writes */
        v->full_redraw = true;
}

static void vga_gc_write(struct vga *v, uint8_t value)
{
    unsigned index = v->gc_index;
    uint8_t now = value & vga_gc_mask[index];
    if (vga_gc_changes_display(index, v->gc[index], now))
        v->full_redraw = true;
    v->gc[index] = now;
}

static uint8_t vga_dac_value_mask(const struct vga *v)
{
    return (v->vbe[VBE_DISPI_INDEX_ENABLE] & VBE_DISPI_8BIT_DAC) ? 0xFFu : 0x3Fu;
}

static void vga_dac_write(struct vga *v, uint8_t value)
{
    if (v->dac_component > 2)
        v->dac_component = 0;
    v->dac_pending[v->dac_component++] = value & vga_dac_value_mask(v);
    if (v->dac_component < 3)
        return;
    uint8_t *entry = v->dac[v->dac_write_index];
    if (memcmp(entry, v->dac_pending, 3) != 0) {
        memcpy(entry, v->dac_pending, 3);
        v->full_redraw = true;
    }
    v->dac_component = 0;
    v->dac_write_index++;
}

static uint8_t vga_dac_read(struct vga *v)
{
    if (v->dac_component > 2)
        v->dac_component = 0;
    uint8_t value = v->dac[v->dac_read_index][v->dac_component++];
    if (v->dac_component == 3) {
        v->dac_component = 0;
        v->dac_read_index++;
    }
    return value;
}

void vga_dac_set_width(struct vga *v, bool eight_bit)
{
    for (unsigned i = 0; i < 256; i++)
        for (unsigned c = 0; c < 3; c++) {
            uint8_t x = v->dac[i][c];
            v->dac[i][c] = eight_bit ? (uint8_t)((x & 0x3Fu) << 2) : (uint8_t)(x >> 2);
        }
    v->full_redraw = true;
}

static void vga_write_byte(struct vga *v, unsigned port, uint8_t value)
{
    bool colour = vga_colour_io(v);
    switch (port) {
    case VGA_P_ATTR: vga_attr_write(v, value); break;
    case VGA_P_MISC_WRITE:
        if (v->misc_output != value)
            v->full_redraw = true;
        v->misc_output = value;
        break;
    case VGA_P_SEQ_INDEX: v->seq_index = value & 0x07u; break;
    case VGA_P_SEQ_DATA: vga_seq_write(v, value); break;
    case VGA_P_DAC_MASK:
        if (v->dac_pel_mask != value)
            v->full_redraw = true;
        v->dac_pel_mask = value;
        break;
    case VGA_P_DAC_READ_INDEX:
        v->dac_read_index = value;
        v->dac_component = 0;
        v->dac_reading = true;
        break;
    case VGA_P_DAC_WRITE_INDEX:
        v->dac_write_index = value;
        v->dac_component = 0;
        v->dac_reading = false;
        break;
    case VGA_P_DAC_DATA: vga_dac_write(v, value); break;
    case VGA_P_GC_INDEX: v->gc_index = value & 0x0Fu; break;
    case VGA_P_GC_DATA: vga_gc_write(v, value); break;
    case VGA_P_CRTC_INDEX_MONO:
    case VGA_P_CRTC_INDEX_COLOUR:
        if (colour == (port == VGA_P_CRTC_INDEX_COLOUR))
            v->crtc_index = value & 0x1Fu;
        break;
    case VGA_P_CRTC_DATA_MONO:
    case VGA_P_CRTC_DATA_COLOUR:
        if (colour == (port == VGA_P_CRTC_DATA_COLOUR))
            vga_crtc_write(v, value);
        break;
    case VGA_P_STATUS1_MONO:
    case VGA_P_STATUS1_COLOUR:
        if (colour == (port == VGA_P_STATUS1_COLOUR))
            v->feature_control = value & VGA_FEATURE_MASK;
        break;
    default: break; /* 3C3h and everything the VGA does not decode */
    }
}

static uint8_t vga_read_byte(struct vga *v, unsigned port)
{
    bool colour = vga_colour_io(v);
    switch (port) {
    case VGA_P_ATTR: return v->attr_index;
    case VGA_P_ATTR_READ: return v->attr[v->attr_index & 0x1Fu];
    case VGA_P_MISC_WRITE: return 0x00; /* input status 0 */
    case VGA_P_ENABLE: return 0x01;
    case VGA_P_SEQ_INDEX: return v->seq_index;
    case VGA_P_SEQ_DATA: return v->seq[v->seq_index & 7u];
    case VGA_P_DAC_MASK: return v->dac_pel_mask;
    case VGA_P_DAC_READ_INDEX: return v->dac_reading ? 0x03 : 0x00;
    case VGA_P_DAC_WRITE_INDEX: return v->dac_write_index;
    case VGA_P_DAC_DATA: return vga_dac_read(v);
    case VGA_P_FEATURE_READ: return v->feature_control;
    case VGA_P_MISC_READ: return v->misc_output;
    case VGA_P_GC_INDEX: return v->gc_index;
    case VGA_P_GC_DATA: return v->gc[v->gc_index & 0x0Fu];
    case VGA_P_CRTC_INDEX_MONO:
    case VGA_P_CRTC_INDEX_COLOUR:
        return colour == (port == VGA_P_CRTC_INDEX_COLOUR) ? v->crtc_index : 0xFF;
    case VGA_P_CRTC_DATA_MONO:
    case VGA_P_CRTC_DATA_COLOUR:
        return colour == (port == VGA_P_CRTC_DATA_COLOUR) ? v->crtc[v->crtc_index & 0x1Fu]
                                                           : 0xFF;
    case VGA_P_STATUS1_MONO:
    case VGA_P_STATUS1_COLOUR:
        if (colour != (port == VGA_P_STATUS1_COLOUR))
            return 0xFF;
        v->attr_flip_data = false; /* any read of input status 1 resets the flip-flop */
        return vga_input_status1(v, v->sched != NULL ? sched_now(v->sched) : 0);
    default: return 0xFF;
    }
}

static uint32_t vga_port_read(void *state, uint32_t offset, unsigned size)
{
    struct vga *v = state;
    uint32_t value = 0;
    for (unsigned i = 0; i < size && offset + i < VGA_PORT_COUNT; i++)
        value |= (uint32_t)vga_read_byte(v, offset + i) << (8 * i);
    return value;
}

static void vga_port_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    struct vga *v = state;
    for (unsigned i = 0; i < size && offset + i < VGA_PORT_COUNT; i++)
        vga_write_byte(v, offset + i, (uint8_t)(value >> (8 * i)));
}

static const struct io_ops vga_port_ops = {
    .read = vga_port_read,
    .write = vga_port_write,
    .sizes = IO_SIZE_8 | IO_SIZE_16,
};

/* ---- life cycle ---- */

bool vga_init(struct vga *v, struct sched *sched, const uint8_t *rom, uint32_t rom_size,
              void (*window_moved)(void *opaque, unsigned bar, uint32_t old_addr,
                                   uint32_t new_addr),
              void *window_opaque)
{
    memset(v, 0, sizeof *v);
    v->vram = calloc(VGA_VRAM_SIZE, 1);
    if (v->vram == NULL)
        return false;
    v->vram_size = VGA_VRAM_SIZE;
    v->sched = sched;
    v->rom = rom;
    v->rom_size = rom != NULL ? rom_size : 0;
    v->window_moved = window_moved;
    v->window_opaque = window_opaque;
    vga_pci_setup(v);
    if (!vga_render_init(v)) {
        free(v->vram);
        v->vram = NULL;
        return false;
    }
    vga_reset(v);
    return true;
}

void vga_free(struct vga *v)
{
    vga_render_free(v);
    free(v->vram);
    v->vram = NULL;
}

/* A VGA leaves reset with every register cleared (the BIOS programs a
 * mode): the sequencer held in reset and the attribute controller's PAS
 * bit clear, so the card shows no picture until POST sets a mode.  The
 * DAC's PEL mask is FFh, not 0, so a BIOS that never writes it still
 * shows colours (the DAC chips power up with it undefined). */
void vga_reset(struct vga *v)
{
    v->misc_output = 0;
    v->feature_control = 0;
    v->seq_index = 0;
    memset(v->seq, 0, sizeof v->seq);
    v->crtc_index = 0;
    memset(v->crtc, 0, sizeof v->crtc);
    v->gc_index = 0;
    memset(v->gc, 0, sizeof v->gc);
    v->attr_index = 0;
    v->attr_flip_data = false;
    memset(v->attr, 0, sizeof v->attr);
    v->dac_pel_mask = 0xFF;
    v->dac_read_index = v->dac_write_index = 0;
    v->dac_component = 0;
    v->dac_reading = false;
    memset(v->dac_pending, 0, sizeof v->dac_pending);
    memset(v->dac, 0, sizeof v->dac);
    memset(v->latch, 0, sizeof v->latch);
    vga_vbe_reset(v);
    pci_function_reset_header(&v->pci);
    v->full_redraw = true;
}

bool vga_attach(struct vga *v, struct port_bus *pb)
{
    if (!ports_register(pb, "vga", VGA_PORT_BASE, VGA_PORT_COUNT, &vga_port_ops, v))
        return false;
    /* Three ports, 1CEh-1D0h: see vga_vbe.c for why 1D0h is claimed. */
    if (!ports_register(pb, "vbe-dispi", VBE_DISPI_PORT_INDEX, 3, &vga_vbe_port_ops, v)) {
        ports_unregister(pb, VGA_PORT_BASE, VGA_PORT_COUNT);
        return false;
    }
    return true;
}
