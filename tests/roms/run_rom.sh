#!/bin/sh
# run_rom.sh - run one test ROM and pass when it reports PASS (exit status
# 33, i.e. value 0x10 written to port 0x501; see README.md).
#   run_rom.sh softpc  SOFTPC_BINARY ROM
#   run_rom.sh qemu    QEMU_BINARY   ROM
# The debug-console text (port 0xE9) goes to stdout under QEMU, so a
# failing run shows the check, line and values.
set -u
mode=$1 emulator=$2 rom=$3
pass=33
case $mode in
softpc)
    "$emulator" --bios "$rom" -display none --timeout 20 --no-reboot --debugcon stdio
    status=$?
    ;;
qemu)
    # timeout(1) ends a run that hangs: QEMU has no --timeout of its own.
    timeout 60 "$emulator" -nodefaults -machine pc -cpu pentium3 -m 16 \
        -display none -no-reboot -bios "$rom" \
        -device isa-debug-exit,iobase=0x501,iosize=2 -debugcon stdio
    status=$?
    ;;
*)
    echo "run_rom.sh: $mode: unknown mode (softpc or qemu)" >&2
    exit 2
    ;;
esac
if [ "$status" -eq "$pass" ]; then
    exit 0
fi
echo "run_rom.sh: $(basename "$rom") under $mode: exit status $status, expected $pass (PASS)" >&2
exit 1
