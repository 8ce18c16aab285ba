#!/usr/bin/env bash
# input_test.sh - softpc's SDL window end to end, on a private Xvfb.
#
#   input_test.sh SOFTPC IMAGE X_HELPER MODE
#
# Boots IMAGE with a window: for most modes the floppy of input_probe.asm,
# which logs every 8042 byte to the debug console ("K xx" keyboard, "M xx"
# mouse).  Then, by MODE:
#   input   xdotool types keys (plain, extended, keypad) and the Ctrl+Alt+I
#           hotkey, clicks into the window (capture), moves the mouse right
#           and down, clicks again; the log must hold the set-1 codes the
#           keys make (translated by the 8042), no code of the hotkey's I,
#           and mouse packets with dx > 0, dy < 0 (PS/2 y is up) and the
#           left button.
#   wheel   IMAGE is the probe built with WHEEL (mouse ID 3, then 4); the
#           wheel turned away from the user (X button 4) and towards it
#           (5), then X buttons 8 and 9 (SDL's X1/X2: back, forward) must
#           give exactly the 4-byte packets Z=-1, Z=+1, button 4 down and
#           up, button 5 down and up.
#   focus   with the mouse captured, the left button and the keys A and
#           Right held down, the focus goes to another window: the guest
#           must see A and Right released (break codes), the button
#           released, and the capture must end; keys typed after the focus
#           came back arrive as usual, nothing else in between.
#   fullscreen  under x_helper's small window manager, -full-screen: the
#           window covers the screen, keys reach the guest, Ctrl+Alt+F
#           gives the window its picture's size back (720x540 for the
#           probe's 720x400 text, at 4:3), and a second Ctrl+Alt+F goes
#           full screen again.
#   idle    IMAGE is the probe built with IDLE (it waits in HLT between
#           bytes), run with -clock virtual: keys typed at xdotool's pace
#           must arrive once each, with no typematic repeats.  An idle
#           guest under the virtual clock may not run emulated time ahead
#           of the host while a window can send it keys; if it did, the
#           500 ms typematic delay would pass between a key's press and
#           release.
#   close   nothing typed: closing the window must end the run, and the
#           --screenshot must be a 720x400 PNG (the VGA BIOS's text mode).
#   halt    IMAGE is a BIOS ROM that halts with IF=0: the window must stay,
#           titled "Halted", until closed; then the status is 2.
# All end by closing the window the way a window manager's close button
# does (x_helper close) and require exit status 0 (2 for halt).
set -u
softpc=$1 img=$2 x_helper=$3 mode=$4
. "$(dirname "$0")/x_session.sh"
dump_files=("$work/log")

start_xvfb
if [ "$mode" = fullscreen ]; then
    "$x_helper" wm >"$work/wm" 2>&1 &
    helper_pids+=($!)
    wait_for 'grep -q ready "$work/wm"' 20 || fail "x_helper wm: $(cat "$work/wm")"
fi

machine=(-fda "$img") status_want=0
case $mode in
close) machine+=(--screenshot "$work/shot.png") ;;
fullscreen) machine+=(-full-screen) ;;
idle) machine+=(-clock virtual) ;;
halt) machine=(--bios "$img") status_want=2 ;;
esac
start_softpc "$softpc" -display sdl "${machine[@]}" -m 16 -debugcon "$work/log" --timeout 120
if [ "$mode" != halt ]; then
    wait_for 'grep -q READY "$work/log" 2>/dev/null' 60 || fail "the probe never said READY"
fi
find_window
if [ "$mode" = halt ]; then
    wait_for 'xdotool getwindowname "$wid" | grep -q " - Halted"' 30 ||
        fail "title '$(xdotool getwindowname "$wid")' does not say Halted"
    sleep 0.5
    kill -0 "$softpc_pid" 2>/dev/null || fail "softpc ended while its window showed the halt"
fi
xdotool windowfocus --sync "$wid" || fail "cannot focus the window"

# The K (or M) bytes logged so far, space-separated.
logged() {
    grep "^$1 " "$work/log" | cut -d' ' -f2 | tr '\n' ' '
}

title() {
    xdotool getwindowname "$wid"
}

# A click into the window captures the mouse (the click is not sent).
capture_mouse() {
    eval "$(xdotool getwindowgeometry --shell "$wid")"
    xdotool mousemove --window "$wid" $((WIDTH / 2)) $((HEIGHT / 2)) click 1
    wait_for 'title | grep -q "Ctrl+Alt+G"' 10 ||
        fail "a click did not capture the mouse: title '$(title)'"
}

# The window's place and size, "X Y WIDTH HEIGHT".
geometry() {
    eval "$(xdotool getwindowgeometry --shell "$wid")"
    echo "$X $Y $WIDTH $HEIGHT"
}

case $mode in
input)
    xdotool key --delay 80 a b Return Up KP_Enter
    # a, b, Enter; Up and keypad Enter have the E0 prefix (set 1).
    want="1E 9E 30 B0 1C 9C E0 48 E0 C8 E0 1C E0 9C "
    wait_for '[ "$(logged K)" = "$want" ]' 10 ||
        fail "keyboard bytes [$(logged K)], expected [$want]"
    xdotool key ctrl+alt+i
    wait_for '[ "$(logged K | wc -w)" -ge 18 ]' 10 ||
        fail "Ctrl and Alt of Ctrl+Alt+I did not reach the guest: [$(logged K)]"
    sleep 0.5
    hot=$(logged K)
    hot=${hot#"$want"}
    for code in 1D 38 9D B8; do
        [[ " $hot" == *" $code "* ]] || fail "Ctrl+Alt+I: no $code in [$hot]"
    done
    [[ " $hot" == *" 17 "* || " $hot" == *" 97 "* ]] && fail "the hotkey's I reached the guest: [$hot]"

    capture_mouse
    xdotool mousemove_relative -- 40 30
    sleep 0.3
    xdotool click 1
    sleep 0.5
    # Packets: 3 bytes after the mouse's FA (the ack of F4).
    read -r -a m <<<"$(logged M)"
    [ "${m[0]:-}" = FA ] || fail "the mouse did not acknowledge F4: [${m[*]}]"
    moved= clicked=
    for ((k = 1; k + 2 < ${#m[@]}; k += 3)); do
        b0=$((16#${m[k]})) dx=$((16#${m[k + 1]})) dy=$((16#${m[k + 2]}))
        (((b0 & 0x08) != 0)) || fail "packet ${m[*]:k:3}: bit 3 of byte 0 is clear"
        # X sign clear and dx > 0 (right), Y sign set (down = negative).
        if (((b0 & 0x10) == 0 && dx > 0 && (b0 & 0x20) != 0)); then moved=1; fi
        (((b0 & 0x01) != 0)) && clicked=1
    done
    [ -n "$moved" ] || fail "no packet moving right and down in [${m[*]}]"
    [ -n "$clicked" ] || fail "no packet with the left button in [${m[*]}]"
    ;;
wheel)
    # 7 FA for three rates (F3 and its parameter each) and F2, then the
    # ID; twice; then the FA of F4.
    knock="FA FA FA FA FA FA FA 03 FA FA FA FA FA FA FA 04 FA "
    [ "$(logged M)" = "$knock" ] || fail "mouse replies [$(logged M)], expected [$knock]"
    capture_mouse
    # Packets after the knock, 4 bytes each, without motion-only ones.
    packets() {
        local m k
        read -r -a m <<<"$(logged M)"
        for ((k = 17; k + 3 < ${#m[@]}; k += 4)); do
            [ "${m[k + 3]}" = 00 ] && [ "${m[k + 1]}${m[k + 2]}" != 0000 ] && continue
            printf '%s ' "${m[*]:k:4}"
        done
    }
    want=()
    # X button 4 = wheel away from the user: Z = -1, 4 bits (0F).  5 =
    # towards: +1.  8/9 (back/forward, SDL X1/X2): PS/2 bits 4 and 5 of
    # byte 4, down then up.
    for step in "click 4:08 00 00 0F" "click 5:08 00 00 01" \
                "mousedown 8:08 00 00 10" "mouseup 8:08 00 00 00" \
                "mousedown 9:08 00 00 20" "mouseup 9:08 00 00 00"; do
        action=${step%%:*}
        want+=("${step#*:}")
        xdotool $action
        expect="${want[*]} "
        wait_for '[ "$(packets)" = "$expect" ]' 10 ||
            fail "after xdotool $action: packets [$(packets)], expected [$expect]"
    done
    ;;
focus)
    capture_mouse
    xdotool mousedown 1
    wait_for '[[ "$(logged M)" == *" 09 00 00 "* ]]' 10 ||
        fail "no packet with the left button down: [$(logged M)]"
    xdotool keydown a keydown Right
    wait_for '[ "$(logged K)" = "1E E0 4D " ]' 10 ||
        fail "A and Right pressed: [$(logged K)], expected [1E E0 4D ]"
    "$x_helper" window >"$work/other" 2>&1 &
    helper_pids+=($!)
    wait_for '[ -s "$work/other" ]' 20 || fail "x_helper window: $(cat "$work/other")"
    xdotool windowfocus --sync "$(head -n 1 "$work/other")" ||
        fail "cannot focus the other window"
    # Released in usage order: A (04h), then Right (4Fh).
    wait_for '[ "$(logged K)" = "1E E0 4D 9E E0 CD " ]' 10 ||
        fail "after the focus went: [$(logged K)], expected [1E E0 4D 9E E0 CD ]"
    wait_for '[[ "$(logged M)" == *" 09 00 00 08 00 00 "* ]]' 10 ||
        fail "the left button was not released: [$(logged M)]"
    wait_for '! title | grep -q "Ctrl+Alt+G"' 10 ||
        fail "the mouse is still captured: title '$(title)'"
    # The keys come up while the other window has the focus: softpc must
    # not send a second release, nor a press when the focus comes back.
    xdotool keyup a keyup Right mouseup 1
    xdotool windowfocus --sync "$wid" || fail "cannot focus the window again"
    xdotool key b
    want="1E E0 4D 9E E0 CD 30 B0 "
    wait_for '[ "$(logged K)" = "$want" ]' 10 ||
        fail "after the focus came back: [$(logged K)], expected [$want]"
    ;;
idle)
    xdotool key --delay 150 a b c
    want="1E 9E 30 B0 2E AE "
    wait_for '[ "$(logged K)" = "$want" ]' 10 ||
        fail "keys in an idle guest under -clock virtual: [$(logged K | cut -c1-90)] ($(logged K | wc -w) bytes), expected [$want]"
    sleep 0.5
    [ "$(logged K)" = "$want" ] || fail "more keys came: [$(logged K | cut -c1-90)], expected [$want]"
    ;;
fullscreen)
    full="0 0 1024 768"
    wait_for '[ "$(geometry)" = "$full" ]' 20 ||
        fail "-full-screen: window at [$(geometry)], expected the screen [$full]"
    xdotool key a
    wait_for '[ "$(logged K)" = "1E 9E " ]' 10 || fail "full screen: keys [$(logged K)]"
    xdotool key ctrl+alt+f
    wait_for '[ "$(geometry | cut -d" " -f3-)" = "720 540" ]' 20 ||
        fail "after Ctrl+Alt+F the window is [$(geometry)], expected 720x540"
    xdotool key b
    wait_for '[[ "$(logged K)" == *" 30 B0 " ]]' 10 || fail "windowed: keys [$(logged K)]"
    [[ " $(logged K)" == *" 21 "* ]] && fail "the hotkey's F reached the guest: [$(logged K)]"
    xdotool key ctrl+alt+f
    wait_for '[ "$(geometry)" = "$full" ]' 20 ||
        fail "a second Ctrl+Alt+F: window at [$(geometry)], expected [$full]"
    ;;
esac

close_and_expect "$status_want"
[ "$mode" = close ] && check_png_size "$work/shot.png" 720 400
echo "PASS: $mode"
