/*
 * host_x86.c - running a row of host_ops.def on the host CPU.
 *
 * Each row becomes one function whose inline assembly loads the flags,
 * emits the row's bytes with .byte (the very bytes softpc runs) and saves
 * the flags again, with EAX EBX ECX EDX pinned to the struct's fields.
 * On x86-64 the stack pointer first steps over the 128-byte red zone, where
 * the compiler may keep locals that PUSH would overwrite.  Only the
 * arithmetic flags are loaded (never TF or DF).
 *
 * On other hosts this file provides host_is_x86 = false and nothing runs.
 */
#include "tests/host/host_compare.h"

#include <stddef.h>

#if defined(__x86_64__) || defined(__i386__)

#if defined(__x86_64__)
#define RED_ZONE_SKIP "lea -128(%%rsp), %%rsp\n\t"
#define RED_ZONE_BACK "lea 128(%%rsp), %%rsp\n\t"
#else
#define RED_ZONE_SKIP ""
#define RED_ZONE_BACK ""
#endif

#define ARITH_FLAGS 0x8D5u

#define HOP(name, kind, size, ...)                                                  \
    static void host_##name(struct hregs *r)                                       \
    {                                                                              \
        uintptr_t f = (r->flags & ARITH_FLAGS) | 0x202u;                           \
        __asm__ volatile(RED_ZONE_SKIP "push %[f]\n\t"                             \
                         "popf\n\t"                                                \
                         ".byte " #__VA_ARGS__ "\n\t"                              \
                         "pushf\n\t"                                               \
                         "pop %[f]\n\t" RED_ZONE_BACK                              \
                         : "+a"(r->eax), "+b"(r->ebx), "+c"(r->ecx), "+d"(r->edx), \
                           [f] "+r"(f)                                             \
                         :                                                         \
                         : "cc", "memory");                                        \
        r->flags = (uint32_t)f & ARITH_FLAGS;                                      \
    }
#include "tests/host/host_ops.def"
#undef HOP

typedef void (*host_fn)(struct hregs *r);

static const host_fn host_fns[] = {
#define HOP(name, kind, size, ...) host_##name,
#include "tests/host/host_ops.def"
#undef HOP
};

const bool host_is_x86 = true;

void host_run(unsigned k, struct hregs *r)
{
    if (k < sizeof host_fns / sizeof host_fns[0])
        host_fns[k](r);
}

#else

const bool host_is_x86 = false;

void host_run(unsigned k, struct hregs *r)
{
    (void)k;
    (void)r;
}

#endif
