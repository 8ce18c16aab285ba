/*
 * test_pic.c - Check unit tests for the 8259A pair and ELCR
 * (devices/i8259_pic.c), driven through the I/O ports as a BIOS or a
 * kernel would.  Expectations come from the Intel 8259A datasheet:
 * fully nested priorities, nesting, the EOI forms of OCW2, rotation and
 * set priority, special mask mode, the poll word (I bit 7, level in bits
 * 2-0), AEOI, edge vs level inputs (ELCR per PIIX3 2.2.12), the spurious
 * IR7 vector, the cascade through IR2 and special fully nested mode.
 *
 * The fixture programs both chips as a PC BIOS does: ICW1 11h (edge,
 * cascade, ICW4), vector bases 08h and 70h, ICW3 04h / 02h, ICW4 01h.
 */
#include "devices/i8259_pic.h"

#include <check.h>
#include <stdlib.h>

#include "mem/ports.h"
#include "tests/unit/check_main.h"

static struct port_bus *pb;
static struct i8259_pair pic;
static bool intr;            /* the CPU's INTR pin as the pair drives it */
static unsigned intr_changes;

static void intr_sink(void *opaque, unsigned pin, bool level)
{
    (void)opaque;
    (void)pin;
    intr = level;
    intr_changes++;
}

static void out8(uint16_t port, uint8_t v) { ports_write(pb, port, 1, v); }
static uint8_t in8(uint16_t port) { return (uint8_t)ports_read(pb, port, 1); }

static void irq(unsigned n, bool level) { i8259_set_irq(&pic, n, level); }

static void program_pc(uint8_t master_icw4, uint8_t slave_icw4)
{
    out8(0x20, 0x11);
    out8(0x21, 0x08);
    out8(0x21, 0x04);
    out8(0x21, master_icw4);
    out8(0xA0, 0x11);
    out8(0xA1, 0x70);
    out8(0xA1, 0x02);
    out8(0xA1, slave_icw4);
}

static uint8_t read_isr(uint16_t base)
{
    out8(base, 0x0B);
    return in8(base);
}

static uint8_t read_irr(uint16_t base)
{
    out8(base, 0x0A);
    return in8(base);
}

static void setup(void)
{
    pb = ports_create();
    ck_assert_ptr_nonnull(pb);
    intr = false;
    intr_changes = 0;
    i8259_init(&pic, irq_line_make(intr_sink, NULL, 0));
    ck_assert(i8259_attach(&pic, pb));
    program_pc(0x01, 0x01);
}

static void teardown(void)
{
    ports_destroy(pb);
    pb = NULL;
}

START_TEST(test_attach_refuses_taken_ports)
{
    struct i8259_pair other;
    i8259_init(&other, irq_line_make(NULL, NULL, 0));
    ck_assert(!i8259_attach(&other, pb));
    /* The first pair still owns its ports. */
    out8(0x21, 0x5A);
    ck_assert_uint_eq(in8(0x21), 0x5A);
}
END_TEST

START_TEST(test_single_request)
{
    ck_assert(!intr);
    irq(0, true);
    ck_assert(intr);
    ck_assert_uint_eq(read_irr(0x20), 0x01);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x08);
    ck_assert(!intr);
    ck_assert_uint_eq(read_isr(0x20), 0x01);
    ck_assert_uint_eq(read_irr(0x20), 0x00);
    out8(0x20, 0x20); /* non-specific EOI */
    ck_assert_uint_eq(read_isr(0x20), 0x00);
    ck_assert(!intr);
    irq(0, false);
    irq(7, true);
    ck_assert_uint_eq(i8259_intr_ack(&pic), 0x0F);
    ck_assert_uint_eq(read_isr(0x20), 0x80);
}
END_TEST

START_TEST(test_fully_nested_priorities)
{
    irq(3, true);
    irq(1, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x09);
    /* IRQ 3 is lower than IRQ 1 in service: held back. */
    ck_assert(!intr);
    ck_assert_uint_eq(read_irr(0x20), 0x08);
    /* IRQ 0 is higher: nests. */
    irq(0, true);
    ck_assert(intr);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x08);
    ck_assert_uint_eq(read_isr(0x20), 0x03);
    /* Non-specific EOI ends the highest level in service, IRQ 0. */
    out8(0x20, 0x20);
    ck_assert_uint_eq(read_isr(0x20), 0x02);
    ck_assert(!intr);
    out8(0x20, 0x20);
    ck_assert_uint_eq(read_isr(0x20), 0x00);
    ck_assert(intr);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0B);
}
END_TEST

START_TEST(test_same_level_waits_for_eoi)
{
    irq(5, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0D);
    irq(5, false);
    irq(5, true); /* a new edge while IRQ 5 is in service */
    ck_assert(!intr);
    out8(0x20, 0x65); /* specific EOI, level 5 */
    ck_assert(intr);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0D);
}
END_TEST

START_TEST(test_mask)
{
    out8(0x21, 0x10);
    ck_assert_uint_eq(in8(0x21), 0x10);
    irq(4, true);
    ck_assert(!intr);
    /* IRR still shows the masked request. */
    ck_assert_uint_eq(read_irr(0x20), 0x10);
    out8(0x21, 0x00);
    ck_assert(intr);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0C);
}
END_TEST

START_TEST(test_cascade)
{
    irq(8, true);
    ck_assert(intr);
    ck_assert_uint_eq(read_irr(0xA0), 0x01);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x70);
    ck_assert_uint_eq(read_isr(0x20), 0x04);
    ck_assert_uint_eq(read_isr(0xA0), 0x01);
    ck_assert(!intr);
    /* Slave requests sit at the master's IR2: above IRQ 3, below IRQ 1. */
    out8(0xA0, 0x20);
    out8(0x20, 0x20);
    irq(3, true);
    irq(14, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x76);
    irq(1, true);
    ck_assert(intr);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x09);
    out8(0x20, 0x20); /* ends IRQ 1 */
    ck_assert(!intr);  /* IR2 still in service holds IRQ 3 */
    out8(0xA0, 0x20);
    out8(0x20, 0x20);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0B);
    /* Slave masked: nothing reaches the master. */
    out8(0x20, 0x20);
    out8(0xA1, 0x01);
    irq(8, false);
    irq(8, true);
    ck_assert(!intr);
    ck_assert_uint_eq(read_irr(0x20) & 0x04, 0);
    out8(0xA1, 0x00);
    ck_assert(intr);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x70);
}
END_TEST

START_TEST(test_slave_priorities)
{
    irq(15, true);
    irq(9, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x71);
    ck_assert(!intr);
    out8(0xA0, 0x20);
    out8(0x20, 0x20);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x77);
}
END_TEST

START_TEST(test_rotate_on_nonspecific_eoi)
{
    irq(1, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x09);
    out8(0x20, 0xA0); /* rotate on non-specific EOI: IRQ 1 becomes lowest */
    ck_assert_uint_eq(read_isr(0x20), 0x00);
    /* Order is now 2 3 4 5 6 7 0 1. */
    irq(0, true);
    irq(3, true);
    irq(1, false);
    irq(1, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0B);
    out8(0x20, 0x20);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x08);
    out8(0x20, 0x20);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x09);
}
END_TEST

START_TEST(test_set_priority_and_specific_rotate)
{
    out8(0x20, 0xC4); /* set priority: IRQ 4 lowest, 5 highest */
    irq(4, true);
    irq(5, true);
    irq(0, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0D);
    /* Rotate on specific EOI for level 5: 5 ends and becomes lowest, so
     * 6 7 0 1 2 3 4 5: IRQ 0 next, then 4. */
    out8(0x20, 0xE5);
    ck_assert_uint_eq(read_isr(0x20), 0x00);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x08);
    /* IRQ 4 is below IRQ 0 now: held until the EOI. */
    ck_assert(!intr);
    out8(0x20, 0x60); /* specific EOI, level 0 */
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0C);
}
END_TEST

START_TEST(test_auto_eoi)
{
    program_pc(0x03, 0x01); /* master: 8086 mode, AEOI */
    irq(3, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0B);
    ck_assert_uint_eq(read_isr(0x20), 0x00);
    /* Nothing in service: a lower level is taken at once. */
    irq(6, true);
    ck_assert(intr);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0E);
    /* Rotate in AEOI mode: each acknowledged level becomes the lowest. */
    out8(0x20, 0x80);
    irq(1, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x09);
    irq(0, true);
    irq(1, false);
    irq(1, true);
    irq(3, false);
    irq(3, true);
    /* Order 2 3 4 5 6 7 0 1: IRQ 3 first, then (3 lowest) 0, then 1. */
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0B);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x08);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x09);
    out8(0x20, 0x00); /* clear rotate in AEOI */
    irq(0, false);
    irq(0, true);
    irq(5, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0D); /* 1 is still lowest */
}
END_TEST

START_TEST(test_special_mask_mode)
{
    irq(0, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x08);
    irq(3, true);
    ck_assert(!intr);
    /* Masking the level in service alone does not let IRQ 3 through. */
    out8(0x21, 0x01);
    ck_assert(!intr);
    /* Special mask mode: a masked in-service level holds nothing back. */
    out8(0x20, 0x68);
    ck_assert(intr);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0B);
    ck_assert_uint_eq(read_isr(0x20), 0x09);
    /* Reset special mask (ESMM with SMM clear): IRQ 0's service rules again. */
    out8(0x20, 0x63);
    irq(5, true);
    out8(0x20, 0x48);
    ck_assert(!intr);
    out8(0x20, 0x68);
    ck_assert(intr);
    /* OCW3 without ESMM leaves the mode alone. */
    out8(0x20, 0x28);
    ck_assert(intr);
}
END_TEST

START_TEST(test_poll)
{
    out8(0x21, 0xFF);          /* polled systems run with INT unused */
    out8(0x20, 0x0C);          /* OCW3 poll */
    ck_assert_uint_eq(in8(0x20) & 0x80, 0x00);
    irq(6, true);
    irq(4, true);
    out8(0x21, 0x00);
    out8(0x20, 0x0C);
    ck_assert_uint_eq(in8(0x20), 0x84);
    ck_assert_uint_eq(read_isr(0x20), 0x10);
    /* The poll applies to the next read only. */
    ck_assert_uint_eq(in8(0x21), 0x00);
    out8(0x20, 0x20);
    out8(0x20, 0x0C);
    ck_assert_uint_eq(in8(0x21), 0x86); /* either port answers the poll */
    /* Polling the master for a slave request gives level 2. */
    out8(0x20, 0x20);
    irq(11, true);
    out8(0x20, 0x0C);
    ck_assert_uint_eq(in8(0x20), 0x82);
    out8(0xA0, 0x0C);
    ck_assert_uint_eq(in8(0xA0), 0x83);
}
END_TEST

START_TEST(test_level_and_edge)
{
    out8(0x4D0, 0x08); /* IRQ 3 level-triggered */
    ck_assert_uint_eq(in8(0x4D0), 0x08);
    irq(3, true);
    ck_assert(intr);
    irq(3, false);     /* the level request goes away with the wire */
    ck_assert(!intr);
    ck_assert_uint_eq(read_irr(0x20), 0x00);
    irq(3, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0B);
    out8(0x20, 0x20);
    ck_assert(intr);   /* wire still high after EOI: requested again */
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0B);
    irq(3, false);
    out8(0x20, 0x20);
    ck_assert(!intr);

    /* Edge: a wire that stays high asks once. */
    irq(4, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0C);
    out8(0x20, 0x20);
    ck_assert(!intr);
    irq(4, false);
    irq(4, true);
    ck_assert(intr);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0C);
    out8(0x20, 0x20);
    /* An edge pulse (devices/irq.h) is latched until INTA. */
    irq(5, true);
    irq(5, false);
    ck_assert(intr);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0D);
}
END_TEST

START_TEST(test_elcr_fixed_bits)
{
    out8(0x4D0, 0xFF);
    out8(0x4D1, 0xFF);
    ck_assert_uint_eq(in8(0x4D0), 0xF8);
    ck_assert_uint_eq(in8(0x4D1), 0xDE);
    ck_assert_uint_eq(ports_read(pb, 0x4D0, 2), 0xDEF8);
    /* IRQ 0 stays edge-triggered whatever is written. */
    irq(0, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x08);
    out8(0x20, 0x20);
    ck_assert(!intr);
    /* A slave level input: IRQ 10. */
    irq(10, true);
    ck_assert(intr);
    irq(10, false);
    ck_assert(!intr);
    ck_assert_uint_eq(read_irr(0x20) & 0x04, 0);
}
END_TEST

START_TEST(test_switch_to_level_takes_the_wire)
{
    irq(9, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x71);
    out8(0xA0, 0x20);
    out8(0x20, 0x20);
    ck_assert(!intr);
    out8(0x4D1, 0x02); /* IRQ 9 becomes level, its wire is high */
    ck_assert(intr);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x71);
}
END_TEST

START_TEST(test_spurious)
{
    out8(0x4D0, 0x08);
    irq(3, true);
    ck_assert(intr);
    irq(3, false);
    ck_assert(!intr);
    /* INTA with the request gone: IR7's vector, nothing in service. */
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0F);
    ck_assert_uint_eq(read_isr(0x20), 0x00);
    ck_assert_uint_eq(read_isr(0xA0), 0x00);
    /* A masked request is no request either. */
    out8(0x21, 0x20);
    irq(5, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x0F);
    ck_assert_uint_eq(read_isr(0x20), 0x00);
}
END_TEST

START_TEST(test_special_fully_nested)
{
    program_pc(0x11, 0x01); /* master SFNM */
    irq(10, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x72);
    /* A higher slave request while IR2 is in service gets through... */
    irq(9, true);
    ck_assert(intr);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x71);
    ck_assert_uint_eq(read_isr(0xA0), 0x06);
    ck_assert_uint_eq(read_isr(0x20), 0x04);
    /* ...a lower one does not (the slave itself holds it)... */
    irq(11, true);
    ck_assert(!intr);
    /* ...and neither does a lower master level. */
    irq(5, true);
    ck_assert(!intr);

    /* The same without SFNM: IR2 in service blocks the slave. */
    program_pc(0x01, 0x01);
    irq(10, false);
    irq(9, false);
    irq(11, false);
    irq(5, false);
    irq(10, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x72);
    irq(9, true);
    ck_assert(!intr);
}
END_TEST

START_TEST(test_icw1_clears_state)
{
    out8(0x21, 0xF0);
    irq(1, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x09);
    out8(0x20, 0x0B);  /* read ISR selected */
    program_pc(0x01, 0x01);
    /* IMR cleared, status read back to IRR, edge latches reset. */
    ck_assert_uint_eq(in8(0x21), 0x00);
    ck_assert_uint_eq(in8(0x20), 0x00);
    ck_assert(!intr);  /* IRQ 1's wire is high but needs a new edge */
    irq(1, false);
    irq(1, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x09);
}
END_TEST

START_TEST(test_vector_base_and_single_mode)
{
    /* ICW1 with SNGL and no IC4: ICW2 only, then OCW1. */
    out8(0x20, 0x12);
    out8(0x21, 0x47);  /* T2-T0 are ignored */
    out8(0x21, 0x01);  /* this is OCW1 now */
    ck_assert_uint_eq(in8(0x21), 0x01);
    irq(1, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x41);
    /* Single mode: IR2 is no cascade; the slave's INT gives vector 42h. */
    out8(0x20, 0x20);
    irq(8, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0x42);
    ck_assert_uint_eq(read_isr(0xA0), 0x00);
}
END_TEST

START_TEST(test_slave_id_mismatch)
{
    out8(0xA0, 0x11);
    out8(0xA1, 0x70);
    out8(0xA1, 0x03);  /* slave ID 3, but it hangs off IR2 */
    out8(0xA1, 0x01);
    irq(8, true);
    ck_assert_uint_eq(i8259_acknowledge(&pic), 0xFF);
}
END_TEST

START_TEST(test_out_of_range_inputs)
{
    irq(16, true);
    irq(1000, true);
    irq(2, true);      /* the cascade input is not a device line */
    ck_assert(!intr);
    ck_assert_uint_eq(read_irr(0x20), 0x00);
}
END_TEST

/* Whatever a guest writes, in any order: no crash, no out-of-bounds (the
 * sanitizer build checks), and the INT pin always agrees with whether an
 * INTA would find a request. */
START_TEST(test_random_programming)
{
    static const uint16_t ports[] = { 0x20, 0x21, 0xA0, 0xA1, 0x4D0, 0x4D1 };
    uint32_t x = 12345;
    for (int k = 0; k < 200000; k++) {
        x = x * 1103515245u + 12345u;
        unsigned what = (x >> 16) % 8;
        uint8_t v = (uint8_t)(x >> 8);
        if (what < 3)
            out8(ports[(x >> 24) % 6], v);
        else if (what == 3)
            (void)in8(ports[(x >> 24) % 6]);
        else if (what < 7)
            irq((x >> 24) % 18, v & 1);
        else if (intr)
            (void)i8259_acknowledge(&pic);
        ck_assert(intr == pic.intr_level);
    }
}
END_TEST

static Suite *pic_suite(void)
{
    Suite *s = suite_create("i8259");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_attach_refuses_taken_ports);
    tcase_add_test(tc, test_single_request);
    tcase_add_test(tc, test_fully_nested_priorities);
    tcase_add_test(tc, test_same_level_waits_for_eoi);
    tcase_add_test(tc, test_mask);
    tcase_add_test(tc, test_cascade);
    tcase_add_test(tc, test_slave_priorities);
    tcase_add_test(tc, test_rotate_on_nonspecific_eoi);
    tcase_add_test(tc, test_set_priority_and_specific_rotate);
    tcase_add_test(tc, test_auto_eoi);
    tcase_add_test(tc, test_special_mask_mode);
    tcase_add_test(tc, test_poll);
    tcase_add_test(tc, test_level_and_edge);
    tcase_add_test(tc, test_elcr_fixed_bits);
    tcase_add_test(tc, test_switch_to_level_takes_the_wire);
    tcase_add_test(tc, test_spurious);
    tcase_add_test(tc, test_special_fully_nested);
    tcase_add_test(tc, test_icw1_clears_state);
    tcase_add_test(tc, test_vector_base_and_single_mode);
    tcase_add_test(tc, test_slave_id_mismatch);
    tcase_add_test(tc, test_out_of_range_inputs);
    tcase_add_test(tc, test_random_programming);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(pic_suite(), CK_ENV);
}
