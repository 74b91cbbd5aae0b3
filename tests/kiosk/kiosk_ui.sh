#!/bin/bash
# UI test of motcua-kiosk under Xvfb with motcua-printer-sim:
#  - taps (xdotool) on a normal and a priority button give tickets with the
#    right service and priority in the database, and PNG tickets from the
#    simulator;
#  - a double tap gives one ticket;
#  - paper out: no ticket, no number consumed, the message is shown, and the
#    kiosk recovers by itself when the paper is back; paper out inside a
#    ticket: the ticket stays valid, flagged, until the admin reprints it;
#  - the screen follows the database (service added / disabled live);
#  - the daily cap shows a service as full;
#  - hidden gesture + PIN: a wrong PIN is refused and logged, the right one
#    opens the admin screen: self-test, reprint, exit;
#  - screenshots at 1080x1920, 1920x1080, 1280x800 and 800x480 in SHOTS.
# The kiosk's trace file ($MOTCUA_KIOSK_TRACE) is polled; no fixed sleeps.
# usage: kiosk_ui.sh MOTCUA SIM KIOSK SHOTS_DIR
set -u
motcua=$1 sim=$2 kiosk=$3 shots=$4
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/xvfb.sh"

tmp=$(mktemp -d)
simpid= kpid=
mkdir -p "$shots"
cleanup() {
	[ -n "$kpid" ] && kill "$kpid" 2>/dev/null && wait "$kpid" 2>/dev/null
	[ -n "$simpid" ] && kill "$simpid" 2>/dev/null && wait "$simpid" 2>/dev/null
	xvfb_stop
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
	echo "FAIL: $*"
	echo "--- trace (tail)"; grep -v '^rect' "$tmp/trace" 2>/dev/null | tail -25
	echo "--- kiosk log"; tail -20 "$tmp/kiosk.log" 2>/dev/null
	exit 1
}
export MOTCUA_DB="$tmp/motcua.db"
export MOTCUA_LOG=info

# Waits (up to 15 s) until the trace has a line matching $1 after line $2.
wait_trace() {
	local pat=$1 after=${2:-0} i
	for i in $(seq 1 300); do
		tail -n +$((after + 1)) "$tmp/trace" 2>/dev/null | grep -q -- "$pat" && return 0
		kill -0 "$kpid" 2>/dev/null || fail "kiosk died waiting for '$pat'"
		sleep 0.05
	done
	fail "timeout waiting for '$pat'"
}
lines() { wc -l < "$tmp/trace"; }
# Waits for the next presented frame of screen $1 after line $2.
wait_frame() { wait_trace "^frame [0-9]* $1\$" "$2"; }
# Centre of the last traced rectangle "rect KIND ID x y w h".
center() {
	awk -v k="$1" -v id="$2" '$1=="rect" && $2==k && $3==id { x=$4+int($6/2); y=$5+int($7/2) }
		END { if (x=="") exit 1; print x, y }' "$tmp/trace"
}
tap() {
	local xy
	xy=$(center "$1" "$2") || fail "no rect $1 $2"
	xdotool mousemove $xy click 1
}
# Taps rect $1 $2 until the trace shows $3 (taps are ignored for a moment
# after a ticket or a message, so the first ones may not count).
tap_until() {
	local xy n0 i
	xy=$(center "$1" "$2") || fail "no rect $1 $2"
	n0=$(lines)
	for i in $(seq 1 60); do
		xdotool mousemove $xy click 1
		sleep 0.1
		grep -q -- "$3" <(tail -n +$((n0 + 1)) "$tmp/trace") && return 0
	done
	fail "tapping $1 $2 never gave '$3'"
}
# Taps a neutral spot (the title line) until the home screen is back.
dismiss() { tap_until title - '^screen home'; }
sql() { sqlite3 "$MOTCUA_DB" "$1"; }
sim_state() { sed -n "s/^$1=//p" "$tmp/out/state"; }
wait_sim() {
	local i
	for i in $(seq 1 200); do
		[ "$(sim_state "$1")" = "$2" ] && return 0
		sleep 0.05
	done
	fail "simulator state $1 never became $2"
}

start_kiosk() {  # WxH
	: > "$tmp/trace"
	MOTCUA_KIOSK_TRACE="$tmp/trace" "$kiosk" --printer "file:$tmp/printer" --window "$1" \
		>>"$tmp/kiosk.log" 2>&1 &
	kpid=$!
	wait_trace '^printer ok'
	wait_frame home "$(grep -n '^printer ok' "$tmp/trace" | head -1 | cut -d: -f1)"
}
stop_kiosk() {
	kill "$kpid" 2>/dev/null && wait "$kpid" 2>/dev/null
	kpid=
}

"$motcua" init --demo >/dev/null || fail "init"
"$sim" --link "$tmp/printer" --out "$tmp/out" --control "$tmp/ctl" >"$tmp/sim.log" 2>&1 &
simpid=$!
for i in $(seq 1 100); do
	[ -e "$tmp/out/state" ] && [ -L "$tmp/printer" ] && break
	sleep 0.05
done
[ -L "$tmp/printer" ] || fail "simulator did not start"

# --- 1. Taps give tickets (landscape 1920x1080) ---------------------------
# A malformed printer string stops the kiosk at once (exit 2), storing nothing.
"$kiosk" --printer "tcp:192.0.2.1:99999" --window 800x480 >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] || fail "kiosk with a bad printer string: exit $rc, expected 2"
grep -q 99999 "$tmp/err" || fail "the kiosk's message does not name the bad port: $(cat "$tmp/err")"
[ "$(sql "SELECT COUNT(*) FROM devices")" = 0 ] || fail "a bad printer string was stored"

xvfb_start 1920x1080 || exit 77
start_kiosk 1920x1080
xvfb_screenshot "$shots/home-1920x1080.png"

n=$(lines); tap normal HT
wait_trace '^ticket ' "$n"
wait_frame ticket "$n"
xvfb_screenshot "$shots/ticket-1920x1080.png"
[ "$(sql "SELECT COUNT(*) FROM tickets")" = 1 ] || fail "expected 1 ticket"
[ "$(sql "SELECT s.code || ' ' || t.priority || ' ' || t.status FROM tickets t
	JOIN services s ON s.id = t.service_id")" = "HT 0 waiting" ] || fail "wrong first ticket"
wait_sim tickets 1
png=$(sim_state last_png)
[ -s "$png" ] || fail "no PNG ticket from the simulator"
# An 80 mm ticket: 576 dots wide, taller than a few lines of text.
read -r pw ph < <(identify -format '%w %h\n' "$png")
[ "$pw" = 576 ] && [ "$ph" -gt 300 ] || fail "odd ticket image ${pw}x$ph"
cp "$png" "$shots/paper-ticket.png"

# Tap the confirmation away (after its short lock), then a priority ticket.
dismiss
n=$(lines)
tap_until priority CT '^tap CT 1'
wait_trace '^ticket .* CT 1 ' "$n"
[ "$(sql "SELECT t.priority FROM tickets t JOIN services s ON s.id = t.service_id
	WHERE s.code = 'CT'")" = 1 ] || fail "CT ticket is not a priority ticket"
wait_frame ticket "$n"
xvfb_screenshot "$shots/ticket-priority-1920x1080.png"
wait_sim tickets 2

# --- 2. Double tap: one ticket ---------------------------------------------
xdotool key Escape  # ignored while locked: still on the ticket screen
dismiss
n=$(lines)
xy=$(center normal DD)
for i in $(seq 1 40); do  # repeat until the dismiss lock is over
	xdotool mousemove $xy click --repeat 2 --delay 60 1
	sleep 0.1
	grep -q '^tap DD' <(tail -n +$((n + 1)) "$tmp/trace") && break
done
wait_trace '^ticket .* DD 0 ' "$n"
# A later ticket (keyboard: key 5 = the fifth service, KH) proves every
# event of the double tap was handled before it.
dismiss
n=$(lines)
for i in $(seq 1 40); do
	xdotool key 5
	sleep 0.1
	grep -q '^tap KH' <(tail -n +$((n + 1)) "$tmp/trace") && break
done
wait_trace '^ticket .* KH 0 ' "$n"
[ "$(sql "SELECT COUNT(*) FROM tickets t JOIN services s ON s.id = t.service_id
	WHERE s.code = 'DD'")" = 1 ] || fail "double tap gave more than one ticket"

# A held finger (button kept down) is one press: one ticket.
dismiss
n=$(lines)
xy=$(center normal LD)
for i in $(seq 1 40); do
	xdotool mousemove $xy mousedown 1
	sleep 0.1
	grep -q '^tap LD' <(tail -n +$((n + 1)) "$tmp/trace") && break
	xdotool mouseup 1
done
wait_trace '^ticket .* LD 0 ' "$n"
wait_trace '^frame [0-9]* ticket$' "$n"
xdotool mouseup 1
dismiss
n=$(lines)
tap_until normal CT '^tap CT 0'
wait_trace '^ticket .* CT 0 ' "$n"
[ "$(sql "SELECT COUNT(*) FROM tickets t JOIN services s ON s.id = t.service_id
	WHERE s.code = 'LD'")" = 1 ] || fail "a held press gave more than one ticket"

# --- 3. Paper out: no ticket, message, recovery ----------------------------
before=$(sql "SELECT COUNT(*) FROM tickets")
echo "paper out" > "$tmp/ctl"
wait_sim paper_out 1
dismiss
n=$(lines)
tap_until normal HT '^tap HT'
wait_trace '^error Máy in hết giấy' "$n"
wait_frame error "$n"
xvfb_screenshot "$shots/paper-out-1920x1080.png"
[ "$(sql "SELECT COUNT(*) FROM tickets")" = "$before" ] || fail "a ticket was issued without paper"
# Back home, the message stays over the buttons while the paper is out.
dismiss
wait_trace '^printer fault'
xvfb_screenshot "$shots/paper-out-home-1920x1080.png"
n=$(lines)
echo "paper ok" > "$tmp/ctl"
wait_trace '^printer ok' "$n"
n=$(lines)
tap_until normal HT '^tap HT'
wait_trace '^ticket 1002 HT 0 ' "$n"   # 1001 was the first: no number lost

# Paper runs out inside a ticket: its number may be on paper, so it stays
# valid (flagged print_unconfirmed) and is shown with a note; the admin
# screen lists it, and its reprint (section 5) clears the flag.
dismiss
echo "paper after 10" > "$tmp/ctl"
wait_sim paper_left 10
n=$(lines)
tap_until normal HT '^tap HT'
wait_trace '^ticket 1003 HT 0 .*unconfirmed' "$n"
wait_frame ticket "$n"
xvfb_screenshot "$shots/ticket-unconfirmed-1920x1080.png"
[ "$(sql "SELECT status || ' ' || print_unconfirmed FROM tickets WHERE number = '1003'")" = \
	"waiting 1" ] || fail "the unconfirmed ticket 1003 is not valid and flagged"
[ "$(sql "SELECT status FROM devices WHERE kind = 'printer'")" = paper_out ] ||
	fail "the printer's fault was not raised"
n=$(lines)
echo "paper ok" > "$tmp/ctl"
wait_trace '^printer ok' "$n"

# --- 4. Live database: a new service appears, a disabled one goes ---------
n=$(lines)
"$motcua" service add TP "Tư pháp" --range 6001-6999 >/dev/null || fail "service add"
wait_trace '^rect normal TP ' "$n"
n=$(lines)
"$motcua" service disable TP >/dev/null || fail "service disable"
wait_trace '^layout .* 5$' "$n"
# Daily cap: a service that reached it is shown full and gives no ticket.
"$motcua" service edit KH --cap 1 >/dev/null || fail "cap"
dismiss
n=$(lines)
tap_until normal KH '^error Đã hết số hôm nay'
[ "$(sql "SELECT COUNT(*) FROM tickets t JOIN services s ON s.id = t.service_id
	WHERE s.code = 'KH'")" = 1 ] || fail "a full service gave a ticket"
dismiss
xvfb_screenshot "$shots/full-1920x1080.png"
"$motcua" service edit KH --cap 0 >/dev/null

# --- 5. Admin: gesture, wrong PIN (logged), right PIN, self-test, reprint, exit
echo 4321 | "$motcua" pin set >/dev/null || fail "pin set"
admin_gesture() {
	local n0 xy
	n0=$(lines)
	xy=$(center corner -)
	xdotool mousemove $xy click --repeat 5 --delay 120 1
	wait_trace '^screen pin' "$n0"
}
pin_tap() {  # digits, then OK
	local d
	for d in $(echo "$1" | grep -o .); do
		if [ "$d" = 0 ]; then tap pinkey 10; else tap pinkey $((d - 1)); fi
	done
	tap pinkey 11
}
admin_gesture
wait_frame pin 0
n=$(lines); tap pinkey 0; tap pinkey 1
wait_trace '^frame [0-9]* pin$' "$n"
xvfb_screenshot "$shots/pin-1920x1080.png"
tap pinkey 9; tap pinkey 9    # delete both
n=$(lines); pin_tap 1111
wait_trace '^pin wrong 0' "$n"
[ "$(sql "SELECT COUNT(*) FROM events WHERE kind = 'admin' AND detail LIKE '%wrong admin PIN%'")" = 1 ] \
	|| fail "wrong PIN not logged in events"
grep -q 'wrong admin PIN' "$tmp/kiosk.log" || fail "wrong PIN not logged"
n=$(lines); pin_tap 4321
wait_trace '^screen admin' "$n"
wait_frame admin "$n"
xvfb_screenshot "$shots/admin-1920x1080.png"
t0=$(sim_state tickets)
n=$(lines); tap admin selftest
wait_trace '^admin selftest 1' "$n"
wait_sim tickets $((t0 + 1))
n=$(lines); tap admin reprint
wait_trace '^admin reprint 1' "$n"
wait_sim tickets $((t0 + 2))
[ "$(sql "SELECT print_unconfirmed FROM tickets WHERE number = '1003'")" = 0 ] ||
	fail "the reprinted ticket 1003 is still flagged"
tap admin exit
for i in $(seq 1 100); do kill -0 "$kpid" 2>/dev/null || break; sleep 0.05; done
kill -0 "$kpid" 2>/dev/null && fail "admin exit did not stop the kiosk"
wait "$kpid"; rc=$?; kpid=
[ $rc = 0 ] || fail "kiosk exit status $rc"

# --- 6. Screenshots at the four sizes --------------------------------------
for size in 1080x1920 1280x800 800x480; do
	xvfb_stop
	xvfb_start "$size" || fail "xvfb $size"
	start_kiosk "$size"
	xvfb_screenshot "$shots/home-$size.png"
	n=$(lines); tap priority HT
	wait_trace '^ticket .* HT 1 ' "$n"
	wait_frame ticket "$n"
	xvfb_screenshot "$shots/ticket-$size.png"
	stop_kiosk
done
echo "ok: screenshots in $shots"
exit 0
