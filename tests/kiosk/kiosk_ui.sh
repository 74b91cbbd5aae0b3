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
#  - the daily cap shows a service as full: grey, flat, "Đã hết số hôm nay",
#    every text at least 4.5:1 against its ground (kiosk_layout.py);
#  - hidden gesture + PIN: a wrong PIN is refused and logged, the right one
#    opens the admin screen: self-test (its message inside its card), a
#    reprint without paper says why in Vietnamese (the printer fault table),
#    reprint, exit only after "Thoát" in a confirmation;
#  - what the ticket screen drew (the draw trace) is the ticket's number;
#  - screenshots at 1080x1920, 1920x1080, 1280x800 and 800x480 in SHOTS.
# The kiosk's draw trace ($MOTCUA_TRACE, tests/lib/trace.py) is polled; no
# fixed sleeps.
# usage: kiosk_ui.sh MOTCUA SIM KIOSK SHOTS_DIR
set -u
motcua=$1 sim=$2 kiosk=$3 shots=$4
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/xvfb.sh"
trace() { python3 "$here/../lib/trace.py" "$1" "$tmp/trace" "${@:2}"; }

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
	echo "--- trace events (tail)"; grep '"t":"event"' "$tmp/trace" 2>/dev/null | tail -25
	echo "--- kiosk log"; tail -20 "$tmp/kiosk.log" 2>/dev/null
	exit 1
}
export MOTCUA_DB="$tmp/motcua.db"
export MOTCUA_LOG=info

# Waits (up to 15 s) until a trace record after line $1 matches the filters
# that follow (trace.py: what=ticket service=HT, t=frame screen=home, ...).
wait_trace() {
	local after=$1
	shift
	trace wait --after "$after" --pid "$kpid" "$@" >/dev/null || fail "waiting for $*"
}
# True when a record after line $1 matches the filters that follow.
seen() { [ "$(trace count --after "$@")" -gt 0 ]; }
lines() { wc -l < "$tmp/trace"; }
# Waits for the next presented frame of screen $1 after line $2.
wait_frame() { wait_trace "$2" t=frame screen="$1"; }
# Centre of the named rectangle KIND ID in the last frame that drew it.
center() { trace center "$1" "$2"; }
tap() {
	local xy
	xy=$(center "$1" "$2") || fail "no rect $1 $2"
	xdotool mousemove $xy click 1
}
# Taps rect $1 $2 until the trace shows a record matching the filters that
# follow (taps are ignored for a moment after a ticket or a message, so the
# first ones may not count).
tap_until() {
	local xy n0 i kind=$1 id=$2
	shift 2
	xy=$(center "$kind" "$id") || fail "no rect $kind $id"
	n0=$(lines)
	for i in $(seq 1 60); do
		xdotool mousemove $xy click 1
		sleep 0.1
		seen "$n0" "$@" && return 0
	done
	fail "tapping $kind $id never gave $*"
}
# Taps a neutral spot (the title line) until the home screen is back.
dismiss() {
	[ "$(trace field name what=screen)" = home ] && return 0
	tap_until title - what=screen name=home
}
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
	MOTCUA_TRACE="$tmp/trace" "$kiosk" --printer "file:$tmp/printer" --window "$1" \
		>>"$tmp/kiosk.log" 2>&1 &
	kpid=$!
	local ok
	ok=$(trace wait --pid "$kpid" what=printer state=ok) || fail "printer never ok"
	wait_frame home "$ok"
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
wait_trace "$n" what=ticket
wait_frame ticket "$n"
xvfb_screenshot "$shots/ticket-1920x1080.png"
# The ticket screen shows the number issued, in its number box.
num=$(trace field number what=ticket)
[ "$(trace texts --in "number:$num" screen=ticket)" = "$num" ] \
	|| fail "ticket screen shows '$(trace texts --in "number:$num" screen=ticket)', not $num"
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
tap_until priority CT what=tap service=CT priority=1
wait_trace "$n" what=ticket service=CT priority=1
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
	seen "$n" what=tap service=DD && break
done
wait_trace "$n" what=ticket service=DD priority=0
# A later ticket (keyboard: key 5 = the fifth service, KH) proves every
# event of the double tap was handled before it.
dismiss
n=$(lines)
for i in $(seq 1 40); do
	xdotool key 5
	sleep 0.1
	seen "$n" what=tap service=KH && break
done
wait_trace "$n" what=ticket service=KH priority=0
[ "$(sql "SELECT COUNT(*) FROM tickets t JOIN services s ON s.id = t.service_id
	WHERE s.code = 'DD'")" = 1 ] || fail "double tap gave more than one ticket"

# A held finger (button kept down) is one press: one ticket.
dismiss
n=$(lines)
xy=$(center normal LD)
for i in $(seq 1 40); do
	xdotool mousemove $xy mousedown 1
	sleep 0.1
	seen "$n" what=tap service=LD && break
	xdotool mouseup 1
done
wait_trace "$n" what=ticket service=LD priority=0
wait_frame ticket "$n"
xdotool mouseup 1
dismiss
n=$(lines)
tap_until normal CT what=tap service=CT priority=0
wait_trace "$n" what=ticket service=CT priority=0
[ "$(sql "SELECT COUNT(*) FROM tickets t JOIN services s ON s.id = t.service_id
	WHERE s.code = 'LD'")" = 1 ] || fail "a held press gave more than one ticket"

# --- 3. Paper out: no ticket, message, recovery ----------------------------
before=$(sql "SELECT COUNT(*) FROM tickets")
echo "paper out" > "$tmp/ctl"
wait_sim paper_out 1
dismiss
n=$(lines)
tap_until normal HT what=tap service=HT
wait_trace "$n" what=error "title=Máy in hết giấy"
wait_frame error "$n"
xvfb_screenshot "$shots/paper-out-1920x1080.png"
[ "$(sql "SELECT COUNT(*) FROM tickets")" = "$before" ] || fail "a ticket was issued without paper"
# Back home, the message stays over the buttons while the paper is out.
dismiss
wait_trace 0 what=printer state=fault
wait_trace 0 t=frame screen=home rect=banner:printer
xvfb_screenshot "$shots/paper-out-home-1920x1080.png"
n=$(lines)
echo "paper ok" > "$tmp/ctl"
wait_trace "$n" what=printer state=ok
n=$(lines)
tap_until normal HT what=tap service=HT
wait_trace "$n" what=ticket number=1002 service=HT priority=0   # 1001 was the first: no number lost

# Paper runs out inside a ticket: its number may be on paper, so it stays
# valid (flagged print_unconfirmed) and is shown with a note; the admin
# screen lists it, and its reprint (section 5) clears the flag.
dismiss
echo "paper after 10" > "$tmp/ctl"
wait_sim paper_left 10
n=$(lines)
tap_until normal HT what=tap service=HT
wait_trace "$n" what=ticket number=1003 service=HT priority=0 unconfirmed=1
wait_frame ticket "$n"
xvfb_screenshot "$shots/ticket-unconfirmed-1920x1080.png"
[ "$(sql "SELECT status || ' ' || print_unconfirmed FROM tickets WHERE number = '1003'")" = \
	"waiting 1" ] || fail "the unconfirmed ticket 1003 is not valid and flagged"
[ "$(sql "SELECT status FROM devices WHERE kind = 'printer'")" = paper_out ] ||
	fail "the printer's fault was not raised"
n=$(lines)
echo "paper ok" > "$tmp/ctl"
wait_trace "$n" what=printer state=ok

# --- 4. Live database: a new service appears, a disabled one goes ---------
n=$(lines)
"$motcua" service add TP "Tư pháp" --range 6001-6999 >/dev/null || fail "service add"
wait_trace "$n" t=frame rect=normal:TP
n=$(lines)
"$motcua" service disable TP >/dev/null || fail "service disable"
wait_trace "$n" what=layout services=5
wait_trace "$n" t=frame screen=home rects:normal=5
# Daily cap: a service that reached it is shown full and gives no ticket.
"$motcua" service edit KH --cap 1 >/dev/null || fail "cap"
dismiss
n=$(lines)
tap_until normal KH what=error "title=Đã hết số hôm nay"
[ "$(sql "SELECT COUNT(*) FROM tickets t JOIN services s ON s.id = t.service_id
	WHERE s.code = 'KH'")" = 1 ] || fail "a full service gave a ticket"
dismiss
n=$(lines)
wait_trace "$n" t=frame screen=home
xvfb_screenshot "$shots/full-1920x1080.png"
# The full field says why, and every text stays readable (contrast, sizes).
trace texts --in normal:KH screen=home | grep -qx "Đã hết số hôm nay" \
	|| fail "the full field does not say \"Đã hết số hôm nay\": $(trace texts --in normal:KH screen=home)"
"$motcua" --json services >"$tmp/fields.json"
python3 "$here/kiosk_layout.py" check --min-name 28 --min-text 20 "$tmp/trace" \
	"$shots/full-1920x1080.png" "$tmp/fields.json" screen=home >"$tmp/check" \
	|| fail "home screen with a full field: $(cat "$tmp/check")"
"$motcua" service edit KH --cap 0 >/dev/null

# --- 5. Admin: gesture, wrong PIN (logged), right PIN, self-test, reprint, exit
echo 4321 | "$motcua" pin set >/dev/null || fail "pin set"
admin_gesture() {
	local n0 xy
	n0=$(lines)
	xy=$(center corner -)
	xdotool mousemove $xy click --repeat 5 --delay 120 1
	wait_trace "$n0" what=screen name=pin
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
wait_frame pin "$n"
xvfb_screenshot "$shots/pin-1920x1080.png"
tap pinkey 9; tap pinkey 9    # delete both
n=$(lines); pin_tap 1111
wait_trace "$n" what=pin result=wrong locked=0
[ "$(sql "SELECT COUNT(*) FROM events WHERE kind = 'admin' AND detail LIKE '%wrong admin PIN%'")" = 1 ] \
	|| fail "wrong PIN not logged in events"
grep -q 'wrong admin PIN' "$tmp/kiosk.log" || fail "wrong PIN not logged"
n=$(lines); pin_tap 4321
wait_trace "$n" what=screen name=admin
wait_frame admin "$n"
xvfb_screenshot "$shots/admin-1920x1080.png"
t0=$(sim_state tickets)
n=$(lines); tap admin selftest
wait_trace "$n" what=admin action=selftest ok=1
wait_frame admin "$n"
wait_sim tickets $((t0 + 1))
# The result stays inside its card, nothing on the admin screen overlaps.
[ "$(trace texts --in admin:message screen=admin)" = "Đã in phiếu kiểm tra." ] \
	|| fail "self-test message: '$(trace texts --in admin:message screen=admin)'"
python3 "$here/../lib/trace.py" check "$tmp/trace" --min-px 20 screen=admin \
	|| fail "admin screen layout faults"
xvfb_screenshot "$shots/admin-selftest-1920x1080.png"
# A reprint without paper says why in the fault table's Vietnamese, with the advice.
echo "paper out" > "$tmp/ctl"
wait_sim paper_out 1
n=$(lines); tap admin reprint
wait_trace "$n" what=admin action=reprint ok=0
wait_frame admin "$n"
msg=$(trace texts --in admin:message screen=admin | tr '\n' ' ')
case "$msg" in
*"Không in được: Máy in hết giấy"*"Thay cuộn giấy"*) ;;
*) fail "reprint without paper says '$msg'" ;;
esac
case "$msg" in *printer*|*paper*) fail "English in the admin message: '$msg'" ;; esac
python3 "$here/../lib/trace.py" check "$tmp/trace" --min-px 20 screen=admin \
	|| fail "admin screen layout faults (reprint without paper)"
xvfb_screenshot "$shots/admin-paper-out-1920x1080.png"
echo "paper ok" > "$tmp/ctl"
wait_sim paper_out 0
n=$(lines); tap admin reprint
wait_trace "$n" what=admin action=reprint ok=1
wait_sim tickets $((t0 + 2))
[ "$(sql "SELECT print_unconfirmed FROM tickets WHERE number = '1003'")" = 0 ] ||
	fail "the reprinted ticket 1003 is still flagged"
# "Thoát chương trình" asks first: "Không thoát" keeps the kiosk, "Thoát" ends it.
n=$(lines); tap admin exit
wait_trace "$n" what=admin action=confirm-exit
wait_trace "$n" t=frame screen=admin rect=confirm:yes
xvfb_screenshot "$shots/admin-exit-1920x1080.png"
python3 "$here/../lib/trace.py" check "$tmp/trace" --min-px 20 screen=admin rect=confirm:yes \
	|| fail "exit confirmation layout faults"
n=$(lines); tap confirm no
wait_trace "$n" what=admin action=stay
wait_trace "$n" t=frame screen=admin rects:confirm=0
kill -0 "$kpid" 2>/dev/null || fail "the kiosk stopped on \"Không thoát\""
n=$(lines); tap admin exit
wait_trace "$n" t=frame screen=admin rect=confirm:yes
tap confirm yes
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
	wait_trace "$n" what=ticket service=HT priority=1
	wait_frame ticket "$n"
	xvfb_screenshot "$shots/ticket-$size.png"
	stop_kiosk
done
echo "ok: screenshots in $shots"
exit 0
