#!/bin/sh
# End-to-end printing with faults over a pty posing as /dev/ttyS0 (through
# libserialport): starts motcua-printer-sim, creates a demo database, runs
# e2e_faults inside tests/serial/pty-as-uart.sh. Exit 77 = skipped.
# usage: e2e.sh MOTCUA SIM E2E_FAULTS HARNESS SHIM
set -u
motcua=$1 sim=$2 e2e=$3 harness=$4 shim=$5
tmp=$(mktemp -d)
simpid=
cleanup() {
	[ -n "$simpid" ] && kill "$simpid" 2>/dev/null && wait "$simpid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
export MOTCUA_DB="$tmp/motcua.db"
"$motcua" init --demo >/dev/null || exit 1
"$sim" --link "$tmp/printer" --out "$tmp/out" --control "$tmp/ctl" 2>"$tmp/sim.log" >/dev/null &
simpid=$!
i=0
while [ ! -e "$tmp/out/state" ] || [ ! -L "$tmp/printer" ]; do
	i=$((i + 1))
	[ $i -gt 100 ] && { echo "simulator did not start"; cat "$tmp/sim.log"; exit 1; }
	sleep 0.05
done
"$harness" "$shim" "$tmp/printer" -- sh -c \
	'exec "$0" "$1" "$2" "$3" "serial:$MOTCUA_TEST_UART?baud=115200&timeout=800"' \
	"$e2e" "$MOTCUA_DB" "$tmp/out" "$tmp/ctl"
rc=$?
[ $rc -ne 0 ] && [ $rc -ne 77 ] && tail -20 "$tmp/sim.log"
exit $rc
