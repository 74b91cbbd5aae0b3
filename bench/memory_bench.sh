#!/bin/bash
# Idle memory of the four desk programs (not run in CI; about 20 s): on a
# demo database under Xvfb (default 1920x1080), all at once as on a one-PC
# desk: the kiosk full screen with the printer simulator, the waiting-room
# display full screen (sound off), counter 1's window full screen, and the
# keypad bridge polling two simulated keypads. After SETTLE_S seconds
# (default 5) it prints each program's RSS and PSS from
# /proc/PID/smaps_rollup, with PSS split into anonymous memory, mapped files
# (libraries) and shared memory (the X framebuffer, shared with the X
# server); VERBOSE=1 adds each program's five largest mappings (pmap).
#   [SIZE=1920x1080] [SETTLE_S=5] [VERBOSE=1] bench/memory_bench.sh [BUILD_DIR]
# The keypad bridge opens its simulated bus through the serial tests' pty
# harness (tests/serial/pty-as-uart.sh), which needs root and unshare; it is
# left out, with a line saying why, when that cannot run.
set -u
BUILD=${1:-build}
SRC=$(cd "$(dirname "$0")/.." && pwd)
SIZE=${SIZE:-1920x1080}
SETTLE_S=${SETTLE_S:-5}
. "$SRC/bench/bench_lib.sh"
motcua=$BUILD/src/cli/motcua
for f in "$motcua" "$BUILD/src/kiosk/motcua-kiosk" "$BUILD/src/display/motcua-display" \
	"$BUILD/src/counter/motcua-counter" "$BUILD/src/printer-sim/motcua-printer-sim"; do
	[ -x "$f" ] || { echo "memory_bench: $f not built" >&2; exit 1; }
done
"$motcua" init --demo >/dev/null || exit 1
xvfb_start "$SIZE" || exit 1
# A waiting line, so the screens show numbers rather than empty states.
for s in HT HT CT DD LD KH; do "$motcua" issue "$s" >/dev/null; done
"$motcua" call 2 >/dev/null

# wait_until SECONDS COMMAND...: polls COMMAND every 50 ms.
wait_until() {
	local end=$((SECONDS + $1))
	shift
	until "$@"; do
		[ $SECONDS -lt $end ] || return 1
		sleep 0.05
	done
}

"$BUILD/src/printer-sim/motcua-printer-sim" --link "$T/printer" --out "$T/out" \
	--control "$T/ctl" >"$T/sim.log" 2>&1 &
PIDS+=($!)
wait_until 5 test -L "$T/printer" || { echo "memory_bench: no printer simulator" >&2; exit 1; }

"$BUILD/src/kiosk/motcua-kiosk" --printer "file:$T/printer" 2>"$T/kiosk.err" &
kiosk=$!
PIDS+=($kiosk)
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null "$BUILD/src/display/motcua-display" \
	2>"$T/display.err" &
display=$!
PIDS+=($display)
"$BUILD/src/counter/motcua-counter" --counter 1 --fullscreen 2>"$T/counter.err" &
counter=$!
PIDS+=($counter)

keypad= keypad_note=
sim=$BUILD/tests/keypad/keypad_sim shim=$BUILD/tests/serial/libtiocm-shim.so
if [ ! -x "$BUILD/src/keypad/motcua-keypad" ] || [ ! -x "$sim" ] || [ ! -r "$shim" ]; then
	keypad_note="not built (motcua-keypad, tests/keypad/keypad_sim, tests/serial/libtiocm-shim.so)"
elif [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null; then
	keypad_note="skipped: the pty harness needs root and unshare"
else
	mkfifo "$T/kctl"
	"$sim" --pty "$T/pty" --control "$T/kctl" --log "$T/keypads.log" --addr 1 --addr 2 &
	PIDS+=($!)
	exec 9<>"$T/kctl"   # keeps the control FIFO open for the simulator
	if wait_until 5 test -s "$T/pty"; then
		# The harness execs down to the bridge: $! ends up being motcua-keypad.
		"$SRC/tests/serial/pty-as-uart.sh" "$shim" "$(cat "$T/pty")" -- \
			"$BUILD/src/keypad/motcua-keypad" --port /dev/ttyS0 --keypad 1=1 --keypad 2=2 \
			2>"$T/keypad.err" &
		keypad=$!
		PIDS+=($keypad)
		is_bridge() { [ "$(cat "/proc/$keypad/comm" 2>/dev/null)" = motcua-keypad ] &&
			grep -q "^DISPLAY 1 " "$T/keypads.log" 2>/dev/null; }
		wait_until 10 is_bridge || { keypad_note="did not start: $(tail -1 "$T/keypad.err")"; keypad=; }
	else
		keypad_note="the keypad simulator did not start"
	fi
fi

sleep "$SETTLE_S"
echo "idle memory after ${SETTLE_S} s, $SIZE under Xvfb, demo desk, build $BUILD (kB)"
printf '%-16s %8s %8s %9s %9s %9s\n' program RSS PSS PSS_anon PSS_file PSS_shm
# row NAME PID: one line of figures from smaps_rollup.
row() {
	local name=$1 pid=$2
	if [ -z "$pid" ] || [ ! -r "/proc/$pid/smaps_rollup" ]; then
		printf '%-16s %s\n' "$name" "not running: $(tail -1 "$T/${name#motcua-}.err" 2>/dev/null)"
		return
	fi
	awk -v n="$name" '
		/^Rss:/ { rss = $2 } /^Pss:/ { pss = $2 } /^Pss_Anon:/ { a = $2 }
		/^Pss_File:/ { f = $2 } /^Pss_Shmem:/ { s = $2 }
		END { printf "%-16s %8d %8d %9d %9d %9d\n", n, rss, pss, a, f, s }' \
		"/proc/$pid/smaps_rollup"
	if [ "${VERBOSE:-0}" = 1 ]; then
		pmap -x "$pid" | awk 'NR > 2 && $1 ~ /^[0-9a-f]+$/' | sort -k3 -n -r | head -5 |
			awk '{ m = $6; for (i = 7; i <= NF; i++) m = m " " $i
				printf "    %8d kB RSS  %s %s\n", $3, $5, m }'
	fi
}
row motcua-kiosk "$kiosk"
row motcua-display "$display"
row motcua-counter "$counter"
if [ -n "$keypad" ]; then
	row motcua-keypad "$keypad"
else
	printf '%-16s %s\n' motcua-keypad "$keypad_note"
fi
