/*
 * host_bcd.c - the BCD part of the host comparison (see host_bcd.h).
 *
 * All inputs are generated first and written to a temporary file; the
 * oracle reads it on stdin and prints one answer per line, which is read
 * back through a pipe.  Inputs: every AL with every CF/AF pair for DAA DAS
 * AAA AAS (several AH values for the last two), every AL with every base
 * 1-255 for AAM, random AL/AH with random bases (10 and 16 more often)
 * for AAD.  The other flags are random.  AAM 0 is not sent to the host:
 * softpc must raise #DE and leave AX and the flags alone.
 *
 * Compared, as the SDM defines them: DAA/DAS AL and CF AF SF ZF PF (OF
 * undefined); AAA/AAS AX and AF CF (OF SF ZF PF undefined); AAM/AAD AX
 * and SF ZF PF (OF AF CF undefined).  AH is compared for every one.
 */
#include "tests/host/host_bcd.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { BCD_DAA, BCD_DAS, BCD_AAA, BCD_AAS, BCD_AAM, BCD_AAD, BCD_OPS };

static const char *const bcd_names[BCD_OPS] = { "daa", "das", "aaa", "aas", "aam", "aad" };
static const uint8_t bcd_opcode[BCD_OPS] = { 0x27, 0x2F, 0x37, 0x3F, 0xD4, 0xD5 };
static const uint32_t bcd_defined[BCD_OPS] = { 0x0D5, 0x0D5, 0x011, 0x011, 0x0C4, 0x0C4 };

struct bcd_case {
    uint8_t op, imm;
    uint16_t ax;
    uint32_t flags;
};

static unsigned long gen_cases(struct bcd_case *out, struct rng *g)
{
    unsigned long n = 0;
    for (unsigned op = BCD_DAA; op <= BCD_AAS; op++)
        for (unsigned ah_round = 0; ah_round < (op >= BCD_AAA ? 8u : 2u); ah_round++)
            for (unsigned al = 0; al < 256; al++)
                for (unsigned cfaf = 0; cfaf < 4; cfaf++) {
                    uint32_t f = (uint32_t)rng_next(g) & 0x8C4; /* OF SF ZF PF random */
                    f |= (cfaf & 1 ? 0x001 : 0) | (cfaf & 2 ? 0x010 : 0);
                    uint16_t ah = ah_round == 0 ? 0 : ah_round == 1 ? 0xFF : (uint16_t)(rng_next(g) & 0xFF);
                    out[n++] = (struct bcd_case){ (uint8_t)op, 0, (uint16_t)(ah << 8 | al), f };
                }
    for (unsigned base = 1; base < 256; base++)
        for (unsigned al = 0; al < 256; al++)
            out[n++] = (struct bcd_case){ BCD_AAM, (uint8_t)base,
                                          (uint16_t)((rng_next(g) & 0xFF00) | al),
                                          (uint32_t)rng_next(g) & 0x8D5 };
    for (unsigned k = 0; k < 60000; k++) {
        unsigned pick = rng_next(g) % 4;
        uint8_t base = pick == 0 ? 10 : pick == 1 ? 16 : (uint8_t)rng_next(g);
        out[n++] = (struct bcd_case){ BCD_AAD, base, (uint16_t)rng_next(g),
                                      (uint32_t)rng_next(g) & 0x8D5 };
    }
    return n;
}
#define MAX_BCD_CASES (4u * (2 + 2 + 8 + 8) * 256 + 255u * 256 + 60000)

/* Runs the oracle over all cases; returns false if it could not. */
static bool ask_oracle(const char *oracle, const struct bcd_case *cs, unsigned long n,
                       uint16_t *ax_out, uint32_t *fl_out)
{
    char path[] = "/tmp/softpc_bcd_XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return false;
    FILE *in = fdopen(fd, "w");
    if (!in) {
        close(fd);
        unlink(path);
        return false;
    }
    for (unsigned long k = 0; k < n; k++)
        fprintf(in, "%x %x %x %x\n", cs[k].op, cs[k].ax, (unsigned)cs[k].flags, cs[k].imm);
    fclose(in);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' < '%s'", oracle, path);
    FILE *p = popen(cmd, "r");
    bool ok = p != NULL;
    for (unsigned long k = 0; ok && k < n; k++) {
        unsigned ax, fl;
        ok = fscanf(p, "%x %x", &ax, &fl) == 2;
        ax_out[k] = (uint16_t)ax;
        fl_out[k] = fl;
    }
    if (p && pclose(p) != 0)
        ok = false;
    unlink(path);
    return ok;
}

/* #DE for AAM 0, in both code sizes: AX and the flags unchanged. */
static unsigned long check_aam_zero(struct sp_machine *m, struct rng *g, unsigned long *cases)
{
    unsigned long bad = 0;
    const uint8_t bytes[] = { 0xD4, 0x00 };
    for (unsigned k = 0; k < 512; k++) {
        struct hregs r = { (uint32_t)rng_next(g), 0, 0, 0, (uint32_t)rng_next(g) & 0x8D5 };
        struct hregs s = r;
        int v = sp_run(m, bytes, sizeof bytes, k & 1, &s);
        (*cases)++;
        if (v != 0 || s.eax != r.eax || s.flags != r.flags) {
            if (bad++ < 4)
                printf("MISMATCH aam 0: ax=%04" PRIx32 " expected #DE, got vector %d ax=%04" PRIx32 "\n",
                       r.eax & 0xFFFF, v, s.eax & 0xFFFF);
        }
    }
    return bad;
}

struct bcd_result bcd_compare(struct sp_machine *m, const char *oracle, struct rng *g)
{
    struct bcd_result res = { 0, 0, false };
    unsigned long per_op[BCD_OPS] = { 0 }, bad_op[BCD_OPS] = { 0 };
    if (!oracle || access(oracle, X_OK) != 0) {
        printf("host_compare: no 32-bit BCD oracle (gcc -m32 unavailable?): DAA DAS AAA AAS AAM AAD "
               "not compared with the host\n");
        res.skipped = true;
        return res;
    }
    struct bcd_case *cs = malloc(MAX_BCD_CASES * sizeof *cs);
    uint16_t *hax = malloc(MAX_BCD_CASES * sizeof *hax);
    uint32_t *hfl = malloc(MAX_BCD_CASES * sizeof *hfl);
    unsigned long n = cs && hax && hfl ? gen_cases(cs, g) : 0;
    if (!n || !ask_oracle(oracle, cs, n, hax, hfl)) {
        printf("host_compare: the BCD oracle %s did not answer: BCD not compared\n", oracle);
        res.skipped = true;
        res.mismatches = 1; /* it was built, so it must work */
        free(cs);
        free(hax);
        free(hfl);
        return res;
    }
    for (unsigned long k = 0; k < n; k++) {
        const struct bcd_case *t = &cs[k];
        uint8_t bytes[2] = { bcd_opcode[t->op], t->imm };
        unsigned len = t->op >= BCD_AAM ? 2 : 1;
        uint32_t upper = (uint32_t)rng_next(g) & 0xFFFF0000u;
        struct hregs s = { upper | t->ax, 0, 0, 0, t->flags };
        int v = sp_run(m, bytes, len, k & 1, &s);
        per_op[t->op]++;
        bool ok = v == -1 && (s.eax & 0xFFFF) == hax[k] && (s.eax & 0xFFFF0000u) == upper &&
                  ((s.flags ^ hfl[k]) & bcd_defined[t->op]) == 0;
        if (!ok && bad_op[t->op]++ < 4)
            printf("MISMATCH %s imm=%02x ax=%04x fl=%03" PRIx32 ": host ax=%04x fl=%03" PRIx32
                   ", softpc ax=%04" PRIx32 " fl=%03" PRIx32 " (vector %d)\n",
                   bcd_names[t->op], t->imm, t->ax, t->flags, hax[k], hfl[k], s.eax & 0xFFFF,
                   s.flags, v);
    }
    unsigned long de_cases = 0, de_bad = check_aam_zero(m, g, &de_cases);
    for (unsigned op = 0; op < BCD_OPS; op++) {
        printf("  %-14s %7lu cases  %lu mismatches\n", bcd_names[op], per_op[op], bad_op[op]);
        res.cases += per_op[op];
        res.mismatches += bad_op[op];
    }
    printf("  %-14s %7lu cases  %lu mismatches\n", "aam 0 (#DE)", de_cases, de_bad);
    res.cases += de_cases;
    res.mismatches += de_bad;
    free(cs);
    free(hax);
    free(hfl);
    return res;
}
