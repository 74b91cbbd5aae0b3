#!/bin/bash
# motcua-keypad on the bus as an installer meets it, over the shared pty
# harness (tests/serial/pty-as-uart.sh):
#   1. --scan lists the keypads that answer (a version 2 and a version 1
#      keypad), exits 0, and 1 when none answers; a bad range is exit 2;
#   2. a slow line (1200 baud, simulated: keypad_sim --baud) where one
#      exchange takes ~180 ms: the reply timeout grows with it, so keypads
#      stay online and a key press is executed.
# Usage: e2e_bus.sh KEYPAD SIM FIXTURE PTY_AS_UART SHIM
set -u
keypad=$1 sim=$2 fix=$3 harness=$4 shim=$5
. "$(dirname "$0")/bus_lib.sh"
db=$tmp/q.db
stop_sim() {
	echo quit >"$tmp/ctl"
	wait "$sim_pid" 2>/dev/null
}
# run_keypad ARGS...: motcua-keypad on the simulated bus; exit status in $rc.
run_keypad() {
	"$harness" "$shim" "$pty" -- "$keypad" "$@" >"$tmp/scan.out" 2>"$tmp/scan.err.log"
	rc=$?
	if [ $rc = 77 ]; then echo "skipped: no pty harness"; exit 77; fi
}

for bad in 0-3 1-248 5-2 1- -4 "1 -3" x; do
	"$keypad" --port /dev/ttyS0 --scan "$bad" >/dev/null 2>&1; rc=$?
	[ $rc = 2 ] || fail "--scan '$bad': exit $rc, expected 2"
done
"$keypad" --port /dev/ttyS0 --scan 1-4 --keypad 1=1 >/dev/null 2>&1; rc=$?
[ $rc = 2 ] || fail "--scan with --keypad: exit $rc, expected 2"
# Mistakes on the command line are told in Vietnamese (getopt's English stays quiet).
"$keypad" --port /dev/ttyS0 --scan 0-3 >/dev/null 2>"$tmp/err"
grep -qx "motcua-keypad: --scan 0-3 sai: cần dạng ĐẦU-CUỐI trong khoảng 1..247, ví dụ 1-32" \
	"$tmp/err" || fail "bad --scan message: $(cat "$tmp/err")"
"$keypad" --port /dev/ttyS0 --bogus >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -qx "motcua-keypad: không có tùy chọn --bogus (xem motcua-keypad --help)" \
	"$tmp/err" || fail "unknown option: exit $rc: $(cat "$tmp/err")"
"$keypad" --scan 1-4 >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -qx "motcua-keypad: thiếu --port (cổng nối tiếp của các bàn phím)" "$tmp/err" \
	|| fail "missing --port: exit $rc: $(cat "$tmp/err")"

# 1. Scan: keypads 2 (version 2) and 5 (version 1) answer, the rest is silent.
start_sim --addr 2 --addr 5 --v1 5
run_keypad --port /dev/ttyS0 --scan 1-8 --timeout-ms 30
[ $rc = 0 ] || fail "--scan 1-8: exit $rc"
grep -qx "Bàn phím 2: giao thức 2, firmware 1.0, 12 phím, phiên 3" "$tmp/scan.out" \
	|| fail "keypad 2 not listed with its INFO"
grep -qx "Bàn phím 5: giao thức 1, firmware 1.0, 12 phím" "$tmp/scan.out" \
	|| fail "keypad 5 (version 1) not listed"
[ "$(grep -c "^Bàn phím" "$tmp/scan.out")" = 2 ] || fail "keypads listed that do not exist"
grep -qx "Tìm thấy 2 bàn phím ở địa chỉ 1–8." "$tmp/scan.out" || fail "no summary"
# The version 2 keypad kept its pending key press through the scan.
echo "key 2 1" >"$tmp/ctl"
sleep 0.1
run_keypad --port /dev/ttyS0 --scan 2
[ $rc = 0 ] || fail "--scan 2: exit $rc"
seen "HELLO-KEEP 2" || fail "the scan did not greet with KEEP"
seen "HELLO 2" && fail "the scan flushed a version 2 keypad's events"
run_keypad --port /dev/ttyS0 --scan 10-12 --timeout-ms 20
[ $rc = 1 ] || fail "--scan of an empty range: exit $rc, expected 1"
grep -q "Không có bàn phím nào trả lời ở địa chỉ 10–12" "$tmp/scan.err.log" \
	|| fail "no message for an empty bus"
stop_sim

# 2. A slow line: 1200 baud.
"$fix" "$db" setup 2>/dev/null || fail "setup"
"$fix" "$db" issue HT >/dev/null 2>&1 || fail "issue"       # A1001
start_sim --addr 1 --baud 1200
"$harness" "$shim" "$pty" -- "$keypad" --db "$db" --port "serial:/dev/ttyS0?baud=1200" \
	--keypad 1=1 >"$tmp/bridge.log" 2>&1 &
bridge=$!
pids+=($bridge)
sleep 0.3
if ! kill -0 $bridge 2>/dev/null; then
	wait $bridge; rc=$?
	[ $rc = 77 ] && { echo "skipped: no pty harness"; exit 77; }
	fail "bridge exited with $rc"
fi
grep -q "open at 1200 baud, reply timeout 3[0-9][0-9] ms" "$tmp/bridge.log" || fail "timeout not scaled"
wait_for 'seen "DISPLAY 1 0 "'
echo "key 1 1" >"$tmp/ctl"
wait_for '"$fix" "$db" ticket A1001 | grep -q "^called 1 "'
wait_for 'seen "DISPLAY 1 1 A1001"'
grep -q "does not answer" "$tmp/bridge.log" && fail "keypad taken for offline on a slow line"
kill -TERM $bridge
wait $bridge
echo "ok: keypad bus scan and slow line"
