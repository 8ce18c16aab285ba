#!/usr/bin/env bash
# input_test.sh - softpc's SDL window end to end, on a private Xvfb.
#
#   input_test.sh SOFTPC IMAGE WM_DELETE MODE
#
# Boots IMAGE (for input and close, the floppy of input_probe.asm: it logs
# every 8042 byte to the debug console) with a window, then, by MODE:
#   input   xdotool types keys (plain, extended, keypad) and the Ctrl+Alt+I
#           hotkey, clicks into the window (capture), moves the mouse right
#           and down, clicks again; the log must hold the set-1 codes the
#           keys make (translated by the 8042), no code of the hotkey's I,
#           and mouse packets with dx > 0, dy < 0 (PS/2 y is up) and the
#           left button.
#   close   nothing typed: closing the window must end the run.
#   halt    IMAGE is a BIOS ROM that halts with IF=0: the window must stay,
#           titled "Halted", until closed; then the status is 2.
# All end by closing the window the way a window manager's close button
# does (WM_DELETE_WINDOW, via WM_DELETE) and require exit status 0 (2 for
# halt); close also runs with --screenshot and checks the PNG was written.
set -u
softpc=$1 img=$2 wm_delete=$3 mode=$4

work=$(mktemp -d)
xvfb_pid= softpc_pid=
cleanup() {
    [ -n "$softpc_pid" ] && kill "$softpc_pid" 2>/dev/null
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*"
    echo "--- debug console log"; cat "$work/log" 2>/dev/null
    echo "--- softpc stderr"; cat "$work/err" 2>/dev/null
    exit 1
}

# Wait up to $2 seconds for command $1 to succeed.
wait_for() {
    local tries=$(($2 * 10))
    while ! eval "$1"; do
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || return 1
        sleep 0.1
    done
}

# Xvfb picks a free display itself and tells us its number.
Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
wait_for '[ -s "$work/display" ]' 20 || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
export DISPLAY=":$(head -n 1 "$work/display")"

machine=(-fda "$img") status_want=0
case $mode in
close) machine+=(--screenshot "$work/shot.png") ;;
halt) machine=(--bios "$img") status_want=2 ;;
esac
"$softpc" -display sdl "${machine[@]}" -m 16 -debugcon "$work/log" --timeout 90 \
    >"$work/out" 2>"$work/err" &
softpc_pid=$!
if [ "$mode" != halt ]; then
    wait_for 'grep -q READY "$work/log" 2>/dev/null' 60 || fail "the probe never said READY"
fi
wid=$(xdotool search --sync --name '^softpc - ' | head -n 1)
[ -n "$wid" ] || fail "no softpc window"
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

if [ "$mode" = input ]; then
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

    eval "$(xdotool getwindowgeometry --shell "$wid")"
    xdotool mousemove --window "$wid" $((WIDTH / 2)) $((HEIGHT / 2)) click 1
    wait_for 'xdotool getwindowname "$wid" | grep -q "Ctrl+Alt+G"' 10 ||
        fail "a click did not capture the mouse: title '$(xdotool getwindowname "$wid")'"
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
fi

"$wm_delete" "$wid" || fail "could not send WM_DELETE_WINDOW"
wait_for '! kill -0 "$softpc_pid" 2>/dev/null' 30 || fail "softpc still runs after the window was closed"
wait "$softpc_pid"
status=$?
softpc_pid=
[ "$status" -eq "$status_want" ] ||
    fail "exit status $status after closing the window, expected $status_want"
if [ "$mode" = close ]; then
    [ -s "$work/shot.png" ] || fail "--screenshot wrote nothing"
    [ "$(head -c 8 "$work/shot.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
        fail "the screenshot is not a PNG"
    # IHDR width and height: 720 x 400, the text mode our VGA BIOS sets.
    [ "$(od -An -j16 -N8 -tx1 "$work/shot.png" | tr -d ' \n')" = 000002d000000190 ] ||
        fail "the screenshot is not 720x400 (text mode 3)"
fi
echo "PASS: $mode"
