#!/bin/sh
# update-roms.sh - rebuild roms/bios.bin from bios/ (what the ctest
# bios_rom_reproducible compares against).  Run from anywhere; commit the
# result together with the sources that changed it.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
nasm -f bin -w+all -I"$root/bios/" -o "$root/roms/bios.bin" "$root/bios/bios.asm"
echo "roms/bios.bin rebuilt ($(wc -c < "$root/roms/bios.bin") bytes)"
