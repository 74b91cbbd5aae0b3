#!/bin/bash
# motcua-kiosk on a PC without the desk's file: a client of motcuad (Xvfb,
# motcua-printer-sim on its own link, taps by xdotool). A tap issues on the
# server and prints here; the printer's state lives in the kiosk's own file
# (--printer-state) and its fault reaches the server (`status`); with the
# server killed a tap issues nothing, prints nothing, and tells the citizen
# why; once the server is back on the same port the kiosk issues again by
# itself; a ticket whose printing is not confirmed is flagged on the server.
#   kiosk.sh MOTCUA MOTCUAD KIOSK SIM SOURCE_ROOT
motcua=$1 motcuad=$2 kiosk=$3 sim=$4 SRC=$5
. "$SRC/tests/desk/lib.sh"
m() { MOTCUA_LOG=warn "$motcua" "$@"; }
ktrace() { python3 "$SRC/tests/lib/trace.py" "$1" "$MOTCUA_TRACE" "${@:2}"; }
kwait() { local after=$1; shift; ktrace wait --after "$after" --pid "$kiosk_pid" "$@" >/dev/null; }
seen() { [ "$(ktrace count --after "$@")" -gt 0 ]; }
tap_until() {  # KIND ID FILTER...: taps the rectangle until a record matches
	local xy n0 i kind=$1 id=$2
	shift 2
	xy=$(ktrace center "$kind" "$id") || fail "no rect $kind $id"
	n0=$(lines)
	for i in $(seq 1 60); do
		xdotool mousemove $xy click 1
		sleep 0.1
		seen "$n0" "$@" && return 0
	done
	fail "tapping $kind $id never gave $*"
}
dismiss() {
	[ "$(ktrace field name what=screen)" = home ] && return 0
	tap_until title - what=screen name=home
}
pngs() { ls "$tmp/out"/*.png 2>/dev/null | wc -l; }

m init --demo >/dev/null || fail "init"
tok=$(token kiosk1 --role kiosk)
server_up srv
mkdir -p "$tmp/out"
"$sim" --link "$tmp/printer" --out "$tmp/out" --control "$tmp/ctl" >"$tmp/sim.log" 2>&1 &
clients+=($!)
wait_for "[ -L '$tmp/printer' ] && [ -e '$tmp/out/state' ]"
xvfb 1280x800
spawn kiosk "$kiosk" --server "$url" --token "$tok" --printer-state "$tmp/kiosk-state.db" \
	--printer "file:$tmp/printer?profile=epson-tm-t20&nvwrites=1000" --window 1280x800
kwait 0 what=printer state=ok || fail "the kiosk's printer never became ready"
kwait 0 t=frame screen=home rect=normal:HT || fail "no home screen from the server's fields"
ok "true" "the kiosk shows the server's fields"

at=$(lines)
tap_until normal HT what=ticket
num=$(ktrace field number what=ticket)
ok "[ '$num' = 1001 ] && [ \"\$(sql \"select status from tickets where number='1001'\")\" = waiting ]" \
	"a tap issues on the server (1001, waiting) and shows it"
ok "[ \$(pngs) = 1 ]" "its paper came out of this kiosk's printer"
ok "[ \"\$(sqlite3 '$tmp/kiosk-state.db' 'select count(*) from printer_nv')\" -ge 1 ]" \
	"the printer's NV images are remembered in the kiosk's own state file"
ok "[ \"\$(sql \"select status from devices where name='kiosk1/printer'\")\" = ok ]" \
	"the printer's state reached the server (device kiosk1/printer: ok)"

# --- the server dies ---------------------------------------------------------
keep=$port
dismiss
server_kill srv
before_png=$(pngs)
at=$(lines)
tap_until normal HT what=error
ok "[ \"\$(ktrace field title what=error)\" = 'Máy lấy số tạm thời không kết nối được' ]" \
	"server down: the kiosk tells the citizen it is not connected"
ok "ktrace texts screen=error | paste -sd ' ' - | grep -q 'vui lòng chờ trong giây lát'" \
	"and what to do"
ok "[ \$(pngs) = $before_png ]" "no paper comes out"

# --- the server is back -------------------------------------------------------
server_up srv2 "$keep"
ok "[ \$(sql 'select count(*) from tickets') = 1 ]" "nothing was issued while it was down"
dismiss
at=$(lines)
tap_until normal HT what=ticket
num=$(ktrace field number what=ticket)
ok "[ '$num' = 1002 ] && [ \$(pngs) = $((before_png + 1)) ]" \
	"server back on the same port: the kiosk issues again by itself (1002, printed)"

# Paper runs out inside a ticket: valid, flagged on the server.
dismiss
echo "paper after 10" >"$tmp/ctl"
for i in $(seq 1 100); do grep -q '^paper_left=10$' "$tmp/out/state" && break; sleep 0.05; done
at=$(lines)
tap_until normal HT what=ticket
kwait "$at" what=ticket unconfirmed=1
rc=$?; ok "[ $rc = 0 ]" "paper out inside a ticket: shown as not confirmed"
num=$(ktrace field number what=ticket)
wait_for "[ \"\$(sql \"select status || ' ' || print_unconfirmed from tickets where number='$num'\")\" = 'waiting 1' ]"
ok "true" "the server keeps it valid and flagged unconfirmed ($num)"
finish
