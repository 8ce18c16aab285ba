/*
 * test_vga_regs.c - Check unit tests for the VGA card's registers
 * (devices/vga.c, vga_timing.c) driven through the ports as a guest
 * does: power-on state, misc output's choice of the 3Bxh or 3Dxh CRTC
 * and status ports, the CRTC write protect, register bit masks and
 * unused indices, 16-bit OUTs to index ports, the attribute controller's
 * flip-flop and PAS lock, DAC write/read sequences and the DAC state,
 * input status 1's retrace and display-enable timing for mode 3 (70 Hz)
 * and mode 12h (60 Hz) and with garbage timing, the PCI function (IDs,
 * BAR 0, the ROM BAR, window_moved), and a random-write
 * storm over every port, the window and the LFB that must not crash.
 *
 * Expected values come from the IBM VGA register descriptions and the
 * standard mode tables, worked by hand in the comments.
 */
#include "vga_fixture.h"

START_TEST(test_power_on_state)
{
    /* Misc output 0 selects the monochrome addresses: CRTC at 3B4h. */
    ck_assert_uint_eq(inb(0x3CC), 0x00);
    ck_assert_uint_eq(inb(0x3D4), 0xFF);
    ck_assert_uint_eq(inb(0x3DA), 0xFF);
    ck_assert_uint_eq(inb(0x3BA) & 0xF6u, 0x00);
    ck_assert_uint_eq(seq_in(0), 0x00);   /* sequencer held in reset */
    ck_assert_uint_eq(inb(0x3C0), 0x00);  /* PAS clear: no picture */
    ck_assert_uint_eq(inb(0x3C6), 0xFF);
    ck_assert_uint_eq(inb(0x3C7), 0x00);
    ck_assert_uint_eq(inb(0x3C3), 0x01);
    ck_assert(card->full_redraw);
    ck_assert_uint_eq(card->vbe[VBE_DISPI_INDEX_ENABLE], 0);
    /* Ports nothing decodes on a VGA. */
    ck_assert_uint_eq(inb(0x3B0), 0xFF);
    ck_assert_uint_eq(inb(0x3CB), 0xFF);
    ck_assert_uint_eq(inb(0x3DF), 0xFF);
}
END_TEST

START_TEST(test_crtc_address_select)
{
    outb(0x3B4, 0x0E);
    outb(0x3B5, 0x12);
    ck_assert_uint_eq(inb(0x3B5), 0x12);
    outb(0x3D4, 0x0E);  /* ignored while mono */
    outb(0x3D5, 0x99);
    ck_assert_uint_eq(inb(0x3B4), 0x0E);
    ck_assert_uint_eq(inb(0x3B5), 0x12);

    outb(0x3C2, 0x67);  /* bit 0: colour addresses */
    ck_assert_uint_eq(inb(0x3CC), 0x67);
    ck_assert_uint_eq(inb(0x3B4), 0xFF);
    ck_assert_uint_eq(inb(0x3B5), 0xFF);
    ck_assert_uint_eq(inb(0x3BA), 0xFF);
    /* The same register file answers at 3Dxh now. */
    ck_assert_uint_eq(crtc_in(0x0E), 0x12);
    outb(0x3B5, 0x55);
    ck_assert_uint_eq(crtc_in(0x0E), 0x12);
    crtc_out(0x0F, 0x34);
    ck_assert_uint_eq(card->crtc[0x0F], 0x34);

    /* Feature control: written at the selected 3xAh, read at 3CAh. */
    outb(0x3BA, 0x08);
    ck_assert_uint_eq(inb(0x3CA), 0x00);
    outb(0x3DA, 0xFF);
    ck_assert_uint_eq(inb(0x3CA), 0x0B);
}
END_TEST

START_TEST(test_crtc_protect)
{
    outb(0x3C2, 0x01);
    for (uint8_t i = 0; i < 8; i++)
        crtc_out(i, (uint8_t)(0x10 + i));
    crtc_out(0x07, 0x00);
    crtc_out(0x11, 0x85);  /* protect on */
    for (uint8_t i = 0; i < 7; i++)
        crtc_out(i, 0xEE);
    for (uint8_t i = 0; i < 7; i++)
        ck_assert_uint_eq(crtc_in(i), 0x10u + i);
    /* CR07: only bit 4 (line compare bit 8) still writable. */
    crtc_out(0x07, 0xFF);
    ck_assert_uint_eq(crtc_in(0x07), 0x10);
    crtc_out(0x07, 0xEF);
    ck_assert_uint_eq(crtc_in(0x07), 0x00);
    /* Registers from 08h on are not protected; CR11 itself neither. */
    crtc_out(0x08, 0x1F);
    ck_assert_uint_eq(crtc_in(0x08), 0x1F);
    crtc_out(0x11, 0x05);
    crtc_out(0x00, 0x5F);
    ck_assert_uint_eq(crtc_in(0x00), 0x5F);
    crtc_out(0x07, 0xFF);
    ck_assert_uint_eq(crtc_in(0x07), 0xFF);
}
END_TEST

START_TEST(test_register_masks_and_indices)
{
    static const uint8_t seq_bits[8] = { 0x03, 0x3D, 0x0F, 0x3F, 0x0E, 0, 0, 0 };
    static const uint8_t gc_bits[16] = { 0x0F, 0x0F, 0x0F, 0x1F, 0x03, 0x7B, 0x0F, 0x0F, 0xFF };
    for (uint8_t i = 0; i < 8; i++) {
        seq_out(i, 0xFF);
        ck_assert_uint_eq(seq_in(i), seq_bits[i]);
    }
    for (uint8_t i = 0; i < 16; i++) {
        gc_out(i, 0xFF);
        ck_assert_uint_eq(gc_in(i), gc_bits[i]);
    }
    /* Index registers keep the bits the VGA decodes. */
    outb(0x3C4, 0xFF);
    ck_assert_uint_eq(inb(0x3C4), 0x07);
    outb(0x3CE, 0xFF);
    ck_assert_uint_eq(inb(0x3CE), 0x0F);
    outb(0x3C2, 0x01);
    outb(0x3D4, 0xFF);
    ck_assert_uint_eq(inb(0x3D4), 0x1F);
    /* CRTC 19h-1Fh are not registers. */
    crtc_out(0x19, 0xAA);
    ck_assert_uint_eq(crtc_in(0x19), 0x00);
    crtc_out(0x18, 0xAA);
    ck_assert_uint_eq(crtc_in(0x18), 0xAA);
    /* Misc output is all eight bits. */
    outb(0x3C2, 0xFF);
    ck_assert_uint_eq(inb(0x3CC), 0xFF);
}
END_TEST

START_TEST(test_word_out_to_index_ports)
{
    /* OUT 3C4h,AX with AX = 0F02h: index 02h, then data 0Fh at 3C5h. */
    outw(0x3C4, 0x0F02);
    ck_assert_uint_eq(card->seq_index, 2);
    ck_assert_uint_eq(card->seq[2], 0x0F);
    outw(0x3CE, 0xA508);
    ck_assert_uint_eq(card->gc[8], 0xA5);
    outb(0x3C2, 0x01);
    outw(0x3D4, 0x3C0C);
    ck_assert_uint_eq(card->crtc[0x0C], 0x3C);
    /* IN AX,3C4h reads index then data. */
    ck_assert_uint_eq(inw(0x3C4), 0x0F02);
    ck_assert_uint_eq(inw(0x3D4), 0x3C0C);
}
END_TEST

START_TEST(test_attribute_flip_flop)
{
    outb(0x3C2, 0x01);
    (void)inb(0x3DA);
    outb(0x3C0, 0x10);         /* index 10h, PAS clear */
    outb(0x3C0, 0x41);         /* data */
    ck_assert_uint_eq(card->attr[0x10], 0x41);
    ck_assert_uint_eq(inb(0x3C0), 0x10);
    ck_assert_uint_eq(inb(0x3C1), 0x41);
    /* The flip-flop is back at index: the next write is an index. */
    outb(0x3C0, 0x33);         /* index 13h, PAS set */
    ck_assert_uint_eq(inb(0x3C0), 0x33);
    outb(0x3C0, 0x08);
    ck_assert_uint_eq(card->attr[0x13], 0x08);
    /* Half a pair, then a read of 3DAh: back to index. */
    outb(0x3C0, 0x14);
    (void)inb(0x3DA);
    outb(0x3C0, 0x11);
    outb(0x3C0, 0x07);
    ck_assert_uint_eq(card->attr[0x11], 0x07);
    ck_assert_uint_eq(card->attr[0x14], 0x00);
    /* With colour addresses, 3BAh is not status 1 and leaves it alone. */
    outb(0x3C0, 0x12);
    (void)inb(0x3BA);
    outb(0x3C0, 0x0F);
    ck_assert_uint_eq(card->attr[0x12], 0x0F);

    /* The palette is locked while PAS is set, writable while clear. */
    attr_out(0x05, 0x15, 0x20);
    ck_assert_uint_eq(card->attr[0x05], 0x00);
    attr_out(0x05, 0xFF, 0x00);
    ck_assert_uint_eq(card->attr[0x05], 0x3F);
    ck_assert_uint_eq(attr_in(0x05), 0x3F);
    /* Masks: mode control bit 4, pel panning and colour select 4 bits. */
    attr_out(0x10, 0xFF, 0x20);
    ck_assert_uint_eq(attr_in(0x10), 0xEF);
    attr_out(0x13, 0xFF, 0x20);
    ck_assert_uint_eq(attr_in(0x13), 0x0F);
    attr_out(0x15, 0xFF, 0x20);
    ck_assert_uint_eq(attr_in(0x15), 0x00);
    /* Index bits 6-7 do not exist. */
    (void)inb(0x3DA);
    outb(0x3C0, 0xF1);
    ck_assert_uint_eq(inb(0x3C0), 0x31);
}
END_TEST

START_TEST(test_dac_sequences)
{
    outb(0x3C8, 0x05);
    outb(0x3C9, 0x3F);
    outb(0x3C9, 0x20);
    outb(0x3C9, 0xFF);          /* 6-bit DAC: 3Fh kept */
    outb(0x3C9, 0x01);          /* entry 6 starts */
    outb(0x3C9, 0x02);
    outb(0x3C9, 0x03);
    ck_assert_uint_eq(card->dac[5][0], 0x3F);
    ck_assert_uint_eq(card->dac[5][1], 0x20);
    ck_assert_uint_eq(card->dac[5][2], 0x3F);
    ck_assert_uint_eq(card->dac[6][2], 0x03);
    ck_assert_uint_eq(inb(0x3C8), 0x07);
    ck_assert_uint_eq(inb(0x3C7), 0x00);  /* write mode */

    outb(0x3C7, 0x05);
    ck_assert_uint_eq(inb(0x3C7), 0x03);  /* read mode */
    ck_assert_uint_eq(inb(0x3C9), 0x3F);
    ck_assert_uint_eq(inb(0x3C9), 0x20);
    ck_assert_uint_eq(inb(0x3C9), 0x3F);
    ck_assert_uint_eq(inb(0x3C9), 0x01);  /* advanced to entry 6 */
    ck_assert_uint_eq(inb(0x3C9), 0x02);
    ck_assert_uint_eq(inb(0x3C9), 0x03);

    /* An entry is stored only when all three arrive; a new index
     * restarts the triple. */
    outb(0x3C8, 0x10);
    outb(0x3C9, 0x11);
    outb(0x3C9, 0x12);
    ck_assert_uint_eq(card->dac[0x10][0], 0x00);
    outb(0x3C8, 0x10);
    outb(0x3C9, 0x21);
    outb(0x3C9, 0x22);
    outb(0x3C9, 0x23);
    ck_assert_uint_eq(card->dac[0x10][0], 0x21);
    ck_assert_uint_eq(card->dac[0x10][2], 0x23);
    /* Index FFh wraps to 0. */
    outb(0x3C8, 0xFF);
    for (unsigned i = 0; i < 6; i++)
        outb(0x3C9, (uint8_t)(0x30 + i));
    ck_assert_uint_eq(card->dac[0xFF][0], 0x30);
    ck_assert_uint_eq(card->dac[0][2], 0x35);
    /* PEL mask. */
    outb(0x3C6, 0x0F);
    ck_assert_uint_eq(inb(0x3C6), 0x0F);
    /* A DAC change redraws. */
    card->full_redraw = false;
    outb(0x3C8, 0x40);
    outb(0x3C9, 1);
    outb(0x3C9, 1);
    outb(0x3C9, 1);
    ck_assert(card->full_redraw);
}
END_TEST

/* ---- input status 1 timing ---- */

static uint8_t status_at(uint64_t ns)
{
    sched_set_manual_time(&clk, ns);
    return inb(card->misc_output & 1 ? 0x3DA : 0x3BA);
}

/* The first time at or after `from` (ns, stepping 1 us) where bit 3
 * rises; asserts it happens within `limit` ns. */
static uint64_t next_retrace(uint64_t from, uint64_t limit)
{
    bool was = (status_at(from) & 0x08) != 0;
    for (uint64_t t = from + 1000; t < from + limit; t += 1000) {
        bool now = (status_at(t) & 0x08) != 0;
        if (now && !was)
            return t;
        was = now;
    }
    ck_abort_msg("no vertical retrace");
    return 0;
}

START_TEST(test_retrace_mode3_70hz)
{
    set_mode3();
    /* Mode 3: 100 chars x 9 dots = 900 dots a line at 28.322 MHz
     * (31.778 us), 449 lines a frame: 14.268 ms.  Lines 0-399 shown,
     * retrace on lines 412-413 (CR10 9Ch + CR07 bit 2, CR11 low nibble
     * Eh). */
    ck_assert_uint_eq(status_at(0), 0x00);
    ck_assert_uint_eq(status_at(10000), 0x00);        /* line 0, char 31 */
    ck_assert_uint_eq(status_at(27200) & 0x01, 0x01);  /* line 0, char 85: blanked */
    ck_assert_uint_eq(status_at(31800), 0x00);        /* line 1, char 0 */
    ck_assert_uint_eq(status_at(12700000), 0x00);     /* line 399.6: still shown */
    ck_assert_uint_eq(status_at(12740000), 0x01);     /* line 400.9 */
    ck_assert_uint_eq(status_at(13090000), 0x01);     /* line 411.9 */
    ck_assert_uint_eq(status_at(13100000), 0x09);     /* line 412.2 */
    ck_assert_uint_eq(status_at(13150000), 0x09);     /* line 413.8 */
    ck_assert_uint_eq(status_at(13160000), 0x01);     /* line 414.1 */
    ck_assert_uint_eq(status_at(14260000), 0x01);     /* line 448.7 */
    ck_assert_uint_eq(status_at(14280000), 0x00);     /* next frame, line 0.4 */

    /* Retrace starts every 14.268 ms: 70.08 Hz. */
    uint64_t first = next_retrace(20000000, 20000000);
    uint64_t second = next_retrace(first + 1000000, 20000000);
    ck_assert_uint_ge(second - first, 14267000);
    ck_assert_uint_le(second - first, 14269000);
    /* 15 seconds on, the phase is still exact (no drift from rounding):
     * frame 1051 starts at 1051 x 404100 dots / 28.322 MHz = 14.995731 s,
     * retrace 370800 dots later = 15.008823 s, ends at 15.008887 s. */
    ck_assert_uint_eq(status_at(15008800000ull), 0x01);
    ck_assert_uint_eq(status_at(15008850000ull), 0x09);
    ck_assert_uint_eq(status_at(15008900000ull), 0x01);
}
END_TEST

START_TEST(test_retrace_mode12_60hz)
{
    set_mode12();
    /* Mode 12h: 800 dots x 525 lines at 25.175 MHz = 16.683 ms (59.94
     * Hz); 480 lines shown; retrace lines 490-491 (CR10 EAh + CR07
     * bit 2, CR11 low nibble Ch). */
    ck_assert_uint_eq(status_at(0), 0x00);
    ck_assert_uint_eq(status_at(15240000), 0x00);     /* line 479.6, char 58 */
    ck_assert_uint_eq(status_at(15270000), 0x01);     /* line 480.5 */
    ck_assert_uint_eq(status_at(15560000), 0x01);     /* line 489.7 */
    ck_assert_uint_eq(status_at(15580000), 0x09);     /* line 490.3 */
    ck_assert_uint_eq(status_at(15630000), 0x09);     /* line 491.9 */
    ck_assert_uint_eq(status_at(15640000), 0x01);     /* line 492.2 */
    uint64_t first = next_retrace(20000000, 20000000);
    uint64_t second = next_retrace(first + 1000000, 20000000);
    ck_assert_uint_ge(second - first, 16682000);
    ck_assert_uint_le(second - first, 16684000);
}
END_TEST

START_TEST(test_retrace_garbage_timing)
{
    /* After reset every CRTC register is 0: the card still makes a 70 Hz
     * frame, so a wait for retrace ends. */
    uint64_t first = next_retrace(0, 20000000);
    uint64_t second = next_retrace(first + 1000000, 20000000);
    ck_assert_uint_ge(second - first, 14267000);
    ck_assert_uint_le(second - first, 14269000);
    /* Retrace start beyond the total is no frame either. */
    outb(0x3C2, 0x01);
    crtc_out(0x00, 0x10);
    crtc_out(0x06, 0x10);
    crtc_out(0x10, 0xFF);
    first = next_retrace(40000000, 20000000);
    second = next_retrace(first + 1000000, 20000000);
    ck_assert_uint_ge(second - first, 14267000);
    ck_assert_uint_le(second - first, 14269000);
    /* A tiny but valid frame (6 chars x 8 dots x 3 lines = 144 dots,
     * 5.7 us) still toggles and never divides by zero. */
    seq_out(1, 0x01);
    crtc_out(0x00, 0x01);
    crtc_out(0x01, 0x00);
    crtc_out(0x06, 0x01);
    crtc_out(0x07, 0x00);
    crtc_out(0x10, 0x01);
    crtc_out(0x11, 0x02);
    crtc_out(0x12, 0x00);
    unsigned seen = 0;
    for (uint64_t t = 70000000; t < 70000000 + 10000; t += 100)
        seen |= status_at(t);
    ck_assert_uint_eq(seen & 0x09, 0x09);
}
END_TEST

/* ---- the PCI function ---- */

static uint32_t cfg_read(struct pci_bus *bus, unsigned reg, unsigned size)
{
    return pci_config_read(bus, PCI_DEVFN(2, 0), reg, size);
}

static void cfg_write(struct pci_bus *bus, unsigned reg, unsigned size, uint32_t v)
{
    pci_config_write(bus, PCI_DEVFN(2, 0), reg, size, v);
}

START_TEST(test_pci_identity_and_bar0)
{
    struct pci_bus bus;
    pci_bus_init(&bus);
    ck_assert(pci_register_function(&bus, PCI_DEVFN(2, 0), &card->pci));
    ck_assert_uint_eq(cfg_read(&bus, 0x00, 4), 0x11111234u);
    ck_assert_uint_eq(cfg_read(&bus, 0x08, 4), 0x03000002u); /* class 030000h, rev 2 */
    ck_assert_uint_eq(cfg_read(&bus, 0x2C, 4), 0x11001AF4u); /* subsystem */
    ck_assert_uint_eq(cfg_read(&bus, PCI_INTERRUPT_PIN, 1), 0u);
    ck_assert_uint_eq(cfg_read(&bus, PCI_HEADER_TYPE, 1), 0u);
    /* BAR 0: 16 MiB prefetchable memory. */
    ck_assert_uint_eq(cfg_read(&bus, 0x10, 4), 0x00000008u);
    cfg_write(&bus, 0x10, 4, 0xFFFFFFFFu);
    ck_assert_uint_eq(cfg_read(&bus, 0x10, 4), 0xFF000008u);
    for (unsigned reg = 0x14; reg < 0x28; reg += 4)
        ck_assert_uint_eq(cfg_read(&bus, reg, 4), 0u);
    /* No ROM given: 30h is 0 and stays 0. */
    cfg_write(&bus, PCI_ROM_ADDRESS, 4, 0xFFFFFFFFu);
    ck_assert_uint_eq(cfg_read(&bus, PCI_ROM_ADDRESS, 4), 0u);
    ck_assert_uint_eq(move_count, 0);
    /* Placed and enabled: the board hears where the LFB is. */
    cfg_write(&bus, 0x10, 4, VBE_DISPI_LFB_ADDRESS);
    cfg_write(&bus, PCI_COMMAND, 2, PCI_COMMAND_IO | PCI_COMMAND_MEMORY);
    ck_assert_uint_eq(move_count, 1);
    ck_assert_uint_eq(moves[0].bar, 0);
    ck_assert_uint_eq(moves[0].old_addr, PCI_BAR_UNMAPPED);
    ck_assert_uint_eq(moves[0].new_addr, VBE_DISPI_LFB_ADDRESS);
    /* Card reset stops decoding (RST# clears the command register). */
    vga_reset(card);
    ck_assert_uint_eq(move_count, 2);
    ck_assert_uint_eq(moves[1].new_addr, PCI_BAR_UNMAPPED);
    ck_assert_uint_eq(cfg_read(&bus, 0x10, 4), 0x00000008u);
}
END_TEST

START_TEST(test_pci_rom_bar)
{
    static uint8_t rom[0x9000]; /* 36 KiB image: a 64 KiB ROM BAR */
    vga_teardown();
    vga_setup_with_rom(rom, sizeof rom);
    struct pci_bus bus;
    pci_bus_init(&bus);
    ck_assert(pci_register_function(&bus, PCI_DEVFN(2, 0), &card->pci));
    cfg_write(&bus, PCI_ROM_ADDRESS, 4, 0xFFFFFFFEu);
    ck_assert_uint_eq(cfg_read(&bus, PCI_ROM_ADDRESS, 4), 0xFFFF0000u);
    cfg_write(&bus, PCI_ROM_ADDRESS, 4, 0xFEBF0001u);
    ck_assert_uint_eq(move_count, 0);
    cfg_write(&bus, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);
    ck_assert_uint_eq(move_count, 1);
    ck_assert_uint_eq(moves[0].bar, PCI_ROM_BAR);
    ck_assert_uint_eq(moves[0].new_addr, 0xFEBF0000u);
    cfg_write(&bus, PCI_ROM_ADDRESS, 4, 0xFEBF0000u);
    ck_assert_uint_eq(move_count, 2);
    ck_assert_uint_eq(moves[1].bar, PCI_ROM_BAR);
    ck_assert_uint_eq(moves[1].new_addr, PCI_BAR_UNMAPPED);
}
END_TEST

/* ---- garbage ---- */

static uint32_t rng_state = 12345;
static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

START_TEST(test_random_storm)
{
    static const unsigned sizes[3] = { 1, 2, 4 };
    uint64_t now = 0;
    for (unsigned i = 0; i < 400000; i++) {
        uint32_t r = rnd();
        unsigned size = sizes[(r >> 8) % 3];
        switch (r % 8) {
        case 0: case 1: case 2:
            ports_write(pb, (uint16_t)(0x3B0 + rnd() % 0x30), size, rnd());
            break;
        case 3:
            (void)ports_read(pb, (uint16_t)(0x3B0 + rnd() % 0x30), size);
            break;
        case 4:
            ports_write(pb, (uint16_t)(0x1CE + rnd() % 3), size,
                        rnd() % 4 ? rnd() % 16 : rnd());
            break;
        case 5:
            (void)ports_read(pb, (uint16_t)(0x1CE + rnd() % 3), size);
            break;
        case 6: {
            uint32_t off = rnd() % (VGA_WINDOW_SIZE - 3);
            if (r & 0x10000)
                vga_window_ops.write(card, off, size, rnd());
            else
                (void)vga_window_ops.read(card, off, size);
            break;
        }
        default: {
            uint32_t off = rnd() % VGA_VRAM_SIZE;
            if (r & 0x10000)
                vga_lfb_ops.write(card, off, size, rnd());
            else
                (void)vga_lfb_ops.read(card, off, size);
            break;
        }
        }
        if (i % 64 == 0) {
            now += rnd() % 100000;
            sched_set_manual_time(&clk, now);
        }
        /* The invariants the renderer relies on. */
        ck_assert_uint_le((uint64_t)card->vbe_start, VGA_VRAM_SIZE);
        if (card->vbe[VBE_DISPI_INDEX_ENABLE] & VBE_DISPI_ENABLED) {
            uint64_t bpp = card->vbe[VBE_DISPI_INDEX_BPP];
            uint64_t end = card->vbe_start +
                           (uint64_t)(card->vbe[VBE_DISPI_INDEX_YRES] - 1) * card->vbe_line_bytes +
                           card->vbe[VBE_DISPI_INDEX_XRES] * ((bpp + 7) / 8);
            ck_assert_uint_le(end, VGA_VRAM_SIZE);
        }
    }
    vga_reset(card);
    ck_assert_uint_eq(card->vbe[VBE_DISPI_INDEX_ENABLE], 0);
}
END_TEST

int main(void)
{
    TCase *tc = tcase_create("regs");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_power_on_state);
    tcase_add_test(tc, test_crtc_address_select);
    tcase_add_test(tc, test_crtc_protect);
    tcase_add_test(tc, test_register_masks_and_indices);
    tcase_add_test(tc, test_word_out_to_index_ports);
    tcase_add_test(tc, test_attribute_flip_flop);
    tcase_add_test(tc, test_dac_sequences);
    tcase_add_test(tc, test_retrace_mode3_70hz);
    tcase_add_test(tc, test_retrace_mode12_60hz);
    tcase_add_test(tc, test_retrace_garbage_timing);
    tcase_add_test(tc, test_pci_identity_and_bar0);
    tcase_add_test(tc, test_pci_rom_bar);
    tcase_add_test(tc, test_random_storm);
    return vga_run_suite(vga_one_suite("vga_regs", tc));
}
