/*
 * sched.c - the event scheduler (what it promises is in sched.h).
 *
 * A sorted singly linked list: a PC has a dozen timers at most, and most
 * arming happens at the front, so a list beats a heap here and stays easy
 * to read.
 */
#include "devices/sched.h"

#include <stddef.h>

void sched_init(struct sched *s)
{
    s->head = NULL;
    s->seq = 0;
    s->clock = NULL;
    s->clock_opaque = NULL;
    s->manual_now = 0;
}

void sched_set_clock(struct sched *s, uint64_t (*clock)(void *opaque), void *opaque)
{
    s->clock = clock;
    s->clock_opaque = opaque;
}

void sched_set_manual_time(struct sched *s, uint64_t now_ns)
{
    if (now_ns > s->manual_now)
        s->manual_now = now_ns;
}

uint64_t sched_now(const struct sched *s)
{
    return s->clock ? s->clock(s->clock_opaque) : s->manual_now;
}

void sched_event_init(struct sched_event *e, const char *name,
                      void (*fire)(void *opaque), void *opaque)
{
    e->when = SCHED_NEVER;
    e->seq = 0;
    e->fire = fire;
    e->opaque = opaque;
    e->name = name;
    e->next = NULL;
    e->armed = false;
}

void sched_cancel(struct sched *s, struct sched_event *e)
{
    if (!e->armed)
        return;
    for (struct sched_event **p = &s->head; *p != NULL; p = &(*p)->next) {
        if (*p == e) {
            *p = e->next;
            break;
        }
    }
    e->next = NULL;
    e->armed = false;
}

void sched_arm_at(struct sched *s, struct sched_event *e, uint64_t when_ns)
{
    sched_cancel(s, e);
    e->when = when_ns;
    e->seq = s->seq++;
    struct sched_event **p = &s->head;
    while (*p != NULL && (*p)->when <= when_ns)
        p = &(*p)->next;
    e->next = *p;
    *p = e;
    e->armed = true;
}

void sched_arm_in(struct sched *s, struct sched_event *e, uint64_t delta_ns)
{
    uint64_t now = sched_now(s);
    uint64_t when = delta_ns > SCHED_NEVER - now ? SCHED_NEVER - 1 : now + delta_ns;
    sched_arm_at(s, e, when);
}

uint64_t sched_next_deadline(const struct sched *s)
{
    return s->head ? s->head->when : SCHED_NEVER;
}

unsigned sched_run_due(struct sched *s)
{
    unsigned fired = 0;
    uint64_t now = sched_now(s);
    while (s->head != NULL && s->head->when <= now) {
        struct sched_event *e = s->head;
        s->head = e->next;
        e->next = NULL;
        e->armed = false;
        e->fire(e->opaque);
        fired++;
    }
    return fired;
}

/* Steps the manual clock through each deadline on the way, so an event
 * sees sched_now() equal to its own deadline (as it would under a
 * virtual clock that runs the CPU exactly up to the next deadline). */
unsigned sched_advance_to(struct sched *s, uint64_t now_ns)
{
    unsigned fired = 0;
    while (s->head != NULL && s->head->when <= now_ns) {
        sched_set_manual_time(s, s->head->when);
        fired += sched_run_due(s);
    }
    sched_set_manual_time(s, now_ns);
    return fired + sched_run_due(s);
}
