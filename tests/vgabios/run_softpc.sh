#!/bin/sh
# run_softpc.sh - boot one VGA BIOS test image (tests/vgabios/*.asm) on
# softpc - our system BIOS (built in), softpc's own std VGA (16 MiB of
# video memory, fixed) and the given VGA ROM - and pass when the test does:
#   run_softpc.sh SOFTPC PIXEL_CHECK VGA_ROM IMAGE
# The softpc counterpart of run_qemu.sh.  A test passes through the debug-
# exit port (10h: exit status 33), or, for a picture test, by printing
# SCREENDUMP after its own checks and halting with interrupts off: softpc
# then stops (status 2) and writes its --screenshot PNG, and PIXEL_CHECK
# (pixel_check.c) compares every `PIXEL x y RRGGBB` line the test printed
# with it.  Headless, so our BIOS's COM1 mirror sits in front of the
# ROM's INT 10h (docs/bios.md, POST step 12h); the tests allow for that.
# The debug console (port E9h) is printed always, softpc's stderr and COM1
# on failure.
set -u
if [ $# -ne 4 ]; then
    echo "usage: run_softpc.sh SOFTPC PIXEL_CHECK VGA_ROM IMAGE" >&2
    exit 2
fi
softpc=$1 pixel_check=$2 rom=$3 image=$4
name=$(basename "$image")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
: > "$dir/e9"

"$softpc" -m 32 -display none -vgabios "$rom" -no-reboot -timeout 60 -snapshot \
    -hda "$image" -boot c -screenshot "$dir/shot.png" \
    -serial file:"$dir/com1" -debugcon "$dir/e9" < /dev/null > /dev/null 2> "$dir/stderr"
status=$?

ok=1
if grep -q '^SCREENDUMP' "$dir/e9"; then
    # the test halts with interrupts off after SCREENDUMP: softpc status 2
    if [ "$status" -ne 2 ]; then
        echo "run_softpc.sh: $name: softpc exit status $status after SCREENDUMP, expected 2 (halted)" >&2
        ok=0
    elif [ ! -s "$dir/shot.png" ]; then
        echo "run_softpc.sh: $name: no screenshot was written" >&2
        ok=0
    elif ! "$pixel_check" "$dir/shot.png" < "$dir/e9"; then
        echo "run_softpc.sh: $name: the screenshot differs (above)" >&2
        ok=0
    fi
elif [ "$status" -ne 33 ]; then
    echo "run_softpc.sh: $name: softpc exit status $status, expected 33 (PASS)" >&2
    ok=0
fi
echo "--- debug console (port E9h):"; cat "$dir/e9"
if [ $ok -eq 1 ]; then
    exit 0
fi
echo "--- COM1:"; cat "$dir/com1"
echo "--- softpc stderr:"; cat "$dir/stderr"
exit 1
