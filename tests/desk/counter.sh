#!/bin/bash
# motcua-counter against a real motcuad (loopback, Xvfb, keys by xdotool):
# F1 calls through the server; when the server is killed the buttons turn
# off and say why, and a key press writes nothing; once the server is back
# on the same port the window recovers by itself and F1 calls again.
#   counter.sh MOTCUA MOTCUAD MOTCUA_COUNTER SOURCE_ROOT
motcua=$1 motcuad=$2 counter=$3 SRC=$4
. "$SRC/tests/desk/lib.sh"
m() { MOTCUA_LOG=warn "$motcua" "$@"; }
serving() { sql "select number from tickets where counter=$1 and status in ('called','serving')"; }
calls() { sql "select count(*) from events where kind='call' and counter=$1"; }
key() { xdotool windowfocus --sync "$wid" 2>/dev/null; xdotool key --clearmodifiers "$@"; }

m init --demo >/dev/null || fail "init"
for i in 1 2 3 4; do m issue HT >/dev/null; done
tok=$(token quay1 --role counter --counter 1)
echo "$tok" >"$tmp/token"
server_up srv
xvfb 1024x640
spawn counter "$counter" --counter 1 --server "$url" --token-file "$tmp/token" --window 1024x640
trace wait --pid "$counter_pid" t=frame mode=main rect=button:next >/dev/null \
	|| fail "no counter window"
wid=$(xdotool search --sync --name "motcua" | head -1)
ok "[ -n '$wid' ]" "the counter window opens on the server's desk"

key F1
wait_for '[ -n "$(serving 1)" ]'
first=$(serving 1)
trace wait --pid "$counter_pid" t=frame "text=$first" >/dev/null
rc=$?; ok "[ $rc = 0 ]" "F1 calls through the server ($first, in the file and on screen)"
ok "[ \$(sql \"select count(*) from requests\") -ge 1 ]" \
	"the call carried an Idempotency-Key (a request row)"

# --- the server dies -----------------------------------------------------------
keep=$port
before=$(lines)
server_kill srv
trace wait --pid "$counter_pid" --after "$before" --timeout 20 t=frame rect=offline:- \
	rect=button-off:next rect=button-off:pause >/dev/null
rc=$?; ok "[ $rc = 0 ]" "server killed: every button off, the window says why"
ok "[ \$(trace count --after $before t=frame rect=offline:-) = \$(trace count --after $before t=frame rect=offline:- rects:button-off=8) ]" \
	"no button stays on while offline (all 8 off in every such frame)"
n_calls=$(calls 1)
key F1
sleep 1
ok "[ \$(calls 1) = $n_calls ] && [ '$(serving 1)' = '$first' ]" "F1 while offline writes nothing"

# --- the server is back -------------------------------------------------------
before=$(lines)
server_up srv2 "$keep"
trace wait --pid "$counter_pid" --after "$before" --timeout 30 t=frame rects:offline=0 \
	rect=button:next >/dev/null
rc=$?; ok "[ $rc = 0 ]" "server back: the buttons come back by themselves"
key F1
wait_for '[ "$(serving 1)" != "$first" ] && [ -n "$(serving 1)" ]'
second=$(serving 1)
trace wait --pid "$counter_pid" t=frame "text=$second" >/dev/null
rc=$?; ok "[ $rc = 0 ]" "F1 calls again ($second)"
ok "[ \$(sql \"select status from tickets where number='$first' order by id desc limit 1\") = done ]" \
	"the first citizen was finished by the call"
finish
