#!/bin/bash
# The waiting-room screen's call -> screen latency, server mode next to
# local mode (not run in CI; about a minute).
#   bench/display_server_bench.sh [BUILD_DIR] [CALLS]     (default: build, 40)
# One desk file served by motcuad on 127.0.0.1; two displays under one
# Xvfb (1280x720): one reads the file (--db, local mode), one the server
# (--server, its event stream). Officers call through the server (`motcua
# --server ... call`, as a counter PC does), one call a second. For each
# call: from its commit (the event's time) to the first whole frame each
# display presented that shows it (the draw trace): p50, p99 and max.
set -u
BUILD=${1:-build}
CALLS=${2:-40}
SRC=$(cd "$(dirname "$0")/.." && pwd)
MOTCUA=$BUILD/src/cli/motcua
MOTCUAD=$BUILD/src/server/motcuad
DISPLAY_BIN=$BUILD/src/display/motcua-display
. "$SRC/bench/bench_lib.sh"
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 command (package sqlite3)"; exit 1; }
m() { "$MOTCUA" "$@"; }

m init --demo >/dev/null
for i in $(seq 1 $((CALLS / 2 + 5))); do m issue HT >/dev/null; m issue CT >/dev/null; done
tok=$(m --json token add bench-screen --role display | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
officer=$(m --json token add bench-admin --role admin | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
"$MOTCUAD" --listen 127.0.0.1:0 --url-file "$T/url" 2>"$T/server.log" &
PIDS+=($!)
for i in $(seq 1 100); do [ -s "$T/url" ] && break; sleep 0.05; done
url=$(cat "$T/url")

xvfb_start 1280x720
MOTCUA_TRACE=$T/local.trace "$DISPLAY_BIN" --db "$MOTCUA_DB" --window 1280x720 --silent \
	2>"$T/local.log" &
PIDS+=($!)
MOTCUA_TRACE=$T/remote.trace "$DISPLAY_BIN" --server "$url" --token "$tok" --window 1280x720 \
	--silent 2>"$T/remote.log" &
PIDS+=($!)
sleep 3

for i in $(seq 1 "$CALLS"); do
	MOTCUA_TOKEN=$officer m --server "$url" call $(( i % 2 + 1 )) >/dev/null
	sleep 1
done
sleep 2
sqlite3 -readonly "$MOTCUA_DB" "select id, at_ms from events where kind = 'call' order by id" \
	| tr '|' ' ' >"$T/calls.txt"

latency() {  # TRACE LABEL
	python3 - "$1" "$T/calls.txt" <<'PY' | sort -n >"$T/lat.txt"
import json, sys
frames = [(r["ms"], int(r["event"])) for r in map(json.loads, open(sys.argv[1]))
          if r["t"] == "frame" and "partial" not in r and "event" in r]
for line in open(sys.argv[2]):
    call_id, at_ms = map(int, line.split())
    shown = next((ms for ms, ev in frames if ev >= call_id), None)
    if shown is not None:
        print(shown - at_ms)
PY
	local n p50 p99 max
	n=$(wc -l <"$T/lat.txt")
	if (( n == 0 )); then
		echo "$2: no latency samples"
		return
	fi
	p50=$(awk -v n="$n" 'NR == int((n - 1) * 0.50) + 1' "$T/lat.txt")
	p99=$(awk -v n="$n" 'NR == int((n - 1) * 0.99 + 0.999)' "$T/lat.txt")
	max=$(tail -1 "$T/lat.txt")
	printf "%-34s n=%d p50=%s ms p99=%s ms max=%s ms\n" "$2" "$n" "$p50" "$p99" "$max"
}
echo "motcua-display call -> screen, 1280x720 under Xvfb, $(nproc) CPUs, $CALLS calls through motcuad"
latency "$T/local.trace" "local mode (--db, 100 ms poll)"
latency "$T/remote.trace" "server mode (--server, event stream)"
