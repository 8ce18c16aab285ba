/*
 * sched.h - the one event scheduler: every timer in the machine (PIT, RTC,
 * UART baud timing, disk delays, APIC timer, VGA retrace) is an event here,
 * in emulated nanoseconds since power-on.
 *
 * Time itself comes from a clock source the board installs
 * (sched_set_clock): in `--clock virtual` it is derived from the CPU's
 * instruction count, so runs are reproducible; in `--clock realtime` it
 * follows the host's monotonic clock.  Devices never read the host clock:
 * they call sched_now() and arm events.
 *
 * Events fire from sched_run_due(), which the board calls between CPU
 * slices (and after a device access that may have made an event due).
 * So an event can fire a little after its deadline, never before, and
 * sched_now() seen from inside a device may be past the deadline of an
 * event that has not fired yet: a device that derives its state from time
 * (a PIT counter, an RTC divider) computes from sched_now(), not from how
 * many times its event fired.
 *
 * Events are caller-owned structs (no allocation), kept in a list sorted
 * by deadline; ties fire in the order they were armed.  Arming an armed
 * event moves it.  An event callback may arm or cancel any event,
 * including itself.
 *
 * Not here: priorities, periodic events (a callback re-arms itself).
 */
#ifndef SOFTPC_DEVICES_SCHED_H
#define SOFTPC_DEVICES_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#define SCHED_NEVER UINT64_MAX
#define SCHED_NS_PER_US UINT64_C(1000)
#define SCHED_NS_PER_MS UINT64_C(1000000)
#define SCHED_NS_PER_SEC UINT64_C(1000000000)

struct sched_event {
    uint64_t when;                 /* deadline, emulated ns */
    uint64_t seq;                  /* arming order, for ties */
    void (*fire)(void *opaque);
    void *opaque;
    const char *name;              /* for the monitor and for debugging */
    struct sched_event *next;
    bool armed;
};

struct sched {
    struct sched_event *head;      /* armed events, earliest first */
    uint64_t seq;
    uint64_t (*clock)(void *opaque);  /* NULL: the manual clock below */
    void *clock_opaque;
    uint64_t manual_now;           /* time when no clock is installed */
};

void sched_init(struct sched *s);
/* Installs the time source; NULL returns to the manual clock. */
void sched_set_clock(struct sched *s, uint64_t (*clock)(void *opaque), void *opaque);
/* With the manual clock (unit tests): set the time.  Never goes back. */
void sched_set_manual_time(struct sched *s, uint64_t now_ns);

uint64_t sched_now(const struct sched *s);

void sched_event_init(struct sched_event *e, const char *name,
                      void (*fire)(void *opaque), void *opaque);
void sched_arm_at(struct sched *s, struct sched_event *e, uint64_t when_ns);
void sched_arm_in(struct sched *s, struct sched_event *e, uint64_t delta_ns);
void sched_cancel(struct sched *s, struct sched_event *e);
static inline bool sched_armed(const struct sched_event *e) { return e->armed; }

/* The earliest deadline, or SCHED_NEVER. */
uint64_t sched_next_deadline(const struct sched *s);
/* Fires, in deadline order, every event due at sched_now(); returns how
 * many fired.  An event a callback arms for a time already due fires in
 * the same call. */
unsigned sched_run_due(struct sched *s);

/* Unit tests: move the manual clock forward to `now_ns`, stopping at each
 * deadline on the way to fire its event with sched_now() == deadline. */
unsigned sched_advance_to(struct sched *s, uint64_t now_ns);

#endif
