/*
 * test_uart.c - Check unit tests for the NS16550A UART
 * (devices/ns16550_uart.c), through its ports on a real port bus.
 *
 * Expected values come from the PC16550D datasheet: reset values (LSR
 * 60h, IIR 01h), IIR codes and their priority order (RLS 6, RDA 4,
 * timeout C, THRE 2, MSR 0; bits 7-6 set with FIFOs), FIFO trigger levels
 * 1/4/8/14, the timeout at 4 character times, THRE cleared by an IIR read
 * that reports it or by a THR write, loopback wiring (RTS->CTS, DTR->DSR,
 * OUT1->RI, OUT2->DCD), overrun behaviour with and without FIFOs; and the
 * PC's OUT2 gate on the IRQ line.
 */
#include "devices/ns16550_uart.h"

#include <check.h>
#include <stdlib.h>

#include "mem/ports.h"
#include "tests/unit/check_main.h"

#define BASE UART_COM1_BASE
#define US SCHED_NS_PER_US

struct irq_probe {
    bool level;
    unsigned rises;
};

static void probe_set(void *opaque, unsigned pin, bool level)
{
    (void)pin;
    struct irq_probe *p = opaque;
    if (level && !p->level)
        p->rises++;
    p->level = level;
}

struct sink {
    uint8_t bytes[64];
    unsigned count;
};

static void sink_write(void *opaque, uint8_t byte)
{
    struct sink *k = opaque;
    if (k->count < sizeof k->bytes)
        k->bytes[k->count] = byte;
    k->count++;
}

static struct sched s;
static struct port_bus *pb;
static struct ns16550_uart uart;
static struct irq_probe probe;
static struct sink sink;

static void setup(void)
{
    sched_init(&s);
    pb = ports_create();
    ck_assert_ptr_nonnull(pb);
    probe = (struct irq_probe){ 0 };
    sink = (struct sink){ { 0 }, 0 };
    uart_init(&uart, "com1", &s, irq_line_make(probe_set, &probe, 4),
              (struct uart_backend){ sink_write, &sink });
    ck_assert(uart_attach(&uart, pb, BASE));
}

static void teardown(void)
{
    ports_destroy(pb);
}

static uint8_t in(unsigned reg)
{
    return (uint8_t)ports_read(pb, (uint16_t)(BASE + reg), 1);
}

static void out(unsigned reg, uint8_t value)
{
    ports_write(pb, (uint16_t)(BASE + reg), 1, value);
}

static void advance(uint64_t ns)
{
    sched_advance_to(&s, sched_now(&s) + ns);
}

/* ---- registers -------------------------------------------------------------- */

START_TEST(test_reset_values)
{
    ck_assert_uint_eq(in(UART_IER), 0x00);
    ck_assert_uint_eq(in(UART_IIR), 0x01);
    ck_assert_uint_eq(in(UART_LCR), 0x00);
    ck_assert_uint_eq(in(UART_MCR), 0x00);
    ck_assert_uint_eq(in(UART_LSR), 0x60);
    ck_assert_uint_eq(in(UART_MSR), 0xB0); /* CTS, DSR, DCD; no deltas */
    ck_assert(!probe.level);
}
END_TEST

START_TEST(test_divisor_latch)
{
    out(UART_LCR, 0x83); /* DLAB, 8N1 */
    out(UART_DLL, 0x01);
    out(UART_DLM, 0x02);
    ck_assert_uint_eq(in(UART_DLL), 0x01);
    ck_assert_uint_eq(in(UART_DLM), 0x02);
    ck_assert_uint_eq(uart.divisor, 0x0201);
    ck_assert_uint_eq(sink.count, 0); /* the DLL write transmitted nothing */
    out(UART_LCR, 0x03);
    ck_assert_uint_eq(in(UART_IER), 0x00); /* IER did not see the DLM write */
    out(UART_IER, 0xFF);
    ck_assert_uint_eq(in(UART_IER), 0x0F); /* bits 7-4 are always 0 */
    out(UART_LCR, 0x83);
    ck_assert_uint_eq(in(UART_DLM), 0x02);
    ck_assert_uint_eq(in(UART_LCR), 0x83);
}
END_TEST

START_TEST(test_scratch_register)
{
    out(UART_SCR, 0x5A);
    ck_assert_uint_eq(in(UART_SCR), 0x5A);
    out(UART_SCR, 0xA5);
    ck_assert_uint_eq(in(UART_SCR), 0xA5);
}
END_TEST

START_TEST(test_transmit_goes_to_backend_at_once)
{
    out(UART_THR, 'h');
    out(UART_THR, 'i');
    ck_assert_uint_eq(sink.count, 2);
    ck_assert_uint_eq(sink.bytes[0], 'h');
    ck_assert_uint_eq(sink.bytes[1], 'i');
    ck_assert_uint_eq(in(UART_LSR) & 0x60, 0x60); /* THRE and TEMT */
}
END_TEST

START_TEST(test_reset_pin)
{
    out(UART_LCR, 0x83);
    out(UART_DLL, 0x03);
    out(UART_LCR, 0x03);
    out(UART_IER, 0x0F);
    out(UART_MCR, 0x0B);
    out(UART_FCR, 0xC7);
    out(UART_SCR, 0x42);
    uart_receive(&uart, 'x');
    ck_assert(probe.level);
    uart_reset(&uart);
    ck_assert(!probe.level);
    ck_assert_uint_eq(in(UART_IER), 0);
    ck_assert_uint_eq(in(UART_IIR), 0x01);
    ck_assert_uint_eq(in(UART_LCR), 0);
    ck_assert_uint_eq(in(UART_MCR), 0);
    ck_assert_uint_eq(in(UART_LSR), 0x60);
    ck_assert_uint_eq(in(UART_SCR), 0x42);
    ck_assert_uint_eq(uart.divisor, 3);
}
END_TEST

/* ---- FIFOs and receive interrupts ------------------------------------------- */

START_TEST(test_fifo_trigger_levels)
{
    static const uint8_t fcr_bits[4] = { 0x00, 0x40, 0x80, 0xC0 };
    static const unsigned level[4] = { 1, 4, 8, 14 };
    out(UART_IER, UART_IER_RDA);
    out(UART_MCR, UART_MCR_OUT2);
    for (unsigned t = 0; t < 4; t++) {
        out(UART_FCR, (uint8_t)(fcr_bits[t] | UART_FCR_ENABLE | UART_FCR_RX_RESET));
        for (unsigned n = 1; n < level[t]; n++) {
            uart_receive(&uart, (uint8_t)n);
            ck_assert_uint_eq(in(UART_IIR), 0xC1);
            ck_assert(!probe.level);
        }
        ck_assert_uint_eq(in(UART_LSR) & UART_LSR_DR, level[t] > 1 ? UART_LSR_DR : 0);
        uart_receive(&uart, 0xEE);
        ck_assert_uint_eq(in(UART_IIR), 0xC4);
        ck_assert(probe.level);
        /* One byte out: below the trigger, the RDA interrupt goes away. */
        ck_assert_uint_eq(in(UART_RBR), level[t] > 1 ? 1 : 0xEE);
        ck_assert_uint_eq(in(UART_IIR), 0xC1);
        ck_assert(!probe.level);
    }
}
END_TEST

START_TEST(test_fifo_keeps_order_and_capacity)
{
    out(UART_FCR, UART_FCR_ENABLE);
    for (unsigned i = 0; i < 16; i++) {
        ck_assert(uart_can_receive(&uart));
        uart_receive(&uart, (uint8_t)(0x30 + i));
    }
    ck_assert(!uart_can_receive(&uart));
    for (unsigned i = 0; i < 16; i++)
        ck_assert_uint_eq(in(UART_RBR), 0x30 + i);
    ck_assert_uint_eq(in(UART_LSR) & UART_LSR_DR, 0);
    ck_assert(uart_can_receive(&uart));
}
END_TEST

START_TEST(test_fifo_reset_and_disable_clear_rx)
{
    out(UART_FCR, UART_FCR_ENABLE);
    uart_receive(&uart, 1);
    uart_receive(&uart, 2);
    out(UART_FCR, UART_FCR_ENABLE | UART_FCR_RX_RESET);
    ck_assert_uint_eq(in(UART_LSR) & UART_LSR_DR, 0);
    uart_receive(&uart, 3);
    out(UART_FCR, 0x00); /* leaving FIFO mode empties the FIFO */
    ck_assert_uint_eq(in(UART_LSR) & UART_LSR_DR, 0);
    ck_assert_uint_eq(in(UART_IIR) & 0xC0, 0);
    /* An RX reset written without bit 0 is not programmed. */
    uart_receive(&uart, 4);
    out(UART_FCR, UART_FCR_RX_RESET);
    ck_assert_uint_eq(in(UART_LSR) & UART_LSR_DR, UART_LSR_DR);
}
END_TEST

START_TEST(test_non_fifo_mode)
{
    out(UART_IER, UART_IER_RDA);
    out(UART_MCR, UART_MCR_OUT2);
    ck_assert(uart_can_receive(&uart));
    uart_receive(&uart, 'a');
    ck_assert(!uart_can_receive(&uart));
    ck_assert_uint_eq(in(UART_IIR), 0x04); /* no FIFO bits */
    ck_assert(probe.level);
    ck_assert_uint_eq(in(UART_RBR), 'a');
    ck_assert_uint_eq(in(UART_IIR), 0x01);
    ck_assert(!probe.level);
    /* No character timeout without FIFOs. */
    uart_receive(&uart, 'b');
    advance(100 * SCHED_NS_PER_MS);
    ck_assert_uint_eq(in(UART_IIR), 0x04);
}
END_TEST

START_TEST(test_character_timeout)
{
    out(UART_LCR, 0x83);
    out(UART_DLL, 1); /* 115200 baud */
    out(UART_DLM, 0);
    out(UART_LCR, 0x03); /* 8N1: 10 bits = 86.8 us, 4 characters = 347.2 us */
    out(UART_FCR, 0xC1); /* trigger 14 */
    out(UART_IER, UART_IER_RDA);
    out(UART_MCR, UART_MCR_OUT2);
    uart_receive(&uart, 'a');
    advance(100 * US);
    uart_receive(&uart, 'b'); /* restarts the timer */
    uart_receive(&uart, 'c');
    advance(347 * US);
    ck_assert_uint_eq(in(UART_IIR), 0xC1);
    ck_assert(!probe.level);
    advance(1 * US);
    ck_assert_uint_eq(in(UART_IIR), 0xCC);
    ck_assert(probe.level);
    /* Reading a byte clears it and restarts the timer. */
    ck_assert_uint_eq(in(UART_RBR), 'a');
    ck_assert_uint_eq(in(UART_IIR), 0xC1);
    ck_assert(!probe.level);
    advance(347 * US);
    ck_assert_uint_eq(in(UART_IIR), 0xC1);
    advance(1 * US);
    ck_assert_uint_eq(in(UART_IIR), 0xCC);
    in(UART_RBR);
    in(UART_RBR);
    /* FIFO empty: no more timeouts. */
    advance(10 * SCHED_NS_PER_MS);
    ck_assert_uint_eq(in(UART_IIR), 0xC1);
    ck_assert(!sched_armed(&uart.timeout_event));
}
END_TEST

START_TEST(test_timeout_follows_baud_and_frame)
{
    /* 9600 baud (divisor 12), 7E2: 1 + 7 + 1 + 2 = 11 bits = 1145.8 us;
     * 4 characters = 4583.3 us. */
    out(UART_LCR, 0x80 | 0x02 | 0x04 | 0x08 | 0x10);
    out(UART_DLL, 12);
    out(UART_DLM, 0);
    out(UART_LCR, 0x1E);
    out(UART_FCR, 0xC1);
    out(UART_IER, UART_IER_RDA);
    uart_receive(&uart, 'z');
    advance(4583 * US);
    ck_assert_uint_eq(in(UART_IIR), 0xC1);
    advance(1 * US);
    ck_assert_uint_eq(in(UART_IIR), 0xCC);
}
END_TEST

/* ---- priorities and THRE ------------------------------------------------------- */

START_TEST(test_iir_priorities)
{
    out(UART_FCR, UART_FCR_ENABLE); /* trigger 1 */
    out(UART_MCR, UART_MCR_OUT2);
    for (unsigned i = 0; i < 17; i++) /* 17th overruns */
        uart_receive(&uart, (uint8_t)i);
    uart_set_modem_inputs(&uart, UART_MSR_DSR | UART_MSR_DCD); /* CTS drops */
    out(UART_IER, 0x0F); /* everything at once, THR empty */
    ck_assert(probe.level);
    ck_assert_uint_eq(in(UART_IIR), 0xC6);                 /* 1: line status */
    ck_assert_uint_eq(in(UART_LSR) & (UART_LSR_OE | UART_LSR_DR), UART_LSR_OE | UART_LSR_DR);
    ck_assert_uint_eq(in(UART_IIR), 0xC4);                 /* 2: data */
    for (unsigned i = 0; i < 16; i++)
        ck_assert_uint_eq(in(UART_RBR), i);
    ck_assert_uint_eq(in(UART_IIR), 0xC2);                 /* 3: THR empty */
    ck_assert_uint_eq(in(UART_IIR), 0xC0);                 /* 4: modem status */
    ck_assert_uint_eq(in(UART_MSR), UART_MSR_DSR | UART_MSR_DCD | UART_MSR_DCTS);
    ck_assert_uint_eq(in(UART_IIR), 0xC1);
    ck_assert(!probe.level);
}
END_TEST

START_TEST(test_thre_interrupt)
{
    out(UART_MCR, UART_MCR_OUT2);
    ck_assert_uint_eq(in(UART_IIR), 0x01);
    /* Enabling it with THR empty interrupts at once. */
    out(UART_IER, UART_IER_THRE);
    ck_assert(probe.level);
    ck_assert_uint_eq(in(UART_IIR), 0x02);
    /* The IIR read that reported it cleared it. */
    ck_assert(!probe.level);
    ck_assert_uint_eq(in(UART_IIR), 0x01);
    /* A THR write clears it; the byte leaves at once, THR is empty again. */
    out(UART_THR, 'x');
    ck_assert(probe.level);
    ck_assert_uint_eq(probe.rises, 2);
    /* Writes while it is pending do not toggle the line (no edge per byte). */
    out(UART_THR, 'y');
    out(UART_THR, 'z');
    ck_assert(probe.level);
    ck_assert_uint_eq(probe.rises, 2);
    ck_assert_uint_eq(sink.count, 3);
    ck_assert_uint_eq(in(UART_IIR), 0x02);
    ck_assert(!probe.level);
    /* An IIR read that reports something else leaves THRE pending. */
    out(UART_IER, UART_IER_THRE | UART_IER_RDA);
    uart_receive(&uart, 'r');
    ck_assert_uint_eq(in(UART_IIR), 0x04);
    ck_assert_uint_eq(in(UART_RBR), 'r');
    ck_assert_uint_eq(in(UART_IIR), 0x02);
    ck_assert_uint_eq(in(UART_IIR), 0x01);
    /* Masked, it does not interrupt. */
    out(UART_IER, 0);
    out(UART_THR, 'w');
    ck_assert_uint_eq(in(UART_IIR), 0x01);
    ck_assert(!probe.level);
}
END_TEST

START_TEST(test_msr_interrupt_from_inputs)
{
    out(UART_IER, UART_IER_MSI);
    out(UART_MCR, UART_MCR_OUT2);
    ck_assert_uint_eq(in(UART_IIR), 0x01);
    uart_set_modem_inputs(&uart, UART_MSR_CTS | UART_MSR_DSR | UART_MSR_DCD | UART_MSR_RI);
    /* RI rising is not a trailing edge: no TERI, no interrupt. */
    ck_assert_uint_eq(in(UART_IIR), 0x01);
    uart_set_modem_inputs(&uart, UART_MSR_CTS | UART_MSR_DSR | UART_MSR_DCD);
    ck_assert(probe.level);
    ck_assert_uint_eq(in(UART_IIR), 0x00);
    ck_assert_uint_eq(in(UART_MSR), 0xB0 | UART_MSR_TERI);
    ck_assert_uint_eq(in(UART_MSR), 0xB0);
    ck_assert(!probe.level);
    uart_set_modem_inputs(&uart, 0);
    ck_assert_uint_eq(in(UART_MSR), UART_MSR_DCTS | UART_MSR_DDSR | UART_MSR_DDCD);
}
END_TEST

/* ---- line errors ----------------------------------------------------------------- */

START_TEST(test_overrun_fifo)
{
    out(UART_FCR, UART_FCR_ENABLE);
    out(UART_IER, UART_IER_RLS);
    out(UART_MCR, UART_MCR_OUT2);
    for (unsigned i = 0; i < 16; i++)
        uart_receive(&uart, (uint8_t)i);
    ck_assert(!probe.level);
    uart_receive(&uart, 0x99);
    ck_assert(probe.level);
    ck_assert_uint_eq(in(UART_IIR), 0xC6);
    ck_assert_uint_eq(in(UART_LSR), 0x60 | UART_LSR_OE | UART_LSR_DR);
    ck_assert_uint_eq(in(UART_LSR), 0x60 | UART_LSR_DR); /* OE cleared by the read */
    ck_assert(!probe.level);
    /* The FIFO kept its 16 bytes; the 17th was lost. */
    for (unsigned i = 0; i < 16; i++)
        ck_assert_uint_eq(in(UART_RBR), i);
    ck_assert_uint_eq(in(UART_LSR), 0x60);
}
END_TEST

START_TEST(test_overrun_non_fifo)
{
    uart_receive(&uart, 'a');
    uart_receive(&uart, 'b'); /* overwrites the unread RBR */
    ck_assert_uint_eq(in(UART_LSR), 0x60 | UART_LSR_OE | UART_LSR_DR);
    ck_assert_uint_eq(in(UART_RBR), 'b');
    ck_assert_uint_eq(in(UART_LSR), 0x60);
}
END_TEST

/* ---- loopback and OUT2 ------------------------------------------------------------- */

START_TEST(test_loopback_data)
{
    out(UART_MCR, UART_MCR_LOOP);
    out(UART_THR, 0x42);
    ck_assert_uint_eq(sink.count, 0); /* nothing reaches the line */
    ck_assert_uint_eq(in(UART_LSR), 0x60 | UART_LSR_DR);
    ck_assert_uint_eq(in(UART_RBR), 0x42);
    /* The serial input is disconnected. */
    ck_assert(!uart_can_receive(&uart));
    uart_receive(&uart, 0x11);
    ck_assert_uint_eq(in(UART_LSR) & UART_LSR_DR, 0);
    out(UART_MCR, 0);
    ck_assert(uart_can_receive(&uart));
    out(UART_THR, 0x43);
    ck_assert_uint_eq(sink.count, 1);
}
END_TEST

START_TEST(test_loopback_modem_lines)
{
    /* Linux's probe: LOOP | RTS | OUT2 must read back CTS | DCD. */
    out(UART_MCR, UART_MCR_LOOP | UART_MCR_RTS | UART_MCR_OUT2);
    ck_assert_uint_eq(in(UART_MSR) & 0xF0, UART_MSR_CTS | UART_MSR_DCD);
    out(UART_MCR, UART_MCR_LOOP | UART_MCR_DTR | UART_MCR_OUT1);
    ck_assert_uint_eq(in(UART_MSR),
                      UART_MSR_DSR | UART_MSR_RI | UART_MSR_DCTS | UART_MSR_DDSR | UART_MSR_DDCD);
    out(UART_MCR, UART_MCR_LOOP | UART_MCR_DTR);
    ck_assert_uint_eq(in(UART_MSR), UART_MSR_DSR | UART_MSR_TERI);
    /* External inputs do not show in loopback. */
    uart_set_modem_inputs(&uart, 0);
    ck_assert_uint_eq(in(UART_MSR), UART_MSR_DSR);
}
END_TEST

START_TEST(test_loopback_gates_irq_off)
{
    out(UART_IER, UART_IER_RDA);
    out(UART_MCR, UART_MCR_LOOP | UART_MCR_OUT2);
    out(UART_THR, 'q');
    ck_assert_uint_eq(in(UART_IIR), 0x04); /* the interrupt is pending ... */
    ck_assert(!probe.level);               /* ... but the PC's IRQ driver is off */
}
END_TEST

START_TEST(test_out2_gates_irq)
{
    out(UART_IER, UART_IER_RDA);
    uart_receive(&uart, 'a');
    ck_assert_uint_eq(in(UART_IIR), 0x04);
    ck_assert(!probe.level);
    out(UART_MCR, UART_MCR_OUT2);
    ck_assert(probe.level);
    out(UART_MCR, UART_MCR_DTR | UART_MCR_RTS);
    ck_assert(!probe.level);
    out(UART_MCR, UART_MCR_OUT2 | UART_MCR_DTR | UART_MCR_RTS);
    ck_assert(probe.level);
    in(UART_RBR);
    ck_assert(!probe.level);
}
END_TEST

START_TEST(test_attach_refuses_taken_ports)
{
    struct ns16550_uart u2;
    uart_init(&u2, "com1b", &s, irq_line_make(NULL, NULL, 0), (struct uart_backend){ NULL, NULL });
    ck_assert(!uart_attach(&u2, pb, BASE + 4));
    ck_assert(uart_attach(&u2, pb, UART_COM2_BASE));
    out(UART_SCR, 1);
    ports_write(pb, UART_COM2_BASE + UART_SCR, 1, 2);
    ck_assert_uint_eq(in(UART_SCR), 1);
    ck_assert_uint_eq(ports_read(pb, UART_COM2_BASE + UART_SCR, 1), 2);
    /* No backend: transmit is dropped quietly. */
    ports_write(pb, UART_COM2_BASE, 1, 'x');
    ck_assert_uint_eq(sink.count, 0);
}
END_TEST

START_TEST(test_guest_writes_anything)
{
    srand(4321);
    for (unsigned i = 0; i < 50000; i++) {
        unsigned r = (unsigned)rand();
        if (r & 1)
            out(r >> 1 & 7, (uint8_t)(r >> 4));
        else
            in(r >> 1 & 7);
        if ((r & 0x70) == 0)
            uart_receive(&uart, (uint8_t)(r >> 8));
        if ((r & 0x3F0) == 0)
            advance((uint64_t)(r >> 12 & 0xFFFF) * US);
        ck_assert_uint_le(uart.rx_count, UART_FIFO_SIZE);
    }
    uart_reset(&uart);
    ck_assert_uint_eq(in(UART_LSR), 0x60);
}
END_TEST

static Suite *uart_suite(void)
{
    Suite *su = suite_create("ns16550_uart");
    TCase *tc = tcase_create("uart");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_reset_values);
    tcase_add_test(tc, test_divisor_latch);
    tcase_add_test(tc, test_scratch_register);
    tcase_add_test(tc, test_transmit_goes_to_backend_at_once);
    tcase_add_test(tc, test_reset_pin);
    tcase_add_test(tc, test_fifo_trigger_levels);
    tcase_add_test(tc, test_fifo_keeps_order_and_capacity);
    tcase_add_test(tc, test_fifo_reset_and_disable_clear_rx);
    tcase_add_test(tc, test_non_fifo_mode);
    tcase_add_test(tc, test_character_timeout);
    tcase_add_test(tc, test_timeout_follows_baud_and_frame);
    tcase_add_test(tc, test_iir_priorities);
    tcase_add_test(tc, test_thre_interrupt);
    tcase_add_test(tc, test_msr_interrupt_from_inputs);
    tcase_add_test(tc, test_overrun_fifo);
    tcase_add_test(tc, test_overrun_non_fifo);
    tcase_add_test(tc, test_loopback_data);
    tcase_add_test(tc, test_loopback_modem_lines);
    tcase_add_test(tc, test_loopback_gates_irq_off);
    tcase_add_test(tc, test_out2_gates_irq);
    tcase_add_test(tc, test_attach_refuses_taken_ports);
    tcase_add_test(tc, test_guest_writes_anything);
    suite_add_tcase(su, tc);
    return su;
}

int main(void)
{
    return check_run(uart_suite(), CK_NORMAL);
}
