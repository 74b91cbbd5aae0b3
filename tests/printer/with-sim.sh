#!/bin/sh
# with-sim.sh: runs COMMAND next to a fresh motcua-printer-sim.
# usage: with-sim.sh SIM [SIM-OPTION...] -- COMMAND [ARGS...]
# (SIM-OPTIONs such as --baud 38400 are passed on; no spaces inside them.)
# COMMAND sees SIM_LINK (the pty symlink), SIM_SPEC (the printer string:
# file:$SIM_LINK, or tcp:127.0.0.1:PORT when a SIM-OPTION is --tcp=PORT),
# SIM_OUT (PNG tickets + state), SIM_CTL (control FIFO) and TEST_TMP (a
# scratch dir removed afterwards, unless MOTCUA_TEST_KEEP=1). Exit status:
# COMMAND's.
set -u
sim=$1
shift
simopts=
tcp=0
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	case $1 in --tcp=*) tcp=1 ;; esac
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
started() {
	[ -e "$SIM_OUT/state" ] || return 1
	if [ $tcp = 1 ]; then
		[ "$(sed -n 's/^tcp_port=//p' "$SIM_OUT/state")" != 0 ]
	else
		[ -L "$SIM_LINK" ]
	fi
}
while ! started; do
	i=$((i + 1))
	if [ $i -gt 200 ]; then
		echo "simulator did not start"
		cat "$TEST_TMP/sim.log"
		exit 1
	fi
	sleep 0.05
done
if [ $tcp = 1 ]; then
	SIM_SPEC=tcp:127.0.0.1:$(sed -n 's/^tcp_port=//p' "$SIM_OUT/state")
else
	SIM_SPEC=file:$SIM_LINK
fi
export SIM_SPEC
"$@"
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 77 ]; then
	tail -20 "$TEST_TMP/sim.log"
fi
exit $rc
