/*
 * test_flags.c - Check tests for the lazy arithmetic flags (cpu/flags.c)
 * and the ALU family (cpu/ops/arith.c, cpu/ops/alu.h) against the naive
 * reference of flags_fixture.h: exhaustively at 8 bits (every a, b and
 * carry-in for ADD ADC SUB SBB CMP AND OR XOR INC DEC NEG, register and
 * memory forms), at edge values at 16 and 32 bits, and the lazy state's
 * round trips through cpu_get_eflags/cpu_set_eflags and its carry vectors.
 * The other encodings of the same operations (immediates, the group and
 * TEST opcodes, INC/DEC of each register, NOT, faults) are in
 * test_flags_shapes.c.
 */
#include "tests/unit/flags_fixture.h"
#include "tests/unit/check_main.h"

START_TEST(test_exhaustive_8bit)
{
    /* _i selects register (0) or memory (1) destination. */
    bool mem = _i == 1;
    reset_fails();
    for (unsigned k = 0; k < N_OPS; k++) {
        enum rop op = all_ops[k];
        uint8_t code[8];
        unsigned len = mem ? encode_mem(op, 8, code) : encode_reg(op, 8, code);
        uint32_t ip = place_code(1 + k, code, len);
        for (unsigned a = 0; a < 256; a++)
            for (unsigned b = 0; b < 256; b++)
                for (unsigned cin = 0; cin < 2; cin++)
                    check_case(ip, ip + len, op, 8, mem ? AT_MEM : AT_A, AT_B, a, b, cin);
    }
    ck_assert_msg(fails == 0, "%u failures; first: %s", fails, first_fail);
}
END_TEST

/* 16- and 32-bit: every pair of edge values, every operation, both forms. */
START_TEST(test_edges_wide)
{
    unsigned w = _i == 0 ? 16 : 32;
    reset_fails();
    for (unsigned form = 0; form < 2; form++) {
        for (unsigned k = 0; k < N_OPS; k++) {
            enum rop op = all_ops[k];
            uint8_t code[8];
            unsigned len = form ? encode_mem(op, w, code) : encode_reg(op, w, code);
            uint32_t ip = place_code(1 + k, code, len);
            for (unsigned x = 0; x < N_EDGES; x++)
                for (unsigned y = 0; y < N_EDGES; y++)
                    for (unsigned cin = 0; cin < 2; cin++)
                        check_case(ip, ip + len, op, w, form ? AT_MEM : AT_A, AT_B, edges[x],
                                   edges[y], cin);
        }
    }
    ck_assert_msg(fails == 0, "%u failures; first: %s", fails, first_fail);
}
END_TEST

/* lazy_set_explicit -> flag_xx / cpu_get_eflags -> flags_materialise ->
 * cpu_set_eflags, at every width, with edge results. */
START_TEST(test_round_trips)
{
    static const unsigned widths[] = { 8, 16, 32 };
    for (unsigned wi = 0; wi < 3; wi++) {
        unsigned w = widths[wi];
        for (unsigned v = 0; v < N_EDGES; v++) {
            for (unsigned bits = 0; bits < 8; bits++) {
                unsigned cf = bits & 1, of = (bits >> 1) & 1, af = (bits >> 2) & 1;
                uint32_t res = edges[v];
                uint32_t rm = (uint32_t)(res & mask_of(w));
                unsigned zf = rm == 0, sf = bit_of(rm, w - 1), pf = naive_parity(rm);
                uint32_t want = pack_flags(cf, pf, af, zf, sf, of);

                lazy_set_explicit(cpu, res, w, cf, of, af);
                ck_assert_uint_ne(cpu->lazy.width, 0);
                ck_assert_uint_eq(flag_cf(cpu), cf);
                ck_assert_uint_eq(flag_of(cpu), of);
                ck_assert_uint_eq(flag_af(cpu), af);
                ck_assert_uint_eq(flag_zf(cpu), zf);
                ck_assert_uint_eq(flag_sf(cpu), sf);
                ck_assert_uint_eq(flag_pf(cpu), pf);
                uint32_t e = cpu_get_eflags(cpu);
                ck_assert_uint_eq(e & FLAGS_ARITH, want);
                ck_assert_uint_eq(e & (PRESET_FLAGS | FLAG_RES1), PRESET_FLAGS | FLAG_RES1);
                bool cond[16];
                for (unsigned cc = 0; cc < 16; cc++) {
                    cond[cc] = cond_true(cpu, cc);
                    ck_assert_int_eq(cond[cc], naive_cond(cc, cf, pf, zf, sf, of));
                }

                flags_materialise(cpu);
                ck_assert_uint_eq(cpu->lazy.width, 0);
                ck_assert_uint_eq(cpu->eflags, e);
                ck_assert_uint_eq(cpu_get_eflags(cpu), e);
                for (unsigned cc = 0; cc < 16; cc++)
                    ck_assert_int_eq(cond_true(cpu, cc), cond[cc]);

                /* Writing only non-arithmetic bits keeps OSZAPC. */
                cpu_set_eflags(cpu, 0, FLAG_DF);
                ck_assert_uint_eq(cpu_get_eflags(cpu), e & ~(uint32_t)FLAG_DF);
                cpu_set_eflags(cpu, FLAG_DF, FLAG_DF);

                /* Invert every arithmetic flag. */
                lazy_set_explicit(cpu, res, w, cf, of, af);
                cpu_set_eflags(cpu, ~e, FLAGS_ARITH);
                uint32_t inv = pack_flags(!cf, !pf, !af, !zf, !sf, !of);
                ck_assert_uint_eq(cpu_get_eflags(cpu) & FLAGS_ARITH, inv);
                ck_assert_uint_eq(cpu_get_eflags(cpu) & ~(uint32_t)FLAGS_ARITH,
                                  e & ~(uint32_t)FLAGS_ARITH);
                ck_assert_uint_eq(flag_cf(cpu), !cf);
                ck_assert_uint_eq(flag_of(cpu), !of);
                ck_assert_uint_eq(flag_af(cpu), !af);
                ck_assert_uint_eq(flag_zf(cpu), !zf);
                ck_assert_uint_eq(flag_sf(cpu), !sf);
                ck_assert_uint_eq(flag_pf(cpu), !pf);
                for (unsigned cc = 0; cc < 16; cc++)
                    ck_assert_int_eq(cond_true(cpu, cc), naive_cond(cc, !cf, !pf, !zf, !sf, !of));
            }
        }
    }
}
END_TEST

/* lazy_set with the flags.h carry vectors, checked on their own against
 * the reference at the widths the CPU does not reach through 8-bit tests. */
START_TEST(test_carry_vectors)
{
    static const unsigned widths[] = { 8, 16, 32 };
    for (unsigned wi = 0; wi < 3; wi++) {
        unsigned w = widths[wi];
        uint64_t m = mask_of(w);
        for (unsigned x = 0; x < N_EDGES; x++) {
            for (unsigned y = 0; y < N_EDGES; y++) {
                for (unsigned cin = 0; cin < 2; cin++) {
                    uint64_t a = edges[x] & m, b = edges[y] & m;
                    struct ref r = naive(R_ADC, (uint32_t)a, (uint32_t)b, cin, w);
                    lazy_set(cpu, r.res, carry_out_add(a, b, r.res), w);
                    ck_assert_uint_eq(cpu_get_eflags(cpu) & FLAGS_ARITH,
                                      pack_flags(r.cf, r.pf, r.af, r.zf, r.sf, r.of));
                    r = naive(R_SBB, (uint32_t)a, (uint32_t)b, cin, w);
                    lazy_set(cpu, r.res, carry_out_sub(a, b, r.res), w);
                    ck_assert_uint_eq(cpu_get_eflags(cpu) & FLAGS_ARITH,
                                      pack_flags(r.cf, r.pf, r.af, r.zf, r.sf, r.of));
                    r = naive(R_INC, (uint32_t)a, 1, cin, w);
                    lazy_set_keep_cf(cpu, r.res, carry_out_add(a, 1, r.res), w, cin);
                    ck_assert_uint_eq(cpu_get_eflags(cpu) & FLAGS_ARITH,
                                      pack_flags(r.cf, r.pf, r.af, r.zf, r.sf, r.of));
                }
            }
        }
    }
}
END_TEST

static Suite *flags_suite(void)
{
    Suite *s = suite_create("flags");

    TCase *tc = tcase_create("exhaustive");
    tcase_add_checked_fixture(tc, rig_setup, rig_teardown);
    tcase_set_timeout(tc, 300);
    tcase_add_loop_test(tc, test_exhaustive_8bit, 0, 2);
    tcase_add_loop_test(tc, test_edges_wide, 0, 2);
    suite_add_tcase(s, tc);

    tc = tcase_create("lazy");
    tcase_add_checked_fixture(tc, rig_setup, rig_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_round_trips);
    tcase_add_test(tc, test_carry_vectors);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(flags_suite(), CK_NORMAL);
}
