#!/bin/bash
# Benchmark of motcua-display (not run in CI; takes about 3 minutes).
#   bench/display_bench.sh [BUILD_DIR]      (default: build)
# Under Xvfb at 1920x1080, with a long scrolling notice and the SDL disk
# audio driver writing to /dev/null:
#  - CPU (% of one core) and memory (RSS) of the display over 60 s idle;
#  - the same over 60 s with a call every 2 s (30 calls, announced);
#  - CPU over 30 s idle with a notice that fits (nothing moves);
#  - latency from each call's commit (its event time) to the first frame
#    presented that shows it (the draw trace, $MOTCUA_TRACE): p50, p99, max.
set -u
BUILD=${1:-build}
SRC=$(cd "$(dirname "$0")/.." && pwd)
MOTCUA=$BUILD/src/cli/motcua
DISPLAY_BIN=$BUILD/src/display/motcua-display
IDLE_S=${IDLE_S:-60} CALLS_S=${CALLS_S:-60} STILL_S=${STILL_S:-30}
. "$SRC/tests/lib/xvfb.sh"
T=$(mktemp -d)
DPID=
trap '[ -n "$DPID" ] && kill $DPID 2>/dev/null; xvfb_stop; rm -rf "$T"' EXIT
export MOTCUA_ASSETS=$SRC/assets MOTCUA_LOG=warn
DB=$T/m.db
m() { "$MOTCUA" --db "$DB" "$@"; }
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 command (package sqlite3)"; exit 1; }

m init --demo >/dev/null
m set notice "Công dân vui lòng lấy số thứ tự và chờ đến lượt. Giờ làm việc: sáng 7h00–11h30, chiều 13h30–17h00 từ thứ Hai đến thứ Sáu. Xin cảm ơn quý công dân đã hợp tác." >/dev/null
for i in $(seq 1 20); do m issue HT >/dev/null; m issue CT >/dev/null; done

xvfb_start 1920x1080
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null MOTCUA_TRACE=$T/trace "$DISPLAY_BIN" \
	--db "$DB" 2>"$T/err" &
DPID=$!
sleep 3

ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' /proc/$1/stat; }
rss_kb() { awk '/^VmRSS/ { print $2 }' /proc/$1/status; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

measure() {  # label seconds [command run every 2 s]
	local label=$1 secs=$2 cmd=${3:-}
	local c0 x0 t0 c1 x1 t1 rss_max=0 r
	c0=$(cpu_ticks $DPID); x0=$(cpu_ticks $XVFB_PID); t0=$(now_ms)
	local end=$(( t0 + secs * 1000 ))
	while (( $(now_ms) < end )); do
		[ -n "$cmd" ] && $cmd
		r=$(rss_kb $DPID); (( r > rss_max )) && rss_max=$r
		sleep 2
	done
	c1=$(cpu_ticks $DPID); x1=$(cpu_ticks $XVFB_PID); t1=$(now_ms)
	awk -v l="$label" -v c=$((c1 - c0)) -v x=$((x1 - x0)) -v t=$((t1 - t0)) -v hz=$ticks \
		-v rss=$rss_max 'BEGIN { printf "%-28s display CPU %5.2f %%  Xvfb CPU %5.2f %%  RSS max %d KiB  (%.0f s)\n",
		l, 100 * c / hz / (t / 1000), 100 * x / hz / (t / 1000), rss, t / 1000 }'
}

call_n=0
do_call() {
	call_n=$((call_n + 1))
	m call $(( call_n % 2 + 1 )) >/dev/null
	sqlite3 -readonly "$DB" "select id, at_ms from events where kind = 'call' order by id desc limit 1" \
		| tr '|' ' ' >> "$T/calls.txt"
}

echo "motcua-display benchmark, 1920x1080 under Xvfb, $(nproc) CPUs"
measure "idle (notice scrolling)" "$IDLE_S"
m set notice "Kính chào quý công dân." >/dev/null
sleep 1
measure "idle (short notice, still)" "$STILL_S"
: > "$T/calls.txt"
measure "a call every 2 s" "$CALLS_S" do_call
sleep 1


# Latency: first whole frame presented whose event id covers the call.
python3 - "$T/trace" "$T/calls.txt" <<'PY' | sort -n > "$T/lat.txt"
import json, sys
frames = [(r["ms"], int(r["event"])) for r in map(json.loads, open(sys.argv[1]))
          if r["t"] == "frame" and "partial" not in r]
for line in open(sys.argv[2]):
    call_id, at_ms = map(int, line.split())
    shown = next((ms for ms, ev in frames if ev >= call_id), None)
    if shown is not None:
        print(shown - at_ms)
PY
n=$(wc -l < "$T/lat.txt")
if (( n > 0 )); then
	p50=$(awk -v n=$n 'NR == int((n - 1) * 0.50) + 1' "$T/lat.txt")
	p99=$(awk -v n=$n 'NR == int((n - 1) * 0.99 + 0.999) ' "$T/lat.txt")
	max=$(tail -1 "$T/lat.txt")
	echo "call commit -> frame presented: n=$n p50=${p50} ms p99=${p99} ms max=${max} ms"
else
	echo "no latency samples"
fi
echo "announcements played: $(grep -c '"what":"announce","phase":"end"' "$T/trace")"
