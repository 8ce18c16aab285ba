/*
 * metadata.h - the flags masks of a SingleStepTests metadata.json.
 *
 * Only the "opcodes" object matters: each key is an opcode in hex ("F6",
 * or "0F01" in sets with two-byte opcodes); its value may carry a
 * "flags-mask" (AND it into both the expected and the actual flags to
 * ignore flags the instruction leaves undefined) and, for group opcodes, a
 * "reg" object whose keys "0".."7" (the ModRM reg field) carry their own
 * "flags-mask".  Everything else in the file is read and ignored.
 *
 * The JSON reader is ours (tests/vectors/metadata.c), small and strict:
 * it accepts standard JSON and reports the line of the first error.
 */
#ifndef SOFTPC_TESTS_VECTORS_METADATA_H
#define SOFTPC_TESTS_VECTORS_METADATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define METADATA_NO_REG (-1)

struct metadata;

/* Parses the JSON text text[0..len).  NULL on error, with err filled
 * ("line N: what"). */
struct metadata *metadata_parse(const char *text, size_t len, char *err, size_t errlen);
void metadata_free(struct metadata *md);

/* The flags mask for an opcode, and for a group member (reg 0..7) or the
 * opcode as a whole (reg = METADATA_NO_REG).  A group member without its
 * own mask falls back to the opcode's.  0xFFFF (all flags compared) when
 * the metadata says nothing or md is NULL. */
uint16_t metadata_flags_mask(const struct metadata *md, uint32_t opcode, int reg);

/* True if the opcode's entry has a "reg" object (a group opcode). */
bool metadata_is_group(const struct metadata *md, uint32_t opcode);

/* Number of opcode entries read. */
size_t metadata_count(const struct metadata *md);

#endif
