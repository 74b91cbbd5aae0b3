#!/bin/bash
# Kiosk benchmark (not run in CI): under Xvfb with motcua-printer-sim,
#  1. tap-to-last-byte-sent latency: N taps on a service button; the kiosk's
#     trace reports, per ticket, the time from handling the tap to the end of
#     printjob_issue_and_print (status check, issue committed, ticket written
#     and drained from the port);
#  2. idle CPU: user+system time of the kiosk process over IDLE_S seconds on
#     the home screen, and the frames it presented meanwhile.
# usage: [PRINTMS=600] bench/kiosk_bench.sh [BUILD_DIR] [N_TAPS] [IDLE_S] [SIM_BAUD]
#   SIM_BAUD: the simulator reads at that rate (0 = as fast as possible;
#   38400 is a typical real serial printer).
set -u
build=${1:-build} taps=${2:-20} idle_s=${3:-30} baud=${4:-0}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../tests/lib/xvfb.sh"
motcua=$build/src/cli/motcua sim=$build/src/printer-sim/motcua-printer-sim
kiosk=$build/src/kiosk/motcua-kiosk
tmp=$(mktemp -d)
simpid= kpid=
cleanup() {
	[ -n "$kpid" ] && kill "$kpid" 2>/dev/null && wait "$kpid" 2>/dev/null
	[ -n "$simpid" ] && kill "$simpid" 2>/dev/null && wait "$simpid" 2>/dev/null
	xvfb_stop
	rm -rf "$tmp"
}
trap cleanup EXIT
export MOTCUA_DB=$tmp/motcua.db MOTCUA_LOG=warn
"$motcua" init --demo >/dev/null
"$sim" --link "$tmp/printer" --out "$tmp/out" --control "$tmp/ctl" --baud "$baud" \
	>"$tmp/sim.log" 2>&1 &
simpid=$!
for i in $(seq 1 100); do [ -L "$tmp/printer" ] && [ -e "$tmp/out/state" ] && break; sleep 0.05; done
xvfb_start 1920x1080 || exit 1
# A slow simulated link needs a longer timeout for the upload of the static
# header to the printer's NV memory (~32 KB), which the kiosk does at start.
# printms=0: printjob_issue_and_print normally waits the printer's print time
# (600 ms) before the status that confirms the paper came out; without that
# wait, the job ends when the last byte has been sent (and the status read).
spec="file:$tmp/printer?printms=${PRINTMS:-0}"
[ "$baud" != 0 ] && spec="$spec&timeout=20000"
MOTCUA_TRACE=$tmp/trace "$kiosk" --printer "$spec" --window 1920x1080 \
	2>"$tmp/kiosk.log" &
kpid=$!
trace() { python3 "$here/../tests/lib/trace.py" "$1" "$tmp/trace" "${@:2}"; }
trace wait --timeout 600 what=printer state=ok >/dev/null || exit 1
trace wait t=frame screen=home >/dev/null || exit 1

btn=$(trace center normal HT) title=$(trace center title -)
for t in $(seq 1 "$taps"); do
	want=$t
	until [ "$(trace count what=ticket)" -ge "$want" ]; do
		xdotool mousemove $btn click 1
		sleep 0.05
	done
	n=$(wc -l < "$tmp/trace")
	until [ "$(trace count --after "$n" what=screen name=home)" -gt 0 ]; do
		xdotool mousemove $title click 1
		sleep 0.1
	done
done
latencies() { grep '"what":"ticket"' "$tmp/trace" | sed 's/.*"latency_ms":"\([0-9]*\)".*/\1/'; }
echo "tap-to-last-byte-sent (printms=${PRINTMS:-0}), simulator baud $baud:"
echo "  first ticket: $(latencies | head -1) ms"
echo "  next $((taps - 1)) tickets:"
latencies | tail -n +2 | sort -n | awk '
	{ v[NR] = $1; s += $1 }
	END { printf "  min %d ms, median %d ms, mean %.1f ms, max %d ms\n",
		v[1], v[int((NR + 1) / 2)], s / NR, v[NR] }'

# Idle: wait for the home screen to settle (the dismiss lock ends), then measure.
sleep 2
hz=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$kpid/stat"; }
f0=$(grep -c '"t":"frame"' "$tmp/trace") c0=$(cpu)
sleep "$idle_s"
f1=$(grep -c '"t":"frame"' "$tmp/trace") c1=$(cpu)
ms=$(( (c1 - c0) * 1000 / hz ))
echo "idle over ${idle_s} s: ${ms} ms CPU ($(awk -v m=$ms -v s=$idle_s 'BEGIN { printf "%.3f", m / s / 10 }') %)," \
	"$((f1 - f0)) frame(s) presented"
