#!/bin/sh
# disk_run.sh - boot one disk test under QEMU with our BIOS and pass when it
# reports PASS through the isa-debug-exit port (exit status 33), as
# run_qemu.sh does for the other BIOS tests, but with the drives given:
#   disk_run.sh QEMU BIOS MEM_MB BOOT QEMU-DRIVE-ARGS...
# BOOT is QEMU's -boot letter (a floppy, c hard disk).  Drives are opened
# with snapshot=on by the caller's arguments, so the images stay as built.
# The debug console (port E9h) is printed, with COM1, on failure.
set -u
qemu=$1 bios=$2 mem=$3 boot=$4
shift 4
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
timeout 60 "$qemu" -nodefaults -machine pc -cpu ${QEMU_CPU:-pentium3} -m "$mem" \
    -bios "$bios" -display none -no-reboot -boot "$boot" "$@" \
    -serial file:"$dir/com1" -device isa-debug-exit,iobase=0x501,iosize=2 \
    -debugcon file:"$dir/e9" 2> "$dir/stderr"
status=$?
if [ "$status" -eq 33 ]; then
    cat "$dir/e9"
    exit 0
fi
echo "disk_run.sh: QEMU exit status $status, expected 33 (PASS)" >&2
echo "--- debug console (port E9h):"; cat "$dir/e9"
echo "--- COM1:"; cat "$dir/com1"
echo "--- QEMU stderr:"; cat "$dir/stderr"
exit 1
