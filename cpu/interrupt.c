/*
 * interrupt.c - real-mode interrupt and exception entry (see interrupt.h).
 *
 * Intel SDM Vol. 3, 20.1.4 "Interrupt and Exception Handling" (real-address
 * mode).  The IVT entry is read before anything is pushed, and the three
 * pushes are done on a local SP that is committed last, so a fault part-way
 * leaves the state as it was.
 */
#include "cpu/interrupt.h"

#include "cpu/cpu.h"
#include "cpu/fault.h"
#include "cpu/stack.h"

void cpu_jump_far_real(struct cpu *c, uint16_t selector, uint32_t eip)
{
    cpu_load_seg_real(c, SEG_CS, selector);
    c->eip = eip;
}

void cpu_interrupt(struct cpu *c, uint8_t vector, uint32_t return_eip)
{
    uint32_t entry = (uint32_t)vector * 4;
    if (entry + 3 > c->idtr.limit)
        cpu_raise(c, EXC_GP, entry + 2);
    uint32_t ivt = c->idtr.base + entry;
    /* The IVT is read as physical memory, not through a segment. */
    uint16_t new_ip = mem_read16_linear(c, ivt);
    uint16_t new_cs = mem_read16_linear(c, ivt + 2);

    uint32_t sp = stack_sp(c);
    stack_write(c, &sp, 2, (uint16_t)cpu_get_eflags(c));
    stack_write(c, &sp, 2, c->seg[SEG_CS].selector);
    stack_write(c, &sp, 2, (uint16_t)return_eip);
    stack_set_sp(c, sp);

    cpu_set_eflags(c, 0, FLAG_IF | FLAG_TF | FLAG_AC | FLAG_RF);
    cpu_jump_far_real(c, new_cs, new_ip);
}
