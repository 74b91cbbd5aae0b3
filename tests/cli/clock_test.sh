#!/bin/bash
# A wrong clock never loses the line, on the real CLI with libfaketime
# (README "How the queue behaves"):
#  A. the clock steps 3 days ahead in the same boot (monotonic time real):
#     the day is held, nothing expires, numbering goes on;
#  B. the step cannot be checked (libfaketime fakes the monotonic clock too,
#     as after a reboot): the rollover expires the line, and once the clock
#     is right `motcua day reset` puts back exactly those tickets;
#  C. a time zone whose date is already tomorrow does not end the day early.
set -u
motcua=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
unset MOTCUA_FAKE_NOW
fails=0 n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); echo "not ok $n - $1"; fails=$((fails + 1)); }
check() { if eval "$1"; then ok "$2"; else bad "$2"; sed 's/^/#   /' "$dir/out" "$dir/err"; fi; }
if ! command -v faketime >/dev/null; then
	echo "1..0 # SKIP faketime (Debian package faketime) is not installed"
	exit 0
fi
m() { "$motcua" "$@" >"$dir/out" 2>"$dir/err"; }
ahead() { FAKETIME_DONT_FAKE_MONOTONIC=$1 faketime -f "+3d" "$motcua" "${@:2}" >"$dir/out" 2>"$dir/err"; }
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$dir/out" "$1"; }
q() { sqlite3 "$MOTCUA_DB" "$1"; }
# A day change between two commands would change what is expected: start
# well clear of midnight (Vietnam) or wait for it to pass.
while [ "$(TZ=Asia/Ho_Chi_Minh date +%H%M)" = 2359 ]; do sleep 5; done

# --- A: held by elapsed time ---
export MOTCUA_DB=$dir/a.db
m init --demo
m issue HT; m issue HT; m call 1
today=$(q "SELECT day FROM business_day")
ahead 1 --json issue HT
check '[ "$(field day)" = "$today" ] && [ "$(field number)" = 1003 ]' \
	"A: clock 3 days ahead, same boot: ticket 1003 of today"
check '[ "$(q "SELECT count(*) FROM tickets WHERE status = '"'expired'"'")" = 0 ]' \
	"A: nothing expired"
ahead 1 --json day
check '[ "$(field held)" = True ]' "A: \`motcua day\` says the day is held"
m --json call 2
check '[ "$(field number)" = 1002 ]' "A: the line goes on (1002 called)"
m --json issue HT
check '[ "$(field day)" = "$today" ] && [ "$(field number)" = 1004 ]' \
	"A: clock put right: 1004, same day, nothing to repair"

# --- B: cannot be checked: undone by day reset ---
export MOTCUA_DB=$dir/b.db
m init --demo
m issue HT; m issue HT; m --json issue CT --priority; m issue HT
m call 1; m skip 1; m --json call 2
check '[ "$(field number)" = 1002 ]' "B: counter 2 serves 1002"
ahead 0 --json issue HT
check '[ "$(field number)" = 1001 ] && [ "$(field day)" != "$today" ]' \
	"B: clock and monotonic 3 days ahead: a new day's 1001"
check '[ "$(q "SELECT count(*) FROM tickets WHERE status = '"'expired'"'")" = 3 ]' \
	"B: the wrong rollover expired the line (3 tickets)"
m issue HT
check '[ $? = 5 ] && grep -q "day reset" "$dir/err"' "B: clock put right: issuing refused (5), says day reset"
m --json day reset
check '[ "$(field restored)" = 3 ] && [ "$(field to)" = "$today" ] && [ "$(field expired)" = 1 ]' \
	"B: day reset restores the 3 tickets, expires the wrong day's 1"
states=$(q "SELECT group_concat(number || ':' || status, ' ') FROM (SELECT * FROM tickets WHERE day = $today ORDER BY id)")
check '[ "$states" = "1001:noshow 1002:called 2001:waiting 1003:waiting" ]' \
	"B: exactly those tickets, with their numbers and states ($states)"
check '[ "$(q "SELECT t.number FROM counters c JOIN tickets t ON t.id = c.current_ticket WHERE c.number = 2")" = 1002 ]' \
	"B: 1002 is back at counter 2"
m --json call 1
check '[ "$(field number)" = 1003 ]' "B: counter 1 calls 1003, next in line"
m --json issue HT
check '[ "$(field number)" = 1004 ]' "B: numbering goes on after them (1004)"
m check
check '[ -s "$dir/out" ]' "B: motcua check passes"

# --- C: a zone whose date is already tomorrow ---
export MOTCUA_DB=$dir/c.db
at() { TZ=UTC faketime -f "@$1" "$motcua" "${@:2}" >"$dir/out" 2>"$dir/err"; }
at "2026-11-26 11:00:00" init --demo          # 18:00 in Vietnam
at "2026-11-26 11:00:00" issue HT
at "2026-11-26 11:01:00" set timezone Pacific/Kiritimati   # UTC+14: already 27/11
at "2026-11-26 11:05:00" --json issue HT
check '[ "$(field day)" = 20261126 ] && [ "$(field number)" = 1002 ]' \
	"C: zone already on 27/11: still 26/11, ticket 1002"
at "2026-11-26 17:01:00" --json issue HT       # past midnight in Vietnam
check '[ "$(field day)" = 20261127 ] && [ "$(field number)" = 1001 ]' \
	"C: after the day's own midnight: a new day"

echo "1..$n"
[ $fails = 0 ]
