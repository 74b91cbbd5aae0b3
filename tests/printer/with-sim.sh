#!/bin/sh
# with-sim.sh: runs COMMAND next to a fresh motcua-printer-sim.
# usage: with-sim.sh SIM [SIM-OPTION...] -- COMMAND [ARGS...]
# (SIM-OPTIONs such as --baud 38400 are passed on; no spaces inside them.)
# COMMAND sees SIM_LINK (the pty symlink), SIM_OUT (PNG tickets + state),
# SIM_CTL (control FIFO) and TEST_TMP (a scratch dir removed afterwards,
# unless MOTCUA_TEST_KEEP=1). Exit status: COMMAND's.
set -u
sim=$1
shift
simopts=
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	simopts="$simopts $1"
	shift
done
shift
TEST_TMP=$(mktemp -d)
SIM_LINK=$TEST_TMP/printer SIM_OUT=$TEST_TMP/out SIM_CTL=$TEST_TMP/ctl
export TEST_TMP SIM_LINK SIM_OUT SIM_CTL
simpid=
cleanup() {
	[ -n "$simpid" ] && kill "$simpid" 2>/dev/null && wait "$simpid" 2>/dev/null
	if [ "${MOTCUA_TEST_KEEP:-0}" = 1 ]; then
		echo "# kept $TEST_TMP"
	else
		rm -rf "$TEST_TMP"
	fi
}
trap cleanup EXIT
# shellcheck disable=SC2086  # simopts: split on purpose
"$sim" $simopts --link "$SIM_LINK" --out "$SIM_OUT" --control "$SIM_CTL" 2>"$TEST_TMP/sim.log" >/dev/null &
simpid=$!
i=0
while [ ! -e "$SIM_OUT/state" ] || [ ! -L "$SIM_LINK" ]; do
	i=$((i + 1))
	if [ $i -gt 200 ]; then
		echo "simulator did not start"
		cat "$TEST_TMP/sim.log"
		exit 1
	fi
	sleep 0.05
done
"$@"
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 77 ]; then
	tail -20 "$TEST_TMP/sim.log"
fi
exit $rc
