#!/bin/bash
# motcua-display against a real motcuad (loopback, Xvfb): it shows and
# announces a call; when the server is killed it keeps the last state under
# "Mất kết nối máy chủ"; calls made meanwhile are replayed once the server
# is back on the same port (it reconnects by itself): the fresh one is shown
# and announced, one older than 30 s is shown and not announced.
#   display.sh MOTCUA MOTCUAD MOTCUA_DISPLAY SOURCE_ROOT
motcua=$1 motcuad=$2 display=$3 SRC=$4
. "$SRC/tests/desk/lib.sh"
m() { MOTCUA_LOG=warn "$motcua" "$@"; }
# call N: calls the next citizen to counter N, prints the number called.
call() { m --json call "$1" | sed -n 's/.*"number":"\([^"]*\)".*/\1/p'; }

m init --demo >/dev/null || fail "init"
m set voice_repeat 1 >/dev/null
for i in 1 2 3; do m issue HT >/dev/null; m issue CT >/dev/null; m issue LD >/dev/null; done
tok=$(token screen1 --role display)
server_up srv
xvfb 1280x720
spawn display "$display" --server "$url" --token "$tok" --window 1280x720 --silent
trace wait --pid "$display_pid" whole rect=serving:1 >/dev/null || fail "no frame from the server"
ok "[ \$(trace count whole rects:lost=0) -gt 0 ]" "the display draws the server's desk"

n1=$(call 1)
[ -n "$n1" ] || fail "call 1"
trace wait --pid "$display_pid" whole "event>=$(last_event)" "text=$n1" >/dev/null
rc=$?; ok "[ $rc = 0 ]" "a call made on the server's file reaches the screen ($n1 at counter 1)"
trace wait --pid "$display_pid" what=announce phase=start "label=$n1@1" >/dev/null
rc=$?; ok "[ $rc = 0 ]" "and is announced"

# --- the server dies ---------------------------------------------------------
keep=$port
server_kill srv
trace wait --pid "$display_pid" --timeout 20 whole rect=lost:- "text=Mất kết nối máy chủ" >/dev/null
rc=$?; ok "[ $rc = 0 ]" "server killed: 'Mất kết nối máy chủ' shown"
trace frame whole rect=lost:- >"$tmp/frame"
ok "grep -q '\"$n1\"' '$tmp/frame'" "the last state stays on screen ($n1)"

# Meanwhile, on the server PC: a call now and one stamped 60 s ago.
n2=$(call 2)
n4=$(call 4)
[ -n "$n2" ] && [ -n "$n4" ] || fail "calls 2 and 4"
sql "update events set at_ms = at_ms - 60000 where kind='call' and counter=4"
before=$(lines)

# --- the server is back on the same port -------------------------------------
server_up srv2 "$keep"
trace wait --pid "$display_pid" --after "$before" --timeout 30 whole rects:lost=0 \
	"event>=$(last_event)" "text=$n2" >/dev/null
rc=$?; ok "[ $rc = 0 ]" "server back: the display reconnects by itself, the mark is gone, $n2 shown"
trace frame whole rects:lost=0 "event>=$(last_event)" >"$tmp/frame"
ok "grep -q '\"$n4\"' '$tmp/frame'" "the old call ($n4) is shown too"
trace wait --pid "$display_pid" --after "$before" what=announce phase=start "label=$n2@2" >/dev/null
rc=$?; ok "[ $rc = 0 ]" "the call missed during the outage is announced ($n2)"
ok "[ \$(trace count --after $before what=announce phase=start label=$n4@4) = 0 ]" \
	"the call older than 30 s is not announced ($n4)"
ok "grep -q 'not announcing $n4' '$tmp/display.log'" "and the log says why"

n5=$(call 1)
trace wait --pid "$display_pid" what=announce phase=start "label=$n5@1" >/dev/null
rc=$?; ok "[ $rc = 0 ]" "after the outage, new calls are announced as before ($n5)"
ok "[ \$(trace count what=announce phase=start label=$n1@1) = 1 ]" \
	"no call is announced twice"
finish
