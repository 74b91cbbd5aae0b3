#!/bin/sh
# A slow but healthy printer: the simulator reads at 38400 baud (with-sim.sh
# SIM --baud 38400 -- slow_line.sh MOTCUA). With the default timeout=1500,
# which bounds "no progress" and not a job, the one-time ~32 KB NV upload
# (8.4 s on the wire) and two tickets must go through; and a host killed
# mid-upload must not leave the simulator deaf to the next one.
set -u
m=$1
export MOTCUA_DB="$TEST_TMP/motcua.db"
P="file:$SIM_LINK?profile=epson-tm-t20&nvwrites=1000"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
state() { sed -n "s/^$1=//p" "$SIM_OUT/state"; }
live() { sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM tickets WHERE status <> 'void'"; }

"$m" init --demo >/dev/null || exit 1
[ "$(state baud)" = 38400 ] || fail "simulator not paced: baud=$(state baud)"

# A host that dies half-way through the upload leaves a half-received NV
# image behind; the printer must answer again within a few seconds.
"$m" print-test "$P" >/dev/null 2>&1 &
pid=$!
sleep 2
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
[ "$(live)" = 0 ] || fail "a number was issued by print-test"
i=0
until "$m" printer-status "$P" >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -gt 8 ] && { fail "the printer never answered after a host died mid-upload"; break; }
done
echo "# answered again after $i failed status queries (abandoned=$(state abandoned))"

start=$(date +%s)
"$m" issue HT --print "$P" >/dev/null || fail "first ticket (with the NV upload) failed"
mid=$(date +%s)
"$m" issue CT --print "$P" >/dev/null || fail "second ticket failed"
end=$(date +%s)
echo "# first ticket $((mid - start)) s (NV upload), second $((end - mid)) s"
[ "$(state nv_writes)" -ge 11 ] || fail "NV images stored: $(state nv_writes), expected at least 11"
[ "$(state tickets)" = 2 ] || fail "simulator printed $(state tickets) tickets, expected 2"
for n in 0001 0002; do
	[ -s "$SIM_OUT/ticket-$n.png" ] || fail "ticket-$n.png missing"
done
[ "$(live)" = 2 ] || fail "$(live) live tickets in the database, expected 2"
[ "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM tickets WHERE status = 'void'")" = 0 ] ||
	fail "a ticket was voided"
[ $fails -eq 0 ] && echo "all checks passed"
exit $((fails > 0))
