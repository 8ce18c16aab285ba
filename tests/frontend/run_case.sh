#!/usr/bin/env bash
# run_case.sh - run one command (softpc, or QEMU as an oracle) and check
# how it ended.  Used by tests/frontend/frontend.cmake.
#
#   run_case.sh [checks...] -- COMMAND [ARGS...]
#
# Every @W@ in COMMAND and ARGS becomes a fresh scratch directory.
#   --status N             the exit status must be N (always give it)
#   --stderr-lines N       stderr must have exactly N lines
#   --stderr-has TEXT      stderr must contain TEXT (a fixed string; @W@ too;
#                          may be given more than once)
#   --stdout-empty         nothing may be printed on stdout
#   --stdout-is TEXT       stdout must be exactly TEXT and a newline
#   --post-log "A B ..."   @W@/post.log must hold exactly these lines
#   --no-file NAME         @W@/NAME must not exist afterwards
#   --make NAME BYTES      create @W@/NAME, BYTES zero bytes, before running
#   --png NAME W H         @W@/NAME must be a PNG file of W x H pixels
#   --max-seconds N        the command must end within N seconds (wall clock)
#   --signal SIG SECONDS   send SIG (INT, TERM) to the command after SECONDS
# On failure it says what differed and shows stdout and stderr.
set -u

status_want= lines_want= stdout_empty= post_want= post_check= stdout_is= stdout_check=
signal= signal_after= max_seconds=
makes=() absent=() has_want=() pngs=()
while [ $# -gt 0 ]; do
    case $1 in
    --status) status_want=$2; shift 2 ;;
    --stderr-lines) lines_want=$2; shift 2 ;;
    --stderr-has) has_want+=("$2"); shift 2 ;;
    --stdout-empty) stdout_empty=1; shift ;;
    --stdout-is) stdout_is=$2; stdout_check=1; shift 2 ;;
    --post-log) post_want=$2; post_check=1; shift 2 ;;
    --no-file) absent+=("$2"); shift 2 ;;
    --make) makes+=("$2" "$3"); shift 3 ;;
    --png) pngs+=("$2" "$3" "$4"); shift 4 ;;
    --max-seconds) max_seconds=$2; shift 2 ;;
    --signal) signal=$2; signal_after=$3; shift 3 ;;
    --) shift; break ;;
    *) echo "run_case.sh: $1: unknown check" >&2; exit 2 ;;
    esac
done
if [ -z "$status_want" ] || [ $# -eq 0 ]; then
    echo "run_case.sh: usage: run_case.sh --status N [checks] -- COMMAND [ARGS]" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for ((k = 0; k < ${#makes[@]}; k += 2)); do
    head -c "${makes[k + 1]}" /dev/zero >"$work/${makes[k]}"
done
cmd=()
for a in "$@"; do
    cmd+=("${a//@W@/$work}")
done

started=$(date +%s%N)
if [ -n "$signal" ]; then
    "${cmd[@]}" >"$work/stdout" 2>"$work/stderr" &
    pid=$!
    sleep "$signal_after"
    kill -s "$signal" "$pid"
    wait "$pid"
    status=$?
else
    "${cmd[@]}" >"$work/stdout" 2>"$work/stderr"
    status=$?
fi

elapsed_ms=$((($(date +%s%N) - started) / 1000000))

fail=0
complain() {
    echo "FAIL: $*"
    fail=1
}
if [ -n "$max_seconds" ] && [ "$elapsed_ms" -gt $((max_seconds * 1000)) ]; then
    complain "took ${elapsed_ms} ms, more than $max_seconds s"
fi
[ "$status" -eq "$status_want" ] || complain "exit status $status, expected $status_want"
if [ -n "$lines_want" ]; then
    lines=$(wc -l <"$work/stderr")
    [ "$lines" -eq "$lines_want" ] || complain "stderr has $lines lines, expected $lines_want"
fi
for text in "${has_want[@]}"; do
    text=${text//@W@/$work}
    grep -qF -- "$text" "$work/stderr" || complain "stderr does not contain: $text"
done
if [ -n "$stdout_empty" ] && [ -s "$work/stdout" ]; then
    complain "stdout is not empty"
fi
if [ -n "$stdout_check" ] && [ "$(cat "$work/stdout"; echo .)" != "$stdout_is"$'\n.' ]; then
    complain "stdout is not exactly: $stdout_is"
fi
if [ -n "$post_check" ]; then
    want=""
    for code in $post_want; do
        want+="$code"$'\n'
    done
    if [ ! -f "$work/post.log" ]; then
        complain "no post log was written"
    elif [ "$(cat "$work/post.log"; echo .)" != "$want." ]; then
        complain "post log differs: expected [$(echo $post_want)], got [$(echo $(cat "$work/post.log"))]"
    fi
fi
for ((k = 0; k < ${#pngs[@]}; k += 3)); do
    png=$work/${pngs[k]}
    # The signature, then IHDR's width and height (big-endian, bytes 16-23).
    want=$(printf '89504e470d0a1a0a%08x%08x' "${pngs[k + 1]}" "${pngs[k + 2]}")
    got=$( (head -c 8 "$png"; tail -c +17 "$png" | head -c 8) 2>/dev/null | od -An -tx1 | tr -d ' \n')
    [ "$got" = "$want" ] || complain "${pngs[k]} is not a ${pngs[k + 1]}x${pngs[k + 2]} PNG"
done
for name in "${absent[@]}"; do
    [ ! -e "$work/$name" ] || complain "$name was created"
done
if [ "$fail" -ne 0 ]; then
    echo "command: ${cmd[*]}"
    echo "--- stdout"; cat "$work/stdout"
    echo "--- stderr"; cat "$work/stderr"
    exit 1
fi
exit 0
