# x_session.sh - what the display tests share, sourced by input_test.sh
# and linux_test.sh (bash, set -u): a work directory and cleanup, FAIL
# lines, polling with a deadline, a private Xvfb, and ending softpc by
# closing its window.
#
# The caller sets x_helper (the x_helper binary) and, before calling
# start_softpc, may set dump_files: the logs fail() prints.

work=$(mktemp -d)
xvfb_pid= softpc_pid= helper_pids=()
dump_files=()
cleanup() {
    [ -n "$softpc_pid" ] && kill "$softpc_pid" 2>/dev/null
    for pid in "${helper_pids[@]}"; do kill "$pid" 2>/dev/null; done
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*"
    for f in "${dump_files[@]}" "$work/err"; do
        echo "--- $(basename "$f")"
        tail -n 60 "$f" 2>/dev/null
    done
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
start_xvfb() {
    Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
    xvfb_pid=$!
    wait_for '[ -s "$work/display" ]' 20 || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
    export DISPLAY=":$(head -n 1 "$work/display")"
}

# Runs softpc with the arguments given, in the background: softpc_pid.
start_softpc() {
    "$@" >"$work/out" 2>"$work/err" &
    softpc_pid=$!
}

# The id of softpc's window (waits up to 60 s for it): wid.
find_window() {
    wait_for 'xdotool search --name "^softpc - " >"$work/wid" 2>/dev/null ||
              ! kill -0 "$softpc_pid" 2>/dev/null' 60
    [ -s "$work/wid" ] || fail "no softpc window"
    wid=$(head -n 1 "$work/wid")
}

# Closes the window as a window manager's close button does, waits for
# softpc to end and requires exit status $1.
close_and_expect() {
    "$x_helper" close "$wid" || fail "could not send WM_DELETE_WINDOW"
    wait_for '! kill -0 "$softpc_pid" 2>/dev/null' 60 ||
        fail "softpc still runs 60 s after the window was closed"
    wait "$softpc_pid"
    local status=$?
    softpc_pid=
    [ "$status" -eq "$1" ] || fail "exit status $status after closing the window, expected $1"
}

# Requires $1 to be a PNG of $2 x $3 pixels (IHDR width and height).
check_png_size() {
    [ -s "$1" ] || fail "--screenshot wrote nothing"
    [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
        fail "the screenshot is not a PNG"
    local want
    want=$(printf '%08x%08x' "$2" "$3")
    [ "$(od -An -j16 -N8 -tx1 "$1" | tr -d ' \n')" = "$want" ] ||
        fail "the screenshot is not $2x$3"
}
