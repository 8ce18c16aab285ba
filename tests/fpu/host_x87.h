/*
 * host_x87.h - run one x87 instruction on the host CPU (x86 hosts only),
 * for the bit-for-bit comparison of softpc's numeric core with real
 * hardware.  Each call starts from FNINIT, loads the given control word,
 * loads the operands, executes the instruction, and returns the status
 * word read with FNSTSW right after it (before any store that could
 * change C1).  The x87 is left empty and in its default state.  The
 * binary and unary register forms also accept control words with
 * unmasked exceptions (see host_x87.c).
 */
#ifndef SOFTPC_TESTS_FPU_HOST_X87_H
#define SOFTPC_TESTS_FPU_HOST_X87_H

#include <stdint.h>

#if defined(__x86_64__) || defined(__i386__)
#define HOST_HAS_X87 1

/* An 80-bit value as it sits in memory (little-endian). */
struct x87_reg {
    uint8_t b[10];
};

/* ST(0) = a, ST(1) = b; the result is ST(0) after the instruction. */
typedef uint16_t (*x87_binary_fn)(uint16_t cw, const struct x87_reg *a, const struct x87_reg *b,
                                  struct x87_reg *r);
uint16_t x87_fadd(uint16_t, const struct x87_reg *, const struct x87_reg *, struct x87_reg *);
uint16_t x87_fsub(uint16_t, const struct x87_reg *, const struct x87_reg *, struct x87_reg *);
uint16_t x87_fmul(uint16_t, const struct x87_reg *, const struct x87_reg *, struct x87_reg *);
uint16_t x87_fdiv(uint16_t, const struct x87_reg *, const struct x87_reg *, struct x87_reg *);
uint16_t x87_fprem(uint16_t, const struct x87_reg *, const struct x87_reg *, struct x87_reg *);
uint16_t x87_fprem1(uint16_t, const struct x87_reg *, const struct x87_reg *, struct x87_reg *);
uint16_t x87_fscale(uint16_t, const struct x87_reg *, const struct x87_reg *, struct x87_reg *);
uint16_t x87_fpatan(uint16_t, const struct x87_reg *, const struct x87_reg *, struct x87_reg *);
uint16_t x87_fyl2x(uint16_t, const struct x87_reg *, const struct x87_reg *, struct x87_reg *);
uint16_t x87_fyl2xp1(uint16_t, const struct x87_reg *, const struct x87_reg *, struct x87_reg *);
/* Compares leave no result; only the status word. */
uint16_t x87_fcom(uint16_t, const struct x87_reg *, const struct x87_reg *, struct x87_reg *);
uint16_t x87_fucom(uint16_t, const struct x87_reg *, const struct x87_reg *, struct x87_reg *);

/* ST(0) = a. */
typedef uint16_t (*x87_unary_fn)(uint16_t cw, const struct x87_reg *a, struct x87_reg *r);
uint16_t x87_fsqrt(uint16_t, const struct x87_reg *, struct x87_reg *);
uint16_t x87_frndint(uint16_t, const struct x87_reg *, struct x87_reg *);
uint16_t x87_fsin(uint16_t, const struct x87_reg *, struct x87_reg *);
uint16_t x87_fcos(uint16_t, const struct x87_reg *, struct x87_reg *);
uint16_t x87_f2xm1(uint16_t, const struct x87_reg *, struct x87_reg *);

/* FPTAN: r = ST(1) (the tangent) when C2 is clear, else ST(0) unchanged. */
uint16_t x87_fptan(uint16_t cw, const struct x87_reg *a, struct x87_reg *r);
/* FXTRACT: sig = ST(0), exp = ST(1) afterwards. */
uint16_t x87_fxtract(uint16_t cw, const struct x87_reg *a, struct x87_reg *sig,
                     struct x87_reg *exp);

/* Stores of ST(0) = a to memory, and loads from memory into r. */
uint16_t x87_fst32(uint16_t cw, const struct x87_reg *a, uint32_t *m);
uint16_t x87_fst64(uint16_t cw, const struct x87_reg *a, uint64_t *m);
uint16_t x87_fist16(uint16_t cw, const struct x87_reg *a, int16_t *m);
uint16_t x87_fist32(uint16_t cw, const struct x87_reg *a, int32_t *m);
uint16_t x87_fist64(uint16_t cw, const struct x87_reg *a, int64_t *m);
uint16_t x87_fbstp(uint16_t cw, const struct x87_reg *a, struct x87_reg *m);
uint16_t x87_fld32(uint16_t cw, const uint32_t *m, struct x87_reg *r);
uint16_t x87_fld64(uint16_t cw, const uint64_t *m, struct x87_reg *r);
uint16_t x87_fbld(uint16_t cw, const struct x87_reg *m, struct x87_reg *r);

#endif
#endif
