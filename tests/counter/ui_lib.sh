# Shared by the counter window's Xvfb tests: set $src and $build (the
# source and build roots), then source this. It starts Xvfb, makes $tmp and
# $db ($MOTCUA_DB; both removed on exit, with every pid in $pids killed) and
# gives: fail MSG, trace CMD ARGS (tests/lib/trace.py on $tmp/trace),
# lines, wait_trace AFTER FILTER..., wait_for COND, counter N (the
# fixture's line), key KEYS, click KIND ID (needs $wx $wy, the window's
# origin).
fix=$build/tests/counter/counter_fixture
prog=$build/src/counter/motcua-counter
cli=$build/src/cli/motcua
shots=${MOTCUA_SHOTS:-$build/tests/counter/shots}
mkdir -p "$shots"
tmp=$(mktemp -d)
db=$tmp/q.db
export MOTCUA_DB=$db
# Sanitizer builds: libX11, libdbus and the dlopened GL driver keep a few
# allocations until exit (checked by hand: none from motcua code), so leak
# checking is off here; memory errors still abort the program.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
	xvfb_stop
	rm -rf "$tmp"
}
. "$src/tests/lib/xvfb.sh"
xvfb_start 1280x800
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; echo "--- program log:" >&2; tail -30 "$tmp/log" >&2 || true; exit 1; }
trace() { python3 "$src/tests/lib/trace.py" "$1" "$tmp/trace" "${@:2}"; }
lines() { wc -l < "$tmp/trace"; }
# Waits until a trace record after line $1 matches the filters that follow.
wait_trace() {
	local after=$1
	shift
	trace wait --after "$after" "$@" >/dev/null || fail "waiting for $*"
}
# Polls a condition for up to 10 s.
wait_for() {
	local what=$1 deadline=$((SECONDS + 10))
	until eval "$what"; do
		[ $SECONDS -lt $deadline ] || fail "timed out waiting for: $what"
		sleep 0.1
	done
}
counter() { "$fix" "$db" counter "$1"; }
key() { xdotool key --clearmodifiers "$@"; }
click() {  # click KIND NAME: the centre of that rectangle in the last frame that drew it
	local xy
	xy=$(trace center "$1" "$2")
	[ -n "$xy" ] || fail "no rectangle $1 $2 in the trace"
	# shellcheck disable=SC2086
	xdotool mousemove --sync $((wx + ${xy% *})) $((wy + ${xy#* })) click 1
}
