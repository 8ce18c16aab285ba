#!/usr/bin/env bash
# linux_test.sh - the default Linux guest driven through softpc's window,
# on a private Xvfb.
#
#   linux_test.sh SOFTPC GUEST_DIR X_HELPER MODE
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
# command typed (check_screen).
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
softpc=$1 guest=$2 x_helper=$3 mode=$4
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
# characters.  The place for a check of the text on it (screen_text): the
# command line typed, and the shell prompt after it.
check_screen() {
    check_png_size "$1" 720 400
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
