#!/bin/sh
# End-to-end printing with faults over a pty posing as /dev/ttyS0 (through
# libserialport). Run by with-sim.sh (which starts motcua-printer-sim):
# creates a demo database, runs e2e_faults inside tests/serial/pty-as-uart.sh.
# usage: with-sim.sh SIM -- e2e.sh MOTCUA E2E_FAULTS HARNESS SHIM   (77 = skipped)
set -u
motcua=$1 e2e=$2 harness=$3 shim=$4
export MOTCUA_DB="$TEST_TMP/motcua.db"
"$motcua" init --demo >/dev/null || exit 1
exec "$harness" "$shim" "$SIM_LINK" -- sh -c \
	'exec "$0" "$1" "$2" "$3" "serial:$MOTCUA_TEST_UART?baud=115200&timeout=800&profile=epson-tm-t20&nvwrites=1000"' \
	"$e2e" "$MOTCUA_DB" "$SIM_OUT" "$SIM_CTL"
