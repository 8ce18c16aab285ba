#!/usr/bin/env bash
# linux_test.sh - the default Linux guest driven through softpc's window,
# on a private Xvfb.
#
#   linux_test.sh SOFTPC GUEST_DIR X_HELPER MODE SCREEN_TEXT FONT_DIR
#
# Boots GUEST_DIR/disk.img (-snapshot: the image is never written) with a
# window; MODE keys uses softpc's own BIOS and VGA BIOS, MODE seabios uses
# SeaBIOS and its vgabios-stdvga (Debian's seabios package).  The guest's
# /init (tests/guest/init.sh) runs a shell on tty1, the VGA console the
# window shows.  xdotool types
#     echo KEYS-$((6*7)) >/dev/ttyS0
# and Return into the window; the serial log must show KEYS-42, which
# only the shell's arithmetic makes (the typed line itself is echoed on
# tty1, not on the serial line).  Then the window is closed as a window
# manager does: status 0, and --screenshot holds the VGA console with the
# command typed (check_screen): SCREEN_TEXT (tests/screen) reads it with
# the font of the VGA BIOS that drew it, from FONT_DIR (target
# screen_fonts: font-softpc.bin, font-seabios.bin).
#
# When the tty1 shell reads: /init starts it just before the serial
# shell, whose prompt is the last thing the serial log shows; keys typed
# before the shell opens tty1 may be lost.  So the line is typed again
# (after Ctrl-U, which clears a half-read line) every 15 s until KEYS-42
# shows, at most 8 times.
#
# The clock stays the window's default, realtime.  With -clock virtual an
# idle guest jumps its time to the next timer at once, so between the X
# press and release of one key (two separate refreshes of the window) the
# guest keyboard's typematic delay expires and repeats the key (tried:
# the tty1 line read "echhoooo    KEEEEYYYYSSSSS-$((((6*7)))"); with
# realtime a key is held as long in the guest as on the X server.
#
# Exit 77 (skip) when the guest is not built, or (seabios) when SeaBIOS
# is not installed.
set -u
softpc=$1 guest=$2 x_helper=$3 mode=$4 screen_text=$5 fonts=$6
. "$(dirname "$0")/x_session.sh"
dump_files=("$work/serial")

seabios=/usr/share/seabios/bios.bin seavga=/usr/share/seabios/vgabios-stdvga.bin
[ -f "$guest/disk.img" ] || { echo "SKIP: no guest in $guest (tests/guest/make-guest.sh)"; exit 77; }
firmware=()
if [ "$mode" = seabios ]; then
    [ -f "$seabios" ] && [ -f "$seavga" ] || { echo "SKIP: no $seabios or $seavga"; exit 77; }
    firmware=(-bios "$seabios" --vgabios "$seavga")
fi

# The screenshot at exit: the VGA console, 80x25 text with 9-dot
# characters, read back with the VGA BIOS's own font.  Every cell must be
# a glyph, except at most one: the blinking cursor after the prompt; the
# typed command line must be there (the first key may land before the
# prompt is drawn, and retries repeat the line, so it is matched as a
# substring), and the last line must be the prompt again.
check_screen() {
    check_png_size "$1" 720 400
    local font=$fonts/font-softpc.bin text=$work/screen.txt
    [ "$mode" = seabios ] && font=$fonts/font-seabios.bin
    [ -f "$font" ] || fail "$font missing (cmake --build BUILD --target screen_fonts)"
    "$screen_text" --font "$font" "$1" >"$text" || fail "screen_text could not read $1"
    local unmatched
    unmatched=$(grep -o $'\xef\xbf\xbd' "$text" | wc -l)
    [ "$unmatched" -le 1 ] || { cat "$text"; fail "$unmatched cells on the screen match no glyph"; }
    grep -qF 'echo KEYS-$((6*7)) >/dev/ttyS0' "$text" ||
        { cat "$text"; fail "the typed command is not on the screen"; }
    local last
    last=$(grep -v '^$' "$text" | tail -n 1)
    case $last in
    "/ #" | $'/ # \xef\xbf\xbd') ;;
    *) cat "$text"; fail "the last line on the screen is '$last', not the prompt" ;;
    esac
    echo "screen: the command line and the prompt read back with $(basename "$font")"
}

start_xvfb
start=$SECONDS
start_softpc "$softpc" -display sdl "${firmware[@]}" -hda "$guest/disk.img" -snapshot \
    -serial "file:$work/serial" --screenshot "$work/shot.png" --timeout 800
# The serial shell's banner: /init has started the tty1 shell just before.
wait_for 'grep -q "softpc default guest" "$work/serial" 2>/dev/null' 600 ||
    fail "the guest did not come up in 600 s"
echo "guest up after $((SECONDS - start)) s"
find_window
tries=0
until grep -q KEYS-42 "$work/serial"; do
    tries=$((tries + 1))
    [ "$tries" -le 8 ] || fail "KEYS-42 not on the serial log after 8 tries"
    xdotool windowfocus --sync "$wid" || fail "cannot focus the window"
    xdotool key ctrl+u
    xdotool type --delay 40 'echo KEYS-$((6*7)) >/dev/ttyS0'
    xdotool key Return
    wait_for 'grep -q KEYS-42 "$work/serial"' 15
done
echo "KEYS-42 after $tries tries, $((SECONDS - start)) s"
grep -q 'KEYS-\$' "$work/serial" && fail "the typed line itself reached the serial log"
close_and_expect 0
check_screen "$work/shot.png"
echo "PASS: linux $mode"
