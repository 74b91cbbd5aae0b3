#!/bin/bash
# Idle cost of the three SDL programs (not run in CI; about 2.5 minutes):
# each one alone under Xvfb at 1920x1080 on the demo desk, left idle for
# IDLE_S seconds (default 30) after a short settling time; prints the CPU
# time it used (user+system from /proc/PID/stat), as % of one core, its RSS
# and, when the program writes the draw trace ($MOTCUA_TRACE), the frames it
# presented meanwhile.
#   [TRACE=0] [IDLE_S=30] bench/idle_bench.sh [BUILD_DIR]      (default: build)
# The display is measured twice: with a notice too long for the screen
# (it scrolls at --ticker-hz, 10 steps/s) and with a short one (still).
set -u
BUILD=${1:-build}
SRC=$(cd "$(dirname "$0")/.." && pwd)
IDLE_S=${IDLE_S:-30}
. "$SRC/bench/bench_lib.sh"
# TRACE=0: without the draw trace (its cost is then not counted; no frame counts).
[ "${TRACE:-1}" = 0 ] || export MOTCUA_TRACE=$T/trace
motcua=$BUILD/src/cli/motcua
hz=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
frames() { grep -c '"t":"frame"' "$T/trace" 2>/dev/null || true; }

# measure LABEL PID: idle CPU of PID over IDLE_S seconds.
measure() {
	local label=$1 pid=$2 c0 c1 f0 f1 t0 t1 rss
	sleep 3
	c0=$(cpu_ticks "$pid") f0=$(frames) t0=$(date +%s%N)
	sleep "$IDLE_S"
	c1=$(cpu_ticks "$pid") f1=$(frames) t1=$(date +%s%N)
	rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")
	awk -v l="$label" -v c=$((c1 - c0)) -v hz="$hz" -v t=$(((t1 - t0) / 1000000)) \
		-v rss="$rss" -v f=$((f1 - f0)) 'BEGIN {
		printf "%-30s %6d ms CPU in %.0f s = %5.2f %% of a core, RSS %d MiB, %d frame(s)\n",
			l, c * 1000 / hz, t / 1000, 100 * c / hz / (t / 1000), rss / 1024, f }'
}
stop() { kill "$1" 2>/dev/null; wait "$1" 2>/dev/null; PIDS=(); }

"$motcua" init --demo >/dev/null || exit 1
xvfb_start 1920x1080 || exit 1
echo "idle CPU over $IDLE_S s, 1920x1080 under Xvfb, $(nproc) CPUs, build $BUILD"

"$BUILD/src/printer-sim/motcua-printer-sim" --link "$T/printer" --out "$T/out" \
	--control "$T/ctl" >"$T/sim.log" 2>&1 &
sim=$!
for i in $(seq 1 100); do [ -L "$T/printer" ] && [ -e "$T/out/state" ] && break; sleep 0.05; done
"$BUILD/src/kiosk/motcua-kiosk" --printer "file:$T/printer" --window 1920x1080 2>"$T/kiosk.err" &
PIDS=($!)
measure "motcua-kiosk (home screen)" "${PIDS[0]}"
stop "${PIDS[0]}"
kill "$sim"; wait "$sim" 2>/dev/null

# display LABEL NOTICE: the display alone with that notice.
display() {
	"$motcua" set notice "$2" >/dev/null
	SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null "$BUILD/src/display/motcua-display" \
		2>"$T/display.err" &
	PIDS=($!)
	measure "motcua-display ($1)" "${PIDS[0]}"
	stop "${PIDS[0]}"
}
display "notice moving" "Công dân vui lòng lấy số thứ tự và chờ đến lượt. Giờ làm việc: sáng 7h00–11h30, chiều 13h30–17h00 từ thứ Hai đến thứ Sáu. Xin cảm ơn quý công dân đã hợp tác."
display "notice still" "Kính chào quý công dân."

"$BUILD/src/counter/motcua-counter" --counter 1 --window 1280x800 2>"$T/counter.err" &
PIDS=($!)
measure "motcua-counter (1280x800)" "${PIDS[0]}"
stop "${PIDS[0]}"
