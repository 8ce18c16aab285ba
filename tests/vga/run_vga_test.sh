#!/bin/sh
# run_vga_test.sh - runs one VGA picture test and compares the screen with
# the expected picture, pixel for pixel.
#   run_vga_test.sh IMAGE EXPECTED.png
# Environment: SOFTPC (the emulator, default `softpc`), IMGCMP (default
# `imgcmp`).  softpc boots the floppy IMAGE headless and writes its screen
# to a PNG when it exits; the program ends the run itself (DONE on port
# E9h, then 0 to the debug-exit port 501h: exit status 1); -timeout 60
# stops a program that never gets there (status 124).
# VGA_ORACLE=qemu runs the same image under QEMU instead (make-expected.sh,
# needs PPM2PNG): the check that the expected pictures are reproducible.
# On a difference the picture softpc made and a diff picture (differences
# in red) are kept in VGA_TEST_OUT (default: the current directory) as
# NAME.got.png and NAME.diff.png.
set -u
if [ $# -ne 2 ]; then
    echo "usage: run_vga_test.sh IMAGE EXPECTED.png" >&2
    exit 2
fi
image=$1 expected=$2
softpc=${SOFTPC:-softpc}
imgcmp=${IMGCMP:-imgcmp}
name=$(basename "$image" .img)
name=${name%_qemu}
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

if [ "${VGA_ORACLE:-}" = qemu ]; then
    if ! "$here/make-expected.sh" "${PPM2PNG:-ppm2png}" "$dir" "$image" > "$dir/log" 2>&1; then
        echo "run_vga_test.sh: $name: the QEMU run failed" >&2
        cat "$dir/log"
        exit 1
    fi
    cp "$dir/$name.png" "$dir/screen.png"
else
    : > "$dir/e9"
    "$softpc" -display none -fda "$image" -boot a -snapshot -no-reboot -timeout 60 \
        --screenshot "$dir/screen.png" -serial file:"$dir/com1" -debugcon "$dir/e9" \
        < /dev/null > "$dir/stdout" 2> "$dir/stderr"
    status=$?
    if [ "$status" -ne 1 ] || ! grep -q '^DONE' "$dir/e9" || [ ! -s "$dir/screen.png" ]; then
        echo "run_vga_test.sh: $name: softpc exit status $status (want 1, the program's debug-exit 0)," \
             "DONE $(grep -q '^DONE' "$dir/e9" && echo seen || echo missing)," \
             "screenshot $([ -s "$dir/screen.png" ] && echo written || echo missing)" >&2
        echo "--- debug console (port E9h):"; cat "$dir/e9"
        echo "--- softpc stderr:"; cat "$dir/stderr"
        exit 1
    fi
fi

out=${VGA_TEST_OUT:-.}
rm -f "$out/$name.got.png" "$out/$name.diff.png"
if "$imgcmp" --diff "$out/$name.diff.png" "$expected" "$dir/screen.png"; then
    echo "$name: the picture matches $(basename "$expected")"
    exit 0
fi
cp "$dir/screen.png" "$out/$name.got.png" 2>/dev/null &&
    echo "run_vga_test.sh: $name: the picture is in $out/$name.got.png"
exit 1
