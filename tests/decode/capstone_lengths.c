/*
 * capstone_lengths.c - checks the decoder's instruction lengths against
 * Capstone, a disassembler nobody here wrote, on random byte strings.
 *
 * For each random 15-byte string (a few random prefixes, a one- or
 * two-byte opcode, random ModRM/SIB/displacement/immediate bytes) in
 * 16-bit and 32-bit mode, both decoders decode the first instruction.
 * Where softpc decodes an instruction its table knows (not #UD) and
 * Capstone also decodes one, the lengths must be equal.  Instructions
 * only one side knows are counted, not failed: Capstone knows SSE and
 * later extensions softpc doesn't have yet, and softpc models a P6's
 * treatment of a few reserved encodings Capstone rejects.
 *
 * Not checked: operands and mnemonics (the tests of each instruction
 * family do that); 64-bit mode.
 *
 * Usage: capstone_lengths [COUNT [SEED]]   exit 0 if no length differs.
 * With CAPSTONE_LENGTHS_VERBOSE set, also prints encodings only softpc decodes.
 */
#include <capstone/capstone.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/decode.h"

/* xorshift64*: a fixed, portable generator so a failure can be replayed. */
static uint64_t rng_state;

static uint64_t rng_next(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1DULL;
}

static const uint8_t prefixes[] = { 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0x66, 0x67, 0xF2, 0xF3 };

static void random_insn(uint8_t *b)
{
    for (unsigned k = 0; k < INSN_MAX_LEN; k++)
        b[k] = (uint8_t)rng_next();
    unsigned pos = 0;
    unsigned nprefix = (unsigned)(rng_next() % 4);
    for (unsigned k = 0; k < nprefix; k++)
        b[pos++] = prefixes[rng_next() % sizeof prefixes];
    if (rng_next() % 2)
        b[pos] = 0x0F;
    else if (b[pos] == 0x0F)
        b[pos] = 0x90;
}

static void print_bytes(const uint8_t *b, unsigned n)
{
    for (unsigned k = 0; k < n; k++)
        printf("%02x ", b[k]);
}

/* Encodings where Capstone's length is wrong for a P6, each with why.
 *
 * CALL rel with both 0x66 and F2/F3 in 32-bit code: Capstone 4 takes F2 as
 * the MPX "BND" prefix and then ignores 0x66, decoding a rel32.  On a P6
 * (and on MPX parts too, per the SDM's CALL page) 0x66 selects rel16 and
 * F2/F3 are ignored, so softpc's length (opcode + 2) is the right one. */
static int known_difference(const struct insn *i, int code32)
{
    return code32 && i->opcode == 0xE8 && i->osize == 2 && i->rep != REP_NONE;
}

int main(int argc, char **argv)
{
    int verbose = getenv("CAPSTONE_LENGTHS_VERBOSE") != NULL;
    unsigned long count = argc > 1 ? strtoul(argv[1], NULL, 0) : 1000000;
    rng_state = argc > 2 ? strtoull(argv[2], NULL, 0) : 0x50F7C0DEULL;
    if (rng_state == 0)
        rng_state = 1;

    csh handles[2];
    const cs_mode modes[2] = { CS_MODE_16, CS_MODE_32 };
    for (int m = 0; m < 2; m++) {
        if (cs_open(CS_ARCH_X86, modes[m], &handles[m]) != CS_ERR_OK) {
            fprintf(stderr, "capstone_lengths: cs_open failed\n");
            return 1;
        }
    }
    cs_insn *ci = cs_malloc(handles[0]);

    unsigned long compared = 0, mismatches = 0, only_softpc = 0, only_capstone = 0, neither = 0;
    for (unsigned long n = 0; n < count; n++) {
        uint8_t b[INSN_MAX_LEN];
        random_insn(b);
        for (int m = 0; m < 2; m++) {
            struct insn i;
            enum decode_result r = decode_insn(&i, b, INSN_MAX_LEN, m ? DECODE_CODE32 : 0);
            int ours = r == DECODE_OK && i.fn != op_ud;
            const uint8_t *code = b;
            size_t size = INSN_MAX_LEN;
            uint64_t addr = 0;
            int theirs = cs_disasm_iter(handles[m], &code, &size, &addr, ci);
            if (ours && theirs) {
                compared++;
                if (i.len != ci->size && !known_difference(&i, m)) {
                    if (mismatches < 400) {
                        printf("%d-bit: ", m ? 32 : 16);
                        print_bytes(b, INSN_MAX_LEN);
                        printf(" softpc %u, capstone %u (%s %s)\n", i.len, ci->size,
                               ci->mnemonic, ci->op_str);
                    }
                    mismatches++;
                }
            } else if (ours) {
                if (verbose && only_softpc < 40) {
                    printf("only softpc, %d-bit: ", m ? 32 : 16);
                    print_bytes(b, INSN_MAX_LEN);
                    printf(" len %u\n", i.len);
                }
                only_softpc++;
            } else if (theirs) {
                only_capstone++;
            } else {
                neither++;
            }
        }
    }
    printf("%lu decoded by both, %lu length mismatches; %lu only softpc, %lu only capstone, %lu neither\n",
           compared, mismatches, only_softpc, only_capstone, neither);
    cs_free(ci, 1);
    cs_close(&handles[0]);
    cs_close(&handles[1]);
    return mismatches ? 1 : 0;
}
