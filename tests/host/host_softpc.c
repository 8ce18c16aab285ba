/*
 * host_softpc.c - running one instruction in softpc for the host
 * comparison, the way a unit test drives the CPU: a bare machine with
 * 1 MiB of RAM, real mode, CS.D set directly for 32-bit code (this is a
 * test harness, not a mode switch).
 *
 * The instruction is placed at 0000:1000 (32-bit code) or 0000:2000
 * (16-bit code, where the operand-size prefix is toggled: removed from a
 * 16-bit form, added to a 32-bit one; it changes nothing for byte forms),
 * followed by HLT.  Every interrupt vector points to its own HLT at
 * 0000:0600 + vector, so an exception shows as the EIP it stops at.  The
 * bytes stay in RAM between calls, so the decoded block is reused until
 * the instruction changes (which the SMC path notices).
 */
#include "tests/host/host_compare.h"

#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "cpu/flags.h"
#include "cpu/regs.h"
#include "mem/phys.h"
#include "mem/ports.h"

#define RAM_SIZE (1u << 20)
#define CODE32_AT 0x1000u
#define CODE16_AT 0x2000u
#define TRAP_AT 0x0600u
#define STACK_TOP 0x8000u

struct sp_machine {
    struct phys_space *ps;
    struct port_bus *pb;
    struct cpu *c;
    uint8_t loaded[2][16];  /* what is at CODE32_AT / CODE16_AT now */
    unsigned loaded_len[2];
    uint32_t hlt_at[2];     /* where the HLT after it is */
};

struct sp_machine *sp_create(void)
{
    struct sp_machine *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->ps = phys_create();
    m->pb = ports_create();
    if (!m->ps || !m->pb || !phys_add_ram(m->ps, "ram", 0, RAM_SIZE, 0))
        goto fail;
    m->c = cpu_create(m->ps, m->pb);
    if (!m->c)
        goto fail;
    cpu_reset(m->c);
    for (uint32_t v = 0; v < 256; v++) {
        phys_write16(m->ps, v * 4, (uint16_t)(TRAP_AT + v));
        phys_write16(m->ps, v * 4 + 2, 0);
        phys_write8(m->ps, TRAP_AT + v, 0xF4);
    }
    return m;
fail:
    sp_destroy(m);
    return NULL;
}

void sp_destroy(struct sp_machine *m)
{
    if (!m)
        return;
    if (m->c)
        cpu_destroy(m->c);
    if (m->pb)
        ports_destroy(m->pb);
    if (m->ps)
        phys_destroy(m->ps);
    free(m);
}

/* Puts bytes + HLT at the mode's address unless they are there already;
 * returns that address. */
static uint32_t place(struct sp_machine *m, const uint8_t *bytes, unsigned len, bool code32)
{
    uint8_t buf[16];
    unsigned n = 0, at = code32 ? 0 : 1;
    if (code32) {
        memcpy(buf, bytes, len);
        n = len;
    } else if (len > 0 && bytes[0] == 0x66) {
        memcpy(buf, bytes + 1, len - 1);
        n = len - 1;
    } else {
        buf[0] = 0x66;
        memcpy(buf + 1, bytes, len);
        n = len + 1;
    }
    buf[n++] = 0xF4;
    uint32_t addr = code32 ? CODE32_AT : CODE16_AT;
    if (m->loaded_len[at] != n || memcmp(m->loaded[at], buf, n) != 0) {
        phys_write_block(m->ps, addr, buf, n);
        memcpy(m->loaded[at], buf, n);
        m->loaded_len[at] = n;
    }
    m->hlt_at[at] = addr + n - 1;
    return addr;
}

int sp_run(struct sp_machine *m, const uint8_t *bytes, unsigned len, bool code32,
           struct hregs *r)
{
    struct cpu *c = m->c;
    if (len > 14)
        return -2;
    uint32_t start = place(m, bytes, len, code32);
    cpu_load_seg_real(c, SEG_CS, 0);
    if (code32)
        c->seg[SEG_CS].access |= SEG_ACCESS_DB;
    else
        c->seg[SEG_CS].access &= (uint16_t)~SEG_ACCESS_DB;
    cpu_load_seg_real(c, SEG_SS, 0);
    c->eip = start;
    c->halted = false;
    c->gpr[REG_AX] = r->eax;
    c->gpr[REG_BX] = r->ebx;
    c->gpr[REG_CX] = r->ecx;
    c->gpr[REG_DX] = r->edx;
    c->gpr[REG_SP] = STACK_TOP;
    cpu_set_eflags(c, r->flags, FLAGS_ARITH);
    enum cpu_stop stop = cpu_run(c, 8);
    r->eax = reg32(c, REG_AX);
    r->ebx = reg32(c, REG_BX);
    r->ecx = reg32(c, REG_CX);
    r->edx = reg32(c, REG_DX);
    r->flags = cpu_get_eflags(c) & FLAGS_ARITH;
    if (stop != CPU_STOP_HALT)
        return -3;
    uint32_t stopped = c->eip - 1; /* EIP is past the HLT */
    if (stopped == m->hlt_at[code32 ? 0 : 1])
        return -1;
    if (stopped >= TRAP_AT && stopped < TRAP_AT + 256)
        return (int)(stopped - TRAP_AT);
    return -3;
}
