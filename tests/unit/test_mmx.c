/*
 * test_mmx.c - Check tests for the MMX instructions (cpu/fpu/mmx*.c):
 * saturation and wrap-around edge cases worked out by hand from the SDM
 * pages, every "Pq,Qq" operation compared with the host CPU's MMX unit
 * where the host is x86, the x87 aliasing rules (TOP = 0, tags valid,
 * bits 79:64 all ones, EMMS), the shift groups, MOVD/MOVQ, and the
 * exceptions (#UD with CR0.EM or a 66 prefix, #NM with CR0.TS, #MF).
 */
#include <stdio.h>

#include "cpu/fpu/mmx.h"
#include "test_x87_harness.h"
#include "tests/unit/check_main.h"

static void setup(void) { harness_setup(); }
static void teardown(void) { harness_teardown(); }

static uint64_t op(unsigned opcode, uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    ck_assert(mmx_binary(opcode, a, b, &r));
    return r;
}

/* ---- lane arithmetic, by hand ------------------------------------------------ */

START_TEST(test_saturation_edges)
{
    /* PADDSB: 7F+01 -> 7F, 80+FF -> 80, 01+01 -> 02 */
    ck_assert_uint_eq(op(0xEC, 0x000000000001807Full, 0x000000000001FF01ull), 0x000000000002807Full);
    /* PADDUSB: FF+01 -> FF; PSUBUSB: 00-01 -> 00 */
    ck_assert_uint_eq(op(0xDC, 0xFFull, 0x01ull), 0xFFull);
    ck_assert_uint_eq(op(0xD8, 0x00ull, 0x01ull), 0x00ull);
    /* PSUBSW: 8000 - 0001 -> 8000; 7FFF - FFFF -> 7FFF */
    ck_assert_uint_eq(op(0xE9, 0x7FFF8000ull, 0xFFFF0001ull), 0x7FFF8000ull);
    /* PADDUSW: FFFF + 0001 -> FFFF; PSUBUSW: 0001 - 0002 -> 0 */
    ck_assert_uint_eq(op(0xDD, 0xFFFFull, 0x0001ull), 0xFFFFull);
    ck_assert_uint_eq(op(0xD9, 0x0001ull, 0x0002ull), 0x0000ull);
    /* PADDB wraps: FF + 01 -> 00 with no carry into the next byte */
    ck_assert_uint_eq(op(0xFC, 0x00FFull, 0x0001ull), 0x0000ull);
    /* PACKSSWB: 0100 -> 7F, FF00 -> 80, 0005 -> 05, FFFB -> FB */
    ck_assert_uint_eq(op(0x63, 0xFFFB0005FF000100ull, 0), 0x00000000FB05807Full);
    /* PACKUSWB: negative -> 00, 0100 -> FF */
    ck_assert_uint_eq(op(0x67, 0x0000000080000100ull, 0x00000000000000FFull), 0x000000FF000000FFull);
    /* PACKSSDW: 00010000 -> 7FFF, 80000000 -> 8000 */
    ck_assert_uint_eq(op(0x6B, 0x8000000000010000ull, 0x00000000FFFFFFFFull), 0x0000FFFF80007FFFull);
    /* PMADDWD: 8000*8000 + 8000*8000 wraps to 80000000 */
    ck_assert_uint_eq(op(0xF5, 0x80008000ull, 0x80008000ull), 0x80000000ull);
    /* PMULHW: 8000 * 8000 = 40000000 -> 4000; PMULLW -> 0000 */
    ck_assert_uint_eq(op(0xE5, 0x8000ull, 0x8000ull), 0x4000ull);
    ck_assert_uint_eq(op(0xD5, 0x8000ull, 0x8000ull), 0x0000ull);
    /* PMULHW: -1 * 1 = FFFFFFFF -> FFFF */
    ck_assert_uint_eq(op(0xE5, 0xFFFFull, 0x0001ull), 0xFFFFull);
}
END_TEST

START_TEST(test_shift_counts)
{
    /* counts are 64-bit: >= lane width gives 0 (logical) or the sign */
    ck_assert_uint_eq(op(0xF1, 0x8001800180018001ull, 16), 0);
    ck_assert_uint_eq(op(0xF1, 0x0001ull, 15), 0x8000ull);
    ck_assert_uint_eq(op(0xE1, 0x80007FFFull, 16), 0xFFFF0000ull);
    ck_assert_uint_eq(op(0xE1, 0x80007FFFull, 0x100000000ull), 0xFFFF0000ull);
    ck_assert_uint_eq(op(0xE2, 0x8000000000000000ull, 31), 0xFFFFFFFF00000000ull);
    ck_assert_uint_eq(op(0xF3, 0x1ull, 63), 0x8000000000000000ull);
    ck_assert_uint_eq(op(0xF3, 0x1ull, 64), 0);
    ck_assert_uint_eq(op(0xD3, 0x8000000000000000ull, 63), 1);
    ck_assert_uint_eq(op(0xD2, 0xFFFFFFFFFFFFFFFFull, 0xFFFFFFFFFFFFFFFFull), 0);
}
END_TEST

START_TEST(test_unpack_compare_logic)
{
    ck_assert_uint_eq(op(0x60, 0x0000000033221100ull, 0x00000000BBAA9988ull), 0xBB33AA2299118800ull);
    ck_assert_uint_eq(op(0x69, 0x7766554400000000ull, 0xFFEEDDCC00000000ull), 0xFFEE7766DDCC5544ull);
    ck_assert_uint_eq(op(0x6A, 0x1111111122222222ull, 0x3333333344444444ull), 0x3333333311111111ull);
    ck_assert_uint_eq(op(0x64, 0x0000000000007F80ull, 0x000000000000807Full), 0x000000000000FF00ull);
    ck_assert_uint_eq(op(0x76, 0x1234567800000001ull, 0x1234567800000002ull), 0xFFFFFFFF00000000ull);
    ck_assert_uint_eq(op(0xDF, 0xF0F0ull, 0xFFFFull), 0xFFFFFFFFFFFF0F0Full & 0xFFFFull);
    ck_assert(!mmx_binary(0xD4, 1, 2, &(uint64_t){ 0 }));   /* PADDQ is SSE2 */
}
END_TEST

/* ---- against the host --------------------------------------------------------- */

#if defined(__x86_64__) || defined(__i386__)
#define HOST_OP(name)                                                              \
    static uint64_t host_##name(uint64_t a, uint64_t b)                            \
    {                                                                              \
        uint64_t r;                                                                \
        __asm__ volatile("movq %1, %%mm0\n\tmovq %2, %%mm1\n\t" #name " %%mm1, %%mm0\n\t" \
                         "movq %%mm0, %0\n\temms"                                  \
                         : "=m"(r) : "m"(a), "m"(b) : "mm0", "mm1");               \
        return r;                                                                  \
    }
HOST_OP(punpcklbw) HOST_OP(punpcklwd) HOST_OP(punpckldq) HOST_OP(packsswb)
HOST_OP(pcmpgtb) HOST_OP(pcmpgtw) HOST_OP(pcmpgtd) HOST_OP(packuswb)
HOST_OP(punpckhbw) HOST_OP(punpckhwd) HOST_OP(punpckhdq) HOST_OP(packssdw)
HOST_OP(pcmpeqb) HOST_OP(pcmpeqw) HOST_OP(pcmpeqd)
HOST_OP(psrlw) HOST_OP(psrld) HOST_OP(psrlq) HOST_OP(pmullw)
HOST_OP(psubusb) HOST_OP(psubusw) HOST_OP(pand) HOST_OP(paddusb) HOST_OP(paddusw)
HOST_OP(pandn) HOST_OP(psraw) HOST_OP(psrad) HOST_OP(pmulhw)
HOST_OP(psubsb) HOST_OP(psubsw) HOST_OP(por) HOST_OP(paddsb) HOST_OP(paddsw)
HOST_OP(pxor) HOST_OP(psllw) HOST_OP(pslld) HOST_OP(psllq) HOST_OP(pmaddwd)
HOST_OP(psubb) HOST_OP(psubw) HOST_OP(psubd) HOST_OP(paddb) HOST_OP(paddw) HOST_OP(paddd)

static const struct {
    unsigned opcode;
    const char *name;
    uint64_t (*host)(uint64_t, uint64_t);
} host_ops[] = {
#define H(o, n) { o, #n, host_##n }
    H(0x60, punpcklbw), H(0x61, punpcklwd), H(0x62, punpckldq), H(0x63, packsswb),
    H(0x64, pcmpgtb), H(0x65, pcmpgtw), H(0x66, pcmpgtd), H(0x67, packuswb),
    H(0x68, punpckhbw), H(0x69, punpckhwd), H(0x6A, punpckhdq), H(0x6B, packssdw),
    H(0x74, pcmpeqb), H(0x75, pcmpeqw), H(0x76, pcmpeqd),
    H(0xD1, psrlw), H(0xD2, psrld), H(0xD3, psrlq), H(0xD5, pmullw),
    H(0xD8, psubusb), H(0xD9, psubusw), H(0xDB, pand), H(0xDC, paddusb), H(0xDD, paddusw),
    H(0xDF, pandn), H(0xE1, psraw), H(0xE2, psrad), H(0xE5, pmulhw),
    H(0xE8, psubsb), H(0xE9, psubsw), H(0xEB, por), H(0xEC, paddsb), H(0xED, paddsw),
    H(0xEF, pxor), H(0xF1, psllw), H(0xF2, pslld), H(0xF3, psllq), H(0xF5, pmaddwd),
    H(0xF8, psubb), H(0xF9, psubw), H(0xFA, psubd), H(0xFC, paddb), H(0xFD, paddw),
    H(0xFE, paddd),
#undef H
};

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t next_random(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Random values with the lane edge cases (00, 7F, 80, FF ... per byte)
 * mixed in; shift counts kept small half of the time. */
static uint64_t interesting(unsigned k)
{
    static const uint8_t edges[] = { 0x00, 0x01, 0x7F, 0x80, 0x81, 0xFE, 0xFF };
    uint64_t r = next_random();
    if (k % 3 == 0) {
        r = 0;
        for (unsigned b = 0; b < 8; b++)
            r |= (uint64_t)edges[next_random() % sizeof edges] << (8 * b);
    }
    return r;
}

START_TEST(test_binary_ops_match_host)
{
    for (unsigned n = 0; n < sizeof host_ops / sizeof host_ops[0]; n++) {
        for (unsigned k = 0; k < 3000; k++) {
            uint64_t a = interesting(k), b = interesting(k + 1);
            if (k % 2 && (host_ops[n].opcode & 0x0F) <= 3 && host_ops[n].opcode >= 0xD1)
                b &= 0x7F;   /* shifts: counts around the lane widths */
            uint64_t want = host_ops[n].host(a, b);
            uint64_t got = op(host_ops[n].opcode, a, b);
            if (want != got)
                ck_abort_msg("%s %016llx,%016llx: host %016llx, ours %016llx", host_ops[n].name,
                             (unsigned long long)a, (unsigned long long)b,
                             (unsigned long long)want, (unsigned long long)got);
        }
    }
}
END_TEST
#endif

/* ---- instructions through the CPU -------------------------------------------------- */

static void set_mm(unsigned n, uint64_t v)
{
    cpu->fpu.reg[n].mant = v;
    cpu->fpu.reg[n].se = 0xFFFF;
}

START_TEST(test_register_and_memory_forms)
{
    set_mm(0, 0x00FF00FF00FF00FFull);
    set_mm(1, 0x0001000100010001ull);
    cpu->fpu.top = 3;
    cpu->fpu.tw = 0xFFFF;
    ck_assert_uint_eq(run_hex("0F FD C1"), NO_EXCEPTION);          /* paddw mm0,mm1 */
    ck_assert_uint_eq(cpu->fpu.reg[0].mant, 0x0100010001000100ull);
    ck_assert_uint_eq(cpu->fpu.reg[0].se, 0xFFFF);
    ck_assert_uint_eq(cpu->fpu.top, 0);
    ck_assert_uint_eq(cpu->fpu.tw, 0);
    put64(0x10, 0x0101010101010101ull);
    ck_assert_uint_eq(run_hex("0F F8 06 10 00"), NO_EXCEPTION);    /* psubb mm0,[10] */
    ck_assert_uint_eq(cpu->fpu.reg[0].mant, 0x00FF00FF00FF00FFull);
    /* movq [18],mm0; movd eax,mm0 (66 prefix would be #UD: ours is 16-bit
     * code, so the 32-bit register form is the plain 0F 7E) */
    ck_assert_uint_eq(run_hex("0F 7F 06 18 00 0F 7E C0"), NO_EXCEPTION);
    ck_assert_uint_eq(get64(0x18), 0x00FF00FF00FF00FFull);
    ck_assert_uint_eq(reg32(cpu, REG_AX), 0x00FF00FFu);
    /* movd mm2,[10] zero-extends */
    ck_assert_uint_eq(run_hex("0F 6E 16 10 00"), NO_EXCEPTION);
    ck_assert_uint_eq(cpu->fpu.reg[2].mant, 0x01010101ull);
}
END_TEST

START_TEST(test_shift_immediate_groups)
{
    set_mm(3, 0x8000000180000001ull);
    ck_assert_uint_eq(run_hex("0F 72 E3 01"), NO_EXCEPTION);       /* psrad mm3,1 */
    ck_assert_uint_eq(cpu->fpu.reg[3].mant, 0xC0000000C0000000ull);
    ck_assert_uint_eq(run_hex("0F 73 D3 40"), NO_EXCEPTION);       /* psrlq mm3,64 */
    ck_assert_uint_eq(cpu->fpu.reg[3].mant, 0);
    set_mm(4, 0x0001000200040008ull);
    ck_assert_uint_eq(run_hex("0F 71 F4 04"), NO_EXCEPTION);       /* psllw mm4,4 */
    ck_assert_uint_eq(cpu->fpu.reg[4].mant, 0x0010002000400080ull);
    ck_assert_uint_eq(run_hex("0F 73 E4 04"), EXC_UD);             /* no psraq */
    ck_assert_uint_eq(run_hex("0F 71 36 10 00 01"), EXC_UD);       /* memory form */
}
END_TEST

START_TEST(test_punpckl_reads_m32)
{
    /* [FFFC] is the last dword of the segment: an m32 fits, an m64 not */
    ck_assert_uint_eq(run_hex("0F 60 06 FC FF"), NO_EXCEPTION);
    ck_assert_uint_eq(run_hex("0F FC 06 FC FF"), EXC_GP);
}
END_TEST

START_TEST(test_aliasing_and_emms)
{
    /* fld1 leaves 1.0 in R7; movq [20],mm7 sees its significand */
    ck_assert_uint_eq(run_hex("D9 E8 0F 7F 3E 20 00"), NO_EXCEPTION);
    ck_assert_uint_eq(get64(0x20), 0x8000000000000000ull);
    ck_assert_uint_eq(cpu->fpu.reg[7].se, 0x3FFF);                  /* a store: R7 unchanged */
    /* without EMMS every register is in use: fld1 overflows the stack */
    ck_assert_uint_eq(run_hex("D9 E8"), NO_EXCEPTION);
    ck_assert_uint_eq(x87_status(cpu) & 0x241, 0x241);              /* C1 SF IE */
    /* emms: all empty, TOP 0; then x87 code works again */
    ck_assert_uint_eq(run_hex("0F 77 DB E2 D9 E8"), NO_EXCEPTION);
    ck_assert_uint_eq(cpu->fpu.top, 7);
    ck_assert_uint_eq(cpu->fpu.tw, 0x3FFF);
    ck_assert_uint_eq(x87_status(cpu) & 0x41, 0);
    /* an MMX write makes bits 79:64 all ones and the tag of a NaN-like
     * value; FNSTENV then shows R0 as special (10) */
    ck_assert_uint_eq(run_hex("0F EF C0 D9 36 00 01"), NO_EXCEPTION); /* pxor mm0,mm0 */
    ck_assert_uint_eq(cpu->fpu.reg[0].se, 0xFFFF);
    ck_assert_uint_eq(get16(0x104) & 3, 2);
}
END_TEST

START_TEST(test_mmx_exceptions)
{
    ck_assert_uint_eq(run_hex("66 0F FC C1"), EXC_UD);              /* SSE2 form */
    ck_assert_uint_eq(run_hex("F3 0F 6F C1"), EXC_UD);
    cpu->cr0 |= CR0_EM;
    ck_assert_uint_eq(run_hex("0F FC C1"), EXC_UD);
    ck_assert_uint_eq(run_hex("0F 77"), EXC_UD);
    cpu->cr0 &= ~CR0_EM;
    cpu->cr0 |= CR0_TS;
    ck_assert_uint_eq(run_hex("0F FC C1"), EXC_NM);
    cpu->cr0 &= ~CR0_TS;
    /* a pending unmasked x87 exception: #MF (CR0.NE=1) before the MMX op */
    cpu->cr0 |= CR0_NE;
    put16(0x20, 0x037B);
    ck_assert_uint_eq(run_hex("D9 2E 20 00 D9 EE D9 E8 D8 F1"), NO_EXCEPTION);
    cpu->fpu.reg[0].mant = 5;
    ck_assert_uint_eq(run_hex("0F FC C0"), EXC_MF);
    ck_assert_uint_eq(cpu->fpu.reg[0].mant, 5);
    ck_assert_uint_eq(cpu->fpu.top, 6);
}
END_TEST

START_TEST(test_fxsave_holds_mmx)
{
    set_mm(5, 0x0123456789ABCDEFull);
    ck_assert_uint_eq(run_hex("0F 6F ED 0F AE 06 00 03"), NO_EXCEPTION); /* movq mm5,mm5; fxsave */
    ck_assert_uint_eq(phys_read8(ps, data_lin(0x304)), 0xFF);          /* all non-empty */
    ck_assert_uint_eq(get64(0x300 + 32 + 16 * 5), 0x0123456789ABCDEFull);
    ck_assert_uint_eq(get16(0x300 + 32 + 16 * 5 + 8), 0xFFFF);
}
END_TEST

static Suite *mmx_suite(void)
{
    Suite *s = suite_create("mmx");
    TCase *t = tcase_create("mmx");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_saturation_edges);
    tcase_add_test(t, test_shift_counts);
    tcase_add_test(t, test_unpack_compare_logic);
#if defined(__x86_64__) || defined(__i386__)
    tcase_add_test(t, test_binary_ops_match_host);
#endif
    tcase_add_test(t, test_register_and_memory_forms);
    tcase_add_test(t, test_shift_immediate_groups);
    tcase_add_test(t, test_punpckl_reads_m32);
    tcase_add_test(t, test_aliasing_and_emms);
    tcase_add_test(t, test_mmx_exceptions);
    tcase_add_test(t, test_fxsave_holds_mmx);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return check_run(mmx_suite(), CK_NORMAL);
}
