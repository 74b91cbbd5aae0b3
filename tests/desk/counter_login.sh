#!/bin/bash
# motcua-counter --server with officer accounts (loopback motcuad, Xvfb,
# xdotool): the login screen lists the server's accounts; a wrong PIN is
# refused and counted on the server; the right one makes the counter the
# officer's (POST /counters/N/officer), and the call, finish and rating
# made by the window record the account; F10 logs out.
#   counter_login.sh MOTCUA MOTCUAD MOTCUA_COUNTER SOURCE_ROOT
motcua=$1 motcuad=$2 counter=$3 SRC=$4
. "$SRC/tests/desk/lib.sh"
m() { MOTCUA_LOG=warn "$motcua" "$@"; }
serving() { sql "select number from tickets where counter=$1 and status in ('called','serving')"; }
key() { xdotool windowfocus --sync "$wid" 2>/dev/null; xdotool key --clearmodifiers "$@"; }
type_text() { xdotool windowfocus --sync "$wid" 2>/dev/null; xdotool type --clearmodifiers --delay 30 "$1"; }

m init --demo >/dev/null || fail "init"
sql "update counters set officer = ''"
for i in 1 2 3; do m issue HT >/dev/null; done
echo 1357 | m officer add "Nguyễn Thị Hoa" >/dev/null
echo 2468 | m officer add "Trần Văn Nam" >/dev/null
nam=$(sql "select id from officers where name = 'Trần Văn Nam'")
tok=$(token quay1 --role counter --counter 1)
echo "$tok" >"$tmp/token"
server_up srv
xvfb 1024x640
spawn counter "$counter" --counter 1 --server "$url" --token-file "$tmp/token" --window 1024x640
trace wait --pid "$counter_pid" t=frame mode=login rect=officer:2 >/dev/null \
	|| fail "no login screen"
wid=$(xdotool search --sync --name "motcua" | head -1)
ok "[ -n '$wid' ]" "the counter opens on its login screen, the server's accounts listed"

before=$(lines)
key Down Return
trace wait --pid "$counter_pid" --after "$before" t=frame rect=login:pin "text=Trần Văn Nam" \
	>/dev/null
rc=$?; ok "[ $rc = 0 ]" "Down, Enter: Trần Văn Nam's PIN is asked"
before=$(lines)
type_text 9999
key Return
trace wait --pid "$counter_pid" --after "$before" t=frame "text=Mã PIN không đúng" >/dev/null
rc=$?; ok "[ $rc = 0 ]" "a wrong PIN: Mã PIN không đúng"
ok "[ \"\$(sql \"select count(*) from events where kind = 'admin' and detail like 'quay1 quầy 1: wrong officer Trần Văn Nam PIN%'\")\" = 1 ]" \
	"the wrong PIN is counted on the server, with the device"

before=$(lines)
type_text 2468
key Return
trace wait --pid "$counter_pid" --after "$before" t=frame mode=main \
	"text=Quầy 1 · Trần Văn Nam" >/dev/null
rc=$?; ok "[ $rc = 0 ]" "the right PIN: the counter is Trần Văn Nam's"
key F1
wait_for '[ -n "$(serving 1)" ]'
first=$(serving 1)
key F4
wait_for '[ -z "$(serving 1)" ]'
trace wait --pid "$counter_pid" t=frame mode=rating >/dev/null
key 1
wait_for '[ -n "$(sql "select rating from tickets where number = '"'$first'"'")" ]'
ok "[ \"\$(sql \"select officer_id || ',' || finished_by || ',' || rated_by from tickets where number = '$first'\")\" = '$nam,$nam,$nam' ]" \
	"the call, finish and rating record the account"

before=$(lines)
key F10
trace wait --pid "$counter_pid" --after "$before" t=frame mode=login "text=Đăng nhập cán bộ" \
	>/dev/null
rc=$?; ok "[ $rc = 0 ]" "F10: back to the login screen"
ok "! grep -q '2468\|9999' '$tmp'/*.log" "no PIN in the logs"
finish
