#!/usr/bin/env bash
# bad_input_test.sh - screen_text refuses bad input with one line on stderr
# and status 2: a missing screenshot, a missing font, a font of the wrong
# size, a picture not cut into whole cells, a broken --cell, a file that
# is no picture.  And a picture that reads: status 0.
#
#   bad_input_test.sh SCREEN_TEXT WORKDIR PICTURES_DIR
# PICTURES_DIR: tests/vga/expected (text80.png is 720x400, vbe_lfb16.png
# 800x600 and not blank at the bottom).
set -u
tool=$1 work=$2 pics=$3
mkdir -p "$work"
head -c 4096 /dev/zero > "$work/font16.bin"
head -c 4000 /dev/zero > "$work/short.bin"
printf 'not a picture\n' > "$work/junk.png"
failed=0

expect() { # status, what, args...
    local want=$1 what=$2; shift 2
    "$tool" "$@" > "$work/out" 2> "$work/err"
    local status=$? lines
    lines=$(wc -l < "$work/err")
    if [ $status -ne "$want" ]; then
        echo "FAIL: $what: status $status, not $want ($(head -1 "$work/err"))"
        failed=1
    elif [ "$want" -eq 2 ] && [ "$lines" -ne 1 ]; then
        echo "FAIL: $what: $lines lines on stderr, not one"
        failed=1
    else
        echo "ok: $what: status $status $(head -1 "$work/err")"
    fi
}

expect 2 "no arguments"
expect 2 "missing screenshot" --font "$work/font16.bin" "$work/none.png"
expect 2 "missing font" --font "$work/none.bin" "$pics/text80.png"
expect 2 "font of 4000 bytes" --font "$work/short.bin" "$pics/text80.png"
expect 2 "not a picture" --font "$work/font16.bin" "$work/junk.png"
expect 2 "720 not a multiple of --cell 7" --font "$work/font16.bin" --cell 7x16 "$pics/text80.png"
expect 2 "800 not a multiple of --cell 9" --font "$work/font16.bin" --cell 9x16 "$pics/vbe_lfb16.png"
expect 2 "600 lines in 16-line cells, the rest not blank" --font "$work/font16.bin" "$pics/vbe_lfb16.png"
expect 2 "--cell nonsense" --font "$work/font16.bin" --cell 9y16 "$pics/text80.png"
expect 2 "unknown option" --font "$work/font16.bin" --frobnicate "$pics/text80.png"
# A blank font reads every two-colour cell as unmatched: 0 without
# --strict, 1 with it.
expect 0 "blank font, not strict" --font "$work/font16.bin" "$pics/text80.png"
expect 1 "blank font, strict" --font "$work/font16.bin" --strict "$pics/text80.png"
exit $failed
