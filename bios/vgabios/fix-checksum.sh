#!/bin/sh
# fix-checksum.sh ROM - set the last byte of an option ROM image so that
# all its bytes sum to 0 mod 256 (the PCI/ISA option ROM rule: the system
# BIOS skips a ROM whose checksum is not 0).  vgabios.asm leaves that byte
# 0; nasm cannot sum its own output.
set -eu
rom=$1
size=$(wc -c < "$rom")
sum=$(head -c $((size - 1)) "$rom" | od -An -v -tu1 | awk '{ for (i = 1; i <= NF; i++) s += $i } END { print s % 256 }')
byte=$(( (256 - sum) % 256 ))
printf "$(printf '\\%03o' "$byte")" | dd of="$rom" bs=1 seek=$((size - 1)) conv=notrunc status=none
